"""Tambon Desk: information system for a Thai tambon information centre."""

__version__ = "0.1.0"
