"""Loading a configured model with transformers: where its files are, which device and dtype, quantization."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from engine.inference.config import ModelConfig
from engine.inference.sources.convert import Report, convert_embedded, is_converted
from engine.inference.sources.embedded import EMBEDDED, embedded_model
from engine.inference.sources.hub import hub_cache_dir, hub_snapshot

if TYPE_CHECKING:
    from transformers import PreTrainedModel, PreTrainedTokenizerBase


class ModelUnavailableError(Exception):
    """The model's files are not on this machine (and how to get them)."""


Weights = Literal["float32", "bfloat16", "float16", "int8-weight", "nf4", "int8-bnb"]


@dataclass(frozen=True)
class LoadPlan:
    """How one model will be loaded: from where, on which device, in which form."""

    path: str
    tokenizer_path: str
    device: str
    dtype: str
    """Activation/parameter dtype name (torch attribute)."""
    weights: Weights
    """How the linear weights are held."""


def model_files(config: ModelConfig, cache_dir: Path, report: Report = lambda _m: None) -> tuple[str, str]:
    """(model folder, tokenizer folder or repo) for a config; embedded models are converted on first use."""
    if config.source == "embedded":
        embedded_model(config.model_id)  # unknown names fail here with the list of known ones
        converted = str(convert_embedded(config.model_id, cache_dir, report))
        return converted, converted
    if config.source == "local":
        folder = Path(config.model_id).expanduser()
        if not (folder / "config.json").is_file():
            raise ModelUnavailableError(f"no model at {folder} (config.json missing)")
        return str(folder), str(Path(config.tokenizer_id).expanduser()) if config.tokenizer_id else str(folder)
    snapshot = hub_snapshot(config.model_id)
    if snapshot is None:
        raise ModelUnavailableError(
            f"{config.model_id} is not in the hub cache ({hub_cache_dir()}); run `tta models pull NAME`"
        )
    tokenizer_snapshot = hub_snapshot(config.tokenizer_id) if config.tokenizer_id else snapshot
    return str(snapshot), str(tokenizer_snapshot or config.tokenizer_id)


def files_available(config: ModelConfig) -> bool:
    """Whether the files needed to load the model are on this machine (conversion may still be due)."""
    if config.backend not in ("transformers", "auto"):
        return False
    if config.source == "embedded":
        return config.model_id in EMBEDDED and EMBEDDED[config.model_id].installed()
    if config.source == "local":
        return (Path(config.model_id).expanduser() / "config.json").is_file()
    return hub_snapshot(config.model_id) is not None


def files_cached(config: ModelConfig, cache_dir: Path) -> bool:
    """Whether the model loads fast: converted (embedded) or present on disk (hub cache, local)."""
    if config.source == "embedded":
        return is_converted(cache_dir, config.model_id)
    return files_available(config)


def plan_load(config: ModelConfig, model_path: str, tokenizer_path: str, device: str | None = None) -> LoadPlan:
    """Pick device and weight format.

    On CPU the default ("auto", no quantization) is bf16 activations with weight-only int8 linear layers:
    decoding these small models is memory-bound, and int8 weights measured ~1.7x the tokens/s of bf16.
    """
    import torch

    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    cuda_dtype = "bfloat16" if device.startswith("cuda") and torch.cuda.is_bf16_supported() else "float16"
    auto = cuda_dtype if device.startswith("cuda") else "float32"
    dtype = auto if config.dtype == "auto" else config.dtype
    weights: Weights
    if config.quantization == "4bit":
        weights = "nf4"
    elif config.quantization == "8bit":
        # bitsandbytes int8 on CPU is slower than plain weights; weight-only int8 is the CPU analogue.
        weights = "int8-bnb" if device.startswith("cuda") else "int8-weight"
    elif device == "cpu" and config.dtype == "auto":
        weights = "int8-weight"
    else:
        weights = dtype  # type: ignore[assignment]
    if weights == "int8-weight":
        dtype = "bfloat16"  # the int8 kernel is fast with bf16 activations, very slow with fp32
    return LoadPlan(model_path, tokenizer_path, device, dtype, weights)


def load_pretrained(plan: LoadPlan) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """Load tokenizer and model as planned, in eval mode."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig

    local_only = {"local_files_only": True, "cache_dir": str(hub_cache_dir())}
    tokenizer = AutoTokenizer.from_pretrained(plan.tokenizer_path, **local_only)
    dtype = getattr(torch, plan.dtype)
    kwargs: dict[str, Any] = {"dtype": dtype, **local_only}
    if plan.weights == "nf4":
        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=dtype
        )
        kwargs["device_map"] = plan.device
    elif plan.weights == "int8-bnb":
        kwargs["quantization_config"] = BitsAndBytesConfig(load_in_8bit=True)
        kwargs["device_map"] = plan.device
    model = AutoModelForCausalLM.from_pretrained(plan.path, **kwargs)
    if "device_map" not in kwargs and plan.device != "cpu":
        # transformers' decorator on PreTrainedModel.to loses the bound signature, so mypy misreads the call.
        model = model.to(plan.device)  # type: ignore[arg-type]
    if plan.weights == "int8-weight":
        from engine.inference.backends.int8 import quantize_linears_int8

        quantize_linears_int8(model, dtype)
    model.eval()
    return model, tokenizer


def model_memory_mb(model: Any) -> float:
    """Bytes held by parameters and buffers (int8 weights included), in MB."""
    total = sum(t.numel() * t.element_size() for t in model.parameters())
    total += sum(t.numel() * t.element_size() for t in model.buffers())
    return float(total) / 2**20
