"""The store's tables: reports (current state, versioned), their events, audit entries.

Rule: standard.md §4 (history append-only) and §8 (audit). The Alembic
migrations in ``sp4n/store/migrations`` create exactly these tables; a test
compares the migrated database with this metadata, so the two cannot drift.

``reports`` holds each report's current state as the JSON of its
[`Complaint`][sp4n.models.Complaint] without the history, plus the columns queries
filter on (status, handling agency, category, dates, publication) and the
``version`` the optimistic check compares (rule STORE-CONCURRENT-UPDATE).
``events`` holds the history, one row per event, ``seq`` 0 being the submit;
``(tracking_id, seq)`` is unique, so an event can never be stored twice at the
same place. ``deadlines`` holds the running SLA clocks' due instants, so
"overdue" is a range query. ``audit_entries`` is the hash chain (each row keeps
the canonical JSON line [`sp4n.audit.AuditLog`][sp4n.audit.AuditLog] verifies) and
``audit_head`` its single head record, the row every writer locks to append.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

__all__ = [
    "HEAD_ID",
    "UtcDateTime",
    "audit_entries",
    "audit_head",
    "deadlines",
    "events",
    "metadata",
    "reports",
    "tracking_serials",
]

HEAD_ID: Final = 1
"""Primary key of the one row of ``audit_head``."""


class UtcDateTime(TypeDecorator[datetime]):
    """An aware instant, stored in UTC on every database (rule TIMESTAMP-AWARE).

    PostgreSQL keeps ``timestamptz``; SQLite has no time zones, so the value is
    stored as naive UTC text (which sorts and compares in time order) and read
    back as UTC. A naive value is refused rather than guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """UTC on the way in; naive UTC for SQLite."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            msg = "the store keeps timezone-aware instants only [TIMESTAMP-AWARE]"
            raise ValueError(msg)
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """UTC on the way out, whatever the database returned."""
        del dialect
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

tracking_serials = Table(
    "tracking_serials",
    metadata,
    Column("serial", Integer, primary_key=True, autoincrement=True),
    Column("issued_at", UtcDateTime(), nullable=False),
    comment="One row per tracking id issued (rule TRACKING-ID): the serial before its check digit.",
)

reports = Table(
    "reports",
    metadata,
    Column("tracking_id", String(12), primary_key=True),
    Column("version", Integer, nullable=False, comment="events in the history; +1 per event"),
    Column("status", String(32), nullable=False),
    Column("handling_agency_id", String(120), nullable=True),
    Column("category", String(80), nullable=False),
    Column("report_type", String(32), nullable=False),
    Column("region_code", String(13), nullable=True),
    Column("confidential", Boolean, nullable=False),
    Column("public", Boolean, nullable=False, comment="the public view exists (PRIV-*)"),
    Column("submitted_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Column("document", Text, nullable=False, comment="Complaint JSON without its history"),
    Index(None, "status"),
    Index(None, "handling_agency_id"),
    Index(None, "category"),
    Index(None, "submitted_at"),
    Index(None, "public", "submitted_at"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "tracking_id",
        String(12),
        ForeignKey("reports.tracking_id", ondelete="RESTRICT"),
        nullable=False,
    ),
    Column("seq", Integer, nullable=False, comment="position in the history; 0 = submit"),
    Column("kind", String(32), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("actor_role", String(32), nullable=False),
    Column("actor_agency_id", String(120), nullable=True),
    Column("recorded_at", UtcDateTime(), nullable=False),
    Column("document", Text, nullable=False, comment="the event's JSON"),
    UniqueConstraint("tracking_id", "seq"),
)

deadlines = Table(
    "deadlines",
    metadata,
    Column(
        "tracking_id",
        String(12),
        ForeignKey("reports.tracking_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("stage", String(32), primary_key=True),
    Column("scope", String(16), primary_key=True),
    Column("rule", String(40), nullable=False),
    Column("due_at", UtcDateTime(), nullable=False),
    Index(None, "stage", "due_at"),
)

audit_entries = Table(
    "audit_entries",
    metadata,
    Column("position", Integer, primary_key=True, autoincrement=False, comment="entry index"),
    Column("at", UtcDateTime(), nullable=False),
    Column("action", String(64), nullable=False),
    Column("subject", String(120), nullable=False),
    Column("actor_role", String(32), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("line", Text, nullable=False, comment="canonical JSON of the entry (RFC 8785)"),
    Index(None, "subject"),
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("length", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("at", UtcDateTime(), nullable=True),
    comment="The chain's head; every writer locks this row to append (one chain, one order).",
)
