"""Schema bounding and choice grammars (no model needed)."""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, Field

from engine.inference.constrained import DEFAULT_MAX_STRING, bounded_schema, choice_ebnf


class Inner(BaseModel):
    label: str
    code: str = Field(pattern=r"^[a-z]+$")


class Update(BaseModel):
    note: str
    short: str = Field(max_length=5)
    kind: Literal["a", "b"]
    tags: list[str]
    inner: Inner | None = None


def test_every_free_string_and_array_gets_a_bound() -> None:
    schema = bounded_schema(Update)
    props = schema["properties"]
    assert props["note"]["maxLength"] == DEFAULT_MAX_STRING
    assert props["short"]["maxLength"] == 5
    assert "maxLength" not in props["kind"]
    assert props["tags"]["maxItems"] > 0 and props["tags"]["items"]["maxLength"] == DEFAULT_MAX_STRING
    inner = schema["$defs"]["Inner"]["properties"]
    assert inner["label"]["maxLength"] == DEFAULT_MAX_STRING
    assert "maxLength" not in inner["code"]  # a pattern already bounds what it may be
    assert "maxLength" not in Update.model_json_schema()["properties"]["note"]  # the model is untouched


def test_choice_grammar_quotes_each_option() -> None:
    grammar = choice_ebnf(['say "hi"', "go north"])
    assert grammar == "root ::= " + json.dumps('say "hi"') + ' | "go north"'
