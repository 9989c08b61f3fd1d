"""The engine core stays headless: importing it pulls in neither textual nor torch nor transformers."""

from __future__ import annotations

import subprocess
import sys


def test_engine_core_imports_no_ui_and_no_model_libraries() -> None:
    code = (
        "import sys\n"
        "import engine, engine.core.game, engine.parser, engine.story, engine.saves, engine.storytest, "
        "engine.plain_loop, game.bench.engine_bench\n"
        "print(sorted(m for m in ('textual', 'torch', 'transformers') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
