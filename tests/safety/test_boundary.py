"""The safety package stays light: importing it loads no UI or model libraries."""

from __future__ import annotations

import subprocess
import sys


def test_import_pulls_in_no_textual_torch_or_transformers() -> None:
    code = (
        "import sys, engine.safety\n"
        "engine.safety.CrisisDetector().classify('hello'); engine.safety.OutputGuard().check('hi')\n"
        "print(sorted(m for m in ('textual', 'torch', 'transformers') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
