"""The durable audit file, audit entries written by the lifecycle, keyed-log diagnosis (#12)."""

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sp4n import lifecycle
from sp4n.audit import AuditLog
from sp4n.audit_sink import AuditFile, AuditSink
from sp4n.cli import main
from sp4n.errors import DataError, InvalidTransition
from sp4n.models import (
    Actor,
    ArchiveEvent,
    ComplaintSubmission,
    HoldEvent,
    VerifyAndDispatchEvent,
)
from sp4n.privacy import IDENTITY_READ, view
from sp4n.vocabulary import ArchiveReason, Role

AT = datetime(2024, 7, 15, 2, 30, tzinfo=UTC)
REPORTER = Actor(role=Role.REPORTER, user_id="warga-1")
ADMIN = Actor(role=Role.NATIONAL_ADMIN, user_id="op-1")
SUB = ComplaintSubmission.model_validate_json(
    json.dumps(
        {
            "type": "COMPLAINT",
            "title": "Pungli di kantor desa",
            "body": "Saya Siti Aminah, HP 0812-3456-7890, dimintai uang.",
            "category": "licensing",
            "channel": "WEB",
            "reporter": {"name": "Siti Aminah", "phone": "081234567890"},
            "submitted_at": AT.isoformat(),
        }
    )
)


def _append(log: AuditSink, minutes: int = 0, subject: str = "0012345674") -> None:
    log.append(at=AT + timedelta(minutes=minutes), actor=ADMIN, action="hold", subject=subject)


def test_AUDIT_FILE_appends_lines_that_verify_and_reopen(tmp_path: Path) -> None:
    """Entries appended one by one form the same chain an AuditLog would; reopening continues it."""
    path = tmp_path / "audit.jsonl"
    first = AuditFile(path)
    for i in range(3):
        _append(first, i)
    again = AuditFile(path)
    assert (len(again), again.head) == (3, first.head)
    _append(again, 5)
    log = AuditLog.read(path)
    assert log.verify().ok
    assert [e.index for e in log] == [0, 1, 2, 3]
    memory = AuditLog()
    for i in (0, 1, 2, 5):
        _append(memory, i)
    assert memory.to_jsonl() == path.read_text("utf-8")


def test_AUDIT_FILE_never_rewrites(tmp_path: Path) -> None:
    """Appending keeps every byte already written (the file only grows)."""
    path = tmp_path / "audit.jsonl"
    log = AuditFile(path)
    _append(log)
    before = path.read_bytes()
    _append(log, 1)
    assert path.read_bytes().startswith(before)


def test_AUDIT_FILE_two_writers_share_the_chain(tmp_path: Path) -> None:
    """A second writer on the same file chains to the first one's entries (tail re-read)."""
    path = tmp_path / "audit.jsonl"
    a, b = AuditFile(path), AuditFile(path)
    _append(a, 0)
    _append(b, 1)
    _append(a, 2)
    log = AuditLog.read(path)
    assert log.verify().ok
    assert len(log) == 3


def test_AUDIT_FILE_writers_in_other_processes(tmp_path: Path) -> None:
    """Processes appending at once never interleave or fork the chain (flock + fsync)."""
    path = tmp_path / "audit.jsonl"
    script = (
        "import sys; from datetime import UTC, datetime; from sp4n.audit_sink import AuditFile;"
        "from sp4n.models import Actor; from sp4n.vocabulary import Role\n"
        "log = AuditFile(sys.argv[1])\n"
        "for i in range(15):\n"
        "    log.append(at=datetime(2030, 1, 1, tzinfo=UTC), actor=Actor(role=Role.SYSTEM),"
        " action='auto_close', subject=sys.argv[2])\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(path), f"{n:010d}"]) for n in range(3)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    log = AuditLog.read(path)
    assert (len(log), log.verify().ok) == (45, True)


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda t: t[:-1], "incomplete"),
        (lambda t: t.replace("0012345674", "0012345675"), "hash"),
        (lambda t: t.replace('"index":1', '"index":7'), "hash"),
    ],
)
def test_AUDIT_FILE_tail_is_verified_when_opened(tmp_path: Path, damage: object, why: str) -> None:
    """A torn last line or an edited last entry is refused at open; nothing is chained to it."""
    path = tmp_path / "audit.jsonl"
    log = AuditFile(path)
    _append(log)
    _append(log, 1)
    path.write_text(damage(path.read_text("utf-8")), encoding="utf-8")  # type: ignore[operator]
    size = path.stat().st_size
    with pytest.raises(DataError) as info:
        AuditFile(path)
    assert info.value.rule == "AUDIT-FILE"
    assert why in str(info.value)
    assert path.stat().st_size == size


def test_AUDIT_FILE_keyed_file_needs_its_key(tmp_path: Path) -> None:
    """A keyed file reopens with its key; without it the tail fails and says keyed, not edited."""
    path = tmp_path / "audit.jsonl"
    _append(AuditFile(path, key=b"rahasia"))
    assert len(AuditFile(path, key=b"rahasia")) == 1
    with pytest.raises(DataError, match="keyed"):
        AuditFile(path)


def test_AUDIT_ORDER_refused_by_the_file_too(tmp_path: Path) -> None:
    """The file refuses an entry older than its last one (AUDIT-ORDER), like AuditLog."""
    log = AuditFile(tmp_path / "audit.jsonl")
    _append(log, 10)
    with pytest.raises(DataError) as info:
        _append(log, 0)
    assert info.value.rule == "AUDIT-ORDER"


def test_AUDIT_FILE_unwritable_place_is_a_data_error(tmp_path: Path) -> None:
    """A path that cannot be opened is a DataError (AUDIT-FILE), not an OSError."""
    with pytest.raises(DataError) as info:
        AuditFile(tmp_path / "missing-dir" / "audit.jsonl")
    assert info.value.rule == "AUDIT-FILE"


def test_apply_records_each_step_in_the_same_call(tmp_path: Path) -> None:
    """submit/apply with audit=: action = event kind, subject = tracking id, no personal data."""
    path = tmp_path / "audit.jsonl"
    log = AuditFile(path)
    c = lifecycle.submit(SUB, tracking_id="0012345674", actor=REPORTER, audit=log)
    hold = HoldEvent(at=AT, actor=ADMIN, reason="Siti Aminah, lengkapi alamat")
    c = lifecycle.apply(c, hold, audit=log)
    c = lifecycle.apply(
        c,
        ArchiveEvent(at=AT + timedelta(hours=1), actor=ADMIN, reason=ArchiveReason.DUPLICATE),
        audit=log,
    )
    entries = AuditLog.read(path).entries
    assert [(e.action, e.subject) for e in entries] == [
        ("submit", "0012345674"),
        ("hold", "0012345674"),
        ("archive", "0012345674"),
    ]
    assert dict(entries[1].details) == {"rule": "LC-HOLD", "from": "SUBMITTED", "to": "ON_HOLD"}
    assert entries[2].details["reason"] == "DUPLICATE"
    text = path.read_text("utf-8")
    assert "Siti" not in text
    assert "0812" not in text


def test_dispatch_entry_names_the_target_and_admin_flags() -> None:
    """A verification's entry carries the target agency and the flags it set (codes only)."""
    log = AuditLog()
    c = lifecycle.submit(SUB, tracking_id="0012345674", actor=REPORTER)
    verify = VerifyAndDispatchEvent(
        at=AT, actor=ADMIN, agency_id="kab-32.01", anonymous=True, summary_title="Siti Aminah"
    )
    lifecycle.apply(c, verify, audit=log)
    details = dict(log.entries[-1].details)
    assert details == {
        "rule": "LC-VERIFY-DISPATCH",
        "from": "SUBMITTED",
        "to": "DISPATCHED",
        "agency_id": "kab-32.01",
        "anonymous": True,
    }


def test_refused_step_writes_nothing() -> None:
    """An unlawful event raises and leaves the audit log untouched."""
    log = AuditLog()
    c = lifecycle.submit(SUB, tracking_id="0012345674", actor=REPORTER, audit=log)
    with pytest.raises(InvalidTransition):
        lifecycle.apply(
            c, ArchiveEvent(at=AT, actor=ADMIN, reason=ArchiveReason.HOLD_EXPIRED), audit=log
        )
    assert len(log) == 1


def test_audit_refusal_fails_the_step() -> None:
    """If the entry cannot be recorded (AUDIT-ORDER), the step fails: no unlogged transition."""
    log = AuditLog()
    log.append(at=AT + timedelta(days=1), actor=ADMIN, action="hold", subject="x")
    c = lifecycle.submit(SUB, tracking_id="0012345674", actor=REPORTER)
    with pytest.raises(DataError) as info:
        lifecycle.apply(c, HoldEvent(at=AT, actor=ADMIN, reason="Lengkapi"), audit=log)
    assert info.value.rule == "AUDIT-ORDER"


def test_PRIV_ACCESS_LOG_identity_view_goes_to_the_file(tmp_path: Path) -> None:
    """Viewing the identity records its access entry in an AuditFile too."""
    path = tmp_path / "audit.jsonl"
    log = AuditFile(path)
    c = lifecycle.submit(SUB, tracking_id="0012345674", actor=REPORTER, audit=log)
    shown = view(c, Actor(role=Role.OMBUDSMAN, user_id="ori-1"), audit=log, at=AT)
    assert shown is not None
    assert [e.action for e in AuditLog.read(path)] == ["submit", IDENTITY_READ]


def _keyed_file(tmp_path: Path, key: bytes) -> Path:
    path = tmp_path / "audit.jsonl"
    log = AuditLog(key=key)
    for i in range(3):
        _append(log, i)
    log.write(path)
    return path


def test_AUDIT_KEY_keyed_log_without_key_is_not_called_edited(tmp_path: Path) -> None:
    """verify() of a keyed log without its key says keyed (AUDIT-KEY), not "entry edited"."""
    path = _keyed_file(tmp_path, b"rahasia")
    found = AuditLog.read(path).verify().first_break
    assert found is not None
    assert found.rule == "AUDIT-KEY"
    assert "keyed" in found.reason
    assert AuditLog.read(path, key=b"rahasia").verify().ok
    wrong = AuditLog.read(path, key=b"rahasia\n").verify().first_break
    assert wrong is not None
    assert (wrong.rule, "wrong" in wrong.reason) == ("AUDIT-KEY", True)


def test_AUDIT_KEY_an_edit_is_still_an_edit(tmp_path: Path) -> None:
    """One edited entry of a keyed log checked with its key is AUDIT-CHAIN, entry edited."""
    path = _keyed_file(tmp_path, b"rahasia")
    text = path.read_text("utf-8").replace('"subject":"0012345674"', '"subject":"0012345675"', 1)
    path.write_text(text, "utf-8")
    found = AuditLog.read(path, key=b"rahasia").verify().first_break
    assert found is not None
    assert found.rule == "AUDIT-CHAIN"


def test_AUDIT_KEY_cli_says_give_key_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """sp4n audit verify: "this log is keyed: give --key-file"; a key file's newline is ignored."""
    path = _keyed_file(tmp_path, b"rahasia")
    assert main(["audit", "verify", str(path)]) == 1
    assert "this log is keyed: give --key-file" in capsys.readouterr().out
    key = tmp_path / "key"
    key.write_bytes(b"rahasia\n")
    assert main(["audit", "verify", str(path), "--key-file", str(key)]) == 0
    assert "intact: 3 entries" in capsys.readouterr().out
    key.write_bytes(b"salah\n")
    assert main(["audit", "verify", str(path), "--key-file", str(key)]) == 1
    assert "[AUDIT-KEY]" in capsys.readouterr().out


def test_AUDIT_FILE_is_an_audit_sink(tmp_path: Path) -> None:
    """AuditLog and AuditFile both satisfy the sink protocol the engines take."""
    assert isinstance(AuditLog(), AuditSink)
    assert isinstance(AuditFile(tmp_path / "a.jsonl"), AuditSink)
