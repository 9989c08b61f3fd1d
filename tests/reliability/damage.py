"""Damaged user-data files, generated: every file TTA keeps, each broken in the ways disks and crashes break them."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

# A plausible healthy content per file, so "cut" really is a cut record.
HEALTHY: dict[str, bytes] = {
    "safety.json": b'{"events": {"1": {"level": "crisis", "at": "2026-01-01T10:00:00+00:00"}}, '
                   b'"state": {"1": {"key": "checkin", "pending": true}}}',
    "saves/saves.json": b'{"_default": {"1": {"save_format": 1, "story_id": "pond", "story_version": "1", '
                        b'"slot": "auto", "seed": 1, "saved_at": 1.0, "turn": 1, "scene": "bank", "state": {}}}}',
    "stats.json": b'{"generations": {"1": {"model": "m", "task": "narrative_generation", "tokens": 3}}, '
                  b'"totals": {"1": {"model": "m", "task": "narrative_generation", "calls": 1}}}',
    "ratings.json": b'{"ratings": {"1": {"model": "m", "task": "narrative_generation", "rating": 4, "note": "", '
                    b'"turn_id": "abc", "time": 1.0}}, "bandit_arms": {}, "bandit_clocks": {}}',
    "transcripts/pond-0000beef.jsonl": b'{"type": "turn", "turn_id": "abc", "input": "x stone"}\n'
                                       b'{"type": "noted", "turn_id": "abc", "text": "nice"}\n',
}
FILES = tuple(HEALTHY)


def _cut(path: Path, healthy: bytes) -> None:
    path.write_bytes(healthy[: len(healthy) // 2])


def _garbage(path: Path, healthy: bytes) -> None:
    path.write_bytes(random.Random(path.name).randbytes(300))


def _not_utf8(path: Path, healthy: bytes) -> None:
    path.write_bytes(healthy.replace(b'"', b'\xff"', 1))


def _a_list(path: Path, healthy: bytes) -> None:
    path.write_bytes(b"[]")


def _wrong_shape(path: Path, healthy: bytes) -> None:
    path.write_bytes(b'{"events": [1, 2], "ratings": {"x": 5}, "_default": {"1": "yes"}}')


def _deep(path: Path, healthy: bytes) -> None:
    path.write_bytes(b"[" * 50_000 + b"]" * 50_000)


def _folder(path: Path, healthy: bytes) -> None:
    path.mkdir()
    (path / "inside").write_text("not a data file")


DAMAGES: dict[str, Callable[[Path, bytes], None]] = {
    "cut": _cut, "garbage": _garbage, "not-utf8": _not_utf8, "list": _a_list, "wrong-shape": _wrong_shape,
    "deep": _deep, "folder": _folder,
}


def damage(home: Path, name: str, kind: str) -> Path:
    """Write file `name` under `home`, damaged as `kind`; returns its path."""
    path = home / name
    path.parent.mkdir(parents=True, exist_ok=True)
    DAMAGES[kind](path, HEALTHY[name])
    return path
