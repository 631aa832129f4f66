"""Fixtures of the store and service tests: a SQLite file, and a real PostgreSQL database.

PostgreSQL is reached through ``SP4N_TEST_POSTGRES_URL`` (``.ci/run`` starts
Debian's server and sets it). Without it the PostgreSQL cases are skipped on a
developer's machine, but under CI (``CI=true``) they fail: a store that was
never tested on PostgreSQL must not pass as tested.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from sp4n.models import Complaint, ComplaintSubmission
from sp4n.sample import generate_complaints
from sp4n.store import Store

POSTGRES_ENV = "SP4N_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


def _postgres_or_skip() -> str:
    url = os.environ.get(POSTGRES_ENV)
    ci = os.environ.get("CI") == "true"
    if not url:
        if ci:
            pytest.fail(f"{POSTGRES_ENV} is not set under CI: .ci/run must start PostgreSQL")
        pytest.skip(f"set {POSTGRES_ENV} to run the PostgreSQL cases (CI does)")
    try:
        engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure to connect: fail under CI, skip elsewhere
        if ci:
            pytest.fail(
                f"PostgreSQL at {POSTGRES_ENV} is unreachable under CI: {type(exc).__name__}"
            )
        pytest.skip(f"PostgreSQL at {POSTGRES_ENV} is unreachable")
    return url


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The URL of the test server's database (checked reachable once)."""
    return _postgres_or_skip()


@contextmanager
def new_postgres_database(postgres_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database (its URL), dropped afterwards."""
    base = make_url(postgres_url).set(drivername="postgresql+psycopg")
    name = f"sp4n_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        try:
            _drop(admin, name)
        finally:
            admin.dispose()


def _drop(admin: Engine, name: str) -> None:
    """Drop a test database; retried, since an autovacuum worker may hold it for a moment.

    ``WITH (FORCE)`` cannot end an autovacuum worker's connection without
    ``pg_signal_backend`` (granted by ``scripts/ci_postgres.sh``, maybe not elsewhere).
    """
    for attempt in range(10):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        except DBAPIError:
            if attempt == 9:
                raise
            time.sleep(0.5)
        else:
            return


@pytest.fixture
def fresh_postgres(postgres_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test."""
    with new_postgres_database(postgres_url) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "reports.db")
    return str(request.getfixturevalue("fresh_postgres"))


@pytest.fixture(scope="module", params=BACKENDS)
def module_db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A fresh database shared by one test module (for a server started once per backend)."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("db") / "reports.db")
        return
    with new_postgres_database(request.getfixturevalue("postgres_url")) as url:
        yield url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A migrated store on each backend, without a hierarchy (exact agency ids)."""
    opened = Store.open(db_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def sample_reports() -> tuple[Complaint, ...]:
    """Thirty generated reports with full histories (the sample generator, seed 7)."""
    return tuple(generate_complaints(30, seed=7))


@pytest.fixture
def submission() -> ComplaintSubmission:
    """A plain, valid submission (a regency road complaint in Kab. Ogan Komering Ilir)."""
    return ComplaintSubmission.model_validate_json(
        '{"type": "COMPLAINT", "title": "Jalan berlubang", "body": "Lubang besar di Jl. Merdeka.",'
        ' "category": "regency_road", "channel": "WEB", "location": {"region_code": "16.02"},'
        ' "submitted_at": "2024-04-05T09:30:00+07:00"}'
    )
