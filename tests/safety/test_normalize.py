"""Normalisation used before phrase matching."""

from __future__ import annotations

from engine.safety.normalize import normalize, sentences, within_one_edit


def test_case_apostrophes_punctuation_and_spacing() -> None:
    assert normalize("  I\u2019M   so—TIRED, don't   you think?! ") == "im so tired dont you think"


def test_repeated_letters_and_spaced_out_words() -> None:
    assert normalize("noooo wayyy") == "no way"
    assert normalize("k i l l it") == "kill it"


def test_spelling_table_handles_words_and_phrases() -> None:
    table = {"kil": "kill", "my self": "myself", "kms": "kill myself"}
    assert normalize("kil my self", table) == "kill myself"
    assert normalize("kms", table) == "kill myself"
    assert normalize("skill", table) == "skill"


def test_fuzzy_words_fix_one_edit_in_long_words_only() -> None:
    assert normalize("suicdie sucide suicides", fuzzy_words=["suicide"]) == "suicide suicide suicide"
    assert normalize("suit", fuzzy_words=["suit"]) == "suit"
    assert normalize("myselg", fuzzy_words=["myself"]) == "myself"
    assert normalize("mystery", fuzzy_words=["myself"]) == "mystery"


def test_within_one_edit() -> None:
    assert within_one_edit("abcd", "abdc")
    assert within_one_edit("abcd", "abd")
    assert not within_one_edit("abcd", "badc")
    assert not within_one_edit("abcd", "ab")


def test_sentences_split_at_ends() -> None:
    assert sentences("Go north. Then? wait!\nok…") == ["Go north", " Then", " wait", "ok"]
