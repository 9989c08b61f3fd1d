"""The narration gate on its evaluation set (tests/turn/narration_gate_cases.yaml): dev half and held-out half."""

from __future__ import annotations

import pytest

from tests.turn.gate_cases import load_cases, run


def _shares(half: str) -> tuple[float, float]:
    verdicts = run(half)
    bad = [v for v in verdicts if v.case["expect"] == "withdraw"]
    good = [v for v in verdicts if v.case["expect"] == "pass"]
    return sum(v.right for v in bad) / len(bad), sum(v.right for v in good) / len(good)


def test_the_set_covers_all_three_stories_and_every_kind() -> None:
    cases = load_cases("dev") + load_cases("heldout")
    assert len(cases) >= 60
    assert {c["story"] for c in cases} == {"lantern_house", "rain_library", "snow_hut"}
    assert {c["kind"] for c in cases} >= {"good", "invented", "wrong_scene", "state_change", "first_person",
                                          "wrong_exit", "left_out"}


@pytest.mark.parametrize("half", ["dev", "heldout"])
def test_bad_retellings_are_withdrawn_and_good_ones_pass(half: str) -> None:
    withdrawn_bad, passed_good = _shares(half)
    # Dev is what the gate was tuned on; held-out was written with it, before tuning, and never tuned on.
    assert withdrawn_bad >= (1.0 if half == "dev" else 0.85)
    assert passed_good >= (1.0 if half == "dev" else 0.8)


def test_the_outside_testers_cases_are_withdrawn() -> None:
    wrong = {v.case["narration"]: v.reason for v in run("dev") if v.case["scene"] == "common_room"}
    assert "beer" in (wrong["Sipping a cold beer, Ilse sits by the iron stove while the room of dark wood creaks."]
                      or "")
    assert "The Kitchen is not north" in (
        wrong["Ilse sits by the iron stove. The front door is out, the kitchen north through a back door."] or "")


def test_real_embedded_narrations_are_judged_as_a_reader_judged_them() -> None:
    # Collected from SmolLM2-135M and tuned with in view: a regression check, not a held-out figure.
    withdrawn_bad, passed_good = _shares("real")
    assert withdrawn_bad == 1.0 and passed_good >= 0.8
