"""Telephoning in everyday words ("ring my mum", "phone home"): the story's one deed of making a call here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.core.rules.known import Known
from engine.parser.objects import things
from engine.parser.result import ParseResult

if TYPE_CHECKING:
    from engine.core.game import Game

# Words that open a call; "ring" and "call" also ring bells and call dogs, so the deed must be a telephone's.
_CALLING = {"call", "phone", "ring", "dial", "telephone", "rang", "called", "phoned"}
# A deed's words that say it is a telephone call, whatever thing it is done to.
_TELEPHONING = {"phone", "dial", "telephone", "make a call", "ring up", "phone up", "call up"}
_PHONES = ("phone", "telephone")
_LEAD = {"i", "we", "let", "me", "us", "to", "should", "must", "need", "want", "could", "can", "will", "i'll", "gotta",
         "gonna", "wanna", "better", "i'd", "lets", "let's", "just", "quickly", "please", "go", "and"}


def _telephones(game: Game, known: Known) -> bool:
    """Whether this deed is making a call: named so, or done with or to a phone of some kind."""
    if known.action.verb not in _CALLING and not set(known.verbs) & _CALLING:
        return False
    if set(known.verbs) & _TELEPHONING:
        return True
    named = [known.action.obj, known.action.target]
    items = game.story.items
    return any(t in items and any(p in n.lower() for n in (items[t].name, *items[t].aliases) for p in _PHONES)
               for t in named if t is not None)


def telephoning(game: Game, known: list[Known], clauses: list[list[str]]) -> ParseResult | None:
    """The one telephoning deed here, for a clause that opens with a calling verb and names nobody the story
    has in reach other than what that deed is done with ("ring my mum", "call home on the payphone")."""
    deeds = [k for k in known if _telephones(game, k)]
    if len({k.action for k in deeds}) != 1:
        return None
    deed = deeds[0].action
    for clause in clauses:
        # The calling word is the verb: first, or after words of wanting ("i should phone home"), never a noun
        # ("throw my phone in the sea").
        at = next((i for i, w in enumerate(clause[:4]) if w in _CALLING and set(clause[:i]) <= _LEAD), None)
        if at is None or clause[at + 1:at + 2] in (["out"], ["for"], ["to"], ["over"], ["after"], ["off"], ["it"],
                                                    ["back"], ["in"]):
            continue  # "call out to her", "call for help", "call it a night": no telephone
        rest = [w for w in clause[at + 1:] if w not in ("up", "on", "with", "from", "using", "the", "a", "my")]
        named = things(game.story, game.state, rest) if rest else "nothing"
        # "ring the bell", "call the dog": a thing of the story's other than the phone is what is meant.
        if isinstance(named, str) or all(m.thing in (deed.obj, deed.target) for m in named):
            return ParseResult(kind="action", action=deed)
    return None
