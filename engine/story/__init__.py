"""Story content: the immutable schema, its loader and its validator."""

from engine.story.loader import StoryError, discover_stories, load_story, story_file, validate_story
from engine.story.model import Beat, Ending, Item, Npc, Scene, Story, StoryAction

__all__ = ["Beat", "Ending", "Item", "Npc", "Scene", "Story", "StoryAction", "StoryError", "discover_stories",
           "load_story", "story_file", "validate_story"]
