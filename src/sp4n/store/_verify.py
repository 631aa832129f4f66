"""Verifying a store: the audit chain, and that reports, events and entries agree.

Rule AUDIT-CHAIN is checked by [`sp4n.audit.AuditLog.verify`][sp4n.audit.AuditLog.verify] on the
stored lines, exactly as for a JSON Lines file. Rule STORE-INTEGRITY adds
what only the database can tell: the head record matches the chain (so
entries dropped at the end show), each event row is named by exactly one
audit entry with its SHA-256 (so an edited, dropped or extra event shows),
and each report's version and status are those its last entry recorded.
"""

from __future__ import annotations

from typing import Final

import attrs
from sqlalchemy import Connection, select

from sp4n.audit import AuditLog, AuditVerification
from sp4n.store._chain import read_head, stored_log
from sp4n.store._codec import sha256
from sp4n.store._tables import events, reports

__all__ = ["StoreVerification", "verify_store"]

_SHOWN: Final = 20


@attrs.frozen
class StoreVerification:
    """Result of [`sp4n.store.Store.verify`][sp4n.store.Store.verify].

    Attributes:
        audit: The chain's own verification (AUDIT-CHAIN): length, head, first break.
        reports: Reports checked.
        events: Events checked.
        problems: STORE-INTEGRITY problems found (the first 20), without personal data.
        problem_count: How many problems in all.
    """

    audit: AuditVerification
    reports: int
    events: int
    problems: tuple[str, ...] = ()
    problem_count: int = 0

    @property
    def ok(self) -> bool:
        """Whether the chain is intact and the tables agree with it."""
        return self.audit.ok and self.problem_count == 0


class _Problems:
    def __init__(self) -> None:
        self.shown: list[str] = []
        self.count = 0

    def add(self, text: str) -> None:
        self.count += 1
        if len(self.shown) < _SHOWN:
            self.shown.append(text)


def _recorded(log: AuditLog, problems: _Problems) -> dict[tuple[str, int], tuple[str, str | None]]:
    """(tracking id, version) → (event hash, status after it), from the report entries."""
    out: dict[tuple[str, int], tuple[str, str | None]] = {}
    for entry in log:
        digest, version = entry.details.get("event_sha256"), entry.details.get("version")
        if not entry.action.startswith("report.") or not isinstance(digest, str):
            continue
        if not isinstance(version, int):
            problems.add(f"audit entry {entry.index} names an event without a version")
            continue
        key = (entry.subject, version)
        if key in out:
            problems.add(f"event {version} of {entry.subject} is audited twice")
        status = entry.details.get("status")
        out[key] = (digest, status if isinstance(status, str) else None)
    return out


def verify_store(
    conn: Connection, *, key: bytes | None = None, expected_head: str | None = None
) -> StoreVerification:
    """Verify the chain and the tables in one read transaction (see the module doc).

    Raises:
        DataError: a stored line is not an audit entry at all (rule AUDIT-FORMAT).
    """
    log = stored_log(conn, key=key)
    chain = log.verify(expected_head=expected_head)
    problems = _Problems()
    length, head, _ = read_head(conn)
    if (length, head) != (len(log), log.head):
        problems.add(
            f"the head record says {length} entries ending in {head[:12]}…, the chain has "
            f"{len(log)} ending in {log.head[:12]}… (entries dropped or added at the end)"
        )
    recorded = _recorded(log, problems)
    seen: set[tuple[str, int]] = set()
    counts: dict[str, int] = {}
    rows = conn.execute(
        select(events.c.tracking_id, events.c.seq, events.c.document).order_by(
            events.c.tracking_id, events.c.seq
        )
    )
    n_events = 0
    for tracking_id, seq, document in rows:
        n_events += 1
        counts[tracking_id] = counts.get(tracking_id, 0) + 1
        key_ = (tracking_id, seq + 1)
        seen.add(key_)
        found = recorded.get(key_)
        if found is None:
            problems.add(f"event {seq + 1} of {tracking_id} has no audit entry")
        elif found[0] != sha256(document):
            problems.add(f"event {seq + 1} of {tracking_id} differs from what was audited")
    for tracking_id, version in sorted(set(recorded) - seen):
        problems.add(f"event {version} of {tracking_id} was audited but is not stored")
    n_reports = 0
    for tracking_id, version, status in conn.execute(
        select(reports.c.tracking_id, reports.c.version, reports.c.status)
    ):
        n_reports += 1
        if counts.get(tracking_id, 0) != version:
            problems.add(
                f"report {tracking_id} is at version {version} "
                f"but has {counts.get(tracking_id, 0)} events"
            )
        last = recorded.get((tracking_id, version))
        if last is not None and last[1] is not None and last[1] != status:
            problems.add(f"report {tracking_id} has status {status}, its audit says {last[1]}")
    return StoreVerification(chain, n_reports, n_events, tuple(problems.shown), problems.count)
