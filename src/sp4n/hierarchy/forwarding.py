"""Forwarding after *bukan wewenang* (NOT_COMPETENT), with a hop limit.

Rule: standard.md §4 (``declare_not_competent`` → NOT_COMPETENT →
``redispatch``), §6 [R] no wrong door, and ROUTE-HOP-LIMIT [D] (default 3,
``Rulebook.settings.hop_limit``): a report must not bounce between agencies
for ever. Each ``declare_not_competent`` event is one *hop*. Once the hops
reach the limit, or the report has gone back to an agency it already left
(ping-pong, A → B → A), the national admin must dispatch it by hand.

Ping-pong is judged on the *owning organisation* of each holder
([`AgencyGraph.owner_of`][sp4n.hierarchy.AgencyGraph.owner_of]): a regency's Dinas acts for the
regency, so
``kab → prov → kab's Dinas`` went back to the regency.

Otherwise the next agency is the first ``connected`` agency of the
resolution's fallback chain (unit → regional government → province →
national admin) that is not inside an agency that declined the report: an
agency is inside a declining one when that agency is itself, or one of the
units above it up to its owner
([`AgencyGraph.organisation_chain`][sp4n.hierarchy.AgencyGraph.organisation_chain]). A
government that declines speaks for all its units, so the report is never
sent to its own Dinas; a province that declines does not speak for its
regencies, which are autonomous governments. When resolution cannot decide
(no category, no location), the suggestion of the last declaration, if any,
is taken, under the same condition.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from sp4n._guards import boundary, check_history_arg
from sp4n.hierarchy.graph import AgencyGraph
from sp4n.hierarchy.resolve import Resolution, resolve
from sp4n.models import (
    Agency,
    Complaint,
    DeclareNotCompetentEvent,
    Event,
    RedispatchEvent,
    VerifyAndDispatchEvent,
)
from sp4n.rulebook import Rulebook

__all__ = [
    "ForwardDecision",
    "declined_by",
    "dispatch_path",
    "hop_count",
    "is_ping_pong",
    "next_competent",
]

_HOP_RULE = "ROUTE-HOP-LIMIT"


@attrs.frozen
class ForwardDecision:
    """Where a NOT_COMPETENT report goes next — *disposisi ulang*.

    Attributes:
        agency: The agency to re-dispatch to (the national operator when
            escalated), an [`Agency`][sp4n.models.Agency] like ``Resolution.agency``.
        escalate: Whether the national admin must dispatch by hand (hop limit,
            ping-pong, or no agency left in the fallback chain).
        hops: NOT_COMPETENT declarations so far.
        hop_limit: The limit in force (ROUTE-HOP-LIMIT).
        ping_pong: Whether the report went back to an agency it had left.
        path: Agencies the report was dispatched to, in order.
        declined: Agencies that declared themselves not competent.
        resolution: The jurisdiction resolution the decision started from.
        reason: Why, for a person.
        rule: ``ROUTE-HOP-LIMIT`` when escalated by the hop limit or ping-pong.
    """

    agency: Agency
    escalate: bool
    hops: int
    hop_limit: int
    ping_pong: bool
    path: tuple[str, ...]
    declined: frozenset[str]
    resolution: Resolution
    reason: str
    rule: str | None


@boundary(history=check_history_arg)
def dispatch_path(history: Sequence[Event] | Complaint) -> tuple[str, ...]:
    """The agencies a report was dispatched to, in order (dispatch and re-dispatch events).

    Forwarding to a unit inside the agency is not a hop and is not listed.
    """
    events = history.history if isinstance(history, Complaint) else history
    return tuple(
        e.agency_id for e in events if isinstance(e, VerifyAndDispatchEvent | RedispatchEvent)
    )


@boundary(history=check_history_arg)
def hop_count(history: Sequence[Event] | Complaint) -> int:
    """The number of NOT_COMPETENT declarations (hops) in a report's history."""
    events = history.history if isinstance(history, Complaint) else history
    return sum(1 for e in events if isinstance(e, DeclareNotCompetentEvent))


@boundary(history=check_history_arg)
def declined_by(history: Sequence[Event] | Complaint) -> frozenset[str]:
    """Agencies that declared a report not competent.

    The declaring agency is the actor's ``agency_id``, or, when the actor
    names none, the agency the report was last dispatched to.
    """
    events = history.history if isinstance(history, Complaint) else history
    holder: str | None = None
    declined: set[str] = set()
    for event in events:
        if isinstance(event, VerifyAndDispatchEvent | RedispatchEvent):
            holder = event.agency_id
        elif isinstance(event, DeclareNotCompetentEvent):
            who = event.actor.agency_id or holder
            if who is not None:
                declined.add(who)
    return frozenset(declined)


def is_ping_pong(path: Sequence[str]) -> bool:
    """Whether a dispatch path returns to an agency it had left (A → B → A).

    >>> is_ping_pong(["kab-16.07", "prov-16", "kab-16.07"]), is_ping_pong(["a", "b", "c"])
    (True, False)
    """
    seen: set[str] = set()
    previous: str | None = None
    for agency in path:
        if agency != previous and agency in seen:
            return True
        seen.add(agency)
        previous = agency
    return False


def _owner(graph: AgencyGraph, agency_id: str) -> str:
    """The owning organisation's id (an id not in the graph stands for itself)."""
    return graph.owner_of(agency_id).id if agency_id in graph else agency_id


def _inside_declined(graph: AgencyGraph, agency_id: str, declined: frozenset[str]) -> bool:
    """Whether the agency, or a unit or owner above it in its organisation, declined."""
    return any(a.id in declined for a in graph.organisation_chain(agency_id))


def _last_suggestion(events: Sequence[Event]) -> str | None:
    for event in reversed(events):
        if isinstance(event, DeclareNotCompetentEvent):
            return event.suggested_agency_id
    return None


@boundary
def next_competent(
    hierarchy: AgencyGraph, complaint: Complaint, *, rulebook: Rulebook | None = None
) -> ForwardDecision:
    """The agency a NOT_COMPETENT report goes to next, or escalation to the national admin.

    Args:
        hierarchy: The hierarchy (``AgencyGraph.indonesia()`` for the embedded one).
        complaint: The report, with its history.
        rulebook: The rules in force (the default rulebook if ``None``); its
            ``settings.hop_limit`` is ROUTE-HOP-LIMIT.
    """
    graph = hierarchy
    book = rulebook or Rulebook.default()
    limit = book.settings.hop_limit
    hops = hop_count(complaint)
    path = dispatch_path(complaint)
    declined = declined_by(complaint)
    ping_pong = is_ping_pong([_owner(graph, agency_id) for agency_id in path])
    resolution = resolve(graph, complaint)
    national = graph.national.id

    def decide(
        agency: Agency, reason: str, *, escalate: bool = False, rule: str | None = None
    ) -> ForwardDecision:
        return ForwardDecision(
            agency=agency,
            escalate=escalate,
            hops=hops,
            hop_limit=limit,
            ping_pong=ping_pong,
            path=path,
            declined=declined,
            resolution=resolution,
            reason=reason,
            rule=rule,
        )

    if hops >= limit or ping_pong:
        why = (
            f"{hops} NOT_COMPETENT declarations reach the hop limit of {limit}"
            if hops >= limit
            else f"the report went back and forth ({' → '.join(path)})"
        )
        return decide(
            graph.national,
            f"{why} ({_HOP_RULE}): the national admin must dispatch it",
            escalate=True,
            rule=_HOP_RULE,
        )
    suggestion = _last_suggestion(complaint.history)
    if (
        not resolution.is_decided
        and suggestion is not None
        and suggestion in graph
        and not _inside_declined(graph, suggestion, declined)
    ):
        return decide(
            graph.get(suggestion),
            f"resolution left it to the national admin ({resolution.basis}); "
            f"taking the suggestion of the declining agency: {graph.get(suggestion).name}",
        )
    for agency in resolution.fallback:
        if (
            agency.connected
            and agency.id != national
            and not _inside_declined(graph, agency.id, declined)
        ):
            skipped = [a.name for a in resolution.fallback if a.id in declined]
            note = f" after {', '.join(skipped)} declined" if skipped else ""
            return decide(agency, f"next competent agency{note}: {agency.name}")
    return decide(
        graph.national,
        "no connected agency of the fallback chain is left: the national admin dispatches",
        escalate=True,
    )
