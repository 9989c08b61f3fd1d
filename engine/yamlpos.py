"""YAML loading that remembers where each value came from, so errors read `file:line:col: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from engine.yamlstrict import YamlFindings, decode_utf8, parse_strict


@dataclass(frozen=True)
class Problem:
    """One finding about an authored file, printable as `path:line:col: severity: message`."""

    path: str
    line: int
    col: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"


class YamlFileError(Exception):
    """A file that could not be read or parsed; carries the problems found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class YamlDoc:
    """Parsed YAML data plus its node tree, for mapping a data path back to a position."""

    path: str
    data: Any
    root: yaml.Node | None

    def position(self, loc: tuple[int | str, ...], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the deepest node along `loc` that exists (with `key`: of the last step's key,
        where an unknown field is written, rather than its value)."""
        node = self.root
        best = (1, 1) if node is None else _mark(node)
        for index, step in enumerate(loc):
            found = _child(node, step) if node is not None else None
            if found is None:
                break
            key_node, node = found
            best = _mark(key_node if key and index == len(loc) - 1 and key_node is not None else node)
        return best

    def problem(self, loc: tuple[int | str, ...], message: str, severity: str = "error", *,
                key: bool = False) -> Problem:
        """A problem located at `loc` in this document."""
        line, col = self.position(loc, key=key)
        return Problem(self.path, line, col, message, severity)

    def validation_problems(self, error: ValidationError) -> list[Problem]:
        """One located problem per pydantic validation error."""
        problems = []
        for err in error.errors():
            loc = tuple(part for part in err["loc"] if not _is_union_tag(part))
            where = ".".join(str(p) for p in loc) or "(top level)"
            extra = err["type"] == "extra_forbidden"
            problems.append(self.problem(loc, f"{where}: {err['msg']}{_split_hint(loc) if extra else ''}", key=extra))
        return problems


def _split_hint(loc: tuple[int | str, ...]) -> str:
    """An unknown field whose name is words is almost always text cut at a comma inside `{...}`."""
    name = str(loc[-1]) if loc else ""
    if " " not in name.strip():
        return ""
    return (f" ('{name.strip()}' looks like the rest of a text cut at a comma: inside {{...}} a comma starts a new "
            "field, so put the whole text in quotes)")


def load_yaml(path: Path, display: str | None = None) -> YamlDoc:
    """Read and parse a YAML file; unreadable, non-UTF-8 or malformed files become located problems."""
    shown = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlFileError([Problem(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")]) from exc
    try:
        text = decode_utf8(raw)
    except YamlFindings as exc:
        raise _located(exc, shown) from None
    return parse_yaml(text, shown)


def parse_yaml(text: str, display: str) -> YamlDoc:
    """Parse YAML text strictly (engine/yamlstrict.py: duplicate keys, nesting, aliases); problems are located."""
    try:
        root, data = parse_strict(text)
    except YamlFindings as exc:
        raise _located(exc, display) from None
    return YamlDoc(display, data, root)


def _located(exc: YamlFindings, display: str) -> YamlFileError:
    return YamlFileError([Problem(display, line, col, message) for line, col, message in exc.findings])


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _child(node: yaml.Node, key: int | str) -> tuple[yaml.Node | None, yaml.Node] | None:
    """(key node, value node) of `key` in a mapping, or (None, item) in a sequence."""
    if isinstance(node, yaml.MappingNode):
        pairs: list[tuple[yaml.Node, yaml.Node]] = node.value
        for key_node, value_node in pairs:
            if str(key_node.value) == str(key):
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        items: list[yaml.Node] = node.value
        return None, items[key]
    return None


def _is_union_tag(part: int | str) -> bool:
    # pydantic inserts the union member's name (e.g. 'function-after[...]') into error locations.
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))
