"""The reference service in-process (FastAPI TestClient on a SQLite store): rules over HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from sp4n.competence import CompetenceTable
from sp4n.hierarchy import AgencyGraph
from sp4n.models import Actor, Complaint
from sp4n.monev import run_monev
from sp4n.monev.render_json import render_json
from sp4n.service import ServiceConfig, create_app, load_api_keys, load_tokens
from sp4n.store import Store
from sp4n.vocabulary import Role

TOKENS = {
    "admin": Actor(role=Role.NATIONAL_ADMIN, user_id="op-1"),
    "agency": Actor(role=Role.AGENCY_ADMIN, agency_id="kab-16.02", user_id="pu-1"),
    "other-agency": Actor(role=Role.AGENCY_ADMIN, agency_id="kab-16.01", user_id="pu-9"),
    "warga": Actor(role=Role.REPORTER, user_id="warga-1"),
    "ombudsman": Actor(role=Role.OMBUDSMAN, user_id="ori-1"),
}
NOW = datetime(2024, 4, 6, 3, tzinfo=UTC)
SUBMISSION = {
    "type": "COMPLAINT",
    "title": "Jalan berlubang",
    "body": "Lubang besar. Hubungi saya di 0812-3456-7890.",
    "category": "regency_road",
    "channel": "MOBILE_APP",
    "location": {"region_code": "16.02"},
    "reporter": {"name": "Siti Aminah", "phone": "081234567890"},
    "submitted_at": "2024-04-05T09:30:00+07:00",
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A SQLite store with the Indonesian hierarchy, as ``sp4n serve`` opens it."""
    opened = Store.open(tmp_path / "reports.db", hierarchy=AgencyGraph.indonesia())
    yield opened
    opened.close()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    """The app on that store, with a fixed clock and the tokens above."""
    config = ServiceConfig(
        store=store,
        api_keys={"key-1": "app"},
        tokens=TOKENS,
        hierarchy=AgencyGraph.indonesia(),
        clock=lambda: NOW,
    )
    with TestClient(create_app(config), raise_server_exceptions=False) as test_client:
        yield test_client


def auth(token: str) -> dict[str, str]:
    """The bearer header of a token."""
    return {"Authorization": f"Bearer {token}"}


def submit(client: TestClient, **changes: object) -> str:
    """Submit the sample report as the reporter; its tracking id."""
    response = client.post("/api/v1/reports", json={**SUBMISSION, **changes}, headers=auth("warga"))
    assert response.status_code == 201, response.text
    return str(response.json()["tracking_id"])


def act(client: TestClient, token: str, tracking_id: str, **event: object) -> object:
    """Apply an event through the API; the response."""
    return client.post(f"/api/v1/reports/{tracking_id}/events", json=event, headers=auth(token))


def test_OPEN311_services_list_every_category_in_json_and_xml(client: TestClient) -> None:
    """GET services: one service per competence row, with metadata, in both formats."""
    services = client.get("/open311/v2/services.json").json()
    assert len(services) == len(CompetenceTable.default())
    assert all(s["metadata"] is True for s in services)
    root = ET.fromstring(client.get("/open311/v2/services.xml").content)
    assert root.tag == "services"
    assert len(root.findall("service")) == len(services)


def test_OPEN311_NOT_FOUND_unknown_service_and_format(client: TestClient) -> None:
    """An unknown service code or format is GeoReport v2's 404 with the rule."""
    response = client.get("/open311/v2/services/no_such.json")
    assert response.status_code == 404
    assert response.json()[0]["rule"] == "OPEN311-NOT-FOUND"
    assert client.get("/open311/v2/services.csv").status_code == 404


def test_PRIV_CONFIDENTIAL_confidential_reports_are_never_listed(client: TestClient) -> None:
    """A confidential verified report stays out of every Open311 answer; a plain one is in."""
    secret = submit(client, confidential=True)
    plain = submit(client)
    for tracking_id in (secret, plain):
        ok = act(client, "admin", tracking_id, kind="verify_and_dispatch", agency_id="kab-16.02")
        assert ok.status_code == 200  # type: ignore[attr-defined]
    listed = client.get("/open311/v2/requests.json").json()
    assert [r["service_request_id"] for r in listed] == [plain]
    assert client.get(f"/open311/v2/requests/{secret}.json").status_code == 404
    assert client.get(f"/open311/v2/requests.json?service_request_id={secret}").json() == []
    text = json.dumps(listed)
    assert "Siti" not in text
    assert "0812" not in text


def test_SERVICE_AUTH_missing_token_in_indonesian_and_english(client: TestClient) -> None:
    """No token: 401 with the rule; Indonesian by default, English when preferred."""
    response = client.post("/api/v1/reports", json=SUBMISSION)
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["rule"] == "SERVICE-AUTH"
    assert error["message"] == "Token akses tidak ada atau tidak dikenal."
    english = client.post(
        "/api/v1/reports", json=SUBMISSION, headers={"Accept-Language": "en-GB,en;q=0.9"}
    )
    assert english.json()["error"]["message"] == "The access token is missing or unknown."
    assert (
        client.post("/api/v1/reports", json=SUBMISSION, headers=auth("forged")).status_code == 401
    )


def test_SERVICE_AUTH_actor_comes_from_the_token_only(client: TestClient) -> None:
    """An event body that names its own actor is refused."""
    tracking_id = submit(client)
    response = act(
        client,
        "warga",
        tracking_id,
        kind="verify_and_dispatch",
        agency_id="kab-16.02",
        actor={"role": "NATIONAL_ADMIN"},
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert response.json()["error"]["rule"] == "SERVICE-AUTH"  # type: ignore[attr-defined]


def test_LC_VERIFY_DISPATCH_reporter_may_not_dispatch(client: TestClient) -> None:
    """The lifecycle decides over HTTP too: 403 with the transition's rule."""
    tracking_id = submit(client)
    response = act(client, "warga", tracking_id, kind="verify_and_dispatch", agency_id="kab-16.02")
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert response.json()["error"]["rule"] == "LC-VERIFY-DISPATCH"  # type: ignore[attr-defined]


def test_STORE_CONCURRENT_UPDATE_stale_if_match_is_409(client: TestClient) -> None:
    """An event sent with an old ETag is refused with the current version, nothing personal."""
    tracking_id = submit(client)
    first = client.get(f"/api/v1/reports/{tracking_id}", headers=auth("admin"))
    etag = first.headers["ETag"]
    assert etag == '"1"'
    won = client.post(
        f"/api/v1/reports/{tracking_id}/events",
        json={"kind": "verify_and_dispatch", "agency_id": "kab-16.02"},
        headers={**auth("admin"), "If-Match": etag},
    )
    assert won.status_code == 200
    lost = client.post(
        f"/api/v1/reports/{tracking_id}/events",
        json={"kind": "hold", "reason": "Lokasi kurang jelas"},
        headers={**auth("admin"), "If-Match": etag},
    )
    assert lost.status_code == 409
    error = lost.json()["error"]
    assert (error["rule"], error["version"], error["status"]) == (
        "STORE-CONCURRENT-UPDATE",
        2,
        "DISPATCHED",
    )
    assert "Siti" not in lost.text


def test_PRIV_ACCESS_LOG_views_by_role(client: TestClient, store: Store) -> None:
    """Reporter, handling agency, other agency, public and oversight each get their view."""
    tracking_id = submit(client)
    act(client, "admin", tracking_id, kind="verify_and_dispatch", agency_id="kab-16.02")
    own = client.get(f"/api/v1/reports/{tracking_id}", headers=auth("warga")).json()["report"]
    assert own["view"] == "reporter"
    assert own["reporter"]["name"] == "Siti Aminah"
    public = client.get(f"/api/v1/reports/{tracking_id}").json()["report"]
    assert public["view"] == "public"
    assert "reporter" not in public
    assert "0812" not in public["body"]
    other = client.get(f"/api/v1/reports/{tracking_id}", headers=auth("other-agency"))
    assert other.json()["report"]["view"] == "public"
    entries = len(store.audit_log())
    oversight = client.get(f"/api/v1/reports/{tracking_id}", headers=auth("ombudsman")).json()
    assert oversight["report"]["view"] == "oversight"
    assert len(store.audit_log()) == entries + 1
    assert store.audit_log().entries[-1].action == "reporter_identity.read"


def test_PRIV_PUBLISH_UNVERIFIED_unverified_report_is_404_to_the_public(
    client: TestClient,
) -> None:
    """Before verification the public sees nothing, as if the report did not exist."""
    tracking_id = submit(client)
    response = client.get(f"/api/v1/reports/{tracking_id}")
    assert response.status_code == 404
    assert response.json()["error"]["rule"] == "STORE-NOT-FOUND"


def test_PAYLOAD_invalid_submission_names_field_and_rule_not_the_value(client: TestClient) -> None:
    """A bad NIK is refused with the field and rule; the NIK itself is never echoed."""
    bad = {**SUBMISSION, "reporter": {"name": "Siti", "phone": "0812", "nik": "9999999999999999"}}
    response = client.post("/api/v1/reports", json=bad, headers=auth("warga"))
    assert response.status_code == 422
    problems = response.json()["error"]["problems"]
    assert any(p["rule"].startswith("ID-") for p in problems)
    assert "9999999999999999" not in response.text


def test_SERVICE_ROLE_only_oversight_verifies_the_audit(client: TestClient) -> None:
    """An agency admin may not run the audit verification; the Ombudsman may."""
    submit(client)
    assert client.get("/api/v1/audit/verify", headers=auth("agency")).status_code == 403
    verified = client.get("/api/v1/audit/verify", headers=auth("ombudsman")).json()
    assert (verified["ok"], verified["length"]) == (True, 1)


def test_available_events_for_the_token_actor(client: TestClient) -> None:
    """The events the admin may make now come from the transition table."""
    tracking_id = submit(client)
    response = client.get(f"/api/v1/reports/{tracking_id}/available-events", headers=auth("admin"))
    assert response.json()["events"] == ["verify_and_dispatch", "hold", "archive", "delete"]


def test_IND_monev_of_the_store_equals_monev_of_the_reports(
    client: TestClient, store: Store, sample_reports: tuple[Complaint, ...]
) -> None:
    """The monev endpoint reports exactly what run_monev reports on the same reports."""
    store.import_reports(sample_reports)
    now = max(c.history[-1].at for c in sample_reports)
    response = client.get("/api/v1/monev", params={"now": now.isoformat()})
    assert response.status_code == 200
    expected = render_json(run_monev(sample_reports, hierarchy=AgencyGraph.indonesia(), now=now))
    assert response.json() == json.loads(expected)


def test_SERVICE_AUTH_token_and_key_files_load(tmp_path: Path) -> None:
    """The two small files: keys with labels and comments, tokens as validated actors."""
    keys = tmp_path / "keys"
    keys.write_text("# clients\nabc123 kota-app\nxyz789\n", encoding="utf-8")
    loaded = load_api_keys(keys)
    assert loaded["abc123"] == "kota-app"
    assert len(loaded["xyz789"]) == 8
    tokens = tmp_path / "tokens.json"
    tokens.write_text(json.dumps({"t": {"role": "LIAISON", "agency_id": "kab-16.02"}}), "utf-8")
    assert load_tokens(tokens)["t"].agency_id == "kab-16.02"
    tokens.write_text(json.dumps({"t": {"role": "LIAISON"}}), "utf-8")  # ACTOR-AGENCY
    with pytest.raises(Exception, match="actor 1 is not valid") as caught:
        load_tokens(tokens)
    assert getattr(caught.value, "rule", None) == "SERVICE-AUTH"


def test_OPEN311_expected_datetime_is_the_resolution_due_time(
    client: TestClient, store: Store
) -> None:
    """expected_datetime is the due time of the agency's RESOLUTION clock (SLA-RESOLUTION).

    The oracle is `sp4n.sla.deadlines` on the stored report; in JSON and in XML.
    """
    from sp4n.sla import deadlines
    from sp4n.vocabulary import Stage

    tracking_id = submit(client)
    act(client, "admin", tracking_id, kind="verify_and_dispatch", agency_id="kab-16.02")
    complaint = store.get(tracking_id).complaint
    due = next(
        d.due_at
        for d in deadlines(complaint, now=NOW, hierarchy=AgencyGraph.indonesia())
        if d.stage is Stage.RESOLUTION and d.scope == "agency"
    )
    assert due is not None
    assert due > NOW
    (request,) = client.get(f"/open311/v2/requests/{tracking_id}.json").json()
    assert datetime.fromisoformat(request["expected_datetime"]) == due
    xml = ET.fromstring(client.get(f"/open311/v2/requests/{tracking_id}.xml").content)
    text = xml.findtext("request/expected_datetime")
    assert text is not None
    assert datetime.fromisoformat(text) == due
