"""The command line on a store: ``store migrate|import``, ``audit verify --db``, ``monev --db``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import update

from sp4n.cli import main
from sp4n.models import Complaint
from sp4n.sample import write_jsonl
from sp4n.store import Store, head_revision
from sp4n.store._tables import audit_entries


def test_STORE_SCHEMA_migrate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``sp4n store migrate`` creates the tables and names the revision."""
    assert main(["store", "migrate", "--db", str(tmp_path / "r.db")]) == 0
    assert f"revision {head_revision()}" in capsys.readouterr().out


def test_AUDIT_CHAIN_verify_db_intact_and_broken(
    db_url: str, sample_reports: tuple[Complaint, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """``sp4n audit verify --db URL``: 0 on an intact store, 1 at the edited entry."""
    store = Store.open(db_url)
    store.import_reports(sample_reports[:5])
    head = store.audit_log().head
    assert main(["audit", "verify", "--db", db_url, "--head", head]) == 0
    out = capsys.readouterr().out
    assert out.startswith("intact: ")
    assert "5 reports" in out
    with store.engine.begin() as conn:
        conn.execute(
            update(audit_entries)
            .where(audit_entries.c.position == 3)
            .values(line=audit_entries.c.line.op("||")(" "))
        )
    store.close()
    assert main(["audit", "verify", "--db", db_url]) == 1
    assert "broken at entry 3" in capsys.readouterr().out


def test_STORE_SCHEMA_verify_db_does_not_create_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Verifying an empty database is unusable input (2), and leaves it empty."""
    target = tmp_path / "empty.db"
    assert main(["audit", "verify", "--db", str(target)]) == 2
    assert "STORE-SCHEMA" in capsys.readouterr().err


def test_INPUT_FILE_verify_needs_exactly_one_source(tmp_path: Path) -> None:
    """A file and --db together (or neither) is bad usage."""
    assert main(["audit", "verify"]) == 2
    assert main(["audit", "verify", str(tmp_path / "x.jsonl"), "--db", "x.db"]) == 2


def test_IND_monev_db_reads_the_store_as_it_reads_a_file(
    tmp_path: Path, sample_reports: tuple[Complaint, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """``sp4n monev --db`` gives the same JSON results as ``sp4n monev FILE``."""
    source = tmp_path / "reports.jsonl"
    write_jsonl(sample_reports, source)
    db = str(tmp_path / "r.db")
    assert main(["store", "import", str(source), "--db", db]) == 0
    assert f"{len(sample_reports)} imported" in capsys.readouterr().out
    now = "2025-01-15T12:00:00+07:00"
    from_file, from_db = tmp_path / "file.json", tmp_path / "db.json"
    assert main(["monev", str(source), "--now", now, "--json", str(from_file)]) == 0
    assert main(["monev", "--db", db, "--now", now, "--json", str(from_db)]) == 0
    assert json.loads(from_db.read_text("utf-8")) == json.loads(from_file.read_text("utf-8"))


def test_INPUT_FILE_import_counts_refused_lines(
    tmp_path: Path, sample_reports: tuple[Complaint, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """A line that is not a complaint is refused (exit 1); the others are stored."""
    source = tmp_path / "reports.jsonl"
    write_jsonl(sample_reports[:3], source)
    with source.open("a", encoding="utf-8") as handle:
        handle.write('{"tracking_id": "1"}\n')
    assert main(["store", "import", str(source), "--db", str(tmp_path / "r.db")]) == 1
    assert "3 imported, 0 already stored, 1 refused" in capsys.readouterr().out
