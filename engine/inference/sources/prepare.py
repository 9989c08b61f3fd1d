"""`tta models prepare`: make every configured local model loadable; on llama.cpp that is a quick file check."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from engine.inference.backends.resolve import resolve_backend
from engine.inference.config import ModelConfig
from engine.inference.sources.convert import convert_embedded, is_converted
from engine.inference.sources.embedded import EMBEDDED, EmbeddedModelError
from engine.inference.sources.gguf import GGUFError, check_gguf, gguf_file, is_gguf_source

Report = Callable[[str], None]


@dataclass(frozen=True)
class Prepared:
    """What preparing one model did: a one-line message, and whether it failed."""

    line: str
    failed: bool = False
    skipped: bool = False


def prepare_model(name: str, config: ModelConfig, cache_dir: Path, report: Report = lambda _m: None) -> Prepared:
    """Check (llama.cpp: the GGUF is there and whole) or convert (transformers fallback) one model."""
    if config.source == "embedded" and (config.model_id not in EMBEDDED or not EMBEDDED[config.model_id].installed()):
        package = EMBEDDED[config.model_id].package if config.model_id in EMBEDDED else config.model_id
        return Prepared(f"{name}: package {package} not installed; skipped (run `make setup`)", skipped=True)
    kind = resolve_backend(config)
    started = time.perf_counter()
    if kind == "llama_cpp":
        try:
            path = gguf_file(config, cache_dir)  # a GGUF in parts is assembled and checked here, once
            check_gguf(path)
        except (GGUFError, EmbeddedModelError, OSError, ValueError) as error:
            return Prepared(f"{name}: {error}", failed=True)
        return Prepared(f"{name}: ready for llama.cpp ({path.name}, {time.perf_counter() - started:.1f} s)")
    if kind == "transformers" and config.source == "embedded":
        if is_converted(cache_dir, config.model_id):
            return Prepared(f"{name}: cached (converted for transformers)")
        try:
            convert_embedded(config.model_id, cache_dir, report)
        except (EmbeddedModelError, OSError, ValueError) as error:
            return Prepared(f"{name}: conversion failed: {error}", failed=True)
        return Prepared(f"{name}: converted for transformers in {time.perf_counter() - started:.1f} s")
    return Prepared(f"{name}: nothing to prepare ({kind})", skipped=True)


def preparable(configs: dict[str, ModelConfig]) -> dict[str, ModelConfig]:
    """The configured models that live on this machine as files shipped or pointed at: embedded, local GGUF."""
    return {name: config for name, config in configs.items() if is_gguf_source(config)}
