"""Escalation of breached or soon-due stages along the rulebook's ladders."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sp4n._guards import CHECKS, boundary
from sp4n.errors import DataError
from sp4n.i18n import Message
from sp4n.models import Complaint
from sp4n.rulebook import Rulebook
from sp4n.scoring import handling_agency
from sp4n.sla.engine import AgencyDirectory, deadlines, default_directory
from sp4n.sla.results import Escalation, SlaState, StageDeadline
from sp4n.workdays import WorkingCalendar

__all__ = ["escalations"]


@boundary(hierarchy=CHECKS["directory"])
def escalations(
    complaints: Iterable[Complaint],
    *,
    now: datetime,
    horizon_working_days: int | None = None,
    rulebook: Rulebook | None = None,
    calendar: WorkingCalendar | None = None,
    hierarchy: AgencyDirectory | None = None,
) -> tuple[Escalation, ...]:
    """Breached or soon-due stages and whom to alert, most overdue first.

    Rule: standard.md §5 and the rulebook rows' ``escalation`` ladders. Rung
    choice is ESC-LADDER [D]; ``horizon_working_days`` defaults to the rulebook
    setting ``escalation_horizon_working_days`` (ESC-HORIZON [D], 2). A stage
    due within ``horizon_working_days`` goes
    to the first rung; a breached one climbs one rung per
    ``horizon_working_days`` overdue (at least one rung), capped at the last.
    ``agency_admin`` is the admin of the handling agency
    ([`sp4n.scoring.handling_agency`][sp4n.scoring.handling_agency], a unit after a forward),
    ``parent_agency`` its
    parent's in ``hierarchy`` (the embedded one by default; skipped when the
    hierarchy does not know the agency), ``national_admin`` the national
    operator. The hierarchy also gives each clock's zone (see [`deadlines`][sp4n.sla.deadlines]).
    Stages with an empty ladder (reply and hold windows, whose expiry triggers
    a system action) are left out.

    Raises:
        DataError: ``horizon_working_days`` is not positive.
    """
    if horizon_working_days is None:
        horizon_working_days = (
            rulebook or Rulebook.default()
        ).settings.escalation_horizon_working_days
    if horizon_working_days < 1:
        raise DataError(
            Message(
                "ESC-LADDER.horizon-working-days-least", "horizon_working_days must be at least 1"
            ),
            rule="ESC-LADDER",
            field="horizon_working_days",
        )
    directory = hierarchy if hierarchy is not None else default_directory()
    out: list[Escalation] = []
    for complaint in complaints:
        seen = tuple(e for e in complaint.history if e.at <= now)
        current = complaint
        if len(seen) != len(complaint.history):
            current = complaint.model_copy(update={"history": seen})
        handling = handling_agency(current)
        for row in deadlines(
            complaint, now=now, rulebook=rulebook, calendar=calendar, hierarchy=directory
        ):
            if not row.escalation:
                continue
            if row.state is SlaState.BREACHED and row.ended_at is None:
                overdue = row.working_days_overdue or 0
                rung = max(1, -(-overdue // horizon_working_days))
            elif row.state is SlaState.PENDING and (row.working_days_left or 0) <= (
                horizon_working_days
            ):
                rung = 0
            else:
                continue
            out.append(_climb(complaint.tracking_id, row, rung, handling, directory))
    out.sort(key=lambda e: (-(e.deadline.working_days_overdue or -1), e.tracking_id))
    return tuple(out)


def _climb(
    tracking_id: str,
    row: StageDeadline,
    rung: int,
    handling: str | None,
    directory: AgencyDirectory,
) -> Escalation:
    ladder = row.escalation
    for target in ladder[min(rung, len(ladder) - 1) :]:
        if target == "agency_admin" and handling is not None:
            return Escalation(tracking_id, row, target, handling)
        if target == "parent_agency" and handling is not None:
            parent = directory.parent(handling) if directory.find(handling) else None
            if parent is not None:
                return Escalation(tracking_id, row, target, parent.id)
        if target == "national_admin":
            return Escalation(tracking_id, row, target, None)
    return Escalation(tracking_id, row, "national_admin", None)
