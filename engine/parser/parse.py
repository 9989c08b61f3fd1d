"""The deterministic command parser: text -> a legal-shaped engine action, a question, or "not understood"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from engine.core.actions import Action
from engine.parser.objects import Match, match_things, narrow
from engine.parser.words import DIRECTIONS, NEEDS_OBJECT, NO_OBJECT, PREPOSITIONS, PRONOUNS, verb_phrases, words_of
from engine.core.rules.text import join, the

if TYPE_CHECKING:
    from engine.core.game import Game


class ParseResult(BaseModel):
    """What the parser made of the text; `not_understood` is where a model-based parser may take over."""

    kind: Literal["action", "question", "not_understood", "empty"]
    action: Action | None = None
    question: str | None = None
    candidates: list[Action] = []
    message: str = ""
    """Why it was not understood, in words fit to show the player."""


def _not_understood(message: str) -> ParseResult:
    return ParseResult(kind="not_understood", message=message)


def parse(text: str, game: Game, pending: ParseResult | None = None) -> ParseResult:
    """Parse one command. Pass the previous result as `pending` to let "the red one" answer its question."""
    words = words_of(text)
    if not words:
        return ParseResult(kind="empty")
    if pending is not None and pending.kind == "question":
        chosen = _answer_question(game, words, pending.candidates)
        if chosen is not None:
            return ParseResult(kind="action", action=chosen)
    if words[0] in DIRECTIONS and len(words) == 1:
        return ParseResult(kind="action", action=Action(verb="go", obj=DIRECTIONS[words[0]]))
    phrases = verb_phrases(game.story.story_verbs)
    verb, rest = _split_verb(words, phrases)
    if verb is None:
        return _not_understood(f"I don't know how to \"{' '.join(words)}\".")
    if verb == "go":
        direction = DIRECTIONS.get(rest[0]) if len(rest) == 1 else None
        if direction is None:
            return _not_understood("Which way? Try a direction such as north, or n.")
        return ParseResult(kind="action", action=Action(verb="go", obj=direction))
    if verb in NO_OBJECT and not rest:
        return ParseResult(kind="action", action=Action(verb=verb))
    if verb == "look" and rest:
        verb = "examine"
    if rest and rest[-1] == "up" and verb == "take":
        rest = rest[:-1]
    obj_words, target_words = _split_objects(rest)
    if not obj_words:
        return _missing_object(game, verb, bool(verb in NEEDS_OBJECT))
    return _resolve(game, verb, obj_words, target_words)


def _split_verb(words: list[str], phrases: dict[tuple[str, ...], str]) -> tuple[str | None, list[str]]:
    for size in (3, 2, 1):
        head = tuple(words[:size])
        if len(head) == size and head in phrases:
            return phrases[head], words[size:]
    return None, words


def _split_objects(rest: list[str]) -> tuple[list[str], list[str]]:
    for index, word in enumerate(rest):
        if word in PREPOSITIONS and index > 0:
            return rest[:index], rest[index + 1:]
    if rest and rest[0] in PREPOSITIONS:
        rest = rest[1:]
    return rest, []


def _missing_object(game: Game, verb: str, needed: bool) -> ParseResult:
    options = [a for a in game.legal_actions() if a.verb == verb]
    if not needed and any(a.obj is None for a in options):
        return ParseResult(kind="action", action=Action(verb=verb))
    if len(options) == 1:
        return ParseResult(kind="action", action=options[0])
    if options:
        return _question(game, f"What do you want to {verb}", options)
    return _not_understood(f"What do you want to {verb}?")


def _resolve(game: Game, verb: str, obj_words: list[str], target_words: list[str]) -> ParseResult:
    obj = _things(game, obj_words)
    if isinstance(obj, ParseResult):
        return obj
    target: list[Match] | None = None
    if target_words:
        found = _things(game, target_words)
        if isinstance(found, ParseResult):
            return found
        target = found
    actions = [Action(verb=verb, obj=o.thing, target=t.thing if t else None)
               for o in obj for t in (target or [None])]
    if len(actions) == 1:
        return ParseResult(kind="action", action=actions[0])
    legal = set(game.legal_actions())
    usable = [a for a in actions if a in legal]
    if len(usable) == 1:
        return ParseResult(kind="action", action=usable[0])
    return _question(game, "Which do you mean", usable or actions)


def _things(game: Game, words: list[str]) -> list[Match] | ParseResult:
    if len(words) == 1 and words[0] in PRONOUNS:
        last = game.state.last_object
        if last is None:
            return _not_understood(f"I'm not sure what \"{words[0]}\" means here.")
        return [Match(last, True, True)]
    matches = narrow(match_things(game.story, game.state, words))
    if not matches:
        return _not_understood(f"I don't know what \"{' '.join(words)}\" is.")
    if not any(m.here for m in matches):
        return matches[:1]  # out of reach: the engine will say so
    return matches


def _question(game: Game, opening: str, options: list[Action]) -> ParseResult:
    names = list(dict.fromkeys(the(game.story, a.obj) if a.obj else game.describe(a) for a in options))
    if len({a.obj for a in options}) == 1 and len(options) > 1:
        names = list(dict.fromkeys(the(game.story, a.target) for a in options if a.target))
    listing = join(names).replace(" and ", " or ") if len(names) > 1 else "".join(names)
    return ParseResult(kind="question", question=f"{opening}, {listing}?", candidates=options)


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
