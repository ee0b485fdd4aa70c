"""Farming screens: plots tab, crop-cycle sheet, enterprises, the farming area (issue 15)."""
