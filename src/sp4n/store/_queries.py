"""Reading reports back: filters, and rebuilding reports with their events (two queries a page)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import ColumnElement, Connection, Select, and_, or_, select

from sp4n.errors import ConcurrentUpdate, DataError
from sp4n.i18n import Message
from sp4n.store import _codec
from sp4n.store._results import StoredReport
from sp4n.store._tables import events, reports
from sp4n.vocabulary import Status

__all__ = ["conflict", "duplicate", "exists", "filters", "load"]


def conflict(current: StoredReport) -> ConcurrentUpdate:
    return ConcurrentUpdate(
        Message(
            "STORE-CONCURRENT-UPDATE.report-tracking-id-version",
            "report {tracking_id} is at version {version} (status {status}): another event was "
            "applied first [STORE-CONCURRENT-UPDATE]",
            tracking_id=str(current.tracking_id),
            version=str(current.version),
            status=str(current.status),
        ),
        rule="STORE-CONCURRENT-UPDATE",
        field="version",
        current=current.complaint,
        version=current.version,
    )


def duplicate(tracking_id: str) -> DataError:
    return DataError(
        Message(
            "STORE-DUPLICATE.report-tracking-id-already",
            "report {tracking_id} is already stored [STORE-DUPLICATE]",
            tracking_id=str(tracking_id),
        ),
        rule="STORE-DUPLICATE",
        field="tracking_id",
    )


def exists(conn: Connection, tracking_id: str) -> bool:
    found = conn.execute(select(reports.c.version).where(reports.c.tracking_id == tracking_id))
    return found.first() is not None


def filters(
    *,
    tracking_ids: Sequence[str] | None = None,
    status: Status | Iterable[Status] | None = None,
    agency_id: str | None = None,
    category: str | Iterable[str] | None = None,
    submitted_from: datetime | None = None,
    submitted_until: datetime | None = None,
    public_only: bool = False,
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if tracking_ids is not None:
        where.append(reports.c.tracking_id.in_(list(tracking_ids)))
    if status is not None:
        wanted = [status] if isinstance(status, Status) else list(status)
        where.append(reports.c.status.in_([str(s) for s in wanted]))
    if agency_id is not None:
        where.append(
            or_(
                reports.c.handling_agency_id == agency_id,
                reports.c.handling_agency_id.startswith(f"{agency_id}.", autoescape=True),
            )
        )
    if category is not None:
        codes = [category] if isinstance(category, str) else list(category)
        where.append(reports.c.category.in_(codes))
    if submitted_from is not None:
        where.append(reports.c.submitted_at >= submitted_from)
    if submitted_until is not None:
        where.append(reports.c.submitted_at <= submitted_until)
    if public_only:
        where.append(and_(reports.c.public.is_(True)))
    return where


def load(conn: Connection, query: Select[tuple[object, ...]]) -> list[StoredReport]:
    """The reports a query selects, each rebuilt with its events (two queries per page)."""
    rows = list(conn.execute(query))
    if not rows:
        return []
    ids = [row.tracking_id for row in rows]
    history: dict[str, list[str]] = {tid: [] for tid in ids}
    found = conn.execute(
        select(events.c.tracking_id, events.c.document)
        .where(events.c.tracking_id.in_(ids))
        .order_by(events.c.tracking_id, events.c.seq)
    )
    for tracking_id, document in found:
        history[tracking_id].append(document)
    out = []
    for row in rows:
        # Events are append-only: the first ``version`` of them are this state's history.
        documents = history[row.tracking_id][: int(row.version)]
        if len(documents) != row.version:
            raise DataError(
                Message(
                    "STORE-INTEGRITY.stored-report-tracking-id",
                    "stored report {tracking_id} lacks events of its version [STORE-INTEGRITY]",
                    tracking_id=str(row.tracking_id),
                ),
                rule="STORE-INTEGRITY",
                field="version",
            )
        try:
            complaint = _codec.rebuild(row.document, documents)
        except ValidationError:
            raise DataError(
                Message(
                    "STORE-INTEGRITY.stored-report-tracking-id-2",
                    "stored report {tracking_id} no longer validates [STORE-INTEGRITY]",
                    tracking_id=str(row.tracking_id),
                ),
                rule="STORE-INTEGRITY",
                field="document",
            ) from None
        out.append(StoredReport(complaint, int(row.version)))
    return out
