"""Concurrency (rule STORE-CONCURRENT-UPDATE): N threads, and N processes, on the same reports.

Every applied event is counted once: the events stored equal the successes
reported, every loser got :class:`~sp4n.errors.ConcurrentUpdate`, and the
audit chain verifies afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from sp4n.errors import ConcurrentUpdate
from sp4n.lifecycle import handling_chain
from sp4n.models import Actor, ComplaintSubmission, PostFollowUpEvent, VerifyAndDispatchEvent
from sp4n.store import Store
from sp4n.vocabulary import Role, Status

THREADS = 8
REPORTS = 4
PROCESSES = 4
ADMIN = Actor(role=Role.NATIONAL_ADMIN, user_id="op-1")
AGENCIES = ("kab-16.01", "kab-16.02", "kab-16.03", "kab-16.04", "kab-16.05", "kab-16.06")


def _submit_all(store: Store, submission: ComplaintSubmission, n: int) -> list[str]:
    reporter = Actor(role=Role.REPORTER, user_id="warga-1")
    return [store.submit(submission, actor=reporter).tracking_id for _ in range(n)]


def test_STORE_CONCURRENT_UPDATE_threads_one_dispatch_wins(
    store: Store, submission: ComplaintSubmission
) -> None:
    """8 threads dispatch the same reports from version 1: one wins each, 7 get the error."""
    ids = _submit_all(store, submission, REPORTS)
    at = submission.submitted_at + timedelta(hours=1)
    barrier = threading.Barrier(THREADS)
    outcomes: list[tuple[str, str, str]] = []
    lock = threading.Lock()

    def officer(number: int) -> None:
        agency = AGENCIES[number % len(AGENCIES)]
        event = VerifyAndDispatchEvent(at=at, actor=ADMIN, agency_id=agency)
        barrier.wait()
        for tracking_id in ids:
            try:
                store.apply(tracking_id, event, expected_version=1)
                result = ("won", agency)
            except ConcurrentUpdate as exc:
                current, version = exc.current, exc.version
                result = ("lost", handling_chain(current)[0] if current and version == 2 else "?")
            with lock:
                outcomes.append((tracking_id, *result))

    workers = [threading.Thread(target=officer, args=(i,)) for i in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert len(outcomes) == THREADS * REPORTS
    for tracking_id in ids:
        mine = [o for o in outcomes if o[0] == tracking_id]
        winners = [o for o in mine if o[1] == "won"]
        assert len(winners) == 1
        stored = store.get(tracking_id)
        assert (stored.version, stored.status) == (2, Status.DISPATCHED)
        # every loser was told who won: the stored handling agency
        assert {o[2] for o in mine} == {winners[0][2]} == {handling_chain(stored.complaint)[0]}
    result = store.verify()
    assert result.ok
    assert result.events == REPORTS * 2


def test_STORE_CONCURRENT_UPDATE_threads_no_update_is_lost(
    store: Store, submission: ComplaintSubmission
) -> None:
    """Follow-ups raced without a version: stored events = successes, losers got the error."""
    [tracking_id] = _submit_all(store, submission, 1)
    at = submission.submitted_at + timedelta(hours=1)
    store.apply(tracking_id, VerifyAndDispatchEvent(at=at, actor=ADMIN, agency_id="kab-16.02"))
    agency = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-16.02", user_id="pu-1")
    event = PostFollowUpEvent(at=at, actor=agency, text="Sedang ditangani.")
    barrier = threading.Barrier(THREADS)
    counts: Counter[str] = Counter()
    lock = threading.Lock()

    def officer() -> None:
        barrier.wait()
        for _ in range(5):
            try:
                store.apply(tracking_id, event)
                outcome = "won"
            except ConcurrentUpdate:
                outcome = "lost"
            with lock:
                counts[outcome] += 1

    workers = [threading.Thread(target=officer) for _ in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert counts["won"] + counts["lost"] == THREADS * 5
    assert counts["won"] >= 1
    stored = store.get(tracking_id)
    assert stored.version == 2 + counts["won"]
    assert len(stored.complaint.history) == stored.version
    result = store.verify()
    assert result.ok
    assert result.events == stored.version


WORKER = textwrap.dedent(
    """
    import json, sys, time
    from datetime import timedelta
    from pathlib import Path
    from sp4n.errors import ConcurrentUpdate
    from sp4n.models import Actor, VerifyAndDispatchEvent
    from sp4n.store import Store
    from sp4n.vocabulary import Role

    url, go, agency, *ids = sys.argv[1:]
    store = Store.open(url, migrate_schema=False)
    events = {}
    for tid in ids:
        report = store.get(tid).complaint
        events[tid] = VerifyAndDispatchEvent(
            at=report.submitted_at + timedelta(hours=1),
            actor=Actor(role=Role.NATIONAL_ADMIN, user_id="op-" + agency),
            agency_id=agency,
        )
    print("ready", flush=True)
    while not Path(go).exists():
        time.sleep(0.005)
    results = []
    for tid in ids:
        try:
            store.apply(tid, events[tid], expected_version=1)
            results.append([tid, "won"])
        except ConcurrentUpdate as exc:
            results.append([tid, "lost", exc.version])
    store.close()
    print(json.dumps(results), flush=True)
    """
)


def test_STORE_CONCURRENT_UPDATE_processes_one_dispatch_wins(
    db_url: str, submission: ComplaintSubmission, tmp_path: Path
) -> None:
    """4 processes (own connections, own pools) race the same reports: one winner each."""
    store = Store.open(db_url)
    try:
        _race_processes(store, db_url, submission, tmp_path)
    finally:
        store.close()


def _race_processes(
    store: Store, db_url: str, submission: ComplaintSubmission, tmp_path: Path
) -> None:
    ids = _submit_all(store, submission, REPORTS)
    script = tmp_path / "worker.py"
    script.write_text(WORKER, encoding="utf-8")
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, str(script), db_url, str(go), AGENCIES[i], *ids],
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(PROCESSES)
    ]
    try:
        for worker in workers:
            assert worker.stdout is not None
            assert worker.stdout.readline().strip() == "ready"
        go.touch()
        outputs = [worker.communicate(timeout=180)[0] for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    assert all(worker.returncode == 0 for worker in workers)
    results = [row for out in outputs for row in json.loads(out.strip().splitlines()[-1])]
    for tracking_id in ids:
        mine = [r for r in results if r[0] == tracking_id]
        assert len(mine) == PROCESSES
        assert sum(r[1] == "won" for r in mine) == 1
        assert all(r[2] == 2 for r in mine if r[1] == "lost")
        assert store.get(tracking_id).version == 2
    verification = store.verify()
    assert verification.ok
    assert verification.events == REPORTS * 2


def test_STORE_CONCURRENT_UPDATE_error_carries_the_state_not_a_snapshot(
    store: Store, submission: ComplaintSubmission
) -> None:
    """The loser's ``current`` is what is stored now, usable to decide again at once."""
    [tracking_id] = _submit_all(store, submission, 1)
    at = submission.submitted_at + timedelta(hours=1)
    store.apply(tracking_id, VerifyAndDispatchEvent(at=at, actor=ADMIN, agency_id="kab-16.02"))
    with pytest.raises(ConcurrentUpdate) as caught:
        store.apply(
            tracking_id,
            VerifyAndDispatchEvent(at=at, actor=ADMIN, agency_id="kab-16.01"),
            expected_version=1,
        )
    assert caught.value.current == store.get(tracking_id).complaint
    time.sleep(0)  # nothing pending: the refusal wrote nothing
    assert store.verify().ok
