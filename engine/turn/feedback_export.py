"""Playtest feedback as rows: every rating (from the selector's store) joined to its turn in the journals, and
every noted turn; written and read as JSON lines or CSV so testers' exports can be pooled."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

from engine.saves.diskio import read_lines
from engine.tasks import TaskType

Format = Literal["jsonl", "csv"]
EXPORT_VERSION = 1


@dataclass(frozen=True)
class FeedbackRow:
    """One rating of one model on one task for one turn (or a note on a turn nobody rated)."""

    turn_id: str
    seq: int
    """Which rating of this (turn, model, task) it is, from 0: a turn rated twice has rows 0 and 1."""
    story: str
    scene: str
    task: str
    model: str | None
    prompt: str
    output: str
    rating: int | None
    note: str
    time: float
    """When it was rated (Unix time); for a note alone, when its session last wrote to the journal."""
    timings: dict[str, float | None] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str | None, str, int]:
        """What identifies a rating across machines."""
        return (self.turn_id, self.model, self.task, self.seq)


@dataclass
class _Turn:
    story: str
    record: dict[str, Any]
    notes: list[str]
    written_at: float


def collect_rows(transcripts: Path, ratings: Iterable[Mapping[str, Any]], since: float | None = None
                 ) -> list[FeedbackRow]:
    """Rows for every stored rating (oldest first), then every noted turn without a rating."""
    turns = _read_turns(transcripts)
    rows: list[FeedbackRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    rated_turns: set[str] = set()
    for rating in ratings:
        turn_id = str(rating.get("turn_id") or "")
        model, task = str(rating["model"]), str(rating["task"])
        seq = seen.get((turn_id, model, task), 0)
        seen[(turn_id, model, task)] = seq + 1
        rated_turns.add(turn_id)
        rows.append(_row(turn_id, seq, turns.get(turn_id), task, model, int(rating["rating"]),
                         str(rating.get("note") or ""), float(rating.get("time") or 0.0)))
    for turn_id, turn in turns.items():
        if turn.notes and turn_id not in rated_turns:
            rows.append(_row(turn_id, 0, turn, str(TaskType.NARRATIVE_GENERATION), _narration_model(turn.record), None,
                             "\n".join(turn.notes), turn.written_at))
    return [row for row in rows if since is None or row.time >= since]


def _row(turn_id: str, seq: int, turn: _Turn | None, task: str, model: str | None, rating: int | None,
         note: str, time: float) -> FeedbackRow:
    record = turn.record if turn else {}
    prompts = record.get("prompts") or {}
    output = record.get("narration", "") if task != TaskType.TOOL_SELECTION else record.get("action") or ""
    timings: dict[str, float | None] = dict(record.get("timings") or {})
    for used in record.get("models") or []:
        if used.get("model") == model and str(used.get("task")) == task:
            timings["model_ttft_s"] = used.get("ttft_s")
            timings["model_tokens_per_s"] = used.get("tokens_per_s")
    return FeedbackRow(turn_id, seq, turn.story if turn else "", str(record.get("scene") or ""), task, model,
                       str(prompts.get(task, "")), str(output), rating, note, time, timings)


def _narration_model(record: Mapping[str, Any]) -> str | None:
    for used in record.get("models") or []:
        if str(used.get("task")) == TaskType.NARRATIVE_GENERATION and used.get("model") and used.get("outcome") == "ok":
            return str(used["model"])
    return None


def _read_turns(transcripts: Path) -> dict[str, _Turn]:
    """Every journaled turn (and reply) by id, with the notes later entries attached; unreadable lines skipped."""
    turns: dict[str, _Turn] = {}
    for path in sorted(transcripts.glob("*.jsonl")) if transcripts.is_dir() else []:
        story = path.stem.rsplit("-", 1)[0]
        try:
            written = path.stat().st_mtime
        except OSError:
            continue
        # A line cut by a crash, not UTF-8 or absurdly nested is skipped: the rest of the journal still counts.
        for entry in read_lines(path):
            kind = entry.get("type")
            turn_id = str(entry.get("turn_id") or "")
            if kind in ("turn", "reply") and turn_id:
                turns[turn_id] = _Turn(story, entry, [], written)
            elif kind == "noted" and turn_id in turns and entry.get("text"):
                turns[turn_id].notes.append(str(entry["text"]))
    return turns


# -- formats ------------------------------------------------------------------------------------

_COLUMNS = [f.name for f in fields(FeedbackRow)]


def dump_rows(rows: Iterable[FeedbackRow], fmt: Format) -> str:
    """The rows as JSON lines (a header line first) or as CSV (timings as a JSON cell)."""
    if fmt == "jsonl":
        header = json.dumps({"tta_feedback_export": EXPORT_VERSION})
        return "\n".join([header, *(json.dumps(asdict(row), ensure_ascii=False) for row in rows)]) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_COLUMNS)
    writer.writeheader()
    for row in rows:
        cells = asdict(row)
        cells["timings"] = json.dumps(row.timings)
        cells["rating"] = "" if row.rating is None else row.rating
        cells["model"] = row.model or ""
        writer.writerow(cells)
    return buffer.getvalue()


class ExportFormatError(ValueError):
    """A file that is not a feedback export; the message says `file:line: what`."""


def load_rows(path: Path) -> list[FeedbackRow]:
    """Rows from an export written by dump_rows (format told by the content, not the name)."""
    text = path.read_text(encoding="utf-8")
    first = text.lstrip()[:1]
    if first == "{":
        return _load_jsonl(path, text)
    return _load_csv(path, text)


def _load_jsonl(path: Path, text: str) -> list[FeedbackRow]:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise ExportFormatError(f"{path}:{number}: not JSON ({error.msg})") from None
        if isinstance(data, dict) and "tta_feedback_export" in data:
            continue
        rows.append(_parse(path, number, data))
    return rows


def _load_csv(path: Path, text: str) -> list[FeedbackRow]:
    reader = csv.DictReader(io.StringIO(text))
    missing = set(_COLUMNS) - set(reader.fieldnames or [])
    if missing:
        raise ExportFormatError(f"{path}:1: not a feedback export (missing columns: {', '.join(sorted(missing))})")
    rows = []
    for number, cells in enumerate(reader, start=2):
        data: dict[str, Any] = dict(cells)
        try:
            data["timings"] = json.loads(data.get("timings") or "{}")
        except ValueError:
            raise ExportFormatError(f"{path}:{number}: timings is not JSON") from None
        data["rating"] = int(data["rating"]) if data.get("rating") else None
        data["model"] = data.get("model") or None
        rows.append(_parse(path, number, data))
    return rows


def _parse(path: Path, number: int, data: Any) -> FeedbackRow:
    if not isinstance(data, dict) or set(_COLUMNS) - set(data):
        raise ExportFormatError(f"{path}:{number}: not a feedback row (needs {', '.join(_COLUMNS)})")
    try:
        rating = None if data["rating"] in (None, "") else int(data["rating"])
        if rating is not None and not 1 <= rating <= 5:
            raise ValueError("rating must be 1..5")
        TaskType(str(data["task"]))
        return FeedbackRow(
            str(data["turn_id"]), int(data["seq"]), str(data["story"]), str(data["scene"]), str(data["task"]),
            None if data["model"] in (None, "") else str(data["model"]), str(data["prompt"]), str(data["output"]),
            rating, str(data["note"]), float(data["time"]), dict(data["timings"] or {}),
        )
    except (TypeError, ValueError) as error:
        raise ExportFormatError(f"{path}:{number}: {error}") from None
