"""Ways of saying a command around its verb: narrating it ("I take the lantern", "you go north"), wanting a thing
("I'd like the lantern", "can I have the map"), casual ways of moving ("trudge up to the hut", "nip into the
pantry"), and the way back said in full ("go back the way I came")."""

from __future__ import annotations

from engine.parser.lexicon import VERB_HEADS
from engine.parser.words import BUILTIN_PHRASES, DIRECTIONS, LEADING, MOTION

Phrases = dict[tuple[str, ...], str]

_NARRATORS = {"i", "we", "you"}
# Verbs after "I" that tell of the player's mind or body rather than a deed: "I feel lonely", "I see a light".
_STATES = {"feel", "am", "was", "think", "know", "wish", "hope", "miss", "love", "like", "hate", "want", "need",
           "remember", "guess", "suppose", "wonder", "mean", "can", "could", "should", "would", "will", "do",
           "don't", "dont", "did", "have", "had", "see", "hear", "smell", "notice", "spot", "sense", "worry",
           "cry", "find", "found", "got", "keep", "must", "may", "might", "shall", "just", "really"}
# Openings that ask for a thing rather than a deed ("I'd like the lantern"); "I'd like to ..." is not one.
_WANTING = tuple(tuple(p.split()) for p in (
    "i would like", "i'd like", "id like", "i want", "i need", "we need", "can i have", "could i have",
    "may i have", "can i get", "could i get", "i'll have", "i will have", "i fancy", "i'd love", "i would love",
    "can we have", "could we have",
))
# Verbs of going in a particular manner ("trudge", "wade", "tiptoe"): going, wherever they lead.
_MANNERS = {"dash", "dart", "scramble", "scurry", "amble", "saunter", "trudge", "tramp", "hike", "trek", "march",
            "creep", "sneak", "tiptoe", "race", "jog", "rush", "stride", "stomp", "stumble", "plod", "crawl",
            "wade", "roam", "venture", "shuffle", "meander", "scoot", "hobble", "limp", "trot", "sprint", "scamper"}
# Everyday verbs that mean going only before a way or a place ("pop down to the cellar", not "pop it in").
_BRIEFLY = {"pop", "nip", "duck", "slip", "hop", "squeeze", "edge", "inch"}
_WAYS = {"in", "into", "out", "up", "down", "over", "across", "through", "round", "around", "along", "back",
         "to", "towards", "toward", "inside", "outside", "upstairs", "downstairs", "past", "onward", "onwards",
         "ahead", "north", "south", "east", "west", "away"}
# Pushing on through, past or ahead is going: "push through to the shop" (never "push down the lever").
_PUSHING = {"push", "press", "shoulder", "elbow", "squeeze", "force", "fight", "battle", "barge"}
_ONWARD = {"through", "past", "on", "onward", "onwards", "ahead", "forward", "forwards"}
# "pick my way down", "feel my way along": the way said with a verb of care.
_WAYFARING = {"pick", "feel", "find", "work", "wind", "weave", "thread", "push", "fight", "edge", "inch", "grope",
              "navigate", "wend", "elbow"}
# "... the way I came", "... where we came from": the way back.
_CAME = ({"way", "i", "came"}, {"way", "we", "came"}, {"where", "i", "came", "from"}, {"where", "we", "came", "from"},
         {"way", "i", "came", "in"}, {"way", "we", "came", "in"})


def wanting(words: list[str]) -> list[str]:
    """"I'd like the lantern" -> take the lantern (before the wrapper "I'd like" is dropped as a polite opening)."""
    for opening in _WANTING:
        if tuple(words[:len(opening)]) == opening and words[len(opening):] and words[len(opening)] != "to":
            wanted = words[len(opening):]
            # "I want out": a way, not a thing; "can I get on the ship": getting on, as "get" says.
            if wanted[0] in DIRECTIONS:
                return ["go", *wanted]
            return ["get" if opening[-1] == "get" else "take", *wanted]
    return words


def going_to(words: list[str]) -> list[str]:
    """"I'm going to the shop": "going to" before a place is a going, not a wrapper for what follows."""
    for at in range(len(words) - 2):
        if words[at] == "going" and words[at + 1] == "to" and not _is_verb(words[at + 2], {}):
            before = words[:at]
            for being in (["i", "am"], ["we", "are"], ["i'm"], ["im"], ["we're"]):
                if before[-len(being):] == being:
                    before = before[:-len(being)]  # "I'm going to the shop": the going is the command
                    break
            return [*before, "go", *words[at + 1:]]
    return words


# A sentence about the player before the command: "I'm hungry, I'll eat", "I'm cold so let me put the coat on".
_TELLING = (("i'm",), ("im",), ("i", "am"), ("i", "feel"), ("i'm", "so"), ("i", "am", "so"))
_RESOLVING = (("i'll",), ("i", "will"), ("let", "me"), ("so", "i'll"), ("i", "think", "i'll"), ("i'd", "better"),
              ("i", "should"), ("i", "might"))


def after_telling(words: list[str]) -> list[str]:
    """"I'm hungry, I'll eat some pie" -> eat some pie: the command after a sentence about the player."""
    if not any(tuple(words[:len(t)]) == t for t in _TELLING):
        return words
    for at in range(2, len(words) - 1):
        for head in _RESOLVING:
            if tuple(words[at:at + len(head)]) == head:
                rest = words[at + len(head):]
                while rest and any(tuple(rest[:len(h)]) == h and len(rest) > len(h) for h in LEADING):
                    rest = rest[next(len(h) for h in LEADING if tuple(rest[:len(h)]) == h):]
                return rest or words
    return words


def unwrap(words: list[str], phrases: Phrases) -> list[str]:
    """The command inside one clause's wrapping (the clause itself when there is none)."""
    words = after_telling(words)
    if len(words) > 1 and words[0] in _NARRATORS and words[1] not in _STATES and _is_verb(words[1], phrases):
        words = words[1:]  # "I take the lantern": the player narrates the deed
    head = words[0]
    if head == "retrace":
        return ["go", "back"]
    for tail in _CAME:
        if len(words) > len(tail) and set(words[-len(tail):]) == tail:
            words = [*words[:-len(tail)], "back"]
            break
    if len(words) > 2 and head in _WAYFARING and words[1] == "way":
        return ["go", *words[2:]]
    if (head,) in phrases:
        return words  # the story's own verb (or a built-in one) says what it means
    if len(words) > 1 and (head in _MANNERS or (head in _BRIEFLY and words[1] in _WAYS)
                           or (head in _PUSHING and words[1] in _ONWARD)):
        return ["go", *words[1:]]
    return words


def _is_verb(word: str, phrases: Phrases) -> bool:
    return any(phrase[0] == word for phrase in (*phrases, *VERB_HEADS, *BUILTIN_PHRASES)) or word in (
        _MANNERS | _BRIEFLY | MOTION) or word in {
        "go", "walk", "head", "climb", "enter", "leave", "return", "grab", "pick", "open", "close", "light", "ring",
        "knock", "give", "hand", "show", "sit", "lie", "wait", "listen", "read", "search", "push", "pull", "lift",
        "fill", "pour", "put", "place", "pocket", "unlock", "follow", "run", "step", "move"}


def without_leading(words: list[str]) -> list[str]:
    """The words without openings that carry no command ("please", "ok so")."""
    changed = True
    while changed:
        changed = False
        for head in LEADING:
            if len(words) > len(head) and tuple(words[: len(head)]) == head:
                words, changed = words[len(head):], True
    return words
