"""Alembic migrations own the schema; `upgrade_database` brings any database to the newest revision.

Databases made before migrations existed (tables created directly by the first release) have no
alembic_version table: they are stamped with the first revision, which reproduces that schema exactly,
and then upgraded in place.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect

from storage.db import make_engine

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent
FIRST_REVISION = "0001"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade_database(engine: Engine, revision: str = "head") -> None:
    config = alembic_config(engine)
    tables = set(inspect(engine).get_table_names())
    if "alembic_version" not in tables and "complaints" in tables:
        logger.info("database predates migrations: stamping revision %s", FIRST_REVISION)
        command.stamp(config, FIRST_REVISION)
    command.upgrade(config, revision)


def upgrade_database_at(url: str | None = None) -> None:
    """Upgrade the database at url (default: the configured one)."""
    engine = make_engine(url)
    try:
        upgrade_database(engine)
    finally:
        engine.dispose()
