"""Questions the engine answers itself: where am I, where can I go, what do I have, who am I, what now."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from engine.core.actions import Action
from engine.core.game import Game
from engine.core.rules.text import inventory_text
from engine.core.rules.world import open_exits, visible_exits

Kind = Literal["place", "exits", "inventory", "role", "hint"]

_SPELLINGS = (
    (r"\bwhat'?s\b", "what is"), (r"\bwhere'?s\b", "where is"), (r"\bwho'?s\b", "who is"),
    (r"\bi'?m\b", "i am"), (r"\bim\b", "i am"), (r"\bwhat're\b", "what are"), (r"\bive\b", "i have"),
    (r"\bi'?ve\b", "i have"), (r"\bu\b", "you"), (r"\bwanna\b", "want to"), (r"\bgotta\b", "have to"),
)
_I = r"(?:i|we)"
# Order matters: "what do I have to do" is a hint, not the inventory; "where should I go" a hint, not exits.
_PATTERNS: tuple[tuple[Kind, tuple[str, ...]], ...] = (
    ("hint", (
        rf"\bwhat (?:should|shall|must|could|can|do|would) {_I} (?:do|try)\b",
        rf"\bwhat (?:do|did) {_I} (?:have|need) to do\b", r"\bwhat (?:now|next)\b", r"\bnow what\b",
        rf"\bwhat am {_I} (?:supposed|meant|expected) to do\b", r"\bwhat are we (?:supposed|meant) to do\b",
        rf"\b{_I} am stuck\b", r"\b(?:i'?m|i am|feeling|so) (?:a bit |kind of |rather )?stuck\b",
        r"\b(?:any|an|some|a|need a|give me an?) (?:ideas?|clues?|hints?|tips?|nudges?|suggestions?)\b",
        r"\bwhat (?:is|was) (?:my|the|our) (?:goal|aim|point|task|objective|mission|quest)\b",
        rf"\bhow do {_I} (?:win|finish|progress|get on|move on|continue)\b", rf"\bwhere (?:should|do) {_I} go next\b",
        rf"\bwhere should {_I} go\b", r"\bhelp me\b(?! (?:up|out|with the))",
        rf"\bwhat (?:else )?(?:can|could) {_I} do\b",
    )),
    ("role", (
        rf"\bwho am {_I}\b", r"\bwho are we\b", r"\bwhat is my (?:role|name|part|story|job|purpose)\b",
        rf"\bwhy am {_I} here\b", rf"\bwhat am {_I} doing here\b", rf"\bwhat am {_I} (?:here )?for\b",
        r"\bwho (?:do|am) i (?:play|playing)\b", r"\btell me about (?:myself|me)\b",
        rf"\bwho (?:am {_I}|is the player) (?:supposed|meant) to be\b", r"\bwhat brings me here\b",
        r"\bwhy have i come\b",
    )),
    ("inventory", (
        rf"\bwhat (?:do|did) {_I} (?:have|carry|hold|own)\b(?! to)",
        rf"\bwhat have {_I} (?:got|picked up|collected|found)\b",
        rf"\bwhat am {_I} (?:carrying|holding|holding onto|carrying around)\b", rf"\bwhat have {_I}\b\s*\??$",
        r"\bwhat is in my (?:pockets?|bag|hands?|backpack|rucksack|coat)\b",
        r"\bwhat(?: do)? i(?: have| got)? (?:on me|in my (?:pockets?|bag|hands?))\b",
        r"\b(?:check|search|empty|look in|look through) my (?:pockets?|bag|backpack|things|stuff|inventory)\b",
        rf"\b(?:am {_I}|are we) (?:carrying|holding) anything\b",
        rf"\b(?:do {_I} have|have {_I} got|{_I} have) anything\b",
        r"\bwhat (?:things|stuff|items) (?:do|have) i\b", r"\bmy (?:inventory|belongings|things)\b\s*\??$",
    )),
    ("exits", (
        rf"\bwhere (?:else )?(?:can|could|may) {_I} (?:go|head|walk|wander|get to)\b",
        r"\bwhich ways?\b", r"\bwhat ways?\b", r"\bwhat (?:are the |are my )?(?:exits|directions|paths|ways out)\b",
        r"\bany (?:exits|way out|ways out|paths|other paths)\b", r"\bways? (?:out|on) of here\b",
        rf"\bhow (?:do|can|could) {_I} (?:get|go) (?:out|away|anywhere|elsewhere|somewhere else)\b",
        r"\bwhere (?:does|do) (?:this|that|the|these|those) "
        r"(?:path|road|way|track|door|stairs?|paths|roads)s? (?:lead|go)\b",
        r"\bwhere does it (?:lead|go)\b", r"\bwhat is (?:nearby|next door|around here)\b",
        r"\bwhere (?:is|are) the (?:exits?|way out|paths?)\b", r"\bwhat directions\b",
    )),
    ("place", (
        rf"\bwhere (?:exactly |now |on earth |the heck )?(?:am|are) {_I}\b", r"\bwhere is this\b",
        r"\bwhat (?:is|are) this (?:place|spot|room|area|here)\b",
        r"\bwhat place is this\b", r"\bwhat (?:kind of|sort of) place\b", r"\bwhat is here\b",
        rf"\bwhat (?:can|do) {_I} see\b", r"\bwhat is (?:around|round) (?:me|us|here)\b",
        r"\bdescribe (?:this|the|my) (?:place|room|area|scene|surroundings|spot)\b",
        rf"\bwhere have {_I} (?:ended up|come|arrived|got to)\b", r"\bwhat is this\s*\??$",
        r"\b(?:remind me )?where i am\b", r"\bwhat is going on here\b", r"\bwhat is this place called\b",
        r"\bwhat (?:is|am i) looking at\b",
    )),
)
_COMPILED = tuple((kind, tuple(re.compile(p) for p in patterns)) for kind, patterns in _PATTERNS)
_MAX_WORDS = 14


@dataclass(frozen=True)
class Answer:
    """The engine's answer to a question about the game itself; it never advances the story."""

    kind: Kind
    text: str


def normalise(text: str) -> str:
    """Lower case, common contractions spelled out, punctuation other than `?` dropped."""
    plain = text.lower().replace("’", "'").strip()
    for pattern, spelled in _SPELLINGS:
        plain = re.sub(pattern, spelled, plain)
    return " ".join(re.sub(r"[^a-z0-9'? ]+", " ", plain).split())


def question_kind(text: str) -> Kind | None:
    """Which engine question `text` asks, if any (short sentences only: long ones are commands or talk)."""
    plain = normalise(text)
    if not plain or len(plain.split()) > _MAX_WORDS:
        return None
    for kind, patterns in _COMPILED:
        if any(p.search(plain) for p in patterns):
            return kind
    return None


def answer_question(text: str, game: Game) -> Answer | None:
    """The engine's own answer, or None when `text` is not one of these questions."""
    kind = question_kind(text)
    if kind is None or game.ended is not None:
        return None
    return Answer(kind, _ANSWERS[kind](game))


def _place(game: Game) -> str:
    return game.look().text


def _exits(game: Game) -> str:
    story, state = game.story, game.state
    open_ = open_exits(story, state)
    ways = [game.describe(Action(verb="go", obj=d)) for d in open_]
    closed = [f"{d} (closed)" for d in visible_exits(story, state) if d not in open_]
    if not ways and not closed:
        return "There is no way on from here that you can see."
    text = "From here you can " + _join([w for w in ways]) + "." if ways else ""
    if closed:
        text += (" " if text else "") + "The way " + _join(closed) + " is shut for now."
    return text


def _inventory(game: Game) -> str:
    return inventory_text(game.story, game.state)


def _role(game: Game) -> str:
    if game.story.player:
        return game.story.player.strip()
    return f"The story doesn't say. You are simply yourself, here in {game.story.title}."


def _hint(game: Game) -> str:
    authored = game.hint()
    if authored:
        return authored
    skip = {"look", "inventory", "wait", "help"}
    options = [game.describe(a) for a in game.legal_actions() if a.verb not in skip][:4]
    return "You could try: " + "; ".join(options) + "." if options else "Look around (type `look`)."


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


_ANSWERS = {"place": _place, "exits": _exits, "inventory": _inventory, "role": _role, "hint": _hint}
