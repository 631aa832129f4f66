"""The repository on SQLite and PostgreSQL: writes, reads, queries, imports and verification."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, update
from stdnum import luhn

from sp4n.errors import ConcurrentUpdate, DataError, InvalidTransition, PermissionDenied
from sp4n.lifecycle import handling_chain
from sp4n.models import (
    Actor,
    Complaint,
    ComplaintSubmission,
    PostFollowUpEvent,
    Reporter,
    VerifyAndDispatchEvent,
)
from sp4n.privacy import IDENTITY_READ
from sp4n.sla import SlaState, deadlines
from sp4n.store import Store, current_revision, database_url, engine_for, head_revision
from sp4n.store._tables import audit_entries, audit_head, events, metadata, reports
from sp4n.vocabulary import Role, Stage, Status

REPORTER = Actor(role=Role.REPORTER, user_id="warga-1")
ADMIN = Actor(role=Role.NATIONAL_ADMIN, user_id="op-1")


def dispatch(sub: ComplaintSubmission, agency: str = "kab-16.02", hours: int = 2):
    """A verify-and-dispatch event by the national admin, ``hours`` after submission."""
    return VerifyAndDispatchEvent(
        at=sub.submitted_at + timedelta(hours=hours), actor=ADMIN, agency_id=agency
    )


def test_STORE_SCHEMA_migrations_create_exactly_the_tables(store: Store) -> None:
    """The shipped migration yields the declared tables: autogenerate finds nothing to change."""
    assert current_revision(store.engine) == head_revision()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_STORE_SCHEMA_unmigrated_database_is_refused(db_url: str) -> None:
    """Opening without migrating an empty database names rule STORE-SCHEMA."""
    with pytest.raises(DataError) as caught:
        Store.open(db_url, migrate_schema=False)
    assert caught.value.rule == "STORE-SCHEMA"


@pytest.mark.parametrize(
    "target",
    ["mysql://u:secret@host/db", "postgresql+asyncpg://u@h/db", "sqlite://", "sqlite:///:memory:"],
)
def test_STORE_URL_unsupported_databases_are_refused(target: str) -> None:
    """Only a SQLite file or PostgreSQL through psycopg; the password never shows."""
    with pytest.raises(DataError) as caught:
        engine_for(target)
    assert caught.value.rule == "STORE-URL"
    assert "secret" not in str(caught.value)


def test_STORE_URL_plain_postgresql_means_psycopg() -> None:
    """``postgresql://`` and ``postgres://`` are read as the psycopg 3 driver."""
    assert database_url("postgres://u@h/db").drivername == "postgresql+psycopg"


def test_LC_SUBMIT_submit_issues_a_tracking_id_and_audits(
    store: Store, submission: ComplaintSubmission
) -> None:
    """A submission gets a Luhn-checked tracking id, status SUBMITTED, one event, one entry."""
    first = store.submit(submission, actor=REPORTER)
    second = store.submit(submission, actor=REPORTER)
    assert first.tracking_id != second.tracking_id
    assert luhn.is_valid(first.tracking_id)
    assert (first.version, first.status) == (1, Status.SUBMITTED)
    assert store.get(first.tracking_id) == first
    log = store.audit_log()
    assert [(e.action, e.subject) for e in log] == [
        ("report.submit", first.tracking_id),
        ("report.submit", second.tracking_id),
    ]
    assert log.verify().ok


def test_LC_SUBMIT_refused_submit_writes_nothing(
    store: Store, submission: ComplaintSubmission
) -> None:
    """A reporter without a user id may not submit (LC-SUBMIT); no id is consumed visibly."""
    with pytest.raises(PermissionDenied) as caught:
        store.submit(submission, actor=Actor(role=Role.REPORTER))
    assert caught.value.rule == "LC-SUBMIT"
    assert store.count() == 0
    assert len(store.audit_log()) == 0


def test_LC_VERIFY_DISPATCH_apply_writes_state_event_and_entry(
    store: Store, submission: ComplaintSubmission
) -> None:
    """One applied event: version +1, the new status, the event row, and its audit entry."""
    stored = store.submit(submission, actor=REPORTER)
    after = store.apply(stored.tracking_id, dispatch(submission))
    assert (after.version, after.status) == (2, Status.DISPATCHED)
    assert store.get(stored.tracking_id) == after
    assert handling_chain(after.complaint) == ("kab-16.02",)
    entry = store.audit_log().entries[-1]
    assert entry.action == "report.verify_and_dispatch"
    assert dict(entry.details)["from"] == "SUBMITTED"
    assert dict(entry.details)["status"] == "DISPATCHED"
    assert store.verify().ok


def test_LC_CLOSE_refused_event_writes_nothing(
    store: Store, submission: ComplaintSubmission
) -> None:
    """An event the engine refuses leaves version, events and audit as they were."""
    stored = store.submit(submission, actor=REPORTER)
    before = len(store.audit_log())
    with pytest.raises(InvalidTransition):
        store.apply(
            stored.tracking_id,
            PostFollowUpEvent(
                at=submission.submitted_at + timedelta(hours=1),
                actor=Actor(role=Role.AGENCY_ADMIN, agency_id="kab-16.02"),
                text="Sudah diperbaiki.",
            ),
        )
    assert store.get(stored.tracking_id).version == 1
    assert len(store.audit_log()) == before


def test_STORE_CONCURRENT_UPDATE_stale_version_gets_the_current_report(
    store: Store, submission: ComplaintSubmission
) -> None:
    """An event decided on version 1 after version 2 was written is refused with the state."""
    stored = store.submit(submission, actor=REPORTER)
    store.apply(stored.tracking_id, dispatch(submission), expected_version=1)
    with pytest.raises(ConcurrentUpdate) as caught:
        store.apply(stored.tracking_id, dispatch(submission, "kab-16.01"), expected_version=1)
    err = caught.value
    assert (err.rule, err.version) == ("STORE-CONCURRENT-UPDATE", 2)
    assert err.current is not None
    assert err.current.status is Status.DISPATCHED
    assert handling_chain(err.current) == ("kab-16.02",)
    assert store.get(stored.tracking_id).version == 2
    assert store.verify().ok


def test_STORE_NOT_FOUND_unknown_tracking_id(store: Store) -> None:
    """Reading or changing an unknown report names rule STORE-NOT-FOUND."""
    with pytest.raises(DataError) as caught:
        store.get("0012345674")
    assert caught.value.rule == "STORE-NOT-FOUND"


def test_queries_match_the_domain_functions(
    store: Store, sample_reports: tuple[Complaint, ...]
) -> None:
    """Status, agency, category, date and public filters select what the library says."""
    result = store.import_reports(sample_reports)
    assert (result.imported, result.refused) == (len(sample_reports), 0)
    for status in {c.status for c in sample_reports}:
        assert {s.tracking_id for s in store.find(status=status)} == {
            c.tracking_id for c in sample_reports if c.status is status
        }
    agency = handling_chain(sample_reports[0])[0]
    expected = {
        c.tracking_id
        for c in sample_reports
        if handling_chain(c)
        and handling_chain(c)[-1].split(".")[0] == agency.split(".")[0]
        and (handling_chain(c)[-1] == agency or handling_chain(c)[-1].startswith(agency + "."))
    }
    assert {s.tracking_id for s in store.find(agency_id=agency)} == expected
    middle = sorted(c.submitted_at for c in sample_reports)[len(sample_reports) // 2]
    assert {s.tracking_id for s in store.find(submitted_from=middle)} == {
        c.tracking_id for c in sample_reports if c.submitted_at >= middle
    }
    public = {s.tracking_id for s in store.find(public_only=True)}
    assert public
    assert all(not store.get(t).complaint.confidential for t in public)
    assert store.count() == len(sample_reports)


def test_SLA_overdue_query_matches_the_sla_engine(
    store: Store, sample_reports: tuple[Complaint, ...]
) -> None:
    """Reports overdue at ``now`` are those the SLA engine judges BREACHED and still open."""
    store.import_reports(sample_reports)
    last = max(c.history[-1].at for c in sample_reports)
    for now in (last, last + timedelta(days=30)):
        judged = {c.tracking_id: deadlines(c, now=now) for c in sample_reports}
        for stage in (Stage.VERIFICATION, Stage.FIRST_FOLLOW_UP, Stage.RESOLUTION):
            expected = {
                tracking_id
                for tracking_id, found in judged.items()
                if any(
                    d.stage is stage and d.state is SlaState.BREACHED and d.ended_at is None
                    for d in found
                )
            }
            assert {s.tracking_id for s in store.overdue(stage, now=now)} == expected, stage


def test_TIMESTAMP_AWARE_overdue_needs_an_aware_now(store: Store) -> None:
    """A naive ``now`` is refused, never guessed."""
    with pytest.raises(DataError) as caught:
        store.overdue(Stage.VERIFICATION, now=datetime(2024, 1, 1))  # noqa: DTZ001
    assert caught.value.rule == "TIMESTAMP-AWARE"


def test_reports_stream_every_report_once(
    store: Store, sample_reports: tuple[Complaint, ...]
) -> None:
    """The monev stream yields each stored report once, equal to what was imported."""
    store.import_reports(sample_reports)
    streamed = list(store.reports(page=7))
    assert sorted(c.tracking_id for c in streamed) == sorted(c.tracking_id for c in sample_reports)
    assert {c.tracking_id: c for c in streamed} == {c.tracking_id: c for c in sample_reports}


def test_STORE_DUPLICATE_import_twice_skips(
    store: Store, sample_reports: tuple[Complaint, ...]
) -> None:
    """A second import of the same reports stores nothing new: a rerun resumes."""
    store.import_reports(sample_reports[:10])
    again = store.import_reports(sample_reports)
    assert (again.imported, again.skipped) == (len(sample_reports) - 10, 10)
    with pytest.raises(DataError) as caught:
        store.import_report(sample_reports[0])
    assert caught.value.rule == "STORE-DUPLICATE"
    assert store.verify().ok


def test_TRACKING_ID_issued_ids_skip_imported_ones(
    store: Store, sample_reports: tuple[Complaint, ...], submission: ComplaintSubmission
) -> None:
    """A serial whose tracking id an imported report holds is passed over."""
    imported = sample_reports[0].model_copy(update={"tracking_id": "0000000018"})
    store.import_report(imported)
    issued = store.submit(submission, actor=REPORTER)
    assert issued.tracking_id not in {"0000000018"}
    assert store.count() == 2


def test_PRIV_ACCESS_LOG_identity_reads_are_stored_in_the_chain(
    store: Store, submission: ComplaintSubmission
) -> None:
    """An oversight view that shows the reporter adds an identity-read entry; public sees none."""
    named = submission.model_copy(
        update={"reporter": Reporter(name="Siti Aminah", phone="+6281234567890")}
    )
    stored = store.submit(named, actor=REPORTER)
    assert store.view(stored.tracking_id, Actor(role=Role.PUBLIC)) is None  # not verified yet
    seen = store.view(stored.tracking_id, Actor(role=Role.OMBUDSMAN, user_id="ori-7"))
    assert seen is not None
    assert "reporter" in seen
    last = store.audit_log().entries[-1]
    assert (last.action, last.subject) == (IDENTITY_READ, stored.tracking_id)
    assert store.verify().ok


def test_AUDIT_CHAIN_keyed_chain_needs_its_key(
    db_url: str, submission: ComplaintSubmission
) -> None:
    """A chain stored with an HMAC key verifies with the key and breaks without it."""
    keyed = Store.open(db_url, audit_key=b"kunci-rahasia")
    keyed.submit(submission, actor=REPORTER)
    assert keyed.verify().ok
    keyed.close()
    plain = Store.open(db_url)
    assert not plain.verify().ok
    plain.close()


def test_STORE_INTEGRITY_tampering_is_found(store: Store, submission: ComplaintSubmission) -> None:
    """Edited events, dropped entries and edited versions each break verification."""
    stored = store.submit(submission, actor=REPORTER)
    store.apply(stored.tracking_id, dispatch(submission))
    assert store.verify().ok
    tid = stored.tracking_id
    with store.engine.begin() as conn:
        doc = conn.execute(
            select(events.c.document).where(events.c.tracking_id == tid, events.c.seq == 1)
        ).scalar_one()
        conn.execute(
            update(events)
            .where(events.c.tracking_id == tid, events.c.seq == 1)
            .values(document=doc.replace("kab-16.02", "kab-16.01"))
        )
    found = store.verify()
    assert not found.ok
    assert found.audit.ok  # the chain itself is intact: only the tables disagree
    assert any("differs from what was audited" in p for p in found.problems)


def test_STORE_INTEGRITY_dropped_last_entry_is_found(
    store: Store, submission: ComplaintSubmission
) -> None:
    """Deleting the newest audit entry leaves a valid shorter chain, but not a valid store."""
    stored = store.submit(submission, actor=REPORTER)
    store.apply(stored.tracking_id, dispatch(submission))
    with store.engine.begin() as conn:
        last = conn.execute(select(func.max(audit_entries.c.position))).scalar_one()
        conn.execute(audit_entries.delete().where(audit_entries.c.position == last))
    found = store.verify()
    assert found.audit.ok
    assert not found.ok
    assert found.problem_count >= 2  # the head record, and an event without its entry


def test_AUDIT_CHAIN_edited_entry_breaks_the_chain(
    store: Store, submission: ComplaintSubmission
) -> None:
    """Editing a stored entry's line is found at that entry (AuditLog.verify)."""
    store.submit(submission, actor=REPORTER)
    store.submit(submission, actor=REPORTER)
    with store.engine.begin() as conn:
        line = conn.execute(
            select(audit_entries.c.line).where(audit_entries.c.position == 0)
        ).scalar_one()
        conn.execute(
            update(audit_entries)
            .where(audit_entries.c.position == 0)
            .values(line=line.replace("warga-1", "warga-2"))
        )
    found = store.verify()
    assert found.audit.first_break is not None
    assert found.audit.first_break.index == 0


def test_STORE_INTEGRITY_version_without_events_is_found(
    store: Store, submission: ComplaintSubmission
) -> None:
    """A report whose version was edited no longer matches its events."""
    stored = store.submit(submission, actor=REPORTER)
    with store.engine.begin() as conn:
        conn.execute(
            update(reports).where(reports.c.tracking_id == stored.tracking_id).values(version=5)
        )
        head = conn.execute(select(audit_head.c.length)).scalar_one()
    assert head == 1
    assert any("version 5" in p for p in store.verify().problems)


def test_TIMESTAMP_AWARE_audit_instants_never_go_back(
    db_url: str, submission: ComplaintSubmission
) -> None:
    """A clock that jumps back still records entries in time order (AUDIT-ORDER)."""
    instants = iter(
        [datetime(2024, 5, 1, tzinfo=UTC)] * 4 + [datetime(2024, 4, 1, tzinfo=UTC)] * 10
    )
    clocked = Store.open(db_url, clock=lambda: next(instants))
    clocked.submit(submission, actor=REPORTER)
    clocked.submit(submission, actor=REPORTER)
    log = clocked.audit_log()
    assert log.entries[1].at >= log.entries[0].at
    assert clocked.verify().ok
    clocked.close()


def test_STORE_CONCURRENT_UPDATE_a_read_takes_the_events_of_its_version(
    store: Store, submission: ComplaintSubmission
) -> None:
    """An event row committed after the report row was read is not mixed into that state."""
    stored = store.submit(submission, actor=REPORTER)
    after = store.apply(stored.tracking_id, dispatch(submission))
    with store.engine.begin() as conn:  # the report row as it was before the dispatch
        conn.execute(
            update(reports)
            .where(reports.c.tracking_id == stored.tracking_id)
            .values(
                version=1,
                status="SUBMITTED",
                document=stored.complaint.model_dump_json(exclude={"history"}),
            )
        )
    assert store.get(stored.tracking_id) == stored
    assert after.version == 2
