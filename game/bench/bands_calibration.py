"""Data for the confidence bands: each case's embedding reading, its risk, and whether it was right.

Run on a development set only; the bars in engine/turn/confidence.py are chosen from these rows, and the
held-out sets are then measured once with `tta bench --play`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from engine.inference.embedder import SentenceEmbedder
from engine.parser import parse
from engine.selector import Selector
from engine.story.loader import load_story
from engine.storytest.paraphrases import replay
from engine.turn.cascade import ParseCascade
from engine.turn.confidence import hostile, risk_of
from engine.turn.config import TurnConfig
from engine.turn.conversation import addressed
from engine.turn.model_step import BackendProvider
from engine.turn.questions import question_kind
from game.bench.play_bench import _expected_worlds, _world


def calibration_rows(story_dir: Path, path: Path, kind: str, selector: Selector, backends: BackendProvider,
                     matcher: SentenceEmbedder) -> list[dict[str, Any]]:
    """One row per case that would reach the cascade's model stage (rules, questions and talk excluded)."""
    story = load_story(story_dir)
    cascade = ParseCascade(selector, backends, TurnConfig(parse_method="embedding"), matcher)
    rows: list[dict[str, Any]] = []
    for group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]:
        for case in group["cases"]:
            game = replay(story, tuple(str(s) for s in group.get("setup", [])))
            say = str(case["say"])
            if hostile(say) or question_kind(say) or addressed(say, game) or parse(say, game).kind != "not_understood":
                continue
            decision = cascade.model_parse(say, game)
            if decision.action is None:
                rows.append({"say": say, "kind": kind, "p": decision.confidence or 0.0, "risk": None,
                             "right": False})
                continue
            expected = _expected_worlds(game, list(case.get("expect", []))) if kind == "paraphrases" else set()
            trial = game.__class__.from_state(story, game.state.model_copy(deep=True))
            trial.perform(decision.action)
            rows.append({"say": say, "kind": kind, "p": decision.confidence or 0.0,
                         "risk": risk_of(game, decision.action), "action": decision.action.key(),
                         "right": _world(trial.state) in expected})
    return rows
