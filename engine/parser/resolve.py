"""A verb and the words after it -> the action the story knows here (legal first, else its authored refusal)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.core.actions import Action
from engine.core.rules.known import Known, canonical
from engine.core.rules.world import candidate_actions, in_scope, visible_exits
from engine.core.state import CARRIED
from engine.parser.carrying import carried_to
from engine.parser.instruments import flaw_of, part_of, pronoun_choices, with_instrument
from engine.parser.made import makers
from engine.parser.motion import destination_words, move, stem
from engine.parser.objects import Match, named_here, things
from engine.parser.persons import for_someone, held_by, person_first
from engine.parser.purposes import by_purpose, loosely, skippable
from engine.parser.result import ParseResult, not_understood, question
from engine.parser.words import CARRIED_WORDS, DIRECTIONS, NO_OBJECT, PREPOSITIONS, PRONOUNS, TRAILING

if TYPE_CHECKING:
    from engine.core.game import Game

# Verbs whose reading may skip words it does not know ("ask the kid what's wrong"): nothing is lost by them.
_FORGIVING = {"examine", "talk", "look"}
# Openings that mean visiting when a place is named ("see the tide pools"), unlike "look at the harbour".
_VISITING = {"see", "check", "explore", "have", "visit", "find"}
# Words for whoever a thing belongs to: "give it back to its owner", "return it to whoever lost it".
_OWNER = {"owner", "owners", "owner's", "whoever", "whomever", "rightful"}
_PARTICLES = {"up", "down", "out", "over", "off", "back", "away", "around", "round", "aside", "inside", "indoors",
              "outside", "along", "with"}
# Words for wherever the player is: "look around the room", "examine everything".
_SURROUNDINGS = {"around", "room", "place", "everything", "all", "everywhere", "about", "round", "surroundings",
                 "area", "scene", "here", "space"}
# Places any scene may be beside: "carry it down to the sea", "put it on the ground".
_PLACE_WORDS = {"sea", "water", "ground", "floor", "grass", "rock", "rocks", "sand", "shore", "beach", "air", "sky",
                "side", "edge", "top", "there", "here", "somewhere", "wall", "corner", "wind", "earth", "snow"}


@dataclass
class Resolution:
    """What the words mean with this verb; `known` when it is something the story knows here."""

    result: ParseResult
    known: bool


def strip_trailing(words: list[str]) -> list[str]:
    """Drop words at the end that carry no command ("... please", "... back", "... for a while")."""
    changed = True
    while changed and words:
        changed = False
        for tail in TRAILING:
            if len(words) > len(tail) and tuple(words[-len(tail):]) == tail:
                words, changed = words[: -len(tail)], True
    return words


def split_objects(rest: list[str]) -> tuple[list[str], list[str]]:
    """"key on door" -> (["key"], ["door"]); a leading preposition is dropped ("on the door"), and a second one
    too ("plug it in to the battery")."""
    for index, word in enumerate(rest):
        if word in PREPOSITIONS and index > 0:
            target = rest[index + 1:]
            return rest[:index], target[1:] if target[:1] and target[0] in PREPOSITIONS else target
    if rest and rest[0] in PREPOSITIONS:
        rest = rest[1:]
    return rest, []


def _placed(game: Game, obj_words: list[str], target_words: list[str], rest: list[str]) -> tuple[list[str], list[str]]:
    """The object and target once words of place are set aside: "the thing in the gully" is one thing when the
    gully is none; "carry it down to the sea", "stick it in the rocks" name where, not a second thing."""
    if not target_words or not obj_words:
        return obj_words, target_words
    story, state = game.story, game.state
    target = things(story, state, target_words)
    if not isinstance(target, str) and any(m.here for m in target):
        obj = things(story, state, obj_words)
        if not isinstance(obj, str) and {m.thing for m in obj} == {m.thing for m in target}:
            return obj_words, []  # "start a fire in the oven" where the fire is the oven's own
        return obj_words, target_words
    whole = things(story, state, rest)
    if not isinstance(whole, str) and any(m.here for m in whole):
        return rest, []
    bare = obj_words[:-1] if len(obj_words) > 1 and obj_words[-1] in _PARTICLES else obj_words
    place = destination_words(story, state, state.scene, things=False) | _scene_words(game)
    if {stem(w) for w in target_words} <= place | _PLACE_WORDS:
        return bare, []
    return obj_words, target_words


def _scene_words(game: Game) -> set[str]:
    """Words of this scene's own text ("a maze of boulders and deep gullies"), singular."""
    return {stem(w) for w in re.findall(r"[a-z]+", game.story.scenes[game.state.scene].text.lower())}


def options_for(known: list[Known], verb: str) -> list[Known]:
    """Known actions this verb names (an authored verb or synonym, or the built-in verb)."""
    return [k for k in known if verb in k.verbs or k.action.verb == verb]


def pick(game: Game, options: list[Known], opening: str) -> ParseResult:
    """One legal option acts; several ask which; with none legal, the one refused option gets its refusal."""
    legal = [k for k in options if k.legal]
    chosen = list({k.action.key(): k for k in legal or options}.values())
    if len(chosen) == 1:
        return ParseResult(kind="action", action=chosen[0].action)
    return question(game, opening, [k.action for k in chosen])


def _pairs(game: Game, obj_words: list[str], target_words: list[str]) -> list[tuple[Match, Match | None]] | str:
    obj = things(game.story, game.state, obj_words)
    if isinstance(obj, str):
        return obj
    if not target_words:
        return [(o, None) for o in obj]
    target = things(game.story, game.state, target_words)
    if isinstance(target, str):
        return target
    return [(o, t) for o in obj for t in target]


def _meant(game: Game, words: list[str]) -> list[str]:
    """Things a noun phrase may mean, best first: a pronoun's agreeing candidates, a name, or a named part."""
    if len(words) == 1 and words[0] in PRONOUNS:
        return pronoun_choices(game.story, game.state, words[0])
    found = things(game.story, game.state, words) if words else "nothing"
    if isinstance(found, str):
        return part_of(game.story, game.state, words)
    return [m.thing for m in found]


def _named(game: Game, words: list[str]) -> list[str]:
    """Things a noun phrase names: by a name, or a pronoun for the thing last spoken of ("try it" with nothing
    spoken of yet names nothing)."""
    found = things(game.story, game.state, words) if words else "nothing"
    return [] if isinstance(found, str) else [m.thing for m in found]


def _paired(game: Game, known: list[Known], verb: str, obj_words: list[str], target_words: list[str]) -> list[Known]:
    """An authored action the things fit: "use the key on the door" (the door's action that needs the key),
    "open it with the key" (the first thing "it" may mean that has such an action), "put them in the stove"."""
    if not obj_words or (verb != "use" and not target_words and not set(obj_words) & PRONOUNS):
        return []
    objs, tools = _meant(game, obj_words), _meant(game, target_words) if target_words else []
    if verb == "use":
        return with_instrument(known, verb, tools, objs) if tools else []
    # With nothing spoken of yet, "it" is whatever the verb fits, but only when that is one thing: "pet him"
    # beside a dog and its owner is the dog; "take it" beside two keys is a question for the player, not a guess.
    unanchored = obj_words[0] in PRONOUNS and not in_scope(game.state, game.state.last_object or "")
    fitting = []
    for obj in objs:
        if target_words:
            hits = with_instrument(known, verb, [obj], tools)
        else:
            hits = [k for k in options_for(known, verb) if k.action.obj == obj]
        if hits and not unanchored:
            return hits
        if hits:
            fitting.append(hits)
    return fitting[0] if len(fitting) == 1 else []


def _may_skip(game: Game, option: Known, words: list[str]) -> bool:
    """Whether a verb-only action may stand for words it does not use ("knock softly", "listen to the rain").

    A risky one may not skip words that name something here, a way on, or this place itself; the inventory
    and help never stand for a sentence ("I feel lonely")."""
    if option.action.verb in ("inventory", "help"):
        return False
    if not option.risky:
        return True
    story, state = game.story, game.state
    words = skippable(game, option, words)
    exits = visible_exits(story, state)
    if named_here(story, state, words) or any(DIRECTIONS.get(w) in exits for w in words):
        return False
    return not {stem(w) for w in words} & destination_words(story, state, state.scene)


def resolve(game: Game, known: list[Known], verb: str, rest: list[str], head: str = "") -> Resolution:
    """The action `verb rest` names, judged against everything the story knows here (`head`: the first word
    typed, which tells "check out the rock pools" from "look at the rock pools")."""
    if verb == "look" and rest:
        verb = "examine"
    options = options_for(known, verb)
    rest = for_someone(game, verb, strip_trailing(rest))
    carried = carried_to(game, head if head in ("bring", "carry") else verb, rest)
    if carried is not None:
        # "take the cocoa up to the roof" with the cocoa in hand: no taking, the way up.
        return Resolution(ParseResult(kind="action", action=carried), True)
    if verb == "take" and rest[-1:] == ["up"]:
        rest = rest[:-1]
    for end in (-1, 0):
        if len(rest) > 1 and rest[end] in _PARTICLES and isinstance(things(game.story, game.state, rest), str):
            # "pull down the ladder", "pull the ladder down": the particle is part of the verb.
            rest = rest[:-1] if end == -1 else rest[1:]
    verb_only = [k for k in options if k.action.obj is None]
    # A word the author gave one of the story's own deeds ("wait" for watching the sunset) means that deed.
    authored = {(a.verb, a.obj, a.target) for a in candidate_actions(game.story, game.state)}
    verb_only = [k for k in verb_only if (k.action.verb, k.action.obj, k.action.target) in authored] or verb_only
    if not rest:
        if verb_only:
            return Resolution(pick(game, verb_only, f"What do you want to {verb}"), True)
        if verb in NO_OBJECT:
            return Resolution(ParseResult(kind="action", action=Action(verb=verb)), True)
        if options:
            return Resolution(pick(game, options, f"What do you want to {verb}"), True)
        return Resolution(not_understood(f"What do you want to {verb}?"), False)
    if verb == "examine" and set(rest) & CARRIED_WORDS:
        return Resolution(ParseResult(kind="action", action=Action(verb="inventory")), True)
    obj_words, target_words = flaw_of(*_placed(game, *split_objects(rest), rest))
    if set(target_words) & _OWNER and isinstance(things(game.story, game.state, target_words), str):
        target_words = []  # "return the sock to its owner": whom to, the story's deed with the sock says
    paired = _paired(game, known, verb, obj_words, target_words)
    if paired:
        return Resolution(pick(game, paired, "Which do you mean"), True)
    strict = _pairs(game, obj_words, target_words) if obj_words else "no object"
    readings = [strict] if not isinstance(strict, str) else []
    if not target_words:
        readings.append(person_first(game, rest, verb))
    for pairs in readings:
        hits = [canonical(known, Action(verb=verb, obj=o.thing, target=t.thing if t else None)) for o, t in pairs]
        found = [k for k in hits if k is not None]
        if found:
            return Resolution(pick(game, found, "Which do you mean"), True)
    given = [] if isinstance(strict, str) else [o.thing for o, _ in strict]
    holders = held_by(game, verb, _named(game, target_words)) if given else []
    offers = [canonical(known, Action(verb="give", obj=o, target=h)) for o in given for h in holders]
    swapped = [k for k in offers if k is not None]
    if swapped:
        # "trade the flowers for his matches": given to whoever holds the matches.
        return Resolution(pick(game, swapped, "Which do you mean"), True)
    if not isinstance(strict, str):
        # "hand back the book": the one known action with this verb and object says whom to.
        same = [k for k in options if k.action.obj in {o.thing for o, _ in strict} and not target_words]
        if same:
            return Resolution(pick(game, same, "Which do you mean"), True)
        # "fill the stove", "feed the dog": the thing named is the action's target; what goes in or to it is
        # the object, carried (or the action's refusal says what is missing).
        filled = [k for k in options if k.action.target in {o.thing for o, _ in strict} and not target_words
                  and k.action.obj not in named_here(game.story, game.state, rest)
                  and (game.state.locations.get(k.action.obj or "") == CARRIED or not k.legal)]
        if filled:
            return Resolution(pick(game, filled, "Which do you mean"), True)
    purposed = by_purpose(game, known, "try" if head == "try" else verb, _named(game, obj_words),
                          _named(game, target_words), target_words)
    if purposed:
        return Resolution(pick(game, purposed, "Which do you mean"), True)
    loose = loosely(game, options, obj_words) if isinstance(strict, str) and obj_words and not target_words else []
    if loose:
        return Resolution(pick(game, loose, "Which do you mean"), True)
    if verb == "examine" and head in _VISITING:
        # "have a look in the map room", "check out the rock pools": to see a place by name is to go there
        # (before a thing a word of it may stand for: the rock pools are no pebble).
        moved = move(game.story, game.state, verb, rest, named_only=True)
        if moved is not None:
            return Resolution(ParseResult(kind="action", action=moved), True)
    with_objects = [k for k in options if k.action.obj is not None]
    named = set(named_here(game.story, game.state, rest))
    fitting = [k for k in with_objects if {k.action.obj, k.action.target} - {None} <= named]
    if fitting:
        # "pour the oil into the lamp", "catch the ferry home": the verb's own action, its objects all named.
        return Resolution(pick(game, fitting, "Which do you mean"), True)
    made = makers(game, verb_only, {o.thing for o, _ in strict}) if not isinstance(strict, str) else []
    if made:
        return Resolution(pick(game, made, f"What do you want to {verb}"), True)
    if verb_only and all(_may_skip(game, k, rest) for k in verb_only):
        return Resolution(pick(game, verb_only, f"What do you want to {verb}"), True)
    # "give ruth the cocoa" where no deed of the story's gives it: the same as "give the cocoa to ruth".
    pairs = strict if not isinstance(strict, str) else (readings[-1] if not target_words and verb == "give" else [])
    if pairs:
        actions = [Action(verb=verb, obj=o.thing, target=t.thing if t else None) for o, t in pairs]
        return Resolution(_unknown(game, actions), False)
    if verb in _FORGIVING and len(named) == 1:
        return Resolution(ParseResult(kind="action", action=Action(verb=verb, obj=named.pop()), lenient=True), True)
    if verb == "examine" and {stem(w) for w in rest} <= destination_words(game.story, game.state, game.state.scene,
                                                                         things=False) | _SURROUNDINGS:
        # "look around the yard", "examine the room": the place itself is looked at.
        return Resolution(ParseResult(kind="action", action=Action(verb="look")), True)
    if verb in NO_OBJECT and verb != "look":
        return Resolution(not_understood(f"I don't know how to \"{verb} {' '.join(rest)}\"."), False)
    why = strict if isinstance(strict, str) else f"What do you want to {verb}?"
    return Resolution(not_understood(why if obj_words else f"What do you want to {verb}?"), False)


def _unknown(game: Game, actions: list[Action]) -> ParseResult:
    """Nothing the story knows: one reading goes to the engine, which explains (out of reach, already carried)."""
    distinct = list(dict.fromkeys(actions))
    if len(distinct) == 1:
        return ParseResult(kind="action", action=distinct[0])
    return question(game, "Which do you mean", distinct)
