"""Settings: the shipped file carries the seed's values; env and --profile override; bad files give file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.settings import SettingsError, load_settings
from engine.tasks import TaskType

# The seed's MODEL_CONFIGS (model ids corrected to real hub repos), value for value.
SEED = {
    "phi-4-mini-instruct": dict(
        model_id="microsoft/Phi-4-mini-instruct", max_tokens=512, temperature=0.7, supports_streaming=False,
        memory_requirement=4000,
        fits={"narrative_generation": (True, 0.9, 0.5), "tool_selection": (True, 0.95, 0.5),
              "knowledge_reasoning": (True, 0.9, 0.5), "structured_output": (False, 0.3, 0.5)},
        narration=(0.8, 0.9, 512), json=(0.2, 0.8, 512), fallback=["gemma-3-1b-it", "qwen2.5-0.5b"],
    ),
    "gemma-3-1b-it": dict(
        model_id="google/gemma-3-1b-it", max_tokens=1024, temperature=0.7, supports_streaming=True,
        memory_requirement=2000,
        fits={"narrative_generation": (True, 0.8, 0.4), "tool_selection": (False, 0.2, 0.4),
              "knowledge_reasoning": (True, 0.7, 0.4), "structured_output": (True, 0.9, 0.4)},
        narration=(0.7, 0.9, 1024), json=(0.1, 0.8, 1024), fallback=["phi-4-mini-instruct", "qwen2.5-0.5b"],
    ),
    "qwen2.5-0.5b": dict(
        model_id="Qwen/Qwen2.5-0.5B-Instruct", max_tokens=512, temperature=0.7, supports_streaming=True,
        memory_requirement=1000,
        fits={"narrative_generation": (True, 0.6, 0.9), "tool_selection": (False, 0.2, 0.9),
              "knowledge_reasoning": (True, 0.5, 0.9), "structured_output": (False, 0.3, 0.9)},
        narration=(0.9, 0.95, 256), json=(0.3, 0.8, 256), fallback=["gemma-3-1b-it", "phi-4-mini-instruct"],
    ),
}


@pytest.mark.parametrize("name", list(SEED))
def test_shipped_seed_models_carry_every_seed_value(project_settings, name: str) -> None:
    seed = SEED[name]
    config = project_settings.models[name]
    assert config.model_id == config.tokenizer_id == seed["model_id"]
    assert (config.model_type, config.quantization) == ("causal_lm", "4bit")
    assert config.max_tokens == seed["max_tokens"]
    assert config.temperature == seed["temperature"]
    assert config.supports_streaming is seed["supports_streaming"]
    assert config.memory_requirement == seed["memory_requirement"]
    for task, (suitable, quality, speed) in seed["fits"].items():
        fit = config.fit(TaskType(task))
        assert (fit.suitable, fit.quality_score, fit.speed_score) == (suitable, quality, speed)
    narration = config.params_for(TaskType.NARRATIVE_GENERATION)
    assert (narration.temperature, narration.top_p, narration.max_tokens) == seed["narration"]
    json_params = config.params_for(TaskType.STRUCTURED_OUTPUT)
    assert (json_params.temperature, json_params.top_p, json_params.max_tokens) == seed["json"]
    assert config.fallback == seed["fallback"]


def test_shipped_embedded_models(project_settings) -> None:
    smol = project_settings.models["smollm2-135m"]
    gemma = project_settings.models["gemma3-270m"]
    assert (smol.source, smol.model_id, smol.chat_template, smol.supports_streaming) == (
        "embedded", "smollm2-135m-instruct", True, True)
    assert (gemma.source, gemma.model_id, gemma.chat_template) == ("embedded", "gemma3-270m", False)
    assert not gemma.fit(TaskType.NARRATIVE_GENERATION).suitable
    assert gemma.fit(TaskType.STRUCTURED_OUTPUT).quality_score > smol.fit(TaskType.STRUCTURED_OUTPUT).quality_score
    narration = smol.params_for(TaskType.NARRATIVE_GENERATION)
    assert narration.repetition_penalty > 1.0 and narration.max_tokens <= 100
    assert smol.params_for(TaskType.STRUCTURED_OUTPUT).temperature <= 0.1


def test_profiles_and_tiers(project_settings) -> None:
    assert project_settings.profile == "auto"
    assert project_settings.profile_tiers("rules") == []
    assert project_settings.profile_tiers("auto") == [
        ["phi-4-mini-instruct", "gemma-3-1b-it", "qwen2.5-0.5b"],
        ["smollm2-135m", "gemma3-270m"],
    ]
    assert list(project_settings.active_models())[:3] == ["phi-4-mini-instruct", "gemma-3-1b-it", "qwen2.5-0.5b"]


def test_shipped_safety_resources(project_settings) -> None:
    international = " ".join(r.contact for r in project_settings.safety.resources_for("international"))
    assert "112" in international and "911" in international and "999" in international
    assert "findahelpline.com" in international and "iasp" in international
    assert any("988" in r.contact for r in project_settings.safety.resources_for("us"))
    assert any("116 123" in r.contact for r in project_settings.safety.resources_for("uk"))


def test_environment_overrides_the_file(project_settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTA_PROFILE", "rules")
    monkeypatch.setenv("TTA_SELECTOR__LATENCY_WEIGHT", "0.5")
    monkeypatch.setenv("TTA_SELECTOR__BREAKER__COOLDOWN_S", "5")
    settings = load_settings(_project_path())
    assert settings.profile == "rules"
    assert settings.selector.latency_weight == 0.5
    assert settings.selector.breaker.cooldown_s == 5
    # The rest of the nested section still comes from the file.
    assert settings.selector.breaker.failures_to_open == project_settings.selector.breaker.failures_to_open


def test_profile_argument_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTA_PROFILE", "rules")
    assert load_settings(_project_path(), profile="embedded").profile == "embedded"


def test_settings_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("memory_budget_mb: 1234\n")
    monkeypatch.setenv("TTA_SETTINGS", str(path))
    settings = load_settings()
    assert settings.memory_budget_mb == 1234
    assert settings.models == {} and settings.profile_tiers() == []


BAD = [
    ("syntax", "profile: auto\nmodels: [a, b\n", "3:1", "YAML syntax"),
    ("unknown field", "profile: auto\nprofiles: {auto: []}\ncolour: red\n", "3:1", "colour: Extra inputs"),
    ("unknown nested field", "profiles: {auto: []}\nturn:\n  narate:\n    - no\n", "3:3", "turn.narate: Extra inputs"),
    ("wrong type", "profiles: {auto: []}\nmodels:\n  m:\n    model_id: x\n    temperature: hot\n", "5:18",
     "models.m.temperature"),
    ("unknown model in profile", "profiles:\n  auto: [m]\n  mine:\n    - m\n    - ghost\nmodels:\n  m: {model_id: x}\n",
     "5:7", "unknown model or profile 'ghost'"),
    ("unknown fallback", "profiles: {auto: [m]}\nmodels:\n  m:\n    model_id: x\n    fallback: [ghost]\n", "5:16",
     "unknown model 'ghost'"),
    ("unknown profile", "profile: fancy\nprofiles: {auto: []}\n", "1:10", "unknown profile 'fancy' (known: auto)"),
    ("out of range", "profiles: {auto: []}\nturn:\n  faithfulness: 1.5\n", "3:17", "less than or equal to 1"),
    ("unknown locale", "profiles: {auto: []}\nsafety:\n  resources: {}\n  locale: xx\n", "4:11",
     "unknown safety.locale 'xx'"),
    ("duplicate key", "profiles: {auto: []}\nturn:\n  narrate: true\n  narrate: false\n", "4:3",
     "duplicate key 'narrate' (first at line 3)"),
    ("not a mapping", "- just\n- a list\n", "1:1", "must be a mapping"),
]


@pytest.mark.parametrize(("label", "text", "where", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_settings_report_file_line_and_column(tmp_path: Path, label: str, text: str, where: str,
                                                  message: str) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text(text)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    first = str(caught.value).splitlines()[0]
    assert first.startswith((f"{path}:{where}: error: ", f"settings.yaml:{where}: error: ")), first
    assert message in first


def test_unknown_profile_on_the_command_line() -> None:
    with pytest.raises(SettingsError, match=r"^--profile: unknown profile 'nope' \(known: auto, embedded"):
        load_settings(_project_path(), profile="nope")


def test_bad_environment_value_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTA_SELECTOR__LATENCY_WEIGHT", "lots")
    with pytest.raises(SettingsError, match=r"^environment: TTA_SELECTOR__LATENCY_WEIGHT: Input should be a valid"):
        load_settings(_project_path())


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot read file"):
        load_settings(tmp_path / "absent.yaml")


def _project_path() -> Path:
    return Path(__file__).resolve().parents[2] / "settings.yaml"
