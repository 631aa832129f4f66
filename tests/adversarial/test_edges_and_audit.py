"""Instants at the edges of the calendar, and an audit log that always reads back (#11)."""

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

from sp4n.audit import AuditLog
from sp4n.errors import DataError
from sp4n.models import Actor, Complaint, ComplaintSubmission
from sp4n.payloads import validate_json
from sp4n.vocabulary import Role

from ._support import complaints, run, submission

EDGES = ("9999-12-31T20:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00")
ACTOR = Actor(role=Role.OMBUDSMAN, user_id="ori-7")


@pytest.mark.parametrize("instant", EDGES)
def test_TIMESTAMP_RANGE_edge_instants_are_a_validation_error(instant: str) -> None:
    """A submission at the edge of the calendar is a ValidationError of its field, not a crash."""
    payload = submission(submitted_at=instant, incident_date="2024-03-28")
    with pytest.raises(ValidationError) as info:
        ComplaintSubmission.model_validate_json(json.dumps(payload))
    errors = info.value.errors()
    assert [(e["loc"], e["type"]) for e in errors] == [(("submitted_at",), "sp4n.TIMESTAMP-RANGE")]


def test_TIMESTAMP_RANGE_one_bad_line_never_aborts_a_file(tmp_path: Path) -> None:
    """A file with an edge instant on one line: that line is invalid, the others are judged."""
    good = complaints(2)
    edge = json.loads(good[0].model_dump_json())
    edge["submitted_at"] = edge["history"][0]["at"] = EDGES[1]
    path = tmp_path / "edge.jsonl"
    path.write_text("\n".join([good[1].model_dump_json(), json.dumps(edge)]) + "\n", "utf-8")
    code, out, err = run(["validate", "--model", "complaint", str(path)])
    assert (code, "1 valid, 1 invalid" in err) == (1, True)
    assert "2/submitted_at: TIMESTAMP-RANGE" in out
    result = validate_json(json.dumps(edge), model="complaint")
    assert [p.rule for p in result.problems] == ["TIMESTAMP-RANGE", "TIMESTAMP-RANGE"]
    code, _, err = run(["sla", str(path), "--now", "2025-01-14T12:00:00+07:00"])
    assert code == 1
    assert "TIMESTAMP-RANGE" in err


@pytest.mark.parametrize(
    "at",
    [
        datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-14))),
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
        datetime(2024, 4, 5),  # noqa: DTZ001 - naive on purpose
    ],
)
def test_AUDIT_ORDER_append_refuses_instants_without_utc(at: datetime) -> None:
    """AuditLog.append refuses an instant with no UTC equivalent (or naive): DataError."""
    with pytest.raises(DataError) as info:
        AuditLog().append(at=at, actor=ACTOR, action="x.read", subject="1")
    assert info.value.rule == "AUDIT-ORDER"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"action": None}, "action"),
        ({"subject": 123}, "subject"),
        ({"actor": "ori-7"}, "actor"),
        ({"details": ["x"]}, "details"),
        ({"details": {"n": 2**60}}, "details"),
        ({"details": {1: "x"}}, "details"),
    ],
)
def test_AUDIT_FORMAT_append_validates_like_the_reader(
    changes: dict[str, object], field: str
) -> None:
    """What AuditLog.append refuses is what from_jsonl would refuse: no unreadable log."""
    entry: dict[str, object] = {
        "at": datetime(2024, 4, 5, tzinfo=UTC),
        "actor": ACTOR,
        "action": "reporter_identity.read",
        "subject": "0012345674",
        **changes,
    }
    log = AuditLog()
    with pytest.raises(DataError) as info:
        log.append(**entry)  # type: ignore[arg-type]
    assert (info.value.rule, info.value.field) == ("AUDIT-FORMAT", field)
    assert len(log) == 0


def test_AUDIT_FORMAT_whatever_append_accepts_reads_back(tmp_path: Path) -> None:
    """A log of accepted entries, written and read again, verifies."""
    log = AuditLog()
    for i, subject in enumerate(("0012345674", "é", "a\u2028b", "x" * 5000)):
        log.append(
            at=datetime(2024, 4, 5, i, tzinfo=UTC),
            actor=ACTOR,
            action="a",
            subject=subject,
            details={"n": -(2**53) + 1, "ok": True, "none": None},
        )
    path = tmp_path / "audit.jsonl"
    log.write(path)
    assert AuditLog.read(path).verify().ok


def test_AUDIT_FORMAT_verify_on_an_edge_instant_is_exit_2(tmp_path: Path) -> None:
    """`audit verify` on a line whose instant has no UTC equivalent: one line, exit 2."""
    log = AuditLog()
    log.append(at=datetime(2024, 4, 5, tzinfo=UTC), actor=ACTOR, action="a", subject="s")
    line = json.loads(log.to_jsonl())
    line["at"] = "0001-01-01T00:00:00+14:00"
    path = tmp_path / "audit.jsonl"
    path.write_text(json.dumps(line) + "\n", "utf-8")
    code, _, err = run(["audit", "verify", str(path), "--head", log.head])
    assert code == 2
    assert "[AUDIT-FORMAT]" in err
    assert "Traceback" not in err


def test_TIMESTAMP_RANGE_complaint_history_event_at_the_edge() -> None:
    """An event instant at the edge is the same per-field ValidationError."""
    payload = json.loads(complaints(1)[0].model_dump_json())
    payload["history"][-1]["at"] = EDGES[0]
    with pytest.raises(ValidationError) as info:
        Complaint.model_validate_json(json.dumps(payload))
    assert info.value.errors()[0]["type"] == "sp4n.TIMESTAMP-RANGE"
