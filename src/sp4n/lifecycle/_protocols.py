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
    "MemoTree",
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


class MemoTree:
    """An immutable hierarchy's answers, memoised: the lifecycle asks the same few per event.

    Satisfies [`sp4n.lifecycle.AgencyTree`][sp4n.lifecycle.AgencyTree]; only for hierarchies
    that do not change (``AgencyGraph`` is frozen once built). `organisation_ids` and
    `ancestor_ids` read their sets from it too (a single pass over millions of
    histories, ``sp4n.monev``, asks them per event).
    """

    def __init__(self, tree: AgencyTree) -> None:
        self.tree = tree
        self._known: dict[object, bool] = {}
        self._ancestors: dict[str, tuple[str | Agency, ...]] = {}
        self._chains: dict[str, tuple[str | Agency, ...]] = {}
        self._sets: dict[tuple[bool, str], frozenset[str]] = {}

    def __contains__(self, agency_id: object, /) -> bool:
        known = self._known.get(agency_id)
        if known is None:
            known = self._known[agency_id] = agency_id in self.tree
        return known

    def ancestors(self, agency_id: str, /) -> tuple[str | Agency, ...]:
        found = self._ancestors.get(agency_id)
        if found is None:
            found = self._ancestors[agency_id] = tuple(self.tree.ancestors(agency_id))
        return found

    def organisation_chain(self, agency_id: str, /) -> tuple[str | Agency, ...]:
        found = self._chains.get(agency_id)
        if found is None:
            found = self._chains[agency_id] = tuple(self.tree.organisation_chain(agency_id))
        return found

    def ids(self, agency_id: str, *, organisation: bool) -> frozenset[str]:
        """`organisation_ids` (``organisation``) or `ancestor_ids` of the wrapped tree, memoised."""
        key = (organisation, agency_id)
        found = self._sets.get(key)
        if found is None:
            reader = _organisation_ids if organisation else _ancestor_ids
            found = self._sets[key] = reader(self, agency_id)
        return found


def organisation_ids(tree: AgencyTree, agency_id: str) -> frozenset[str]:
    """``agency_id`` and the units above it up to its owner; empty if unknown.

    >>> from sp4n.hierarchy import AgencyGraph
    >>> sorted(organisation_ids(AgencyGraph.indonesia(), "kab-16.07.dinas-pupr"))
    ['kab-16.07', 'kab-16.07.dinas-pupr']
    >>> organisation_ids(AgencyGraph.indonesia(), "no-such-agency")
    frozenset()
    """
    if type(tree) is MemoTree:
        return tree.ids(agency_id, organisation=True)
    return _organisation_ids(tree, agency_id)


def _organisation_ids(tree: AgencyTree, agency_id: str) -> frozenset[str]:
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
    if type(tree) is MemoTree:
        return tree.ids(agency_id, organisation=False)
    return _ancestor_ids(tree, agency_id)


def _ancestor_ids(tree: AgencyTree, agency_id: str) -> frozenset[str]:
    if not known_agency(tree, agency_id):
        return frozenset()
    return _ids(tree.ancestors(agency_id))
