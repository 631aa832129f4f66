"""Tests of sp4n.audit: the hash chain detects every edit, deletion, reordering and insertion."""

import argparse
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sp4n.audit import GENESIS, AuditLog, entry_hash
from sp4n.cli import audit as audit_cli
from sp4n.errors import DataError
from sp4n.models import Actor
from sp4n.vocabulary import Role

T0 = datetime(2024, 4, 5, 2, 30, tzinfo=UTC)
ACTORS = (
    Actor(role=Role.OMBUDSMAN, user_id="ori-1"),
    Actor(role=Role.NATIONAL_ADMIN, user_id="op-1"),
    Actor(role=Role.AUDITOR, agency_id="inspektorat-jabar", user_id="apip-2"),
)


def build(n: int = 5) -> AuditLog:
    log = AuditLog()
    for i in range(n):
        log.append(
            at=T0 + timedelta(minutes=i),
            actor=ACTORS[i % len(ACTORS)],
            action="reporter_identity.read",
            subject=f"00123456{i:02d}",
            details={"view": "oversight", "anonymous": i % 2 == 0, "n": i, "note": None},
        )
    return log


def detected(text: str, *, head: str | None = None) -> bool:
    """Whether a tampered JSON Lines text is refused (unreadable) or reported broken."""
    try:
        log = AuditLog.from_jsonl(text)
    except DataError:
        return True
    return not log.verify(expected_head=head).ok


def test_fresh_log_verifies() -> None:
    """A log built by appends is intact; the chain starts at GENESIS and links each entry."""
    log = build()
    result = log.verify()
    assert result.ok
    assert result.length == 5
    assert log.entries[0].prev_hash == GENESIS
    for a, b in zip(log.entries, log.entries[1:], strict=False):
        assert b.prev_hash == a.hash
    assert all(entry_hash(e.body()) == e.hash for e in log)


def test_round_trip_jsonl(tmp_path: Path) -> None:
    """Export then import gives the same entries, still intact."""
    log = build()
    path = tmp_path / "audit.jsonl"
    log.write(path)
    again = AuditLog.read(path)
    assert again.entries == log.entries
    assert again.verify(expected_head=log.head).ok
    assert again.to_jsonl() == log.to_jsonl()


def test_every_single_byte_flip_detected() -> None:
    """AUDIT-CHAIN: flipping any one byte of any entry is detected."""
    text = build(3).to_jsonl()
    data = text.encode()
    for position, byte in enumerate(data):
        if byte == ord("\n"):
            continue
        for flip in (0x01, 0x20):
            tampered = bytearray(data)
            tampered[position] ^= flip
            try:
                candidate = tampered.decode()
            except UnicodeDecodeError:
                continue  # an unreadable file is refused by the CLI (exit 2)
            assert detected(candidate), (position, flip)


@pytest.mark.parametrize("index", range(5))
def test_drop_entry_detected(index: int) -> None:
    """Deleting any entry is detected; at the end, only with the anchored head."""
    log = build()
    lines = log.to_jsonl().splitlines(keepends=True)
    del lines[index]
    head = log.head if index == len(lines) else None
    assert detected("".join(lines), head=head)


@pytest.mark.parametrize(("i", "j"), [(0, 1), (1, 3), (2, 4), (0, 4)])
def test_swap_entries_detected(i: int, j: int) -> None:
    """Reordering two entries is detected."""
    lines = build().to_jsonl().splitlines(keepends=True)
    lines[i], lines[j] = lines[j], lines[i]
    assert detected("".join(lines))


@pytest.mark.parametrize("index", range(6))
def test_insert_entry_detected(index: int) -> None:
    """Inserting an entry, even a well-formed one from another log, is detected."""
    lines = build().to_jsonl().splitlines(keepends=True)
    other = AuditLog()
    forged = other.append(at=T0, actor=ACTORS[0], action="forged", subject="x")
    lines.insert(index, forged.to_json() + "\n")
    assert detected("".join(lines), head=build().head)


def test_recomputed_forgery_needs_anchor() -> None:
    """A re-hashed edit passes verify() alone; the anchored head catches it."""
    original = build()
    forged = AuditLog()
    for entry in original:
        forged.append(
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            subject="9999999999" if entry.index == 2 else entry.subject,
            details=entry.details,
        )
    assert forged.verify().ok
    result = forged.verify(expected_head=original.head)
    assert not result.ok
    assert result.first_break is not None
    assert result.first_break.index == len(forged)


def test_first_break_index_and_reason() -> None:
    """verify names the first broken entry and why."""
    lines = build().to_jsonl().splitlines(keepends=True)
    lines[3] = lines[3].replace("0012345603", "0012345699")
    result = AuditLog.from_jsonl("".join(lines)).verify()
    assert result.first_break is not None
    assert result.first_break.index == 3
    assert "edited" in result.first_break.reason


def test_append_refuses_time_travel_and_bad_details() -> None:
    """AUDIT-ORDER and AUDIT-FORMAT: entries in time order, details JSON scalars only."""
    log = build(1)
    with pytest.raises(DataError) as info:
        log.append(at=T0 - timedelta(seconds=1), actor=ACTORS[0], action="a", subject="s")
    assert info.value.rule == "AUDIT-ORDER"
    with pytest.raises(DataError) as info:
        log.append(at=T0, actor=ACTORS[0], action="a", subject="s", details={"x": 1.5})  # type: ignore[dict-item]
    assert info.value.rule == "AUDIT-FORMAT"
    with pytest.raises(DataError) as info:
        log.append(at=T0, actor=ACTORS[0], action="a", subject="s", details={"x": 2**53})
    assert info.value.rule == "AUDIT-FORMAT"
    with pytest.raises(DataError):
        log.append(at=datetime(2024, 1, 1), actor=ACTORS[0], action="a", subject="s")  # noqa: DTZ001
    assert len(log) == 1


def test_no_in_place_edit_api() -> None:
    """Entries are frozen and the log exposes no way to change or remove them."""
    log = build(2)
    entry = log.entries[0]
    with pytest.raises(AttributeError):
        entry.subject = "x"  # type: ignore[misc]
    assert not any(
        hasattr(log, name) for name in ("remove", "pop", "insert", "__setitem__", "__delitem__")
    )
    assert isinstance(log.entries, tuple)


@pytest.mark.parametrize(
    "text",
    [
        "not json\n",
        "[1, 2]\n",
        '{"index": 0}\n',
        build(1).to_jsonl().replace('"index":0', '"index":"0"'),
    ],
)
def test_unusable_lines_are_data_errors(text: str) -> None:
    """AUDIT-FORMAT: a line that is not an entry is refused with the line number."""
    with pytest.raises(DataError) as info:
        AuditLog.from_jsonl(text)
    assert info.value.rule == "AUDIT-FORMAT"
    assert "line 1" in str(info.value)


@given(
    st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.sampled_from(ACTORS),
            st.text(min_size=1, max_size=20),
            st.dictionaries(
                st.text(max_size=5),
                st.none()
                | st.booleans()
                | st.integers(-(2**53) + 1, 2**53 - 1)
                | st.text(max_size=10),
                max_size=3,
            ),
        ),
        max_size=6,
    )
)
def test_any_log_round_trips_and_verifies(
    entries: list[tuple[int, Actor, str, dict[str, object]]],
) -> None:
    """Any appended log, exported and imported, verifies and keeps its head."""
    log = AuditLog()
    at = T0
    for minutes, actor, subject, details in entries:
        at += timedelta(minutes=minutes)
        log.append(at=at, actor=actor, action="read", subject=subject, details=details)  # type: ignore[arg-type]
    again = AuditLog.from_jsonl(log.to_jsonl())
    assert again.verify(expected_head=log.head).ok
    assert again.entries == log.entries


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    audit_cli.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return int(args.handler(args))


def test_cli_verify_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """sp4n audit verify: 0 intact, 1 broken (first broken link), 2 unusable file."""
    good = tmp_path / "good.jsonl"
    build().write(good)
    assert _run(["audit", "verify", str(good)]) == 0
    assert "intact" in capsys.readouterr().out
    lines = good.read_text().splitlines(keepends=True)
    broken = tmp_path / "broken.jsonl"
    broken.write_text("".join(lines[:1] + lines[2:]))
    assert _run(["audit", "verify", str(broken)]) == 1
    assert "entry 1" in capsys.readouterr().out
    truncated = tmp_path / "truncated.jsonl"
    truncated.write_text("".join(lines[:-1]))
    assert _run(["audit", "verify", str(truncated)]) == 0
    assert _run(["audit", "verify", str(truncated), "--head", build().head]) == 1
    junk = tmp_path / "junk.jsonl"
    junk.write_text("{not json\n")
    assert _run(["audit", "verify", str(junk)]) == 2
    assert _run(["audit", "verify", str(tmp_path / "missing.jsonl")]) == 2


GOOD_LINE = build(1).to_jsonl().splitlines()[0]
MALFORMED = {
    "huge-int": '{"index": ' + "9" * 5000 + "}\n",
    "deep-nesting": "[" * 100_000 + "]" * 100_000 + "\n",
    "lone-surrogate": GOOD_LINE.replace('"0012345600"', '"\\ud800"') + "\n",
}


@pytest.mark.parametrize("text", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_lines_are_data_errors(text: str, tmp_path: Path) -> None:
    """AUDIT-FORMAT: huge numbers, deep nesting, lone surrogates are DataError, CLI exit 2."""
    with pytest.raises(DataError) as info:
        AuditLog.from_jsonl(text)
    assert info.value.rule == "AUDIT-FORMAT"
    path = tmp_path / "bad.jsonl"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert _run(["audit", "verify", str(path)]) == 2


@pytest.mark.parametrize(
    "changes",
    [
        {"subject": "\ud800"},
        {"details": {1: "a"}},
        {"at": "2024-01-01"},
    ],
    ids=["lone-surrogate", "int-key", "at-string"],
)
def test_append_refuses_uncanonical_input(changes: dict[str, object]) -> None:
    """append raises DataError, never a bare exception, for input without a canonical form."""
    args: dict[str, object] = {"at": T0, "actor": ACTORS[0], "action": "x", "subject": "s"}
    with pytest.raises(DataError):
        AuditLog().append(**{**args, **changes})  # type: ignore[arg-type]


def _forge(original: AuditLog, *, key: bytes | None) -> str:
    """The original log with entry 2 edited and every hash recomputed (with ``key``, if any)."""
    forged = AuditLog(key=key)
    for entry in original:
        forged.append(
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            subject="9999999999" if entry.index == 2 else entry.subject,
            details=entry.details,
        )
    return forged.to_jsonl()


def test_keyed_chain_defeats_rehashed_forgery() -> None:
    """With HMAC keying, a forger without the key cannot produce a log that verifies."""
    key = b"rahasia-ombudsman"
    keyed = AuditLog(key=key)
    for entry in build():
        keyed.append(
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            subject=entry.subject,
            details=entry.details,
        )
    assert AuditLog.from_jsonl(keyed.to_jsonl(), key=key).verify().ok
    assert not AuditLog.from_jsonl(keyed.to_jsonl()).verify().ok  # plain SHA-256 differs
    unkeyed_forgery = _forge(keyed, key=None)
    assert not AuditLog.from_jsonl(unkeyed_forgery, key=key).verify().ok
    wrong_key_forgery = _forge(keyed, key=b"tebakan")
    assert not AuditLog.from_jsonl(wrong_key_forgery, key=key).verify().ok
    assert entry_hash({"a": 1}, key=key) != entry_hash({"a": 1})


def test_cli_warns_without_anchor_and_checks_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --head or --key-file the CLI warns; with the key file a keyed log verifies."""
    plain = tmp_path / "plain.jsonl"
    build().write(plain)
    assert _run(["audit", "verify", str(plain)]) == 0
    assert "warning" in capsys.readouterr().err
    assert _run(["audit", "verify", str(plain), "--head", build().head]) == 0
    assert "warning" not in capsys.readouterr().err
    key_file = tmp_path / "audit.key"
    key_file.write_bytes(b"k" * 32)
    keyed = AuditLog(key=b"k" * 32)
    keyed.append(at=T0, actor=ACTORS[0], action="read", subject="0012345674")
    keyed_path = tmp_path / "keyed.jsonl"
    keyed.write(keyed_path)
    assert _run(["audit", "verify", str(keyed_path), "--key-file", str(key_file)]) == 0
    assert "warning" not in capsys.readouterr().err
    assert _run(["audit", "verify", str(keyed_path)]) == 1
