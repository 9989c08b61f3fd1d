"""The UI starts light: importing the app must not pull in torch or transformers (models load later, in a worker)."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_app_leaves_heavy_libraries_out() -> None:
    code = (
        "import sys, game.app, game.screens.play, game.screens.title, game.messages\n"
        "heavy = [m for m in ('torch', 'transformers') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
