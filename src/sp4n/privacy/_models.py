"""The typed projections of a report that [`sp4n.privacy.view`][sp4n.privacy.view] returns.

Rule: standard.md §8. Each audience gets one model, and a model only has the
fields that audience may see: the public and the data API get a
[`PublicReportView`][sp4n.privacy.PublicReportView] (or, for a deleted report, only the
[`ReportView`][sp4n.privacy.ReportView] core); the reporter, the handling agency and oversight get
a [`HandlingReportView`][sp4n.privacy.HandlingReportView], whose ``reporter`` is set only where the
identity is visible. Every model is frozen and serialises to JSON with
``model_dump(mode="json")`` / ``model_dump_json()`` (e.g. as a FastAPI
``response_model``).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from sp4n.models import Coordinates, Reporter
from sp4n.vocabulary import Channel, EventKind, ExaminationFlag, ReportType, Role, Status

__all__ = [
    "ActorView",
    "AttachmentView",
    "Audience",
    "EventView",
    "HandlingReportView",
    "PublicReportView",
    "ReportView",
]


class Audience(StrEnum):
    """Which projection of a report a viewer gets (standard.md §8)."""

    PUBLIC = "public"
    """Anyone: published reports only, no identity, personal data in text masked."""
    DATA_API = "data_api"
    """The data-access API: like public (rule PRIV-DATA-API [R], API-LAPOR)."""
    REPORTER = "reporter"
    """The reporter, on their own report: everything they gave."""
    AGENCY = "agency"
    """The handling chain (agency admin, liaison, supervisor of the handling agency)."""
    OVERSIGHT = "oversight"
    """National admin, Ombudsman, auditor (APIP): everything, identity access logged."""


class _View(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ActorView(_View):
    """Who made an event: role and agency; the user id only for oversight."""

    role: Role
    agency_id: str | None = None
    user_id: str | None = None


class EventView(_View):
    """One event of the history as the viewer may see it (free text masked where needed)."""

    kind: EventKind
    label: str
    at: datetime
    actor: ActorView
    agency_id: str | None = None
    unit_id: str | None = None
    suggested_agency_id: str | None = None
    text: str | None = None
    reason: str | None = None
    info: str | None = None
    note: str | None = None


class AttachmentView(_View):
    """An attachment: type and size for everyone; name and hash for the handling chain."""

    media_type: str
    size_bytes: int
    name: str | None = None
    sha256: str | None = None


class ReportView(_View):
    """The core every audience that sees a report gets (all a public deleted report keeps)."""

    view: Audience
    tracking_id: str
    status: Status
    status_label: str
    submitted_at: datetime
    handling_agency_id: str | None


class PublicReportView(ReportView):
    """The published report: content with personal data masked, no identity (PRIV-PII-MASK)."""

    type: ReportType
    examination: ExaminationFlag
    category: str
    channel: Channel
    title: str
    body: str
    incident_date: date | None
    region_code: str | None
    target_agency_id: str | None
    anonymous: bool
    confidential: bool
    attachments: tuple[AttachmentView, ...]
    history: tuple[EventView, ...]


class HandlingReportView(PublicReportView):
    """What the reporter, the handling agency and oversight see.

    ``reporter`` is set only where the identity is visible (PRIV-ANONYMOUS,
    PRIV-ANON-AGENCY); elsewhere the text fields are masked as in the public view.
    """

    address: str | None
    coordinates: Coordinates | None
    summary_title: str | None
    tags: tuple[str, ...]
    reporter: Reporter | None = None
