"""Weight-only int8 linear layers for CPU decoding (activations stay bf16; imported only when a model loads).

Decoding a small model on CPU is bound by reading its weights, so halving their bytes nearly doubles tokens/s.
Weight-only keeps activations exact: torch's dynamic int8 Linear quantizes a whole prompt with one activation
scale, which measurably garbled prompt processing (and likelihood ranking) on SmolLM2.
"""

from __future__ import annotations

import torch

_ROWS_PER_BLOCK = 4096


class Int8Linear(torch.nn.Module):
    """y = x @ (int8 weight * per-row scale)^T + bias, via torch's weight-only int8 kernel."""

    # Buffers, registered below; declared so that they read as tensors rather than as any submodule.
    weight_int8: torch.Tensor
    scales: torch.Tensor
    bias: torch.Tensor | None

    def __init__(self, linear: torch.nn.Linear, dtype: torch.dtype) -> None:
        super().__init__()
        self.in_features = linear.in_features
        self.out_features = linear.out_features
        weight = linear.weight.detach()
        quantized = torch.empty(weight.shape, dtype=torch.int8)
        scales = torch.empty(weight.shape[0], dtype=torch.float32)
        # In row blocks: a 262k-row vocabulary head would otherwise need a full fp32 copy at once.
        for start in range(0, weight.shape[0], _ROWS_PER_BLOCK):
            block = weight[start : start + _ROWS_PER_BLOCK].float()
            block_scales = (block.abs().amax(dim=1) / 127.0).clamp_min(1e-8)
            quantized[start : start + _ROWS_PER_BLOCK] = torch.round(block / block_scales[:, None]).to(torch.int8)
            scales[start : start + _ROWS_PER_BLOCK] = block_scales
        self.register_buffer("weight_int8", quantized)
        self.register_buffer("scales", scales.to(dtype))
        bias = None if linear.bias is None else linear.bias.detach().to(dtype)
        self.register_buffer("bias", bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        flat = x.reshape(-1, self.in_features).to(self.scales.dtype).contiguous()
        out = torch._weight_int8pack_mm(flat, self.weight_int8, self.scales)
        if self.bias is not None:
            out = out + self.bias
        return out.reshape(*x.shape[:-1], self.out_features).to(x.dtype)

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, int8 weight-only"


def quantize_linears_int8(model: torch.nn.Module, dtype: torch.dtype) -> int:
    """Swap every nn.Linear (lm_head included) for Int8Linear, in place; returns how many."""
    targets = [
        (parent, name, child)
        for parent in model.modules()
        for name, child in parent.named_children()
        if type(child) is torch.nn.Linear
    ]
    for parent, name, child in targets:
        setattr(parent, name, Int8Linear(child, dtype))
    return len(targets)
