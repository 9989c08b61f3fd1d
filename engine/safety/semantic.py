"""The semantic crisis stage: similarity of an input to the exemplar bank, per category, against counter-exemplars."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from engine.inference.embedder import locate_minilm
from engine.inference.lora import Adapter, AdapterFileError
from engine.paths import cache_home
from engine.safety.adapter import load_adapter, tuned_head
from engine.safety.bank_vectors import bank_key, load_vectors, save_vectors, shipped_path
from engine.safety.exemplars import Category, ExemplarBank, load_bank
from engine.safety.head import OUTPUTS, LinearHead, load_head
from engine.safety.lexical import present, signals
from engine.safety.minilm import MiniLMEncoder, MiniLMUnavailable
from engine.safety.tiers import Tier, rank
from engine.safety.token_pool import pooled_vectors

_BATCH = 64
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

    def __init__(self, encoder: MiniLMEncoder, bank: ExemplarBank, cache_dir: Path | None = None,
                 head: LinearHead | None = None) -> None:
        self._encoder = encoder
        self.bank = bank
        self.head = head
        """The trained head (head.py); when set, it decides the tier and the bank only names the category."""
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
        bank = bank or load_bank()
        tuned = _tuned()
        if tuned is not None:  # the fine-tune (adapter.py) and its head decide; the bank names the category
            return cls(MiniLMEncoder(folder, tuned[0]), bank, cache_home() / "safety", tuned[1])
        head = load_head()
        # Why the check: the head reads the bank's similarities, so a bank edited since training would feed
        # it inputs it never learned; then the bank's own thresholds decide until `tta safety train` is run.
        if head is not None and not head.fits(bank.version, len(bank.categories)):
            head = None
        return cls(MiniLMEncoder(folder), bank, cache_home() / "safety", head)

    @property
    def encoder(self) -> MiniLMEncoder:
        """The sentence model this stage embeds with."""
        return self._encoder

    @property
    def ready(self) -> bool:
        """True once the bank is embedded (the first judgement will not wait)."""
        return self._exemplars is not None

    def write_bank_vectors(self, path: Path) -> int:
        """Save this bank's vectors to `path` (the package's copy, by `tta safety train`); returns how many."""
        if not self.warm():
            raise MiniLMUnavailable(self.error or "the sentence model cannot load")
        texts = [text for category in self.bank.categories for text in category.exemplars]
        save_vectors(path, bank_key(texts, self.bank.counter, self._encoder.identity), self._exemplars, self._counter)
        return len(texts) + len(self.bank.counter)

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
        return self.similarities(self._encoder.encode(texts))

    def near(self, scores: dict[str, float], floor: float) -> bool:
        """True when `scores` (a SemanticResult's) come within `floor` of giving a check-in."""
        bank = any(scores.get(c.name, 0.0) >= c.thresholds.check_in - floor for c in self.bank.categories)
        if self.head is None:
            return bank
        head = scores.get(OUTPUTS[0], 0.0) >= self.head.thresholds.check_in - floor
        return head or bank if self.head.agree else head

    def _scored(self, texts: Sequence[str]) -> tuple[Any, Any, Any]:
        """`scores`, and the head's probabilities ((len(texts), 3); None without a head)."""
        import numpy as np

        if self.head is None or not texts:
            per_category, counter = self.scores(texts)  # the calibration's memo overrides `scores`
            return per_category, counter, None if self.head is None else np.zeros((0, len(OUTPUTS)))
        # One encoder pass either way: with token channels, the sentence vector is pooled from the same states.
        states = self._encoder.encode_tokens(texts) if self.head.tokens is not None else None
        vectors = pooled_vectors(states) if states is not None else self._encoder.encode(texts)
        per_category, counter = self.similarities(vectors)
        side = self.side_features(texts, per_category, counter)
        return per_category, counter, self.head.probabilities(vectors, side, states)

    def side_features(self, texts: Sequence[str], per_category: Any, counter: Any) -> Any:
        """What the head sees besides the vector: the similarities, a now-word, the word signals (lexical.py)."""
        import numpy as np

        now = [1.0 if self._now is not None and self._now.search(text) else 0.0 for text in texts]
        return np.column_stack([per_category, counter, np.array(now, dtype=np.float32), signals(texts)])

    def similarities(self, vectors: Any, leave_out: float | None = None) -> tuple[Any, Any]:
        """Per-category and counter best similarity of unit vectors (the stage must be warm).

        `leave_out`: similarities at or above it are ignored (training: an exemplar is not its own neighbour).
        """
        import numpy as np

        similar = vectors @ self._exemplars.T
        against = vectors @ self._counter.T
        if leave_out is not None:
            similar = np.where(similar >= leave_out, -1.0, similar)
            against = np.where(against >= leave_out, -1.0, against)
        per_category = np.stack(
            [similar[:, self._owners == index].max(axis=1) for index in range(len(self.bank.categories))], axis=1
        )
        return per_category, against.max(axis=1)

    def judge(self, texts: Sequence[str]) -> list[SemanticResult]:
        """The tier each text earns; raises MiniLMUnavailable when the model cannot load."""
        if not self.warm():
            raise MiniLMUnavailable(self.error or "the sentence model could not load")
        # A game command is left to the rules whatever it scores, so it is not embedded at all: most
        # inputs are commands, and each text embedded costs time on every turn.
        scored = list(dict.fromkeys(text for text in texts if not is_command(self.bank, text)))
        per_category, counter, probabilities = self._scored(scored)
        found = {text: (row, best, probabilities[index] if probabilities is not None else None)
                 for index, (text, row, best) in enumerate(zip(scored, per_category, counter, strict=True))}
        results = []
        for text in texts:
            if text not in found:
                results.append(SemanticResult("none", self.bank.categories[0].name, 0.0, 0.0))
                continue
            row, best_counter, chances = found[text]
            if self.head is not None and chances is not None:
                now = self._now is not None and self._now.search(text) is not None or present(text)
                results.append(self._headed(row, float(best_counter), [float(c) for c in chances], now))
                continue
            result = decide(self.bank, [float(s) for s in row], float(best_counter))
            if result.tier == "crisis" and self._now is not None and self._now.search(text):
                result = urgent(self.bank, result)
            results.append(result)
        return results

    def _headed(self, row: Any, counter: float, chances: list[float], now: bool) -> SemanticResult:
        """The head's tier; the category named is the bank's nearest (for `tta safety check`), the score P(fire)."""
        assert self.head is not None
        nearest = int(row.argmax())
        tier = self.head.tier(*chances)
        if self.head.agree:
            # Why: the two judges err on different texts; a response needs both (the weaker is shown, see below).
            alone = decide(self.bank, [float(s) + self.head.slack for s in row], counter)
            urgent_either = "imminent" in (tier, alone.tier)
            # Both fire and the bank says crisis or worse: the bank says how strongly (round 4, chosen by CV).
            strong = tier != "none" and rank(alone.tier) >= rank("crisis")
            tier = alone.tier if strong else min(tier, alone.tier, key=rank)
            # Both agree it is a crisis: either one calling it imminent is enough (a miss costs most there).
            tier = self.head.alone_tier(tier, chances[0], chances[1], chances[2], now)
            if tier == "crisis" and urgent_either:
                tier = "imminent"
            if tier == "crisis" and now:
                tier = urgent(self.bank, alone).tier if alone.tier != "imminent" else "imminent"
        elif now:  # a fine-tune's head: a crisis said of the present moment is imminent at its `urgent` cut-off
            tier = self.head.alone_tier(tier, chances[0], chances[1], chances[2], now=True)
        if tier in ("crisis", "imminent") and self.bank.categories[nearest].tier == "check-in":
            nearest = max((i for i, c in enumerate(self.bank.categories) if c.tier != "check-in"),
                          key=lambda i: float(row[i]))
        every = tuple(zip(OUTPUTS, chances, strict=True))
        named = tuple((c.name, float(s)) for c, s in zip(self.bank.categories, row, strict=True))
        return SemanticResult(tier, self.bank.categories[nearest].name, chances[0], counter, every + named)

    def _embed_bank(self) -> None:
        import numpy as np

        texts = [text for category in self.bank.categories for text in category.exemplars]
        owners = np.array([i for i, category in enumerate(self.bank.categories) for _ in category.exemplars])
        self._encoder.load()
        key = bank_key(texts, self.bank.counter, self._encoder.identity)
        mine = None if self._cache_dir is None else self._cache_dir / f"crisis-bank-{key}.npz"
        for path in (shipped_path(), mine):
            found = None if path is None else load_vectors(path, key, len(texts), len(self.bank.counter))
            if found is not None:
                self._counter, self._owners, self._exemplars = found[1], owners, found[0]
                return
        counter = _encode_all(self._encoder, list(self.bank.counter))
        exemplars = _encode_all(self._encoder, texts)
        if mine is not None:
            save_vectors(mine, key, exemplars, counter)
        self._counter, self._owners, self._exemplars = counter, owners, exemplars

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

    Why: "took them" is a crisis to the bank; with "already" or "an hour ago" it is harm under way."""
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


def _tuned() -> tuple[Adapter, LinearHead] | None:
    """The packaged fine-tune and its head; None when none is shipped or its file is damaged (then the
    frozen model's head decides, which is what shipped before: a damaged data file never stops the check)."""
    try:
        adapter = load_adapter()
        return None if adapter is None else (adapter, tuned_head(adapter))
    except AdapterFileError:
        return None


def _encode_all(encoder: MiniLMEncoder, texts: list[str]) -> Any:
    import numpy as np

    parts = [encoder.encode(texts[start:start + _BATCH]) for start in range(0, len(texts), _BATCH)]
    return np.concatenate(parts, axis=0)
