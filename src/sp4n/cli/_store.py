"""The ``--db URL`` option shared by commands that read the store (``sp4n[store]``)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.progress import Progress

from sp4n.errors import ConfigError, DataError, SP4NError
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Message
from sp4n.lifecycle import check_history
from sp4n.models import Complaint
from sp4n.workdays import WorkingCalendar

if TYPE_CHECKING:
    from sp4n.store import Store

__all__ = ["StoreReader", "add_db_option", "open_store", "require_one_source"]


def add_db_option(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """Add ``--db URL``: a SQLite file path or a database URL (rule STORE-URL)."""
    parser.add_argument(
        "--db",
        metavar="URL",
        required=required,
        help="the store: a SQLite file path or postgresql+psycopg://USER:PASS@HOST/DB",
    )


def open_store(
    url: str,
    *,
    migrate: bool = False,
    audit_key: bytes | None = None,
    hierarchy: AgencyGraph | None = None,
) -> Store:
    """Open the store at ``url``; by default it must already be migrated (STORE-SCHEMA).

    Raises:
        ConfigError: the ``sp4n[store]`` extra is not installed.
        DataError: not a supported database, or not migrated (STORE-URL, STORE-SCHEMA).
    """
    try:
        from sp4n.store import Store  # noqa: PLC0415 - optional extra, loaded on use
    except ImportError:
        raise ConfigError(
            Message(
                "error.store.store-needs-optional-extra",
                "the store needs the optional extra: pip install 'sp4n[store]'",
            )
        ) from None
    return Store.open(url, migrate_schema=migrate, audit_key=audit_key, hierarchy=hierarchy)


class StoreReader:
    """Stream the reports of a store like ``FileReader`` streams a file: replayed, counted."""

    def __init__(self, url: str, *, graph: AgencyGraph, calendar: WorkingCalendar) -> None:
        self.store = open_store(url)
        self.graph, self.calendar = graph, calendar
        self.rejected = 0
        self.problems: list[str] = []

    def complaints(self, bar: Progress | None = None) -> Iterator[Complaint]:
        """Every stored report whose history replays, in tracking-id order."""
        task = None if bar is None else bar.add_task("reading", total=self.store.count())
        try:
            for complaint in self.store.reports():
                if bar is not None and task is not None:
                    bar.advance(task)
                try:
                    check_history(complaint, hierarchy=self.graph, calendar=self.calendar)
                except SP4NError as exc:
                    self.rejected += 1
                    if len(self.problems) < 5:
                        self.problems.append(f"{complaint.tracking_id}: {exc} [{exc.rule}]")
                    continue
                yield complaint
        finally:
            self.store.close()


def require_one_source(path: object, db: str | None, what: str) -> None:
    """Exactly one of a file and ``--db`` (rule INPUT-FILE)."""
    if (path is None) == (db is None):
        raise DataError(
            Message(
                "INPUT-FILE.give-either-what-db", "give either {what} or --db URL", what=str(what)
            ),
            rule="INPUT-FILE",
        )
