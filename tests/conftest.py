"""Shared fixtures: every test gets a throw-away $TTA_HOME; converted models stay in $TTA_CACHE."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def tta_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user-data directory for each test."""
    home = tmp_path / "tta-home"
    home.mkdir()
    monkeypatch.setenv("TTA_HOME", str(home))
    return home
