"""The pre-written crisis response, help resources from settings, grounding and framing text."""

from __future__ import annotations

import pytest

from engine.safety.config import HelpResource, SafetyConfig, default_resources
from engine.safety.detector import Classification
from engine.safety.framing import DISCLAIMER, content_notes_notice
from engine.safety.grounding import GROUNDING_STEPS
from engine.safety.response import CHECK_IN_MESSAGE, CRISIS_MESSAGE, IMMINENT_MESSAGE, OPTIONS, crisis_response

CRISIS = Classification("crisis", "suicide.want_to_die", "i want to die")
CHECK_IN = Classification("check-in", "checkin.distress", "i hate myself")
IMMINENT = Classification("imminent", "imminent.overdose_taken", "i took all my pills")
UK = HelpResource(name="Samaritans", contact="116 123", note="Free, day or night.")


def test_crisis_gets_the_crisis_message_resources_and_three_options() -> None:
    response = crisis_response(CRISIS, SafetyConfig())
    assert response.level == "crisis"
    assert response.message == CRISIS_MESSAGE
    assert response.resources == default_resources()["international"]
    assert response.options == ["keep playing", "try a grounding exercise", "quit for now"]


def test_check_in_asks_gently() -> None:
    response = crisis_response(CHECK_IN, SafetyConfig())
    assert response.level == "check-in"
    assert response.message == CHECK_IN_MESSAGE
    assert response.message.startswith("That sounded like it might be about you, not the story — is it?")
    assert response.options == OPTIONS
    assert response.emergency == ""


def test_imminent_puts_the_emergency_line_first() -> None:
    response = crisis_response(IMMINENT, SafetyConfig())
    assert response.level == "imminent" and response.message == IMMINENT_MESSAGE
    assert "emergency number now" in response.emergency
    assert crisis_response(CRISIS, SafetyConfig()).emergency == ""


def test_the_emergency_line_comes_from_the_locale() -> None:
    resources = {"uk": [UK], "fr": [UK], "international": default_resources()["international"]}
    config = SafetyConfig(locale="uk", resources=resources,
                          emergency={"uk": "Call 999 now.", "international": "Call 112."})
    assert crisis_response(IMMINENT, config).emergency == "Call 999 now."
    fallback = SafetyConfig(locale="fr", resources=resources, emergency={"international": "Call 112."})
    assert crisis_response(IMMINENT, fallback).emergency == "Call 112."


def test_resources_come_from_the_configured_locale() -> None:
    config = SafetyConfig(locale="uk", resources={"uk": [UK], "international": default_resources()["international"]})
    assert crisis_response(CRISIS, config).resources == [UK]


def test_unknown_locale_is_an_error_but_lookups_fall_back_to_international() -> None:
    with pytest.raises(ValueError, match="unknown safety.locale 'fr' \\(known: international, uk\\)"):
        SafetyConfig(locale="fr", resources={"uk": [UK], "international": [UK, UK]})
    config = SafetyConfig(resources={"uk": [UK], "international": [UK, UK]})
    assert config.resources_for("fr") == [UK, UK]


def test_resources_are_never_empty_even_if_settings_list_none() -> None:
    config = SafetyConfig(resources={})
    assert crisis_response(CRISIS, config).resources == default_resources()["international"]


def test_no_response_for_none() -> None:
    with pytest.raises(ValueError, match="none"):
        crisis_response(Classification("none"), SafetyConfig())


def test_responses_are_copies_not_shared_lists() -> None:
    first = crisis_response(CRISIS, SafetyConfig())
    first.options.append("something else")
    assert crisis_response(CRISIS, SafetyConfig()).options == OPTIONS


def test_grounding_walks_through_five_four_three_two_one() -> None:
    counted = [
        next(
            (n for n in "54321" if f"Notice {n} " in step or f"notice {n} " in step or f"Listen for {n} " in step), None
        )
        for step in GROUNDING_STEPS
    ]
    assert [n for n in counted if n] == list("54321")


def test_disclaimer_says_it_is_not_professional_care() -> None:
    assert "not a substitute for professional care" in DISCLAIMER


def test_content_notes_notice_lists_each_note() -> None:
    notice = content_notes_notice("The Quiet Lake", ["grief", " loss of a parent ", ""])
    assert "The Quiet Lake" in notice
    assert "  • grief\n  • loss of a parent\n" in notice
    assert "pause or quit at any time" in notice


def test_content_notes_notice_without_notes() -> None:
    assert content_notes_notice("Meadow", []) == "“Meadow” has no content notes. You can pause or quit at any time."
