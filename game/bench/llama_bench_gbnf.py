"""A tight GBNF grammar from a bounded JSON schema, for the constraint comparison in llama_bench_json.py.

Tighter than llama-cpp-python's converter: no free whitespace, integer ranges as their values, strings of
at most maxLength characters with no raw control characters (JSON forbids them; the converter lets a
raw newline through, and the text then fails to parse), enums and consts as literals.
"""

from __future__ import annotations

import json
from typing import Any

CHAR = r'char ::= [^"\\\x00-\x1F] | "\\" ["\\/bfnrt]'
ENUMERATED_RANGE = 64
"""Integer ranges up to this wide are written out value by value."""


class _Writer:
    def __init__(self, defs: dict[str, Any]) -> None:
        self.defs = defs
        self.rules: dict[str, str] = {}

    def rule(self, name: str, body: str) -> str:
        self.rules[name] = body
        return name

    def node(self, node: dict[str, Any], name: str) -> str:
        """The name of a rule for `node` (written on the way)."""
        if "$ref" in node:
            ref = node["$ref"].rsplit("/", 1)[-1]
            target = f"def-{_ident(ref)}"
            if target not in self.rules:
                self.rules[target] = '"null"'  # a placeholder while a recursive definition is written
                self.node(self.defs[ref], target)
            return target
        if "const" in node:
            return self.rule(name, _literal(json.dumps(node["const"], ensure_ascii=False)))
        if "enum" in node:
            return self.rule(name, " | ".join(_literal(json.dumps(v, ensure_ascii=False)) for v in node["enum"]))
        branches = node.get("anyOf") or node.get("oneOf")
        if branches:
            return self.rule(name, " | ".join(self.node(b, f"{name}-{i}") for i, b in enumerate(branches)))
        kind = node.get("type")
        if kind == "object":
            return self._object(node, name)
        if kind == "array":
            item = self.node(node.get("items", {}), f"{name}-item")
            most = int(node.get("maxItems", 16))
            more = f' ("," {item}){{0,{most - 1}}}' if most > 1 else ""
            return self.rule(name, f'"[" ({item}{more})? "]"')
        if kind == "string":
            return self.rule(name, f'"\\"" char{{0,{int(node.get("maxLength", 160))}}} "\\""')
        if kind == "integer":
            low, high = node.get("minimum"), node.get("maximum")
            if low is not None and high is not None and high - low <= ENUMERATED_RANGE:
                return self.rule(name, " | ".join(_literal(str(v)) for v in range(int(low), int(high) + 1)))
            return self.rule(name, '"-"? ("0" | [1-9] [0-9]{0,8})')
        if kind == "number":
            return self.rule(name, '"-"? ("0" | [1-9] [0-9]{0,8}) ("." [0-9]{1,6})?')
        if kind == "boolean":
            return self.rule(name, '"true" | "false"')
        return self.rule(name, '"null"')

    def _object(self, node: dict[str, Any], name: str) -> str:
        """Properties in declared order, the optional ones omissible, commas only between members."""
        required = set(node.get("required", []))
        keys = list(node.get("properties", {}))
        members = [f'{_literal(json.dumps(key))} ":" {self.node(node["properties"][key], f"{name}-{_ident(key)}")}'
                   for key in keys]
        start, cont = f"{name}-start", f"{name}-cont"
        for index in range(len(keys), -1, -1):
            if index == len(keys):
                self.rule(f"{start}{index}", '""')
                self.rule(f"{cont}{index}", '""')
                continue
            member, nxt = members[index], index + 1
            optional = keys[index] not in required
            self.rule(f"{start}{index}", f"{member} {cont}{nxt}" + (f" | {start}{nxt}" if optional else ""))
            self.rule(f"{cont}{index}", f'"," {member} {cont}{nxt}' + (f" | {cont}{nxt}" if optional else ""))
        return self.rule(name, f'"{{" {start}0 "}}"')


def tight_gbnf(schema: dict[str, Any]) -> str:
    """GBNF (root rule `root`) for compact JSON fitting the bounded `schema`."""
    writer = _Writer(schema.get("$defs", {}))
    top = writer.node(schema, "value")
    lines = [f"root ::= {top}", CHAR, *(f"{name} ::= {body}" for name, body in writer.rules.items())]
    return "\n".join(lines)


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _ident(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower())
