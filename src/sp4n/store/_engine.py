"""Opening a database: a SQLite file path or an SQLAlchemy URL (rule STORE-URL).

SQLite is the embedded default: a file, in WAL mode (readers never wait for the
writer), ``synchronous=FULL`` (an acknowledged write survives a crash of the
machine, not only of the process), foreign keys on, and a busy timeout. Each
write transaction starts with ``BEGIN IMMEDIATE``, so two writers queue for
the write lock at the start instead of failing half-way when a read lock
cannot be upgraded. PostgreSQL is reached through psycopg 3
(``postgresql+psycopg://``); a bare ``postgresql://`` or ``postgres://`` URL is
read as that driver.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Final, cast

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import ConnectionPoolEntry

from sp4n.errors import DataError
from sp4n.i18n import Message

__all__ = ["WRITE", "database_url", "engine_for", "reading", "writing"]

WRITE: Final = "sp4n_write"
"""Execution option that marks a connection's transaction as a write (SQLite: IMMEDIATE)."""

_BUSY_TIMEOUT_S: Final = 60.0
_DRIVERS: Final = {
    "sqlite": "sqlite+pysqlite",
    "sqlite+pysqlite": "sqlite+pysqlite",
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}


def database_url(target: str | Path) -> URL:
    """The SQLAlchemy URL of ``target``: a URL as given, or a SQLite file path.

    >>> database_url("reports.db").drivername
    'sqlite+pysqlite'
    >>> database_url("postgresql://sp4n@localhost/sp4n").drivername
    'postgresql+psycopg'

    Raises:
        DataError: a URL that is malformed or names a database sp4n does not
            support (rule STORE-URL). The message never repeats a password.
    """
    text = str(target)
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))
    try:
        url = make_url(text)
    except ArgumentError:
        raise DataError(
            Message(
                "STORE-URL.database-url-expected-sqlite",
                "not a database URL (expected sqlite:///PATH or postgresql+psycopg://...)",
            ),
            rule="STORE-URL",
            field="db",
        ) from None
    driver = _DRIVERS.get(url.drivername)
    if driver is None:
        raise DataError(
            Message(
                "STORE-URL.unsupported-database-drivername-use",
                "unsupported database {drivername}: use a SQLite path or postgresql+psycopg",
                drivername=repr(url.drivername),
            ),
            rule="STORE-URL",
            field="db",
        )
    return url.set(drivername=driver)


def engine_for(target: str | Path | URL, *, pool_size: int = 10) -> Engine:
    """A SQLAlchemy engine for ``target`` with the settings the store relies on.

    Raises:
        DataError: ``target`` is not a supported database (rule STORE-URL).
    """
    url = target if isinstance(target, URL) else database_url(target)
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            raise DataError(
                Message(
                    "STORE-URL.store-needs-sqlite-file",
                    "the store needs a SQLite file, not an in-memory database",
                ),
                rule="STORE-URL",
                field="db",
            )
        engine = create_engine(
            url,
            connect_args={"timeout": _BUSY_TIMEOUT_S, "check_same_thread": False},
            pool_size=pool_size,
            max_overflow=pool_size,
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def _sqlite_connect(dbapi_connection: object, record: ConnectionPoolEntry) -> None:
    """Pragmas per connection; the driver's own transaction handling off (we BEGIN)."""
    del record
    sqlite = cast("sqlite3.Connection", dbapi_connection)
    sqlite.isolation_level = None
    cursor = sqlite.cursor()
    for pragma in (
        "journal_mode=WAL",
        "synchronous=FULL",
        "foreign_keys=ON",
        f"busy_timeout={int(_BUSY_TIMEOUT_S * 1000)}",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    """``BEGIN IMMEDIATE`` for writes (take the write lock first), ``BEGIN`` for reads."""
    immediate = conn.get_execution_options().get(WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


_SQLITE_WRITERS: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()
_WRITERS_GUARD = threading.Lock()


def _writer_lock(engine: Engine) -> threading.Lock | nullcontext[None]:
    """SQLite has one writer at a time: threads of one process queue on a lock, in order.

    Without it they would all wait inside SQLite's busy handler, which sleeps and
    polls, so a few unlucky writers wait far longer than the rest (a long p95).
    Other processes still queue through the busy timeout.
    """
    if engine.dialect.name != "sqlite":
        return nullcontext()
    with _WRITERS_GUARD:
        lock = _SQLITE_WRITERS.get(engine)
        if lock is None:
            lock = _SQLITE_WRITERS[engine] = threading.Lock()
        return lock


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction: committed when the block ends, rolled back on any error."""
    with _writer_lock(engine), engine.connect() as plain:
        conn = plain.execution_options(**{WRITE: True})
        with conn.begin():
            yield conn


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read transaction that sees one snapshot, however many queries it makes.

    SQLite in WAL mode gives that to every read transaction; PostgreSQL's
    default (READ COMMITTED) would let a report row and its events come from
    two different commits, so reads run at REPEATABLE READ (read-only
    transactions never fail to serialise).
    """
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn
