"""Confidence bands for a model's reading: act, ask to confirm, or treat as not an action at all.

Deterministic rule parses act. A model or embedding reading acts only above a bar that rises with what the
action would change: looking is cheap, moving costs a step back, and giving, dropping or a story verb with
effects may not come back. Hostile or injected text never reaches the parser at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.core.actions import Action
from engine.core.game import Game

Band = Literal["act", "confirm", "none"]
CONFIRM_OPENING = "Do you mean:"
"""How the confirm band's question opens (the measurement knows a confirmation by it)."""
Risk = Literal["safe", "moving", "changing", "story", "irreversible"]

_HOSTILE = re.compile(
    r"ignore (?:all |any |the |your |my |previous |prior |above |earlier )*(?:instructions|rules|prompts?|directions)"
    r"|disregard (?:all |the |your |previous |prior )*(?:instructions|rules|prompts?)|\bjailbreak"
    r"|\b(?:system|assistant|developer|user)\s*(?:prompt)?\s*[:>]|</?[a-z_|]+[^>]*>|<\||\|>|\[/?inst\]|###"
    r"|\{\s*[\"'][a-z_]+[\"']\s*:|\byou are now\b|\bact as\b|\bdeveloper mode\b|\bnew instructions\b"
    r"|\b(?:set|clear|unset)\s+[a-z]+_[a-z_]+\b|\b[a-z]+_[a-z]+\s*(?:=|:)\s*(?:true|false|\d+)\b"
    r"|\b(?:flags?|vars?|state|inventory)\s*(?:\[|\.|=)|\bprint (?:the|your) (?:prompt|instructions)\b"
    r"|\boverride\b|\bsudo\b|\badmin\b|\bexecute\b|\brm -rf\b|```",
    re.I,
)


def hostile(text: str) -> bool:
    """Injection or markup aimed at the machinery rather than the story (fake turns, JSON, tags, 'ignore...')."""
    return bool(_HOSTILE.search(text))


class BandBars(BaseModel):
    """The probabilities a reading must reach to act, and to be offered as a question."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    act: float = Field(ge=0, le=1)
    confirm: float = Field(ge=0, le=1)


class ConfidenceConfig(BaseModel):
    """Bars per kind of action (calibrated on the paraphrase and off-script development sets)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Chosen on the development sets (lantern_house and rain_library paraphrases*.yaml + offscript*.yaml, the
    # embedding readings from game/bench/bands_calibration.py). First calibration: every wrong irreversible
    # reading scored 0.40-0.79, and story verbs without effects ("breathe") took off-script lines at 0.44-0.71.
    # Second (after the cascade gained its wording checks, engine/turn/candidates.py: a reading with lasting
    # effects needs one of its verbs or their synonyms in the words, and none the words contradict): the only
    # irreversible reading left was right, at 0.45 ("hand her ..." -> give), so confirming starts there, which
    # can change nothing by itself; story verbs took off-script lines at up to 0.89 ("smell the sea air" ->
    # breathe, "make a funny face at theo" -> talk) and no paraphrase needed one, so they act from 0.9.
    # Asking "Do you mean: look?" helps no one, and off-script lines were the ones that fell between: for safe
    # actions and story verbs without effects there is no confirm band (act, or an in-world reply).
    # Third (game/bench/bands_calibration.py with every=True: every paraphrase and off-script line of the development
    # stories read by the cascade as if the rules had found nothing, 1051 + 322 lines): no wrong reading that
    # changes the state reaches an act bar; right readings of taking and of lasting deeds sat at 0.27-0.45 with
    # one wrong one and one off-script line among them, and right story-verb readings at 0.55-0.9 outnumbered
    # off-script ones two to one. Asking changes nothing, so taking and lasting deeds are asked about from 0.3 and
    # story verbs from 0.55; the act bars stay (off-script lines still never act on anything that changes).
    safe: BandBars = BandBars(act=0.5, confirm=0.5)
    """look, examine, wait, a refused action: nothing changes."""
    moving: BandBars = BandBars(act=0.75, confirm=0.4)
    """go: a step the player has to walk back."""
    changing: BandBars = BandBars(act=0.7, confirm=0.3)
    """take: reversible, but the world is different."""
    story: BandBars = BandBars(act=0.9, confirm=0.55)
    """A story verb without lasting effects ("breathe"): harmless, but an off-script line must not run it."""
    irreversible: BandBars = BandBars(act=0.85, confirm=0.3)
    """give, drop, use, talk with effects, story verbs with effects or a beat, endings."""


@dataclass(frozen=True)
class Verdict:
    """The band a reading falls in, the action it concerns, and why."""

    band: Band
    action: Action | None
    risk: Risk | None = None
    reason: str = ""


def risk_of(game: Game, action: Action) -> Risk:
    """What performing `action` would change, found by trying it on a copy of the state."""
    trial = Game.from_state(game.story, game.state.model_copy(deep=True))
    outcome = trial.perform(action)
    if not outcome.ok:
        return "safe"  # a refusal changes nothing
    events = outcome.events
    if outcome.ending is not None or any(e.split(":")[0] in _LASTING for e in events):
        return "irreversible"
    if any(e.startswith("moved:") for e in events) or outcome.scene_changed:
        return "moving"
    if trial.state.inventory != game.state.inventory or any(e.startswith("took:") for e in events):
        return "changing"
    if any(e.startswith("did:") for e in events):
        return "story"
    return "safe"


_LASTING = frozenset({"flag", "unflag", "var", "got", "removed", "placed", "dropped", "ending", "beat"})


def band_for(game: Game, action: Action, confidence: float | None, method: str,
             config: ConfidenceConfig) -> Verdict:
    """Rules act; a model or embedding reading acts, asks, or is set aside according to its risk."""
    if method == "rules":
        return Verdict("act", action, None, "the rules understood it")
    risk = risk_of(game, action)
    bars: BandBars = getattr(config, risk)
    p = confidence or 0.0
    if p >= bars.act:
        return Verdict("act", action, risk, f"{p:.2f} >= {bars.act:.2f} for a {risk} action")
    if p >= bars.confirm:
        return Verdict("confirm", action, risk, f"{p:.2f}: ask first ({risk} action)")
    return Verdict("none", None, risk, f"{p:.2f} < {bars.confirm:.2f}: not taken as an action")


_YES = re.compile(r"^(?:y|yes|yeah|yep|yup|sure|ok|okay|please|please do|do it|go ahead|correct|right|that'?s right"
                  r"|exactly|aye|indeed|of course|yes please)[.! ]*$", re.I)
_NO = re.compile(r"^(?:n|no|nope|nah|no thanks|no thank you|not really|never mind|nevermind|cancel|wrong|neither)"
                 r"[.! ]*$", re.I)


class Confirmation:
    """One open "Do you mean ...?" question; the next input answers it, or is a new command."""

    def __init__(self) -> None:
        self.pending: Action | None = None

    def ask(self, game: Game, action: Action) -> str:
        """Hold `action` and return the question."""
        self.pending = action
        return f"{CONFIRM_OPENING} {game.describe(action)}? (yes or no)"

    def answer(self, text: str) -> tuple[Literal["yes", "no", "other"], Action | None]:
        """yes → the held action; no → nothing; anything else → a new command (the question lapses)."""
        held, self.pending = self.pending, None
        if held is None:
            return "other", None
        if _YES.match(text.strip()):
            return "yes", held
        if _NO.match(text.strip()):
            return "no", None
        return "other", None
