"""The repository: reports, their events and the audit chain, one transaction per change."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Final

from pydantic import JsonValue
from sqlalchemy import (
    Connection,
    Engine,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

from sp4n import lifecycle
from sp4n._types import generate_tracking_id
from sp4n.audit import AuditLog, JsonScalar
from sp4n.errors import DataError, SP4NError
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Message
from sp4n.lifecycle import AgencyTree
from sp4n.models import Actor, Complaint, ComplaintSubmission, Event
from sp4n.privacy import view
from sp4n.rulebook import Rulebook
from sp4n.store import _codec
from sp4n.store._chain import append_entry, stored_log
from sp4n.store._engine import engine_for, reading, writing
from sp4n.store._migrate import migrate, require_current
from sp4n.store._queries import conflict, duplicate, exists, filters, load
from sp4n.store._results import ImportResult, StoredReport, utc_now
from sp4n.store._tables import deadlines, events, reports, tracking_serials
from sp4n.store._verify import StoreVerification, verify_store
from sp4n.vocabulary import Stage, Status
from sp4n.workdays import WorkingCalendar

__all__ = ["Store"]

_PAGE: Final = 500
# Statements built once: executing them with a parameter dict skips re-building per call.
_INSERT_REPORT: Final = insert(reports)
_INSERT_EVENT: Final = insert(events)
_INSERT_SERIAL: Final = insert(tracking_serials)
_SERIAL_TRIES: Final = 1000


class Store:
    """Reports, their histories and the audit trail in SQLite or PostgreSQL — *penyimpanan*.

    Every change is one transaction that writes the new report state, the
    event and its audit entry together, or nothing (a killed process leaves
    the last committed state). The lifecycle engine ([`sp4n.lifecycle.apply`][sp4n.lifecycle.apply])
    decides; the store only persists what it returns. Concurrency is
    optimistic (rule STORE-CONCURRENT-UPDATE, see the ADR "Optimistic version
    check for stored reports"): an event is written only if the report is
    still at the version it was decided on, else [`ConcurrentUpdate`][sp4n.errors.ConcurrentUpdate]
    carries the current report.

    Args:
        engine: A SQLAlchemy engine (see [`sp4n.store.engine_for`][sp4n.store.engine_for]); use
            [`open`][sp4n.store.Store.open] to build one from a path or URL.
        rulebook: The rules; by default those in force on each report's day.
        hierarchy: The agency tree for the lifecycle's scope checks and
            dispatch targets (and, for an ``AgencyGraph``, the SLA time zones);
            without it, agency ids must match exactly, as in ``lifecycle.apply``.
        calendar: Working days for timed transitions and SLA due dates; by
            default each report's, as the lifecycle and SLA engines choose it
            (the national calendar with its rulebook's week).
        audit_key: Chain the stored audit trail with HMAC-SHA256 under this key
            (keep it outside the database), as ``AuditLog(key=...)``.
        clock: When the store records something (audit entries); UTC now by default.
        tracking_digits: Length of issued tracking ids (rule TRACKING-ID [D]).

    >>> import tempfile, pathlib
    >>> from sp4n.models import ComplaintSubmission, Actor
    >>> from sp4n.vocabulary import Role
    >>> sub = ComplaintSubmission.model_validate_json(
    ...     '{"type": "COMPLAINT", "title": "Jalan rusak", "body": "Lubang besar.",'
    ...     ' "category": "regency_road", "channel": "WEB",'
    ...     ' "submitted_at": "2024-04-05T09:30:00+07:00"}')
    >>> folder = tempfile.mkdtemp()
    >>> store = Store.open(pathlib.Path(folder) / "reports.db")
    >>> stored = store.submit(sub, actor=Actor(role=Role.REPORTER, user_id="warga-1"))
    >>> (stored.tracking_id, stored.version, stored.status)
    ('0000000018', 1, <Status.SUBMITTED: 'SUBMITTED'>)
    >>> store.verify().ok
    True
    >>> store.close()
    """

    def __init__(
        self,
        engine: Engine,
        *,
        rulebook: Rulebook | None = None,
        hierarchy: AgencyTree | None = None,
        calendar: WorkingCalendar | None = None,
        audit_key: bytes | None = None,
        clock: Callable[[], datetime] = utc_now,
        tracking_digits: int = 10,
    ) -> None:
        self.engine = engine
        self.rulebook = rulebook
        self.hierarchy = hierarchy
        self.calendar = calendar
        self.audit_key = audit_key
        self.clock = clock
        self.tracking_digits = tracking_digits
        self._directory = hierarchy if isinstance(hierarchy, AgencyGraph) else None

    @classmethod
    def open(
        cls,
        target: str | Path | URL,
        *,
        migrate_schema: bool = True,
        rulebook: Rulebook | None = None,
        hierarchy: AgencyTree | None = None,
        calendar: WorkingCalendar | None = None,
        audit_key: bytes | None = None,
        clock: Callable[[], datetime] = utc_now,
        pool_size: int = 10,
    ) -> Store:
        """Open the store at a SQLite path or database URL, migrating it first by default.

        Raises:
            DataError: not a supported database (STORE-URL), or, with
                ``migrate_schema=False``, not at the shipped schema (STORE-SCHEMA).
        """
        engine = engine_for(target, pool_size=pool_size)
        try:
            if migrate_schema:
                migrate(engine)
            else:
                require_current(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(
            engine,
            rulebook=rulebook,
            hierarchy=hierarchy,
            calendar=calendar,
            audit_key=audit_key,
            clock=clock,
        )

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    # -- writing ---------------------------------------------------------------------------

    def submit(self, submission: ComplaintSubmission, *, actor: Actor) -> StoredReport:
        """Store a new report: issue its tracking id, apply ``submit``, audit it (rule LC-SUBMIT).

        Raises:
            PermissionDenied: the actor may not submit (see
                [`sp4n.lifecycle.submit`][sp4n.lifecycle.submit]).
        """
        # Decide and derive everything before taking the write lock; only the id is issued inside.
        draft = lifecycle.submit(
            submission, tracking_id=generate_tracking_id(0), actor=actor, rulebook=self.rulebook
        )
        row = _codec.report_row(draft, version=1, rulebook=self.rulebook)
        due = list(self._deadline_rows(draft))
        with writing(self.engine) as conn:
            tracking_id = self._issue(conn)
            complaint = draft.model_copy(update={"tracking_id": tracking_id})
            document = _codec.state_document(complaint)
            conn.execute(_INSERT_REPORT, {**row, "tracking_id": tracking_id, "document": document})
            self._write_event(conn, complaint, 0, action="report.submit")
            self._replace_deadlines(conn, tracking_id, due)
        return StoredReport(complaint, 1)

    def apply(
        self, tracking_id: str, event: Event, *, expected_version: int | None = None
    ) -> StoredReport:
        """Apply one event to a stored report in one transaction (state, event, audit entry).

        Args:
            tracking_id: The report.
            event: The event, with its actor and instant.
            expected_version: The version the caller decided on (e.g. from an
                HTTP ``If-Match``); by default the version read here.

        Raises:
            ConcurrentUpdate: the report is no longer at ``expected_version``,
                or another writer applied an event between read and write
                (rule STORE-CONCURRENT-UPDATE); carries the current report.
            InvalidTransition, PermissionDenied, UnknownAgency: the lifecycle
                engine refused the event (nothing is written).
            DataError: no such report (rule STORE-NOT-FOUND).
        """
        current = self.get(tracking_id)
        if expected_version is not None and expected_version != current.version:
            raise conflict(current)
        updated = lifecycle.apply(
            current.complaint,
            event,
            rulebook=self.rulebook,
            hierarchy=self.hierarchy,
            calendar=self.calendar,
        )
        version = current.version + 1
        row = _codec.report_row(updated, version=version, rulebook=self.rulebook)
        due = list(self._deadline_rows(updated))
        try:
            written = self._write_update(conn_rows=(row, due), updated=updated, current=current)
        except IntegrityError:
            written = False
        if not written:
            raise conflict(self.get(tracking_id))
        return StoredReport(updated, version)

    def _write_update(
        self,
        *,
        conn_rows: tuple[dict[str, object], Sequence[dict[str, object]]],
        updated: Complaint,
        current: StoredReport,
    ) -> bool:
        """Write an applied event if the report is still at ``current.version``.

        Returns ``False`` (and rolls back) when another writer moved the version.
        """
        row, due = conn_rows
        tracking_id = current.tracking_id
        with writing(self.engine) as conn:
            changed = conn.execute(
                update(reports)
                .where(
                    reports.c.tracking_id == tracking_id,
                    reports.c.version == current.version,
                )
                .values(row)
            )
            if changed.rowcount != 1:
                conn.rollback()
                return False
            self._write_event(
                conn,
                updated,
                current.version,
                action=f"report.{updated.history[-1].kind}",
                before=current.complaint.status,
            )
            self._replace_deadlines(conn, tracking_id, due)
        return True

    def import_report(self, complaint: Complaint) -> StoredReport:
        """Store an existing report with its whole history, after replaying it (HISTORY-*).

        One transaction per report: a killed import leaves whole reports only.

        Raises:
            DataError: the tracking id is already stored (rule STORE-DUPLICATE).
            InvalidTransition, PermissionDenied: the history does not replay.
        """
        lifecycle.check_history(
            complaint, rulebook=self.rulebook, hierarchy=self.hierarchy, calendar=self.calendar
        )
        version = len(complaint.history)
        row = _codec.report_row(complaint, version=version, rulebook=self.rulebook)
        due = list(self._deadline_rows(complaint))
        tracking_id = complaint.tracking_id
        try:
            with writing(self.engine) as conn:
                if exists(conn, tracking_id):
                    raise duplicate(tracking_id)
                conn.execute(_INSERT_REPORT, row)
                for seq in range(version):
                    self._write_event(conn, complaint, seq, action="report.import")
                self._replace_deadlines(conn, tracking_id, due)
        except IntegrityError:
            raise duplicate(tracking_id) from None
        return StoredReport(complaint, version)

    def import_reports(self, complaints: Iterable[Complaint]) -> ImportResult:
        """Import many reports; those already stored are skipped, so a rerun resumes.

        A report that fails its replay is counted as refused (its first five
        problems kept, without personal data), the others go on.
        """
        imported = skipped = refused = 0
        problems: list[str] = []
        for complaint in complaints:
            try:
                self.import_report(complaint)
            except DataError as exc:
                if exc.rule != "STORE-DUPLICATE":
                    raise
                skipped += 1
            except SP4NError as exc:
                refused += 1
                if len(problems) < 5:
                    problems.append(f"{complaint.tracking_id}: {exc} [{exc.rule}]")
            else:
                imported += 1
        return ImportResult(imported, skipped, refused, tuple(problems))

    def view(self, report: str | StoredReport, viewer: Actor) -> dict[str, JsonValue] | None:
        """The part of a stored report ``viewer`` may see (`sp4n.privacy.view`).

        A view that discloses the reporter's identity is recorded in the stored
        audit chain before it is returned (rule PRIV-ACCESS-LOG).

        Args:
            report: A tracking id, or a report already read.
            viewer: Who looks.

        Raises:
            DataError: no such report (rule STORE-NOT-FOUND).
        """
        stored = self.get(report) if isinstance(report, str) else report
        log = AuditLog()
        seen = view(
            stored.complaint,
            viewer,
            rulebook=self.rulebook,
            hierarchy=self.hierarchy,
            audit=log,
            at=self.clock(),
        )
        if len(log):
            with writing(self.engine) as conn:
                for entry in log:
                    append_entry(
                        conn,
                        clock=self.clock,
                        actor=entry.actor,
                        action=entry.action,
                        subject=entry.subject,
                        details=entry.details,
                        key=self.audit_key,
                    )
        return None if seen is None else seen.model_dump(mode="json")

    # -- reading ---------------------------------------------------------------------------

    def get(self, tracking_id: str) -> StoredReport:
        """The stored report.

        Raises:
            DataError: no such report (rule STORE-NOT-FOUND).
        """
        found = self.find(tracking_ids=(tracking_id,))
        if not found:
            raise DataError(
                Message(
                    "STORE-NOT-FOUND.no-stored-report-tracking",
                    "no stored report {tracking_id}",
                    tracking_id=repr(tracking_id),
                ),
                rule="STORE-NOT-FOUND",
                field="tracking_id",
            )
        return found[0]

    def find(
        self,
        *,
        tracking_ids: Sequence[str] | None = None,
        status: Status | Iterable[Status] | None = None,
        agency_id: str | None = None,
        category: str | Iterable[str] | None = None,
        submitted_from: datetime | None = None,
        submitted_until: datetime | None = None,
        public_only: bool = False,
        limit: int | None = None,
    ) -> list[StoredReport]:
        """Stored reports matching every filter given, newest submission first.

        Args:
            tracking_ids: Only these reports.
            status: One status or several.
            agency_id: Reports handled by this agency or one of its units
                (ids ``<agency>.<unit>``), by the handling chain's last agency.
            category: One category code (Open311 ``service_code``) or several.
            submitted_from: Submitted at or after this instant.
            submitted_until: Submitted at or before this instant.
            public_only: Only reports with a public view (verified, not
                confidential, not deleted: PRIV-CONFIDENTIAL, PRIV-PUBLISH-UNVERIFIED).
            limit: At most this many.
        """
        query = select(reports).where(
            *filters(
                tracking_ids=tracking_ids,
                status=status,
                agency_id=agency_id,
                category=category,
                submitted_from=submitted_from,
                submitted_until=submitted_until,
                public_only=public_only,
            )
        )
        query = query.order_by(reports.c.submitted_at.desc(), reports.c.tracking_id.desc())
        if limit is not None:
            query = query.limit(limit)
        with reading(self.engine) as conn:
            return load(conn, query)

    def count(
        self,
        *,
        status: Status | Iterable[Status] | None = None,
        agency_id: str | None = None,
        public_only: bool = False,
    ) -> int:
        """How many stored reports match the filters (see [`find`][sp4n.store.Store.find])."""
        query = select(func.count()).select_from(reports)
        query = query.where(*filters(status=status, agency_id=agency_id, public_only=public_only))
        with reading(self.engine) as conn:
            return int(conn.execute(query).scalar_one())

    def overdue(
        self,
        stage: Stage,
        *,
        now: datetime,
        agency_id: str | None = None,
        limit: int | None = None,
    ) -> list[StoredReport]:
        """Reports whose ``stage`` clock still runs and fell due before ``now`` (SLA-* rows).

        The due instants were computed by [`sp4n.sla.deadlines`][sp4n.sla.deadlines] when the
        report last changed, so this is one indexed range query.

        Raises:
            DataError: ``now`` is naive (rule TIMESTAMP-AWARE).
        """
        if now.tzinfo is None or now.utcoffset() is None:
            raise DataError(
                Message("TIMESTAMP-AWARE.now-timezone-aware", "now must be timezone-aware"),
                rule="TIMESTAMP-AWARE",
                field="now",
            )
        late = (
            select(deadlines.c.tracking_id)
            .where(deadlines.c.stage == str(stage), deadlines.c.due_at < now)
            .distinct()
        )
        query = select(reports).where(
            reports.c.tracking_id.in_(late), *filters(agency_id=agency_id)
        )
        query = query.order_by(reports.c.submitted_at, reports.c.tracking_id)
        if limit is not None:
            query = query.limit(limit)
        with reading(self.engine) as conn:
            return load(conn, query)

    def reports(self, *, page: int = _PAGE) -> Iterator[Complaint]:
        """Every stored report, in tracking-id order, read in pages from one snapshot.

        For monev (``sp4n monev --db URL``): memory stays at one page.
        """
        last = ""
        with reading(self.engine) as conn:
            while True:
                query = (
                    select(reports)
                    .where(reports.c.tracking_id > last)
                    .order_by(reports.c.tracking_id)
                    .limit(page)
                )
                batch = load(conn, query)
                if not batch:
                    return
                for stored in batch:
                    yield stored.complaint
                last = batch[-1].tracking_id

    def audit_log(self) -> AuditLog:
        """The stored audit chain as an [`AuditLog`][sp4n.audit.AuditLog] (for export or checks)."""
        with reading(self.engine) as conn:
            return stored_log(conn, key=self.audit_key)

    def verify(self, *, expected_head: str | None = None) -> StoreVerification:
        """Check the stored audit chain and that reports, events and entries agree.

        Rules AUDIT-CHAIN (the chain, as [`sp4n.audit.AuditLog.verify`][sp4n.audit.AuditLog.verify])
        and STORE-INTEGRITY (the head record matches the chain; each report's
        version equals its events; each event has the audit entry that names
        its hash).
        """
        with reading(self.engine) as conn:
            return verify_store(conn, key=self.audit_key, expected_head=expected_head)

    # -- internals -------------------------------------------------------------------------

    def _deadline_rows(self, complaint: Complaint) -> Iterator[dict[str, object]]:
        return iter(
            _codec.deadline_rows(
                complaint,
                rulebook=self.rulebook,
                calendar=self.calendar,
                hierarchy=self._directory,
            )
        )

    def _issue(self, conn: Connection) -> str:
        """The next tracking id (rule TRACKING-ID): a serial with its check digit, unused."""
        for _ in range(_SERIAL_TRIES):
            issued = conn.execute(_INSERT_SERIAL, {"issued_at": self.clock()})
            key = issued.inserted_primary_key
            serial = int(key[0]) if key is not None else 0
            tracking_id = generate_tracking_id(serial, digits=self.tracking_digits)
            if not exists(conn, tracking_id):  # an imported report may hold it already
                return tracking_id
        raise DataError(
            Message(
                "STORE-DUPLICATE.no-free-tracking-id",
                "no free tracking id after many tries (imported ids fill the range)",
            ),
            rule="STORE-DUPLICATE",
        )  # pragma: no cover

    def _write_event(
        self,
        conn: Connection,
        complaint: Complaint,
        seq: int,
        *,
        action: str,
        before: Status | None = None,
    ) -> None:
        """Insert the ``seq``-th event and the audit entry naming its hash."""
        event = complaint.history[seq]
        row = _codec.event_row(complaint.tracking_id, seq, event, recorded_at=self.clock())
        conn.execute(_INSERT_EVENT, row)
        details: dict[str, JsonScalar] = {
            "event": str(event.kind),
            "version": seq + 1,
            "event_sha256": _codec.sha256(str(row["document"])),
        }
        if before is not None:
            details["from"] = str(before)
        if seq == len(complaint.history) - 1:
            details["status"] = str(complaint.status)
        append_entry(
            conn,
            clock=self.clock,
            actor=event.actor,
            action=action,
            subject=complaint.tracking_id,
            details=details,
            key=self.audit_key,
        )

    @staticmethod
    def _replace_deadlines(
        conn: Connection, tracking_id: str, rows: Sequence[dict[str, object]]
    ) -> None:
        conn.execute(delete(deadlines).where(deadlines.c.tracking_id == tracking_id))
        if rows:
            conn.execute(insert(deadlines), [{**row, "tracking_id": tracking_id} for row in rows])
