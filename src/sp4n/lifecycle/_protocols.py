"""The two small interfaces the lifecycle needs from other modules.

The agency hierarchy (``sp4n.hierarchy``) and the working-day calendar
(``sp4n.workdays``) are separate modules; the lifecycle asks only for the
narrowest query it needs, so any object with that method works, including a
test double or an integrator's own directory.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from sp4n.models import Agency

__all__ = [
    "WIB",
    "AgencyTree",
    "Counted",
    "WorkingDayCounter",
    "ancestor_ids",
    "count_of",
    "known_agency",
    "organisation_ids",
]

WIB = ZoneInfo("Asia/Jakarta")
"""Western Indonesian Time, the default zone for local dates (standard.md §5 [D])."""


@runtime_checkable
class AgencyTree(Protocol):
    """What the lifecycle asks of an agency hierarchy: membership, ancestors, organisation.

    ``sp4n.hierarchy.AgencyGraph`` satisfies it; so does any object with
    ``agency_id in tree``, ``ancestors(agency_id)`` and
    ``organisation_chain(agency_id)`` yielding agency ids or
    [`Agency`][sp4n.models.Agency] objects (in any order). The lifecycle only
    asks about ids for which ``in`` is true.
    """

    def __contains__(self, agency_id: object, /) -> bool:
        """Whether the hierarchy knows ``agency_id``."""
        ...

    def ancestors(self, agency_id: str, /) -> Iterable[str | Agency]:
        """The agencies above ``agency_id`` in the tiering (standard.md §6)."""
        ...

    def organisation_chain(self, agency_id: str, /) -> Iterable[str | Agency]:
        """``agency_id`` and the units above it up to its owning organisation.

        A unit (*unit kerja*, OPD) acts inside its owner; a regency is not
        inside its province (it is an autonomous government).
        """
        ...


class Counted(Protocol):
    """A count with its explanation, such as ``sp4n.workdays.WorkdayCount``."""

    @property
    def count(self) -> int:
        """The number of working days."""
        ...


@runtime_checkable
class WorkingDayCounter(Protocol):
    """What the lifecycle asks of a working-day calendar: a count between two dates.

    ``working_days_between(start, end)`` is the number of working days ``d``
    with ``start < d <= end``: the start date never counts, as standard.md §5
    [D] says. It returns an ``int`` or an object with a ``count``;
    ``sp4n.workdays.WorkingCalendar`` satisfies it, and is the default.
    """

    def working_days_between(self, start: date, end: date, /) -> int | Counted:
        """Working days strictly after ``start`` up to and including ``end``."""
        ...


def count_of(result: int | Counted) -> int:
    """The number in a working-day count, whichever form the calendar returns."""
    return result if isinstance(result, int) else result.count


def _ids(items: Iterable[str | Agency]) -> frozenset[str]:
    return frozenset(item if isinstance(item, str) else item.id for item in items)


def known_agency(tree: AgencyTree, agency_id: str) -> bool:
    """Whether ``tree`` knows ``agency_id`` (an unknown id is never in anyone's scope)."""
    return agency_id in tree


def organisation_ids(tree: AgencyTree, agency_id: str) -> frozenset[str]:
    """``agency_id`` and the units above it up to its owner; empty if unknown.

    >>> from sp4n.hierarchy import AgencyGraph
    >>> sorted(organisation_ids(AgencyGraph.indonesia(), "kab-16.07.dinas-pupr"))
    ['kab-16.07', 'kab-16.07.dinas-pupr']
    >>> organisation_ids(AgencyGraph.indonesia(), "no-such-agency")
    frozenset()
    """
    if not known_agency(tree, agency_id):
        return frozenset()
    return _ids(tree.organisation_chain(agency_id)) | {agency_id}


def ancestor_ids(tree: AgencyTree, agency_id: str) -> frozenset[str]:
    """The ids of the ancestors of ``agency_id``, whatever ``tree`` yields.

    An unknown id has no ancestors.

    >>> from sp4n.hierarchy import AgencyGraph
    >>> ", ".join(sorted(ancestor_ids(AgencyGraph.indonesia(), "kab-16.07")))
    'nasional, prov-16'
    """
    if not known_agency(tree, agency_id):
        return frozenset()
    return _ids(tree.ancestors(agency_id))
