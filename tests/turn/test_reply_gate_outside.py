"""The reply gate withdraws words from outside the fiction, unless the scene names them or a character says them."""

from __future__ import annotations

from engine.safety import OutputGuard
from engine.turn.grounding_check import GroundingCheck
from engine.turn.reply_gate import ReplyGate


def _gate(speaker: bool = False, present: tuple[str, ...] = ("lighthouse", "stone wall")) -> ReplyGate:
    return ReplyGate(OutputGuard(), GroundingCheck(frozenset()), present, speaker=speaker)


def test_the_narrator_never_talks_about_the_game_or_the_player() -> None:
    for text in ("The game is set by the lighthouse, and you look up at it.",
                 "You feel like a player in a text adventure under the lighthouse.",
                 "As an AI, I cannot wave, but you can see the lighthouse."):
        verdict = _gate().problem(text)
        assert verdict is not None and verdict[0] == "invalid", text


def test_what_the_scene_names_and_a_characters_story_are_fine() -> None:
    board = _gate(present=("game board", "lighthouse"))
    assert board.problem("You glance at the game board by the lighthouse.") is None
    assert _gate(speaker=True).problem('"Sit down and I\'ll tell you a story about that lighthouse."') is None
