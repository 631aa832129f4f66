"""Persistence for reports, their histories and the audit trail — *penyimpanan laporan*.

Optional extra ``sp4n[store]`` (SQLAlchemy 2, Alembic, psycopg 3). Rule:
standard.md §4 (history append-only), §8 (audit), rows STORE-*.

[`Store`][sp4n.store.Store] keeps each report's current state (with a ``version``), its
events and a hash-chained audit trail in SQLite (a file path: the embedded
default) or PostgreSQL (a ``postgresql+psycopg://`` URL). Every change is
one transaction: the lifecycle engine decides ([`sp4n.lifecycle.apply`][sp4n.lifecycle.apply]),
the store writes the new state, the event and the audit entry together.
Two officers acting on the same report at once: one wins, the other gets
[`ConcurrentUpdate`][sp4n.errors.ConcurrentUpdate] with the current report (an optimistic
version check, see ``docs/explanation/decisions/``). The schema ships as
Alembic migrations inside the package and is applied by [`migrate`][sp4n.store.migrate]
([`Store.open`][sp4n.store.Store.open] does it by default).

>>> import tempfile, pathlib
>>> store = Store.open(pathlib.Path(tempfile.mkdtemp()) / "reports.db")
>>> (store.count(), store.verify().ok)
(0, True)
>>> store.close()
"""

from __future__ import annotations

from sp4n.store._engine import database_url, engine_for
from sp4n.store._migrate import current_revision, head_revision, migrate, require_current
from sp4n.store._repository import Store
from sp4n.store._results import ImportResult, StoredReport, utc_now
from sp4n.store._verify import StoreVerification

__all__ = [
    "ImportResult",
    "Store",
    "StoreVerification",
    "StoredReport",
    "current_revision",
    "database_url",
    "engine_for",
    "head_revision",
    "migrate",
    "require_current",
    "utc_now",
]
