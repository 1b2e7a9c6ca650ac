"""Where the shared catalogue and evaluation files are (read at run time, never copied into the repo)."""

from settings import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"
CATALOGUE = SHARED / "data" / "national_tthc.jsonl.gz"
