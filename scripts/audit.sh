#!/usr/bin/env bash
# `make audit`: known vulnerabilities in the packages both product venvs are locked to, from PyPI's
# vulnerability data (needs the network). pip-audit runs from a venv of its own, .venv/audit (rebuilt only
# when its requirement files changed), and reads the locks as they are: nothing of the product is installed.
# Findings accepted after review (README "Security") are listed in requirements/audit-accepted.txt and left
# out, so the exit status is non-zero only for a finding nobody has looked at yet.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/python_env.sh

audit_stamp=$(cat requirements/audit.txt requirements/audit.lock | sha256sum | cut -c1-16)
if ! venv_ready .venv/audit "$audit_stamp"; then
  echo "Installing .venv/audit …"
  if [ ! -x .venv/audit/bin/python ]; then
    python311=$(require_python 3.11 "pip-audit")
    "$python311" -m venv .venv/audit
  fi
  .venv/audit/bin/pip install --quiet -r requirements/audit.txt -c requirements/audit.lock
  echo "$audit_stamp" > .venv/audit/.requirements.sha
fi

# One --ignore-vuln per accepted finding: the first word of each line that is not a comment.
ignored=()
while read -r id _; do
  ignored+=(--ignore-vuln "$id")
done < <(grep -v '^\s*\(#\|$\)' requirements/audit-accepted.txt)

status=0
staging=$(mktemp -d)
trap 'rm -r "$staging"' EXIT
for lock in requirements/app.lock requirements/rasa.lock; do
  echo "== $lock"
  # A local build label (torch's "+cpu") names no release on PyPI; the advisories are the public version's.
  sed 's/+[A-Za-z0-9.]*$//' "$lock" > "$staging/$(basename "$lock")"
  # --disable-pip: the lock is the full, resolved list, audited as written rather than installed.
  # --strict: a package whose advisories could not be fetched fails the scan instead of passing unseen.
  .venv/audit/bin/pip-audit --disable-pip --no-deps --strict --vulnerability-service pypi \
    --progress-spinner off --desc on -r "$staging/$(basename "$lock")" "${ignored[@]}" || status=1
done
exit "$status"
