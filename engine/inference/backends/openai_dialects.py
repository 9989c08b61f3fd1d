"""The one table of how OpenAI-compatible servers differ: JSON format, prompt logprobs, usage, penalty field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

JsonFormat = Literal["json_schema", "json_object_schema"]
"""json_schema: OpenAI's {"type": "json_schema", "json_schema": {...}};
json_object_schema: {"type": "json_object", "schema": {...}} (llama-cpp-python's server only knows this)."""


@dataclass(frozen=True)
class Dialect:
    """What one kind of server accepts and returns, where they differ."""

    name: str
    owned_by: tuple[str, ...]
    """What GET /v1/models says in `owned_by`, which is how `dialect: auto` recognises the server."""
    json_format: JsonFormat
    echo_logprobs: bool
    """/v1/completions with echo + logprobs returns the prompt's token logprobs (choice ranking needs it)."""
    stream_usage: bool
    """Honours stream_options.include_usage (exact token counts for streamed replies)."""
    completion_json: bool
    """/v1/completions honours response_format too (base models without a chat template can give JSON)."""
    penalty_field: str | None
    """The body field for a multiplicative repetition penalty; None: the server has none."""
    tested_here: bool
    """Run against a real server in this project's tests (the others follow their documentation)."""

    def response_format(self, schema: dict[str, Any], name: str) -> dict[str, Any]:
        """The response_format value that constrains the reply to `schema`."""
        if self.json_format == "json_object_schema":
            return {"type": "json_object", "schema": schema}
        return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}}


_ROWS = (
    # name          owned_by                json_format           echo   usage  c.json penalty_field       tested
    ("vllm",         ("vllm",),              "json_schema",        True,  True,  True,  "repetition_penalty", False),
    # llama-cpp-python's `python -m llama_cpp.server`: its default repeat_penalty is 1.1, so ours is always sent.
    ("llama_cpp",    ("me",),                "json_object_schema", True,  False, False, "repeat_penalty",     True),
    # llama.cpp's own C++ `llama-server`.
    ("llama_server", ("llamacpp",),          "json_schema",        False, True,  False, "repeat_penalty",     False),
    ("ollama",       ("library", "ollama"),  "json_schema",        False, True,  False, None,                 False),
    ("lmstudio",     ("organization_owner",), "json_schema",       False, True,  False, "repeat_penalty",     False),
    # Any other OpenAI-compatible endpoint: only what the OpenAI API itself documents.
    ("openai",       ("openai", "system"),   "json_schema",        False, True,  False, None,                 False),
)

DIALECTS: dict[str, Dialect] = {row[0]: Dialect(*row) for row in _ROWS}

GENERIC = DIALECTS["openai"]


def recognise(owners: Iterable[str]) -> Dialect:
    """The dialect whose `owned_by` matches what the server reported (the generic one when none does)."""
    seen = {owner.casefold() for owner in owners}
    for dialect in DIALECTS.values():
        if seen & set(dialect.owned_by):
            return dialect
    return GENERIC


def resolve(configured: str, owners: Iterable[str]) -> Dialect:
    """The configured dialect, or for `auto` the one the probe recognised."""
    return recognise(owners) if configured == "auto" else DIALECTS[configured]
