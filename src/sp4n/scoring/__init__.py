"""Monev scoring: indicators, fair rankings, maturity levels and grades.

The evaluation indicators of the KemenPANRB reviews (standard.md §7), computed
for any scope (a set of agency ids: an agency, a province with its regencies
and cities, the nation) and period, as exact [`Rate`][sp4n.scoring.Rate] values that cite
their rulebook row (``IND-*``). Complaints are streamed through mergeable
accumulators, so scoring runs over any iterable, chunked or distributed.

>>> from sp4n.models import Agency
>>> from sp4n.vocabulary import AgencyKind
>>> govs = [Agency(id=f"kalbar-{i}", name=f"Pemda {i}", kind=AgencyKind.REGENCY,
...                parent_id="kalbar", connected=i != 0) for i in range(15)]
>>> compute_connectivity(govs).display(0)
'93%'

Modules: [`rates`][sp4n.scoring.rates] (``Rate``, ``DayStats``, Wilson bound),
[`indicators`][sp4n.scoring.indicators] (agency indicators and inputs),
[`accumulate`][sp4n.scoring.accumulate] (streaming accumulators),
[`ranking`][sp4n.scoring.ranking] (fair rankings), [`maturity`][sp4n.scoring.maturity]
(SPBE levels, grades), [`monev`][sp4n.scoring.monev] (one evaluation),
[`adapters`][sp4n.scoring.adapters] (from the calendar, SLA and hierarchy engines).
"""

from sp4n.scoring.accumulate import (
    ComplaintIndicators,
    GroupedAccumulator,
    IndicatorAccumulator,
    ScoringConfig,
    StageOutcomes,
    compute_by_group,
    compute_indicators,
)
from sp4n.scoring.adapters import (
    AGENCY_STAGES,
    agency_zones,
    on_time_outcome,
    stage_outcomes_from,
    working_day_counter,
)
from sp4n.scoring.indicators import (
    AgencyLookup,
    AgencyOf,
    AgencyTree,
    AncestorTree,
    CalendarDayCounter,
    DayCounter,
    Period,
    ProvinceOfTree,
    ProvinceTree,
    compute_activity,
    compute_connectivity,
    dispatch_to_first_follow_up,
    handling_agency,
    ids_of,
    indicator_rule,
    province_key,
    rolled_up,
    routed_or_handling,
    scope_of,
    zone_from_lookup,
)
from sp4n.scoring.maturity import (
    MaturityAssessment,
    compute_grade,
    compute_maturity,
    known_capabilities,
)
from sp4n.scoring.monev import MonevSummary, compute_summary
from sp4n.scoring.ranking import RankedEntry, Ranking, compute_ranking
from sp4n.scoring.rates import DayStats, Rate, to_percent, wilson_lower_bound

__all__ = [
    "AGENCY_STAGES",
    "AgencyLookup",
    "AgencyOf",
    "AgencyTree",
    "AncestorTree",
    "CalendarDayCounter",
    "ComplaintIndicators",
    "DayCounter",
    "DayStats",
    "GroupedAccumulator",
    "IndicatorAccumulator",
    "MaturityAssessment",
    "MonevSummary",
    "Period",
    "ProvinceOfTree",
    "ProvinceTree",
    "RankedEntry",
    "Ranking",
    "Rate",
    "ScoringConfig",
    "StageOutcomes",
    "agency_zones",
    "compute_activity",
    "compute_by_group",
    "compute_connectivity",
    "compute_grade",
    "compute_indicators",
    "compute_maturity",
    "compute_ranking",
    "compute_summary",
    "dispatch_to_first_follow_up",
    "handling_agency",
    "ids_of",
    "indicator_rule",
    "known_capabilities",
    "on_time_outcome",
    "province_key",
    "rolled_up",
    "routed_or_handling",
    "scope_of",
    "stage_outcomes_from",
    "to_percent",
    "wilson_lower_bound",
    "working_day_counter",
    "zone_from_lookup",
]
