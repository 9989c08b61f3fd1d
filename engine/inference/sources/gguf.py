"""GGUF model files: the ones inside the embedded wheels and any local `.gguf` a player points at."""

from __future__ import annotations

from pathlib import Path

from engine.inference.config import ModelConfig
from engine.inference.sources.embedded import EMBEDDED, embedded_model
from engine.inference.sources.lean_gguf import lean_gguf, lean_ready

GGUF_MAGIC = b"GGUF"


class GGUFError(Exception):
    """A GGUF path that is missing or not a GGUF file; the message says which and where."""


def is_gguf_source(config: ModelConfig) -> bool:
    """Whether the configured model is a GGUF file: an embedded model, or a local path ending in .gguf."""
    return config.source == "embedded" or (config.source == "local" and local_gguf(config) is not None)


def local_gguf(config: ModelConfig) -> Path | None:
    """The local .gguf path a config names (source: local), else None."""
    if config.source != "local" or not config.model_id.lower().endswith(".gguf"):
        return None
    return Path(config.model_id).expanduser()


def gguf_dir(cache_dir: Path) -> Path:
    """Where GGUFs that ship in parts are assembled."""
    return cache_dir / "gguf"


def gguf_file(config: ModelConfig, cache_dir: Path) -> Path:
    """The GGUF to load (an embedded one split across wheels is assembled into the cache once; one whose token
    table is to be requantized is made into the cache once)."""
    return lean_gguf(_source_file(config, cache_dir), config.token_embeddings, cache_dir)


def _source_file(config: ModelConfig, cache_dir: Path) -> Path:
    path = local_gguf(config)
    if path is None:
        if config.source != "embedded":
            raise GGUFError(f"{config.model_id}: not a GGUF source (give source: local and a .gguf path)")
        return embedded_model(config.model_id).gguf_path(gguf_dir(cache_dir))
    check_gguf(path)
    return path


def check_gguf(path: Path) -> None:
    """Raise GGUFError unless `path` is a readable GGUF file (checked by its magic number)."""
    if not path.is_file():
        raise GGUFError(f"{path}: no such file")
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as error:
        raise GGUFError(f"{path}: cannot read ({error.strerror})") from None
    if magic != GGUF_MAGIC:
        raise GGUFError(f"{path}: not a GGUF file (it does not start with 'GGUF')")


def gguf_available(config: ModelConfig) -> bool:
    """Whether the GGUF (or, embedded, every package holding it) is on this machine."""
    path = local_gguf(config)
    if path is not None:
        return path.is_file()
    return config.source == "embedded" and config.model_id in EMBEDDED and EMBEDDED[config.model_id].installed()


def gguf_ready(config: ModelConfig, cache_dir: Path) -> bool:
    """Whether loading needs no preparation (an embedded GGUF in parts is already assembled and checked)."""
    if not gguf_available(config):
        return False
    if config.source == "embedded":
        model = EMBEDDED[config.model_id]
        if not model.ready(gguf_dir(cache_dir)):
            return False
        if config.token_embeddings == "keep":
            return True
        return lean_ready(model.gguf_path(gguf_dir(cache_dir)), config.token_embeddings, cache_dir)
    path = local_gguf(config)
    return path is None or lean_ready(path, config.token_embeddings, cache_dir)
