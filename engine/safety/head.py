"""A trained linear head on MiniLM sentence vectors: how likely an input is a crisis, by tier, as data.

Why a head and not only nearest-exemplar thresholds: a nearest-exemplar score says how close an input is
to ONE written sentence, so a new way of saying it is missed and an innocent sentence sharing a few
words with an exemplar ("im on the bridge, meet you at the other end") fires. A logistic head weighs all
384 directions of the vector at once, trained on every exemplar, every development case and a large
pool of ordinary play and life; cross-validation (`tta safety cv`) measures how it does on text it has
not seen. The weights are data (crisis_head.json, written by `tta safety train`), reviewed like the bank.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from engine.safety.lexical import SIGNALS
from engine.safety.tiers import Tier
from engine.safety.token_pool import TokenChannels, parse_channels

CRISIS_HEAD = "crisis_head.json"
OUTPUTS = ("fire", "crisis", "imminent")
"""The head's three outputs: any response is owed; a crisis (or worse); imminent."""
SCALE = 20.0
"""Unit vectors have components near 1/sqrt(384); scaled, weights stay near unit size while training."""


def features(vectors: Any, similar: Any) -> Any:
    """The head's input: the scaled vector, then each bank category's and the counter-exemplars' best similarity.

    Why the similarities too: the vector alone generalises across wording, the nearest exemplar catches
    what is close to one written case; the head learns how much to trust each.
    """
    import numpy as np

    return np.concatenate([np.asarray(vectors, dtype=np.float32), np.asarray(similar, dtype=np.float32)],
                          axis=1) * SCALE


class HeadFileError(ValueError):
    """The head's data file is unreadable or does not match the model; the message says which."""


@dataclass(frozen=True)
class HeadThresholds:
    """Probability cut-offs: check-in, crisis (needs the crisis output too), imminent (the imminent output)."""

    check_in: float = 0.5
    crisis: float = 0.7
    imminent: float = 0.5


@dataclass(frozen=True)
class LinearHead:
    """Weights (384 × 3) and biases (3) of three logistic outputs, and the thresholds that turn them into a tier."""

    weights: Any
    bias: Any
    thresholds: HeadThresholds
    model: str = "all-MiniLM-L6-v2"
    trained_on: tuple[str, ...] = ()
    """What it was trained on (file names and counts), for the record."""
    agree: bool = False
    """True: the bank's nearest-exemplar thresholds must also give a tier (the weaker of the two is shown,
    except that when both fire and the bank says crisis or worse, the bank's tier is)."""
    slack: float = 0.0
    """With `agree`, the bank's thresholds are read this much lower (the head guards against its false alarms)."""
    bank_version: int = 0
    """The exemplar bank it was trained with: its similarities are inputs, so another bank needs a new head."""
    alone: tuple[float, float] = (1.01, 1.01)
    """With `agree`: P(fire) at which the head alone gives a check-in, and P(fire) and P(crisis) at which it
    alone gives a crisis (imminent with P(imminent) at its cut-off). Why: the bank's thresholds miss new
    wordings the head still scores high; a check-in is cheap, a miss is not (round 6, chosen by
    leave-one-file-out)."""

    urgent: float = 1.01
    """With `agree`: P(crisis) at which a firing tier said of the present (lexical.present) is imminent."""
    tokens: TokenChannels | None = None
    """Channels scored on each token and max-pooled (token_pool.py); None: the sentence vector alone."""

    def alone_tier(self, tier: Tier, fire: float, crisis: float, imminent: float, now: bool = False) -> Tier:
        """`tier` raised to what the head's probabilities alone earn under `alone` and `urgent` (never lowered)."""
        check_in, strong = self.alone
        if fire >= strong and crisis >= strong and tier in ("none", "check-in"):
            tier = "imminent" if imminent >= self.thresholds.imminent else "crisis"
        elif fire >= check_in and tier == "none":
            tier = "check-in"
        return "imminent" if now and tier != "none" and crisis >= self.urgent else tier

    def fits(self, bank_version: int, categories: int, dimensions: int = 384) -> bool:
        """True when this head was trained for that bank (version, and the number of inputs it gives)."""
        if self.vector_only:  # a fine-tune's head reads the tuned vector alone: any bank fits it
            return bool(self.weights.shape[0] == dimensions)
        inputs = dimensions + categories + 2 + len(SIGNALS)
        return self.bank_version == bank_version and self.weights.shape[0] == inputs

    def probabilities(self, vectors: Any, similar: Any, states: Any = None) -> Any:
        """(n, 3) probabilities of `OUTPUTS` for (n, 384) unit vectors and their `features` similarities
        (and, with token channels, the texts' token states: a list of (tokens, 384) arrays)."""
        import numpy as np

        scaled = np.asarray(vectors, dtype=np.float32) * SCALE if self.vector_only else features(vectors, similar)
        logits = scaled @ self.weights + self.bias
        if self.tokens is not None:
            if states is None:
                raise ValueError("this head reads token states: pass them")
            logits = logits + self.tokens.logits(states)
        return (1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))).astype(np.float32)

    @property
    def vector_only(self) -> bool:
        """True for a head that reads the sentence vector alone (a fine-tune's, adapter.py), not the similarities."""
        return bool(self.weights.shape[0] == 384)

    def tier(self, fire: float, crisis: float, imminent: float) -> Tier:
        """The tier three probabilities earn; crisis and imminent also need `fire` at the crisis cut-off."""
        limits = self.thresholds
        if fire >= limits.crisis and crisis >= limits.crisis:
            return "imminent" if imminent >= limits.imminent else "crisis"
        return "check-in" if fire >= limits.check_in else "none"

    def to_json(self) -> str:
        """The head as the data file's text (weights rounded: the file is reviewed, and stays small)."""
        return json.dumps({
            "format": 1, "model": self.model, "outputs": list(OUTPUTS), "trained_on": list(self.trained_on),
            "agree": self.agree, "slack": self.slack, "bank_version": self.bank_version, "alone": list(self.alone),
            "urgent": self.urgent,
            **({"tokens": self.tokens.to_data()} if self.tokens is not None else {}),
            "thresholds": {"check_in": self.thresholds.check_in, "crisis": self.thresholds.crisis,
                           "imminent": self.thresholds.imminent},
            "bias": [round(float(b), 5) for b in self.bias],
            "weights": [[round(float(v), 5) for v in row] for row in self.weights],
        }, indent=None, separators=(",", ":")) + "\n"


def load_head(path: Path | None = None) -> LinearHead | None:
    """The head at `path`, or the packaged one; None when no packaged head is shipped."""
    if path is None:
        found = resources.files("engine.safety.data").joinpath(CRISIS_HEAD)
        if not found.is_file():
            return None
        return parse_head(found.read_text(encoding="utf-8"), f"engine/safety/data/{CRISIS_HEAD}")
    try:
        return parse_head(path.read_text(encoding="utf-8"), str(path))
    except OSError as err:
        raise HeadFileError(f"{path}: cannot read: {err}") from err


def parse_head(text: str, source: str) -> LinearHead:
    """Build a head from the data file's text; HeadFileError names `source` and what is wrong."""
    import numpy as np

    try:
        data = json.loads(text)
        weights = np.array(data["weights"], dtype=np.float32)
        bias = np.array(data["bias"], dtype=np.float32)
        limits = HeadThresholds(**{k: float(v) for k, v in data["thresholds"].items()})
        model, trained = str(data["model"]), tuple(str(t) for t in data.get("trained_on", ()))
        agree, slack = bool(data.get("agree", False)), float(data.get("slack", 0.0))
        bank_version = int(data.get("bank_version", 0))
        alone = tuple(float(v) for v in data.get("alone", (1.01, 1.01)))
        urgent = float(data.get("urgent", 1.01))
        tokens = parse_channels(data["tokens"], len(OUTPUTS)) if "tokens" in data else None
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
        raise HeadFileError(f"{source}: not a crisis head file: {err}") from err
    if weights.ndim != 2 or weights.shape[1] != len(OUTPUTS) or bias.shape != (len(OUTPUTS),):
        raise HeadFileError(f"{source}: weights must be (dimensions, {len(OUTPUTS)}) and bias ({len(OUTPUTS)},)")
    if len(alone) != 2:
        raise HeadFileError(f"{source}: alone must be [check-in, crisis] probabilities")
    return LinearHead(weights, bias, limits, model, trained, agree, slack, bank_version, (alone[0], alone[1]), urgent,
                      tokens)
