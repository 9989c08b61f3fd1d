"""The semantic crisis stage: similarity of an input to the exemplar bank, per category, against counter-exemplars."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from engine.inference.embedder import locate_minilm
from engine.paths import cache_home
from engine.safety.exemplars import Category, ExemplarBank, load_bank
from engine.safety.minilm import MiniLMEncoder, MiniLMUnavailable
from engine.safety.tiers import Tier, rank

_BATCH = 64
_CACHE_FORMAT = 1
"""Bumped when the encoder's arithmetic changes, so cached bank vectors are rebuilt."""
_SELF = frozenset({"i", "im", "ive", "id", "ill", "me", "my", "mine", "myself"})


@dataclass(frozen=True)
class SemanticResult:
    """The stage's judgement of one text."""

    tier: Tier
    category: str
    """The category that decided the tier, or the best-scoring one when the tier is none."""
    score: float
    """That category's similarity (best exemplar)."""
    counter: float
    """Similarity of the best counter-exemplar."""
    scores: tuple[tuple[str, float], ...] = ()
    """Every category's similarity, in bank order (the context check compares them)."""


class SemanticStage:
    """Scores texts against the bank; `warm()` loads the model and embeds the bank once (thread-safe)."""

    def __init__(self, encoder: MiniLMEncoder, bank: ExemplarBank, cache_dir: Path | None = None) -> None:
        self._encoder = encoder
        self.bank = bank
        self._cache_dir = cache_dir
        """Where the bank's vectors are kept between runs (rebuildable; None: computed every time)."""
        self._lock = threading.Lock()
        self._exemplars: Any = None
        self._owners: Any = None
        self._counter: Any = None
        self._now = re.compile(r"\b(?:" + "|".join(bank.now_words) + r")\b") if bank.now_words else None
        self.error: str | None = None
        """Why the stage could not load, once a load has failed."""

    @classmethod
    def packaged(cls, bank: ExemplarBank | None = None) -> SemanticStage | None:
        """The stage over the shipped MiniLM and bank, its vectors cached; None when the model is not installed."""
        folder = locate_minilm()
        if folder is None:
            return None
        return cls(MiniLMEncoder(folder), bank or load_bank(), cache_home() / "safety")

    @property
    def ready(self) -> bool:
        """True once the bank is embedded (the first judgement will not wait)."""
        return self._exemplars is not None

    def warm(self) -> bool:
        """Load the model and embed the bank, if not done yet; False (with `error`) when it cannot load."""
        with self._lock:
            if self._exemplars is not None:
                return True
            if self.error is not None:
                return False
            try:
                self._embed_bank()
            except MiniLMUnavailable as err:
                self.error = str(err)
                return False
            return True

    def scores(self, texts: Sequence[str]) -> tuple[Any, Any]:
        """Per-category best similarity (len(texts) × categories) and best counter similarity (len(texts),)."""
        import numpy as np

        if not texts:
            return np.zeros((0, len(self.bank.categories)), dtype=np.float32), np.zeros(0, dtype=np.float32)
        vectors = self._encoder.encode(texts)
        similar = vectors @ self._exemplars.T
        per_category = np.stack(
            [similar[:, self._owners == index].max(axis=1) for index in range(len(self.bank.categories))], axis=1
        )
        return per_category, (vectors @ self._counter.T).max(axis=1)

    def judge(self, texts: Sequence[str]) -> list[SemanticResult]:
        """The tier each text earns; raises MiniLMUnavailable when the model cannot load."""
        if not self.warm():
            raise MiniLMUnavailable(self.error or "the sentence model could not load")
        # A game command is left to the rules whatever it scores, so it is not embedded at all: most
        # inputs are commands, and each text embedded costs time on every turn.
        scored = [text for text in texts if not is_command(self.bank, text)]
        per_category, counter = self.scores(scored)
        found = {text: (row, best) for text, row, best in zip(scored, per_category, counter, strict=True)}
        results = []
        for text in texts:
            if text not in found:
                results.append(SemanticResult("none", self.bank.categories[0].name, 0.0, 0.0))
                continue
            row, best_counter = found[text]
            result = decide(self.bank, [float(s) for s in row], float(best_counter))
            if result.tier == "crisis" and self._now is not None and self._now.search(text):
                result = urgent(self.bank, result)
            results.append(result)
        return results

    def _embed_bank(self) -> None:
        import numpy as np

        texts = [text for category in self.bank.categories for text in category.exemplars]
        owners = np.array([i for i, category in enumerate(self.bank.categories) for _ in category.exemplars])
        self._encoder.load()
        cached = self._cached(texts)
        if cached is not None:
            self._counter, self._owners, self._exemplars = cached[1], owners, cached[0]
            return
        counter = _encode_all(self._encoder, list(self.bank.counter))
        exemplars = _encode_all(self._encoder, texts)
        self._keep(texts, exemplars, counter)
        self._counter, self._owners, self._exemplars = counter, owners, exemplars

    def _cache_path(self, texts: list[str]) -> Path | None:
        if self._cache_dir is None:
            return None
        digest = hashlib.sha256(f"{_CACHE_FORMAT}|{self._encoder.fingerprint}".encode())
        for text in [*texts, "\x00counter", *self.bank.counter]:
            digest.update(text.encode("utf-8") + b"\x00")
        return self._cache_dir / f"crisis-bank-{digest.hexdigest()[:24]}.npz"

    def _cached(self, texts: list[str]) -> tuple[Any, Any] | None:
        import numpy as np

        path = self._cache_path(texts)
        if path is None or not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as data:
                exemplars, counter = data["exemplars"], data["counter"]
        except (OSError, ValueError, KeyError):
            return None  # a damaged cache is rebuilt
        if exemplars.shape[0] != len(texts) or counter.shape[0] != len(self.bank.counter):
            return None
        return exemplars, counter

    def _keep(self, texts: list[str], exemplars: Any, counter: Any) -> None:
        import numpy as np

        path = self._cache_path(texts)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp.npz")
            np.savez(partial, exemplars=exemplars, counter=counter)
            os.replace(partial, path)
        except OSError:
            pass  # only a cache: the next start embeds the bank again


def decide(bank: ExemplarBank, scores: Sequence[float], counter: float) -> SemanticResult:
    """The strongest tier any category earns; ties go to the higher score."""
    best: SemanticResult | None = None
    every = tuple((category.name, score) for category, score in zip(bank.categories, scores, strict=False))
    for category, score in zip(bank.categories, scores, strict=False):
        tier = tier_for(category, score) if score - counter >= bank.margin else "none"
        candidate = SemanticResult(tier, category.name, score, counter, every)
        if best is None or (rank(tier), score) > (rank(best.tier), best.score):
            best = candidate
    assert best is not None  # a bank has at least one category
    return best


def urgent(bank: ExemplarBank, result: SemanticResult) -> SemanticResult:
    """A crisis said with a now-word: imminent when an imminent category reaches its own crisis threshold.

    Why: "at the place", "took them" and "cutting" are each a crisis in the bank's eyes; with "right now",
    "already" or "an hour ago" they are harm under way, which must show the emergency line first.
    """
    for category, (_, score) in zip(bank.categories, result.scores, strict=False):
        if category.tier == "imminent" and score >= category.thresholds.crisis and \
                score - result.counter >= bank.margin:
            return replace(result, tier="imminent", category=category.name, score=score)
    return result


def is_command(bank: ExemplarBank, normalised: str) -> bool:
    """True for a game command: it opens with a command verb and says nothing of "i", "me" or "my"."""
    words = normalised.split()
    return bool(words) and words[0] in bank.commands and not _SELF.intersection(words)


def tier_for(category: Category, score: float) -> Tier:
    """The tier a score earns in one category, by its thresholds alone."""
    limits = category.thresholds
    if category.tier == "imminent" and limits.imminent is not None and score >= limits.imminent:
        return "imminent"
    if score >= limits.crisis:
        return "crisis" if category.tier != "check-in" else "check-in"
    return "check-in" if score >= limits.check_in else "none"


def _encode_all(encoder: MiniLMEncoder, texts: list[str]) -> Any:
    import numpy as np

    parts = [encoder.encode(texts[start:start + _BATCH]) for start in range(0, len(texts), _BATCH)]
    return np.concatenate(parts, axis=0)
