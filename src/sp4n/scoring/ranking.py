"""Fair rankings of agencies — *peringkat*.

A raw follow-up rate rewards luck with small numbers: an agency with one
report, followed up, has 100 % and tops a naive list (FixMyStreet's "most
responsive" table did, until it added cut-off dates and minimum counts). The
ranking here is standard.md §7 [D]:

1. **cut-off date**: only reports submitted before the cut-off count, so
   fresh reports that have not had their time are not judged;
2. **minimum count** (RANK-MIN-COUNT, default 10): an agency with fewer
   reports is listed as excluded, with the reason, not ranked;
3. **Wilson lower bound** (RANK-WILSON-Z, z = 1.96): agencies are ordered by
   the lower bound of the Wilson score interval of their rate — what the rate
   is at least, with 95 % confidence — not by the raw rate;
4. **ties** are broken deterministically: adjusted rate, then count (more
   reports first), then agency id.

>>> rates = {"a": Rate(1, 1), "b": Rate(28, 30), "c": Rate(9, 12)}
>>> ranking = compute_ranking(rates, min_count=1)
>>> print(*(f"{e.position}:{e.agency_id}" for e in ranking.ranked))
1:b 2:c 3:a
>>> print(ranking.entries[2].explain())
#3 a: 1/1 reports = 100%, Wilson lower bound 21% (z=1.96)

From reports rather than rates, count them per agency first with the period
cut at the cut-off, then rank (the monev pipeline does this for you):

>>> from datetime import datetime, timezone
>>> from sp4n.scoring import Period, ScoringConfig, compute_by_group
>>> cutoff = datetime(2024, 12, 1, tzinfo=timezone.utc)
>>> counted = ScoringConfig(period=Period().until(cutoff))
>>> by_agency = compute_by_group([], counted)  # your reports here
>>> rates = {agency: result.follow_up_rate for agency, result in by_agency.items()}
>>> compute_ranking(rates, cutoff=cutoff).cutoff == cutoff
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType

import attrs

from sp4n._guards import boundary
from sp4n.errors import ScoringError
from sp4n.i18n import Message
from sp4n.rulebook import Rulebook
from sp4n.scoring.indicators import ids_of, indicator_rule
from sp4n.scoring.rates import Rate, as_decimal, to_percent

__all__ = ["RankedEntry", "Ranking", "compute_ranking"]


@attrs.frozen
class RankedEntry:
    """One agency's place in a ranking, with what put it there.

    Attributes:
        agency_id: The agency.
        rate: Its raw rate (counts and value).
        adjusted: Wilson lower bound of the rate; ``None`` when undefined.
        position: 1-based rank; ``None`` when excluded.
        excluded: Why it is not ranked (``None`` when ranked).
        z: The z used for the bound.
    """

    agency_id: str
    rate: Rate
    adjusted: Decimal | None
    position: int | None
    excluded: str | None
    z: Decimal

    @property
    def count(self) -> int:
        """Reports behind the rate (its denominator)."""
        return self.rate.denominator

    def explain(self, decimals: int | None = None) -> str:
        """One line: position or exclusion, counts, raw and adjusted rate."""
        head = f"#{self.position}" if self.position is not None else "excluded"
        raw = f"{self.rate} reports = {self.rate.display(decimals)}"
        if self.adjusted is None:
            bound = "no Wilson lower bound"
        else:
            bound = f"Wilson lower bound {to_percent(self.adjusted, decimals)}% (z={self.z})"
        tail = f" — {self.excluded}" if self.excluded else ""
        return f"{head} {self.agency_id}: {raw}, {bound}{tail}"


@attrs.frozen
class Ranking:
    """A ranking of agencies by one indicator, and the rules it applied.

    Attributes:
        indicator: The indicator ranked (e.g. ``follow_up_rate``).
        rule: Its rulebook id (e.g. IND-FOLLOW-UP).
        min_count: Minimum reports to be ranked (RANK-MIN-COUNT).
        z: Wilson z (RANK-WILSON-Z).
        cutoff: Reports submitted at or after it were not counted; ``None`` = none.
        entries: Ranked entries by position, then excluded ones by agency id.
    """

    indicator: str
    rule: str | None
    min_count: int
    z: Decimal
    cutoff: datetime | None
    entries: tuple[RankedEntry, ...]
    _index: Mapping[str, RankedEntry] = attrs.field(init=False, repr=False, eq=False)

    @_index.default
    def _index_entries(self) -> Mapping[str, RankedEntry]:
        return MappingProxyType({e.agency_id: e for e in self.entries})

    @property
    def ranked(self) -> tuple[RankedEntry, ...]:
        """Entries that have a position, best first."""
        return tuple(e for e in self.entries if e.position is not None)

    @property
    def excluded(self) -> tuple[RankedEntry, ...]:
        """Entries left out, with the reason."""
        return tuple(e for e in self.entries if e.position is None)

    def entry(self, agency_id: str) -> RankedEntry:
        """The entry of one agency.

        Raises:
            ScoringError: the agency is not in this ranking.
        """
        try:
            return self._index[agency_id]
        except (KeyError, TypeError):
            raise ScoringError(
                Message(
                    "error.ranking.agency-agency-id-ranking",
                    "agency {agency_id} is not in this ranking",
                    agency_id=repr(agency_id),
                ),
                field="agency_id",
            ) from None


@boundary(scope=None, refuse_as=ScoringError)
def compute_ranking(
    rates: Mapping[str, Rate],
    *,
    scope: Iterable[str] | None = None,
    indicator: str = "follow_up_rate",
    rulebook: Rulebook | None = None,
    min_count: int | None = None,
    z: Decimal | float | None = None,
    cutoff: datetime | None = None,
    custom_indicator: bool = False,
) -> Ranking:
    """Rank agencies by their rates with small-sample protection.

    Rule: standard.md §7 [D] (RANK-MIN-COUNT, RANK-WILSON-Z). The result does
    not depend on the order of ``rates``.

    Args:
        rates: Agency id → its rate over the period (before the cut-off).
        scope: Agencies to list; those without a rate are listed as excluded
            ("no reports"). Default: the keys of ``rates``.
        indicator: Name of the indicator ranked: a rulebook indicator in force
            (its rule id is recorded), unless ``custom_indicator``.
        rulebook: Rules in force (default: the package's).
        min_count: Minimum reports to be ranked; default ``ranking_min_count``.
        z: Wilson z; default ``ranking_wilson_z``. A float is read through
            ``str`` (``1.96`` is exactly 1.96).
        cutoff: The cut-off applied when the rates were computed (recorded).
        custom_indicator: ``indicator`` is a free label (e.g. a rate picked by
            a function), not a rulebook name; the rule recorded is then the
            rates' common rule, if any.

    Raises:
        ScoringError: an indicator not in force, a minimum count that is not
            an int >= 0, a negative or non-finite z, a plain-string scope.
    """
    book = rulebook or Rulebook.default()
    minimum = book.settings.ranking_min_count if min_count is None else min_count
    zed = as_decimal(book.settings.ranking_wilson_z if z is None else z, "z", "RANK-WILSON-Z")
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
        raise ScoringError(
            Message(
                "RANK-MIN-COUNT.minimum-count-int-0",
                "minimum count must be an int >= 0, got {minimum}",
                minimum=repr(minimum),
            ),
            rule="RANK-MIN-COUNT",
            field="min_count",
        )
    if zed < 0:
        raise ScoringError(
            Message("RANK-WILSON-Z.z-0-got-zed", "z must be >= 0, got {zed}", zed=str(zed)),
            rule="RANK-WILSON-Z",
            field="z",
        )
    if custom_indicator:
        rules = {r.rule for r in rates.values()}
        rule = next(iter(rules)) if len(rules) == 1 else None
    else:
        rule = indicator_rule(book, indicator).rule
    ids = sorted(set(rates) if scope is None else ids_of(scope, "scope", "RANK-MIN-COUNT"))
    ranked: list[RankedEntry] = []
    excluded: list[RankedEntry] = []
    for agency_id in ids:
        rate = rates.get(agency_id, Rate(0, 0, rule=rule))
        adjusted = rate.wilson_lower_bound(zed)
        reason = None
        if not rate.defined:
            reason = "no reports in the period"
        elif rate.denominator < minimum:
            reason = f"fewer than {minimum} reports (RANK-MIN-COUNT)"
        entry = RankedEntry(agency_id, rate, adjusted, None, reason, zed)
        (excluded if reason else ranked).append(entry)
    ranked.sort(key=lambda e: (-(e.adjusted or 0), -e.count, e.agency_id))
    positioned = tuple(attrs.evolve(e, position=i) for i, e in enumerate(ranked, start=1))
    return Ranking(indicator, rule, minimum, zed, cutoff, positioned + tuple(excluded))
