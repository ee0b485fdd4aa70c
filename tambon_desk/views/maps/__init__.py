"""The map screen (screen.MapView) and the offline map canvas (canvas.MapCanvas)."""
