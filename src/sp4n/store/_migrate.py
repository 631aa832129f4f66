"""The store's schema migrations, shipped in the package and run from Python (Alembic).

Rule STORE-SCHEMA: the store works only on a database at the revision this
version of sp4n ships. [`migrate`][sp4n.store.migrate] brings a database there (creating the
tables on an empty one); concurrent callers are serialised (SQLite: the write
lock; PostgreSQL: a transaction-level advisory lock), so two processes
starting at once do not both create the tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from sp4n.errors import DataError
from sp4n.i18n import Message
from sp4n.store._engine import reading, writing

__all__ = ["MIGRATIONS", "current_revision", "head_revision", "migrate", "require_current"]

MIGRATIONS: Final = Path(__file__).parent / "migrations"
"""The Alembic script directory inside the package."""

_LOCK_KEY: Final = 0x5E4E_0311  # any constant: the advisory lock every migrating process takes


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision this version of sp4n ships.

    >>> head_revision()
    '0001'
    """
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:  # pragma: no cover - the package ships at least one revision
        raise DataError(
            Message("STORE-SCHEMA.no-migration-shipped", "no migration shipped"),
            rule="STORE-SCHEMA",
        )
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; ``None`` for an empty database."""
    with reading(engine) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> str:
    """Upgrade the database to ``revision`` (the newest by default); return where it is now."""
    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        command.upgrade(_config(conn), revision)
    return current_revision(engine) or ""


def require_current(engine: Engine) -> None:
    """Refuse a database that is not at the shipped revision.

    Raises:
        DataError: the database is empty, older or newer than this version of
            sp4n (rule STORE-SCHEMA).
    """
    found, wanted = current_revision(engine), head_revision()
    if found != wanted:
        raise DataError(
            Message(
                "STORE-SCHEMA.database-schema-revision-value",
                "the database is at schema revision {value}, this sp4n needs {wanted}: run `sp4n "
                "store migrate --db URL` first",
                value=str(found or "none"),
                wanted=str(wanted),
            ),
            rule="STORE-SCHEMA",
            field="db",
        )
