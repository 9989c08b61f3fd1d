"""Clause splitting for the semantic stage, and the now-word rule that makes a crisis imminent."""

from __future__ import annotations

from engine.safety.clauses import MAX_CLAUSES, clauses
from engine.safety.exemplars import load_bank
from engine.safety.semantic import SemanticResult, urgent


def test_short_sentences_are_judged_whole() -> None:
    assert clauses("i went to the shops and back") == []
    assert clauses("go north") == []


def test_a_long_sentence_gives_its_clauses_and_neighbouring_pairs() -> None:
    found = clauses("we played football at lunch and it was fun, then i went home and hid in my room all night")
    assert "we played football at lunch" in found
    assert "then i went home" in found
    assert all(len(part.split()) >= 3 for part in found)
    assert len(found) <= MAX_CLAUSES


def test_a_sentence_without_breaks_has_no_clauses() -> None:
    assert clauses("i walked along the long road through the quiet village at night") == []


def _result(bank_scores: dict[str, float], counter: float = 0.1) -> SemanticResult:
    bank = load_bank()
    scores = tuple((c.name, bank_scores.get(c.name, 0.0)) for c in bank.categories)
    name, score = max(scores, key=lambda pair: pair[1])
    return SemanticResult("crisis", name, score, counter, scores)


def test_now_word_makes_imminent_only_when_an_imminent_category_reaches_its_threshold() -> None:
    bank = load_bank()
    imminent = next(c for c in bank.categories if c.tier == "imminent")
    reached = _result({"suicidal": 0.9, imminent.name: imminent.thresholds.crisis + 0.01})
    assert urgent(bank, reached).tier == "imminent"
    assert urgent(bank, reached).category == imminent.name
    short = _result({"suicidal": 0.9, imminent.name: imminent.thresholds.crisis - 0.05})
    assert urgent(bank, short).tier == "crisis"


def test_the_bank_lists_now_words() -> None:
    assert {"now", "already", "ago"} <= set(load_bank().now_words)
