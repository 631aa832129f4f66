"""Faults: a process killed in a batch import or inside a transition leaves the store consistent.

Each change is one transaction (state, event, audit entry together), so a
SIGKILL at any point leaves the last committed state: whole reports only, no
event without its entry, and a chain that verifies (rules AUDIT-CHAIN,
STORE-INTEGRITY). A rerun of the import resumes where it stopped.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

from sp4n.cli import main
from sp4n.models import Actor, Complaint, ComplaintSubmission, VerifyAndDispatchEvent
from sp4n.sample import generate_complaints, write_jsonl
from sp4n.store import Store
from sp4n.vocabulary import Role, Status

IMPORTED = 60


def _wait_for(predicate: object, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_STORE_INTEGRITY_killed_batch_import_leaves_whole_reports(
    db_url: str, tmp_path: Path
) -> None:
    """SIGKILL during ``sp4n store import``: whole reports, a valid chain; a rerun completes."""
    source = tuple(generate_complaints(IMPORTED, seed=11))
    path = tmp_path / "reports.jsonl"
    write_jsonl(source, path)
    store = Store.open(db_url)
    command = [sys.executable, "-m", "sp4n", "store", "import", str(path), "--db", db_url]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: store.count() >= 10 or child.poll() is not None)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL, "the import ended before it could be killed"
    stored = store.count()
    assert 10 <= stored < IMPORTED
    result = store.verify()
    assert result.ok, result.problems
    assert main(["audit", "verify", "--db", db_url]) == 0  # as an operator would check
    by_id = {c.tracking_id: c for c in source}
    for complaint in store.reports():
        assert complaint == by_id[complaint.tracking_id]  # whole, unchanged reports only

    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{IMPORTED - stored} imported, {stored} already stored" in rerun.stdout
    assert store.count() == IMPORTED
    assert store.verify().ok
    store.close()


BLOCKED_WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import UTC, datetime, timedelta
    from pathlib import Path
    from sp4n.models import Actor, VerifyAndDispatchEvent
    from sp4n.store import Store
    from sp4n.vocabulary import Role

    url, tracking_id, marker = sys.argv[1:]

    def clock():
        # Called inside the write transaction, after the report row was updated:
        # announce it, then hang there until the test kills this process.
        Path(marker).touch()
        time.sleep(600)
        return datetime.now(UTC)

    store = Store.open(url, migrate_schema=False, clock=clock)
    report = store.get(tracking_id).complaint
    store.apply(tracking_id, VerifyAndDispatchEvent(
        at=report.submitted_at + timedelta(hours=1),
        actor=Actor(role=Role.NATIONAL_ADMIN), agency_id="kab-16.02"))
    """
)


def test_STORE_INTEGRITY_killed_inside_a_transition_writes_nothing(
    db_url: str, tmp_path: Path, submission: ComplaintSubmission
) -> None:
    """A writer killed between its report update and its event/audit rows leaves no trace."""
    store = Store.open(db_url)
    tracking_id = store.submit(submission, actor=Actor(role=Role.REPORTER, user_id="w")).tracking_id
    script, marker = tmp_path / "writer.py", tmp_path / "in-transaction"
    script.write_text(BLOCKED_WRITER, encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(script), db_url, tracking_id, str(marker)])
    try:
        _wait_for(lambda: marker.exists() or child.poll() is not None)
        assert marker.exists(), "the writer never reached its transaction"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    stored = store.get(tracking_id)
    assert (stored.version, stored.status) == (1, Status.SUBMITTED)
    assert store.verify().ok
    # and nothing is left locked: the next officer's event goes through
    after = store.apply(
        tracking_id,
        VerifyAndDispatchEvent(
            at=submission.submitted_at + timedelta(hours=2),
            actor=Actor(role=Role.NATIONAL_ADMIN),
            agency_id="kab-16.02",
        ),
    )
    assert after.version == 2
    assert store.verify().ok
    store.close()


def test_generated_reports_are_what_the_import_stores(tmp_path: Path) -> None:
    """The fault test's comparison is meaningful: reports round-trip through the store."""
    source: tuple[Complaint, ...] = tuple(generate_complaints(5, seed=11))
    store = Store.open(tmp_path / "r.db")
    store.import_reports(source)
    assert sorted(store.reports(), key=lambda c: c.tracking_id) == sorted(
        source, key=lambda c: c.tracking_id
    )
    store.close()
