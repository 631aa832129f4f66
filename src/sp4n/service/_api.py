"""The SP4N operations for apps under ``/api/v1``: submit, act, view, verify, evaluate.

The acting role and agency come from the bearer token (``--tokens FILE``,
rule SERVICE-AUTH), never from the request body. Every decision is the
library's: [`sp4n.store.Store.submit`][sp4n.store.Store.submit] / [`apply`][sp4n.store.Store.apply]
(lifecycle engine), [`view`][sp4n.store.Store.view] (privacy views, identity
reads recorded), [`verify`][sp4n.store.Store.verify] (audit chain) and
[`sp4n.monev.MonevPipeline`][sp4n.monev.MonevPipeline]. A report's version is its ``ETag``; send
it back as ``If-Match`` to apply an event only to the state you saw (rule
STORE-CONCURRENT-UPDATE, answered 409 with the current version).
"""

from __future__ import annotations

import hmac
import json
from datetime import date, datetime
from typing import Final

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import JsonValue, TypeAdapter
from starlette.concurrency import run_in_threadpool

from sp4n.errors import DataError, PermissionDenied
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Message
from sp4n.lifecycle import available_events
from sp4n.models import Actor, ComplaintSubmission, Event
from sp4n.monev import MonevPipeline
from sp4n.monev.render_json import render_json
from sp4n.scoring import Period
from sp4n.service._config import ServiceConfig
from sp4n.store import StoredReport
from sp4n.vocabulary import Role, Stage, Status

__all__ = ["actor_of", "router"]

router = APIRouter(prefix="/api/v1", tags=["SP4N"])

_EVENT: Final = TypeAdapter[Event](Event)
_OVERSIGHT: Final = frozenset({Role.NATIONAL_ADMIN, Role.OMBUDSMAN, Role.AUDITOR})
_PUBLIC: Final = Actor(role=Role.PUBLIC)


def _config(request: Request) -> ServiceConfig:
    config: ServiceConfig = request.app.state.config
    return config


def actor_of(request: Request, *, required: bool) -> Actor | None:
    """The actor the request's bearer token stands for (rule SERVICE-AUTH).

    Tokens are compared in constant time. Without a token: ``None`` where the
    public may look, otherwise a refusal.

    Raises:
        PermissionDenied: the token is missing (and required) or unknown.
    """
    header = request.headers.get("authorization")
    if not header:
        if required:
            raise PermissionDenied(
                Message(
                    "SERVICE-AUTH.operation-needs-bearer-token",
                    "this operation needs a bearer token [SERVICE-AUTH]",
                ),
                rule="SERVICE-AUTH",
                field="authorization",
            )
        return None
    scheme, _, token = header.partition(" ")
    found = None
    for known, actor in _config(request).tokens.items():
        if hmac.compare_digest(known.encode(), token.strip().encode()):
            found = actor
    if scheme.lower() != "bearer" or found is None:
        raise PermissionDenied(
            Message(
                "SERVICE-AUTH.unknown-bearer-token-service", "unknown bearer token [SERVICE-AUTH]"
            ),
            rule="SERVICE-AUTH",
            field="authorization",
        )
    return found


def _stored_response(stored: StoredReport, body: JsonValue, status: int = 200) -> Response:
    return JSONResponse(body, status_code=status, headers={"ETag": f'"{stored.version}"'})


def _summary(stored: StoredReport) -> dict[str, JsonValue]:
    return {
        "tracking_id": stored.tracking_id,
        "version": stored.version,
        "status": str(stored.status),
        "status_label": stored.status.label,
    }


async def _json_object(request: Request) -> dict[str, JsonValue]:
    try:
        data = json.loads(await request.body())
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise DataError(
            Message("INPUT-JSON.body-json-object-input", "the body is a JSON object [INPUT-JSON]"),
            rule="INPUT-JSON",
            field="body",
        )
    return data


@router.post("/reports", status_code=201)
async def submit_report(request: Request) -> Response:
    """Submit a report (a `ComplaintSubmission`) as the token's actor.

    201 with the tracking id, version and status (rule LC-SUBMIT decides who may).
    """
    actor = actor_of(request, required=True)
    assert actor is not None
    submission = ComplaintSubmission.model_validate_json(await request.body())
    store = _config(request).store
    stored = await run_in_threadpool(store.submit, submission, actor=actor)
    return _stored_response(stored, _summary(stored), status=201)


def _expected_version(request: Request) -> int | None:
    header = request.headers.get("if-match")
    if header is None:
        return None
    text = header.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise DataError(
            Message(
                "STORE-CONCURRENT-UPDATE.if-match-report-s",
                "If-Match is the report's version as its ETag gives it [STORE-CONCURRENT-UPDATE]",
            ),
            rule="STORE-CONCURRENT-UPDATE",
            field="If-Match",
        )
    return int(text)


@router.post("/reports/{tracking_id}/events")
async def apply_event(request: Request, tracking_id: str) -> Response:
    """Apply an event to a report as the token's actor; ``at`` defaults to now.

    The body is an event without ``actor`` (e.g. ``{"kind": "verify_and_dispatch",
    "agency_id": "kab-16.07"}``). 200 with the new version; 409 when another
    event was applied first (``If-Match``) or the status does not allow it.
    """
    config = _config(request)
    actor = actor_of(request, required=True)
    assert actor is not None
    data = await _json_object(request)
    if "actor" in data:
        raise DataError(
            Message(
                "SERVICE-AUTH.actor-comes-bearer-token",
                "the actor comes from the bearer token, not the body [SERVICE-AUTH]",
            ),
            rule="SERVICE-AUTH",
            field="actor",
        )
    data["actor"] = actor.model_dump(mode="json")
    data.setdefault("at", config.clock().isoformat())
    event = _EVENT.validate_json(json.dumps(data))
    expected = _expected_version(request)
    stored = await run_in_threadpool(
        config.store.apply, tracking_id, event, expected_version=expected
    )
    return _stored_response(stored, _summary(stored))


def _view_or_404(config: ServiceConfig, stored: StoredReport, actor: Actor) -> dict[str, JsonValue]:
    seen = config.store.view(stored, actor)
    if seen is None:  # not visible to this viewer: as if it did not exist
        raise DataError(
            Message(
                "STORE-NOT-FOUND.no-report-tracking-id",
                "no report with this tracking id is visible to you [STORE-NOT-FOUND]",
            ),
            rule="STORE-NOT-FOUND",
            field="tracking_id",
        )
    return seen


@router.get("/reports/{tracking_id}")
def get_report(request: Request, tracking_id: str) -> Response:
    """The report as the token's actor may see it (the public view without a token)."""
    config = _config(request)
    actor = actor_of(request, required=False) or _PUBLIC
    stored = config.store.get(tracking_id)
    body = {**_summary(stored), "report": _view_or_404(config, stored, actor)}
    return _stored_response(stored, body)


@router.get("/reports/{tracking_id}/available-events")
def get_available_events(request: Request, tracking_id: str) -> Response:
    """The events the token's actor may make on the report now (table order)."""
    config = _config(request)
    actor = actor_of(request, required=True)
    assert actor is not None
    stored = config.store.get(tracking_id)
    _view_or_404(config, stored, actor)
    kinds = available_events(
        stored.complaint, actor, rulebook=config.store.rulebook, hierarchy=config.store.hierarchy
    )
    return _stored_response(stored, {**_summary(stored), "events": [str(k) for k in kinds]})


def _instant(text: str | None, name: str) -> datetime | None:
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise DataError(
            Message(
                "TIMESTAMP-AWARE.name-iso-8601-instant",
                "{name} is an ISO 8601 instant with an offset [TIMESTAMP-AWARE]",
                name=str(name),
            ),
            rule="TIMESTAMP-AWARE",
            field=name,
        )
    return value


@router.get("/reports")
def list_reports(
    request: Request,
    *,
    status: Status | None = None,
    agency_id: str | None = None,
    category: str | None = None,
    overdue: Stage | None = None,
    now: str | None = None,
    limit: int = 50,
) -> Response:
    """Reports the token's actor may see, newest first; ``overdue=STAGE`` for late ones.

    Filters: ``status``, ``agency_id`` (with its units), ``category``; with
    ``overdue`` the reports whose stage clock fell due before ``now``
    (default: the server's now). At most ``limit`` (≤ 500) reports are read.
    """
    config = _config(request)
    actor = actor_of(request, required=False) or _PUBLIC
    store = config.store
    size = max(1, min(limit, 500))
    if overdue is not None:
        when = _instant(now, "now") or config.clock()
        found = store.overdue(overdue, now=when, agency_id=agency_id, limit=size)
    else:
        found = store.find(status=status, agency_id=agency_id, category=category, limit=size)
    reports: list[JsonValue] = []
    for stored in found:
        if status is not None and stored.status is not status:
            continue
        seen = store.view(stored, actor)
        if seen is not None:
            reports.append({**_summary(stored), "report": seen})
    return JSONResponse({"reports": reports})


@router.get("/audit/verify")
def verify_audit(request: Request, head: str | None = None) -> Response:
    """Verify the stored audit chain and the tables against it (oversight roles only).

    Rules AUDIT-CHAIN and STORE-INTEGRITY; ``head`` is a head hash anchored elsewhere.
    """
    config = _config(request)
    actor = actor_of(request, required=True)
    assert actor is not None
    if actor.role not in _OVERSIGHT:
        raise PermissionDenied(
            Message(
                "SERVICE-ROLE.role-may-verify-audit",
                "{role} may not verify the audit trail [SERVICE-ROLE]",
                role=str(actor.role),
            ),
            rule="SERVICE-ROLE",
            field="role",
        )
    result = config.store.verify(expected_head=head)
    chain = result.audit
    broken = chain.first_break
    body: dict[str, JsonValue] = {
        "ok": result.ok,
        "length": chain.length,
        "head": chain.head,
        "first_break": None if broken is None else {"index": broken.index, "reason": broken.reason},
        "reports": result.reports,
        "events": result.events,
        "problems": list(result.problems),
        "problem_count": result.problem_count,
    }
    return JSONResponse(body)


def _date(text: str | None, name: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DataError(
            Message("INPUT-JSON.name-date-yyyy-mm", "{name} is a date YYYY-MM-DD", name=str(name)),
            rule="INPUT-JSON",
            field=name,
        ) from None


@router.get("/monev")
def monev(
    request: Request,
    now: str | None = None,
    scope: str = "national",
    start: str | None = None,
    end: str | None = None,
) -> Response:
    """The monev report of the stored reports (standard.md §7), as ``sp4n monev --json`` writes.

    ``start``/``end`` (dates, inclusive, WIB) bound the submission period;
    ``now`` (ISO instant) is the evaluation instant, the server's now by default.
    """
    config = _config(request)
    when = _instant(now, "now") or config.clock()
    first, last = _date(start, "start"), _date(end, "end")
    period = Period.from_dates(first, last) if first and last else None
    graph = config.hierarchy or AgencyGraph.indonesia()
    pipeline = MonevPipeline(graph, now=when, scope=scope, period=period)
    result = pipeline.add_all(config.store.reports()).result()
    return Response(render_json(result), media_type="application/json")
