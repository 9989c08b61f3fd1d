"""One llama.cpp model and context (through llama-cpp-python's wrappers): prefix-cached decoding and logits.

`llama_cpp` is imported only when a session opens (engine/inference/backends/llama_library.py).
"""

from __future__ import annotations

import ctypes
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.inference.backends.llama_library import import_llama, model_params

_UNUSED, _CONTROL, _USER_DEFINED = 2, 8, 16
"""llama_token_attr bits."""

PREFILL_CHUNK = 128
"""Prompt tokens decoded per call: between chunks a cancelled or timed-out call stops."""


@dataclass(frozen=True)
class SessionOptions:
    """How a model is opened: context length, batch size and CPU threads."""

    n_ctx: int = 2048
    n_batch: int = 128
    n_threads: int = 1
    """Threads decoding one token at a time."""
    n_threads_batch: int = 1
    """Threads processing a prompt."""
    kv_cache: str = "f16"
    """f16, or q8_0: keys and values at 8 bits, half the memory (needs flash attention, turned on with it)."""


Check = Callable[[], bool]
"""Returns True when the call must stop (cancelled, timed out, model closing)."""


class LlamaSession:
    """A model, its context and a batch; remembers which tokens the KV cache holds to reuse prefixes.

    Not thread-safe: the backend drives it from one thread at a time.
    """

    def __init__(self, path: Path, options: SessionOptions, cache_dir: Path | None = None) -> None:
        llama_cpp = import_llama()
        from llama_cpp import _internals

        self.lib = llama_cpp
        llama_cpp.llama_backend_init()
        # verbose=True only stops llama-cpp-python from redirecting fds 1 and 2 to /dev/null while it
        # loads, which would blank whatever the UI thread writes meanwhile; messages go to LOG instead.
        self.model = _internals.LlamaModel(path_model=str(path), params=model_params(llama_cpp), verbose=True)
        params = llama_cpp.llama_context_default_params()
        params.n_ctx = min(options.n_ctx, self.model.n_ctx_train())
        params.n_batch = params.n_ubatch = options.n_batch
        params.n_threads = options.n_threads
        params.n_threads_batch = options.n_threads_batch
        params.no_perf = True
        if options.kv_cache == "q8_0":
            params.type_k = params.type_v = llama_cpp.GGML_TYPE_Q8_0
            params.flash_attn_type = llama_cpp.LLAMA_FLASH_ATTN_TYPE_ENABLED
        # A full-size sliding-window cache, so rewinding to a shared prompt prefix is always valid.
        params.swa_full = True
        self.ctx = _internals.LlamaContext(model=self.model, params=params, verbose=True)
        self.batch = _internals.LlamaBatch(n_tokens=options.n_batch, embd=0, n_seq_max=1, verbose=True)
        self.n_ctx = self.ctx.n_ctx()
        self.n_batch = options.n_batch
        self.n_threads = options.n_threads
        self.n_threads_batch = options.n_threads_batch
        self.kv_cache = options.kv_cache
        self.n_vocab = self.model.n_vocab()
        self.metadata = self.model.metadata()
        self.tokens: list[int] = []
        """The tokens whose keys and values the context holds, in order."""
        self._piece = ctypes.create_string_buffer(64)
        self._markup: list[int] | None = None
        self._ban: tuple[int, Any] | None = None
        stat = path.stat()
        self.cache_prefix = None if cache_dir is None else (
            cache_dir / "gguf" / f"{path.stem}-{stat.st_size}-{stat.st_mtime_ns}"
        )
        """Where what is derived from this GGUF file (size and mtime in the name) is remembered, if anywhere."""
        # Scanning a 262k vocabulary takes a few hundred ms: remembered per GGUF file.
        self._markup_file = None if self.cache_prefix is None else self.cache_prefix.with_name(
            self.cache_prefix.name + ".markup.json"
        )

    # -- text <-> tokens ----------------------------------------------------------------------
    def tokenize(self, text: str, *, add_bos: bool, special: bool) -> list[int]:
        """Token ids of `text`; `special` parses control-token text such as <|im_start|>."""
        return list(self.model.tokenize(text.encode("utf-8"), add_bos, special))

    def piece(self, token: int) -> bytes:
        """The bytes a generated token stands for (special tokens render as nothing)."""
        size = self.lib.llama_token_to_piece(self.model.vocab, token, self._piece, len(self._piece), 0, False)
        if size < 0:  # a longer piece than the buffer: grow it and ask again
            self._piece = ctypes.create_string_buffer(-size)
            size = self.lib.llama_token_to_piece(self.model.vocab, token, self._piece, -size, 0, False)
        return self._piece.raw[:size]

    def token_text(self, token: int) -> str:
        """The token's text as the vocabulary spells it (special tokens included)."""
        return str(self.model.token_get_text(token))

    def is_end(self, token: int) -> bool:
        """End of generation (EOS, EOT...) or any other control token: a reply never continues past one."""
        vocab = self.model.vocab
        return bool(self.lib.llama_vocab_is_eog(vocab, token) or self.lib.llama_vocab_is_control(vocab, token))

    def markup_tokens(self) -> list[int]:
        """Tokens a reply must never contain: control and unused tokens that do not end a reply, and
        user-defined markup tokens (Gemma's <start_of_image>, [multimodal], <strong>...), which the base
        model otherwise emits in runs after some prompts. Computed once per model."""
        if self._markup is None and self._markup_file is not None:
            self._markup = _read_tokens(self._markup_file)
        if self._markup is None:
            lib, vocab = self.lib, self.model.vocab
            banned: list[int] = []
            for token in range(self.n_vocab):
                attr = lib.llama_vocab_get_attr(vocab, token)
                if not attr & (_CONTROL | _UNUSED | _USER_DEFINED) or lib.llama_vocab_is_eog(vocab, token):
                    continue
                text = self.token_text(token)
                if attr & (_CONTROL | _UNUSED) or (text[:1] in "<[" and text[-1:] in ">]" and not text.isspace()):
                    banned.append(token)
            self._markup = banned
            if self._markup_file is not None:
                _write_tokens(self._markup_file, banned)
        return self._markup

    def markup_ban(self) -> tuple[int, Any]:
        """`markup_tokens()` as a llama_logit_bias array of -inf, built once (Gemma bans ~6,400 tokens)."""
        if self._ban is None:
            banned = self.markup_tokens()
            array = (self.lib.llama_logit_bias * len(banned))()
            for index, token in enumerate(banned):
                array[index].token = token
                array[index].bias = float("-inf")
            self._ban = (len(banned), array)
        return self._ban

    @property
    def bos(self) -> int | None:
        """The beginning-of-sequence token, if the model has one."""
        token = int(self.model.token_bos())
        return token if token >= 0 else None

    @property
    def adds_bos(self) -> bool:
        """Whether the model expects BOS before a prompt."""
        return bool(self.model.add_bos_token())

    # -- decoding -----------------------------------------------------------------------------
    def prefill(self, prompt: Sequence[int], stop: Check) -> bool:
        """Make the context hold exactly `prompt` with logits for its last token; False if stopped first."""
        if not prompt:
            raise ValueError("empty prompt")
        if len(prompt) >= self.n_ctx:
            raise ValueError(f"prompt of {len(prompt)} tokens does not fit the context of {self.n_ctx}")
        keep = min(_common_prefix(self.tokens, prompt), len(prompt) - 1)  # the last token is decoded anew
        self._truncate(keep)
        return self._decode(prompt[keep:], stop, want=lambda _i: False) is not None

    def advance(self, token: int) -> None:
        """Decode one generated token; its logits become the next ones to sample from."""
        if len(self.tokens) + 1 >= self.n_ctx:
            raise ValueError(f"the reply ran out of context ({self.n_ctx} tokens)")
        self._fill([token], len(self.tokens), lambda _i: True)
        self.ctx.decode(self.batch)
        self.tokens.append(token)

    def last_logits(self) -> npt.NDArray[np.float32]:
        """A writable view of the logits the next token is sampled from (llama.cpp samples from them)."""
        return np.ctypeslib.as_array(self.ctx.get_logits_ith(-1), shape=(self.n_vocab,))

    def log_likelihood(self, tokens: Sequence[int], first: int, stop: Check) -> list[float] | None:
        """log p(tokens[t] | tokens[:t]) for each t >= `first` (first >= 1); None if stopped.

        The shared part before `first` comes from the cache when it holds it, so scoring several
        continuations of one prompt decodes the prompt once.
        """
        if not 1 <= first < len(tokens):
            raise ValueError("nothing to score")
        if len(tokens) >= self.n_ctx:
            raise ValueError(f"{len(tokens)} tokens do not fit the context of {self.n_ctx}")
        keep = min(_common_prefix(self.tokens, tokens), first - 1)
        self._truncate(keep)
        # Position p's logits predict token p + 1: we need positions first-1 .. len-2.
        wanted = lambda position: first - 1 <= position < len(tokens) - 1  # noqa: E731
        rows = self._decode(tokens[keep:], stop, want=wanted)
        if rows is None:
            return None
        targets = np.asarray(tokens[first:], dtype=np.intp)
        logits = np.stack(rows)
        peak = logits.max(axis=1, keepdims=True)
        log_norm = peak[:, 0] + np.log(np.exp(logits - peak).sum(axis=1))
        return [float(v) for v in logits[np.arange(len(targets)), targets] - log_norm]

    def _decode(
        self, tokens: Sequence[int], stop: Check, want: Callable[[int], bool]
    ) -> list[npt.NDArray[np.float32]] | None:
        """Decode `tokens` after the cached ones in chunks; returns copies of the logits rows `want`ed
        (by absolute position), or None when `stop` said so between chunks."""
        rows: list[npt.NDArray[np.float32]] = []
        chunk = min(PREFILL_CHUNK, self.n_batch)
        for begin in range(0, len(tokens), chunk):
            if stop():
                return None
            part = list(tokens[begin : begin + chunk])
            start = len(self.tokens)
            flags = self._fill(part, start, want)
            self.ctx.decode(self.batch)
            self.tokens.extend(part)
            for index in flags:
                row = np.ctypeslib.as_array(self.ctx.get_logits_ith(index), shape=(self.n_vocab,))
                rows.append(row.copy())
        return rows

    def _fill(self, tokens: Sequence[int], start: int, want: Callable[[int], bool]) -> list[int]:
        """Write `tokens` at positions start.. into the batch; logits for wanted positions and the last."""
        batch = self.batch.batch
        batch.n_tokens = len(tokens)
        flagged: list[int] = []
        for index, token in enumerate(tokens):
            batch.token[index] = token
            batch.pos[index] = start + index
            batch.n_seq_id[index] = 1
            batch.seq_id[index][0] = 0
            wanted = want(start + index)
            batch.logits[index] = wanted or index == len(tokens) - 1
            if wanted:
                flagged.append(index)
        return flagged

    def _truncate(self, keep: int) -> None:
        """Forget cached tokens after the first `keep` (all of them when the cache cannot cut there)."""
        if keep >= len(self.tokens):
            return
        if not self.ctx.kv_cache_seq_rm(0, keep, -1):
            self.ctx.kv_cache_clear()
            keep = 0
        del self.tokens[keep:]

    # -- resources ----------------------------------------------------------------------------
    def kv_bytes(self) -> int:
        """Bytes of the key/value cache at full context (every layer; f16 2 bytes a value, q8_0 34 per 32)."""
        arch = self.metadata.get("general.architecture", "")

        def meta(key: str, default: int = 0) -> int:
            return int(self.metadata.get(f"{arch}.{key}") or default)

        heads = meta("attention.head_count", 1)
        head_dim = meta("embedding_length") // max(heads, 1)
        per_token = meta("attention.head_count_kv", heads) * (
            meta("attention.key_length", head_dim) + meta("attention.value_length", head_dim)
        )
        return int(self.n_ctx * meta("block_count") * per_token * (34 / 32 if self.kv_cache == "q8_0" else 2))

    def weights_bytes(self) -> int:
        """Bytes of the model's tensors (memory-mapped from the GGUF)."""
        return int(self.model.size())

    def close(self) -> None:
        """Free the context and the model (the context first, as llama.cpp requires)."""
        self.batch.close()
        self.ctx.close()
        self.model.close()
        self.tokens = []


def _read_tokens(path: Path) -> list[int] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return [int(t) for t in data] if isinstance(data, list) else None


def _write_tokens(path: Path, tokens: list[int]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".tmp")
        temp.write_text(json.dumps(tokens), encoding="utf-8")
        temp.replace(path)
    except OSError:
        pass  # a cache that cannot be written is computed again next time


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    pairs = zip(a, b, strict=False)  # lengths differ: the shorter one bounds the prefix
    return next((index for index, (x, y) in enumerate(pairs) if x != y), min(len(a), len(b)))
