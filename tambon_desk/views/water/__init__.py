"""The water-account screens: sources, rainfall, demand, the monthly balance with its
what-if panel, and the water-use agreements (`screen.WaterView` holds them as tabs)."""
