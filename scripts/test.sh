#!/usr/bin/env bash
# `make test` once setup is done: the system packages the tests use, a local PostgreSQL, then the suite.
# Whatever cannot be installed (no root, no sudo) is named, and the tests run without it.
set -euo pipefail
cd "$(dirname "$0")/.."

# The web chat's browser tests drive Debian's Chromium (Playwright's own browser download is unreachable).
bash scripts/system_packages.sh chromium \
    || echo "test: without Chromium the browser tests (tests/browser) fail." >&2

# The scale-out test (tests/integration/test_scale_out.py) starts its own Redis from Debian's package.
bash scripts/system_packages.sh redis-server \
    || echo "test: without redis-server the scale-out test is skipped." >&2

# The storage tests also run on PostgreSQL when this URL is set; a URL given by the caller is kept.
if [ -z "${TLDVC_TEST_POSTGRES_URL:-}" ]; then
    if TLDVC_TEST_POSTGRES_URL=$(bash scripts/start_test_postgres.sh); then
        export TLDVC_TEST_POSTGRES_URL
    else
        echo "test: no local PostgreSQL; the storage tests run on SQLite only." >&2
        unset TLDVC_TEST_POSTGRES_URL
    fi
fi

exec .venv/app/bin/python -m pytest "$@"
