"""Panels beside the story: where you are, what you carry, which models served the turn."""
