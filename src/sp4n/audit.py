"""A tamper-evident audit trail: an append-only, hash-chained log — *jejak audit*.

Rule: standard.md §4 (history is append-only) and §8 [D] (every access to a
reporter's identity by a privileged role is logged). Rule ids: AUDIT-CHAIN,
AUDIT-ORDER, AUDIT-FORMAT, AUDIT-KEY. A durable file that each entry is
appended to as it is made is [`sp4n.audit_sink.AuditFile`][sp4n.audit_sink.AuditFile];
[`AuditLog.write`][sp4n.audit.AuditLog.write]
exports a whole log at once.

Each entry's ``hash`` is SHA-256 over the canonical JSON (RFC 8785, via the
``rfc8785`` package) of the entry's content *including the previous entry's
hash*; the first entry links to [`GENESIS`][sp4n.audit.GENESIS]. So an edit, deletion,
reordering or insertion *that leaves the other hashes alone* breaks a link
that [`AuditLog.verify`][sp4n.audit.AuditLog.verify] reports (first broken index and reason).

What the chain alone does **not** catch: anyone can edit an entry and
recompute every hash after it (the hash function is public), and dropping
entries at the end leaves a valid shorter chain. Detecting such a re-hashed
forgery needs one of:

- an **anchored head**: the head hash kept somewhere the forger cannot
  write (a receipt, a second system, a signed daily digest), passed to
  [`AuditLog.verify`][sp4n.audit.AuditLog.verify] as ``expected_head``; or
- a **key**: ``AuditLog(key=...)`` chains with HMAC-SHA256 instead of plain
  SHA-256, so without the key nobody can recompute valid hashes (keep the
  key out of the log's storage).

The log is exchanged as JSON Lines, one canonical JSON object per line; a line
that is not exactly the canonical form of its content is reported as well.

>>> from datetime import UTC, datetime
>>> from sp4n.models import Actor
>>> from sp4n.vocabulary import Role
>>> log = AuditLog()
>>> entry = log.append(at=datetime(2024, 4, 5, 2, 30, tzinfo=UTC),
...                    actor=Actor(role=Role.OMBUDSMAN, user_id="orī-7"),
...                    action="reporter_identity.read", subject="0012345674")
>>> (entry.index, entry.prev_hash == GENESIS, log.verify().ok)
(0, True, True)
>>> _ = log.append(at=datetime(2024, 4, 5, 3, tzinfo=UTC), actor=Actor(role=Role.AUDITOR),
...                action="reporter_identity.read", subject="0012345682")
>>> copy = AuditLog.from_jsonl(log.to_jsonl().replace("0012345674", "0012345675"))
>>> copy.verify().first_break
AuditBreak(index=0, reason='hash does not match the content (entry edited)', rule='AUDIT-CHAIN')
>>> keyed = AuditLog(key=b"secret")
>>> _ = keyed.append(at=datetime(2024, 4, 5, 3, tzinfo=UTC), actor=Actor(role=Role.AUDITOR),
...                  action="reporter_identity.read", subject="0012345682")
>>> AuditLog.from_jsonl(keyed.to_jsonl()).verify().first_break.rule  # checked without its key
'AUDIT-KEY'
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, cast

import attrs
import rfc8785
from pydantic import ValidationError

from sp4n._files import atomic_text_writer, decode_utf8, read_bytes
from sp4n._guards import CHECKS, boundary
from sp4n.errors import DataError
from sp4n.i18n import Lang, Message
from sp4n.models import Actor

__all__ = [
    "GENESIS",
    "AuditBreak",
    "AuditEntry",
    "AuditLog",
    "AuditVerification",
    "JsonScalar",
    "entry_hash",
]

GENESIS: Final = "0" * 64
"""The ``prev_hash`` of the first entry."""

JsonScalar = str | int | bool | None
"""A value allowed in an entry's ``details``: no floats, and integers within ±(2**53 − 1),
so that canonical JSON (RFC 8785, numbers as IEEE doubles) is exact."""

_EDITED: Final = Message("AUDIT-CHAIN.edited", "hash does not match the content (entry edited)")
_NO_KEY: Final = Message(
    "AUDIT-KEY.missing",
    "no hash matches its content, yet every entry links to the one before: "
    "this log is keyed (HMAC-SHA256): verify it with its key (--key-file), "
    "or else every entry was edited",
)
_WRONG_KEY: Final = Message(
    "AUDIT-KEY.wrong",
    "no hash matches its content under this key, yet every entry links to the one "
    "before: the key is wrong (a key file with a trailing newline?), "
    "or else every entry was edited",
)

_KEYS: Final = frozenset({"index", "at", "actor", "action", "subject", "details", "prev_hash"})


_SAFE_INT: Final = 2**53 - 1  # RFC 8785 numbers are IEEE doubles


def _is_scalar(value: object) -> bool:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return True
    return isinstance(value, int) and -_SAFE_INT <= value <= _SAFE_INT


def _instant(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _instant_problem(value: object) -> Message | None:
    """Why ``value`` cannot be an entry's instant: aware and representable in UTC."""
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        return Message("AUDIT-ORDER.naive", "an audit entry needs a timezone-aware instant")
    try:
        value.astimezone(UTC)
    except (OverflowError, ValueError):
        return Message(
            "AUDIT-ORDER.no-utc",
            "the instant has no UTC equivalent (at the edge of the calendar)",
        )
    return None


def _entry_problem(
    at: object, actor: object, action: object, subject: object, details: object
) -> tuple[str, str, Message] | None:
    """What is wrong with an entry's content, as (rule, field, message); ``None`` if nothing.

    The one check behind [`AuditLog.append`][sp4n.audit.AuditLog.append] and the reader: whatever
    ``append`` accepts, [`AuditLog.from_jsonl`][sp4n.audit.AuditLog.from_jsonl] reads back.
    """
    problem = _instant_problem(at)
    if problem is not None:
        return "AUDIT-ORDER", "at", problem
    if not isinstance(actor, Actor):
        return (
            "AUDIT-FORMAT",
            "actor",
            Message(
                "AUDIT-FORMAT.actor",
                "actor must be an Actor, not {type}",
                type=type(actor).__name__,
            ),
        )
    for name, value in (("action", action), ("subject", subject)):
        if not isinstance(value, str):
            return (
                "AUDIT-FORMAT",
                name,
                Message(
                    "AUDIT-FORMAT.text",
                    "{name} must be text, not {type}",
                    name=name,
                    type=type(value).__name__,
                ),
            )
    if not isinstance(details, Mapping):
        return (
            "AUDIT-FORMAT",
            "details",
            Message("AUDIT-FORMAT.details", "details must be a mapping"),
        )
    if not all(isinstance(k, str) for k in details) or not all(
        _is_scalar(v) for v in details.values()
    ):
        return (
            "AUDIT-FORMAT",
            "details",
            Message(
                "AUDIT-FORMAT.scalars",
                "audit details are JSON scalars: str, int (within ±2**53), bool or null",
            ),
        )
    return None


def _freeze(details: Mapping[str, JsonScalar] | None) -> Mapping[str, JsonScalar]:
    return MappingProxyType(dict(details or {}))


def _canonical(body: Mapping[str, object]) -> bytes:
    """RFC 8785 canonical JSON, or DataError (AUDIT-FORMAT) for what has no canonical form."""
    try:
        return rfc8785.dumps(cast("Any", dict(body)))
    except (rfc8785.CanonicalizationError, ValueError, TypeError, RecursionError) as exc:
        raise DataError(
            Message(
                "AUDIT-FORMAT.entry-has-no-canonical",
                "the entry has no canonical JSON form: {exc} [AUDIT-FORMAT]",
                exc=str(exc),
            ),
            rule="AUDIT-FORMAT",
        ) from exc


def entry_hash(body: Mapping[str, object], *, key: bytes | None = None) -> str:
    """SHA-256 (hex) of the RFC 8785 canonical JSON of an entry's content (AUDIT-CHAIN).

    With ``key``, HMAC-SHA256 under that key: only its holder can compute it.

    Raises:
        DataError: the content has no canonical JSON form (rule AUDIT-FORMAT).
    """
    data = _canonical(body)
    if key is not None:
        return hmac.new(key, data, hashlib.sha256).hexdigest()
    return hashlib.sha256(data).hexdigest()


@attrs.frozen
class AuditEntry:
    """One line of the audit trail. Immutable; built only by `AuditLog.append`.

    Attributes:
        index: Position in the log, from 0.
        at: When the audited action happened (UTC).
        actor: Who did it.
        action: What was done, a dotted verb such as ``reporter_identity.read``.
        subject: What it was done to, e.g. a tracking id.
        details: Extra JSON scalars (never personal data itself).
        prev_hash: Hash of the previous entry ([`GENESIS`][sp4n.audit.GENESIS] for the first).
        hash: SHA-256 of this entry's canonical content including ``prev_hash``.
    """

    index: int
    at: datetime
    actor: Actor
    action: str
    subject: str
    details: Mapping[str, JsonScalar] = attrs.field(converter=_freeze)
    prev_hash: str
    hash: str

    def body(self) -> dict[str, object]:
        """The hashed content: every field but ``hash``, as JSON values."""
        return {
            "index": self.index,
            "at": _instant(self.at),
            "actor": self.actor.model_dump(mode="json"),
            "action": self.action,
            "subject": self.subject,
            "details": dict(self.details),
            "prev_hash": self.prev_hash,
        }

    def to_json(self) -> str:
        """The entry as one line of canonical JSON (RFC 8785), hash included."""
        return _canonical({**self.body(), "hash": self.hash}).decode()


@attrs.frozen
class AuditBreak:
    """The first broken link of a chain: the entry's index, why, and the rule.

    ``rule`` is AUDIT-CHAIN for a broken link, or AUDIT-KEY when no hash
    matches but every entry links to the one before: the log is keyed and was
    checked without its key, or with a wrong one, rather than edited.
    """

    index: int
    reason: str
    rule: str = "AUDIT-CHAIN"
    message: Message | None = attrs.field(default=None, repr=False, eq=False)
    """``reason`` as a catalogue message (``text()`` in either language)."""

    @classmethod
    def of(cls, index: int, message: Message, rule: str = "AUDIT-CHAIN") -> AuditBreak:
        """A break whose reason is ``message`` (``reason`` its English text)."""
        return cls(index, str(message), rule, message)

    def text(self, lang: Lang = "en") -> str:
        """Why the link is broken, in ``lang``."""
        return self.reason if self.message is None else self.message.text(lang)


@attrs.frozen
class AuditVerification:
    """Result of [`AuditLog.verify`][sp4n.audit.AuditLog.verify].

    Attributes:
        ok: Whether the whole chain is intact.
        length: Number of entries checked.
        head: Hash of the last entry ([`GENESIS`][sp4n.audit.GENESIS] for an empty log).
        first_break: The first broken link, or ``None``.
    """

    ok: bool
    length: int
    head: str
    first_break: AuditBreak | None = None


class AuditLog:
    """An append-only, hash-chained audit log.

    There is no way to edit or remove an entry through this API:
    [`append`][sp4n.audit.AuditLog.append]
    adds one and returns it, everything else reads. A log read from JSON Lines
    ([`from_jsonl`][sp4n.audit.AuditLog.from_jsonl]) keeps what it read, broken or not, so that
    [`verify`][sp4n.audit.AuditLog.verify] can say where it breaks.

    Args:
        key: Optional secret for keyed chaining (HMAC-SHA256): a forger
            without it cannot recompute the hashes after an edit. Without a
            key, only an anchored head (``verify(expected_head=...)``)
            detects a re-hashed forgery.
    """

    __slots__ = ("_entries", "_key", "_lines")

    @boundary(key=CHECKS["secret"])
    def __init__(self, *, key: bytes | None = None) -> None:
        self._entries: list[AuditEntry] = []
        self._lines: list[str | None] = []
        self._key = key

    # -- writing ---------------------------------------------------------------------------

    def append(
        self,
        *,
        at: datetime,
        actor: Actor,
        action: str,
        subject: str,
        details: Mapping[str, JsonScalar] | None = None,
    ) -> AuditEntry:
        """Add an entry at the end of the chain and return it.

        What goes in is checked with the rules the reader applies
        ([`from_jsonl`][sp4n.audit.AuditLog.from_jsonl]), so a log this method wrote always reads
        back.

        Raises:
            DataError: ``at`` is not an aware datetime, has no UTC equivalent
                or is before the last entry (rule AUDIT-ORDER); ``actor`` is
                not an [`Actor`][sp4n.models.Actor], ``action`` or ``subject``
                is not text, ``details`` is not a mapping of string
                keys to JSON scalars, or text has no canonical form such as a
                lone surrogate (AUDIT-FORMAT).
        """
        problem = _entry_problem(at, actor, action, subject, {} if details is None else details)
        if problem is not None:
            rule, field, message = problem
            raise DataError(
                Message("AUDIT-FORMAT.problem", "{problem} [{rule}]", problem=message, rule=rule),
                rule=rule,
                field=field,
            )
        if self._entries and at < self._entries[-1].at:
            raise DataError(
                Message(
                    "AUDIT-ORDER.audit-entries-appended-time",
                    "audit entries are appended in time order [AUDIT-ORDER]",
                ),
                rule="AUDIT-ORDER",
                field="at",
            )
        values = dict(details or {})
        body: dict[str, object] = {
            "index": len(self._entries),
            "at": _instant(at),
            "actor": actor.model_dump(mode="json"),
            "action": action,
            "subject": subject,
            "details": values,
            "prev_hash": self.head,
        }
        entry = AuditEntry(
            index=len(self._entries),
            at=at.astimezone(UTC),
            actor=actor,
            action=action,
            subject=subject,
            details=values,
            prev_hash=self.head,
            hash=entry_hash(body, key=self._key),
        )
        self._entries.append(entry)
        self._lines.append(None)
        return entry

    # -- reading ---------------------------------------------------------------------------

    @property
    def entries(self) -> tuple[AuditEntry, ...]:
        """All entries, oldest first."""
        return tuple(self._entries)

    @property
    def head(self) -> str:
        """Hash of the last entry; `GENESIS` for an empty log. Anchor it elsewhere."""
        return self._entries[-1].hash if self._entries else GENESIS

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[AuditEntry]:
        return iter(tuple(self._entries))

    def verify(self, *, expected_head: str | None = None) -> AuditVerification:
        """Check every link; report the first broken one (rule AUDIT-CHAIN).

        Args:
            expected_head: A head hash anchored elsewhere; if given, a log whose
                head differs (e.g. truncated at the end) is reported as broken
                at index ``len(log)``.
        """
        previous: AuditEntry | None = None
        for i, entry in enumerate(self._entries):
            reason = self._link_problem(i, entry, previous)
            if reason is not None:
                found = AuditBreak.of(i, reason)
                if reason == _EDITED and self._keyed_elsewhere():
                    why = _NO_KEY if self._key is None else _WRONG_KEY
                    found = AuditBreak.of(i, why, "AUDIT-KEY")
                return AuditVerification(False, len(self), self.head, found)
            previous = entry
        if expected_head is not None and expected_head != self.head:
            reason = Message(
                "AUDIT-CHAIN.head",
                "the head differs from the anchored head (entries dropped or replaced)",
            )
            return AuditVerification(False, len(self), self.head, AuditBreak.of(len(self), reason))
        return AuditVerification(True, len(self), self.head)

    def _keyed_elsewhere(self) -> bool:
        """No entry's hash matches under the key in use, yet every entry links up (AUDIT-KEY).

        An edit breaks one hash; a keyed log checked without its key (or with a
        wrong one, such as a key file's trailing newline) breaks all of them.
        """
        previous = GENESIS
        for entry in self._entries:
            if entry.prev_hash != previous:
                return False
            try:
                if entry_hash(entry.body(), key=self._key) == entry.hash:
                    return False
            except DataError:
                return False
            previous = entry.hash
        return bool(self._entries)

    def _link_problem(  # noqa: PLR0911 - one return per problem
        self, i: int, entry: AuditEntry, previous: AuditEntry | None
    ) -> Message | None:
        raw = self._lines[i]
        if raw is not None and raw != entry.to_json():
            return Message(
                "AUDIT-CHAIN.not-canonical",
                "the line is not the canonical JSON of its content (edited)",
            )
        if entry.index != i:
            return Message(
                "AUDIT-CHAIN.index",
                "index is {index}, expected {expected} (entry dropped, inserted or moved)",
                index=str(entry.index),
                expected=str(i),
            )
        expected_prev = GENESIS if previous is None else previous.hash
        if entry.prev_hash != expected_prev:
            return Message(
                "AUDIT-CHAIN.prev-hash",
                "prev_hash does not match the previous entry (entry dropped, inserted or moved)",
            )
        try:
            expected = entry_hash(entry.body(), key=self._key)
        except DataError:
            return Message("AUDIT-CHAIN.no-canonical", "the content has no canonical JSON form")
        if expected != entry.hash:
            return _EDITED
        if previous is not None and entry.at < previous.at:
            return Message(
                "AUDIT-ORDER.before-previous",
                "entry is before the previous one (out of time order)",
            )
        return None

    # -- exchange --------------------------------------------------------------------------

    def to_jsonl(self) -> str:
        """The log as JSON Lines: one canonical JSON object per line."""
        return "".join(
            (raw if raw is not None else entry.to_json()) + "\n"
            for entry, raw in zip(self._entries, self._lines, strict=True)
        )

    def write(self, path: str | Path) -> None:
        """Export the log to ``path`` as JSON Lines (UTF-8), replacing the file atomically.

        The log goes to a temporary file beside ``path`` that replaces it only
        when complete, so a failed write never leaves a truncated log. For a
        log that must survive a crash entry by entry, record into a
        [`sp4n.audit_sink.AuditFile`][sp4n.audit_sink.AuditFile] instead.

        Raises:
            DataError: the file cannot be written (rule OUTPUT-FILE).
        """
        text = self.to_jsonl()
        with atomic_text_writer(path, field="path") as handle:
            handle.write(text)

    @classmethod
    @boundary(key=CHECKS["secret"])
    def from_jsonl(cls, text: str, *, key: bytes | None = None) -> AuditLog:
        """Read a log from JSON Lines, keeping it as it is (call `verify`).

        Args:
            text: The JSON Lines.
            key: The key it was chained with, if any (see [`AuditLog`][sp4n.audit.AuditLog]).

        Raises:
            DataError: a line is not a JSON object with the entry fields, or
                cannot be read at all (too deep, a number too large, text
                without a canonical form) (rule AUDIT-FORMAT).
        """
        log = cls(key=key)
        # Split on "\n" only: str.splitlines would also split inside strings on U+2028 etc.
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            log._entries.append(_parse_line(line, number))
            log._lines.append(line)
        return log

    @classmethod
    @boundary(key=CHECKS["secret"])
    def read(cls, path: str | Path, *, key: bytes | None = None) -> AuditLog:
        """Read a log from a JSON Lines file (chained with ``key``, if given).

        Raises:
            DataError: the file cannot be read or is not a log (rule AUDIT-FORMAT).
        """
        try:
            text = decode_utf8(read_bytes(path), source=str(path))
        except DataError as exc:
            raise DataError(
                Message(
                    "AUDIT-FORMAT.cannot-read-audit-log",
                    "cannot read audit log: {exc}",
                    exc=str(exc),
                ),
                rule="AUDIT-FORMAT",
            ) from None
        return cls.from_jsonl(text, key=key)


def _parse_line(line: str, number: int) -> AuditEntry:
    entry_or_problem = _parse_entry(line)
    if isinstance(entry_or_problem, Message):
        raise DataError(
            Message(
                "AUDIT-FORMAT.line",
                "line {number}: {problem} [AUDIT-FORMAT]",
                number=str(number),
                problem=entry_or_problem,
            ),
            rule="AUDIT-FORMAT",
        )
    return entry_or_problem


def _parse_entry(line: str) -> AuditEntry | Message:  # noqa: PLR0911 - one return per problem
    """The entry of a line, or what is wrong with it."""
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):  # JSONDecodeError, huge integers, deep nesting
        return Message(
            "AUDIT-FORMAT.not-json", "not JSON (or nested too deep, or a number too large)"
        )
    if not isinstance(data, dict) or set(data) != _KEYS | {"hash"}:
        return Message("AUDIT-FORMAT.fields", "not an audit entry (wrong fields)")
    index, at, actor, details = data["index"], data["at"], data["actor"], data["details"]
    texts = (at, data["action"], data["subject"], data["prev_hash"], data["hash"])
    if (
        not isinstance(index, int)
        or isinstance(index, bool)
        or not all(isinstance(t, str) for t in texts)
        or not isinstance(details, dict)
        or not isinstance(actor, dict)
    ):
        return Message("AUDIT-FORMAT.type", "a field has the wrong type")
    try:
        when = datetime.fromisoformat(at)
        who = Actor.model_validate(actor, strict=False)
    except (ValueError, ValidationError):
        return Message("AUDIT-FORMAT.instant-or-actor", "bad instant or actor")
    problem = _entry_problem(when, who, data["action"], data["subject"], details)
    if problem is not None:
        return problem[2]
    try:
        _canonical(data)
    except DataError:
        return Message(
            "AUDIT-FORMAT.canonical", "text without a canonical JSON form (e.g. a lone surrogate)"
        )
    return AuditEntry(
        index=index,
        at=when,
        actor=who,
        action=data["action"],
        subject=data["subject"],
        details=details,
        prev_hash=data["prev_hash"],
        hash=data["hash"],
    )
