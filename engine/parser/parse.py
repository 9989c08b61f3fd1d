"""The deterministic command parser: text -> an action the story knows here, a question, or "not understood"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from engine.core.actions import Action
from engine.core.rules.known import Known, known_actions
from engine.parser.affection import affection
from engine.parser.answers import answer_question
from engine.parser.boarding import boards
from engine.parser.calling import telephoning
from engine.parser.clauses import commas, idioms, without_reasons
from engine.parser.crossing import crossing
from engine.parser.deed_words import by_deed_words
from engine.parser.doorways import doors as _doors
from engine.parser.handing import deed_names_a_thing, story_nouns
from engine.parser.headings import heading
from engine.parser.joined import joining
from engine.parser.kindred import authored_instead
from engine.parser.lexicon import singular, verb_synonyms
from engine.parser.motion import move
from engine.parser.phrasing import story_phrasings
from engine.parser.presented import presented
from engine.parser.purposes import placing
from engine.parser.resolve import resolve
from engine.parser.result import ParseResult, Reworded, not_understood, question
from engine.parser.seeking import seeking
from engine.parser.shapes import makes
from engine.parser.surroundings import around
from engine.parser.typos import known_words, mend, nearby_nouns, story_prose
from engine.parser.variants import variants
from engine.parser.words import (
    BUILTIN_PHRASES,
    CONJUNCTIONS,
    DIRECTIONS,
    MOTION,
    MOTION_FILLER,
    NEGATIONS,
    NO_OBJECT,
    verb_phrases,
    words_of,
)
from engine.parser.wrappers import going_to, unwrap, wanting, without_leading

if TYPE_CHECKING:
    from engine.core.game import Game

__all__ = ["ParseResult", "parse", "question"]

# "make a wish", "take a deep breath": a light verb whose noun is the real verb.
_LIGHT = {"make", "have", "take", "give", "do", "catch"}
# Words between a light verb and its noun that say how much or how: "take a few slow deep breaths".
_MEASURE = {"few", "couple", "of", "slow", "slower", "deep", "deeper", "long", "longer", "quick", "little", "good",
            "big", "short", "gentle", "calm", "nice", "proper", "several", "more", "another", "one", "two", "three",
            "steady", "careful", "quiet", "real", "lovely"}
# Prepositions that mean another the story's phrases use: "check beneath the pot" is "check under" it.
_SAME_PLACE = {"beneath": "under", "underneath": "under", "atop": "on", "upon": "on", "within": "in"}
Phrases = dict[tuple[str, ...], str]
_LAST_POINTING = re.compile(r"(?<=\w)\s+(this|that|these|those)(?=(?:\s+(?:up|down|out|in|over|away|back|off|on))?"
                            r"\s*[?.!]*\s*$)", re.IGNORECASE)


def parse(text: str, game: Game, pending: ParseResult | None = None) -> ParseResult:
    """Parse one command. Pass the previous result as `pending` to let "the red one" answer its question."""
    # "take that", "open this": a demonstrative with nothing after it points, like "it" ("those": "them").
    words = without_reasons(words_of(idioms(commas(_LAST_POINTING.sub(
        lambda m: " them" if m[1].lower() in ("these", "those") else " it", text)))))
    if not words:
        return ParseResult(kind="empty")
    if pending is not None and pending.kind == "question":
        chosen = answer_question(game, words, pending.candidates)
        if chosen is not None:
            return ParseResult(kind="action", action=chosen)
    known = known_actions(game.story, game.state)
    phrases = verb_phrases(game.story.story_verbs)
    first: ParseResult | None = None
    unknown: ParseResult | None = None
    # Each clause, then the command inside its wrapping ("I take the lantern", "I'd like the map").
    clauses = [list(r) for c in readings(words, joining(game.story)) if not set(c) & NEGATIONS
               for r in dict.fromkeys((tuple(c), tuple(unwrap(c, phrases))))]
    for reading in clauses:
        # "find the porter": where he is, not a look at him; "cross to the other side": the way across; "into
        # the kitchen": that way; "look around the shed" (in it): the look; "pet the cat": talk to her.
        sought = seeking(game.story, game.state, reading) or heading(game.story, game.state, reading) or (
            None if reading[0] in game.story.story_verbs else crossing(game.story, game.state, reading)
            or around(game.story, game.state, reading) or affection(game.story, game.state, reading))
        if sought is not None and any(k.action == sought for k in known):
            return ParseResult(kind="action", action=sought)
        result = _story_reading(game, known, phrases, reading, _parse_reading(game, known, phrases, reading))
        if result.kind == "question" or (result.kind == "action" and _knows(known, result)):
            return result
        if result.kind == "action":
            # Something the story does not know here ("strike a match and light the fire", "hand over my coins"
            # with "hand" an action elsewhere): a later clause or another shape may fit; else the engine explains.
            unknown = unknown or result
        first = first or result
    # Only when the story's own words fit nothing: everyday synonyms, other shapes, then typing slips mended.
    found = presented(game, known, text) or _first_variant(game, known, phrases, clauses, moves=unknown is None)
    if found is not None and (unknown is None or _knows(known, found)):
        # With a clause already read as a deed, another shape counts only as a deed the story knows, never
        # as a move ("pick the crate up" is no way on because "get" is also a motion word).
        return found if _knows(known, found) else by_deed_words(game, known, clauses) or found
    if unknown is not None:
        return by_deed_words(game, known, clauses) or unknown
    vocabulary, nearby, prose = known_words(game, phrases), nearby_nouns(game), story_prose(game)
    mended = [m for m in (mend(c, vocabulary, nearby, prose) for c in clauses) if m is not None]
    found = _first_variant(game, known, phrases, [[*m] for m in mended], typed=True)
    found = found or by_deed_words(game, known, clauses) or telephoning(game, known, clauses)
    return found or first or not_understood(f"I don't know how to \"{' '.join(words)}\".")


def _story_reading(game: Game, known: list[Known], phrases: Phrases, reading: list[str],
                   result: ParseResult) -> ParseResult:
    """A built-in verb alone read from longer words ("wait for the sun to come up" as waiting): the story's own
    phrase said in other words comes first ("wait for dawn")."""
    if result.action is None or result.action.verb not in NO_OBJECT or result.action.obj or len(reading) < 3:
        return result
    for other in story_phrasings(game, reading, phrases):
        found = _parse_reading(game, known, phrases, other)
        if found.action is not None and found.action.verb in game.story.story_verbs and _knows(known, found):
            return found
    return result


def _knows(known: list[Known], result: ParseResult) -> bool:
    return result.action is not None and any(k.action == result.action for k in known)


def _first_variant(game: Game, known: list[Known], phrases: Phrases, clauses: list[list[str]],
                   typed: bool = False, moves: bool = True) -> ParseResult | None:
    """The first other shape of a clause that the story knows here (without `moves`, never a move)."""
    fallback: ParseResult | None = None
    for reading in clauses:
        # Each other shape, and the story's own phrases said in its words ("keep watch for the lifeboat" ->
        # "watch for the boat").
        others = [*story_phrasings(game, reading, phrases)]
        for variant in variants(reading, phrases, game.story.story_verbs, story_nouns(game), story_nouns(game, True),
                                placing(game)):
            others += [variant, *story_phrasings(game, variant, phrases)]
        shapes = [reading, *others] if typed else others
        for variant in shapes:
            result = _parse_reading(game, known, phrases, without_leading(variant))
            going = result.action is not None and result.action.verb == "go"
            if going and (not moves or (variant[0] == "get" and reading[0] != "get")):
                continue  # a synonym's "get" is taking, never going to where a thing lies ("fetch the logs")
            if result.kind == "question" and result.candidates:
                return result
            if result.kind == "action" and any(k.action == result.action for k in known):
                return result
            # Something the story does not know here: the engine would explain, but another shape may fit (what
            # the parser worded itself explains nothing: "put the gloves in the bucket" is no using of them).
            fallback = fallback or (result if result.kind == "action" and not isinstance(variant, Reworded) else None)
    return fallback


def readings(words: list[str], adjectives: frozenset[str] | set[str] = frozenset()) -> list[list[str]]:
    """The commands in a line: each clause ("unlock the door and go in"), without words that carry none.

    "the red and white post" is one noun phrase: "and" between two of the story's adjectives joins them."""
    clauses: list[list[str]] = [[]]
    for at, word in enumerate(words):
        joins = word == "and" and 0 < at < len(words) - 2 and words[at - 1] in adjectives and words[
            at + 1] in adjectives
        # "make a flag out of the scarf and the stick": what a thing is made of is one list.
        joins = joins or (word == "and" and makes(clauses[-1], words[at + 1:at + 2]))
        joins = joins or (word == "and" and " ".join(words[at - 1:at + 2]) in adjectives)
        if word in CONJUNCTIONS and not joins:
            clauses.append([])
        else:
            clauses[-1].append(_SAME_PLACE.get(word, word))
    # "I'm going to the shop": also read as going there ("I'm going to cry" stays a sentence about the player).
    shaped = [without_leading(wanting(list(c))) for raw in clauses for c in dict.fromkeys(
        (tuple(raw), tuple(going_to(raw))))]
    return [clause for clause in shaped if clause]


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
    if (words[0] == "give" and len(words) > 2 and (words[-1],) in phrases and words[-1] not in _LIGHT
            and "give" not in verb_synonyms((words[-1],))):
        # "give the bell a ring", "give the door a push": the last noun is the deed, done to what comes between.
        return phrases[(words[-1],)], words[1:-1]
    for index in range(1, min(3, len(words))):
        for form in (words[index], words[index] + "e"):
            if (form,) in phrases and form not in _LIGHT:
                return phrases[(form,)], words[index + 1:]
    # "take a few slow deep breaths": words of how much or how, then the noun of the deed (plural too).
    index = next((i for i in range(1, len(words)) if words[i] not in _MEASURE), len(words))
    if index < len(words):
        noun = singular(words[index])
        for form in (noun, noun + "e"):
            if (form,) in phrases and form not in _LIGHT:
                return phrases[(form,)], words[index + 1:]
    return None


def _parse_reading(game: Game, known: list[Known], phrases: Phrases, words: list[str]) -> ParseResult:
    story, state = game.story, game.state
    if len(words) == 1 and words[0] in DIRECTIONS:
        return ParseResult(kind="action", action=Action(verb="go", obj=DIRECTIONS[words[0]]))
    head = words[0]
    verb, rest = _split_verb(words, phrases)
    if verb is None and head == "try" and len(words) > 1:
        # "try the key in the lock", "try the key": trying a thing is using it (there, or where it is for).
        tried = resolve(game, known, "use", words[1:], head)
        if tried.known:
            return tried.result
    if verb is None and (head == "try" or (head == "open" and _doors(words))) and len(words) > 1:
        # "try the door": the way that door guards (its refusal says why it is shut).
        tried_way = move(story, state, "try", words[1:])
        if tried_way is not None:
            return ParseResult(kind="action", action=tried_way)
    if verb is None:
        light = _light_verb(words, phrases)
        light = None if light is not None and deed_names_a_thing(words, light[1], story_nouns(game)) else light
        if light is None and head not in MOTION:
            return not_understood(f"I don't know how to \"{' '.join(words)}\".")
        verb, rest = light or (head, words[1:])
    # "make a cuppa" is a deed; only "make my way", "make for the door" are moves.
    mover = head in MOTION and (head != "make" or bool(set(words) & {"way", "for", "towards", "toward"}))
    if verb == "go" or (verb in MOTION and mover and verb not in story.story_verbs and (verb,) not in BUILTIN_PHRASES):
        moved = move(story, state, head, rest)
        if moved is not None:
            return ParseResult(kind="action", action=moved)
        # "head back home" where the story has its own "go home": any motion word says that going.
        going = phrases.get(("go", *(w for w in rest if w not in MOTION_FILLER)))
        if going is not None and going != "go":
            gone = resolve(game, known, going, [], head)
            if gone.known:
                return gone.result
        return not_understood("Which way? Try a direction such as north, or n.")
    if verb not in story.story_verbs and boards(head, words[1:]):
        # "get on board" is boarding even where a notice board could be taken.
        aboard = move(story, state, head, words[1:])
        if aboard is not None:
            return ParseResult(kind="action", action=aboard)
    if head == "i" and rest:
        # "I feel a bit lonely": a sentence about the player, never the inventory.
        return not_understood(f"I don't know how to \"{' '.join(words)}\".")
    found = resolve(game, known, verb, rest, head)
    if found.known:
        return authored_instead(game, known, phrases, words[:len(words) - len(rest)], found.result)
    for other in _other_readings(words, phrases, verb, story_nouns(game)):
        again = resolve(game, known, *other, head)
        if again.known:
            return again.result
    if mover or (head == "open" and _doors(rest)):
        # "open the cabin door" where no door is a thing here: the way that door stands for.
        moved = move(story, state, "try" if head == "open" else head, words[1:])
        if moved is not None:
            return ParseResult(kind="action", action=moved)
    return found.result


def _other_readings(words: list[str], phrases: Phrases, verb: str,
                    nouns: frozenset[str] = frozenset()) -> list[tuple[str, list[str]]]:
    """When the story's verb fits nothing here: the built-in meaning of the same words ("read the timetable"),
    then a light verb ("take a deep breath")."""
    found: list[tuple[str, list[str]]] = []
    # A verb phrase of the story's that names its own object ("trim the wick", "grease the hinge"), said with a
    # tool after it: the longest phrase left only "with scissors" as the object. Read its verb with the words
    # after the first as the object, and any shorter phrase of the story's with the words after it.
    sizes = [size for size in (4, 3, 2, 1) if size < len(words) and tuple(words[:size]) in phrases]
    if sizes and sizes[0] > 1:
        found.append((phrases[tuple(words[:sizes[0]])], words[1:]))
    found += [(phrases[tuple(words[:size])], words[size:]) for size in sizes[1:]]
    for size in (4, 3, 2, 1):
        builtin = BUILTIN_PHRASES.get(tuple(words[:size]))
        if builtin is not None and len(words) >= size:
            if builtin != verb:
                found.append((builtin, words[size:]))
            break
    light = _light_verb(words, phrases)
    if light is not None and light[0] != verb and not deed_names_a_thing(words, light[1], nouns):
        found.append(light)
    for phrase, other in phrases.items():
        # A two-word verb around its object ("get the ladder down") when the first word alone read otherwise.
        if len(phrase) == 2 and len(words) > 2 and words[0] == phrase[0] and words[-1] == phrase[1] and other != verb:
            found.append((other, words[1:-1]))
    return found
