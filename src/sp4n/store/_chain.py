"""The audit chain kept in the database: append under the head lock, verify with AuditLog.

Rule: standard.md §4/§8, rows AUDIT-CHAIN, AUDIT-ORDER, STORE-INTEGRITY. The
entries are those of [`sp4n.audit`][sp4n.audit] — same fields, same canonical JSON,
same hash ([`sp4n.audit.entry_hash`][sp4n.audit.entry_hash]) — so
[`sp4n.audit.AuditLog`][sp4n.audit.AuditLog]
verifies the stored chain exactly as it verifies a JSON Lines file.

One chain means one order: an append locks the single ``audit_head`` row
(PostgreSQL ``SELECT … FOR UPDATE``; SQLite's write lock is already held), so
concurrent writers append one after the other and never fork the chain. The
head lock is taken last in a transaction and held only until its commit.
The instant recorded is the store's clock, never earlier than the head's
(AUDIT-ORDER holds even when two machines' clocks disagree).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Final

import attrs
from sqlalchemy import Connection, bindparam, insert, select, update

from sp4n.audit import AuditEntry, AuditLog, JsonScalar, entry_hash
from sp4n.errors import DataError
from sp4n.i18n import Message
from sp4n.models import Actor
from sp4n.store._tables import HEAD_ID, audit_entries, audit_head

__all__ = ["append_entry", "read_head", "stored_log"]

_INSERT_ENTRY: Final = insert(audit_entries)
_UPDATE_HEAD: Final = (
    update(audit_head)
    .where(audit_head.c.id == HEAD_ID)
    .values(length=bindparam("new_length"), hash=bindparam("new_hash"), at=bindparam("new_at"))
)
_HEAD: Final = select(audit_head.c.length, audit_head.c.hash, audit_head.c.at).where(
    audit_head.c.id == HEAD_ID
)
_HEAD_LOCKED: Final = _HEAD.with_for_update()


def read_head(conn: Connection, *, lock: bool = False) -> tuple[int, str, datetime | None]:
    """The chain's length, head hash and last instant (locked for the transaction if asked).

    Raises:
        DataError: the head record is missing (rule STORE-SCHEMA).
    """
    row = conn.execute(_HEAD_LOCKED if lock else _HEAD).one_or_none()
    if row is None:
        raise DataError(
            Message(
                "STORE-SCHEMA.audit-head-record-missing",
                "the audit head record is missing: the schema was not created by sp4n",
            ),
            rule="STORE-SCHEMA",
        )
    return int(row.length), str(row.hash), row.at


def append_entry(
    conn: Connection,
    *,
    clock: Callable[[], datetime],
    actor: Actor,
    action: str,
    subject: str,
    details: Mapping[str, JsonScalar],
    key: bytes | None = None,
) -> AuditEntry:
    """Append one entry to the stored chain, inside the caller's transaction.

    Raises:
        DataError: ``details`` has no canonical JSON form (rule AUDIT-FORMAT).
    """
    length, head, last_at = read_head(conn, lock=True)
    now = clock()
    at = now if last_at is None or now >= last_at else last_at
    draft = AuditEntry(
        index=length,
        at=at,
        actor=actor,
        action=action,
        subject=subject,
        details=details,
        prev_hash=head,
        hash="",
    )
    entry = attrs.evolve(draft, hash=entry_hash(draft.body(), key=key))
    conn.execute(
        _INSERT_ENTRY,
        {
            "position": entry.index,
            "at": entry.at,
            "action": action,
            "subject": subject,
            "actor_role": str(actor.role),
            "prev_hash": entry.prev_hash,
            "hash": entry.hash,
            "line": entry.to_json(),
        },
    )
    conn.execute(_UPDATE_HEAD, {"new_length": length + 1, "new_hash": entry.hash, "new_at": at})
    return entry


def stored_log(conn: Connection, *, key: bytes | None = None) -> AuditLog:
    """The stored chain as an [`AuditLog`][sp4n.audit.AuditLog], line by line as stored.

    Raises:
        DataError: a stored line is not an audit entry (rule AUDIT-FORMAT).
    """
    lines = conn.execute(select(audit_entries.c.line).order_by(audit_entries.c.position))
    return AuditLog.from_jsonl("\n".join(str(line) for line in lines.scalars()), key=key)
