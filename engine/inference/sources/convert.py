"""Convert an embedded GGUF once into a safetensors folder in the cache (loads in ~1 s instead of ~20-60 s)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from engine.inference.sources.embedded import embedded_model

Report = Callable[[str], None]

CONVERTED_DTYPE = "bfloat16"
"""Stored dtype: the GGUFs are 4-bit, so bf16 loses little, halves the files and loads fastest on CPU."""


def converted_dir(cache_dir: Path, name: str) -> Path:
    """Where the converted copy of an embedded model lives."""
    return cache_dir / name


def gguf_dir(cache_dir: Path) -> Path:
    """Where GGUFs that ship in parts are assembled."""
    return cache_dir / "gguf"


def is_converted(cache_dir: Path, name: str) -> bool:
    """Whether a complete converted copy exists (the folder only appears, by rename, once complete)."""
    return (converted_dir(cache_dir, name) / "config.json").is_file()


def convert_embedded(name: str, cache_dir: Path, report: Report = lambda _msg: None) -> Path:
    """Convert embedded model `name` into `cache_dir`, unless already there; returns the folder.

    Safe to interrupt: everything is written to a temporary folder that is renamed into place at the end.
    """
    target = converted_dir(cache_dir, name)
    if is_converted(cache_dir, name):
        return target
    model_info = embedded_model(name)
    cache_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(cache_dir, name)
    started = time.perf_counter()
    report(f"{name}: locating {model_info.gguf_name}")
    gguf = model_info.gguf_path(gguf_dir(cache_dir))
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", suffix=".partial", dir=cache_dir))
    try:
        _convert(gguf, tmp, report, name)
        if target.exists():  # an earlier incomplete copy made by hand; ours is complete
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report(f"{name}: ready in {time.perf_counter() - started:.1f} s -> {target}")
    return target


def _convert(gguf: Path, out: Path, report: Report, name: str) -> None:
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    report(f"{name}: reading tokenizer from GGUF")
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    report(f"{name}: dequantizing weights from GGUF (the slow step)")
    # Dense weights on purpose: packed GGUF kernels come from the hub, and we save a plain checkpoint.
    model = AutoModelForCausalLM.from_pretrained(
        gguf.parent,
        gguf_file=gguf.name,
        dtype=CONVERTED_DTYPE,
        quantization_config=GgufConfig(dequantize=True),
    )
    # A GGUF-loaded model refuses save_pretrained while it still carries the gguf quantizer.
    model.hf_quantizer = None  # type: ignore[assignment]  # transformers types it as never-None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    report(f"{name}: writing safetensors")
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)


def _remove_stale_temps(cache_dir: Path, name: str) -> None:
    """Temporary folders left by an interrupted conversion."""
    for stale in cache_dir.glob(f".{name}-*.partial"):
        shutil.rmtree(stale, ignore_errors=True)
