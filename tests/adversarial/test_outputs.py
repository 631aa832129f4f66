"""Output files: written whole or not at all, and a failed run changes nothing on disk (#11)."""

import errno
import os
import signal
import time
from pathlib import Path

import pytest

from sp4n._files import atomic_text_writer, write_text_files
from sp4n.audit import AuditLog
from sp4n.errors import DataError

from ._support import NOW, complaints, jsonl, run, snapshot, spawn

OLD = "previous content\n"


@pytest.mark.parametrize(
    "target",
    ["/proc/sp4n-x", "{tmp}", "{tmp}/missing/out.jsonl"],
    ids=["proc", "directory", "missing-folder"],
)
def test_OUTPUT_FILE_unwritable_targets_exit_2_everywhere(tmp_path: Path, target: str) -> None:
    """`sample --out`, `monev --json/--html` and `demo --json`: OUTPUT-FILE, exit 2, one line."""
    out = target.format(tmp=tmp_path)
    data = tmp_path / "in.jsonl"
    data.write_text(jsonl(complaints(5)), "utf-8")
    for argv in (
        ["sample", "--size", "3", "--out", out],
        ["monev", str(data), "--now", NOW, "--json", out],
        ["monev", str(data), "--now", NOW, "--html", out],
        ["demo", "--size", "20", "--json", out],
    ):
        code, _, err = run(argv)
        assert code == 2, argv
        assert "[OUTPUT-FILE]" in err.strip().splitlines()[-1], argv
        assert "Traceback" not in err


def test_OUTPUT_FILE_full_disk_leaves_the_target_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while writing (ENOSPC at flush): target unchanged, temporary removed."""
    target = tmp_path / "report.json"
    target.write_text(OLD, "utf-8")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DataError) as info, atomic_text_writer(target) as handle:
        handle.write("new content")
    assert info.value.rule == "OUTPUT-FILE"
    assert "No space left" in str(info.value)
    assert snapshot(tmp_path) == {"report.json": OLD.encode()}


def test_OUTPUT_FILE_an_exception_in_the_block_keeps_the_old_file(tmp_path: Path) -> None:
    """Whatever stops the writer half-way (here Ctrl-C) leaves the previous file as it was."""
    target = tmp_path / "out.jsonl"
    target.write_text(OLD, "utf-8")

    def interrupted() -> None:
        with atomic_text_writer(target) as handle:
            handle.write("half")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert snapshot(tmp_path) == {"out.jsonl": OLD.encode()}


def test_OUTPUT_FILE_several_files_are_written_all_or_none(tmp_path: Path) -> None:
    """When the second file cannot be written, the first is not written either."""
    first = tmp_path / "a.json"
    with pytest.raises(DataError):
        write_text_files([(first, "{}"), (tmp_path / "no" / "b.html", "<p>")])
    assert snapshot(tmp_path) == {}


def test_CLI_USAGE_sample_negative_size_keeps_the_existing_file(tmp_path: Path) -> None:
    """`sample --size -1 --out existing.jsonl` is a usage error and does not truncate the file."""
    target = tmp_path / "existing.jsonl"
    target.write_text(OLD, "utf-8")
    for size in ("-1", "1000001", "10" * 20, "x"):
        code, _, err = run(["sample", "--size", size, "--out", str(target)])
        assert code == 2
        assert "[CLI-USAGE]" in err
    assert snapshot(tmp_path) == {"existing.jsonl": OLD.encode()}


def test_OUTPUT_FILE_monev_json_not_written_when_html_fails(tmp_path: Path) -> None:
    """`monev --json ok --html unwritable` writes neither file."""
    data = tmp_path / "in.jsonl"
    data.write_text(jsonl(complaints(5)), "utf-8")
    before = snapshot(tmp_path)
    code, _, _ = run(
        ["monev", str(data), "--now", NOW, "--json", str(tmp_path / "r.json"), "--html", "/proc/x"]
    )
    assert code == 2
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("content", ["", "\n\n", "{}\n"], ids=["empty", "blank", "invalid"])
def test_INPUT_EMPTY_monev_on_no_usable_report_writes_nothing(tmp_path: Path, content: str) -> None:
    """monev on an input with no usable report exits 2 and writes no report file."""
    data = tmp_path / "in.jsonl"
    data.write_text(content, "utf-8")
    before = snapshot(tmp_path)
    code, _, err = run(["monev", str(data), "--now", NOW, "--json", str(tmp_path / "r.json")])
    assert code == 2
    assert "[INPUT-EMPTY]" in err
    assert snapshot(tmp_path) == before


def test_OUTPUT_FILE_audit_write_is_atomic(tmp_path: Path) -> None:
    """`AuditLog.write` to an unwritable place is OUTPUT-FILE and leaves no file behind."""
    with pytest.raises(DataError) as info:
        AuditLog().write(tmp_path / "missing" / "audit.jsonl")
    assert info.value.rule == "OUTPUT-FILE"
    target = tmp_path / "audit.jsonl"
    target.write_text(OLD, "utf-8")
    AuditLog().write(target)
    assert target.read_text("utf-8") == ""
    assert snapshot(tmp_path) == {"audit.jsonl": b""}


def test_OUTPUT_FILE_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    """A new output file is created with the umask's permissions, not a temporary file's 0600."""
    target = tmp_path / "new.txt"
    write_text_files([(target, "x")])
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.slow
def test_interrupted_sample_exits_130_quietly_and_keeps_the_file(tmp_path: Path) -> None:
    """Ctrl-C during `sample --out`: exit 130, no traceback, previous file intact, no temp."""
    target = tmp_path / "sample.jsonl"
    target.write_text(OLD, "utf-8")
    process = spawn(["sample", "--size", "1000000", "--out", str(target)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(
        p.name.endswith(".tmp") for p in tmp_path.iterdir()
    ):
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err == b""
    assert snapshot(tmp_path) == {"sample.jsonl": OLD.encode()}
