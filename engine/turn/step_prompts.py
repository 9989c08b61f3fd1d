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


REPLY_SYSTEM = (
    "You narrate a gentle text adventure. The player tries something the game has no action for. "
    "Answer in one or two short sentences, second person, present tense, about how it feels. "
    "Nothing changes: nothing is taken, opened, given or moved, and the player stays where they are. "
    "Mention only what is listed."
)


def reply_messages(facts: SceneFacts, player_text: str, things: Sequence[str]) -> list[Message]:
    """Chat messages asking for an in-world reply to an off-script attempt; the player's words are quoted data."""
    listed = ", ".join(things) or "nothing in particular"
    return [
        Message(role="system", content=REPLY_SYSTEM),
        Message(role="user", content=(
            f"Place: {facts.title}. {facts.description}\nHere: {listed}.\n"
            f"The player tries: {quote_for_prompt(player_text)}\nReply:")),
    ]


def reply_prompt(facts: SceneFacts, player_text: str) -> str:
    """Plain completion prompt for base models."""
    return (f"A gentle text adventure, in the second person.\nPlace: {facts.title}. {facts.description}\n"
            f"The player tries: {quote_for_prompt(player_text)}\nWhat happens (nothing changes):")


def npc_messages(name: str, persona: str, knows: Sequence[str], facts: SceneFacts, player_text: str,
                 ) -> list[Message]:
    """Chat messages asking a character to answer in character, from what it knows only."""
    known = " ".join(knows) or "nothing beyond what is in the room"
    return [
        Message(role="system", content=(
            f"You are {name} in a gentle text adventure. {persona} Answer in one or two short sentences, "
            "in character. Say only things from what you know; if you do not know, say so kindly. "
            "Never give or promise anything.")),
        Message(role="user", content=(
            f"Place: {facts.title}.\nWhat you know: {known}\n"
            f"The player says: {quote_for_prompt(player_text)}\n{name}:")),
    ]
