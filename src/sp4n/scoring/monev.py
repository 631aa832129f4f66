"""The summary of one scope (*monev*): agency indicators plus complaint indicators.

The agencies evaluated (a province and its regencies and cities, say) give
connectivity and activity; the complaints counted for them give the
follow-up rate, shares, speed and on-time rates; the follow-up rate earns a
grade. [compute_summary][sp4n.scoring.compute_summary] does this for an
explicit list of agencies and a [ScoringConfig][sp4n.scoring.ScoringConfig],
with no hierarchy. The full monev report of a region (provinces, fair
ranking, SLA breaches, drill-down) is [sp4n.monev.run_monev][] (or
`Standard.monev`); its [MonevResult][sp4n.monev.MonevResult] carries the
same [MonevSummary][sp4n.scoring.MonevSummary] as its `summary`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

import attrs

from sp4n.errors import ScoringError
from sp4n.i18n import Message
from sp4n.models import Agency, Complaint
from sp4n.rulebook import GradeRule
from sp4n.scoring.accumulate import ComplaintIndicators, ScoringConfig, compute_indicators
from sp4n.scoring.indicators import CalendarDayCounter, compute_activity, compute_connectivity
from sp4n.scoring.maturity import compute_grade
from sp4n.scoring.rates import Rate

__all__ = ["MonevSummary", "compute_summary"]


@attrs.frozen
class MonevSummary:
    """The headline indicators of one scope and period, as the KemenPANRB reviews report them.

    The `summary` of a [MonevResult][sp4n.monev.MonevResult], or what
    [compute_summary][sp4n.scoring.compute_summary] returns.

    Attributes:
        agencies: Number of agencies evaluated.
        connectivity: IND-CONNECTIVITY; ``None`` when unknown (the monev
            pipeline without connectivity data: never shown as a number).
        activity: IND-ACTIVITY; ``None`` when no login data was given (not measured).
        complaints: The complaint-level indicators (follow-up rate, shares, speed, on time).
        grade: Grade of the ``grade_indicator`` share (GRADE-*); ``None`` when undefined.
        grade_indicator: The share that was graded (default ``follow_up_rate``).
    """

    agencies: int
    connectivity: Rate | None
    activity: Rate | None
    complaints: ComplaintIndicators
    grade: GradeRule | None
    grade_indicator: str


def compute_summary(
    complaints: Iterable[Complaint],
    *,
    agencies: Iterable[Agency],
    config: ScoringConfig | None = None,
    last_logins: Mapping[str, datetime] | None = None,
    now: datetime | None = None,
    activity_since: datetime | None = None,
    grade_indicator: str = "follow_up_rate",
) -> MonevSummary:
    """The summary of one scope: connectivity, activity, complaint indicators and a grade.

    For an explicit list of agencies, without a hierarchy; for the whole
    report of a region use [sp4n.monev.run_monev][].

    Rule: standard.md §7 [R] (MENPAN-2020) and [D] (grades, on-time rates).

    The complaints counted are those of the agencies evaluated: with
    ``config.scope`` ``None`` the scope is the ids of ``agencies`` (so a
    report handled elsewhere never dilutes this scope's rates, and the
    complaint indicators describe the same agencies as connectivity and
    activity); a configured scope must be a subset of them. To count the
    reports of units under the governments evaluated, pass
    ``config.agency_of=rolled_up(tree, ids)``. Without
    ``config.agency_lookup``, ``agencies`` gives each agency's zone for the
    follow-up days (standard.md §5).

    Args:
        complaints: Any iterable, read once (scope and period from ``config``).
        agencies: The agencies evaluated (denominator of connectivity and activity).
        config: What to count; ``config.scope`` (default: the ids of
            ``agencies``) selects complaints.
        last_logins: Agency id → last admin login; ``None`` = activity not measured.
        now: Evaluation instant; required with ``last_logins``.
        activity_since: Start of the activity window (default: one month before ``now``).
        grade_indicator: The share to grade.

    Raises:
        ScoringError: ``last_logins`` without ``now``, an unknown indicator, a
            ``config.scope`` with ids outside ``agencies`` (``field="scope"``).
    """
    evaluated = list(agencies)
    ids = frozenset(a.id for a in evaluated)
    cfg = config or ScoringConfig()
    if cfg.scope is None:
        cfg = attrs.evolve(cfg, scope=ids)
    elif not cfg.scope <= ids:
        outside = ", ".join(sorted(cfg.scope - ids)[:5])
        raise ScoringError(
            Message(
                "IND-CONNECTIVITY.config-scope-names-agencies",
                "config.scope names agencies that are not evaluated: {outside}",
                outside=str(outside),
            ),
            rule="IND-CONNECTIVITY",
            field="scope",
        )
    if cfg.agency_lookup is None and cfg.calendar_days == CalendarDayCounter():
        by_id = {a.id: a for a in evaluated}
        cfg = attrs.evolve(cfg, agency_lookup=by_id.get)
    connectivity = compute_connectivity(evaluated, rulebook=cfg.rulebook)
    activity = None
    if last_logins is not None:
        if now is None:
            raise ScoringError(
                Message(
                    "IND-ACTIVITY.activity-needs-evaluation-instant",
                    "activity needs the evaluation instant: pass now=",
                ),
                rule="IND-ACTIVITY",
                field="now",
            )
        activity = compute_activity(
            [a.id for a in evaluated],
            last_logins,
            now=now,
            since=activity_since,
            rulebook=cfg.rulebook,
        )
    result = compute_indicators(complaints, cfg)
    return MonevSummary(
        agencies=len(ids),
        connectivity=connectivity,
        activity=activity,
        complaints=result,
        grade=compute_grade(result.share(grade_indicator), rulebook=cfg.rulebook),
        grade_indicator=grade_indicator,
    )
