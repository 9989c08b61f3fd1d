"""Prompts for the three model steps; player text enters only as quoted data, never as instructions."""

from __future__ import annotations

from collections.abc import Sequence

from engine.core.game import SceneFacts
from engine.inference.base import Message
from engine.safety import quote_for_prompt

NARRATOR_SYSTEM = (
    "You rewrite passages from a gentle text adventure. Keep every fact. Add nothing new. "
    "Second person, present tense. Two sentences."
)


def narration_messages(authored: str, recent: Sequence[str] = ()) -> list[Message]:
    """Chat messages asking for a faithful retelling of the authored outcome."""
    context = ""
    if recent:
        context = "Earlier: " + " ".join(recent[-1:]) + "\n\n"
    return [
        Message(role="system", content=NARRATOR_SYSTEM),
        Message(role="user", content=f"{context}Rewrite: {authored}"),
    ]


def narration_prompt(facts: SceneFacts, authored: str) -> str:
    """Plain completion prompt for base models without a chat template."""
    return (
        "A gentle text adventure, retold in the second person.\n\n"
        f"{facts.title}.\nOriginal: {authored}\nRetold:"
    )


def choice_prompt(facts: SceneFacts, player_text: str) -> str:
    """Prompt whose continuation is one of the legal actions (ranked by likelihood)."""
    return (
        "In a text adventure, a player typed a command. Pick the game action it means.\n"
        f"Place: {facts.title}. Things here: {', '.join(facts.items) or 'nothing'}. "
        f"People here: {', '.join(facts.npcs) or 'no one'}. "
        f"Carrying: {', '.join(facts.inventory) or 'nothing'}.\n"
        f"Player typed: {quote_for_prompt(player_text)}\n"
        "Game action:"
    )


def state_update_prompt(facts: SceneFacts, narration: str, fields: Sequence[str], current: dict[str, object]) -> str:
    """Prompt for a JSON proposal that may only touch the listed fields."""
    now = ", ".join(f"{k}={v!r}" for k, v in current.items()) or "nothing yet"
    return (
        "You keep the notes of a text adventure. After this turn, propose small updates as JSON.\n"
        f"Fields you may set: {', '.join(fields)}. Current values: {now}.\n"
        f"Place: {facts.title}\nThis turn: {narration}\nJSON:"
    )
