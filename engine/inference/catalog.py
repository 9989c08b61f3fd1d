"""What `tta models` shows: each configured model, where it comes from, and its state on this machine."""

from __future__ import annotations

from dataclasses import dataclass

from engine.inference.manager import ModelManager


@dataclass(frozen=True)
class ModelRow:
    """One configured model as the table shows it."""

    name: str
    source: str
    model_id: str
    available: bool
    cached: bool
    loaded: bool
    memory_mb: float
    """Measured when loaded, else the configured estimate."""


def model_rows(manager: ModelManager) -> list[ModelRow]:
    """A row per configured model, in configuration order."""
    loaded = {info.name: info.mb for info in manager.loaded()}
    return [
        ModelRow(
            name=name,
            source="served" if config.backend == "openai" else config.source,
            model_id=config.model_id,
            available=manager.is_available(name),
            cached=manager.is_cached(name),
            loaded=name in loaded,
            memory_mb=loaded.get(name) or float(config.memory_requirement),
        )
        for name, config in manager.configs.items()
    ]


def format_rows(rows: list[ModelRow], budget_mb: int) -> str:
    """A plain-text table (memory marked ~ when it is the configured estimate)."""
    header = ("model", "source", "id", "available", "cached", "loaded", "memory")
    lines = [
        (
            row.name,
            row.source,
            row.model_id,
            _yes(row.available),
            _yes(row.cached),
            _yes(row.loaded),
            f"{row.memory_mb:.0f} MB" if row.loaded else f"~{row.memory_mb:.0f} MB",
        )
        for row in rows
    ]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=True)]
    render = ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
              for line in [header, *lines]]
    render.insert(1, "  ".join("-" * width for width in widths))
    render.append(f"memory budget: {budget_mb} MB")
    return "\n".join(render)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
