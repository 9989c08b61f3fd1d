"""Strict YAML for authored files: duplicate keys, bad bytes, runaway nesting and alias bombs are located errors.

PyYAML accepts a repeated key silently (the last one wins), composes recursively (a 3000-deep list
is a RecursionError) and expands aliases of aliases without limit; an author needs a line and a
column instead. The checks run on the event stream (an iterative parser) before anything recursive.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings an authored file may use (stories need about 8)."""
MAX_VALUES = 200_000
"""Most values a document may stand for once its aliases are expanded."""
_MERGE_TAG = "tag:yaml.org,2002:merge"
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Finding = tuple[int, int, str]
"""(line, col, message), 1-based."""


class YamlFindings(Exception):
    """The text is not acceptable YAML; `findings` locate every reason found."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f"{line}:{col}: {message}" for line, col, message in findings))
        self.findings = findings


def decode_utf8(raw: bytes) -> str:
    """`raw` as text; YamlFindings at the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        raise YamlFindings([(line, col, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be "
                                        "decoded); save it as UTF-8")]) from None


def parse_strict(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree and the data of one YAML document; YamlFindings for anything unacceptable."""
    try:
        _check_events(text)
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                return None, None
            _check_tree(root)
            return root, loader.construct_document(root)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlFindings([(line, col, f"YAML syntax: {exc.problem or exc}")]) from None
    except yaml.reader.ReaderError as exc:
        line, col = _position(text, exc.position)
        raise YamlFindings([(line, col, f"character U+{exc.character:04X} is not allowed in YAML (a control "
                                        "character); remove it")]) from None
    except yaml.YAMLError as exc:
        raise YamlFindings([(1, 1, f"YAML syntax: {exc}")]) from None
    except RecursionError:
        raise YamlFindings([(1, 1, f"the document is nested too deeply (at most {MAX_DEPTH} levels)")]) from None


def _check_events(text: str) -> None:
    """Nesting depth, on the parser's events (no recursion, so any depth is safe to look at)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
                raise YamlFindings([(line, column, f"nested more than {MAX_DEPTH} levels deep; flatten this part")])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _check_tree(root: yaml.Node) -> None:
    """Duplicate keys in every mapping, and what the aliases expand to (depth, size, cycles)."""
    findings: list[Finding] = []
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            kids = _children(node)
            size[key] = 1 + sum(size[id(kid)] for kid in kids)
            depth[key] = 1 + max((depth[id(kid)] for kid in kids), default=0)
            on_path.discard(key)
            _limit(node, size[key], depth[key])
            continue
        if key in size:
            continue
        if key in on_path:
            raise YamlFindings([(*_mark(node), "an alias refers to the value that contains it (a loop)")])
        on_path.add(key)
        if isinstance(node, yaml.MappingNode):
            findings.extend(_duplicates(node))
        stack.append((node, True))
        stack.extend((kid, False) for kid in _children(node) if id(kid) not in size)
    if findings:
        raise YamlFindings(sorted(findings))


def _duplicates(node: yaml.MappingNode) -> list[Finding]:
    seen: dict[str, yaml.Node] = {}
    found: list[Finding] = []
    for key_node, _value in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
            continue
        first = seen.get(key_node.value)
        if first is None:
            seen[key_node.value] = key_node
            continue
        line, col = _mark(key_node)
        found.append((line, col, f"duplicate key '{key_node.value}' (first at line {_mark(first)[0]})"))
    return found


def _limit(node: yaml.Node, size: int, depth: int) -> None:
    if size > MAX_VALUES:
        raise YamlFindings([(*_mark(node), f"this value expands to more than {MAX_VALUES:,} values through "
                                           "aliases; use fewer aliases of aliases")])
    if depth > MAX_DEPTH:
        raise YamlFindings([(*_mark(node), f"aliases nest this value more than {MAX_DEPTH} levels deep")])


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
