#!/usr/bin/env bash
# Creates or updates both virtual environments (only when their requirement files changed), then builds the
# embedding model, the search index and the Rasa model (each only when its inputs changed).
set -euo pipefail
cd "$(dirname "$0")/.."

find_python310() {
  local root
  if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root)
    for candidate in "$root"/versions/3.10.*/bin/python; do
      [ -x "$candidate" ] && { echo "$candidate"; return; }
    done
  fi
  command -v python3.10 || true
}

# venv_ready DIR STAMP: true when DIR was built from exactly these requirement files.
venv_ready() { [ -f "$1/.requirements.sha" ] && [ "$(cat "$1/.requirements.sha")" = "$2" ]; }

rasa_stamp=$(cat requirements/rasa.txt requirements/rasa.lock | sha256sum | cut -c1-16)
if ! venv_ready .venv/rasa "$rasa_stamp"; then
  python310=$(find_python310)
  if [ -z "$python310" ]; then
    echo "Rasa 3.6 needs Python 3.10, which was not found (tried pyenv, then python3.10 on PATH)." >&2
    echo "Install Python 3.10 (e.g. 'pyenv install 3.10') and run this again." >&2
    exit 1
  fi
  echo "Installing .venv/rasa with $python310 …"
  [ -x .venv/rasa/bin/python ] || "$python310" -m venv .venv/rasa
  .venv/rasa/bin/pip install --quiet -r requirements/rasa.txt -c requirements/rasa.lock
  echo "$rasa_stamp" > .venv/rasa/.requirements.sha
fi

app_stamp=$(cat requirements/torch.txt requirements/app.txt requirements/app.lock | sha256sum | cut -c1-16)
if ! venv_ready .venv/app "$app_stamp"; then
  echo "Installing .venv/app …"
  [ -x .venv/app/bin/python ] || python3.11 -m venv .venv/app
  # torch first and alone: pip then takes the CPU build from the local store instead of a CUDA build.
  .venv/app/bin/pip install --quiet -r requirements/torch.txt
  .venv/app/bin/pip install --quiet -r requirements/app.txt -c requirements/app.lock
  echo "$app_stamp" > .venv/app/.requirements.sha
fi

.venv/app/bin/python -m ops prepare
