"""How the crisis fine-tune generalises: train without some development files, judge them with the whole detector."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from engine.safety.crossval import Material
from engine.safety.detector import CrisisDetector
from engine.safety.evaluation import EvalReport, Scored, classify_case
from engine.safety.exemplars import load_bank
from engine.safety.head import HeadThresholds
from engine.safety.minilm import MiniLMEncoder
from engine.safety.semantic import SemanticStage
from engine.safety.tiers import Tier
from game.bench.adapter_training import TuneSettings, fine_tune

_SUBJECT = re.compile(r"^(?:i|im|i'm|ive|i've|ill|i'll|id|i'd)\s+(?=\w)")


def examples_without(material: Material, held: Sequence[str]) -> list[tuple[str, Tier]]:
    """The training pairs (text as the detector sees it, tier) of the bank and every file not in `held`, each
    said with its subject dropped too ("i took the lot" -> "took the lot"): people type that way, and without
    the copies the fine-tune leant on the word "i" (a subject-less overdose scored 0.25, with "i" 0.97)."""
    pairs = [(e.text, e.label) for e in material.examples if e.source not in held]
    dropped = [(_SUBJECT.sub("", text), tier) for text, tier in pairs if _SUBJECT.match(text)]
    return pairs + [(text, tier) for text, tier in dropped if len(text.split()) >= 2]


def held_out(model_dir: Path, material: Material, held: Sequence[str], settings: TuneSettings,
             cuts: Sequence[tuple[HeadThresholds, float]], log: object = None
             ) -> dict[tuple[HeadThresholds, float], dict[str, EvalReport]]:
    """Reports per cut-off set and held-out file, from a fine-tune that never saw those files."""
    adapter, head = fine_tune(model_dir, examples_without(material, held), settings, log=log)
    stage = SemanticStage(MiniLMEncoder(model_dir, adapter), load_bank(), None, head)
    if not stage.warm():
        raise RuntimeError(stage.error or "the tuned sentence model cannot load")
    out: dict[tuple[HeadThresholds, float], dict[str, EvalReport]] = {}
    for limits, urgent in cuts:
        stage.head = replace(head, thresholds=limits, urgent=urgent)
        detector = CrisisDetector(semantic=stage)
        out[(limits, urgent)] = {name: EvalReport([Scored(case, classify_case(detector, case.inputs))
                                         for source, case in material.cases if source == name]) for name in held}
    return out
