"""Importing llama-cpp-python the way this game needs it: OpenMP not spinning, its log off the terminal,
no AMX weight buffers, and a thread count chosen by measurement."""

from __future__ import annotations

import ctypes
import functools
import importlib.util
import logging
import os
from types import ModuleType
from typing import Any

LOG = logging.getLogger("engine.inference.llama_cpp")


def llama_installed() -> bool:
    """Whether llama-cpp-python is installed (checked without importing it)."""
    return importlib.util.find_spec("llama_cpp") is not None


def import_llama() -> ModuleType:
    """`llama_cpp`, imported with OpenMP told not to spin and its log sent to Python logging."""
    # libgomp reads OMP_WAIT_POLICY once, when it loads with llama_cpp. Busy-waiting OpenMP threads
    # measured 1-10 tok/s instead of ~30 on a loaded 2-core machine; a value the user set is kept.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import llama_cpp
    except ImportError as error:
        raise ModuleNotFoundError(
            f"llama-cpp-python is not installed or does not load ({error}); run `make setup`, which builds "
            "it once (about 6 minutes on 2 cores)"
        ) from None

    _route_native_log(llama_cpp)
    return llama_cpp


@functools.cache
def _route_native_log(llama_cpp: ModuleType) -> Any:
    """Install, once, a log callback that sends llama.cpp's messages to `LOG` instead of stderr.

    The default callback prints load warnings into the player's terminal. The cache keeps the ctypes
    callback alive for as long as llama.cpp may call it (the whole process).
    """

    @llama_cpp.llama_log_callback  # type: ignore[untyped-decorator]
    def forward(level: int, text: bytes, _user_data: ctypes.c_void_p) -> None:
        # ggml levels: 4 is an error; everything else (info, warnings, continuations) is detail.
        LOG.log(logging.ERROR if level == 4 else logging.DEBUG, "%s", text.decode("utf-8", "replace").rstrip())

    llama_cpp.llama_log_set(forward, ctypes.c_void_p(0))
    return forward


def default_threads() -> int:
    """CPU threads for a model whose configuration does not say (`n_threads`), chosen by measurement.

    Measured on this project's 2-core machines, shared with other work, interleaved on one context
    (12 runs x 32 tokens, OMP_WAIT_POLICY=PASSIVE): SmolLM2 1 thread median 67 tok/s (p25 58), 2 threads
    median 95 but p25 18; Gemma-3-270M 1 thread 25.5 (p25 25.0), 2 threads 10.3 (p25 3.5). Two threads
    wait on each other at every operation, so one busy core stalls both; with OpenMP's default spinning
    they fell to ~1 tok/s. So: one thread on up to 2 cores, half the cores (at most 4) on bigger machines.
    """
    cores = os.cpu_count() or 1
    return 1 if cores <= 2 else min(4, cores // 2)


def default_batch_threads() -> int:
    """CPU threads for prompt processing (batches of up to 128 tokens), chosen by measurement.

    A batch gives every thread milliseconds of work between synchronisations, so a second core pays off
    where it did not for one-token decoding: a 385-token SmolLM2 prompt took 1.95 s on 1 thread and 1.11 s
    on 2 (medians of 6, interleaved, on the shared 2-core machine). Every core, up to 4.
    """
    return max(1, min(4, os.cpu_count() or 1))


def model_params(llama_cpp: ModuleType) -> Any:
    """Default model parameters, without AMX weight buffers when the library was built with AMX.

    AMX tile instructions fault (general protection) in VMs whose hypervisor does not grant tile state
    even though the CPU advertises AMX, as measured on this project's machines; the Makefile builds
    without AMX, and this guards a wheel built elsewhere.
    """
    params = llama_cpp.llama_model_default_params()
    if b"AMX_INT8 = 1" in llama_cpp.llama_print_system_info():
        params.use_extra_bufts = False
    return params
