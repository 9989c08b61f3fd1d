"""What `tta models` shows of served models (reachable? how fast?) and `tta models check`'s one round trip."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass

from engine.inference.backends.openai_dialects import resolve
from engine.inference.backends.openai_health import Probe, ServerHealth
from engine.inference.config import GenParams, ModelConfig
from engine.inference.request import GenerationRequest, Message

CHECK_TIMEOUT_S = 30.0
"""A check's generation gives up after this long (a cold vLLM may still be compiling its graphs)."""


@dataclass(frozen=True)
class ServedRow:
    """One served model as `tta models` lists it."""

    name: str
    base_url: str
    served: str
    dialect: str
    reachable: bool
    latency_ms: float | None
    problem: str | None


def served_rows(configs: Mapping[str, ModelConfig], health: ServerHealth) -> list[ServedRow]:
    """A row per `backend: openai` model, each server probed now (once per server)."""
    rows = []
    probes: dict[str, Probe] = {}
    for name, config in configs.items():
        if config.backend != "openai" or config.base_url is None:
            continue
        probe = probes.get(config.base_url) or health.check(config, fresh=True)
        probes[config.base_url] = probe
        dialect = resolve(config.dialect, probe.owners).name if probe.reachable else config.dialect
        latency = probe.latency_s * 1000 if probe.latency_s is not None else None
        rows.append(ServedRow(name, config.base_url, config.served_name, dialect, probe.reachable, latency,
                              probe.problem(config.served_name)))
    return rows


def format_served(rows: list[ServedRow]) -> str:
    """A plain-text table of served models; problems are listed under it."""
    if not rows:
        return "served models: none configured (see the `served` and `local-server` profiles in settings.yaml)"
    header = ("served model", "server", "name there", "dialect", "reachable", "latency")
    lines = [
        (row.name, row.base_url, row.served, row.dialect, "yes" if row.reachable else "no",
         f"{row.latency_ms:.0f} ms" if row.latency_ms is not None else "-")
        for row in rows
    ]
    widths = [max(len(cell) for cell in column) for column in zip(header, *lines, strict=True)]
    table = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
             for line in [header, *lines]]
    table.insert(1, "  ".join("-" * width for width in widths))
    table += [f"{row.name}: {row.problem}" for row in rows if row.problem]
    return "\n".join(table)


@dataclass(frozen=True)
class CheckResult:
    """One round trip to a served model."""

    probe: Probe
    dialect: str = ""
    outcome: str = "not run"
    ttft_s: float | None = None
    total_s: float = 0.0
    tokens: int = 0
    text: str = ""
    error: str | None = None


def check_model(name: str, config: ModelConfig, health: ServerHealth) -> CheckResult:
    """Probe the server afresh, then stream one short reply from the model; never raises."""
    from engine.inference.backends.openai import OpenAIBackend

    probe = health.check(config, fresh=True)
    problem = probe.problem(config.served_name)
    if problem is not None:
        return CheckResult(probe, error=problem)
    try:
        backend = OpenAIBackend(name, config, health, probe)
    except Exception as error:  # noqa: BLE001 - a check reports, it does not crash
        return CheckResult(probe, error=f"{type(error).__name__}: {error}")
    try:
        request = GenerationRequest(
            messages=[Message(role="user", content="Reply with one short friendly sentence.")],
            prompt="A short friendly sentence:", params=GenParams(temperature=0.0, max_tokens=24),
            stream=True, timeout_s=CHECK_TIMEOUT_S, stop=threading.Event(),
        )
        response = backend.generate(request).wait()
    finally:
        backend.close()
    return CheckResult(probe, backend.dialect.name, response.outcome, response.ttft_s, response.total_s,
                       response.tokens, response.text_so_far(), response.error)


def format_check(name: str, result: CheckResult) -> str:
    """The check as a few lines for the terminal."""
    probe = result.probe
    lines = [f"{name}: server {probe.base_url}"]
    if probe.reachable and probe.latency_s is not None:
        lines.append(f"  reachable, GET /models in {probe.latency_s * 1000:.0f} ms; serves: {', '.join(probe.models)}")
    if result.error is not None and result.outcome == "not run":
        lines.append(f"  {result.error}")
        return "\n".join(lines)
    lines.append(f"  dialect {result.dialect}; outcome {result.outcome}")
    if result.ttft_s is not None:
        span = result.total_s - result.ttft_s
        decode = (result.tokens - 1) / span if result.tokens > 1 and span > 0 else 0.0
        lines.append(f"  first token {result.ttft_s * 1000:.0f} ms, {result.tokens} tokens in "
                     f"{result.total_s:.2f} s ({decode:.1f} tok/s after the first)")
    if result.text:
        lines.append(f"  reply: {result.text.strip()}")
    if result.error:
        lines.append(f"  error: {result.error}")
    return "\n".join(lines)
