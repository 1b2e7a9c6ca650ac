"""Command line: build the offline model, evaluate on a question file, benchmark against BM25."""

from __future__ import annotations

import argparse
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m search_index")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build-model", help="build the offline e5 model folder (setup runs this)")
    build.add_argument("--force", action="store_true", help="rebuild even if the cached folder exists")
    args = parser.parse_args(argv)

    if args.command == "build-model":
        from search_index.embedding_model import build_default_model

        path: Path = build_default_model(force=args.force)
        print(path)


if __name__ == "__main__":
    main()
