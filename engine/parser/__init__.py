"""Deterministic command parser: synonyms, abbreviations, pronouns, movement by name and disambiguation questions."""

from engine.parser.parse import parse
from engine.parser.result import ParseResult

__all__ = ["ParseResult", "parse"]
