"""`tta bench --startup`: a real `tta play` process: time to the first screen, script wall time, peak RSS.

Why a subprocess: startup is what the player waits for between pressing Enter on the command and the first
text (imports, settings, the story, the warm-up threads); only a fresh interpreter measures it, and only
the kernel's rusage of that process counts every byte the game held (models, encoder, grammar compiler).
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SCRIPT = ("look", "go east", "go west", "quit")
"""Four commands that every bundled story's opening room answers (a move there and back)."""
TITLE_MARK = "therapeutic text adventure"
"""The title screen's tagline: once it is drawn, the player sees the UI."""
_LAUNCH = "import sys; from game.cli import main; sys.argv[0] = 'tta'; sys.exit(main())"
_ANSI = re.compile(r"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def tta_command(*args: str) -> list[str]:
    """`tta ARGS` run by this interpreter (the same venv, whether or not the console script is on PATH)."""
    return [sys.executable, "-c", _LAUNCH, *args]


def run_plain_script(story: Path, profile: str, *, commands: tuple[str, ...] = SCRIPT,
                     cache_dir: Path | None = None, timeout_s: float = 300.0) -> dict[str, Any]:
    """`tta play --plain --script` on a fresh data folder: first output, wall time, exit status, peak RSS (MB).

    `cache_dir` None keeps the player's cache ($TTA_CACHE or the default: warm); give an empty folder for a
    cold start.
    """
    with tempfile.TemporaryDirectory(prefix="tta-startup-") as home:
        script = Path(home) / "script.txt"
        script.write_text("\n".join(commands) + "\n", encoding="utf-8")
        env = {**os.environ, "TTA_HOME": str(Path(home) / "data")}
        if cache_dir is not None:
            env["TTA_CACHE"] = str(cache_dir)
        command = tta_command("play", str(story), "--plain", "--profile", profile, "--script", str(script))
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        assert process.stdout is not None and process.stderr is not None
        out, err, first = _drain(process.stdout.fileno(), process.stderr.fileno(), started, timeout_s, process.pid)
        status, rusage = _reap(process)
        wall = time.perf_counter() - started
    return {"profile": profile, "commands": list(commands), "cold_cache": cache_dir is not None,
            "first_output_s": first, "wall_s": wall, "exit_status": status,
            "peak_rss_mb": rusage.ru_maxrss / 1024, "stdout_tail": out.decode("utf-8", "replace")[-400:],
            "stderr_tail": err.decode("utf-8", "replace")[-400:]}


def run_title_screen(profile: str, *, timeout_s: float = 30.0) -> dict[str, Any]:
    """The terminal UI on a pseudo-terminal (80×24): seconds until the title screen's tagline is drawn."""
    import fcntl
    import pty
    import struct
    import termios

    with tempfile.TemporaryDirectory(prefix="tta-startup-") as home:
        env = {**os.environ, "TTA_HOME": str(Path(home) / "data"), "TERM": "xterm-256color", "COLUMNS": "80",
               "LINES": "24"}
        started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: becomes the game, on the pty
            os.execve(sys.executable, tta_command("play", "--profile", profile), env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        seen, drawn = "", None
        try:
            while drawn is None and time.perf_counter() - started < timeout_s:
                ready, _, _ = select.select([fd], [], [], 0.05)
                if not ready:
                    continue
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # the child closed the terminal (it exited)
                    break
                seen = (seen + _ANSI.sub("", chunk.decode("utf-8", "replace")))[-4000:]
                if TITLE_MARK in " ".join(seen.split()):
                    drawn = time.perf_counter() - started
        finally:
            _stop(pid, fd)
    return {"profile": profile, "title_s": drawn, "timed_out": drawn is None}


def _drain(out_fd: int, err_fd: int, started: float, timeout_s: float, pid: int) -> tuple[bytes, bytes, float | None]:
    """Both pipes read to their end (so neither blocks the game); when the first stdout byte came."""
    buffers = {out_fd: bytearray(), err_fd: bytearray()}
    first: float | None = None
    open_fds = [out_fd, err_fd]
    while open_fds:
        if time.perf_counter() - started > timeout_s:
            os.kill(pid, signal.SIGKILL)
            break
        ready, _, _ = select.select(open_fds, [], [], 0.1)
        for fd in ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                open_fds.remove(fd)
                continue
            if fd == out_fd and first is None and chunk.strip():
                first = time.perf_counter() - started
            buffers[fd] += chunk
    return bytes(buffers[out_fd]), bytes(buffers[err_fd]), first


def _reap(process: subprocess.Popen[bytes]) -> tuple[int, Any]:
    """Exit status and the kernel's resource usage of that one process (ru_maxrss: its peak RSS, in KB)."""
    _, status, rusage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, rusage


def _stop(pid: int, fd: int) -> None:
    """Quit the UI: Ctrl+Q, then SIGTERM, then SIGKILL; reaped either way so no zombie is left."""
    steps = ((lambda: os.write(fd, b"\x11")), (lambda: os.kill(pid, signal.SIGTERM)),
             (lambda: os.kill(pid, signal.SIGKILL)))
    try:
        for step in steps:
            with contextlib.suppress(OSError):
                step()
            deadline = time.perf_counter() + 5.0
            while time.perf_counter() < deadline:
                with contextlib.suppress(OSError):  # keep the pty drained so the child can finish writing
                    if select.select([fd], [], [], 0.05)[0]:
                        os.read(fd, 65536)
                if os.waitpid(pid, os.WNOHANG)[0]:
                    return
    finally:
        os.close(fd)


def run_startup_bench(story: Path, profile: str = "embedded", *, cold: bool = True) -> dict[str, Any]:
    """The UI's title, then the script with a warm cache and (with `cold`) once more with an empty one."""
    result: dict[str, Any] = {"title": run_title_screen(profile), "warm": run_plain_script(story, profile)}
    if cold:
        with tempfile.TemporaryDirectory(prefix="tta-cold-cache-") as cache:
            result["cold"] = run_plain_script(story, profile, cache_dir=Path(cache))
    result["load"] = os.getloadavg()
    return result


def format_startup(result: dict[str, Any]) -> str:
    """A few lines for the terminal."""
    title = result["title"]
    shown = "not drawn (timed out)" if title["timed_out"] else f"{title['title_s']:.2f} s"
    lines = [f"Startup ({title['profile']} profile, load {' '.join(f'{v:.2f}' for v in result['load'])}):",
             f"  UI title screen: {shown}"]
    for key in ("warm", "cold"):
        run = result.get(key)
        if run is None:
            continue
        first = f"{run['first_output_s']:.2f} s" if run["first_output_s"] is not None else "none"
        lines.append(f"  --plain {len(run['commands'])}-command script, {key} cache: opening {first}, "
                     f"wall {run['wall_s']:.2f} s, exit {run['exit_status']}, peak RSS {run['peak_rss_mb']:.0f} MB")
        if run["exit_status"] != 0:
            lines.append(f"    stderr: {run['stderr_tail'].strip()[-300:]}")
    return "\n".join(lines)
