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

__all__ = ["WIB", "AgencyTree", "Counted", "WorkingDayCounter", "ancestor_ids", "count_of"]

WIB = ZoneInfo("Asia/Jakarta")
"""Western Indonesian Time, the default zone for local dates (standard.md §5 [D])."""


@runtime_checkable
class AgencyTree(Protocol):
    """What the lifecycle asks of an agency hierarchy: the ancestors of an agency.

    ``sp4n.hierarchy.AgencyGraph`` satisfies it; so does any object whose
    ``ancestors(agency_id)`` yields agency ids or :class:`~sp4n.models.Agency`
    objects, nearest first or in any order. Whether the agency itself is
    included does not matter: the lifecycle checks equality separately.
    """

    def ancestors(self, agency_id: str, /) -> Iterable[str | Agency]:
        """The agencies above ``agency_id`` in the tiering (standard.md §6)."""
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


def ancestor_ids(tree: AgencyTree, agency_id: str) -> frozenset[str]:
    """The ids of the ancestors of ``agency_id``, whatever ``tree`` yields.

    >>> class Flat:
    ...     def ancestors(self, agency_id: str, /) -> list[str]:
    ...         return ["kab-bogor", "prov-jabar"] if agency_id == "dinas-pupr" else []
    >>> ", ".join(sorted(ancestor_ids(Flat(), "dinas-pupr")))
    'kab-bogor, prov-jabar'
    """
    return frozenset(
        item if isinstance(item, str) else item.id for item in tree.ancestors(agency_id)
    )
