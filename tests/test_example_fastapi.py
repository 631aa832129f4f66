"""examples/fastapi_app.py: the intake endpoint through FastAPI's TestClient (issue #12)."""

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sp4n import AuditLog

EXAMPLE = Path(__file__).parents[1] / "examples" / "fastapi_app.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fastapi_app", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


APP = _load()
GOOD: dict[str, Any] = APP.GOOD


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(APP.create_app(audit_path=tmp_path / "audit.jsonl"))


def test_good_report_is_submitted_routed_and_audited(client: TestClient, tmp_path: Path) -> None:
    """A good payload: 201, routed to the regency's public-works office, due dates, audit entry."""
    response = client.post("/reports", json=GOOD, headers={"X-User-Id": "warga-1"})
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "SUBMITTED"
    assert body["routing"]["agency_id"] == "kab-16.07.dinas-pupr"
    assert {"rule": "SLA-VERIFY", "stage": "VERIFICATION", "due_date": "2024-07-18"}.items() <= (
        body["deadlines"][0].items()
    )
    assert body["receipt"]["view"] == "reporter"
    assert body["receipt"]["reporter"]["name"] == "Siti Aminah"  # the reporter's own receipt
    log = AuditLog.read(tmp_path / "audit.jsonl")
    assert log.verify().ok
    [entry] = log.entries
    assert (entry.action, entry.subject, entry.actor.user_id) == (
        "submit",
        body["tracking_id"],
        "warga-1",
    )
    assert "Siti" not in (tmp_path / "audit.jsonl").read_text("utf-8")


@pytest.mark.parametrize(
    ("change", "field", "rule"),
    [
        ({"anonymous": "true"}, ["anonymous"], "bool_type"),
        ({"type": "complaint"}, ["type"], "enum"),
        ({"submitted_at": "2024-07-15T09:30:00"}, ["submitted_at"], "timezone_aware"),
        ({"reporter": {"name": "Siti Aminah"}}, ["reporter"], "sp4n.REPORTER-CONTACT"),
        ({"reporter": {"name": "Siti Aminah", "phone": "12"}}, ["reporter", "phone"], None),
        ({"title": ""}, ["title"], "string_too_short"),
        ({"tracking_id": "0012345674"}, ["tracking_id"], "extra_forbidden"),
    ],
)
def test_bad_report_gets_422_naming_field_and_rule(
    client: TestClient, change: dict[str, Any], field: list[str], rule: str | None
) -> None:
    """A bad payload: 422 whose errors name the field and the rule, and echo no input."""
    response = client.post("/reports", json={**GOOD, **change})
    assert response.status_code == 422
    errors = response.json()["detail"]
    found = {tuple(e["loc"]): e["type"] for e in errors}
    assert tuple(field) in found
    if rule is not None:
        assert found[tuple(field)] == rule
    else:
        assert found[tuple(field)].startswith("sp4n.")
    assert all("input" not in e for e in errors)
    assert "0812" not in response.text


def test_missing_fields_are_listed(client: TestClient) -> None:
    """Every missing required field is its own error (loc = the field, type = missing)."""
    response = client.post("/reports", json={"type": "COMPLAINT"})
    assert response.status_code == 422
    missing = {e["loc"][0] for e in response.json()["detail"] if e["type"] == "missing"}
    assert missing == {"title", "body", "category", "channel", "submitted_at"}


def test_dict_body_and_json_text_give_the_same_422(client: TestClient) -> None:
    """The dict FastAPI hands over is refused exactly as its JSON text would be."""
    from pydantic import ValidationError

    from sp4n import ComplaintSubmission

    bad = {**GOOD, "anonymous": "true", "channel": "web"}
    response = client.post("/reports", json=bad)
    with pytest.raises(ValidationError) as info:
        ComplaintSubmission.model_validate_json(json.dumps(bad))
    expected = json.loads(info.value.json(include_input=False, include_url=False))
    assert response.json()["detail"] == expected


def test_public_view_waits_for_verification(client: TestClient) -> None:
    """GET: 404 for an unknown report and for one not verified yet (PRIV-PUBLISH-UNVERIFIED)."""
    tracking = client.post("/reports", json=GOOD).json()["tracking_id"]
    assert client.get(f"/reports/{tracking}").status_code == 404
    assert client.get("/reports/9999999999").status_code == 404
