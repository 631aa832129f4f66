"""Who sees what of a report: the projections of standard.md §8."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from sp4n._guards import boundary
from sp4n.errors import ConfigError, PermissionDenied
from sp4n.i18n import Lang, Message, label
from sp4n.lifecycle import AgencyTree, default_hierarchy, handling_chain, owner_id, rulebook_for
from sp4n.lifecycle._scope import ScopeContext, scope_refusal
from sp4n.models import Actor, Complaint, Event
from sp4n.privacy._models import (
    ActorView,
    AttachmentView,
    Audience,
    EventView,
    HandlingReportView,
    PublicReportView,
    ReportView,
)
from sp4n.privacy._pii import Masker
from sp4n.rulebook import Rulebook
from sp4n.vocabulary import EventKind, Role, Status

if TYPE_CHECKING:
    from sp4n.audit_sink import AuditSink

__all__ = ["IDENTITY_READ", "Audience", "audience_for", "view"]

IDENTITY_READ: Final = "reporter_identity.read"
"""The audit action recorded when a view discloses a reporter's identity (PRIV-ACCESS-LOG)."""


_SCOPED: Final[Mapping[Role, tuple[Audience, Audience]]] = MappingProxyType(
    {
        Role.REPORTER: (Audience.REPORTER, Audience.PUBLIC),
        Role.AGENCY_ADMIN: (Audience.AGENCY, Audience.PUBLIC),
        Role.LIAISON: (Audience.AGENCY, Audience.PUBLIC),
        Role.SUPERVISOR: (Audience.AGENCY, Audience.PUBLIC),
    }
)
"""Roles whose audience depends on the report: (if in scope, otherwise)."""

_FIXED: Final[Mapping[Role, Audience]] = MappingProxyType(
    {
        Role.NATIONAL_ADMIN: Audience.OVERSIGHT,
        Role.OMBUDSMAN: Audience.OVERSIGHT,
        Role.AUDITOR: Audience.OVERSIGHT,
        Role.PUBLIC: Audience.PUBLIC,
        Role.DATA_API: Audience.DATA_API,
        Role.SYSTEM: Audience.PUBLIC,
    }
)

_CONTENT_REMOVED: Final = frozenset({Status.DELETED})
"""Statuses whose content never leaves the handling chain (standard.md §4: *dihapus*)."""

_VERIFYING: Final = frozenset({EventKind.VERIFY_AND_DISPATCH})
"""Events that mean an admin has verified the report (standard.md §4, §8)."""

_HANDLING: Final = frozenset({Audience.REPORTER, Audience.AGENCY, Audience.OVERSIGHT})
_OUTSIDE: Final = frozenset({Audience.PUBLIC, Audience.DATA_API})
_TEXT_FIELDS: Final = ("text", "reason", "info")
_AGENCY_FIELDS: Final = ("agency_id", "unit_id", "suggested_agency_id")


@boundary
def audience_for(
    complaint: Complaint,
    viewer: Actor,
    *,
    rulebook: Rulebook | None = None,
    hierarchy: AgencyTree | None = None,
) -> Audience:
    """The projection ``viewer`` gets of ``complaint``.

    A reporter gets the reporter view of their own report (scope ``own``); an
    agency admin, supervisor or liaison the agency view only when their agency
    handles the report or a unit of their organisation does (scope
    ``assigned``, see [`sp4n.lifecycle`][sp4n.lifecycle]: never an ancestor government, and
    nobody when the handling agency is unknown to ``hierarchy``, by default
    the embedded one); otherwise
    both get the public view (which may be ``None``). The national admin, the Ombudsman and
    the auditor get the oversight view; the data-API user the data-API view.
    """
    fixed = _FIXED.get(viewer.role)
    if fixed is not None:
        return fixed
    inside, outside = _SCOPED[viewer.role]
    if inside is Audience.REPORTER:
        owner = owner_id(complaint)
        return inside if owner is not None and viewer.user_id == owner else outside
    tree = hierarchy if hierarchy is not None else default_hierarchy()
    ctx = ScopeContext(complaint, rulebook_for(complaint, rulebook), tree)
    return inside if scope_refusal("assigned", viewer, ctx) is None else outside


def _identity_visible(audience: Audience, complaint: Complaint, book: Rulebook) -> bool:
    """Rules PRIV-ANONYMOUS [R] and PRIV-ANON-AGENCY [D]."""
    if audience is Audience.AGENCY:
        return not complaint.anonymous or book.settings.anonymous_identity_visible_to_agency
    return audience in {Audience.REPORTER, Audience.OVERSIGHT}


def _known_identity(complaint: Complaint) -> tuple[str, ...]:
    reporter = complaint.reporter
    if reporter is None:
        return ()
    return tuple(v for v in (reporter.name, reporter.nik, reporter.phone, reporter.email) if v)


def _event_view(
    event: Event, *, clean: Callable[[str], str], audience: Audience, lang: Lang
) -> EventView:
    actor = event.actor
    texts = {name: getattr(event, name, None) for name in _TEXT_FIELDS}
    agencies = {name: getattr(event, name, None) for name in _AGENCY_FIELDS}
    return EventView(
        kind=event.event_kind,
        label=label(event.event_kind, lang),
        at=event.at,
        actor=ActorView(
            role=actor.role,
            agency_id=actor.agency_id,
            user_id=actor.user_id if audience is Audience.OVERSIGHT else None,
        ),
        **{name: None if value is None else str(value) for name, value in agencies.items()},
        **{name: None if value is None else clean(str(value)) for name, value in texts.items()},
        note=clean(event.note) if audience in _HANDLING and event.note is not None else None,
    )


def _publishable(complaint: Complaint, book: Rulebook) -> bool:
    """Rule PRIV-PUBLISH-UNVERIFIED [D]: only verified, not deleted reports, unless switched on."""
    if book.settings.publish_unverified:
        return True
    verified = any(e.event_kind in _VERIFYING for e in complaint.history)
    return verified and complaint.status not in _CONTENT_REMOVED


def _core(complaint: Complaint, audience: Audience, lang: Lang) -> dict[str, object]:
    chain = handling_chain(complaint)
    return {
        "view": audience,
        "tracking_id": complaint.tracking_id,
        "status": complaint.status,
        "status_label": label(complaint.status, lang),
        "submitted_at": complaint.submitted_at,
        "handling_agency_id": chain[-1] if chain else None,
    }


@boundary
def view(
    complaint: Complaint,
    viewer: Actor,
    *,
    rulebook: Rulebook | None = None,
    hierarchy: AgencyTree | None = None,
    audit: AuditSink | None = None,
    at: datetime | None = None,
    lang: Lang = "id",
) -> ReportView | None:
    """The part of a report that ``viewer`` may see, as a typed view; ``None`` if nothing.

    Rules (standard.md §8): a confidential report (*rahasia*) is not published:
    the public and the data API get ``None`` (PRIV-CONFIDENTIAL [R],
    PRIV-DATA-API [R]); the reporter's identity never reaches the public or
    the data API, and of an anonymous report (*anonim*) not the handling
    agency either unless PRIV-ANON-AGENCY is switched on [D]; wherever the
    identity is hidden, NIK, phone numbers and e-mail addresses in free text,
    and the reporter's own name and numbers, are masked (PRIV-PII-MASK [D]).
    The public and the data API see only reports an admin has verified
    (dispatched at least once) and not deleted, unless the rulebook setting
    ``publish_unverified`` (PRIV-PUBLISH-UNVERIFIED [D]) is on; then a
    deleted report keeps only its tracking id and status. Every free text,
    the address, the summary title, tags and attachment names are masked
    wherever the identity is hidden.

    Each view that discloses the identity to someone other than the reporter
    must be recorded (PRIV-ACCESS-LOG [D]): such a view without ``audit`` is
    refused, so the disclosure cannot go unlogged.

    The view is a frozen model (see `sp4n.privacy._models`): a
    [`ReportView`][sp4n.privacy.ReportView] core for a deleted report shown to the
    public, a [`PublicReportView`][sp4n.privacy.PublicReportView] for the public and the
    data API, a [`HandlingReportView`][sp4n.privacy.HandlingReportView] for the reporter,
    the handling agency and oversight. ``model_dump(mode="json")`` gives JSON.

    Args:
        complaint: The report.
        viewer: Who looks.
        rulebook: The rules; by default those in force on the submission date.
        hierarchy: The agency tree, for the handling chain (see
            [`audience_for`][sp4n.privacy.audience_for]); by default the embedded one.
        audit: Where to record disclosures of the reporter's identity (an
            ``AuditLog``, an ``AuditFile``…); required when the view discloses
            it to a privileged viewer.
        at: When the view happens; required with ``audit``.
        lang: The language of the labels people read (``status_label`` and
            each event's ``label``): ``"id"`` (default, the standard's
            readers) or ``"en"``. Codes (``status``, ``kind``) stay codes.

    Raises:
        PermissionDenied: the view would disclose the identity to someone other
            than the reporter and no ``audit`` log is given (PRIV-ACCESS-LOG).
        ConfigError: ``audit`` given without ``at`` (rule PRIV-ACCESS-LOG).

    >>> from sp4n.models import ComplaintSubmission
    >>> from sp4n.vocabulary import Role
    >>> sub = ComplaintSubmission.model_validate_json(
    ...     '{"type": "COMPLAINT", "title": "Pungli", "body": "Hubungi saya di 0812-3456-7890",'
    ...     ' "category": "licensing", "channel": "WEB", "anonymous": true,'
    ...     ' "reporter": {"name": "Siti Aminah", "phone": "081234567890"},'
    ...     ' "submitted_at": "2024-04-05T09:30:00+07:00"}')
    >>> c = Complaint.from_submission(sub, tracking_id="0012345674")
    >>> view(c, Actor(role=Role.PUBLIC)) is None  # not verified yet
    True
    >>> from sp4n.models import VerifyAndDispatchEvent
    >>> admin = Actor(role=Role.NATIONAL_ADMIN, user_id="op1")
    >>> c = c.model_copy(update={"history": (*c.history, VerifyAndDispatchEvent(
    ...     at=sub.submitted_at, actor=admin, agency_id="kab-32.01"))})
    >>> public = view(c, Actor(role=Role.PUBLIC))
    >>> (type(public).__name__, public.body, "reporter" in public.model_dump())
    ('PublicReportView', 'Hubungi saya di [IDENTITY]', False)
    """
    book = rulebook_for(complaint, rulebook)
    audience = audience_for(complaint, viewer, rulebook=book, hierarchy=hierarchy)
    if audience in _OUTSIDE and (complaint.confidential or not _publishable(complaint, book)):
        return None
    core = _core(complaint, audience, lang)
    if audience in _OUTSIDE and complaint.status in _CONTENT_REMOVED:
        return ReportView.model_validate(core)
    identity = _identity_visible(audience, complaint, book)
    discloses = identity and complaint.reporter is not None and audience is not Audience.REPORTER
    if discloses and audit is None:
        raise PermissionDenied(
            Message(
                "PRIV-ACCESS-LOG.role-would-see-reporter",
                "{role} would see the reporter's identity of {tracking_id}: pass audit= so the "
                "access is logged [PRIV-ACCESS-LOG]",
                role=str(viewer.role),
                tracking_id=str(complaint.tracking_id),
            ),
            rule="PRIV-ACCESS-LOG",
            field="audit",
        )
    masker = Masker(keep=(complaint.tracking_id,), known=_known_identity(complaint))

    def clean(text: str) -> str:
        return text if identity else masker.mask(text)

    content: dict[str, object] = {
        **core,
        "type": complaint.type,
        "examination": complaint.examination,
        "category": complaint.category,
        "channel": complaint.channel,
        "title": clean(complaint.title),
        "body": clean(complaint.body),
        "incident_date": complaint.incident_date,
        "region_code": complaint.location.region_code if complaint.location else None,
        "target_agency_id": complaint.target_agency_id,
        "anonymous": complaint.anonymous,
        "confidential": complaint.confidential,
        "history": tuple(
            _event_view(e, clean=clean, audience=audience, lang=lang) for e in complaint.history
        ),
    }
    if audience not in _HANDLING:
        attachments = tuple(
            AttachmentView(media_type=a.media_type, size_bytes=a.size_bytes)
            for a in complaint.attachments
        )
        return PublicReportView.model_validate({**content, "attachments": attachments})
    location = complaint.location
    shown = HandlingReportView.model_validate(
        {
            **content,
            "attachments": tuple(
                AttachmentView(
                    media_type=a.media_type,
                    size_bytes=a.size_bytes,
                    name=clean(a.name),
                    sha256=a.sha256,
                )
                for a in complaint.attachments
            ),
            "address": clean(location.address) if location and location.address else None,
            "coordinates": location.coordinates if location else None,
            "summary_title": clean(complaint.summary_title) if complaint.summary_title else None,
            "tags": tuple(clean(tag) for tag in complaint.tags),
            "reporter": complaint.reporter if identity else None,
        }
    )
    if discloses and audit is not None:
        _record(audit, at, viewer, complaint, audience)
    return shown


def _record(
    audit: AuditSink,
    at: datetime | None,
    viewer: Actor,
    complaint: Complaint,
    audience: Audience,
) -> None:
    if at is None:
        raise ConfigError(
            Message(
                "PRIV-ACCESS-LOG.recording-identity-access-needs",
                "recording an identity access needs the instant: pass at= [PRIV-ACCESS-LOG]",
            ),
            rule="PRIV-ACCESS-LOG",
            field="at",
        )
    audit.append(
        at=at,
        actor=viewer,
        action=IDENTITY_READ,
        subject=complaint.tracking_id,
        details={"view": str(audience), "anonymous": complaint.anonymous},
    )
