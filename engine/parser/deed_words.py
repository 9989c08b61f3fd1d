"""Deeds named by what they do or are for ("do my washing"): every content word found in one deed's own words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from engine.core.rules.known import Known
from engine.core.rules.world import candidate_actions
from engine.parser.lexicon import antonyms
from engine.parser.objects import nouns_of, vocabulary_of
from engine.parser.result import ParseResult
from engine.parser.words import fold

if TYPE_CHECKING:
    from engine.core.game import Game

# Words that name no deed: grammar, the player and the listener, politeness, wanting, light verbs, time.
_EMPTY = set("""a an the my your our his her its their this that these those some any it them him me us you i we
i'd i'm i'll i've id im ill ive you're here's heres there's theres here there is are was be been am do does did
done doing get got getting have has had having make made let's lets go going want wanna like would could can
should will shall might may must need needs please now then just really quite bit little few lot lots of to for
with in on at into onto out off up down over from by about and or but so if yet again still too very some all
everything something thing things stuff one ones new oh ok okay well right alright try trying start brought bought
take
""".split())
# A clause that says how things are ("my coat is torn", "I feel silly") asks for no deed.
_SAYING = {"is", "are", "was", "were", "isn't", "aren't", "wasn't", "feel", "feels", "felt", "seems", "looks"}
# A question ("do you like soup?", "what is that clock?") asks for no deed; "could I tempt her" is a request.
_ASKING = {"what", "what's", "whats", "who", "why", "how", "how's", "where", "when", "which", "whose"}
_AUXILIARY = {"do", "does", "did", "are", "is", "have", "has", "can", "could", "would", "will", "should"}
_OTHERS = {"you", "he", "she", "they", "it", "we"}
# Sorts of verb the story may not list, each with the deeds' verbs it means: exchanging (at a machine, a counter),
# winning an animal or a person over, throwing a thing in.
_KINDRED = (
    (frozenset({"swap", "swop", "exchange", "trade", "change", "convert"}),
     frozenset({"put", "insert", "feed", "give", "use", "exchange", "trade", "swap", "change"})),
    (frozenset({"bribe", "tempt", "lure", "coax", "treat", "reward", "spoil", "entice"}),
     frozenset({"give", "feed", "offer", "hand"})),
    (frozenset({"throw", "chuck", "toss", "bung", "sling", "shove", "pop", "stick", "dump"}),
     frozenset({"put", "load", "stuff", "insert", "place", "tip", "empty"})),
)
# Words that keep one thing from the other ("hide the treats from the cat"): no strange verb joins them so.
_AWAY = {"from", "away", "without", "instead", "except", "apart"}
_WORD = re.compile(r"[a-z][a-z'-]*")
# How much a word counts by where the deed has it: each of its verb's or things' names, and its text.
_NAMED, _TOLD = 2, 1


def stem(word: str) -> str:
    """A rough root, so "washing", "washes" and "wash" (and "drier", "dryer", "dry") meet."""
    word = word.replace("'s", "")
    for end in ("ing", "ers", "ies", "ied", "er", "es", "ed", "s", "y"):
        if word.endswith(end) and len(word) - len(end) >= 3:
            word = word[: -len(end)]
            break
    return word.replace("y", "i").rstrip("e") or word


def _content(words: list[str]) -> set[str]:
    return {stem(w) for w in words if w not in _EMPTY and len(w) > 1}


def _deed_words(game: Game, known: Known, texts: dict[tuple[str, str | None, str | None], str]
                ) -> tuple[list[set[str]], set[str], set[str]]:
    """The stems of each part naming a deed (its verbs, its thing, its other thing), those of its authored text,
    and those that name rather than describe (its verbs and its things' nouns, never an adjective alone)."""
    story = game.story
    named = [_content(sorted({w for v in known.verbs for w in v.split()}))]
    nouns = set(named[0])
    for ref in (known.action.obj, known.action.target):
        if ref is not None and (ref in story.items or ref in story.npcs):
            named.append(_content(sorted(vocabulary_of(story, ref))))
            nouns |= _content(sorted(w for n in nouns_of(story, ref) for w in n.split()[-1:]))
    action = known.action
    told = set(_WORD.findall(fold(texts.get((action.verb, action.obj, action.target), ""))))
    return named, _content(sorted(told)), nouns


def _both_things(clause: list[str], said: set[str], parts: list[set[str]], known: set[str],
                 verbs: set[str]) -> bool:
    """A verb of a kindred sort with both of a deed's things named after it ("swap the note for coins", "bribe the
    cat with treats" for putting it in, giving): the verb alone is not the deed's own (`verbs`: its words)."""
    head = stem(clause[0])
    kin = next((deeds for sort, deeds in _KINDRED if clause[0] in sort), frozenset())
    return (len(parts) == 3 and said - known == {head} and bool(kin & verbs) and not set(clause) & _AWAY
            and all(said & p for p in parts[1:]) and not (said & parts[1]) <= parts[2])


def _says_verb(clause: list[str], deed: Known) -> bool:
    """Whether the clause has the deed's verb or one of its synonyms whole ("walk them home" is not "go home")."""
    text = f" {' '.join(clause)} "
    return any(f" {verb} " in text for verb in deed.verbs)


def by_deed_words(game: Game, known: list[Known], clauses: list[list[str]]) -> ParseResult | None:
    """The one authored deed whose own words hold every content word of a clause, at least one of them naming it
    (its verb or a noun of its thing), well ahead of any other such deed; None when no single deed fits so."""
    texts = {(a.verb, a.obj, a.target): a.text or "" for a in candidate_actions(game.story, game.state)}
    # A deed that ends the story or takes the player away cannot be walked back: loose words never run it
    # unless they say its verb ("I want to go home" is a feeling, not the last bus).
    final = {(a.verb, a.obj, a.target) for a in candidate_actions(game.story, game.state)
             if any(e.kind in ("end", "goto") for e in a.effects)}
    # The story's own deeds (an authored "use" too), once each: built-in looking and taking have no words of theirs.
    authored = list({k.action: k for k in known if (k.action.verb, k.action.obj, k.action.target) in texts}.values())
    vocab = [(k, *_deed_words(game, k, texts)) for k in authored]
    people = {w for npc in game.story.npcs for n in nouns_of(game.story, npc) for w in n.split()}
    spoken_of = {w for _, parts, told, _ in vocab for p in parts for w in p} | {w for v in vocab for w in v[2]}
    for clause in (c for c in clauses if c):
        # How it is done ("fold it up neatly") names no deed, unless a deed's own words have it.
        said = _content([w for w in clause if not (w.endswith("ly") and len(w) > 4 and stem(w) not in spoken_of)])
        # (after a name said first: "Marek, do you like soup?")
        spoken = clause[1:] if clause[0] in people and len(clause) > 1 else clause
        asks = spoken[0] in _ASKING or (spoken[0] in _AUXILIARY and spoken[1:2] and spoken[1] in _OTHERS)
        if not said or asks or set(clause) & _SAYING:
            continue
        # "switch off the lamps" is never the deed "switch on" (the particle is no content word, but it says).
        opposed = {a for w in clause for a in antonyms(w)}
        scored: list[tuple[int, Known]] = []
        for deed, parts, told, nouns in vocab:
            verbs = {*deed.verbs, *(w for v in deed.verbs for w in v.split())}
            named = set().union(*parts)
            if not said & nouns or opposed & verbs:
                continue
            # A bare name ("Marek", "my coat") is no deed: the words must say its verb, or touch two of its things and
            # its text.
            if not said & parts[0] and sum(bool(said & p) for p in parts[1:]) + bool(said & told - named) < 2:
                continue
            if (deed.action.verb, deed.action.obj, deed.action.target) in final and not _says_verb(clause, deed):
                continue
            if deed.action.target in game.story.npcs and not said & parts[-1]:
                continue  # giving is never read without whom to ("let me have the flask" wants it, not gives it)
            if not said <= named | told and not _both_things(clause, said, parts, named | told, verbs):
                continue
            # A word naming several parts of the deed ("washing": the bag and the machine) says it more surely.
            scored.append((sum(_NAMED * sum(w in p for p in parts) + _TOLD * (w in told) for w in said), deed))
        scored.sort(key=lambda s: -s[0])
        if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]) and scored[0][1].legal:
            return ParseResult(kind="action", action=scored[0][1].action)
    return None
