"""The mutation campaign: every mutant validated as an author would (`tta validate`, `load_settings`), sorted into
clean located rejections, rightful acceptances, tracebacks and hangs."""

from __future__ import annotations

import re
import signal
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from engine.settings import SettingsError, load_settings
from engine.story import validate_story
from tests.reliability.mutants import Mutant

STORY_LOCATED = re.compile(r"^\S+:\d+:\d+: (error|warning): \S")
SETTINGS_LOCATED = re.compile(r"^(\S+:\d+:\d+: error|environment|--profile): \S")
HANG_S = 10


class Hang(Exception):
    """A mutant took longer than HANG_S."""


@dataclass
class Report:
    """Campaign figures; `tracebacks` and `unlocated` keep the details of anything that went wrong."""

    tried: int = 0
    clean: int = 0
    """Rejected, every error a located `file:line[:col]: ...` line."""
    accepted_same: int = 0
    """Accepted, and it means what the original means (a comment, layout or BOM changed)."""
    accepted_changed: int = 0
    """Accepted as a valid file that says something else (a text or an optional line changed)."""
    hangs: int = 0
    tracebacks: list[str] = field(default_factory=list)
    unlocated: list[str] = field(default_factory=list)
    by_operator: Counter[str] = field(default_factory=Counter)
    slowest_s: float = 0.0

    def line(self, what: str) -> str:
        """The figures as one line for the report."""
        return (f"{what}: {self.tried} mutants tried / {self.clean} clean located message / "
                f"{self.accepted_same + self.accepted_changed} accepted rightly ({self.accepted_same} same meaning, "
                f"{self.accepted_changed} valid with other content) / {len(self.tracebacks)} tracebacks / "
                f"{self.hangs} hangs; slowest {self.slowest_s:.2f} s")


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _meaning(data: bytes) -> Any:
    try:
        return yaml.safe_load(data.decode("utf-8-sig").replace("\r\n", "\n"))
    except Exception:  # noqa: BLE001 - only a comparison: an unparsable mutant means something else
        return object()


def run(mutants: list[Mutant], original: bytes, target: Path, check: Callable[[Path], list[str]],
        located: re.Pattern[str]) -> Report:
    """Write each mutant to `target`, run `check` (its error lines), and classify the outcome."""
    report = Report()
    same = _meaning(original)
    for mutant in mutants:
        report.tried += 1
        report.by_operator[mutant.operator] += 1
        target.write_bytes(mutant.data)
        started = time.perf_counter()
        try:
            with _deadline(HANG_S):
                errors = check(target)
        except Hang:
            report.hangs += 1
            continue
        except Exception:  # noqa: BLE001 - what the campaign looks for
            report.tracebacks.append(f"{mutant.operator}: {traceback.format_exc(limit=4)}")
            continue
        finally:
            report.slowest_s = max(report.slowest_s, time.perf_counter() - started)
        if errors:
            bad = [line for line in errors if not located.match(line)]
            if bad:
                report.unlocated.append(f"{mutant.operator}: {bad[0][:200]}")
            else:
                report.clean += 1
        elif _meaning(mutant.data) == same:
            report.accepted_same += 1
        else:
            report.accepted_changed += 1
    return report


def story_errors(path: Path) -> list[str]:
    """`tta validate`'s error lines for the story file at `path`."""
    return [str(p) for p in validate_story(path) if p.severity == "error"]


def settings_errors(path: Path) -> list[str]:
    """The settings problems for the file at `path`, one line each (none when it loads)."""
    try:
        load_settings(path)
    except SettingsError as exc:
        return str(exc).splitlines()
    return []
