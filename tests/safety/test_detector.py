"""Crisis detector behaviour on its phrase rules: robustness to spelling and form, levels, rule ids, injected
phrase books (the semantic stage is tested in test_semantic.py and test_context.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.safety.detector import CrisisDetector
from engine.safety.phrasebook import load_phrasebook


@pytest.fixture(scope="module")
def detector() -> CrisisDetector:
    return CrisisDetector(semantic=False)


@pytest.mark.parametrize(
    "text",
    [
        "I WANT TO DIE",
        "i want to die.",
        "i   want\tto  die",
        "i want to die!!!???",
        "I want to die…",
        "i wanna die",
        "i want to diiiie",
        "i wnat to die",
        "i want to kill myself",
        "i want to kil myself",
        "i want to kill mysef",
        "i want to kill my self",
        "I\u2019m going to kill myself",
        "im going to kill myself",
        "i am going to kill myself",
        "k i l l myself",
        "i feel suicdal",
        "I don\u2019t want to be alive anymore",
        "i dont want to be alive any more",
    ],
)
def test_direct_statements_survive_case_punctuation_spacing_and_misspelling(
    detector: CrisisDetector, text: str
) -> None:
    assert detector.classify(text).level == "crisis"


def test_result_names_the_rule_and_the_matched_words(detector: CrisisDetector) -> None:
    result = detector.classify("Honestly, everyone would be better off without me.")
    assert result.level == "crisis"
    assert result.rule == "suicide.better_off_without_me"
    assert result.matched == "better off without me"
    assert (result.stage, result.source) == ("rules", "suicide.better_off_without_me")


@pytest.mark.parametrize(("text", "rule"), [
    ("i took 30 paracetamol an hour ago", "imminent.overdose_taken"),
    ("i've already taken all my sleeping pills", "imminent.overdose_taken"),
    ("the knife is against my wrist", "imminent.means_at_hand"),
])
def test_harm_under_way_is_imminent(detector: CrisisDetector, text: str, rule: str) -> None:
    result = detector.classify(text)
    assert (result.level, result.rule) == ("imminent", rule)


@pytest.mark.parametrize("text", ["take all the pills", "i took the pills from the shelf", "drink the poison",
                                  "i'm going to overdose"])
def test_imminent_needs_harm_already_done(detector: CrisisDetector, text: str) -> None:
    assert detector.classify(text).level != "imminent"


def test_nothing_matched_has_no_rule(detector: CrisisDetector) -> None:
    result = detector.classify("kill the spider")
    assert (result.level, result.rule, result.matched) == ("none", None, None)


def test_crisis_wins_over_check_in_in_the_same_input(detector: CrisisDetector) -> None:
    assert detector.classify("i hate myself").level == "check-in"
    assert detector.classify("i hate myself and i want to die").level == "crisis"


def test_a_later_sentence_can_raise_the_level(detector: CrisisDetector) -> None:
    assert detector.classify("Go north. Open the door. I want to end my life.").level == "crisis"


@pytest.mark.parametrize("text", ["my character wants to die", "my hero is suicidal", "the knight kills himself"])
def test_fiction_in_third_person_gets_a_check_in(detector: CrisisDetector, text: str) -> None:
    assert detector.classify(text).level == "check-in"


def test_first_person_inside_the_fiction_is_still_a_crisis(detector: CrisisDetector) -> None:
    assert detector.classify("as the knight, I want to kill myself").level == "crisis"


def test_negation_gets_a_check_in_not_silence(detector: CrisisDetector) -> None:
    assert detector.classify("i don't want to die").level == "check-in"


@pytest.mark.parametrize(
    "text",
    [
        "i cut myself free",
        "cut the rope",
        "hang the coat",
        "the lamp is dead",
        "die roll",
        "shoot myself out of the cannon",
        "i'm going to kill the dragon",
    ],
)
def test_game_commands_do_not_fire(detector: CrisisDetector, text: str) -> None:
    assert detector.classify(text).level == "none"


def test_hostile_long_input_is_handled(detector: CrisisDetector) -> None:
    # A run of filler words must not make the regexes backtrack for ages (checked by finishing at all).
    assert detector.classify("i think i " * 300 + "x").level == "none"
    assert detector.classify(("i think i " * 300) + "want to die").level == "crisis"


def test_an_injected_phrase_book_replaces_the_packaged_one(tmp_path: Path) -> None:
    book = tmp_path / "phrases.yaml"
    book.write_text(
        "version: 7\n"
        "macros: {thing: '(?:lantern|lamp)'}\n"
        "spellings: {lamb: lamp}\n"
        "rules:\n"
        "  - id: test.lamp\n"
        "    level: check-in\n"
        "    about: a test rule\n"
        "    patterns: ['broken {thing}']\n",
        encoding="utf-8",
    )
    detector = CrisisDetector(load_phrasebook(book), semantic=False)
    assert detector.version == 7
    assert detector.classify("A BROKEN LAMB!").rule == "test.lamp"
    assert detector.classify("i want to die").level == "none"


@pytest.mark.parametrize(("text", "level"), [
    ("kill myself in the game to respawn faster", "none"),
    ("i want to die in the arena with honour", "none"),
    ("my boss will kill me if i'm late", "none"),
    ("my battery is at 2% im gonna die", "none"),
    ("my sister hit me with a pillow", "none"),
    ("how do i help a friend who is feeling suicidal", "none"),
    # the same words said as real stay a crisis: the exceptions never apply to "not in the game", "irl"
    ("not in the game, i want to kill myself", "crisis"),
    ("i want to die for real, not in the game", "crisis"),
    ("he said he will kill me if i tell", "crisis"),
])
def test_rule_exceptions_are_precise(text: str, level: str) -> None:
    found = CrisisDetector().classify(text).level
    assert found in ({"crisis", "imminent"} if level == "crisis" else {level})
