"""The deterministic command parser: text -> an action the story knows here, a question, or "not understood"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.core.actions import Action
from engine.core.rules.known import Known, known_actions
from engine.parser.motion import move
from engine.parser.objects import match_things
from engine.parser.resolve import resolve
from engine.parser.result import ParseResult, not_understood, question
from engine.parser.words import BUILTIN_PHRASES, CONJUNCTIONS, DIRECTIONS, LEADING, MOTION, verb_phrases, words_of

if TYPE_CHECKING:
    from engine.core.game import Game

__all__ = ["ParseResult", "parse", "question"]

# "make a wish", "take a deep breath": a light verb whose noun is the real verb.
_LIGHT = {"make", "have", "take", "give", "do"}
Phrases = dict[tuple[str, ...], str]


def parse(text: str, game: Game, pending: ParseResult | None = None) -> ParseResult:
    """Parse one command. Pass the previous result as `pending` to let "the red one" answer its question."""
    words = words_of(text)
    if not words:
        return ParseResult(kind="empty")
    if pending is not None and pending.kind == "question":
        chosen = _answer_question(game, words, pending.candidates)
        if chosen is not None:
            return ParseResult(kind="action", action=chosen)
    known = known_actions(game.story, game.state)
    phrases = verb_phrases(game.story.story_verbs)
    first: ParseResult | None = None
    for reading in readings(words):
        result = _parse_reading(game, known, phrases, reading)
        if result.kind in ("action", "question"):
            return result
        first = first or result
    return first or not_understood(f"I don't know how to \"{' '.join(words)}\".")


def readings(words: list[str]) -> list[list[str]]:
    """The commands in a line: each clause ("unlock the door and go in"), without words that carry none."""
    clauses: list[list[str]] = [[]]
    for word in words:
        if word in CONJUNCTIONS:
            clauses.append([])
        else:
            clauses[-1].append(word)
    return [clause for clause in (_without_leading(c) for c in clauses) if clause]


def _without_leading(words: list[str]) -> list[str]:
    changed = True
    while changed:
        changed = False
        for head in LEADING:
            if len(words) > len(head) and tuple(words[: len(head)]) == head:
                words, changed = words[len(head):], True
    return words


def _split_verb(words: list[str], phrases: Phrases) -> tuple[str | None, list[str]]:
    for size in (4, 3, 2, 1):
        head = tuple(words[:size])
        if len(head) == size and head in phrases:
            return phrases[head], words[size:]
    # A two-word verb around its object: "switch the lamp on", "turn it off".
    for phrase, verb in phrases.items():
        if len(phrase) == 2 and len(words) > 2 and words[0] == phrase[0] and words[-1] == phrase[1]:
            return verb, words[1:-1]
    return None, words


def _light_verb(words: list[str], phrases: Phrases) -> tuple[str, list[str]] | None:
    if words[0] not in _LIGHT:
        return None
    for index in range(1, min(3, len(words))):
        for form in (words[index], words[index] + "e"):
            if (form,) in phrases and form not in _LIGHT:
                return phrases[(form,)], words[index + 1:]
    return None


def _parse_reading(game: Game, known: list[Known], phrases: Phrases, words: list[str]) -> ParseResult:
    story, state = game.story, game.state
    if len(words) == 1 and words[0] in DIRECTIONS:
        return ParseResult(kind="action", action=Action(verb="go", obj=DIRECTIONS[words[0]]))
    head = words[0]
    verb, rest = _split_verb(words, phrases)
    if verb is None:
        light = _light_verb(words, phrases)
        if light is None and head not in MOTION:
            return not_understood(f"I don't know how to \"{' '.join(words)}\".")
        verb, rest = light or (head, words[1:])
    if verb == "go" or (verb in MOTION and verb not in story.story_verbs and (verb,) not in BUILTIN_PHRASES):
        moved = move(story, state, head, rest)
        if moved is not None:
            return ParseResult(kind="action", action=moved)
        return not_understood("Which way? Try a direction such as north, or n.")
    if head == "i" and rest:
        # "I feel a bit lonely": a sentence about the player, never the inventory.
        return not_understood(f"I don't know how to \"{' '.join(words)}\".")
    found = resolve(game, known, verb, rest, head)
    if found.known:
        return found.result
    for other in _other_readings(words, phrases, verb):
        again = resolve(game, known, *other, head)
        if again.known:
            return again.result
    if head in MOTION:
        moved = move(story, state, head, words[1:])
        if moved is not None:
            return ParseResult(kind="action", action=moved)
    return found.result


def _other_readings(words: list[str], phrases: Phrases, verb: str) -> list[tuple[str, list[str]]]:
    """When the story's verb fits nothing here: the built-in meaning of the same words ("read the timetable"),
    then a light verb ("take a deep breath")."""
    found: list[tuple[str, list[str]]] = []
    for size in (4, 3, 2, 1):
        builtin = BUILTIN_PHRASES.get(tuple(words[:size]))
        if builtin is not None and len(words) >= size:
            if builtin != verb:
                found.append((builtin, words[size:]))
            break
    light = _light_verb(words, phrases)
    if light is not None and light[0] != verb:
        found.append(light)
    return found


def _answer_question(game: Game, words: list[str], candidates: list[Action]) -> Action | None:
    """Pick the one candidate whose object (or target) the answer names."""
    things = {t for a in candidates for t in (a.obj, a.target) if t}
    named = {m.thing for m in match_things(game.story, game.state, [w for w in words if w != "one"], need_noun=False)}
    chosen = [a for a in candidates if (named & things) and {a.obj, a.target} & named & things]
    distinct = list(dict.fromkeys(chosen))
    if len(distinct) == 1:
        return distinct[0]
    narrowed = [a for a in distinct if a.obj in named] if len(distinct) > 1 else []
    return narrowed[0] if len(narrowed) == 1 else None
