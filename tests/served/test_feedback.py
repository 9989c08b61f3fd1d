"""`tta feedback export` / `import`: pooling playtesters' ratings reproduces the learnt selector; twice is a no-op."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.inference.backends.scripted import ScriptedBackend
from engine.selector import Bandit, FeedbackStore
from engine.selector.bandit import QUALITY
from engine.turn.events import NarrationDone
from game.cli import main
from game.factory import build_pipeline, build_services
from tests.turn.conftest import STORY, make_settings, scripted_model

COMMANDS = ["x shell", "take shell", "take key", "drop shell", "take shell", "x key", "x shell"]
RATINGS: list[tuple[int, str]] = [(5, "lovely"), (2, ""), (4, "calm"), (1, "too long"), (3, "")]


def authored_texts(story: Path, home: Path) -> list[str]:
    """What the rules say for each command (a narration that repeats it always passes the checks)."""
    services = build_services(profile="rules", data_dir=home, use_matcher=False)
    pipeline = build_pipeline(services, story, seed=1)
    list(pipeline.opening())
    texts = [[e for e in pipeline.run(c) if isinstance(e, NarrationDone)][-1].text for c in COMMANDS]
    services.close()
    return texts


@pytest.fixture
def played(tmp_path: Path) -> Path:
    """A data folder after a playtest: ratings (one turn rated twice), notes, one noted turn left unrated."""
    story = tmp_path / "cove"
    story.mkdir()
    (story / "story.yaml").write_text(STORY, encoding="utf-8")
    models = {"alpha": scripted_model(narrative_generation=True), "beta": scripted_model(narrative_generation=True)}
    settings = make_settings(models)
    # Each model consumes its own script, so either may narrate any turn: one retelling faithful to every turn of
    # this playthrough (the shell is always in reach; nothing is claimed) keeps every turn model-narrated.
    backends = {name: ScriptedBackend(name, ["The pink shell is here."] * 2 * len(COMMANDS)) for name in models}
    home = tmp_path / "tester"
    services = build_services(settings=settings, data_dir=home, backends=backends, use_matcher=False, rng_seed=2)
    pipeline = build_pipeline(services, story, seed=1)
    list(pipeline.opening())
    for index, command in enumerate(COMMANDS):
        list(pipeline.run(command))
        if index < len(RATINGS):
            rating, note = RATINGS[index]
            list(pipeline.run(f"rate {rating} {note}".strip()))
        if index == 2:
            list(pipeline.run("rate 5 on second thought"))
        if index == 5:
            list(pipeline.run("note: the key felt important"))
    pipeline.close()
    services.close()
    return home


def tta(home: Path, *args: str) -> Any:
    result = CliRunner().invoke(main, list(args), env={"TTA_HOME": str(home)}, catch_exceptions=False)
    return result


def quality_evidence(home: Path) -> dict[tuple[str, str], tuple[float, float]]:
    """(task, model) -> the quality posterior's faded evidence, from the stored bandit state."""
    store = FeedbackStore(home / "ratings.json")
    state = store.load_bandit()
    store.close()
    bandit = Bandit(100.0, random.Random(0))
    bandit.restore(state)
    keys = {(arm["task"], arm["model"]) for arm in state["arms"] if arm["kind"] == QUALITY}
    return {key: bandit.evidence(key[0], key[1], QUALITY) for key in keys}  # type: ignore[arg-type]


def posterior_means(home: Path) -> dict[tuple[str, str], float]:
    """The quality posterior mean per (task, model), with the prior settings.yaml gives (0.8 over 6 ratings)."""
    return {key: (0.8 * 6.0 + good) / (6.0 + good + bad) for key, (good, bad) in quality_evidence(home).items()}


def test_export_has_every_rated_and_noted_turn(played: Path, tmp_path: Path) -> None:
    result = tta(played, "feedback", "export")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()[1:]]
    rated = [row for row in lines if row["rating"] is not None]
    assert len(rated) == len(RATINGS) + 1
    assert {row["story"] for row in lines} == {"cove"} and {row["scene"] for row in lines} == {"beach"}
    assert all(row["model"] in ("alpha", "beta") and row["task"] == "narrative_generation" for row in rated)
    assert all(row["prompt"] and row["output"] for row in rated)
    assert all("first_text_s" in row["timings"] and "model_ttft_s" in row["timings"] for row in rated)
    twice = [row for row in rated if row["seq"] == 1]
    assert len(twice) == 1 and twice[0]["rating"] == 5 and twice[0]["note"] == "on second thought"
    noted = [row for row in lines if row["rating"] is None]
    assert len(noted) == 1 and noted[0]["note"] == "the key felt important"
    assert tta(played, "feedback", "export", "--since", "2999-01-01").stdout.count("\n") == 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_import_on_a_fresh_machine_reproduces_the_posterior_means(played: Path, tmp_path: Path, fmt: str) -> None:
    export = tmp_path / f"tester.{fmt}"
    assert tta(played, "feedback", "export", "--format", fmt, "-o", str(export)).exit_code == 0
    fresh = tmp_path / "lead"
    result = tta(fresh, "feedback", "import", str(export))
    assert result.exit_code == 0, result.output
    assert "added 6 ratings; 0 already here; 1 notes without a rating" in result.output
    original, imported = posterior_means(played), posterior_means(fresh)
    assert original.keys() == imported.keys() and original
    for key, mean in original.items():
        assert imported[key] == pytest.approx(mean, abs=1e-12), key
    assert quality_evidence(fresh) == pytest.approx(quality_evidence(played))


def test_importing_twice_changes_nothing_and_conflicts_are_reported(played: Path, tmp_path: Path) -> None:
    export = tmp_path / "tester.jsonl"
    tta(played, "feedback", "export", "-o", str(export))
    fresh = tmp_path / "lead"
    tta(fresh, "feedback", "import", str(export))
    before = ((fresh / "ratings.json").read_text(), (fresh / "stats.json").read_text())
    again = tta(fresh, "feedback", "import", str(export))
    assert "added 0 ratings; 6 already here" in again.output
    assert ((fresh / "ratings.json").read_text(), (fresh / "stats.json").read_text()) == before
    # Importing one's own export is a no-op too.
    assert "added 0 ratings; 6 already here" in tta(played, "feedback", "import", str(export)).output
    rows = export.read_text().splitlines()
    changed = json.loads(rows[1])
    changed["rating"] = 1 if changed["rating"] != 1 else 2
    clash = tmp_path / "clash.jsonl"
    clash.write_text("\n".join([rows[0], json.dumps(changed)]) + "\n")
    result = CliRunner().invoke(main, ["feedback", "import", str(clash)], env={"TTA_HOME": str(fresh)})
    assert "added 0 ratings" in result.output
    assert f"conflict: turn {changed['turn_id']}" in result.output
    assert (fresh / "ratings.json").read_text() == before[0]


def test_a_damaged_export_is_refused_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"tta_feedback_export": 1}\n{"turn_id": "x"}\n')
    result = CliRunner().invoke(main, ["feedback", "import", str(bad)], env={"TTA_HOME": str(tmp_path / "h")})
    assert result.exit_code == 1
    assert f"{bad}:2: not a feedback row" in result.output
