"""Typed models of the report and the agency — *laporan* and *instansi*.

Payload models are pydantic v2, strict, frozen and closed (``extra="forbid"``):
an integrator's payload is either exactly right or refused with a
``ValidationError`` whose errors name the field (``loc``) and the rule
(``type`` = ``sp4n.<rule>``). Personal data never appears in ``repr`` or
``str`` of any model — free text (title, body, summary title, tags, notes) is
left out as well, since it is personal data until masked — nor in validation
errors: ``str(exc)``, ``exc.errors()`` and ``exc.json()`` carry no input and
no echoed value (rule PRIV-ERRORS, `sp4n._redact`), so a web API may
return them as they are.

Rule: standard.md §3 (report fields), §4 (history), §6 (agency), §8 (identity).

>>> sub = ComplaintSubmission.model_validate_json('''{
...   "type": "COMPLAINT", "title": "Jalan berlubang di Jl. Merdeka",
...   "body": "Lubang besar sejak dua minggu, membahayakan pengendara motor.",
...   "category": "regency_road", "channel": "WEB",
...   "location": {"region_code": "16.07"},
...   "submitted_at": "2024-04-05T09:30:00+07:00"}''')
>>> sub.submitted_at.isoformat()
'2024-04-05T02:30:00+00:00'
>>> c = Complaint.from_submission(sub, tracking_id="0012345674")
>>> (c.status, c.history[0].kind)
(<Status.SUBMITTED: 'SUBMITTED'>, 'submit')
"""

from __future__ import annotations

import itertools
from datetime import date
from types import MappingProxyType
from typing import Annotated, Any, Final, Literal, Self
from zoneinfo import ZoneInfo

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic import model_validator as _model_validator
from pydantic_core import PydanticCustomError

from sp4n._forms import RFC3339_DATE, TrimmedText, text_schema
from sp4n._redact import redacting_validator
from sp4n._types import (
    Email,
    IdentityWarning,
    Instant,
    Nik,
    PhoneNumber,
    RegionCode,
    TrackingId,
    nik_warnings,
    phone_warnings,
    tracking_id_problem,
)
from sp4n.vocabulary import (
    AgencyKind,
    ArchiveReason,
    Channel,
    DeleteReason,
    EventKind,
    ExaminationFlag,
    PrivacyFlag,
    ReportType,
    Role,
    Status,
)

__all__ = [
    "Actor",
    "Agency",
    "AgencyId",
    "ArchiveEvent",
    "Attachment",
    "AutoCloseEvent",
    "CategoryCode",
    "CloseEvent",
    "Complaint",
    "ComplaintSubmission",
    "CompleteEvent",
    "Coordinates",
    "DeclareNotCompetentEvent",
    "DeleteEvent",
    "Event",
    "ForwardToUnitEvent",
    "HoldEvent",
    "Location",
    "PostFollowUpEvent",
    "RedispatchEvent",
    "ReopenEvent",
    "Reporter",
    "ReporterReplyEvent",
    "SubmitEvent",
    "VerifyAndDispatchEvent",
]

AgencyId = Annotated[
    str, StringConstraints(min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9._-]*$")
]
"""Stable id of an agency: lower-case letters, digits, ``.``, ``_``, ``-``."""

CategoryCode = Annotated[
    str, StringConstraints(min_length=1, max_length=80, pattern=r"^[a-z][a-z0-9_]*$")
]
"""A complaint category code (``competence.csv``), snake_case."""

# Lengths count the text as sent, then it is trimmed and must not be blank (ADR 0003).
Text = Annotated[str, TrimmedText(10_000), WithJsonSchema(text_schema(10_000))]
ShortText = Annotated[str, TrimmedText(200), WithJsonSchema(text_schema(200))]

_LATEST_ZONE = ZoneInfo("Asia/Jayapura")  # the easternmost zone: latest local date


def _rule_error(rule: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(f"sp4n.{rule}", f"{rule}: {message}")


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True, strict=True, extra="forbid", hide_input_in_errors=True, use_enum_values=False
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """Route every validation of the class through `RedactingValidator`."""
        super().__pydantic_init_subclass__(**kwargs)
        redacting_validator(cls)


# --- parts of a report ------------------------------------------------------------------------


class Coordinates(_Model):
    """A point (WGS 84) — *titik koordinat*. Rule LOCATION-COORDINATES [D]: within Indonesia."""

    latitude: float = Field(ge=-11.5, le=6.5)
    longitude: float = Field(ge=94.0, le=141.5)


class Location(_Model):
    """Where the incident happened — *lokasi kejadian*. Rule: standard.md §3 [R].

    The region code is the *where* of jurisdiction; address and coordinates
    are optional detail and may identify a person, so they stay out of ``repr``.
    """

    region_code: RegionCode
    address: ShortText | None = Field(default=None, repr=False)
    coordinates: Coordinates | None = Field(default=None, repr=False)


class Attachment(_Model):
    """Metadata of an attached file — *lampiran*. Rule: standard.md §3 [R].

    The model holds metadata only; the file lives in the integrator's store.
    """

    name: ShortText = Field(repr=False)
    media_type: Annotated[
        str,
        StringConstraints(pattern=r"^(image|video|application|text)/[A-Za-z0-9][A-Za-z0-9.+-]*$"),
    ]
    size_bytes: int = Field(gt=0)
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Reporter(_Model):
    """The person who reports — *pelapor*. Rule: standard.md §2 [R], §8 [D].

    Everything here is personal data under UU 27/2022: it never appears in
    ``repr``/``str``, and privacy views decide who sees it. A reporter gives a
    phone number or an e-mail address (rule REPORTER-CONTACT).
    """

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["phone"], "properties": {"phone": {"type": "string"}}},
                {"required": ["email"], "properties": {"email": {"type": "string"}}},
            ]
        }
    )

    name: ShortText = Field(repr=False)
    nik: Nik | None = Field(default=None, repr=False)
    phone: PhoneNumber | None = Field(default=None, repr=False)
    email: Email | None = Field(default=None, repr=False)

    @_model_validator(mode="after")
    def _needs_contact(self) -> Self:
        if self.phone is None and self.email is None:
            raise _rule_error("REPORTER-CONTACT", "a reporter gives a phone number or an e-mail")
        return self

    def __repr__(self) -> str:
        return "Reporter(<personal data hidden>)"

    __str__ = __repr__

    def identity_warnings(self) -> tuple[IdentityWarning, ...]:
        """Doubts that did not refuse the identity: unknown NIK district, unused mobile prefix.

        Rules ID-NIK-DISTRICT and ID-PHONE-PREFIX, standard.md §8 [D]: warnings
        by default (a real citizen must not be turned away by a missing table
        row); the rulebook's ``reject`` modes refuse them at validation instead.
        The messages never contain the values.
        """
        found: list[IdentityWarning] = []
        if self.nik is not None:
            found.extend(nik_warnings(self.nik))
        if self.phone is not None:
            found.extend(phone_warnings(self.phone))
        return tuple(found)


_AGENCY_ROLES: Final = frozenset({Role.AGENCY_ADMIN, Role.LIAISON, Role.SUPERVISOR})
"""Roles that act for an agency (rule ACTOR-AGENCY); checked for every event's actor."""


class Actor(_Model):
    """Who acts on a report: role, agency and user — *pelaku*. Rule: standard.md §2, §4.

    ``agency_id`` is required for agency roles (rule ACTOR-AGENCY).
    """

    role: Role
    agency_id: AgencyId | None = None
    user_id: Annotated[str, StringConstraints(min_length=1, max_length=120)] | None = None

    @_model_validator(mode="after")
    def _agency_roles_need_agency(self) -> Self:
        if not self.agency_id and self.role in _AGENCY_ROLES:
            raise _rule_error("ACTOR-AGENCY", f"a {self.role} acts for an agency: give agency_id")
        return self


# --- events ---------------------------------------------------------------------------------


_EVENT_KINDS: Final = MappingProxyType({kind.value: kind for kind in EventKind})
"""``kind`` string → enum, a dict lookup (the enum's own lookup is slower; read per event)."""


class _Event(_Model):
    at: Instant
    actor: Actor
    note: Text | None = Field(default=None, repr=False)

    @property
    def event_kind(self) -> EventKind:
        """The event's kind as the vocabulary enum."""
        return _EVENT_KINDS[getattr(self, "kind")]  # noqa: B009 - every subclass defines kind


class SubmitEvent(_Event):
    """A report is submitted — *laporan dikirim*."""

    kind: Literal["submit"] = "submit"


class VerifyAndDispatchEvent(_Event):
    """Verified and dispatched to the competent agency — *verifikasi dan disposisi*.

    Rule: standard.md §2 [R]: at verification the admin may rewrite the title
    (``summary_title``), set the type, examination flag, category and tags, and
    set the anonymous/confidential flags (§8: a report naming third parties or
    sensitive data should be flagged). Each field left ``None`` keeps the
    report's value; the change is part of the history, so it is replayed and
    audited like any event.
    """

    kind: Literal["verify_and_dispatch"] = "verify_and_dispatch"
    agency_id: AgencyId
    summary_title: ShortText | None = Field(default=None, repr=False)
    report_type: ReportType | None = None
    examination: ExaminationFlag | None = None
    category: CategoryCode | None = None
    tags: tuple[Annotated[str, StringConstraints(min_length=1, max_length=60)], ...] | None = Field(
        default=None, repr=False
    )
    anonymous: bool | None = None
    confidential: bool | None = None


class HoldEvent(_Event):
    """Put on hold for missing information — *tunda*."""

    kind: Literal["hold"] = "hold"
    reason: Text = Field(repr=False)


class CompleteEvent(_Event):
    """The reporter completes a held report — *lengkapi laporan*."""

    kind: Literal["complete"] = "complete"
    info: Text = Field(repr=False)


class DeclareNotCompetentEvent(_Event):
    """The addressed agency declares it is not competent — *bukan wewenang*."""

    kind: Literal["declare_not_competent"] = "declare_not_competent"
    reason: Text = Field(repr=False)
    suggested_agency_id: AgencyId | None = None


class RedispatchEvent(_Event):
    """Re-dispatched after NOT_COMPETENT — *disposisi ulang*."""

    kind: Literal["redispatch"] = "redispatch"
    agency_id: AgencyId


class ArchiveEvent(_Event):
    """Archived as not processable — *diarsipkan*; reason from a fixed list."""

    kind: Literal["archive"] = "archive"
    reason: ArchiveReason


class DeleteEvent(_Event):
    """Deleted as unintelligible or abusive — *dihapus*; the tracking id is kept."""

    kind: Literal["delete"] = "delete"
    reason: DeleteReason


class ForwardToUnitEvent(_Event):
    """Forwarded by the agency admin to one of its units — *diteruskan ke unit*."""

    kind: Literal["forward_to_unit"] = "forward_to_unit"
    unit_id: AgencyId


class PostFollowUpEvent(_Event):
    """A follow-up answer is posted — *tindak lanjut*."""

    kind: Literal["post_follow_up"] = "post_follow_up"
    text: Text = Field(repr=False)


class ReporterReplyEvent(_Event):
    """The reporter replies to a follow-up — *tanggapan pelapor*."""

    kind: Literal["reporter_reply"] = "reporter_reply"
    text: Text = Field(repr=False)


class CloseEvent(_Event):
    """The reporter closes the report — *ditutup pelapor*."""

    kind: Literal["close"] = "close"


class AutoCloseEvent(_Event):
    """Closed by the system after the reply window — *ditutup sistem*."""

    kind: Literal["auto_close"] = "auto_close"


class ReopenEvent(_Event):
    """A closed report is reopened (off by default, rule LC-REOPEN-ENABLED)."""

    kind: Literal["reopen"] = "reopen"
    reason: Text = Field(repr=False)


Event = Annotated[
    SubmitEvent
    | VerifyAndDispatchEvent
    | HoldEvent
    | CompleteEvent
    | DeclareNotCompetentEvent
    | RedispatchEvent
    | ArchiveEvent
    | DeleteEvent
    | ForwardToUnitEvent
    | PostFollowUpEvent
    | ReporterReplyEvent
    | CloseEvent
    | AutoCloseEvent
    | ReopenEvent,
    Field(discriminator="kind"),
]
"""Any lifecycle event, told apart by ``kind``."""


# --- the report -------------------------------------------------------------------------------


class ComplaintSubmission(_Model):
    """An inbound report as a citizen or an integrated app sends it — *laporan masuk*.

    Rule: standard.md §3 [R]. Only a ``COMPLAINT`` may need examination (rule
    REPORT-EXAMINATION); the incident cannot be after the submission (rule
    INCIDENT-DATE). The 30-day filing window (UU 25/2009 art. 42) is a warning,
    not a rejection (FILING-WINDOW-MODE [D]), so it is not checked here.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "if": {
                "properties": {"examination": {"const": "NEEDS_EXAMINATION"}},
                "required": ["examination"],
            },
            "then": {"properties": {"type": {"const": "COMPLAINT"}}},
        }
    )

    type: ReportType
    examination: ExaminationFlag = ExaminationFlag.NO_EXAMINATION
    title: ShortText = Field(repr=False)  # free text is personal data until masked
    body: Text = Field(repr=False)
    incident_date: Annotated[date, RFC3339_DATE] | None = None
    location: Location | None = None
    target_agency_id: AgencyId | None = None
    category: CategoryCode
    attachments: tuple[Attachment, ...] = Field(default=(), max_length=20)
    channel: Channel
    anonymous: bool = False
    confidential: bool = False
    reporter: Reporter | None = None
    submitted_at: Instant

    @_model_validator(mode="after")
    def _check_report(self) -> Self:
        self._check_submission_rules()
        return self

    def _check_submission_rules(self) -> None:
        """Rules REPORT-EXAMINATION and INCIDENT-DATE."""
        if (
            self.examination is ExaminationFlag.NEEDS_EXAMINATION
            and self.type is not ReportType.COMPLAINT
        ):
            raise _rule_error(
                "REPORT-EXAMINATION", "only a COMPLAINT can need examination (berkadar pengawasan)"
            )
        if (
            self.incident_date is not None
            and self.incident_date > self.submitted_at.astimezone(_LATEST_ZONE).date()
        ):
            raise _rule_error("INCIDENT-DATE", "the incident date is after the submission")

    @property
    def privacy_flags(self) -> frozenset[PrivacyFlag]:
        """The privacy choices of this report (standard.md §8)."""
        flags = set()
        if self.anonymous:
            flags.add(PrivacyFlag.ANONYMOUS)
        if self.confidential:
            flags.add(PrivacyFlag.CONFIDENTIAL)
        return frozenset(flags)


class Complaint(ComplaintSubmission):
    """A report in the system with its tracking id, status and history — *laporan*.

    Rule: standard.md §3–§4. The history is append-only: a lifecycle step
    returns a new ``Complaint`` with one more event. It starts with the submit
    event at ``submitted_at`` (rule HISTORY-START) and is in time order (rule
    HISTORY-ORDER). The admin fields (summary title, tags) are set at
    verification.
    """

    tracking_id: TrackingId
    status: Status
    history: tuple[Event, ...] = Field(min_length=1)
    summary_title: ShortText | None = Field(default=None, repr=False)
    tags: tuple[Annotated[str, StringConstraints(min_length=1, max_length=60)], ...] = Field(
        default=(), repr=False
    )

    @_model_validator(mode="after")
    def _check_report(self, info: ValidationInfo) -> Self:
        # Replaces the submission's validator (one Python call per model keeps validation fast).
        self._check_submission_rules()
        history = self.history
        if history[0].kind != "submit" or any(e.kind == "submit" for e in history[1:]):
            raise _rule_error("HISTORY-START", "the history starts with one submit event")
        if any(b.at < a.at for a, b in itertools.pairwise(history)):
            raise _rule_error("HISTORY-ORDER", "history events are in time order")
        if history[0].at != self.submitted_at:
            raise _rule_error("HISTORY-START", "the submit event is at submitted_at")
        if info.context is not None:
            problem = tracking_id_problem(self.tracking_id, info.context)
            if problem is not None:
                raise _rule_error("TRACKING-ID", problem)
        return self

    @classmethod
    def from_submission(
        cls, submission: ComplaintSubmission, *, tracking_id: str, actor: Actor | None = None
    ) -> Complaint:
        """A new complaint in ``SUBMITTED`` with its submit event (rule LC-SUBMIT).

        Args:
            submission: The validated inbound payload.
            tracking_id: Its tracking number (see ``generate_tracking_id``).
            actor: Who submitted; the reporter by default, or the integrated
                channel's system actor.
        """
        event = SubmitEvent(at=submission.submitted_at, actor=actor or Actor(role=Role.REPORTER))
        return cls.model_validate(
            {
                **dict(submission),
                "tracking_id": tracking_id,
                "status": Status.SUBMITTED,
                "history": (event,),
            }
        )


# --- the agency -------------------------------------------------------------------------------


class Agency(_Model):
    """A body that receives and handles reports — *instansi*. Rule: standard.md §6 [R].

    ``connected`` (*terhubung*) means a decree (SK) names its SP4N team.
    ``time_zone`` is an IANA name; ``None`` means "derive from the region
    code" (WIB/WITA/WIT by province). ``affairs`` lists the government affairs
    (*urusan*, as in ``competence.csv``) a unit handles. ``valid_from`` and
    ``valid_until`` (both inclusive, ``None`` = open) bound the days the body
    existed under this name (rule ROUTE-BY-DATE): bodies are created and renamed
    (Perpres 139/2024), and a report is routed by the bodies of its submission day.
    """

    id: AgencyId
    name: ShortText
    kind: AgencyKind
    region_code: RegionCode | None = None
    parent_id: AgencyId | None = None
    connected: bool = False
    time_zone: str | None = None
    affairs: tuple[str, ...] = ()
    valid_from: Annotated[date, RFC3339_DATE] | None = None
    valid_until: Annotated[date, RFC3339_DATE] | None = None

    def in_force_on(self, day: date | None) -> bool:
        """Whether the body existed on ``day`` (``None``: today's bodies, i.e. not ended)."""
        if day is None:
            return self.valid_until is None
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        from sp4n.workdays.zones import iana_zone  # noqa: PLC0415 - keeps `import sp4n` light

        if value is not None and iana_zone(value) is None:  # a pathological name included
            raise _rule_error("AGENCY-TIME-ZONE", "not an IANA time zone name")
        return value

    @_model_validator(mode="after")
    def _parent_rule(self) -> Self:
        if self.parent_id == self.id:
            raise _rule_error("AGENCY-PARENT", "an agency cannot be its own parent")
        if (self.kind is AgencyKind.NATIONAL) != (self.parent_id is None):
            raise _rule_error(
                "AGENCY-PARENT", "only the NATIONAL operator has no parent, and it has none"
            )
        if (
            self.valid_from is not None
            and self.valid_until is not None
            and self.valid_until < self.valid_from
        ):
            raise _rule_error("ROUTE-BY-DATE", "valid_until is before valid_from")
        return self
