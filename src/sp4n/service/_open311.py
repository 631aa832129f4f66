"""Open311 GeoReport v2 under ``/open311/v2/``, in JSON and XML, through ``sp4n.open311``.

Rule: peers.md (Open311 GeoReport v2), standard.md §8. Services are the
competence table's categories. What Open311 lacks and SP4N needs is declared
as attributes of every service (so ``metadata`` is ``true``): the Kemendagri
``region_code`` of the location and the SP4N ``report_type``, posted as
``attribute[region_code]`` and ``attribute[report_type]``. A post is turned
into a submission by [`sp4n.open311.from_open311`][sp4n.open311.from_open311] (so a location without
a region code is refused with rule REGION-CODE, as everywhere) and stored by
[`sp4n.store.Store.submit`][sp4n.store.Store.submit]. Reads use the public view only
([`sp4n.open311.to_open311`][sp4n.open311.to_open311]): a confidential or unverified report is
never listed, and no output carries the reporter's identity.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Final

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, Response
from pydantic import JsonValue

from sp4n.competence import CompetenceRule, CompetenceTable
from sp4n.errors import DataError, PermissionDenied
from sp4n.i18n import Message
from sp4n.lifecycle import handling_chain
from sp4n.models import Actor, Complaint
from sp4n.open311 import from_open311, to_open311
from sp4n.rulebook import Rulebook
from sp4n.service._config import ServiceConfig
from sp4n.service._xml import to_xml
from sp4n.sla import deadlines
from sp4n.store import StoredReport
from sp4n.vocabulary import Channel, ReportType, Role, Stage, Status

__all__ = ["router", "service_definition", "service_list"]

router = APIRouter(prefix="/open311/v2", tags=["Open311 GeoReport v2"])

_FORMATS: Final = frozenset({"json", "xml"})
_WINDOW: Final = timedelta(days=90)  # GeoReport v2: a date range spans at most 90 days

Field = Annotated[str | None, Form()]


def _config(request: Request) -> ServiceConfig:
    config: ServiceConfig = request.app.state.config
    return config


def _not_found(what: Message) -> DataError:
    return DataError(
        Message("OPEN311-NOT-FOUND.what", "{what} [OPEN311-NOT-FOUND]", what=what),
        rule="OPEN311-NOT-FOUND",
    )


def _format(fmt: str) -> Message:
    return Message("OPEN311-NOT-FOUND.format", "format {fmt} (json or xml)", fmt=repr(fmt)[:80])


def _respond(fmt: str, root: str, value: JsonValue, status: int = 200) -> Response:
    if fmt not in _FORMATS:
        raise _not_found(_format(fmt))
    if fmt == "xml":
        return Response(to_xml(root, value), status_code=status, media_type="text/xml")
    return JSONResponse(value, status_code=status)


def _service(rule: CompetenceRule) -> dict[str, JsonValue]:
    group = rule.urusan.split(":", 1)[-1]
    return {
        "service_code": rule.category,
        "service_name": rule.label_id,
        "description": f"{group} — {rule.sub_urusan}" if rule.sub_urusan else group,
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join(rule.examples),
        "group": group,
    }


def service_list() -> list[JsonValue]:
    """Every category of the competence table as an Open311 service.

    >>> next(s for s in service_list() if s["service_code"] == "regency_road")["service_name"]
    'Jalan Kabupaten/Kota'
    """
    return [_service(rule) for rule in CompetenceTable.default()]


def service_definition(code: str) -> dict[str, JsonValue]:
    """The Open311 service definition of a category: its SP4N attributes.

    Raises:
        DataError: no such category (rule OPEN311-NOT-FOUND).

    >>> [a["code"] for a in service_definition("regency_road")["attributes"]]
    ['region_code', 'report_type']
    """
    if code not in CompetenceTable.default():
        raise _not_found(
            Message("OPEN311-NOT-FOUND.no-service", "no service {code}", code=repr(code)[:80])
        )
    return {
        "service_code": code,
        "attributes": [
            {
                "variable": True,
                "code": "region_code",
                "datatype": "string",
                "required": False,
                "datatype_description": (
                    "Kemendagri region code: PP, PP.RR, PP.RR.DD or PP.RR.DD.VVVV (e.g. 16.07); "
                    "required when lat/long or address_string is given (rule REGION-CODE)"
                ),
                "order": 1,
                "description": "Kode wilayah lokasi kejadian / region code of the location",
                "values": [],
            },
            {
                "variable": True,
                "code": "report_type",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "SP4N report type; COMPLAINT when not given",
                "order": 2,
                "description": "Klasifikasi laporan / report type",
                "values": [
                    {"key": kind.value, "name": f"{kind.label} ({kind.label_en})"}
                    for kind in ReportType
                ],
            },
        ],
    }


@router.get("/services.{fmt}")
def get_services(fmt: str) -> Response:
    """GeoReport v2 ``GET services``: the categories one can report on."""
    return _respond(fmt, "services", service_list())


@router.get("/services/{code}.{fmt}")
def get_service(code: str, fmt: str) -> Response:
    """GeoReport v2 ``GET service definition``: the SP4N attributes of a service."""
    return _respond(fmt, "service_definition", service_definition(code))


def _report_type(value: str | None) -> ReportType:
    if value is None or not value.strip():
        return ReportType.COMPLAINT
    try:
        return ReportType(value.strip())
    except ValueError:
        raise DataError(
            Message(
                "OPEN311-FIELD.attribute-report-type-sp4n",
                "attribute[report_type] is not an SP4N report type [OPEN311-FIELD]",
            ),
            rule="OPEN311-FIELD",
            field="attribute[report_type]",
        ) from None


@router.post("/requests.{fmt}")
def post_request(
    request: Request,
    fmt: str,
    *,
    api_key: Field = None,
    service_code: Field = None,
    description: Field = None,
    lat: Field = None,
    long: Field = None,
    address_string: Field = None,
    email: Field = None,
    first_name: Field = None,
    last_name: Field = None,
    phone: Field = None,
    account_id: Field = None,
    region_code: Annotated[str | None, Form(alias="attribute[region_code]")] = None,
    report_type: Annotated[str | None, Form(alias="attribute[report_type]")] = None,
) -> Response:
    """GeoReport v2 ``POST service request``, form-encoded, with an ``api_key``.

    Returns the new ``service_request_id`` (the SP4N tracking id), 201.
    """
    config = _config(request)
    label = config.api_keys.get(api_key or "")
    if label is None:
        raise PermissionDenied(
            Message(
                "OPEN311-API-KEY.missing-unknown-api-key",
                "missing or unknown api_key [OPEN311-API-KEY]",
            ),
            rule="OPEN311-API-KEY",
            field="api_key",
        )
    if fmt not in _FORMATS:
        raise _not_found(_format(fmt))
    if service_code is None or service_code not in CompetenceTable.default():
        raise _not_found(Message("OPEN311-NOT-FOUND.code", "unknown service_code"))
    post: dict[str, JsonValue] = {
        "service_code": service_code,
        "description": description,
        "lat": lat,
        "long": long,
        "address_string": address_string,
        "email": email,
        "first_name": first_name,
        "last_name": last_name,
        "phone": phone,
    }
    submission = from_open311(
        {k: v for k, v in post.items() if v is not None},
        submitted_at=config.clock(),
        region_code=region_code.strip() if region_code and region_code.strip() else None,
        report_type=_report_type(report_type),
        channel=Channel.INTEGRATED_APP,
    )
    account = (account_id or "").strip()
    actor = (
        Actor(role=Role.REPORTER, user_id=f"{label}:{account}"[:120])
        if account
        else Actor(role=Role.SYSTEM, user_id=f"open311:{label}"[:120])
    )
    stored = config.store.submit(submission, actor=actor)
    body: list[JsonValue] = [
        {
            "service_request_id": stored.tracking_id,
            "service_notice": None,
            "account_id": account or None,
        }
    ]
    return _respond(fmt, "service_requests", body, status=201)


def _instant(text: str | None, name: str) -> datetime | None:
    if text is None or not text.strip():
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise DataError(
            Message(
                "OPEN311-FIELD.name-w3c-date-time",
                "{name} is not a W3C date-time [OPEN311-FIELD]",
                name=str(name),
            ),
            rule="OPEN311-FIELD",
            field=name,
        ) from None
    if value.tzinfo is None:
        raise DataError(
            Message(
                "TIMESTAMP-AWARE.name-needs-utc-offset",
                "{name} needs a UTC offset or Z [TIMESTAMP-AWARE]",
                name=str(name),
            ),
            rule="TIMESTAMP-AWARE",
            field=name,
        )
    return value


def _window(
    start: datetime | None, end: datetime | None, now: datetime
) -> tuple[datetime, datetime]:
    """GeoReport v2: at most 90 days; the most recent 90 days when no date is given."""
    if start is None and end is None:
        return now - _WINDOW, now
    if start is None:
        assert end is not None
        return end - _WINDOW, end
    if end is None:
        return start, start + _WINDOW
    if end < start or end - start > _WINDOW:
        raise DataError(
            Message(
                "OPEN311-FIELD.start-date-end-date",
                "start_date..end_date must be in order and span at most 90 days [OPEN311-FIELD]",
            ),
            rule="OPEN311-FIELD",
            field="end_date",
        )
    return start, end


def _statuses(text: str | None, book: Rulebook) -> list[Status] | None:
    if text is None or not text.strip():
        return None
    wanted = {part.strip().lower() for part in text.split(",") if part.strip()}
    if not wanted <= {"open", "closed"}:
        raise DataError(
            Message(
                "OPEN311-FIELD.status-open-closed-both",
                "status is open, closed or both, comma separated [OPEN311-FIELD]",
            ),
            rule="OPEN311-FIELD",
            field="status",
        )
    return [s for s in Status if ("closed" if book.is_final(s) else "open") in wanted]


def _published(config: ServiceConfig, stored: StoredReport) -> dict[str, JsonValue] | None:
    """The Open311 request of a stored report, or ``None`` when it is not public."""
    complaint = stored.complaint
    chain = handling_chain(complaint)
    agency_name = None
    if chain:
        agency = config.hierarchy.find(chain[0]) if config.hierarchy is not None else None
        agency_name = agency.name if agency is not None else chain[0]
    try:
        return to_open311(
            complaint,
            rulebook=config.store.rulebook or Rulebook.default(),
            agency_responsible=agency_name,
            expected_datetime=_expected(complaint, config),
        )
    except PermissionDenied:
        return None


def _expected(complaint: Complaint, config: ServiceConfig) -> datetime | None:
    """Open311's ``expected_datetime``: when the handling agency is due to resolve the report.

    The due time of the agency's RESOLUTION clock (SLA-RESOLUTION, counted in
    its zone); ``None`` before the report is dispatched, while the clock is
    paused (ON_HOLD), or when the rules time no resolution for the report.
    """
    now = max(config.clock(), complaint.history[-1].at)
    found = deadlines(
        complaint, now=now, rulebook=config.store.rulebook, hierarchy=config.hierarchy
    )
    return next(
        (d.due_at for d in found if d.stage is Stage.RESOLUTION and d.scope == "agency"), None
    )


def _split(text: str | None) -> list[str] | None:
    if text is None or not text.strip():
        return None
    return [part.strip() for part in text.split(",") if part.strip()]


@router.get("/requests.{fmt}")
def get_requests(
    request: Request,
    fmt: str,
    *,
    service_request_id: str | None = None,
    service_code: str | None = None,
    start_date: str | None = None,
    end_date: str | None = None,
    status: str | None = None,
) -> Response:
    """GeoReport v2 ``GET service requests``: public reports, newest first.

    ``service_request_id`` (comma separated) overrides the other filters; dates
    filter ``requested_datetime`` over at most 90 days (the last 90 by default).
    """
    config = _config(request)
    store = config.store
    ids = _split(service_request_id)
    if ids is not None:
        found = store.find(tracking_ids=ids, public_only=True, limit=config.max_requests)
    else:
        start, end = _window(
            _instant(start_date, "start_date"), _instant(end_date, "end_date"), config.clock()
        )
        found = store.find(
            category=_split(service_code),
            status=_statuses(status, store.rulebook or Rulebook.default()),
            submitted_from=start,
            submitted_until=end,
            public_only=True,
            limit=config.max_requests,
        )
    out: list[JsonValue] = [r for r in (_published(config, s) for s in found) if r is not None]
    return _respond(fmt, "service_requests", out)


@router.get("/requests/{request_id}.{fmt}")
def get_request(request: Request, request_id: str, fmt: str) -> Response:
    """GeoReport v2 ``GET service request``: one public report (a list of one)."""
    config = _config(request)
    found = config.store.find(tracking_ids=(request_id,), public_only=True)
    published = _published(config, found[0]) if found else None
    if published is None:
        raise _not_found(
            Message("OPEN311-NOT-FOUND.request", "no public service request with this id")
        )
    return _respond(fmt, "service_requests", [published])
