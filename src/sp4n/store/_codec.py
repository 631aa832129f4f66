"""Reports to rows and back: the JSON the models already define, and the query columns.

A report is stored as its [`Complaint`][sp4n.models.Complaint] JSON without the
history (``reports.document``) plus one ``events`` row per history event; it
is read back by validating the same JSON again, so a row edited into
something the models refuse is reported, never silently used.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Final

from pydantic import TypeAdapter

from sp4n.lifecycle import handling_chain
from sp4n.models import Actor, Complaint, Event
from sp4n.privacy import view
from sp4n.rulebook import Rulebook
from sp4n.sla import AgencyDirectory, SlaState, deadlines
from sp4n.vocabulary import Role
from sp4n.workdays import WorkingCalendar

__all__ = [
    "deadline_rows",
    "event_document",
    "event_row",
    "rebuild",
    "report_row",
    "sha256",
    "state_document",
]

_EVENT: Final = TypeAdapter[Event](Event)
_RUNNING: Final = frozenset({SlaState.PENDING, SlaState.BREACHED})
_PUBLIC: Final = Actor(role=Role.PUBLIC)


def sha256(text: str) -> str:
    """Hex SHA-256 of UTF-8 text: how an audit entry names the event it records."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def state_document(complaint: Complaint) -> str:
    """The report's JSON without its history (the history lives in ``events``)."""
    return complaint.model_dump_json(exclude={"history"})


def event_document(event: Event) -> str:
    """One event's JSON, as stored and as its audit entry hashes it."""
    return _EVENT.dump_json(event).decode("utf-8")


def rebuild(document: str, event_documents: Sequence[str]) -> Complaint:
    """The report from its stored state and events, validated like any payload.

    Raises:
        pydantic.ValidationError: the stored rows no longer make a valid report.
    """
    state = json.loads(document)
    state["history"] = [json.loads(doc) for doc in event_documents]
    return Complaint.model_validate_json(json.dumps(state))


def _is_public(complaint: Complaint, rulebook: Rulebook | None) -> bool:
    return view(complaint, _PUBLIC, rulebook=rulebook) is not None


def report_row(
    complaint: Complaint, *, version: int, rulebook: Rulebook | None
) -> dict[str, object]:
    """The ``reports`` row of a report at ``version`` (the number of its events)."""
    chain = handling_chain(complaint)
    location = complaint.location
    return {
        "tracking_id": complaint.tracking_id,
        "version": version,
        "status": str(complaint.status),
        "handling_agency_id": chain[-1] if chain else None,
        "category": complaint.category,
        "report_type": str(complaint.type),
        "region_code": location.region_code if location is not None else None,
        "confidential": complaint.confidential,
        "public": _is_public(complaint, rulebook),
        "submitted_at": complaint.submitted_at,
        "updated_at": complaint.history[-1].at,
        "document": state_document(complaint),
    }


def event_row(
    tracking_id: str, seq: int, event: Event, *, recorded_at: datetime
) -> dict[str, object]:
    """The ``events`` row of the ``seq``-th event of a report (0 = the submit)."""
    return {
        "tracking_id": tracking_id,
        "seq": seq,
        "kind": str(event.kind),
        "at": event.at,
        "actor_role": str(event.actor.role),
        "actor_agency_id": event.actor.agency_id,
        "recorded_at": recorded_at,
        "document": event_document(event),
    }


def deadline_rows(
    complaint: Complaint,
    *,
    rulebook: Rulebook | None,
    calendar: WorkingCalendar | None,
    hierarchy: AgencyDirectory | None,
) -> Iterable[dict[str, object]]:
    """The running SLA clocks of a report and when each falls due (for "overdue" queries).

    Judged as of the report's last event: a clock that runs then keeps its due
    instant until the next event (only an event stops, pauses or restarts a
    clock), so "overdue at *t*" is ``due_at < t`` — rule SLA-* rows via
    [`sp4n.sla.deadlines`][sp4n.sla.deadlines]. Paused clocks (no due instant) are left out.
    """
    judged = deadlines(
        complaint,
        now=complaint.history[-1].at,
        rulebook=rulebook,
        calendar=calendar,
        hierarchy=hierarchy,
    )
    for stage in judged:
        if stage.state in _RUNNING and stage.ended_at is None and stage.due_at is not None:
            yield {
                "tracking_id": complaint.tracking_id,
                "stage": str(stage.stage),
                "scope": stage.scope,
                "rule": stage.rule,
                "due_at": stage.due_at,
            }
