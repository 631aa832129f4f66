"""Where audit entries go: the sink protocol and a durable, append-only file — *jejak audit*.

Rule: standard.md §4 (history is append-only) and §8 [D] (identity access is
logged); rule ids AUDIT-CHAIN, AUDIT-ORDER, AUDIT-FORMAT, AUDIT-FILE.

The engines that record what they do ([`sp4n.lifecycle.apply`][sp4n.lifecycle.apply],
[`sp4n.lifecycle.submit`][sp4n.lifecycle.submit], [`sp4n.privacy.view`][sp4n.privacy.view]) take any
[`AuditSink`][sp4n.audit_sink.AuditSink]: an object with the ``append`` of
[`sp4n.audit.AuditLog`][sp4n.audit.AuditLog]. Two ship with sp4n:

- [`sp4n.audit.AuditLog`][sp4n.audit.AuditLog], in memory (export it with ``to_jsonl``/``write``);
- [`AuditFile`][sp4n.audit_sink.AuditFile], a JSON Lines file that survives a crash: each entry is
  one line appended under an exclusive lock (``flock``), flushed and
  ``fsync``-ed before ``append`` returns; the file is never rewritten; when it
  is opened its last entry is verified (its hash, its link to the one before,
  a complete last line), so a torn or tampered tail is found before anything
  is chained to it. Several processes may append to the same file: each
  append re-reads the tail under the lock.

A file written here is the same JSON Lines that [`AuditLog.read`][sp4n.audit.AuditLog.read] reads
and
``sp4n audit verify`` checks in full.

>>> import tempfile, pathlib
>>> from datetime import UTC, datetime
>>> from sp4n.models import Actor
>>> from sp4n.vocabulary import Role
>>> path = pathlib.Path(tempfile.mkdtemp()) / "audit.jsonl"
>>> log = AuditFile(path)
>>> entry = log.append(at=datetime(2024, 4, 5, 2, 30, tzinfo=UTC),
...                    actor=Actor(role=Role.NATIONAL_ADMIN, user_id="op-1"),
...                    action="hold", subject="0012345674", details={"to": "ON_HOLD"})
>>> AuditFile(path).head == entry.hash, AuditLog.read(path).verify().ok
(True, True)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Final, Protocol, runtime_checkable

import attrs

from sp4n.audit import GENESIS, AuditEntry, AuditLog, JsonScalar, entry_hash
from sp4n.errors import DataError
from sp4n.i18n import Message
from sp4n.models import Actor

__all__ = ["AuditFile", "AuditSink"]

_RULE: Final = "AUDIT-FILE"
_TAIL_CHUNK: Final = 64 * 1024


@runtime_checkable
class AuditSink(Protocol):
    """Anything an engine can record an audit entry in (``AuditLog``, ``AuditFile``…).

    ``append`` adds one entry at the end of a hash chain and returns it; it
    raises [`DataError`][sp4n.errors.DataError] (AUDIT-ORDER, AUDIT-FORMAT) when
    the entry cannot be recorded, so the engine's step fails with it.
    """

    def append(
        self,
        *,
        at: datetime,
        actor: Actor,
        action: str,
        subject: str,
        details: Mapping[str, JsonScalar] | None = None,
    ) -> AuditEntry:
        """Record one entry and return it."""
        ...


def _open(path: Path, flags: int) -> int:
    """A descriptor on the audit file (created private, 0o600); AUDIT-FILE when it cannot be."""
    try:
        return os.open(path, flags, 0o600)
    except OSError as exc:
        raise DataError(
            Message(
                "AUDIT-FILE.cannot-open-audit-file",
                "cannot open audit file {path}: {value} [AUDIT-FILE]",
                path=str(path),
                value=str(exc.strerror or exc),
            ),
            rule=_RULE,
        ) from exc


def _lock(handle: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - POSIX only
        raise DataError(
            Message(
                "AUDIT-FILE.auditfile-needs-posix-file",
                "AuditFile needs POSIX file locks (flock) [AUDIT-FILE]",
            ),
            rule=_RULE,
        )
    import fcntl  # noqa: PLC0415 - POSIX only

    fcntl.flock(handle, fcntl.LOCK_EX)


def _unlock(handle: int) -> None:
    if sys.platform != "win32":
        import fcntl  # noqa: PLC0415 - POSIX only

        fcntl.flock(handle, fcntl.LOCK_UN)


def _last_lines(handle: int, size: int) -> tuple[str, ...]:
    """The last two complete lines of the file (fewer if it has fewer)."""
    chunk = b""
    offset = size
    while offset > 0 and chunk.count(b"\n") < 3:
        step = min(_TAIL_CHUNK, offset)
        offset -= step
        chunk = os.pread(handle, step, offset) + chunk
    lines = chunk.split(b"\n")
    if offset > 0:
        lines = lines[1:]  # the first piece may be the end of an earlier line
    try:
        return tuple(line.decode("utf-8") for line in lines if line.strip())[-2:]
    except UnicodeDecodeError as exc:
        raise DataError(
            Message(
                "AUDIT-FILE.audit-file-s-tail",
                "the audit file's tail is not UTF-8 [AUDIT-FILE]: {exc}",
                exc=str(exc),
            ),
            rule=_RULE,
        ) from exc


@attrs.define
class _Tail:
    """What the next entry chains to: the last entry, the file size it was read at."""

    size: int
    last: AuditEntry | None


class AuditFile:
    """A durable, append-only audit log in a JSON Lines file (see the module docstring).

    Args:
        path: The file; created (empty) if missing, never truncated or rewritten.
        key: The HMAC key the log is chained with, if any (see
            [`sp4n.audit.AuditLog`][sp4n.audit.AuditLog]); keep it out of the file's storage.

    Raises:
        DataError: the file cannot be opened, its last line is incomplete (a
            write torn by a crash), or its last entry does not verify (its
            hash, its canonical form or its link to the entry before): rule
            AUDIT-FILE. Repair such a file by hand from a verified copy; sp4n
            never rewrites it.
    """

    __slots__ = ("_key", "_path", "_tail")

    def __init__(self, path: str | Path, *, key: bytes | None = None) -> None:
        self._path = Path(path)
        self._key = key
        fd = _open(self._path, os.O_RDWR | os.O_CREAT | os.O_APPEND)
        try:
            _lock(fd)
            try:
                self._tail = self._read_tail(fd)
            finally:
                _unlock(fd)
        finally:
            os.close(fd)

    @property
    def path(self) -> Path:
        """The file."""
        return self._path

    @property
    def head(self) -> str:
        """Hash of the last entry as of the last open or append; `GENESIS` if empty."""
        last = self._tail.last
        return GENESIS if last is None else last.hash

    def __len__(self) -> int:
        last = self._tail.last
        return 0 if last is None else last.index + 1

    def _read_tail(self, fd: int) -> _Tail:
        """Read and verify the last entry (rule AUDIT-FILE)."""
        size = os.fstat(fd).st_size
        if size == 0:
            return _Tail(0, None)
        if os.pread(fd, 1, size - 1) != b"\n":
            raise DataError(
                Message(
                    "AUDIT-FILE.last-line-path-incomplete",
                    "the last line of {path} is incomplete (a torn write?): restore the file from "
                    "a verified copy [AUDIT-FILE]",
                    path=str(self._path),
                ),
                rule=_RULE,
                field="path",
            )
        lines = _last_lines(fd, size)
        log = AuditLog.from_jsonl("\n".join(lines), key=self._key)
        entries = log.entries
        last = entries[-1]
        previous = entries[-2] if len(entries) > 1 else None
        problem = None
        if lines[-1] != last.to_json():
            problem = "the last line is not the canonical JSON of its content"
        elif entry_hash(last.body(), key=self._key) != last.hash:
            problem = "the last entry's hash does not match its content" + (
                " (is the log keyed? give its key)" if self._key is None else " (or a wrong key)"
            )
        elif previous is None and (last.index != 0 or last.prev_hash != GENESIS):
            problem = "the only entry is not the first of a chain"
        elif previous is not None and (
            last.prev_hash != previous.hash or last.index != previous.index + 1
        ):
            problem = "the last entry does not link to the one before it"
        if problem is not None:
            raise DataError(
                Message(
                    "AUDIT-FILE.path-problem-nothing-appended",
                    "{path}: {problem}; nothing is appended to it [AUDIT-FILE]",
                    path=str(self._path),
                    problem=str(problem),
                ),
                rule=_RULE,
                field="path",
            )
        return _Tail(size, last)

    def append(
        self,
        *,
        at: datetime,
        actor: Actor,
        action: str,
        subject: str,
        details: Mapping[str, JsonScalar] | None = None,
    ) -> AuditEntry:
        """Append one entry as one line, durably, and return it.

        The entry is checked exactly as [`sp4n.audit.AuditLog.append`][sp4n.audit.AuditLog.append]
        checks it; then, under an exclusive lock, the tail is re-read if the
        file grew since (another process appended), the entry is chained to
        it and written with one ``write``, flushed and ``fsync``-ed.

        Raises:
            DataError: the entry is refused (AUDIT-ORDER, AUDIT-FORMAT), or
                the file cannot be written or its tail does not verify
                (AUDIT-FILE).
        """
        draft = AuditLog(key=self._key).append(
            at=at, actor=actor, action=action, subject=subject, details=details
        )
        fd = _open(self._path, os.O_WRONLY | os.O_APPEND)
        try:
            _lock(fd)
            try:
                return self._append_locked(fd, draft)
            finally:
                _unlock(fd)
        finally:
            os.close(fd)

    def _append_locked(self, fd: int, draft: AuditEntry) -> AuditEntry:
        if os.fstat(fd).st_size != self._tail.size:
            with open(self._path, "rb") as reader:
                self._tail = self._read_tail(reader.fileno())
        last = self._tail.last
        if last is not None and draft.at < last.at:
            raise DataError(
                Message(
                    "AUDIT-ORDER.audit-entries-appended-time",
                    "audit entries are appended in time order [AUDIT-ORDER]",
                ),
                rule="AUDIT-ORDER",
                field="at",
            )
        entry = attrs.evolve(
            draft,
            index=0 if last is None else last.index + 1,
            prev_hash=GENESIS if last is None else last.hash,
        )
        entry = attrs.evolve(entry, hash=entry_hash(entry.body(), key=self._key))
        line = (entry.to_json() + "\n").encode("utf-8")
        try:
            written = os.write(fd, line)
            os.fsync(fd)
        except OSError as exc:
            raise DataError(
                Message(
                    "AUDIT-FILE.cannot-append-audit-file",
                    "cannot append to audit file {path}: {exc} [AUDIT-FILE]",
                    path=str(self._path),
                    exc=str(exc),
                ),
                rule=_RULE,
            ) from exc
        if written != len(line):
            raise DataError(
                Message(
                    "AUDIT-FILE.short-write-path-written",
                    "short write to {path} ({written} of {count_line} bytes) [AUDIT-FILE]",
                    path=str(self._path),
                    written=str(written),
                    count_line=str(len(line)),
                ),
                rule=_RULE,
            )
        self._tail = _Tail(self._tail.size + len(line), entry)
        return entry
