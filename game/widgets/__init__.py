"""Widgets, grouped by feature: narration, status, stats."""
