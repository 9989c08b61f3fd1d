"""Author mode: the state inspector, validation problems, and the story-file watch."""
