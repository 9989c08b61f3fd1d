"""Safety and wellbeing: crisis care before any model, output guard, safe rendering."""
