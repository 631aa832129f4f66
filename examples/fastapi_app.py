"""A small FastAPI intake service on sp4n: validate → submit → route → deadlines → views.

Install: pip install 'sp4n[examples]' uvicorn
Serve:   uvicorn fastapi_app:app --app-dir examples
Try:     python examples/fastapi_app.py   (posts a good and a bad report in-process)

POST /reports takes the report as FastAPI hands it over, a ``dict`` parsed
from the JSON body, and validates it exactly as its JSON text
(``Standard.validate``: no lenient coercion, same errors). A refused report
gets a 422 whose body lists ``exc.errors(include_input=False)``: each error
names the field (``loc``) and the rule (``type`` = ``sp4n.<RULE>``), and no
input value is echoed back. A good one is submitted (recorded in the audit
trail), routed to the competent agency, given its deadlines, and answered with
the reporter's receipt; GET /reports/{tracking_id} gives the public view
(404 until an admin has verified the report, rule PRIV-PUBLISH-UNVERIFIED).
"""

from __future__ import annotations

import json
from itertools import count
from pathlib import Path
from typing import Annotated, Any

from fastapi import Body, FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from sp4n import (
    Actor,
    AuditFile,
    AuditLog,
    Complaint,
    Role,
    Standard,
    generate_tracking_id,
)

PUBLIC = Actor(role=Role.PUBLIC)


def create_app(*, audit_path: Path | None = None, standard: Standard | None = None) -> FastAPI:
    """The intake app; audit entries go to ``audit_path`` (a durable file) or to memory."""
    std = standard or Standard()
    audit: AuditFile | AuditLog = AuditFile(audit_path) if audit_path else AuditLog()
    reports: dict[str, Complaint] = {}
    serials = count(1)
    app = FastAPI(title="SP4N-LAPOR! intake (sp4n example)")

    @app.exception_handler(ValidationError)
    async def refused(_request: Request, exc: ValidationError) -> JSONResponse:
        # exc.json() serialises the errors' ctx safely; include_input=False echoes no input.
        errors = json.loads(exc.json(include_input=False, include_url=False))
        return JSONResponse(status_code=422, content={"detail": errors})

    @app.post("/reports", status_code=201)
    def intake(
        payload: Annotated[dict[str, Any], Body()],
        user_id: Annotated[str, Header(alias="X-User-Id")] = "warga-web",
    ) -> dict[str, Any]:
        submission = std.validate(payload)
        reporter = Actor(role=Role.REPORTER, user_id=user_id)
        tracking_id = generate_tracking_id(next(serials))
        complaint = std.submit(submission, tracking_id=tracking_id, actor=reporter, audit=audit)
        reports[tracking_id] = complaint
        routing = std.route(complaint)
        due = std.deadlines(complaint, now=complaint.submitted_at)
        receipt = std.view(complaint, reporter)
        return {
            "tracking_id": tracking_id,
            "status": complaint.status,
            "routing": {
                "agency_id": routing.dispatch_to.id,
                "agency": routing.dispatch_to.name,
                "reason": routing.reason,
            },
            "deadlines": [
                {"rule": d.rule, "stage": d.stage, "due_date": d.due_date, "zone": d.time_zone}
                for d in due
                if d.due_date is not None
            ],
            "receipt": None if receipt is None else receipt.model_dump(mode="json"),
        }

    @app.get("/reports/{tracking_id}")
    def public_view(tracking_id: str) -> dict[str, Any]:
        complaint = reports.get(tracking_id)
        shown = None if complaint is None else std.view(complaint, PUBLIC)
        if shown is None:
            raise HTTPException(status_code=404, detail="no published report with this id")
        return shown.model_dump(mode="json")

    return app


app = create_app()

GOOD = {
    "type": "COMPLAINT",
    "title": "Jalan kabupaten berlubang",
    "body": "Lubang sedalam 30 cm di depan pasar, hubungi saya di 0812-7788-1234.",
    "category": "regency_road",
    "channel": "WEB",
    "location": {"region_code": "16.07"},
    "reporter": {"name": "Siti Aminah", "phone": "0812-7788-1234"},
    "submitted_at": "2024-07-15T09:30:00+07:00",
}

if __name__ == "__main__":
    from fastapi.testclient import TestClient

    client = TestClient(app)
    good = client.post("/reports", json=GOOD, headers={"X-User-Id": "warga-1"})
    body = good.json()
    print(good.status_code, body["tracking_id"], body["routing"]["agency_id"])
    for row in body["deadlines"]:
        print(f"  {row['rule']}: due {row['due_date']} ({row['zone']})")
    bad = client.post("/reports", json={**GOOD, "anonymous": "true", "submitted_at": "kemarin"})
    print(bad.status_code, [(e["loc"], e["type"]) for e in bad.json()["detail"]])
    print(client.get(f"/reports/{body['tracking_id']}").status_code, "(not verified yet)")
