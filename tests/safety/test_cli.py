"""`tta safety check|eval` and `tta data export|delete`."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import main


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    return lambda *args, **kw: runner.invoke(main, list(args), catch_exceptions=False, **kw)


def test_check_prints_tier_rule_score_and_text(run) -> None:  # type: ignore[no-untyped-def]
    result = run("safety", "check", "--rules-only", "I want to die")
    assert result.exit_code == 0
    assert result.output == "crisis\tsuicide.want_to_die\t-\tI want to die\n"


def test_check_names_the_semantic_category_and_its_score(run) -> None:  # type: ignore[no-untyped-def]
    result = run("safety", "check", "i think everyone would cope fine if i was not around any more")
    tier, source, score, text = result.output.rstrip("\n").split("\t")
    assert tier in {"check-in", "crisis"} and source.startswith("semantic:")
    assert 0 < float(score) <= 1 and text.startswith("i think")


def test_check_session_sees_earlier_lines(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inputs = tmp_path / "inputs.txt"
    # Neither half is a crisis alone; the second, said after the first, is (a plan split over two inputs).
    inputs.write_text("i can't keep doing this\nso saturday it is then\n", encoding="utf-8")
    alone = run("safety", "check", "--file", str(inputs)).output.splitlines()
    together = run("safety", "check", "--session", "--file", str(inputs)).output.splitlines()
    assert together[1].split("\t")[1].endswith("+context") and not alone[1].split("\t")[1].endswith("+context")


def test_check_file_prints_one_line_per_input(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inputs = tmp_path / "inputs.txt"
    inputs.write_text("kill the spider\n\ni hate myself\nim going to kill myself\n", encoding="utf-8")
    result = run("safety", "check", "--file", str(inputs))
    assert result.exit_code == 0
    lines = [line.split("\t") for line in result.output.splitlines()]
    assert [(level, text) for level, _, _, text in lines] == [
        ("none", "kill the spider"),
        ("check-in", "i hate myself"),
        ("crisis", "im going to kill myself"),
    ]
    assert lines[0][1] == "-"


def test_check_needs_exactly_one_source(run) -> None:  # type: ignore[no-untyped-def]
    result = run("safety", "check")
    assert result.exit_code == 2
    assert "exactly one" in result.output


def test_check_output_is_sanitised(run) -> None:  # type: ignore[no-untyped-def]
    result = run("safety", "check", "--rules-only", "\x1b[2Jhello")
    assert result.output == "none\t-\t-\thello\n"


def test_broken_phrase_file_gives_a_located_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "book.yaml"
    book.write_text(
        "version: 1\nrules:\n  - id: a\n    level: crisis\n    about: x\n    patterns: ['(']\n", encoding="utf-8"
    )
    result = run("safety", "check", "--phrases", str(book), "hi")
    assert result.exit_code == 1
    assert f"{book}:6:16: error: bad pattern" in result.output


def test_eval_reports_the_figures(run) -> None:  # type: ignore[no-untyped-def]
    cases = Path(__file__).parent / "crisis_cases.yaml"
    result = run("safety", "eval", str(cases))
    assert result.exit_code == 0
    assert "recall 100.0%" in result.output.splitlines()[-1]
    assert "per category" in result.output and "per labelled tier" in result.output


def test_eval_without_cases_reports_dev_and_heldout_separately(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A stand-in held-out file: the real one is sealed, evaluated by the lead only.
    heldout = tmp_path / "heldout.yaml"
    heldout.write_text("crisis: ['i want to die']\nnone: ['go north']\n", encoding="utf-8")
    output = run("safety", "eval", "--rules-only", "--heldout", str(heldout)).output
    assert "== development set (calibrated on)" in output and "== held-out set (never tuned on)" in output
    assert output.count("crisis detection: recall") == 2


def test_eval_says_when_the_heldout_set_is_not_written_yet(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    output = run("safety", "eval", "--rules-only", "--heldout", str(tmp_path / "none.yaml")).output
    assert "held-out set (never tuned on): not written yet" in output
    assert output.count("crisis detection: recall") == 1


def test_default_heldout_set_is_v9_and_dev_includes_the_spent_sets() -> None:
    from game.commands.safety import DEV_SETS, HELDOUT_SET

    assert HELDOUT_SET.name == "crisis_heldout_v9.yaml"
    names = {p.name for p in DEV_SETS}
    assert {"crisis_dev3.yaml", "crisis_dev4.yaml", "crisis_spent_v6.yaml", "crisis_dev7.yaml", "crisis_dev8a.yaml",
            "crisis_dev8d.yaml"} <= names
    assert all(p.exists() for p in DEV_SETS) and not any("heldout" in name for name in names)
    header = (Path(__file__).parent / "crisis_dev3.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert "TUNED ON" in header and "NEVER" not in header
    header = (Path(__file__).parent / "crisis_dev4.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert "DEVELOPMENT" in header and "SPENT" in header


def test_eval_lists_failures(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cases = tmp_path / "cases.yaml"
    cases.write_text("crisis: ['i like turtles']\nnone: ['i want to die']\n", encoding="utf-8")
    result = run("safety", "eval", "--rules-only", str(cases))
    assert "missed\tnone\t-\t-\t[crisis/crisis] i like turtles" in result.output
    assert "false positive\tcrisis\tsuicide.want_to_die\t-\t[none/none] i want to die" in result.output
    assert "recall 0.0% on 1 positives" in result.output


def _seed(home: Path) -> None:
    (home / "saves").mkdir()
    (home / "saves" / "slot1.json").write_text("{}", encoding="utf-8")
    (home / "ratings.json").write_text("{}", encoding="utf-8")
    (home / "safety.json").write_text("{}", encoding="utf-8")


def test_export_writes_every_file_into_a_zip(run, tta_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(tta_home)
    out = tmp_path / "export.zip"
    result = run("data", "export", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Exported 3 files" in result.output
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["ratings.json", "safety.json", "saves/slot1.json"]


def test_export_refuses_to_overwrite(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "export.zip"
    out.write_text("keep me", encoding="utf-8")
    result = run("data", "export", "--out", str(out))
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"


def test_export_default_name_lands_in_the_current_folder(run, tmp_path: Path, tta_home: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(tta_home)
    assert run("data", "export").exit_code == 0
    assert len(list(tmp_path.glob("tta-data-*.zip"))) == 1


def test_delete_asks_and_keeps_everything_on_no(run, tta_home: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(tta_home)
    result = run("data", "delete", input="n\n")
    assert result.exit_code == 1
    assert "saves (1 file)" in result.output and "safety.json (1 file)" in result.output
    assert (tta_home / "saves" / "slot1.json").exists()


def test_delete_removes_everything_on_yes(run, tta_home: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(tta_home)
    result = run("data", "delete", input="y\n")
    assert result.exit_code == 0
    assert list(tta_home.iterdir()) == []


def test_delete_with_yes_flag_does_not_ask(run, tta_home: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(tta_home)
    result = run("data", "delete", "--yes")
    assert result.exit_code == 0
    assert "Delete all of it?" not in result.output
    assert list(tta_home.iterdir()) == []


def test_delete_refuses_the_home_folder(run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake_home = tmp_path / "home"
    (fake_home / "precious").mkdir(parents=True)
    (fake_home / "precious" / "thesis.txt").write_text("years of work", encoding="utf-8")
    monkeypatch.setenv("HOME", str(fake_home))
    monkeypatch.setenv("TTA_HOME", str(fake_home))
    result = run("data", "delete", "--yes")
    assert result.exit_code == 1
    assert "refusing to delete" in result.output
    assert (fake_home / "precious" / "thesis.txt").exists()


def test_export_refuses_to_write_inside_the_data_folder(run, tta_home: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(tta_home)
    result = run("data", "export", "--out", str(tta_home / "saves" / "me.zip"))
    assert result.exit_code == 1
    assert "inside the data folder" in result.output
    assert not (tta_home / "saves" / "me.zip").exists()
