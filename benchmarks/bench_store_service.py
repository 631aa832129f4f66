"""Load on the reference service: submissions over HTTP with concurrent clients (issue #15).

`python -m benchmarks.bench_store_service [--quick] [--n N] [--clients C] [--backends ...]`

For each backend (a SQLite file; PostgreSQL when `SP4N_TEST_POSTGRES_URL` or
`--postgres URL` names a server, a fresh database created and dropped), it
starts `sp4n serve` under uvicorn on a loopback port and sends N submissions
from C client threads, alternating the SP4N API (JSON, bearer token) and
Open311 (form-encoded, API key). It reports throughput, p50/p95 latency, and
checks that the reports in the database are exactly the acknowledged ones
(nothing lost, nothing duplicated) and that the audit chain verifies.

The baseline, measured in the same run on the same backend, is the store
without HTTP (`Store.submit` from one thread): the ratio says what the HTTP
layer and the concurrency cost, whatever the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from sp4n.models import Actor, ComplaintSubmission
from sp4n.store import Store
from sp4n.vocabulary import Role

API_KEY = "bench-key"
TOKEN = "bench-reporter"
SUBMISSION = {
    "type": "COMPLAINT",
    "title": "Jalan berlubang",
    "body": "Lubang besar di depan pasar, berbahaya bagi pengendara motor.",
    "category": "regency_road",
    "channel": "MOBILE_APP",
    "location": {"region_code": "16.07"},
    "submitted_at": "2024-04-05T09:30:00+07:00",
}
OPEN311 = {
    "api_key": API_KEY,
    "service_code": "regency_road",
    "description": "Jalan berlubang di depan pasar.",
    "attribute[region_code]": "16.07",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _database(backend: str, postgres: str | None, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield str(folder / f"bench-{uuid.uuid4().hex[:8]}.db")
        return
    assert postgres is not None
    base = make_url(postgres).set(drivername="postgresql+psycopg")
    name = f"sp4n_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def _server(url: str, folder: Path) -> Iterator[str]:
    keys, tokens = folder / "keys.txt", folder / "tokens.json"
    keys.write_text(f"{API_KEY} bench\n", encoding="utf-8")
    tokens.write_text(
        json.dumps({TOKEN: {"role": "REPORTER", "user_id": "bench-1"}}), encoding="utf-8"
    )
    port = _free_port()
    command = [sys.executable, "-m", "sp4n", "serve", "--port", str(port)]
    command += ["--api-keys", str(keys), "--tokens", str(tokens), "--log-level", "warning"]
    process = subprocess.Popen(
        command,
        env={**os.environ, "SP4N_DATABASE_URL": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                msg = "sp4n serve did not start"
                raise RuntimeError(msg)
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _load(base: str, n: int, clients: int) -> tuple[float, list[float], set[str], int]:
    """Send n submissions from `clients` threads; wall time, latencies, ids, failures."""
    latencies: list[float] = []
    ids: set[str] = set()
    acknowledged: list[str] = []
    failures = 0
    lock = threading.Lock()
    counter = iter(range(n))

    def client() -> None:
        nonlocal failures
        session = requests.Session()
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            start = time.perf_counter()
            try:
                if i % 2:
                    response = session.post(
                        f"{base}/open311/v2/requests.json", data=OPEN311, timeout=120
                    )
                    tracking_id = response.json()[0]["service_request_id"]
                else:
                    response = session.post(
                        f"{base}/api/v1/reports",
                        json=SUBMISSION,
                        headers={"Authorization": f"Bearer {TOKEN}"},
                        timeout=120,
                    )
                    tracking_id = response.json()["tracking_id"]
                ok = response.status_code == 201
            except (requests.RequestException, ValueError, KeyError, IndexError):
                ok, tracking_id = False, ""
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if ok:
                    ids.add(tracking_id)
                    acknowledged.append(tracking_id)
                else:
                    failures += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    if len(acknowledged) != len(ids):
        msg = f"{len(acknowledged) - len(ids)} tracking ids were acknowledged twice"
        raise RuntimeError(msg)
    return wall, latencies, ids, failures


def _direct(url: str, n: int) -> float:
    """Baseline: submissions per second through Store.submit, one thread, no HTTP."""
    store = Store.open(url)
    submission = ComplaintSubmission.model_validate_json(json.dumps(SUBMISSION))
    actor = Actor(role=Role.REPORTER, user_id="bench-0")
    start = time.perf_counter()
    for _ in range(n):
        store.submit(submission, actor=actor)
    rate = n / (time.perf_counter() - start)
    store.close()
    return rate


def run_backend(
    backend: str, *, n: int, clients: int, postgres: str | None, folder: Path
) -> dict[str, float | int | bool | str]:
    """One backend's figures (see the module doc)."""
    with _database(backend, postgres, folder) as url:
        with _server(url, folder) as base:
            wall, latencies, ids, failures = _load(base, n, clients)
        store = Store.open(url)
        stored = store.count()
        verified = store.verify().ok
        store.close()
    with _database(backend, postgres, folder) as url:
        direct = _direct(url, max(50, n // 20))
    throughput = len(ids) / wall
    return {
        "backend": backend,
        "sent": n,
        "acknowledged": len(ids),
        "failed": failures,
        "stored": stored,
        "stored_equals_acknowledged": stored == len(ids),
        "audit_verifies": verified,
        "throughput_per_s": round(throughput, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(statistics.quantiles(latencies, n=20)[18] * 1000, 1),
        "direct_per_s": round(direct, 1),
        "http_vs_direct": round(throughput / direct, 2),
    }


def main(argv: list[str] | None = None) -> list[dict[str, float | int | bool | str]]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smoke run: 100 submissions")
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--postgres", default=os.environ.get("SP4N_TEST_POSTGRES_URL"))
    args = parser.parse_args(argv)
    n = 100 if args.quick else args.n
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for backend in args.backends:
            if backend == "postgresql" and not args.postgres:
                print("postgresql: skipped (no SP4N_TEST_POSTGRES_URL / --postgres)")
                continue
            result = run_backend(
                backend, n=n, clients=args.clients, postgres=args.postgres, folder=Path(folder)
            )
            results.append(result)
            print(json.dumps(result), flush=True)
    return results


if __name__ == "__main__":
    main()
