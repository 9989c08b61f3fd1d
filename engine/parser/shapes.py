"""Everyday shapes of a request that name the deed by where things go: "put the key in the lock" (use it there),
"put on the apron" (a garment is taken by wearing it), "put the blanket over him" (cover him with it), and
"look out of the window" (the place itself is looked at)."""

from __future__ import annotations

from collections.abc import Iterator

from engine.parser.lexicon import VERB_HEADS, singular
from engine.parser.words import BUILTIN_PHRASES, MOTION

# Verbs that put one thing into another: "put/stick/slide the key in the lock" is using the key on the lock.
_INSERTING = {"put", "insert", "stick", "slide", "slip", "fit", "push", "pop", "poke", "jam", "slot", "place"}
_INTO = {"in", "into", "inside"}
# What is put into a thing to work it (a key in a lock, a coin in a slot); "put the wood in the oven" is no such use.
_INSERTED = {"key", "keys", "keycard", "card", "pass", "token", "coin", "coins", "ticket", "disc", "disk", "plug",
             "cable", "lead", "charger", "fuse", "battery", "batteries", "cartridge", "tape", "cassette", "record"}
# Verbs that lay one thing over another: "put the blanket over the boy" is covering the boy with it.
_LAYING = {"put", "lay", "drape", "spread", "throw", "tuck", "place", "pull", "wrap", "fold"}
_OVER = {"over", "around", "round", "about", "across"}
# Putting on clothes: "put on the apron", "wear the scarf", "pull the hat on".
_WEARING = {"wear", "don"}
_DRESSING = {"put", "slip", "pull", "tie", "throw", "shrug", "button", "try"}
# Everyday clothes (a general English class, like WordNet's "garment"): only these are worn, so "put the
# kettle on" never takes the kettle.
GARMENTS = {
    "apron", "pinny", "coat", "jacket", "anorak", "parka", "cloak", "cape", "shawl", "scarf", "hat", "cap",
    "beanie", "hood", "gloves", "glove", "mittens", "mitten", "boots", "boot", "shoes", "shoe", "wellies",
    "wellingtons", "socks", "sock", "jumper", "sweater", "cardigan", "pullover", "hoodie", "fleece", "overalls",
    "smock", "uniform", "dress", "shirt", "blouse", "trousers", "jeans", "belt", "helmet", "goggles", "glasses",
    "spectacles", "mask", "waistcoat", "vest", "raincoat", "mac", "oilskin", "oilskins", "sou'wester", "robe",
    "dressing gown", "gown", "slippers", "sandals", "bonnet", "headscarf", "necklace", "ring", "bracelet",
    "watch", "badge", "lanyard", "bib", "wetsuit", "lifejacket", "waders", "waterproof", "waterproofs", "cagoule",
    "kagoul", "pinafore", "jersey", "tabard", "poncho", "sunhat", "earmuffs", "balaclava", "tie",
}
# Things one puts on by starting them ("put the kettle on", "put on the radio"), and those one boils.
_APPLIANCES = {"kettle", "urn", "oven", "stove", "cooker", "hob", "radio", "heater", "heating", "fire", "light",
               "lights", "lamp", "music", "record", "telly", "tv", "television", "fan", "boiler", "wireless"}
_BOILED = {"kettle", "urn", "water", "pan", "saucepan", "pot"}
# Making one thing out of others.
_MAKING = {"make", "build", "fashion", "create", "craft", "rig", "improvise", "cobble", "construct"}
_MADE_OF = {"of", "from", "using"}
_BRINGING = {"take", "carry", "bring", "run", "fetch"}
_HAVING = {"have", "need", "want", "fancy"}
# What one has without taking anything: "have a look", "have a rest", "have a think".
_NOT_HAD = {"look", "rest", "think", "go", "try", "seat", "sit", "break", "nap", "sleep", "wash", "word", "chat",
            "peek", "listen", "feel", "wander", "walk", "moment", "minute", "breather", "cry", "laugh", "to"}
_LOOKING = {"look", "peer", "gaze", "stare", "glance", "peek", "peep", "see"}
_THROUGH = {"out", "through"}


def makes(words: list[str], following: list[str] | None = None) -> bool:
    """Whether a clause so far makes a thing out of others ("make a flag out of ...", "build a raft from ...");
    "make a house with the straw and the crate" too, when the word `following` "and" starts no new command."""
    if not words or words[0] not in _MAKING:
        return False
    made_with = "with" in words[2:] and following is not None and not _commands(following)
    return bool(set(words[1:]) & _MADE_OF) or made_with


def _commands(words: list[str]) -> bool:
    return bool(words) and ((words[0],) in BUILTIN_PHRASES or (words[0],) in VERB_HEADS or words[0] in MOTION)


def shapes(words: list[str]) -> Iterator[list[str]]:
    """Other clauses that say what these words do with their things."""
    head, rest = words[0], words[1:]
    if makes(words, []) and "and" in rest:
        # "make a flag out of the scarf and the stick": the two things are used together.
        at = max(i for i, w in enumerate(rest) if w in _MADE_OF | {"with"})
        parts = rest[at + 1:]
        cut = parts.index("and") if "and" in parts else 0
        if 0 < cut < len(parts) - 1:
            yield ["use", *parts[:cut], "on", *parts[cut + 1:]]
    if head in _BRINGING and "to" in rest[1:-1]:
        at = rest.index("to")
        yield ["give", *rest[:at], "to", *rest[at + 1:]]  # "take the bread to the nurse": giving it to them
    if head == "use" and "to" in rest[1:-1]:
        # "use my phone to call the rescue": the deed after "to", done with the thing.
        at = rest.index("to")
        yield [*rest[at + 1:], "with", *rest[:at]]
        yield rest[at + 1:]
    if head in _INSERTING and len(rest) > 2:
        at = next((i for i, w in enumerate(rest) if w in _INTO), 0)
        if 0 < at < len(rest) - 1 and rest[at - 1] in _INSERTED:
            yield ["use", *rest[:at], "on", *rest[at + 1:]]
    if head in _LAYING and len(rest) > 2:
        at = next((i for i, w in enumerate(rest) if w in _OVER), 0)
        if at > 0 and at < len(rest) - 1:
            covering, covered = rest[:at], rest[at + 1:]
            yield ["cover", *covered, "with", *covering]
            yield ["wrap", *covered, "in", *covering]
    started = _started(head, rest)
    if started:
        if started[-1] in _BOILED:
            yield ["boil", *started]
        yield ["switch", "on", *started]
    if head in _HAVING and rest and rest[0] not in _NOT_HAD:
        yield ["take", *rest]  # "can I have the map?", "I'll have the lantern"
    worn = _worn(head, rest)
    if worn:
        yield ["take", *worn]
    if head in _LOOKING and rest[:1] and rest[0] in _THROUGH and "for" not in rest:
        # "look out of the window", "gaze through the glass" where the window is no thing here: the view is
        # the place itself.
        yield ["look"]


def _worn(head: str, rest: list[str]) -> list[str]:
    """The garment named by "wear X", "put on X", "put X on" (none when X is not clothing)."""
    if head in _WEARING:
        garment = rest
    elif head in _DRESSING and rest[:1] == ["on"]:
        garment = rest[1:]
    elif head in _DRESSING and len(rest) > 1 and rest[-1] == "on":
        garment = rest[:-1]
    else:
        return []
    if garment and (singular(garment[-1]) in GARMENTS or garment[-1] in GARMENTS):
        return garment
    return []


def _started(head: str, rest: list[str]) -> list[str]:
    """The appliance named by "put the kettle on", "put on the radio" (none for anything else)."""
    if head != "put" or len(rest) < 2:
        return []
    started = rest[1:] if rest[0] == "on" else rest[:-1] if rest[-1] == "on" else []
    return started if started and started[-1] in _APPLIANCES else []
