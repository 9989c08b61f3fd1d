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
from engine.story.logic import as_list
from engine.storytest.paraphrases import replay
from engine.turn.cascade import ParseCascade
from engine.turn.confidence import hostile, risk_of
from engine.turn.config import TurnConfig
from engine.turn.conversation import addressed
from engine.turn.model_step import BackendProvider
from engine.turn.questions import question_kind
from game.bench.play_bench import _expected_worlds, _world


def calibration_rows(story_dir: Path, path: Path, kind: str, selector: Selector, backends: BackendProvider,
                     matcher: SentenceEmbedder, config: TurnConfig | None = None,
                     every: bool = False) -> list[dict[str, Any]]:
    """One row per case that would reach the cascade's model stage (rules, questions and talk excluded).

    `every` also reads the lines the rules understand, as if they had not: on development stories the rules know
    nearly every line, and an outside author's story is where they do not, so the cascade is calibrated on all."""
    story = load_story(story_dir)
    cascade = ParseCascade(selector, backends, config or TurnConfig(parse_method="embedding"), matcher)
    rows: list[dict[str, Any]] = []
    for group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]:
        for case in group["cases"]:
            game = replay(story, tuple(str(s) for s in group.get("setup", [])))
            say = str(case["say"])
            if hostile(say) or question_kind(say) or addressed(say, game):
                continue
            if not every and parse(say, game).kind != "not_understood":
                continue
            decision = cascade.model_parse(say, game)
            # A reading the words did not ask for is asked about ("Do you mean ...?"), never performed.
            asked = decision.unconfirmed is not None
            if decision.action is None and asked:
                decision.action = decision.unconfirmed
            if decision.action is None:
                rows.append({"say": say, "kind": kind, "p": decision.confidence or 0.0, "risk": None,
                             "right": False})
                continue
            keys = [str(k) for k in as_list(case.get("expect", []))]
            expected = _expected_worlds(game, keys) if kind == "paraphrases" else set()
            trial = game.__class__.from_state(story, game.state.model_copy(deep=True))
            trial.perform(decision.action)
            rows.append({"say": say, "kind": kind, "p": decision.confidence or 0.0,
                         "risk": risk_of(game, decision.action), "action": decision.action.key(), "asked": asked,
                         "right": decision.action.key() in keys or _world(trial.state) in expected})
    return rows
