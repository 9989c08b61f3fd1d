"""Checks on authored values themselves: text sizes, terminal-unsafe characters, number ranges, empty prompts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine.controlchars import describe_char, first_unsafe
from engine.story.model import Story
from engine.yamlpos import Problem, YamlDoc

Loc = tuple[int | str, ...]

TEXT_LIMITS = {"title": 200, "name": 100, "author": 200, "version": 50, "id": 100, "verb": 50, "player": 500}
"""Most characters for short, one-line fields (they head screens and lists)."""
WORD_LISTS = frozenset({"aliases", "adjectives", "synonyms", "must_mention"})
WORD_LIMIT = 100
"""Most characters of one entry of a word list (aliases, synonyms...)."""
KEY_LIMIT = 100
"""Most characters of an id used as a key (scene, item, NPC, flag names)."""
TEXT_LIMIT = 20_000
"""Most characters of any other text (descriptions, scene text, notes, talk)."""
_BEAT_KEYS = frozenset({"beat"})


def limit_problems(story: Story, doc: YamlDoc) -> list[Problem]:
    """Every oversized or unsafe text, empty beat prompt and inconsistent range, located in `doc`."""
    problems = list(_texts(doc, doc.data, ()))
    problems.extend(_ranges(story, doc))
    return problems


def _texts(doc: YamlDoc, value: Any, loc: Loc) -> Iterator[Problem]:
    """Walk the document as written (iteratively, so no depth is too deep), checking every string."""
    stack: list[tuple[Any, Loc]] = [(value, loc)]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                if isinstance(key, str):
                    yield from _key(doc, key, (*loc, key))
                if loc and loc[-1] in _BEAT_KEYS and key == "prompt" and isinstance(child, str) \
                        and not child.strip():
                    yield doc.problem((*loc, key), "a beat's `prompt` is empty; write what the player is asked")
                stack.append((child, (*loc, key)))
        elif isinstance(value, list):
            stack.extend((child, (*loc, index)) for index, child in enumerate(value))
        elif isinstance(value, str):
            yield from _string(doc, value, loc)


def _key(doc: YamlDoc, key: str, loc: Loc) -> Iterator[Problem]:
    if len(key) > KEY_LIMIT:
        yield doc.problem(loc, f"the name '{key[:30]}...' is {len(key):,} characters long; the limit is {KEY_LIMIT}")
    unsafe = first_unsafe(key)
    if unsafe is not None:
        yield doc.problem(loc, f"the name {key[:30]!r} contains {describe_char(unsafe[1])}, a control character; "
                               "remove it")


def _string(doc: YamlDoc, text: str, loc: Loc) -> Iterator[Problem]:
    field = _field(loc)
    limit = WORD_LIMIT if _in_word_list(loc) else TEXT_LIMITS.get(field, TEXT_LIMIT)
    if len(text) > limit:
        yield doc.problem(loc, f"`{field}` is {len(text):,} characters long; the limit is {limit:,}")
    unsafe = first_unsafe(text)
    if unsafe is not None:
        index, char = unsafe
        kind = "an escape code that could drive the player's terminal" if char == "\x1b" else "a control character"
        yield doc.problem(loc, f"`{field}` contains {describe_char(char)} (character {index + 1}), {kind}; "
                               "remove it")


def _ranges(story: Story, doc: YamlDoc) -> Iterator[Problem]:
    for name, var in story.vars.items():
        where: tuple[str, ...] = ("vars", name)
        if var.min is not None and var.max is not None and var.min > var.max:
            yield doc.problem(where, f"var '{name}': min {var.min} is greater than max {var.max}")
            continue
        if var.min is not None and var.initial < var.min:
            yield doc.problem(where, f"var '{name}': initial {var.initial} is below min {var.min}")
        if var.max is not None and var.initial > var.max:
            yield doc.problem(where, f"var '{name}': initial {var.initial} is above max {var.max}")
    for name, update in story.model_updates.vars.items():
        where = ("model_updates", "vars", name)
        if update.min > update.max:
            yield doc.problem(where, f"model_updates var '{name}': min {update.min} is greater than max {update.max}")


def _field(loc: Loc) -> str:
    """The nearest key name along `loc` (list indexes skipped): the field a string belongs to."""
    return next((str(part) for part in reversed(loc) if isinstance(part, str)), "text")


def _in_word_list(loc: Loc) -> bool:
    return len(loc) >= 2 and isinstance(loc[-1], int) and loc[-2] in WORD_LISTS
