"""Interoperability: `sp4n serve` under uvicorn, driven by `georeport`, a third-party client.

The client (PyPI ``georeport``) reads ``services``, ``services/{code}``,
``requests`` and ``requests/{id}`` in JSON and XML; it has no POST, so the
post is plain form-encoded HTTP with an API key, as GeoReport v2 describes.
A report becomes public when an admin verifies it (PRIV-PUBLISH-UNVERIFIED),
so the test verifies it through the SP4N API before reading it back.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests
from georeport import GeoReport

API_KEY = "k3y-citizen-app"
TOKENS = {
    "admin-token": {"role": "NATIONAL_ADMIN", "user_id": "op-1"},
    "agency-token": {"role": "AGENCY_ADMIN", "agency_id": "kab-16.07", "user_id": "pu-1"},
    "citizen-token": {"role": "REPORTER", "user_id": "citizen-app:42"},
    "ombudsman-token": {"role": "OMBUDSMAN", "user_id": "ori-1"},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(module_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``sp4n serve`` on a free loopback port; yields its base URL, stops it afterwards."""
    tmp_path = tmp_path_factory.mktemp("serve")
    keys = tmp_path / "api-keys.txt"
    keys.write_text(f"# Open311 clients\n{API_KEY} citizen-app\n", encoding="utf-8")
    tokens = tmp_path / "tokens.json"
    tokens.write_text(json.dumps(TOKENS), encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "SP4N_DATABASE_URL": module_db_url}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sp4n",
            "serve",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--api-keys",
            str(keys),
            "--tokens",
            str(tokens),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"sp4n serve did not start: {output[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def _act(base: str, token: str, tracking_id: str, event: dict[str, object]) -> dict[str, object]:
    response = requests.post(
        f"{base}/api/v1/reports/{tracking_id}/events",
        json=event,
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def _w3c(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_OPEN311_georeport_client_drives_the_service_through_the_lifecycle(server: str) -> None:
    """List, define, post, read back (JSON, XML, by id and date range), then see it closed."""
    root = f"{server}/open311/v2"
    client = GeoReport(root)
    client_xml = GeoReport(root, output_format="xml")

    services = client.get_service_list()
    road = next(s for s in services if s["service_code"] == "regency_road")
    assert road["metadata"] is True
    assert any(s["service_code"] == "regency_road" for s in client_xml.get_service_list())

    definition = client.get_service_definition("regency_road")
    codes = [a["code"] for a in definition["attributes"]]
    assert codes == ["region_code", "report_type"]
    xml_definition = client_xml.get_service_definition("regency_road")
    assert [a["code"] for a in xml_definition["attributes"]["attribute"]] == codes

    before = datetime.now(UTC) - timedelta(minutes=1)
    form = {
        "api_key": API_KEY,
        "service_code": "regency_road",
        "description": "Jalan berlubang besar di depan SD Negeri 3, berbahaya bagi motor.",
        "lat": "-2.9761",
        "long": "104.7754",
        "address_string": "Jl. Merdeka",
        "attribute[region_code]": "16.07",
        "attribute[report_type]": "COMPLAINT",
        "first_name": "Siti",
        "last_name": "Aminah",
        "email": "siti.aminah@example.org",
        "account_id": "42",
    }
    posted = requests.post(f"{root}/requests.json", data=form, timeout=30)
    assert posted.status_code == 201, posted.text
    tracking_id = posted.json()[0]["service_request_id"]
    assert posted.json()[0]["account_id"] == "42"

    # Not public until verified (PRIV-PUBLISH-UNVERIFIED): the client gets a 404.
    with pytest.raises(requests.HTTPError) as hidden:
        client.get_service_request(tracking_id)
    assert hidden.value.response.status_code == 404

    _act(
        server,
        "admin-token",
        tracking_id,
        {"kind": "verify_and_dispatch", "agency_id": "kab-16.07"},
    )

    by_id = client.get_service_request(tracking_id)
    assert (by_id["service_request_id"], by_id["status"]) == (tracking_id, "open")
    assert by_id["address_id"] == "16.07"
    xml_by_id = client_xml.get_service_request(tracking_id)
    assert (xml_by_id["service_request_id"], xml_by_id["status"]) == (tracking_id, "open")

    after = datetime.now(UTC) + timedelta(minutes=1)
    ranged = client.get_service_requests(start_date=_w3c(before), end_date=_w3c(after))
    assert [r["service_request_id"] for r in ranged] == [tracking_id]
    xml_ranged = client_xml.get_service_requests(
        start_date=_w3c(before), end_date=_w3c(after), service_code="regency_road"
    )
    assert xml_ranged["service_request_id"] == tracking_id  # xmltodict: one request, a dict
    earlier = client.get_service_requests(
        start_date=_w3c(before - timedelta(days=10)), end_date=_w3c(before)
    )
    assert earlier == []

    published = requests.get(f"{root}/requests/{tracking_id}.json", timeout=30).text
    for personal in ("Siti", "Aminah", "siti.aminah", "-2.9761", "Merdeka"):
        assert personal not in published

    _act(server, "agency-token", tracking_id, {"kind": "post_follow_up", "text": "Sudah ditambal."})
    assert client.get_service_request(tracking_id)["status"] == "open"
    closed = _act(server, "citizen-token", tracking_id, {"kind": "close"})
    assert closed["status"] == "CLOSED_BY_REPORTER"

    assert client.get_service_request(tracking_id)["status"] == "closed"
    assert client_xml.get_service_request(tracking_id)["status"] == "closed"
    assert [r["status"] for r in client.get_service_requests(status="closed")] == ["closed"]

    verified = requests.get(
        f"{server}/api/v1/audit/verify",
        headers={"Authorization": "Bearer ombudsman-token"},
        timeout=30,
    ).json()
    assert verified["ok"] is True
    assert verified["events"] == 4


def test_REGION_CODE_post_with_coordinates_but_no_code_is_refused(server: str) -> None:
    """A located post without ``attribute[region_code]`` is refused with its rule (400)."""
    response = requests.post(
        f"{server}/open311/v2/requests.json",
        data={
            "api_key": API_KEY,
            "service_code": "regency_road",
            "description": "Rusak.",
            "lat": "-2.97",
            "long": "104.77",
        },
        headers={"Accept-Language": "en"},
        timeout=30,
    )
    assert response.status_code == 400
    [error] = response.json()
    assert error["rule"] == "REGION-CODE"
    assert error["code"] == 400


def test_OPEN311_API_KEY_unknown_key_is_403_in_xml(server: str) -> None:
    """A post with an unknown key gets GeoReport v2's 403 error, here in XML."""
    response = requests.post(
        f"{server}/open311/v2/requests.xml",
        data={"api_key": "nope", "service_code": "regency_road", "description": "Rusak."},
        timeout=30,
    )
    assert response.status_code == 403
    assert "<rule>OPEN311-API-KEY</rule>" in response.text
    assert "<code>403</code>" in response.text
