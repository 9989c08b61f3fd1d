"""Choosing among explicit options by model likelihood: score each option as the continuation of the prompt."""

from __future__ import annotations

from typing import Any

import torch


def option_token_ids(tokenizer: Any, prompt_ids: list[int], prompt_text: str, option: str, ending: str) -> list[int]:
    """The tokens of `option` (+ `ending`) as they follow the prompt, tokenized jointly where that is a clean cut."""
    joint = tokenizer(prompt_text + option + ending, add_special_tokens=False).input_ids
    bare_prompt = tokenizer(prompt_text, add_special_tokens=False).input_ids
    if joint[: len(bare_prompt)] == bare_prompt and len(joint) > len(bare_prompt):
        return list(joint[len(bare_prompt) :])
    return list(tokenizer(option + ending, add_special_tokens=False).input_ids)


@torch.inference_mode()
def rank_options(model: Any, prompt_ids: torch.Tensor, options: list[list[int]], pad_id: int) -> list[float]:
    """Mean log-probability per token of each option after `prompt_ids` [1, n].

    The prompt runs once; its cache is repeated for a right-padded batch of options, so pads never shift
    the positions of real tokens.
    """
    count = len(options)
    first = model(input_ids=prompt_ids, use_cache=True, logits_to_keep=1)
    cache = first.cache
    cache.batch_repeat_interleave(count)
    longest = max(len(ids) for ids in options)
    device = prompt_ids.device
    batch = torch.full((count, longest), pad_id, dtype=torch.long, device=device)
    mask = torch.zeros((count, longest), dtype=torch.long, device=device)
    for row, ids in enumerate(options):
        batch[row, : len(ids)] = torch.tensor(ids, device=device)
        mask[row, : len(ids)] = 1
    attention = torch.cat([torch.ones((count, prompt_ids.shape[1]), dtype=torch.long, device=device), mask], 1)
    rest = model(input_ids=batch, attention_mask=attention, cache=cache, use_cache=True)
    logits = torch.cat([first.logits[:, -1:].expand(count, 1, -1), rest.logits[:, :-1]], dim=1)
    log_probs = torch.log_softmax(logits.float(), dim=-1).gather(2, batch.unsqueeze(-1)).squeeze(-1)
    totals = (log_probs * mask).sum(dim=1) / mask.sum(dim=1)
    return [float(value) for value in totals]


@torch.inference_mode()
def rank_prefixes(model: Any, prefixes: list[list[int]], suffix: list[int], pad_id: int) -> list[float]:
    """Mean log-probability per token of the same `suffix` after each prefix ("noisy channel" scoring).

    Rows are left-padded so the shared suffix sits in the last columns of every row, and only those
    columns' logits are computed (a large vocabulary makes full logits costly).
    """
    rows = [prefix + suffix for prefix in prefixes]
    longest = max(len(row) for row in rows)
    device = model.device
    batch = torch.full((len(rows), longest), pad_id, dtype=torch.long, device=device)
    mask = torch.zeros((len(rows), longest), dtype=torch.long, device=device)
    for index, row in enumerate(rows):
        batch[index, longest - len(row) :] = torch.tensor(row, device=device)
        mask[index, longest - len(row) :] = 1
    positions = (mask.cumsum(dim=1) - 1).clamp_min(0)
    keep = len(suffix) + 1
    logits = model(input_ids=batch, attention_mask=mask, position_ids=positions, logits_to_keep=keep).logits
    targets = torch.tensor(suffix, device=device).expand(len(rows), -1)
    log_probs = torch.log_softmax(logits[:, :-1].float(), dim=-1).gather(2, targets.unsqueeze(-1)).squeeze(-1)
    return [float(value) for value in log_probs.mean(dim=1)]
