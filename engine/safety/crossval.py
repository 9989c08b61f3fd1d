"""Cross-validation of the crisis head over all development material: the honest estimate of generalisation.

Examples are the exemplar bank (exemplars by their category's tier, counter-exemplars as none) and every
case of the development sets. Texts closer than `NEAR` in the sentence model's space are one group
(paraphrase-near duplicates), and a group never straddles folds. Each fold trains a head on the other
folds and runs the whole detector (rules, sentences, clauses, context) on the fold's development cases;
the pooled report is the cross-validated figure. Leave-one-set-out holds out one development file at a
time (each was written in its own voice), training on the bank and the other files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from engine.safety.detector import CrisisDetector
from engine.safety.evaluation import Case, EvalReport, Scored, classify_case, load_cases
from engine.safety.head import LinearHead
from engine.safety.minilm import MiniLMEncoder
from engine.safety.normalize import normalize
from engine.safety.phrasebook import PhraseBook, load_phrasebook
from engine.safety.semantic import SemanticStage
from engine.safety.token_pool import pooled_vectors
from engine.safety.training import Example, Settings, fit

TokenFit = Callable[..., LinearHead]
"""Trains a head with token channels (game/bench/token_training.py: it needs torch, which the engine never imports)."""

NEAR = 0.85
"""Cosine similarity at which two texts count as paraphrases of each other (one group)."""
FOLDS = 5
SELF = 0.995
"""Similarity above which a training text is taken to be the bank exemplar itself (left out of its features)."""
BANK = "bank"


class CachedEncoder(MiniLMEncoder):
    """The encoder with every vector kept by text (and on disk at `store`), so folds and reruns embed once."""

    def __init__(self, model_dir: Path, store: Path | None = None) -> None:
        super().__init__(model_dir)
        self._store = store
        self._vectors: dict[str, Any] = {}
        self._states: dict[str, Any] = {}
        if store is not None and store.exists():
            self._read(store)

    def encode_tokens(self, texts: Sequence[str]) -> list[Any]:
        """Token states, kept by text in memory (folds judge the same sentences and clauses again)."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._states))
        for start in range(0, len(missing), 64):
            chunk = missing[start:start + 64]
            self._states.update(zip(chunk, super().encode_tokens(chunk), strict=True))
        return [self._states[t] for t in texts]

    def encode(self, texts: Sequence[str]) -> Any:
        import numpy as np

        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        for start in range(0, len(missing), 64):
            chunk = missing[start:start + 64]
            self._vectors.update(zip(chunk, super().encode(chunk), strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])

    def save(self) -> None:
        """Keep the vectors for the next run (only a cache: failures are ignored)."""
        import numpy as np

        if self._store is None:
            return
        texts = list(self._vectors)
        try:
            self._store.parent.mkdir(parents=True, exist_ok=True)
            partial = self._store.with_suffix(f".{os.getpid()}.tmp.npz")
            np.savez(partial, texts=np.array(texts, dtype=object).astype(str),
                     vectors=np.stack([self._vectors[t] for t in texts]), model=self.fingerprint)
            os.replace(partial, self._store)
        except (OSError, ValueError):
            pass

    def _read(self, store: Path) -> None:
        import numpy as np

        try:
            with np.load(store, allow_pickle=False) as data:
                if str(data["model"]) != self.fingerprint:
                    return
                self._vectors = dict(zip((str(t) for t in data["texts"]), data["vectors"], strict=True))
        except (OSError, ValueError, KeyError):
            self._vectors = {}


@dataclass(frozen=True)
class Material:
    """Everything to train and test on: examples (bank first, then cases) and the cases by source file."""

    examples: list[Example]
    cases: list[tuple[str, Case]]
    """(source file name, case), in the order of the case examples."""


def gather(stage: SemanticStage, dev_sets: Sequence[Path], phrases: PhraseBook | None = None) -> Material:
    """The bank's and the development sets' texts, normalised as the detector sees them, and grouped."""
    book = phrases or load_phrasebook()

    def norm(text: str) -> str:
        return normalize(text, book.spellings, book.fuzzy_words)

    examples = [Example(norm(text), "check-in" if category.tier == "check-in" else category.tier, BANK)
                for category in stage.bank.categories for text in category.exemplars]
    examples += [Example(norm(text), "none", BANK) for text in stage.bank.counter]
    cases: list[tuple[str, Case]] = []
    for path in dev_sets:
        for case in load_cases(path).cases():
            cases.append((path.stem, case))
            examples.append(Example(norm(" ".join(_sentence(t) for t in case.inputs)), case.label, path.stem))
    return Material(_grouped(stage, examples), cases)


def cross_validate(stage: SemanticStage, material: Material, settings: Settings, folds: int = FOLDS,
                   phrases: PhraseBook | None = None, fit_with: TokenFit | None = None) -> EvalReport:
    """Grouped k-fold: each development case judged by a head that never saw it or its paraphrases."""
    offset = len(material.examples) - len(material.cases)
    fold_of = [example.group % folds for example in material.examples]
    scored: list[Scored] = []
    for fold in range(folds):
        train = [i for i, f in enumerate(fold_of) if f != fold]
        held = [i - offset for i in range(offset, len(material.examples)) if fold_of[i] == fold]
        scored += _judge(stage, _train(stage, material, train, settings, fit_with=fit_with), material, held, phrases)
    return EvalReport(scored)


def leave_one_set_out(stage: SemanticStage, material: Material, settings: Settings,
                      phrases: PhraseBook | None = None, fit_with: TokenFit | None = None) -> dict[str, EvalReport]:
    """For each development file: a head trained on the bank and the other files, judged on that file."""
    reports = {}
    for name in dict.fromkeys(source for source, _ in material.cases):
        train = [i for i, e in enumerate(material.examples) if e.source != name]
        held = [i for i, (source, _) in enumerate(material.cases) if source == name]
        head = _train(stage, material, train, settings, fit_with=fit_with)
        reports[name] = EvalReport(_judge(stage, head, material, held, phrases))
    return reports


def train_all(stage: SemanticStage, material: Material, settings: Settings,
              fit_with: TokenFit | None = None) -> LinearHead:
    """The head to ship: trained on every example."""
    names = sorted({e.source for e in material.examples})
    counts = ", ".join(f"{n} ({sum(e.source == n for e in material.examples)})" for n in names)
    head = _train(stage, material, list(range(len(material.examples))), settings, (counts,), fit_with)
    return replace(head, bank_version=stage.bank.version)


def _train(stage: SemanticStage, material: Material, indices: list[int], settings: Settings,
           trained_on: tuple[str, ...] = (), fit_with: TokenFit | None = None) -> LinearHead:
    chosen = [material.examples[i] for i in indices]
    texts = [e.text for e in chosen]
    states = stage.encoder.encode_tokens(texts) if settings.token_channels else []
    vectors = pooled_vectors(states) if settings.token_channels else stage.encoder.encode(texts)
    per_category, counter = stage.similarities(vectors, leave_out=SELF)
    side = stage.side_features(texts, per_category, counter)
    if settings.token_channels:
        if fit_with is None:
            raise ValueError("a head with token channels needs its trainer (game/bench/token_training.py)")
        return fit_with(vectors, side, states, [e.label for e in chosen], settings, trained_on)
    return fit(vectors, side, [e.label for e in chosen], settings, trained_on)


def _judge(stage: SemanticStage, head: LinearHead, material: Material, held: list[int],
           phrases: PhraseBook | None) -> list[Scored]:
    stage.head = head
    detector = CrisisDetector(phrases, semantic=stage)
    return [Scored(material.cases[i][1], classify_case(detector, material.cases[i][1].inputs)) for i in held]


def _grouped(stage: SemanticStage, examples: list[Example]) -> list[Example]:
    """The examples with `group` set: connected components of the NEAR-similarity graph."""
    import numpy as np

    vectors = stage.encoder.encode([e.text for e in examples])
    parent = list(range(len(examples)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for start in range(0, len(examples), 512):
        block = vectors[start:start + 512] @ vectors.T
        for a, b in zip(*np.nonzero(block >= NEAR), strict=True):
            parent[root(int(a) + start)] = root(int(b))
    # Why a hash of the group's first text: fold membership must not depend on the order of the files.
    firsts: dict[int, str] = {}
    for i, e in enumerate(examples):
        firsts.setdefault(root(i), e.text)
    return [Example(e.text, e.label, e.source, _stable(firsts[root(i)])) for i, e in enumerate(examples)]


def _stable(text: str) -> int:
    import hashlib

    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big")


def _sentence(text: str) -> str:
    stripped = text.strip()
    return stripped if stripped[-1:] in {".", "!", "?"} else f"{stripped}."
