"""A GGUF whose token-embedding table is requantized (once, into the cache): for models where it is most of the file.

Why: Gemma-3-270M's 262,144 × 640 token table is 170 MB of q8_0 in its 253 MB GGUF, and with tied embeddings it
is also the output layer, so every decoded token reads all of it: it is resident whenever the model is. As q5_0 it
is 110 MB (the file 190 MB): measured on this project's prompts, next-token KL 0.035 nats and +1% mean token NLL
against the q8_0 file. Every other tensor's bytes are copied as they are; making the file takes ~3-5 s.
"""

from __future__ import annotations

import math
import os
import struct
from pathlib import Path

from engine.inference.config import TokenEmbeddings
from engine.inference.sources.gguf_directory import pad, read_file_directory

_TABLE = "token_embd.weight"
_ROWS = 2048
"""Table rows converted at a time (Gemma: 5 MB of float32, and the quantizer's temporaries a few times that)."""
_CHUNK = 1 << 24
"""Bytes of other tensors copied at a time."""


class LeanGGUFError(RuntimeError):
    """The requantized file could not be made; the message says why."""


def lean_path(source: Path, embeddings: TokenEmbeddings, cache_dir: Path) -> Path:
    """Where the requantized copy of `source` lives: named by the source's size and mtime, so a changed
    source gets a new copy."""
    stat = source.stat()
    return cache_dir / "gguf" / f"{source.stem}-{stat.st_size}-{stat.st_mtime_ns}.embd-{embeddings}.gguf"


def lean_ready(source: Path, embeddings: TokenEmbeddings, cache_dir: Path) -> bool:
    """Whether nothing needs making: the table is kept as it is, or the copy is already in the cache."""
    return embeddings == "keep" or (source.is_file() and lean_path(source, embeddings, cache_dir).is_file())


def lean_gguf(source: Path, embeddings: TokenEmbeddings, cache_dir: Path) -> Path:
    """The GGUF to load: `source` itself, or its copy with the token table requantized (made now if missing)."""
    if embeddings == "keep":
        return source
    target = lean_path(source, embeddings, cache_dir)
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written under a name of this process's own, then renamed: a second process preparing at the same time
    # makes its own copy, and either finished file is whole.
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        _requantize(source, partial, embeddings)
        os.replace(partial, target)
    except (OSError, ValueError) as error:
        raise LeanGGUFError(f"{source}: cannot requantize its token embeddings to {embeddings}: {error}") from None
    finally:
        partial.unlink(missing_ok=True)
    for stale in target.parent.glob(f"{source.stem}-*.embd-{embeddings}.gguf"):
        if stale != target:  # copies of an older version of the source
            stale.unlink(missing_ok=True)
    return target


def _requantize(source: Path, target: Path, embeddings: TokenEmbeddings) -> None:
    """Copy `source` to `target` with the token table converted a block of rows at a time, everything else as is.

    Why not llama.cpp's quantizer or the gguf library's reader: the first turns the whole table into float32
    (671 MB for Gemma's), the second spends 7 s and 760 MB indexing the 262k-string vocabulary; either would be
    the game's peak memory on a first start. Here the header and metadata bytes are copied verbatim, only the
    tensor directory is rewritten, and the conversion itself is the gguf library's numpy quantizer.
    """
    import numpy as np
    from gguf import GGML_QUANT_SIZES, GGMLQuantizationType
    from gguf.quants import dequantize, quantize

    def size(kind: int, dims: tuple[int, ...]) -> int:
        block, nbytes = GGML_QUANT_SIZES[GGMLQuantizationType(kind)]
        return math.prod(dims) // block * nbytes

    wanted = GGMLQuantizationType[embeddings.upper()]
    with source.open("rb") as file:
        directory, metadata = read_file_directory(file.fileno())
        layout = [(tensor, wanted if tensor.name == _TABLE else GGMLQuantizationType(tensor.kind))
                  for tensor in directory.tensors]
        with target.open("wb") as out:
            out.write(metadata)
            offset = 0
            for tensor, kind in layout:
                name = tensor.name.encode("utf-8")
                out.write(struct.pack("<Q", len(name)) + name + struct.pack("<I", len(tensor.dims)))
                out.write(struct.pack(f"<{len(tensor.dims)}QIQ", *tensor.dims, kind, offset))
                offset += pad(size(kind, tensor.dims), directory.alignment)
            out.write(bytes(pad(out.tell(), directory.alignment) - out.tell()))
            data_start = out.tell()
            for tensor, kind in layout:
                out.write(bytes(data_start + pad(out.tell() - data_start, directory.alignment) - out.tell()))
                begin, nbytes = directory.data_start + tensor.offset, size(tensor.kind, tensor.dims)
                if kind == tensor.kind:
                    for at in range(begin, begin + nbytes, _CHUNK):
                        out.write(os.pread(file.fileno(), min(_CHUNK, begin + nbytes - at), at))
                    continue
                if len(tensor.dims) != 2 or tensor.dims[0] % GGML_QUANT_SIZES[wanted][0]:
                    raise ValueError(f"its {tensor.dims} table does not divide into {embeddings} blocks")
                row, rows = nbytes // tensor.dims[1], tensor.dims[1]
                for first in range(0, rows, _ROWS):
                    count = min(_ROWS, rows - first)
                    raw = os.pread(file.fileno(), count * row, begin + first * row)
                    if len(raw) != count * row:
                        raise ValueError("the file ends inside its token table")
                    block = np.frombuffer(raw, np.uint8).reshape(count, row)
                    out.write(quantize(dequantize(block, GGMLQuantizationType(tensor.kind)), wanted).tobytes())
