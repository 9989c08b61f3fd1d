"""Questions the engine answers itself (issue 16, item 2): paraphrases, not only the examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.story.loader import bundled_stories_root
from engine.turn.events import SystemText, TurnDone
from engine.turn.questions import question_kind
from tests.turn.conftest import Build, make_settings, play

# Written as players put it, not copied from the patterns.
PARAPHRASES = {
    "place": ["Where exactly am I?", "so where are we now", "what's this place", "what kind of place is this?",
              "hmm, where have I ended up", "describe my surroundings please", "what's around me?"],
    "exits": ["where can I go from here?", "which way now", "what are my exits", "how do I get out of here",
              "where does this path lead?", "any other paths?", "where else could we head"],
    "inventory": ["what am I carrying?", "what do i have on me", "what's in my pockets",
                  "check my bag", "have I got anything?", "am I holding anything"],
    "role": ["who am I?", "who am i supposed to be", "why am I here", "what is my role in this",
             "what am I doing here?"],
    "hint": ["what should I do now?", "I'm stuck", "any ideas?", "what now", "what am I supposed to do",
             "what do I have to do next", "give me a clue"],
}
NOT_QUESTIONS = ["take the key", "go north", "what is this stone made of and can I take it home to my sister",
                 "help the girl", "I feel lost", "look at the crab", "open the gate", "talk to mara",
                 "ask mara about the light", "where is mara"]


@pytest.mark.parametrize(("kind", "text"), [(k, t) for k, texts in PARAPHRASES.items() for t in texts])
def test_paraphrases_find_their_question(kind: str, text: str) -> None:
    assert question_kind(text) == kind


@pytest.mark.parametrize("text", NOT_QUESTIONS)
def test_commands_and_talk_are_left_alone(text: str) -> None:
    assert question_kind(text) is None


@pytest.fixture
def story_dir() -> Path:
    """The Lantern House, which says who the player is."""
    return bundled_stories_root() / "lantern_house"


def _said(events: list) -> str:
    return " ".join(e.text for e in events if isinstance(e, SystemText))


def test_answers_on_the_rules_profile_change_nothing(build: Build) -> None:
    pipeline, _ = build(make_settings({}, ))
    play(pipeline, "skip")
    turn = pipeline.game.state.turn
    exits = play(pipeline, "where can I go?")
    assert "north to The Garden Gate" in _said(exits) and "east to The Tide Pools" in _said(exits)
    assert "traveller who came over on the evening ferry" in _said(play(pipeline, "who am i?"))
    assert "Shore Path" in _said(play(pipeline, "what is this place?"))
    assert "carrying nothing" in _said(play(pipeline, "what do I have?"))
    # ("what should I do?" is answered the same way, but the safety tier currently reads it as a crisis.)
    assert "lit window" in _said(play(pipeline, "any ideas?"))
    assert pipeline.game.state.turn == turn
    assert not any(e.advanced for e in play(pipeline, "where am i") if isinstance(e, TurnDone))
