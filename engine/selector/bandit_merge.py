"""Merging the bandit's learnt state with what other processes saved meanwhile: their evidence is kept, ours added."""

from __future__ import annotations

from typing import Any

Snapshot = dict[str, list[dict[str, Any]]]
"""Bandit.snapshot(): {"clocks": [{task, kind, now}], "arms": [{task, model, kind, good, bad, stamp}]}."""


def merge_snapshots(disk: Snapshot, base: Snapshot, mine: Snapshot, decay: float) -> Snapshot:
    """`disk` plus what `mine` learnt since `base` (the state this process last loaded or saved).

    Our new events count as coming after everything on disk: the disk's evidence fades by our
    number of new events, exactly as if this process had observed them after the others.
    """
    disk_clock = _clocks(disk)
    base_clock = _clocks(base)
    mine_clock = _clocks(mine)
    merged_clock = dict(disk_clock)
    for clock, now in mine_clock.items():
        merged_clock[clock] = disk_clock.get(clock, 0.0) + max(0.0, now - base_clock.get(clock, 0.0))
    base_arms = _arms(base)
    merged_arms = _arms(disk)
    for key, arm in _arms(mine).items():
        clock_key = (key[0], key[2])
        now = mine_clock.get(clock_key, 0.0)
        good, bad = _faded(arm, now, decay)
        old_good, old_bad = _faded(base_arms[key], now, decay) if key in base_arms else (0.0, 0.0)
        added_good, added_bad = max(0.0, good - old_good), max(0.0, bad - old_bad)
        if added_good == 0.0 and added_bad == 0.0:
            continue
        target = merged_clock.get(clock_key, now)
        kept_good, kept_bad = _faded(merged_arms[key], target, decay) if key in merged_arms else (0.0, 0.0)
        merged_arms[key] = {"task": key[0], "model": key[1], "kind": key[2], "good": kept_good + added_good,
                            "bad": kept_bad + added_bad, "stamp": target}
    return {
        "clocks": [{"task": task, "kind": kind, "now": now} for (task, kind), now in merged_clock.items()],
        "arms": list(merged_arms.values()),
    }


def _clocks(state: Snapshot) -> dict[tuple[str, str], float]:
    found: dict[tuple[str, str], float] = {}
    for row in state.get("clocks", []):
        try:
            found[(str(row["task"]), str(row["kind"]))] = float(row["now"])
        except (KeyError, TypeError, ValueError):
            continue  # a damaged row is dropped, not fatal
    return found


def _arms(state: Snapshot) -> dict[tuple[str, str, str], dict[str, Any]]:
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in state.get("arms", []):
        try:
            key = (str(row["task"]), str(row["model"]), str(row["kind"]))
            found[key] = {"task": key[0], "model": key[1], "kind": key[2], "good": float(row["good"]),
                          "bad": float(row["bad"]), "stamp": float(row["stamp"])}
        except (KeyError, TypeError, ValueError):
            continue
    return found


def _faded(arm: dict[str, Any], now: float, decay: float) -> tuple[float, float]:
    factor = decay ** (now - arm["stamp"]) if now > arm["stamp"] else 1.0
    return arm["good"] * factor, arm["bad"] * factor


def clean_snapshot(state: Snapshot) -> Snapshot:
    """`state` with damaged rows dropped and numbers as floats, safe for Bandit.restore()."""
    return {
        "clocks": [{"task": task, "kind": kind, "now": now} for (task, kind), now in _clocks(state).items()],
        "arms": list(_arms(state).values()),
    }
