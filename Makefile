# Two commands matter: `make run` (the whole product) and `make test` (the whole test suite).
APP_PYTHON := .venv/app/bin/python
QUESTIONS ?= ../shared/eval/dev_questions.jsonl

.PHONY: setup run test lint eval bench load train nlu-eval audit

setup:
	bash scripts/setup.sh

run: setup
	$(APP_PYTHON) -m ops run

test: setup
	bash scripts/test.sh

lint:
	$(APP_PYTHON) -m ruff check .

train:
	$(APP_PYTHON) -m ops train

eval: setup
	$(APP_PYTHON) -m search_index eval --questions $(QUESTIONS) $(if $(KB),--kb $(KB))
	$(APP_PYTHON) -m search_index citizens

bench: setup
	$(APP_PYTHON) -m text_matching.bench
	$(APP_PYTHON) -m search_index bench

nlu-eval: setup
	$(APP_PYTHON) -m ops nlu-eval

# A bounded load run through the whole product: `make load CONVERSATIONS=32 SECONDS=60`.
load: setup
	$(APP_PYTHON) -m ops load --conversations $(or $(CONVERSATIONS),8) --seconds $(or $(SECONDS),60)

# Known vulnerabilities in requirements/*.lock (pip-audit in .venv/audit; asks PyPI, so not part of `make test`).
audit:
	bash scripts/audit.sh
