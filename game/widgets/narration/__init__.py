"""The narration log and the command input."""
