"""One object for the standard in force: rulebook, calendar and hierarchy, and the verbs.

An app that takes reports in (a web handler), moves them through their
lifecycle (an officer's workflow) and evaluates agencies (a nightly monev job)
passes the same three things to every engine: the rules (``Rulebook``), the
working-day calendar (``WorkingCalendar``) and the agency hierarchy
(``AgencyGraph``). [`Standard`][sp4n.standard.Standard] holds them once and offers the verbs:

| verb | what | rule |
|---|---|---|
| ``validate`` | a payload (JSON text or ``json.loads`` output) → model | standard.md §3 |
| ``submit`` | a submission → a complaint in ``SUBMITTED`` | §4 LC-SUBMIT |
| ``route`` | the competent agency (no wrong door) | §6 |
| ``forward`` | where a NOT_COMPETENT report goes next | §6 ROUTE-HOP-LIMIT |
| ``apply`` | one lifecycle event, recorded in an audit log | §4 |
| ``deadlines`` | every SLA stage as of an instant | §5 |
| ``escalations`` | breached or soon-due stages and whom to alert | §5 |
| ``view`` | what a viewer may see | §8 |
| ``monev`` | the evaluation of a scope and period | §7 |

Each default is the embedded one, built on first use and shared (the
Indonesian hierarchy takes about a second to build, once per process). A
``Standard`` is immutable; derive another with ``attrs.evolve`` or build a new
one. Without an explicit ``rulebook``, each report is judged by the package
rules in force on the day it was submitted (``Rulebook.for_date``), as the
engines do; with one, that rulebook judges every report.

>>> from datetime import datetime
>>> from sp4n.models import Actor
>>> from sp4n.vocabulary import Role
>>> std = Standard()
>>> sub = std.validate({"type": "COMPLAINT", "title": "Jalan berlubang",
...     "body": "Lubang besar di depan pasar.", "category": "regency_road",
...     "channel": "WEB", "location": {"region_code": "16.07"},
...     "submitted_at": "2024-07-15T09:30:00+07:00"})
>>> std.route(sub).unit.id
'kab-16.07.dinas-pupr'
>>> c = std.submit(sub, tracking_id="0012345674",
...                actor=Actor(role=Role.REPORTER, user_id="warga-1"))
>>> [(d.rule, str(d.due_date)) for d in std.deadlines(c, now=sub.submitted_at)][:1]
[('SLA-VERIFY', '2024-07-18')]
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, TypeVar, overload

import attrs
from pydantic import BaseModel

from sp4n.errors import ScoringError
from sp4n.i18n import Lang, Message
from sp4n.lifecycle import WIB
from sp4n.models import Actor, Complaint, ComplaintSubmission, Event
from sp4n.rulebook import Rulebook

if TYPE_CHECKING:
    from sp4n.audit_sink import AuditSink
    from sp4n.hierarchy import AgencyGraph, ForwardDecision, Resolution
    from sp4n.monev import MonevResult
    from sp4n.privacy import ReportView
    from sp4n.scoring import Period
    from sp4n.sla import Escalation, StageDeadline
    from sp4n.workdays import WorkingCalendar

__all__ = ["Standard"]

M = TypeVar("M", bound=BaseModel)


@attrs.frozen(kw_only=True)
class Standard:
    """The rulebook, calendar and hierarchy in force, with the verbs an app calls — *standar*.

    Attributes:
        rulebook: The rules; by default the package rules in force on each
            report's submission date (``Rulebook.for_date``).
        calendar: Working days; by default the national calendar with the
            rulebook's week (CAL-WEEK-DAYS).
        hierarchy: The agencies; by default the embedded Indonesian hierarchy
            (``AgencyGraph.indonesia()``).
    """

    _rulebook: Rulebook | None = attrs.field(default=None, alias="rulebook")
    _calendar: WorkingCalendar | None = attrs.field(default=None, alias="calendar")
    _hierarchy: AgencyGraph | None = attrs.field(default=None, alias="hierarchy")

    # -- what is in force ------------------------------------------------------------------

    @property
    def rulebook(self) -> Rulebook:
        """The rulebook given, else the package rules in force now (``Rulebook.default()``)."""
        return self._rulebook if self._rulebook is not None else Rulebook.default()

    @property
    def calendar(self) -> WorkingCalendar:
        """The calendar given, else the national one with `rulebook`'s week."""
        from sp4n.workdays import WorkingCalendar  # noqa: PLC0415 - holiday data loads lazily

        if self._calendar is not None:
            return self._calendar
        return WorkingCalendar.from_rulebook(self.rulebook)

    @property
    def hierarchy(self) -> AgencyGraph:
        """The hierarchy given, else the embedded Indonesian one (built once per process)."""
        from sp4n.hierarchy import AgencyGraph  # noqa: PLC0415 - the graph builds on first use

        return self._hierarchy if self._hierarchy is not None else AgencyGraph.indonesia()

    # -- intake ----------------------------------------------------------------------------

    @overload
    def validate(self, payload: object, model: None = None) -> ComplaintSubmission: ...

    @overload
    def validate(self, payload: object, model: type[M]) -> M: ...

    def validate(self, payload: object, model: type[M] | None = None) -> M | ComplaintSubmission:
        """A payload as a validated model (a submission by default); see ``validate_payload``.

        ``payload`` is JSON text, or the JSON-compatible object a web framework
        hands over (a ``dict`` from ``json.loads``): both validate alike.

        Raises:
            pydantic.ValidationError: each error names the field (``loc``) and
                the rule (``type`` = ``sp4n.<RULE>``).
        """
        from sp4n.payloads import validate_payload  # noqa: PLC0415 - loads the schema models

        if model is None:
            return validate_payload(payload)
        return validate_payload(payload, model)

    def submit(
        self,
        submission: ComplaintSubmission,
        *,
        tracking_id: str,
        actor: Actor,
        audit: AuditSink | None = None,
    ) -> Complaint:
        """A new complaint in ``SUBMITTED`` (rule LC-SUBMIT); see `sp4n.lifecycle.submit`."""
        from sp4n.lifecycle import submit  # noqa: PLC0415 - one engine per verb

        return submit(
            submission, tracking_id=tracking_id, actor=actor, rulebook=self._rulebook, audit=audit
        )

    def route(self, report: ComplaintSubmission | Complaint) -> Resolution:
        """The competent agency and unit for a report (standard.md §6, no wrong door)."""
        return self.hierarchy.resolve(report)

    def forward(self, complaint: Complaint) -> ForwardDecision:
        """Where a NOT_COMPETENT report goes next, or escalation (ROUTE-HOP-LIMIT)."""
        from sp4n.hierarchy import next_competent  # noqa: PLC0415 - one engine per verb

        return next_competent(self.hierarchy, complaint, rulebook=self._rulebook)

    # -- lifecycle -------------------------------------------------------------------------

    def apply(
        self,
        complaint: Complaint,
        event: Event,
        *,
        audit: AuditSink | None = None,
        zone: tzinfo = WIB,
    ) -> Complaint:
        """Apply one event (standard.md §4); see [`sp4n.lifecycle.apply`][sp4n.lifecycle.apply].

        With ``audit``, the step is recorded there (action = event kind,
        subject = tracking id) before the new complaint is returned.
        """
        from sp4n.lifecycle import apply  # noqa: PLC0415 - one engine per verb

        return apply(
            complaint,
            event,
            rulebook=self._rulebook,
            hierarchy=self.hierarchy,
            calendar=self._calendar,
            zone=zone,
            audit=audit,
        )

    def deadlines(
        self, complaint: Complaint, *, now: datetime, zone: str | tzinfo | None = None
    ) -> tuple[StageDeadline, ...]:
        """Every SLA stage of a report as of ``now`` (standard.md §5); see ``sp4n.sla``."""
        from sp4n.sla import deadlines  # noqa: PLC0415 - one engine per verb

        return deadlines(
            complaint,
            now=now,
            rulebook=self._rulebook,
            calendar=self._calendar,
            zone=zone,
            hierarchy=self.hierarchy,
        )

    def escalations(
        self,
        complaints: Iterable[Complaint],
        *,
        now: datetime,
        horizon_working_days: int | None = None,
    ) -> tuple[Escalation, ...]:
        """Breached or soon-due stages and whom to alert (ESC-LADDER); see ``sp4n.sla``."""
        from sp4n.sla import escalations  # noqa: PLC0415 - one engine per verb

        return escalations(
            complaints,
            now=now,
            horizon_working_days=horizon_working_days,
            rulebook=self._rulebook,
            calendar=self._calendar,
            hierarchy=self.hierarchy,
        )

    def view(
        self,
        complaint: Complaint,
        viewer: Actor,
        *,
        audit: AuditSink | None = None,
        at: datetime | None = None,
        lang: Lang = "id",
    ) -> ReportView | None:
        """What ``viewer`` may see of a report (standard.md §8); see `sp4n.privacy.view`.

        A view that discloses the reporter's identity to someone other than the
        reporter needs ``audit`` and ``at`` (PRIV-ACCESS-LOG). ``lang`` is the
        language of its labels (``status_label``, events' ``label``).
        """
        from sp4n.privacy import view  # noqa: PLC0415 - one engine per verb

        return view(
            complaint,
            viewer,
            rulebook=self._rulebook,
            hierarchy=self.hierarchy,
            audit=audit,
            at=at,
            lang=lang,
        )

    # -- evaluation ------------------------------------------------------------------------

    def monev(
        self,
        complaints: Iterable[Complaint],
        *,
        now: datetime,
        scope: str = "national",
        period: Period | None = None,
        year: int | None = None,
        month: int | None = None,
        rank_cutoff: datetime | None = None,
        sla: bool = True,
    ) -> MonevResult:
        """The monev evaluation of a scope (standard.md §7); see ``sp4n.monev.MonevPipeline``.

        Args:
            complaints: The reports, read once (a generator over a file is fine).
            now: The evaluation instant (SLA states and activity are as of it).
            scope: ``national`` or a province or regency region code (``"61"``).
            period: The submission window; or give ``year`` (and ``month``).
            year: A calendar year in the scope's local time: reports are
                grouped by their submission date where the scope is (1 January
                00:30 WIB belongs to the new year).
            month: With ``year``, one month of it.
            rank_cutoff: Reports submitted at or after it are not ranked.
            sla: Judge SLA stages (the costliest step).

        Raises:
            ScoringError: both ``period`` and ``year``, ``month`` without
                ``year``, or an invalid year or month.
            DataError: an unknown scope code, a naive ``now``.
        """
        from sp4n.monev import MonevPipeline  # noqa: PLC0415 - one engine per verb

        window = self._period(scope, period, year, month)
        pipeline = MonevPipeline(
            self.hierarchy,
            now=now,
            scope=scope,
            period=window,
            calendar=self._calendar,
            rulebook=self._rulebook,
            rank_cutoff=rank_cutoff,
            sla=sla,
        )
        return pipeline.add_all(complaints).result()

    def scope_zone(self, scope: str) -> tzinfo:
        """The time zone of a monev scope: WIB nationally, else the province's (Keppres 41/1987).

        >>> Standard().scope_zone("94").key, Standard().scope_zone("national").key
        ('Asia/Jayapura', 'Asia/Jakarta')
        """
        from sp4n.workdays import zone_for_region  # noqa: PLC0415 - zone table loads lazily

        return WIB if scope == "national" else zone_for_region(scope)

    def _period(
        self, scope: str, period: Period | None, year: int | None, month: int | None
    ) -> Period | None:
        from sp4n.scoring import Period  # noqa: PLC0415 - one engine per verb

        if year is None:
            if month is not None:
                raise ScoringError(
                    Message("error.standard.give-year-month", "give year= with month="),
                    field="month",
                )
            return period
        if period is not None:
            raise ScoringError(
                Message(
                    "error.standard.give-either-period-year",
                    "give either period= or year=, not both",
                ),
                field="period",
            )
        zone = self.scope_zone(scope)
        if month is None:
            return Period.year(year, zone=zone)
        return Period.month(year, month, zone=zone)
