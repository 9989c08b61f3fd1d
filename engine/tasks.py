"""The task types a model can be asked to do, shared by the selector, the inference layer and the turn."""

from __future__ import annotations

from enum import StrEnum


class TaskType(StrEnum):
    """The seed's task types; `tool_selection` is action parsing, `structured_output` is state JSON."""

    NARRATIVE_GENERATION = "narrative_generation"
    TOOL_SELECTION = "tool_selection"
    STRUCTURED_OUTPUT = "structured_output"
    KNOWLEDGE_REASONING = "knowledge_reasoning"
    CREATIVE_WRITING = "creative_writing"
    SIMPLE_QUESTION = "simple_question"
    IN_WORLD_REPLY = "in_world_reply"
    """One or two sentences answering an off-script attempt in the world's voice; changes nothing."""
    NPC_DIALOGUE = "npc_dialogue"
    """A character's improvised reply, in character, from its persona and what it knows; changes nothing."""
