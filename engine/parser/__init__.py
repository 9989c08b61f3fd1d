"""Deterministic command parser: synonyms, abbreviations, pronouns and disambiguation questions."""

from engine.parser.parse import ParseResult, parse

__all__ = ["ParseResult", "parse"]
