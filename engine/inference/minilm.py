"""The shipped all-MiniLM-L6-v2 run in plain numpy: one sentence encoder for the crisis stage and the action matcher.

Why not torch: the crisis check runs on every typed input, before anything else, on a machine whose
cores are busy with a language model. Torch's thread pool is process-wide, so on two shared cores a
12-token sentence took 90–300 ms; this forward pass is a few small matrix products on one core, takes a
few milliseconds, and imports neither torch nor transformers (which alone took ~350 MB of the game's
memory when the matcher used them). The weights and tokenizer are the same files; tests check the
vectors against the transformers model.
"""

from __future__ import annotations

import functools
import json
import math
import os
import struct
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from engine.inference.lora import Adapter, AdapterFileError

_LAYERS = 6
_HEADS = 12
_EPS = 1e-12
_MAX_TOKENS = 128
_GROUP = 16
"""Texts per forward pass when many are embedded at once (grouped by length)."""
_MAPPED = frozenset({"embeddings.word_embeddings.weight"})


class MiniLMUnavailable(RuntimeError):
    """The model files or the libraries to read them are missing; the message says which."""


class MiniLMEncoder:
    """Mean-pooled, unit-length MiniLM embeddings; weights load on first use (or `load()`), thread-safe."""

    def __init__(self, model_dir: Path, adapter: Adapter | None = None) -> None:
        self._dir = model_dir
        self._adapter = adapter
        self._lock = threading.Lock()
        self._weights: dict[str, Any] | None = None
        self._tokenizer: Any = None

    @property
    def fingerprint(self) -> str:
        """Names the model files (folder, weight size and time), for caches of vectors made with them."""
        weights = self._dir / "model.safetensors"
        stat = weights.stat() if weights.exists() else None
        tuned = f"|{self._adapter.digest}" if self._adapter is not None else ""
        return f"{self._dir.resolve()}|{stat.st_size if stat else 0}|{int(stat.st_mtime) if stat else 0}{tuned}"

    @property
    def identity(self) -> str:
        """Names the model by its files' sizes (the same on every machine), for vectors shipped with the game."""
        sizes = [(self._dir / name).stat().st_size if (self._dir / name).exists() else 0
                 for name in ("model.safetensors", "tokenizer.json")]
        tuned = f"|{self._adapter.digest}" if self._adapter is not None else ""
        return f"all-MiniLM-L6-v2|{sizes[0]}|{sizes[1]}{tuned}"

    @property
    def plain(self) -> MiniLMEncoder:
        """This encoder without a fine-tune (itself when it has none): the action matcher's."""
        return self if self._adapter is None else MiniLMEncoder(self._dir)

    @property
    def loaded(self) -> bool:
        """True once the weights are in memory."""
        return self._weights is not None

    def load(self) -> None:
        """Read the tokenizer and weights (idempotent); raises MiniLMUnavailable with the reason."""
        with self._lock:
            self._load_locked()

    def encode(self, texts: Sequence[str]) -> Any:
        """A (len(texts), 384) float32 array of unit vectors, one per text."""
        import numpy as np

        with self._lock:
            self._load_locked()
            assert self._weights is not None
            encodings = self._tokenizer.encode_batch(list(texts))
        _one_blas_thread()
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        if len(texts) <= _GROUP:
            return _forward(self._weights, ids, mask)
        # Many texts (the crisis bank, on a cold cache): embedded in groups of similar length, each cut to its
        # longest text, so short texts do not pay for the longest one's padding (padding is on the right, and
        # masked out, so only the float rounding of the products can differ).
        lengths = mask.sum(axis=1).astype(np.int64)
        order = np.argsort(lengths, kind="stable")
        vectors = np.empty((len(texts), self._weights["embeddings.word_embeddings.weight"].shape[1]), np.float32)
        for start in range(0, len(order), _GROUP):
            rows = order[start:start + _GROUP]
            width = int(lengths[rows].max())
            vectors[rows] = _forward(self._weights, ids[rows, :width], mask[rows, :width])
        return vectors

    def encode_tokens(self, texts: Sequence[str]) -> list[Any]:
        """Each text's last-layer token states ((tokens, 384) float32, [CLS] and [SEP] included): one pass, the
        states `encode` mean-pools (the crisis head also reads them token by token)."""
        import numpy as np

        with self._lock:
            self._load_locked()
            assert self._weights is not None
            encodings = self._tokenizer.encode_batch(list(texts))
        if not encodings:
            return []
        _one_blas_thread()
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        x, starts, lengths = _states(self._weights, ids, mask)
        return [x[a:a + n].astype(np.float32) for a, n in zip(starts, lengths, strict=True)]

    def _load_locked(self) -> None:
        if self._weights is not None:
            return
        try:
            from tokenizers import Tokenizer
        except ImportError as err:  # the `models` extra is not installed
            raise MiniLMUnavailable(f"cannot read the sentence model: {err}") from err
        files = self._dir / "tokenizer.json", self._dir / "model.safetensors"
        missing = [str(f) for f in files if not f.exists()]
        if missing:
            raise MiniLMUnavailable(f"sentence model files missing: {', '.join(missing)}")
        tokenizer = Tokenizer.from_file(str(files[0]))
        tokenizer.enable_truncation(_MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        weights = read_safetensors(files[1])
        try:
            weights = self._adapter.merged(weights) if self._adapter is not None else weights
        except AdapterFileError as err:
            raise MiniLMUnavailable(f"the fine-tune does not fit the sentence model: {err}") from err
        # The weights stay (out, in) as stored: each product is `w @ x.T` (see `_dense`).
        self._tokenizer = tokenizer
        self._weights = weights


class _RowFile:
    """A table left on disk whose rows are read when indexed (`table[ids]`), so none of it stays resident."""

    def __init__(self, path: Path, offset: int, shape: tuple[int, ...], dtype: Any) -> None:
        self._path, self._offset, self.shape, self._dtype = path, offset, shape, dtype
        self._row = shape[1] * dtype.itemsize
        self.ndim = len(shape)

    def __getitem__(self, ids: Any) -> Any:
        import numpy as np

        wanted = np.asarray(ids)
        unique, inverse = np.unique(wanted.ravel(), return_inverse=True)
        with self._path.open("rb") as file:
            data = b"".join(os.pread(file.fileno(), self._row, self._offset + int(i) * self._row) for i in unique)
        rows = np.frombuffer(data, self._dtype).reshape(len(unique), self.shape[1])
        return rows[inverse].reshape(*wanted.shape, self.shape[1])


def read_safetensors(path: Path) -> dict[str, Any]:
    """The file's tensors as numpy arrays, the word-embedding table left on disk and the rest read into memory.

    Why leave the table on disk: it is half the model (30,522 rows × 384, 47 MB) and a sentence reads a handful
    of its rows; even memory-mapped, the rows a cold start's exemplar bank touched stayed resident (22 MB), read
    with pread none do. The values are the file's own bytes either way (the format: an 8-byte header length, a
    JSON header, then raw little-endian data).
    """
    import numpy as np

    dtypes = {"F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4"}
    try:
        with path.open("rb") as file:
            (size,) = struct.unpack("<Q", file.read(8))
            header = json.loads(file.read(size))
            tensors: dict[str, Any] = {}
            for name, meta in header.items():
                if name == "__metadata__":
                    continue
                dtype, shape = np.dtype(dtypes[meta["dtype"]]), tuple(meta["shape"])
                start, end = (8 + size + offset for offset in meta["data_offsets"])
                if name in _MAPPED:
                    tensors[name] = _RowFile(path, start, shape, dtype)
                    continue
                file.seek(start)
                tensors[name] = np.fromfile(file, dtype=dtype, count=(end - start) // dtype.itemsize).reshape(shape)
    except (OSError, ValueError, KeyError, TypeError, struct.error) as err:
        raise MiniLMUnavailable(f"cannot read the sentence model {path}: {err}") from err
    return tensors


def _one_blas_thread() -> None:
    """Run this thread's BLAS calls on one core (OpenBLAS's thread-local setting; others keep theirs).

    Why: these products are tiny (a few tokens × 384), so OpenBLAS's worker threads cost far more in
    wake-ups and contention than they save, above all on shared, loaded cores (measured: ~135 ms CPU a
    classify with the pool, a few ms without). No dependency: the symbol is looked up in the OpenBLAS
    that numpy has already loaded; where there is none (another BLAS, another OS) nothing changes.
    """
    setter = _blas_thread_setter()
    if setter is not None:
        setter(1)


@functools.cache
def _blas_thread_setter() -> Any:
    import ctypes

    import numpy  # noqa: F401  (loads its OpenBLAS, so the maps below list it)

    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line}
    except OSError:
        return None
    for path in sorted(paths):
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        setter = getattr(library, "openblas_set_num_threads_local", None)
        if setter is not None:
            setter.argtypes, setter.restype = [ctypes.c_int], ctypes.c_int
            return setter
    return None


def _forward(w: dict[str, Any], ids: Any, mask: Any) -> Any:
    """BERT encoder (`_states`), then mean pooling over real tokens and L2 normalising."""
    import numpy as np

    x, starts, lengths = _states(w, ids, mask)
    pooled = np.add.reduceat(x, starts, axis=0) / np.clip(lengths, 1, None)[:, None]
    return (pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)).astype(np.float32)


def _states(w: dict[str, Any], ids: Any, mask: Any) -> tuple[Any, Any, Any]:
    """BERT encoder (6 layers, 12 heads, GELU): the last layer's states of every real token, packed, with
    each text's first row and length.

    The texts' real tokens are packed into one matrix (no padding rows) for the dense products, which are
    nearly all of the work; attention then runs text by text over its own rows. A classify embeds texts of
    uneven length together (the input, its clauses, the recent window), where padding was 40% of the rows.
    """
    import numpy as np

    lengths = mask.sum(axis=1).astype(np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    positions = np.concatenate([np.arange(n) for n in lengths])
    x = w["embeddings.word_embeddings.weight"][ids[mask.astype(bool)]]
    x = x + w["embeddings.position_embeddings.weight"][positions] + w["embeddings.token_type_embeddings.weight"][0]
    x = _norm(x, w, "embeddings.LayerNorm")
    hidden = x.shape[-1]
    size = hidden // _HEADS
    spans = [(int(a), int(a + n)) for a, n in zip(starts, lengths, strict=True)]
    for layer in range(_LAYERS):
        p = f"encoder.layer.{layer}."
        q, k, v = (_dense(x, w, f"{p}attention.self.{name}") for name in ("query", "key", "value"))
        context = np.empty_like(x)
        for a, b in spans:
            heads = [m[a:b].reshape(b - a, _HEADS, size).transpose(1, 0, 2) for m in (q, k, v)]
            scores = heads[0] @ heads[1].transpose(0, 2, 1) / math.sqrt(size)
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context[a:b] = (scores @ heads[2]).transpose(1, 0, 2).reshape(b - a, hidden)
        attended = _dense(context, w, f"{p}attention.output.dense")
        x = _norm(x + attended, w, f"{p}attention.output.LayerNorm")
        inner = _gelu(_dense(x, w, f"{p}intermediate.dense"))
        out = _dense(inner, w, f"{p}output.dense")
        x = _norm(x + out, w, f"{p}output.LayerNorm")
    return x, starts, lengths


def _dense(x: Any, w: dict[str, Any], name: str) -> Any:
    """`x @ W.T + b` computed as `(W @ x.T).T`: with a few tokens (rows of x), OpenBLAS runs this shape
    1.2-2x faster than `x @ W.T` (measured on 2 shared cores, round 7 of the crisis detector)."""
    return (w[f"{name}.weight"] @ x.T).T + w[f"{name}.bias"]


def _norm(x: Any, w: dict[str, Any], name: str) -> Any:
    import numpy as np

    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _EPS) * w[f"{name}.weight"] + w[f"{name}.bias"]


def _gelu(x: Any) -> Any:
    """Exact (erf) GELU, as BERT uses; erf by Abramowitz–Stegun 7.1.26 (error below 1.5e-7)."""
    import numpy as np

    z = np.abs(x) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = np.sign(x) * (1.0 - poly * np.exp(-z * z))
    return 0.5 * x * (1.0 + erf)
