"""The gate for a model's proposed update: declared vars within range and step, and a memory line of real words.

A proposal equal to the current value is no change: it is reported as unchanged, never as accepted."""

from __future__ import annotations

import re

from engine.core.outcome import UpdateResult
from engine.core.state import GameState
from engine.story.model import Story

_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")
# Structure, not prose: JSON and markup punctuation never belong in a sentence the story remembers.
_STRUCTURE = re.compile(r"[{}\[\]<>\"\\|`=_#*]|^[^\w“‘]|:\s*[,'\d]|',|,'")
_VOWELS = set("aeiouyAEIOUY")
MIN_WORDS = 2


def memory_problem(text: str, max_length: int) -> str | None:
    """Why `text` is not a memory line the story should keep (None when it is a sentence of real words)."""
    line = " ".join(text.split())
    if not line:
        return "memory is empty"
    if len(line) > max_length:
        return f"memory is longer than {max_length} characters"
    if _STRUCTURE.search(line):
        return "memory must be a plain sentence, not code or punctuation"
    words = _WORD.findall(line)
    if len(words) < MIN_WORDS:
        return f"memory must be a sentence of at least {MIN_WORDS} words"
    letters = sum(len(w) for w in words)
    if letters < 0.7 * len(line.replace(" ", "")):
        return "memory must be mostly words"
    # Real words have vowels; "xq zzk" or a run of consonant junk does not.
    voiced = sum(1 for w in words if set(w) & _VOWELS or len(w) == 1)
    if voiced < 0.8 * len(words):
        return "memory must be made of real words"
    return None


def apply_update(story: Story, state: GameState, update: dict[str, object]) -> UpdateResult:
    """Apply the allowed parts of a proposed update to `state`; everything else is rejected with a reason."""
    result = UpdateResult()
    rules = story.model_updates
    for name, value in update.items():
        if value is None:
            continue
        if name == "memory" and rules.memory is not None:
            if not isinstance(value, str):
                result.rejected[name] = "memory must be text"
                continue
            problem = memory_problem(value, rules.memory.max_length)
            line = " ".join(value.split())
            if problem is not None:
                result.rejected[name] = problem
            elif line == state.memory:
                result.unchanged.append(name)
            else:
                state.memory = line
                result.accepted[name] = line
            continue
        rule = rules.vars.get(name)
        if rule is None:
            result.rejected[name] = "not something a model may change"
        elif isinstance(value, bool) or not isinstance(value, int):
            result.rejected[name] = "must be a whole number"
        elif not rule.min <= value <= rule.max:
            result.rejected[name] = f"must be between {rule.min} and {rule.max}"
        elif value == state.vars.get(name, 0):
            result.unchanged.append(name)
        elif abs(value - state.vars.get(name, 0)) > rule.max_change:
            result.rejected[name] = f"may change by at most {rule.max_change} per turn"
        else:
            state.vars[name] = value
            result.accepted[name] = value
    return result
