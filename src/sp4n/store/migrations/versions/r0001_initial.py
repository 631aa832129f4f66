"""The store's first schema: reports, events, deadlines, the audit chain and its head.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sp4n.audit import GENESIS

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_INSTANT = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the tables and the empty chain's head record."""
    op.create_table(
        "tracking_serials",
        sa.Column("serial", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("issued_at", _INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("serial", name=op.f("pk_tracking_serials")),
        comment=(
            "One row per tracking id issued (rule TRACKING-ID): the serial before its check digit."
        ),
    )
    op.create_table(
        "reports",
        sa.Column("tracking_id", sa.String(length=12), nullable=False),
        sa.Column(
            "version", sa.Integer(), nullable=False, comment="events in the history; +1 per event"
        ),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("handling_agency_id", sa.String(length=120), nullable=True),
        sa.Column("category", sa.String(length=80), nullable=False),
        sa.Column("report_type", sa.String(length=32), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=True),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column(
            "public", sa.Boolean(), nullable=False, comment="the public view exists (PRIV-*)"
        ),
        sa.Column("submitted_at", _INSTANT, nullable=False),
        sa.Column("updated_at", _INSTANT, nullable=False),
        sa.Column(
            "document", sa.Text(), nullable=False, comment="Complaint JSON without its history"
        ),
        sa.PrimaryKeyConstraint("tracking_id", name=op.f("pk_reports")),
    )
    op.create_index(op.f("ix_reports_status"), "reports", ["status"])
    op.create_index(op.f("ix_reports_handling_agency_id"), "reports", ["handling_agency_id"])
    op.create_index(op.f("ix_reports_category"), "reports", ["category"])
    op.create_index(op.f("ix_reports_submitted_at"), "reports", ["submitted_at"])
    op.create_index(op.f("ix_reports_public_submitted_at"), "reports", ["public", "submitted_at"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tracking_id", sa.String(length=12), nullable=False),
        sa.Column(
            "seq", sa.Integer(), nullable=False, comment="position in the history; 0 = submit"
        ),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("at", _INSTANT, nullable=False),
        sa.Column("actor_role", sa.String(length=32), nullable=False),
        sa.Column("actor_agency_id", sa.String(length=120), nullable=True),
        sa.Column("recorded_at", _INSTANT, nullable=False),
        sa.Column("document", sa.Text(), nullable=False, comment="the event's JSON"),
        sa.ForeignKeyConstraint(
            ["tracking_id"],
            ["reports.tracking_id"],
            name=op.f("fk_events_tracking_id_reports"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("tracking_id", "seq", name=op.f("uq_events_tracking_id_seq")),
    )
    op.create_table(
        "deadlines",
        sa.Column("tracking_id", sa.String(length=12), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("due_at", _INSTANT, nullable=False),
        sa.ForeignKeyConstraint(
            ["tracking_id"],
            ["reports.tracking_id"],
            name=op.f("fk_deadlines_tracking_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tracking_id", "stage", "scope", name=op.f("pk_deadlines")),
    )
    op.create_index(op.f("ix_deadlines_stage_due_at"), "deadlines", ["stage", "due_at"])
    op.create_table(
        "audit_entries",
        sa.Column(
            "position", sa.Integer(), autoincrement=False, nullable=False, comment="entry index"
        ),
        sa.Column("at", _INSTANT, nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=120), nullable=False),
        sa.Column("actor_role", sa.String(length=32), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column(
            "line", sa.Text(), nullable=False, comment="canonical JSON of the entry (RFC 8785)"
        ),
        sa.PrimaryKeyConstraint("position", name=op.f("pk_audit_entries")),
    )
    op.create_index(op.f("ix_audit_entries_subject"), "audit_entries", ["subject"])
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("at", _INSTANT, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
        comment="The chain's head; every writer locks this row to append (one chain, one order).",
    )
    op.bulk_insert(head, [{"id": 1, "length": 0, "hash": GENESIS, "at": None}])


def downgrade() -> None:
    """Drop everything this revision created (the audit trail with it: back it up first)."""
    for table in ("audit_head", "audit_entries", "deadlines", "events", "reports"):
        op.drop_table(table)
    op.drop_table("tracking_serials")
