"""Other ways to read a clause the story's own words did not fit: everyday synonyms of its verb ("bang on the
door" -> knock), a particle moved to the end ("fish the coin out"), a result ("get the gate open" -> open the
gate), a question about looks ("what does the can look like" -> examine it), and "... by knocking"."""

from __future__ import annotations

from collections.abc import Iterator

from engine.parser.asking import asking
from engine.parser.clauses import purpose
from engine.parser.handing import handings
from engine.parser.here import without_here
from engine.parser.lexicon import VERB_HEADS, singular, verb_synonyms
from engine.parser.partitives import without_amount
from engine.parser.purposes import handed_over, put_somewhere
from engine.parser.result import Reworded
from engine.parser.shapes import shapes
from engine.parser.substances import substances
from engine.parser.unowned import without_possessive

Phrases = dict[tuple[str, ...], str]

# Verbs that bring something about with a result word at the end: "get the gate open", "push the door shut".
_RESULT_VERBS = {"get", "push", "pull", "force", "prise", "pry", "work", "kick", "swing", "shove", "try", "jerk"}
_RESULTS = {"open": "open", "shut": "close", "closed": "close"}
_SAYING = {"say", "read", "tell", "show"}
_STARTED = {"going", "started", "lit", "burning", "alight"}
_LINKS = {"at", "on", "to", "for", "up", "out", "of", "over", "into"}
_SELF = {"myself", "yourself", "ourselves", "me"}
_PARTICLES = {"off", "up", "down", "out", "in", "on", "over", "away", "back"}


def variants(words: list[str], phrases: Phrases, story_verbs: frozenset[str],
             nouns: frozenset[str] = frozenset(), portable: frozenset[str] = frozenset(),
             placed: frozenset[str] = frozenset()) -> Iterator[list[str]]:
    """Rewritten clauses, the story's own verbs first; each is parsed like a typed one (`nouns`: the story's names
    of things; `portable`: of the things one can carry; `placed`: of those a deed of putting in uses)."""
    for reshaped in (words, *_reshaped(words, phrases, nouns)):
        yield from _synonyms(reshaped, phrases, story_verbs)
        if reshaped is not words:
            yield reshaped
    yield from _compounds(words, phrases)
    yield from substances(words, phrases, story_verbs, nouns, portable)
    yield from handed_over(words)
    yield from put_somewhere(words, portable, placed)
    meant = purpose(words, phrases, story_verbs)
    if meant is not None:
        yield Reworded(meant)


def _compounds(words: list[str], phrases: Phrases) -> Iterator[list[str]]:
    """A verb spelt as one word with its object: "gaze at the stars" -> stargaze, "watch the birds" -> birdwatch."""
    verb, others = words[0], words[1:]
    for at, noun in enumerate(others):
        if noun in _LINKS:
            continue
        for form in dict.fromkeys((singular(noun), noun)):
            for joined in (form + verb, verb + form):
                if (joined,) in phrases:
                    yield [joined, *(w for i, w in enumerate(others) if i != at and w not in _LINKS)]


def _reshaped(words: list[str], phrases: Phrases, nouns: frozenset[str]) -> Iterator[list[str]]:
    # "would you mind opening", "try ringing the bell", "I'm going inside": the deed is the -ing word.
    for at in range(min(3, len(words))):
        for form in _base(words[at]) or ():
            yield [form, *words[at + 1:]]
    yield from shapes(words)
    yield from handings(words, phrases, nouns)
    yield from without_possessive(words, phrases)
    yield from without_amount(words)
    yield from without_here(words)
    yield from asking(words)
    if len(words) > 2 and words[-1] in ("it", "them", "one"):
        # "the brass bell, ring it": the thing first, then the verb and a pronoun for it.
        yield [words[-2], *words[:-2]]
    if len(words) > 1 and set(words[1:]) & _SELF:
        yield [w for w in words if w not in _SELF]  # "pour myself some tea": for whom, not what
    plain = [w for w in words if not (len(w) > 4 and w.endswith("ly"))]
    if len(plain) != len(words) and plain:
        yield plain  # "quietly ring the bell": an adverb says how, not what
    if len(words) > 2 and words[0] in _RESULT_VERBS and words[-1] in _RESULTS:
        yield [_RESULTS[words[-1]], *words[1:-1]]
    if len(words) > 3 and words[:2] in (["what", "does"], ["what", "do"]) and words[-2:] == ["look", "like"]:
        yield ["examine", *words[2:-2]]
    if len(words) > 2 and words[0] in ("what's", "whats") and words[-1] == "like":
        yield ["examine", *words[1:-1]]
    if len(words) > 3 and words[:2] in (["what", "does"], ["what", "do"]) and words[-1] in _SAYING:
        yield ["examine", *words[2:-1]]  # "what does the marker say?"
    for opening in (["what's", "written", "on"], ["whats", "written", "on"], ["what", "is", "written", "on"],
                    ["what's", "on"], ["whats", "on"], ["what", "is", "on"], ["what's", "in"], ["whats", "in"],
                    ["what", "is", "in"], ["what's", "inside"], ["whats", "inside"], ["what's", "written", "in"]):
        if len(words) > len(opening) and words[:len(opening)] == opening:
            yield ["examine", *words[len(opening):]]
    if len(words) > 3 and words[:3] in (["is", "there", "anything"], ["is", "there", "something"]):
        yield ["look", *words[3:]]  # "is there anything under the mat?": a look there
    if len(words) > 2 and words[:2] in (["let", "myself"], ["let", "ourselves"]):
        yield ["go", *words[2:]]  # "let myself in (with the key)"
    if len(words) > 3 and words[:3] == ["tell", "me", "about"]:
        yield ["examine", *words[3:]]  # "tell me about the oven"
    if len(words) > 2 and words[:2] == ["show", "me"]:
        yield ["look"] if words[2] in ("around", "round") else ["examine", *words[2:]]  # "show me the bowl"
    if len(words) > 1 and (words[0] in ("what's", "whats") or words[:2] == ["what", "is"]):
        yield ["examine", *words[1 if words[0] != "what" else 2:]]  # "what's that grey thing?"
    if len(words) > 2 and words[0] in ("get", "set") and words[-1] in _STARTED:
        # "get the fire going", "get the stove lit": bring it to life.
        yield ["light", *words[1:-1]]
        yield ["start", *words[1:-1]]
    if "by" in words[:-1]:
        # "let them know I'm here by knocking": the deed is the -ing word after "by".
        at = words.index("by")
        for form in _base(words[at + 1]) or ():
            yield [form, *words[at + 2:]]
    # A two-word verb split around its object: "fish the coin out of the fountain" -> "fish out coin from ...".
    for phrase in phrases:
        # A story phrase with its particle after the thing: "kick the snow off my boots" -> "kick off the snow".
        verb, particle, noun = phrase[0], list(phrase[1:2]), list(phrase[2:])
        size = len(noun)
        if (size and particle and particle[0] in _PARTICLES and words[:1] == [verb]
                and words[1:1 + size] == noun and words[1 + size:2 + size] == particle):
            yield [*phrase, *words[2 + size:]]
    for phrase in sorted({*VERB_HEADS, *phrases}):  # the story's own too: "hook the phone up to the bank"
        if len(phrase) == 2 and len(words) > 2 and words[0] == phrase[0] and phrase[1] in words[2:]:
            at = words.index(phrase[1], 2)
            tail = words[at + 1:]
            if tail[:1] == ["of"]:
                tail = ["from", *tail[1:]]
            yield [*phrase, *words[1:at], *tail]


def _base(word: str) -> list[str] | None:
    """"knocking" -> knock, "tapping" -> tap, "breathing" -> breathe."""
    if not word.endswith("ing") or len(word) < 5:
        return None
    stem = word[:-3]
    forms = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        forms.insert(0, stem[:-1])
    return forms


def _synonyms(words: list[str], phrases: Phrases, story_verbs: frozenset[str]) -> Iterator[list[str]]:
    """The clause with its verb replaced by each synonym this story or the built-ins know (the story's first)."""
    for size in (3, 2, 1):
        head = tuple(words[:size])
        if len(head) < size or head not in VERB_HEADS:
            continue
        others = [tuple(s.split()) for s in sorted(verb_synonyms(head))]
        known = [o for o in others if o in phrases]
        known.sort(key=lambda o: phrases[o] not in story_verbs)
        # A synonym that opens one of the story's longer phrases ("keep watch for" -> "look out for" the boat).
        known += [o for o in others if o not in phrases and any(p[:len(o)] == o and len(p) > len(o)
                                                                 for p in phrases if phrases[p] in story_verbs)]
        for other in known:
            yield [*other, *words[size:]]
        return
