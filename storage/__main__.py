"""`python -m storage upgrade`: bring the database (TLDVC_DATABASE_URL) to the newest schema."""

import argparse
import logging

from storage.migrations import upgrade_database_at


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m storage", description=__doc__)
    parser.add_argument("command", choices=["upgrade"])
    parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    upgrade_database_at()


if __name__ == "__main__":
    main()
