"""Building the official `openai` client for one served model: its base URL, and its key read from the environment."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from engine.inference.config import ModelConfig

if TYPE_CHECKING:
    from openai import OpenAI

NO_KEY = "not-needed"
"""Sent when no key is configured: local servers ignore it, and the client refuses an empty one."""


class MissingKeyError(Exception):
    """The configured key variable is not set; the message names the variable, never a value."""


def api_key(config: ModelConfig) -> str:
    """The key from the variable `api_key_env` names (a placeholder when none is configured)."""
    if config.api_key_env is None:
        return NO_KEY
    value = os.environ.get(config.api_key_env, "")
    if not value:
        raise MissingKeyError(f"environment variable {config.api_key_env} (api_key_env) is not set")
    return value


def make_client(config: ModelConfig, timeout_s: float | None = None) -> OpenAI:
    """A client for the model's server. Retries are off: the selector's fallback chain is the retry."""
    from openai import OpenAI

    assert config.base_url is not None  # ModelConfig guarantees it for backend openai
    return OpenAI(base_url=config.base_url, api_key=api_key(config), max_retries=0, timeout=timeout_s)


def redact(text: str, config: ModelConfig) -> str:
    """`text` with the model's key blanked out (error messages from servers may echo a header)."""
    if config.api_key_env is None:
        return text
    value = os.environ.get(config.api_key_env, "")
    return text.replace(value, "***") if len(value) >= 4 else text
