"""The semantic stage: the numpy MiniLM matches the transformers model, tiers follow the thresholds, the bank
validates with located errors, game commands are left to the rules, and the stage generalises on its own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from engine.inference.embedder import locate_minilm
from engine.safety.detector import CrisisDetector
from engine.safety.exemplars import Category, ExemplarBank, Thresholds, load_bank
from engine.safety.minilm import MiniLMEncoder, MiniLMUnavailable
from engine.safety.semantic import SemanticStage, decide, is_command, tier_for
from engine.yamlpos import YamlFileError

MODEL = locate_minilm()
needs_model = pytest.mark.skipif(MODEL is None, reason="the shipped sentence model is not installed")


def _category(name: str, tier: str, crisis: float, imminent: float | None = None) -> Category:
    limits = Thresholds(check_in=crisis - 0.1, crisis=crisis, imminent=imminent)
    return Category(name, tier, "test", limits, ("a", "b", "c"))  # type: ignore[arg-type]


BANK = ExemplarBank("test", 1, "all-MiniLM-L6-v2", 0.05,
                    (_category("wish", "crisis", 0.7), _category("taken", "imminent", 0.7, 0.8),
                     Category("low", "check-in", "t", Thresholds(check_in=0.6, crisis=0.6), ("a", "b", "c"))),
                    ("kill the troll",), frozenset({"take", "jump"}))


@pytest.mark.parametrize(("index", "score", "tier"), [
    (0, 0.55, "none"), (0, 0.62, "check-in"), (0, 0.71, "crisis"),
    (1, 0.75, "crisis"), (1, 0.81, "imminent"), (2, 0.59, "none"), (2, 0.95, "check-in"),
])
def test_tiers_follow_each_categorys_thresholds(index: int, score: float, tier: str) -> None:
    assert tier_for(BANK.categories[index], score) == tier


def test_the_strongest_tier_wins_and_a_near_counter_exemplar_vetoes() -> None:
    assert decide(BANK, [0.75, 0.85, 0.0], counter=0.2).tier == "imminent"
    vetoed = decide(BANK, [0.75, 0.0, 0.0], counter=0.72)
    assert (vetoed.tier, vetoed.category) == ("none", "wish")
    assert dict(vetoed.scores) == {"wish": 0.75, "taken": 0.0, "low": 0.0}


@pytest.mark.parametrize(("text", "command"), [
    ("take the pills", True), ("jump off the bridge", True), ("take my pills", False), ("i jump", False),
    ("tonight is the night", False), ("", False)])
def test_game_commands_are_recognised(text: str, command: bool) -> None:
    assert is_command(BANK, text) is command


def test_the_packaged_bank_is_valid_and_big_enough() -> None:
    bank = load_bank()
    assert sum(len(c.exemplars) for c in bank.categories) >= 250
    assert len(bank.counter) >= 150
    assert {c.tier for c in bank.categories} == {"imminent", "crisis", "check-in"}


def test_a_broken_bank_gives_located_errors(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text("version: 1\nmodel: m\nmargin: 0.1\ncounter: [look]\ncategories:\n  a:\n    tier: imminent\n"
                    "    about: x\n    thresholds: {check_in: 0.5, crisis: 0.6}\n    exemplars: [p, q, look]\n",
                    encoding="utf-8")
    with pytest.raises(YamlFileError) as err:
        load_bank(path)
    assert f"{path}:" in str(err.value) and "imminent" in str(err.value)
    path.write_text(path.read_text(encoding="utf-8").replace("crisis: 0.6}", "crisis: 0.6, imminent: 0.7}"),
                    encoding="utf-8")
    with pytest.raises(YamlFileError, match="'look' is also in a"):
        load_bank(path)


def test_a_missing_model_is_reported_not_raised(tmp_path: Path) -> None:
    stage = SemanticStage(MiniLMEncoder(tmp_path), load_bank())
    assert stage.warm() is False and "missing" in (stage.error or "")
    with pytest.raises(MiniLMUnavailable):
        stage.judge(["hello"])
    # The detector still answers, on its phrase rules.
    assert CrisisDetector(semantic=stage).classify("i want to kill myself").level == "crisis"


@needs_model
def test_numpy_encoder_matches_the_transformers_model() -> None:
    torch = pytest.importorskip("torch")
    from transformers import AutoModel, AutoTokenizer

    assert MODEL is not None
    texts = ["i want to die", "kill the troll with the sword", "my feet are killing me, let's rest by the fire"]
    ours = MiniLMEncoder(MODEL).encode(texts)
    batch = AutoTokenizer.from_pretrained(MODEL)(texts, padding=True, return_tensors="pt")
    with torch.inference_mode():
        hidden = AutoModel.from_pretrained(MODEL).eval()(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    theirs = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1).numpy()
    assert ((ours * theirs).sum(axis=1) > 0.9999).all()


@needs_model
def test_the_bank_vectors_are_cached_between_runs(tmp_path: Path) -> None:
    assert MODEL is not None
    small = replace(load_bank(), counter=("look around", "open the gate"))
    SemanticStage(MiniLMEncoder(MODEL), small, tmp_path).warm()
    cached = list(tmp_path.glob("crisis-bank-*.npz"))
    assert len(cached) == 1
    again = SemanticStage(MiniLMEncoder(MODEL), small, tmp_path)
    assert again.warm() and again.judge(["i want to end my life"])[0].tier != "none"


@needs_model
@pytest.mark.parametrize("text", [
    "honestly i think everyone would cope fine without me around",  # passive
    "i've been putting my things in boxes for my friends, i won't need them after sunday",  # farewell
])
def test_the_semantic_stage_catches_what_no_rule_names(text: str) -> None:
    detector = CrisisDetector()
    assert CrisisDetector(semantic=False).classify(text).level == "none"
    result = detector.classify(text)
    assert result.level != "none" and result.stage == "semantic" and result.category
