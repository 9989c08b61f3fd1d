"""Horizontal bar charts and sparklines drawn with Rich text, for reading numbers at a glance."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

_EIGHTHS = " ▏▎▍▌▋▊▉█"
_SPARKS = "▁▂▃▄▅▆▇█"


def bar_chart(title: str, rows: Sequence[tuple[str, float | None]], width: int = 30, unit: str = "") -> Text:
    """One labelled bar per row, scaled to the largest value; missing values show as a dash."""
    text = Text(title + "\n", style="bold")
    values = [v for _, v in rows if v is not None]
    top = max(values, default=0.0) or 1.0
    label_width = max((len(label) for label, _ in rows), default=0)
    for label, value in rows:
        text.append(label.ljust(label_width) + " ")
        if value is None:
            text.append("—\n", style="dim")
            continue
        text.append(_bar(value / top, width), style="cyan")
        text.append(f" {value:.1f}{unit}\n")
    return text


def sparkline(values: Sequence[float]) -> str:
    """A one-line trend, e.g. ratings over time."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return "".join(_SPARKS[round((v - low) / span * (len(_SPARKS) - 1))] for v in values)


def _bar(fraction: float, width: int) -> str:
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")
