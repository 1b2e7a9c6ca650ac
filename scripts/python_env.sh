# Sourced by setup.sh and audit.sh: finding a Python of a given minor version, and knowing whether a venv
# was built from exactly the requirement files it is built from now.

# find_python VERSION: a python of that minor version, from pyenv first, then on PATH; empty when none.
find_python() {
  local root
  if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root)
    for candidate in "$root"/versions/"$1".*/bin/python; do
      [ -x "$candidate" ] && { echo "$candidate"; return; }
    done
  fi
  command -v "python$1" || true
}

# require_python VERSION WHY: the python for a venv, or a clear message and exit when it is missing.
require_python() {
  local found
  found=$(find_python "$1")
  if [ -z "$found" ]; then
    echo "$2 needs Python $1, which was not found (tried pyenv, then python$1 on PATH)." >&2
    echo "Install Python $1 (e.g. 'pyenv install $1') and run this again." >&2
    exit 1
  fi
  echo "$found"
}

# venv_ready DIR STAMP: true when DIR was built from exactly these requirement files.
venv_ready() { [ -f "$1/.requirements.sha" ] && [ "$(cat "$1/.requirements.sha")" = "$2" ]; }
