#!/usr/bin/env bash
# Creates or updates both virtual environments (only when their requirement files changed), then builds the
# embedding model, the search index and the Rasa model (each only when its inputs changed).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/python_env.sh

# is_python_311 DIR: true when the venv in DIR runs Python 3.11 (an older .venv/rasa ran 3.10).
is_python_311() { "$1/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; }

python311=$(require_python 3.11 "The project")

rasa_stamp=$(cat requirements/rasa.txt requirements/rasa.lock | sha256sum | cut -c1-16)
if ! venv_ready .venv/rasa "$rasa_stamp"; then
  echo "Installing .venv/rasa with $python311 …"
  is_python_311 .venv/rasa || { rm -rf .venv/rasa; "$python311" -m venv .venv/rasa; }
  # Rasa 3.6 declares Python < 3.11, so pip cannot resolve it here: install it without that check, then every
  # package it needs from the lock, each exactly as pinned and without resolving.
  .venv/rasa/bin/pip install --quiet --no-deps --ignore-requires-python -r requirements/rasa.txt
  .venv/rasa/bin/pip install --quiet --no-deps -r requirements/rasa.lock
  echo "$rasa_stamp" > .venv/rasa/.requirements.sha
fi

app_stamp=$(cat requirements/torch.txt requirements/app.txt requirements/app.lock | sha256sum | cut -c1-16)
if ! venv_ready .venv/app "$app_stamp"; then
  echo "Installing .venv/app …"
  [ -x .venv/app/bin/python ] || "$python311" -m venv .venv/app
  # torch first and alone: pip then takes the CPU build from the local store instead of a CUDA build.
  .venv/app/bin/pip install --quiet -r requirements/torch.txt
  .venv/app/bin/pip install --quiet -r requirements/app.txt -c requirements/app.lock
  echo "$app_stamp" > .venv/app/.requirements.sha
fi

.venv/app/bin/python -m ops prepare
