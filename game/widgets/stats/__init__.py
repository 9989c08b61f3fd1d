"""Charts for the stats screen."""
