"""Constrained JSON on llama.cpp stays torch-free: the game's real state update, in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.models

ROOT = Path(__file__).resolve().parents[2]

STATE_UPDATES = """
import json, sys
import psutil
from engine.core.game import Game
from engine.inference.backends.llama_cpp import LlamaCppBackend
from engine.inference.config import GenParams, ModelConfig
from engine.inference.request import GenerationRequest
from engine.paths import cache_home
from engine.story.loader import bundled_stories_root, load_story
from engine.turn.step_prompts import state_update_prompt

game = Game.new(load_story(bundled_stories_root() / "lantern_house"), seed=1)
schema = game.model_update_schema()
facts = game.facts()
prompt = state_update_prompt(facts, facts.description, list(schema.model_fields), {"mara_warmth": 1})
config = ModelConfig(model_id=sys.argv[1], source="embedded", chat_template=sys.argv[1].startswith("smollm2"))
backend = LlamaCppBackend.load("m", config, cache_home())
loaded = psutil.Process().memory_info().rss
params = GenParams(temperature=0.1, top_p=0.9, max_tokens=128)  # the embedded models' structured_output settings
replies = [backend.generate_json(GenerationRequest(prompt=prompt, params=params), schema) for _ in range(3)]
grown = (psutil.Process().memory_info().rss - loaded) / 2**20
heavy = sorted(m for m in ("torch", "transformers", "xgrammar") if m in sys.modules)
print(json.dumps({"ok": [r.ok for r in replies], "errors": [r.error for r in replies], "heavy": heavy,
                  "grown_mb": grown, "values": [r.parsed.model_dump() if r.parsed else None for r in replies]}))
backend.close()
"""


@pytest.mark.parametrize("model", ["smollm2-135m-instruct", "gemma3-270m"])
def test_state_update_json_is_valid_without_importing_torch(model: str) -> None:
    done = subprocess.run([sys.executable, "-c", STATE_UPDATES, model], capture_output=True, text=True, cwd=ROOT,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["ok"] == [True] * 3, result["errors"]
    assert all(0 <= (v.get("mara_warmth") or 0) <= 5 for v in result["values"]), result["values"]
    assert result["heavy"] == []  # llguidance needs numpy only; xgrammar would have pulled in torch
    assert result["grown_mb"] < 120, result  # grammar tables, not a second framework (xgrammar: +300 MB)
