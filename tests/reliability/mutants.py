"""Hostile and careless edits to an authored YAML file, generated from the file itself (deterministic per seed)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

Mutate = Callable[[str, random.Random], str | bytes | None]

_KEY_LINE = re.compile(r"^(\s*)([A-Za-z_][\w-]*):(\s.*)?$")
_NUMBER = re.compile(r"(?<![\w.])-?\d+(\.\d+)?(?![\w.])")
_NAMES = re.compile(r"\b[a-z][a-z0-9_]{2,}\b")


@dataclass(frozen=True)
class Mutant:
    """One mutated file: which operator made it, and its bytes."""

    operator: str
    data: bytes


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _valued(line: str) -> re.Match[str] | None:
    """A `key: value` line (a key with its value on the same line)."""
    match = _KEY_LINE.match(line)
    return match if match is not None and match[3] and match[3].strip() else None


def _pick(lines: list[str], rng: random.Random, want: Callable[[str], bool] = lambda line: bool(line.strip())) -> int:
    choices = [i for i, line in enumerate(lines) if want(line)]
    return rng.choice(choices) if choices else 0


def delete_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    del lines[_pick(lines, rng)]
    return "\n".join(lines)


def duplicate_key(text: str, rng: random.Random) -> str | None:
    """A `key: value` line repeated right below itself: the same key twice in one mapping."""
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if _valued(line)]
    if not candidates:
        return None
    index = rng.choice(candidates)
    lines.insert(index + 1, lines[index])
    return "\n".join(lines)


def drop_dash(text: str, rng: random.Random) -> str | None:
    """A list entry's `- ` removed, so it merges into the entry above (the issue's talk-entry mistake)."""
    lines = _lines(text)
    dashed = [i for i, line in enumerate(lines) if line.lstrip().startswith("- ") and i > 0]
    if not dashed:
        return None
    index = rng.choice(dashed)
    lines[index] = lines[index].replace("- ", "  ", 1)
    return "\n".join(lines)


def swap_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    index = _pick(lines, rng, lambda line: True)
    if index + 1 < len(lines):
        lines[index], lines[index + 1] = lines[index + 1], lines[index]
    return "\n".join(lines)


def reindent(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    index = _pick(lines, rng)
    lines[index] = lines[index][2:] if rng.random() < 0.5 and lines[index].startswith("  ") else "  " + lines[index]
    return "\n".join(lines)


def punctuation(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text))
    return text[:at] + rng.choice(":{}[]&*!|>'\"#%@`,?-") + text[at + 1:]


def truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text))]


def control_char(text: str, rng: random.Random) -> str:
    """An escape sequence in a double-quoted scalar (valid YAML), or a raw control byte (invalid YAML)."""
    lines = _lines(text)
    index = _pick(lines, rng, lambda line: bool(_valued(line)) and line.rstrip()[-1:].isalpha())
    match = _valued(lines[index])
    if match is None:
        return text.replace("\n", "\n\x1b[31m", 1)
    payload = rng.choice(['"\\e[31mred\\e[0m"', '"\\e]0;pwned\\a"', '"bell\\a"', '"\\u202eevil"', "\x1b[2J"])
    lines[index] = f"{match[1]}{match[2]}: {payload}"
    return "\n".join(lines)


def bad_bytes(text: str, rng: random.Random) -> bytes:
    data = text.encode("utf-8")
    at = rng.randrange(len(data))
    return data[:at] + rng.choice([b"\xff", b"\xc3\x28", b"\xe9", b"\x80\x80"]) + data[at:]


def wrong_reference(text: str, rng: random.Random) -> str | None:
    """An id somewhere replaced by a near miss (a typo) or by another id of the story."""
    names = sorted(set(_NAMES.findall(text)))
    if not names:
        return None
    name = rng.choice(names)
    other = rng.choice([name[:-1], name + "s", name.replace("_", ""), rng.choice(names)])
    spots = [m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    at = rng.choice(spots)
    return text[:at] + other + text[at + len(name):]


def odd_number(text: str, rng: random.Random) -> str | None:
    spots = list(_NUMBER.finditer(text))
    if not spots:
        return None
    spot = rng.choice(spots)
    return text[: spot.start()] + rng.choice(["-1", "99999999999999999999", ".nan", "true", "1e400", "0x10"]) \
        + text[spot.end():]


def deep_nesting(text: str, rng: random.Random) -> str:
    depth = rng.choice([70, 500, 3000])
    return text + "\nextra: " + "[" * depth + "]" * depth + "\n"


def alias_bomb(text: str, rng: random.Random) -> str:
    lines = ["bomb0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"bomb{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, rng.choice([6, 9]))]
    return text + "\n" + "\n".join(lines) + "\n"


def huge_text(text: str, rng: random.Random) -> str | None:
    lines = _lines(text)
    index = _pick(lines, rng, lambda line: bool(_valued(line)))
    match = _valued(lines[index])
    if match is None:
        return None
    lines[index] = f"{match[1]}{match[2]}: {'word ' * rng.choice([50, 5000, 200_000])}"
    return "\n".join(lines)


def unknown_key(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    index = _pick(lines, rng, lambda line: bool(_KEY_LINE.match(line)))
    match = _KEY_LINE.match(lines[index])
    assert match is not None
    key = match[2]
    typo = rng.choice([key + "s", key[:-1] or "x", key.upper(), key.replace("e", "a", 1) + "_"])
    lines[index] = lines[index].replace(key, typo, 1)
    return "\n".join(lines)


def whole_file(text: str, rng: random.Random) -> str | bytes:
    return rng.choice(["", "[]", "null", "just words", "- a\n- b\n", "{", "\ufeff" + text, text.replace("\n", "\r\n"),
                       text.replace("  ", "\t", 3), "---\n" + text + "\n---\nsecond: doc\n"])


OPERATORS: dict[str, Mutate] = {
    "delete-line": delete_line, "duplicate-key": duplicate_key, "drop-dash": drop_dash, "swap-lines": swap_lines,
    "reindent": reindent, "punctuation": punctuation, "truncate": truncate, "control-char": control_char,
    "bad-bytes": bad_bytes, "wrong-reference": wrong_reference, "odd-number": odd_number,
    "deep-nesting": deep_nesting, "alias-bomb": alias_bomb, "huge-text": huge_text, "unknown-key": unknown_key,
    "whole-file": whole_file,
}


def mutants(text: str, count: int, seed: int) -> Iterator[Mutant]:
    """`count` mutants of `text`, cycling through every operator."""
    rng = random.Random(seed)
    made = 0
    names = list(OPERATORS)
    attempt = 0
    while made < count and attempt < count * 10:
        name = names[attempt % len(names)]
        attempt += 1
        result = OPERATORS[name](text, rng)
        if result is None:
            continue
        data = result if isinstance(result, bytes) else result.encode("utf-8")
        if data == text.encode("utf-8"):
            continue
        made += 1
        yield Mutant(name, data)
