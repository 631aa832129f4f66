"""Who may act on which report: the scopes of the transition table's ``actors``.

A row of the table names, per role, a scope (``sp4n.rulebook.ActorScope``):

- ``any``: every report;
- ``assigned``: reports the actor's agency handles. The handling agency is
  the one the report was last dispatched to (``verify_and_dispatch`` or
  ``redispatch``), or the citizen's ``target_agency_id`` before any dispatch,
  then the unit it was forwarded to since (``forward_to_unit``). An agency
  admin (or supervisor) is assigned when the handling agency is its own agency
  or, given a hierarchy, a unit inside its organisation
  (``organisation_chain``); without a hierarchy, when its agency is in the
  handling chain. A liaison only when its agency handles the report now. An
  ancestor government is *not* assigned: a province does not answer for a
  regency, nor the national operator for an agency (standard.md §2). With a
  hierarchy, a handling agency it does not know is nobody's;
- ``ancestor``: the actor's agency is a strict ancestor of the agency that
  declared itself not competent (the declaring event's ``actor.agency_id``;
  needs a hierarchy), and fewer than ``hop_limit`` declarations were made
  (rule ROUTE-HOP-LIMIT [D]);
- ``own``: the reporter's own report: the actor's ``user_id`` equals the
  ``user_id`` of the submit event's actor (both set).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final, NamedTuple

from sp4n._guards import boundary
from sp4n.i18n import Message
from sp4n.lifecycle._protocols import AgencyTree, ancestor_ids, known_agency, organisation_ids
from sp4n.models import Actor, Complaint
from sp4n.rulebook import ActorScope, Rulebook
from sp4n.vocabulary import EventKind, Role

__all__ = [
    "ScopeContext",
    "declaring_agency",
    "handling_chain",
    "owner_id",
    "scope_refusal",
    "target_of",
]

_TARGET_FIELD: Final[Mapping[EventKind, str]] = MappingProxyType(
    {
        EventKind.VERIFY_AND_DISPATCH: "agency_id",
        EventKind.REDISPATCH: "agency_id",
        EventKind.FORWARD_TO_UNIT: "unit_id",
    }
)
"""Events that move a report to an agency, and the field that names it."""

_RESETS_CHAIN: Final = frozenset({EventKind.VERIFY_AND_DISPATCH, EventKind.REDISPATCH})


def target_of(event: object) -> str | None:
    """The agency an event moves the report to, if it is a dispatch-like event."""
    kind = getattr(event, "event_kind", None)
    field = _TARGET_FIELD.get(kind) if isinstance(kind, EventKind) else None
    return None if field is None else str(getattr(event, field))


@boundary
def handling_chain(complaint: Complaint) -> tuple[str, ...]:
    """The agency responsible for a report, then the unit(s) it was forwarded to.

    >>> from sp4n.models import ComplaintSubmission
    >>> sub = ComplaintSubmission.model_validate_json(
    ...     '{"type": "COMPLAINT", "title": "t", "body": "b", "category": "regency_road",'
    ...     ' "channel": "WEB", "target_agency_id": "kab-32.01",'
    ...     ' "submitted_at": "2024-04-05T09:30:00+07:00"}')
    >>> handling_chain(Complaint.from_submission(sub, tracking_id="0012345674"))
    ('kab-32.01',)
    """
    return _chain(complaint)


def _chain(complaint: Complaint) -> tuple[str, ...]:
    """`handling_chain` for the engine's own calls: its report is checked already.

    The scope check runs once per event of every replayed history; the argument
    check at the public boundary would cost it about a tenth of its time.
    """
    chain: list[str] = [complaint.target_agency_id] if complaint.target_agency_id else []
    for event in complaint.history:
        target = target_of(event)
        if target is None:
            continue
        if event.event_kind in _RESETS_CHAIN:
            chain = []
        chain.append(target)
    return tuple(chain)


@boundary
def owner_id(complaint: Complaint) -> str | None:
    """The user id of whoever submitted the report (its owner), if recorded."""
    return complaint.history[0].actor.user_id


class ScopeContext(NamedTuple):
    """What a scope check needs: the report, the rules and the hierarchy.

    A named tuple: one is made per replayed event, and a tuple is built
    several times faster than a frozen attrs class.
    """

    complaint: Complaint
    rulebook: Rulebook
    tree: AgencyTree


def _any(_actor: Actor, _ctx: ScopeContext) -> tuple[str, Message] | None:
    return None


def _reach_current(_actor: Actor, chain: tuple[str, ...], _tree: AgencyTree) -> bool:
    return _actor.agency_id == chain[-1]


def _reach_organisation(actor: Actor, chain: tuple[str, ...], tree: AgencyTree) -> bool:
    return (actor.agency_id or "") in organisation_ids(tree, chain[-1])


_Reach = Callable[[Actor, tuple[str, ...], AgencyTree], bool]

_ASSIGNED_REACH: Final[Mapping[Role, _Reach]] = MappingProxyType({Role.LIAISON: _reach_current})
"""How far ``assigned`` reaches per role; every other role: `_reach_organisation`."""


def _assigned(actor: Actor, ctx: ScopeContext) -> tuple[str, Message] | None:
    chain = _chain(ctx.complaint)
    if not chain:
        return (
            "",
            Message(
                "error.lifecycle.scope-not-addressed",
                "the report is not addressed to any agency yet",
            ),
        )
    current = chain[-1]
    agency = actor.agency_id or ""
    if not known_agency(ctx.tree, current):
        return (
            "",
            Message(
                "error.lifecycle.scope-unknown-handler",
                "the report is handled by {agency}, an agency the hierarchy does not know",
                agency=repr(current),
            ),
        )
    reach = _ASSIGNED_REACH.get(actor.role, _reach_organisation)
    if reach(actor, chain, ctx.tree):
        return None
    return (
        "",
        Message(
            "error.lifecycle.scope-not-assigned",
            "the report is handled by {handler}, not by the actor's agency {agency}",
            handler=repr(current),
            agency=repr(agency),
        ),
    )


def declaring_agency(complaint: Complaint) -> str | None:
    """The agency that last declared the report not competent.

    It is the declaring event's ``actor.agency_id``; if that is missing, the
    agency that handled the report then.
    """
    for i in range(len(complaint.history) - 1, -1, -1):
        event = complaint.history[i]
        if event.event_kind is EventKind.DECLARE_NOT_COMPETENT:
            if event.actor.agency_id:
                return event.actor.agency_id
            before = complaint.model_copy(update={"history": complaint.history[:i]})
            chain = _chain(before)
            return chain[-1] if chain else None
    return None


def _ancestor(actor: Actor, ctx: ScopeContext) -> tuple[str, Message] | None:
    declarations = sum(
        1 for e in ctx.complaint.history if e.event_kind is EventKind.DECLARE_NOT_COMPETENT
    )
    limit = ctx.rulebook.settings.hop_limit
    if declarations >= limit:
        return (
            "ROUTE-HOP-LIMIT",
            Message(
                "ROUTE-HOP-LIMIT.reached",
                "{declarations} not-competent declarations reached the hop limit {limit}: "
                "only the national admin dispatches now",
                declarations=declarations,
                limit=limit,
            ),
        )
    declared_by = declaring_agency(ctx.complaint)
    if declared_by is None:
        return (
            "",
            Message(
                "error.lifecycle.scope-no-declaration",
                "no agency is recorded as having declared the report not competent",
            ),
        )
    agency = actor.agency_id or ""
    if agency != declared_by and agency in ancestor_ids(ctx.tree, declared_by):
        return None
    return (
        "",
        Message(
            "error.lifecycle.scope-not-ancestor",
            "{agency} is not an ancestor of {declared_by}, which declared not competent",
            agency=repr(agency),
            declared_by=repr(declared_by),
        ),
    )


def _own(actor: Actor, ctx: ScopeContext) -> tuple[str, Message] | None:
    owner = ctx.complaint.history[0].actor.user_id  # `owner_id`, without its argument check
    if owner is not None and actor.user_id == owner:
        return None
    return (
        "",
        Message(
            "error.lifecycle.scope-not-owner",
            "only the reporter who submitted the report may do this",
        ),
    )


_CHECKS: Final[Mapping[str, Callable[[Actor, ScopeContext], tuple[str, Message] | None]]] = (
    MappingProxyType({"any": _any, "assigned": _assigned, "ancestor": _ancestor, "own": _own})
)


def scope_refusal(scope: ActorScope, actor: Actor, ctx: ScopeContext) -> tuple[str, Message] | None:
    """Why ``actor`` may not act under ``scope``: ``(rule id or "", reason)``, or ``None``.

    An empty rule id means "the transition row's own rule".
    """
    return _CHECKS[scope](actor, ctx)
