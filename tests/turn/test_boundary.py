"""The turn pipeline is engine code: importing it loads neither textual nor torch nor transformers."""

from __future__ import annotations

import subprocess
import sys


def test_turn_pipeline_imports_no_ui_and_no_heavy_ml() -> None:
    code = (
        "import sys\n"
        "import engine.turn.pipeline, engine.turn.cascade, engine.turn.narrate, game.bench.turns_bench\n"
        "bad = [m for m in ('textual', 'torch', 'transformers') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
