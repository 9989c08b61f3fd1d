"""Fixtures for the safety tests: one detector with the semantic stage warm, shared by every module that needs it
(a module that tests the rules alone defines its own `detector`)."""

from __future__ import annotations

import pytest

from engine.safety.detector import CrisisDetector


@pytest.fixture(scope="session")
def detector() -> CrisisDetector:
    """The shipped detector, rules and semantic stage, warmed once for the session."""
    found = CrisisDetector()
    if found.semantic is None or not found.warm():
        pytest.skip("the shipped sentence model is not installed")
    return found
