"""The check-in asks "is it?": its answers are understood, not met with the option menu again."""

from __future__ import annotations

import pytest

from engine.safety.response import OPTIONS, CrisisResponse
from engine.turn.crisis_flow import CrisisFlow
from engine.turn.events import SystemText, TurnDone


def _flow(level: str) -> CrisisFlow:
    return CrisisFlow(CrisisResponse(level=level, message="…", resources=[], options=list(OPTIONS)))  # type: ignore[arg-type]


def _said(events: list[object]) -> str:
    return " ".join(e.text for e in events if isinstance(e, SystemText))


@pytest.mark.parametrize("answer", ["no", "No.", "nope", "nah, I'm fine", "not really", "no, it's fine",
                                    "i'm okay", "no thanks"])
def test_no_to_the_check_in_goes_back_to_the_story(answer: str) -> None:
    events, resume = _flow("check-in").handle(answer)
    assert resume and "Back to the story" in _said(events)


@pytest.mark.parametrize("level", ["check-in", "crisis", "imminent"])
@pytest.mark.parametrize("answer", ["it was the story", "that's just my character", "it was part of the game",
                                    "no, that was in the story", "only roleplaying"])
def test_saying_it_was_the_story_resumes_at_every_tier(level: str, answer: str) -> None:
    events, resume = _flow(level).handle(answer)
    assert resume, _said(events)


@pytest.mark.parametrize("level", ["crisis", "imminent"])
def test_a_bare_no_after_a_crisis_screen_keeps_the_options(level: str) -> None:
    # After "it sounds like you are going through something painful", "no" answers nothing asked: stay paused.
    events, resume = _flow(level).handle("no")
    assert not resume and any(isinstance(e, TurnDone) for e in events)


@pytest.mark.parametrize("answer", ["yes", "yeah", "yeah kind of", "a bit", "i think so", "yes it is"])
def test_yes_is_thanked_and_the_help_stays(answer: str) -> None:
    events, resume = _flow("check-in").handle(answer)
    assert not resume
    assert "Thank you for telling me" in _said(events) and "keep playing" in _said(events)


def test_a_story_command_still_gets_the_options() -> None:
    events, resume = _flow("check-in").handle("north")
    assert not resume and "choose one" in _said(events)
