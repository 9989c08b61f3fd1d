"""Text normalisation for phrase matching: case, punctuation, contractions, repeats, misspellings."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

_APOSTROPHES = re.compile(r"['\u2018\u2019\u201b\u02bc\u0060\u00b4]")
_NON_WORD = re.compile(r"[\W_]+")
# "killl", "diiie", "soooo": three or more of one letter collapse to one; the spelling table then
# maps the few words this damages ("kil") back.
_REPEATS = re.compile(r"([a-z])\1{2,}")
# "k i l l": three or more single letters in a row are joined into one word.
_SPACED_OUT = re.compile(r"\b[a-z](?: [a-z]){2,}\b")
_FUZZY_MIN_LEN = 5
# Sentence ends: rules match within one sentence, so "$" in a pattern means "end of sentence".
_SENTENCE_END = re.compile(r"[.!?;\n\r\u2026]+")


def sentences(text: str) -> list[str]:
    """The input split at sentence ends; empty pieces dropped."""
    return [piece for piece in _SENTENCE_END.split(text) if piece.strip()]


def normalize(
    text: str,
    spellings: Mapping[str, str] | None = None,
    fuzzy_words: Iterable[str] = (),
) -> str:
    """Lower-case words separated by single spaces, apostrophes dropped ("don't" -> "dont"),
    known misspellings replaced, and near-misses (one edit) of `fuzzy_words` corrected."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _NON_WORD.sub(" ", text)
    text = _REPEATS.sub(r"\1", text)
    text = _SPACED_OUT.sub(lambda found: found.group(0).replace(" ", ""), text)
    table = spellings or {}
    text = " ".join(text.split())
    for phrase, replacement in table.items():
        if " " in phrase:
            text = re.sub(rf"\b{re.escape(phrase)}\b", replacement, text)
    vocabulary = tuple(fuzzy_words)
    words = []
    for word in text.split():
        words.append(table.get(word) or _closest(word, vocabulary) or word)
    return " ".join(words)


def _closest(word: str, vocabulary: tuple[str, ...]) -> str | None:
    if len(word) < _FUZZY_MIN_LEN or word in vocabulary:
        return None
    for known in vocabulary:
        if within_one_edit(word, known):
            return known
    return None


def within_one_edit(a: str, b: str) -> bool:
    """True if `a` becomes `b` by one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]
