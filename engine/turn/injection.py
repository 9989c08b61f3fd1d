"""Injection filter: lines aimed at the machinery rather than the story never reach the parser or a model.

The first screen (`confidence.hostile`) catches fake turns, JSON, tags and "ignore instructions". This one adds
the kinds a second, independently written batch of hostile lines found acting on the embedded profile:
role-play and narrator take-overs, encoded commands, fake tool calls, key/value payloads, markdown wrapping,
prompt-leak requests, commands hidden in long text behind "ignore that" or "P.S.", and the same in other
languages. A match is never performed: the world simply goes on (an ambient line), so a false positive costs a
player one rephrase, never a state change.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from engine.turn.confidence import hostile

_KINDS: dict[str, str] = {
    # "Forget what you were told", "ignore all that", "new rule:": whatever follows is not the player's move.
    "override": r"\bforget (?:everything|all|what|the rules|your)\b|<!--"
                r"|\bignore (?:all|everything|the above|above)\b|\bignore (?:that|this|it)\s*(?:,|and|\.|;)\s*\w+"
                r"|\bnew rules?\b|(?:^|\s)p\.\s?s\.?\s|\bfrom now on,? you\b|\bno (?:rules|restrictions|limits)\b"
                r"|\bunrestricted\b|\bdo anything now\b|\bwithout asking\b",
    # Asking the game to be someone who then acts for the player.
    "roleplay": r"\brole[- ]?play(?:ing)?\b|\bpretend (?:you|that you)\b|\blet'?s play a game\b"
                r"|\byou are (?:dan|an? (?:ai|assistant|model|bot|chatbot|unrestricted|free))\b|\bplay the role\b",
    # Addressing the machinery by name: the narrator, the assistant, the model.
    "machinery": r"\b(?:narrator|storyteller|game ?master|chat ?bot|chatgpt|gpt|llm|language model)\b"
                 r"|\bthe (?:assistant|ai|model|bot|system|parser)\b|\bas an? ai\b",
    # base64 runs, \\u escapes, %XX escapes, "decode this".
    "encoded": r"\b(?=[a-z+/]*[0-9+/])[a-z0-9+/]{16,}={0,2}(?:\s|$)|\\u[0-9a-f]{4}|\\x[0-9a-f]{2}|%[0-9a-f]{2}"
               r"|\bdecode\b|\bbase64\b",
    # function_call: move_player(scene="x"), tool_call, name(arg=...).
    "tool_call": r"\b(?:function|tool)[ _]?calls?\b|\b[a-z]+_[a-z_]+\s*\(|\([^)]*\b[a-z_]+\s*=",
    # key: value lines, YAML documents, markdown emphasis and links, javascript: URLs.
    "payload": r"^\s*-{3}\s*$|^\s*[a-z_]+:\s+\S.*\n\s*[a-z_]+:|\*\*[^*]+\*\*|__[^_]+__|~~[^~]+~~"
               r"|\[[^\]]*\]\([^)]*\)|\bjavascript:|\bonerror\b|&[a-z]+;|&#\d+;",
    # Prompt leaks: "repeat everything above", "your system prompt", "the hidden state".
    "leak": r"\b(?:system|hidden) (?:prompt|message|state|json)\b"
            r"|\brepeat (?:everything|all|the text|what (?:you|i) (?:were|was|have been) (?:told|given))\b"
            r"|\bverbatim\b|\byour (?:prompt|instructions|configuration|rules)\b|\bthe prompt\b|\blist of flags\b"
            r"|\bgame state\b",
    # The same in other languages the parser does not read: Spanish, German, French, Italian, Portuguese.
    "foreign": r"\b(?:ignora|ignore[sz]?|ignoriere|vergiss|oubliez|oublie|olvida|esquece|dimentica)\b.*"
               r"\b(?:instrucciones|anweisungen|instructions|règles|regeln|reglas|istruzioni|instruções|regole)\b"
               r"|\b(?:instrucciones|anweisungen|istruzioni|instruções|vorherigen|anteriores|précédentes)\b",
}
# Words a story's own phrase may carry around its nouns ("the model", "decode this").
_FILLER = frozenset({"the", "a", "an", "this", "that", "it", "as"})
_COMPILED = {kind: re.compile(pattern, re.I | re.M) for kind, pattern in _KINDS.items()}


def _mostly_foreign_script(text: str) -> bool:
    """Most letters outside the Latin script (the parser reads English only): never parsed as a command."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    foreign = sum(1 for ch in letters if ord(ch) > 0x24F)
    return foreign * 2 > len(letters)


def injection_kind(text: str, story_words: Collection[str] = ()) -> str | None:
    """The kind of injection `text` looks like, or None for an ordinary line.

    A match made only of the story's own words is the story's, not the machinery's: "decode the message" in a
    spy story, "the model ship", a character called the Narrator."""
    if hostile(text):
        return "hostile"
    own = {w.lower() for w in story_words}
    for kind, pattern in _COMPILED.items():
        for match in pattern.finditer(text):
            words = set(re.findall(r"[a-z]+", match.group(0).lower())) - _FILLER
            if not words or not words <= own:
                return kind
    if _mostly_foreign_script(text):
        return "script"
    return None
