"""Importing the inference layer (and `engine`) must not import torch, transformers or xgrammar."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("torch", "transformers", "xgrammar", "huggingface_hub", "textual")


def test_inference_imports_stay_light() -> None:
    code = (
        "import sys, json, engine, engine.inference, engine.inference.base, engine.inference.manager, "
        "engine.inference.backends.scripted, engine.inference.backends.transformers, engine.inference.constrained, "
        "engine.inference.sources.hub, engine.inference.catalog, game.bench.models_bench, game.commands.models\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
