"""The game's screens: title, play, crisis, saves, stats, settings and small dialogs."""
