"""Tense drift: past forms the author never used are caught; quoted speech and the author's own are not."""

from engine.turn.tense import tense_drift


def test_a_past_form_the_author_never_used_is_drift() -> None:
    assert tense_drift("The earth beyond the gate was rosemary.", "You can smell rosemary and wet earth.") == "was"
    assert tense_drift("You didn't see the boats.", "A few boats knock together.") == "didn't"


def test_the_authors_own_past_and_quoted_speech_are_fine() -> None:
    assert tense_drift("The lamp was lit every night.", "For forty years the lamp was lit every night.") is None
    assert tense_drift('Mara says, "It was my husband\'s."', "Mara stands by the stove.") is None
    assert tense_drift("You wave, and the lighthouse stands dark.") is None


def test_the_authors_own_participle_told_again_is_fine() -> None:
    porch = "A wooden porch, swept once today and snowed over since."
    assert tense_drift("The porch is snowed over since it was swept.", porch) is None
    assert tense_drift("The porch was cold and snowed over.", porch) == "was"
