"""Run test_clean_exit.py's script scenario against another checkout, to see the test fail on the old code.

    git worktree add /tmp/old e2c50c8
    .venv/bin/python tests/reliability/against_tree.py /tmp/old 8       # e2c50c8: 'FAIL rc=-6' (SIGABRT)
    .venv/bin/python tests/reliability/against_tree.py . 8              # today: 'PASS rc=0'
    git worktree remove /tmp/old --force

The same script, environment, command and checks as the test; the tree is run as `python -c 'from game.cli
import main; main()'` from its root, so an old checkout needs no install. Not collected by pytest.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import test_clean_exit as scenario  # noqa: E402 - the test module is the one source of the scenario


def run_once(tree: Path, state_update: str, settings: Path | None) -> str:
    """One run of the scenario in `tree`; a line saying PASS or FAIL and why."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "two_lines.txt"
        script.write_text(scenario.SCRIPT, encoding="utf-8")
        env = scenario._env(Path(folder) / "home", **scenario.ENDING_MID_NARRATION,
                            TTA_TURN__STATE_UPDATE=state_update)
        command = [sys.executable, "-c", "from game.cli import main; main()",
                   *scenario.play_command(settings, script)[1:]]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, timeout=300)
        last = done.stdout.rsplit("> south", 1)[-1]
        narrated = "The Shore Path" in last and "[narrative_generation: smollm2-135m" in last
        clean = done.returncode == 0 and "terminate called" not in done.stderr and "Traceback" not in done.stderr
        with open("/proc/loadavg", encoding="ascii") as load:
            load_1m = load.read().split()[0]
        return (f"{'PASS' if clean and narrated else 'FAIL'} rc={done.returncode} "
                f"terminate={'terminate called' in done.stderr} narrated={narrated} "
                f"state_update={state_update} took={time.perf_counter() - started:.1f}s load={load_1m}")


def main() -> None:
    """Usage: against_tree.py TREE [RUNS] [STATE_UPDATE] [SETTINGS]."""
    tree = Path(sys.argv[1]).resolve()
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    state_update = sys.argv[3] if len(sys.argv) > 3 else "false"
    settings = Path(sys.argv[4]).resolve() if len(sys.argv) > 4 else None
    for run in range(runs):
        print(f"{tree} run {run + 1}: {run_once(tree, state_update, settings)}", flush=True)


if __name__ == "__main__":
    main()
