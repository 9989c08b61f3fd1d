"""The requantized token table: the same bytes llama.cpp's own quantizer writes, made once, damage reported."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from engine.inference.config import ModelConfig
from engine.inference.sources.embedded import EMBEDDED
from engine.inference.sources.gguf import GGUFError, gguf_file, gguf_ready
from engine.inference.sources.gguf_directory import read_directory
from engine.inference.sources.lean_gguf import LeanGGUFError, lean_gguf, lean_path
from engine.inference.sources.prepare import prepare_model
from engine.paths import cache_home

GEMMA = ModelConfig(model_id="gemma3-270m", source="embedded", chat_template=False, token_embeddings="q5_0")
needs_gemma = pytest.mark.skipif(not EMBEDDED["gemma3-270m"].installed(), reason="the Gemma wheels are not installed")
SMOLLM2 = EMBEDDED["smollm2-135m-instruct"]


def source_gemma() -> Path:
    """The assembled Gemma GGUF in the player's cache (assembled here if it is not yet)."""
    return gguf_file(GEMMA.model_copy(update={"token_embeddings": "keep"}), cache_home())


@needs_gemma
def test_the_table_is_converted_exactly_as_llama_cpp_would_and_nothing_else_changes(tmp_path: Path) -> None:
    llama_cpp = pytest.importorskip("llama_cpp")
    source = source_gemma()
    ours = lean_gguf(source, "q5_0", tmp_path)
    assert ours == lean_path(source, "q5_0", tmp_path) and ours.stat().st_size < source.stat().st_size * 0.8

    theirs = tmp_path / "llama-quantize.gguf"
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype, params.token_embedding_type, params.allow_requantize = 15, 6, True  # Q4_K_M recipe, q5_0 table
    assert llama_cpp.llama_model_quantize(str(source).encode(), str(theirs).encode(), params) == 0
    assert ours.read_bytes() == theirs.read_bytes()

    before, after = (read_directory(path.read_bytes()[: 8 << 20]) for path in (source, ours))
    pairs = zip(before.tensors, after.tensors, strict=True)
    changed = {t.name for t, u in pairs if (t.kind, t.dims) != (u.kind, u.dims)}
    assert changed == {"token_embd.weight"}
    assert next(t.kind for t in after.tensors if t.name == "token_embd.weight") == 6  # q5_0


@needs_gemma
def test_preparing_makes_the_copy_once_and_loading_then_needs_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert not gguf_ready(GEMMA, cache)
    made = prepare_model("gemma3-270m", GEMMA, cache)
    assert not made.failed and ".embd-q5_0.gguf" in made.line, made.line
    assert gguf_ready(GEMMA, cache)
    stamp = gguf_file(GEMMA, cache).stat().st_mtime_ns
    assert gguf_file(GEMMA, cache).stat().st_mtime_ns == stamp  # not made again
    assert not list((cache / "gguf").glob("*.part"))


def test_a_damaged_source_is_reported_and_leaves_no_partial_file(tmp_path: Path) -> None:
    whole = SMOLLM2.gguf_path(tmp_path) if SMOLLM2.installed() else None
    if whole is None:
        pytest.skip("the SmolLM2 wheel is not installed")
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(whole.read_bytes()[:4096])  # the header stops inside the vocabulary
    with pytest.raises(LeanGGUFError, match=r"cut\.gguf: cannot requantize its token embeddings to q5_0"):
        lean_gguf(cut, "q5_0", tmp_path / "cache")
    assert not list((tmp_path / "cache").rglob("*.gguf*"))

    text = tmp_path / "notes.gguf"
    text.write_text("these are not model weights\n", encoding="utf-8")
    with pytest.raises(GGUFError, match="not a GGUF file"):
        gguf_file(ModelConfig(model_id=str(text), source="local", token_embeddings="q5_0"), tmp_path / "cache")


def tiny_gguf(path: Path, width: int) -> dict[str, np.ndarray]:
    """A small GGUF written with the gguf library: a token table `width` wide, a norm and some metadata."""
    from gguf import GGUFWriter

    rng = np.random.default_rng(7)
    tensors = {"token_embd.weight": rng.normal(size=(40, width)).astype(np.float32),
               "output_norm.weight": rng.normal(size=(width,)).astype(np.float32)}
    writer = GGUFWriter(path, arch="llama")
    writer.add_string("general.name", "tiny")
    writer.add_array("tokenizer.ggml.tokens", [f"t{i}" for i in range(40)])
    for name, value in tensors.items():
        writer.add_tensor(name, value)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return tensors


def test_the_copy_holds_the_table_to_q5_0_precision_and_every_other_byte(tmp_path: Path) -> None:
    from gguf import GGMLQuantizationType, GGUFReader
    from gguf.quants import dequantize

    original = tiny_gguf(tmp_path / "tiny.gguf", 64)
    lean = GGUFReader(lean_gguf(tmp_path / "tiny.gguf", "q5_0", tmp_path / "cache"))
    assert lean.fields["general.name"].contents() == "tiny"
    assert lean.fields["tokenizer.ggml.tokens"].contents()[-1] == "t39"
    table = next(t for t in lean.tensors if t.name == "token_embd.weight")
    assert table.tensor_type == GGMLQuantizationType.Q5_0
    values = dequantize(table.data, GGMLQuantizationType.Q5_0)
    scale = np.abs(original["token_embd.weight"]).max(axis=1, keepdims=True)
    assert np.abs(values - original["token_embd.weight"]).max() <= (scale / 16).max()  # one q5_0 step
    norm = next(t for t in lean.tensors if t.name == "output_norm.weight")
    assert np.array_equal(norm.data, original["output_norm.weight"])


def test_a_table_that_does_not_divide_into_blocks_is_refused_not_truncated(tmp_path: Path) -> None:
    tiny_gguf(tmp_path / "odd.gguf", 48)
    with pytest.raises(LeanGGUFError, match="does not divide into q5_0 blocks"):
        lean_gguf(tmp_path / "odd.gguf", "q5_0", tmp_path / "cache")
    assert lean_gguf(tmp_path / "odd.gguf", "keep", tmp_path / "cache") == tmp_path / "odd.gguf"
    assert not list((tmp_path / "cache").rglob("*.gguf*"))
