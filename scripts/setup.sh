#!/usr/bin/env bash
# Creates or updates both virtual environments (only when their requirement files changed), then builds the
# embedding model, the search index and the Rasa model (each only when its inputs changed).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/python_env.sh

rasa_stamp=$(cat requirements/rasa.txt requirements/rasa.lock | sha256sum | cut -c1-16)
if ! venv_ready .venv/rasa "$rasa_stamp"; then
  python310=$(require_python 3.10 "Rasa 3.6")
  echo "Installing .venv/rasa with $python310 …"
  [ -x .venv/rasa/bin/python ] || "$python310" -m venv .venv/rasa
  .venv/rasa/bin/pip install --quiet -r requirements/rasa.txt -c requirements/rasa.lock
  echo "$rasa_stamp" > .venv/rasa/.requirements.sha
fi

app_stamp=$(cat requirements/torch.txt requirements/app.txt requirements/app.lock | sha256sum | cut -c1-16)
if ! venv_ready .venv/app "$app_stamp"; then
  echo "Installing .venv/app …"
  if [ ! -x .venv/app/bin/python ]; then
    python311=$(require_python 3.11 "The search index, the actions and the backend")
    "$python311" -m venv .venv/app
  fi
  # torch first and alone: pip then takes the CPU build from the local store instead of a CUDA build.
  .venv/app/bin/pip install --quiet -r requirements/torch.txt
  .venv/app/bin/pip install --quiet -r requirements/app.txt -c requirements/app.lock
  echo "$app_stamp" > .venv/app/.requirements.sha
fi

.venv/app/bin/python -m ops prepare
