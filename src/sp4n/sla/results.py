"""What the SLA engine returns: stage deadlines, states and escalations."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

import attrs

from sp4n.i18n import Lang, Message
from sp4n.rulebook import EscalationTarget
from sp4n.vocabulary import Stage
from sp4n.workdays import NonWorkingDay

__all__ = ["Escalation", "Scope", "SlaState", "StageDeadline"]

Scope = Literal["agency", "reporter"]
"""Whose clock: the handling agency's (restarts at redispatch) or the reporter-facing total."""


class SlaState(StrEnum):
    """Where a stage stands against its deadline."""

    PENDING = "PENDING"
    """Clock running, deadline not passed."""
    MET = "MET"
    """The stage ended on or before its deadline."""
    BREACHED = "BREACHED"
    """Ended after the deadline, or still open after it (for windows: expired)."""
    PAUSED = "PAUSED"
    """Clock paused (e.g. ON_HOLD); the remaining working days wait."""
    NOT_APPLICABLE = "NOT_APPLICABLE"
    """Clock not started (or stopped awaiting redispatch); nothing to judge."""


@attrs.frozen
class StageDeadline:
    """One stage's deadline and state as of ``now``.

    Attributes:
        rule: Rulebook id of the deadline row, e.g. ``SLA-VERIFY``.
        stage: The stage.
        scope: ``agency`` (restarts at redispatch) or ``reporter`` (the
            reporter-facing total from the first dispatch, shown after a redispatch).
        state: See [`SlaState`][sp4n.sla.SlaState].
        limit: Working (or calendar) days allowed.
        unit: ``working_days`` or ``calendar_days``.
        time_zone: IANA zone the dates are local to.
        started_at: When the clock (last) started.
        due_date: Local date of the last allowed day; ``None`` while paused.
        due_at: End of ``due_date`` (23:59:59.999999 local); ``None`` while paused.
        ended_at: When the stage ended (or the agency left it), if it did.
        working_days_left: Working days after today up to the due date
            (PENDING), left in the budget (PAUSED) or to spare at the end (MET).
        working_days_overdue: Working days after the due date up to the end or today.
        skipped: Non-working dates counted over, with their reasons.
        explanation: How the deadline was found, one line each.
        escalation: The rulebook's escalation ladder for this stage.
        confirmed: All holiday data used is confirmed.
        warnings: Coverage and rule warnings (e.g. a late filing).
        explanation_messages: ``explanation`` as catalogue messages, to show
            in either language (``explanation_text``).
        warning_messages: ``warnings`` as catalogue messages (``warnings_text``).
    """

    rule: str
    stage: Stage
    scope: Scope
    state: SlaState
    limit: int
    unit: str
    time_zone: str
    started_at: datetime | None = None
    due_date: date | None = None
    due_at: datetime | None = None
    ended_at: datetime | None = None
    working_days_left: int | None = None
    working_days_overdue: int | None = None
    skipped: tuple[NonWorkingDay, ...] = ()
    explanation: tuple[str, ...] = ()
    escalation: tuple[EscalationTarget, ...] = ()
    confirmed: bool = True
    warnings: tuple[str, ...] = ()
    explanation_messages: tuple[Message, ...] = ()
    warning_messages: tuple[Message, ...] = ()

    def explanation_text(self, lang: Lang = "en") -> tuple[str, ...]:
        """How the deadline was found, one line each, in ``lang``."""
        if not self.explanation_messages:
            return self.explanation
        return tuple(line.text(lang) for line in self.explanation_messages)

    def warnings_text(self, lang: Lang = "en") -> tuple[str, ...]:
        """The warnings in ``lang``."""
        if not self.warning_messages:
            return self.warnings
        return tuple(line.text(lang) for line in self.warning_messages)


@attrs.frozen
class Escalation:
    """A breached or soon-due stage and whom to escalate it to.

    Attributes:
        tracking_id: The report.
        deadline: The stage's deadline.
        to: Rung of the rulebook ladder reached (``agency_admin``, ``parent_agency``,
            ``national_admin``).
        agency_id: The agency whose admin is alerted (``None`` for the national admin).
    """

    tracking_id: str
    deadline: StageDeadline
    to: EscalationTarget
    agency_id: str | None
