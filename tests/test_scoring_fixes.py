"""Regression tests for the scoring review: scope, local zones, errors, silent answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta

from sp4n.errors import ScoringError, SP4NError
from sp4n.models import Agency
from sp4n.rulebook import Rulebook
from sp4n.scoring import (
    CalendarDayCounter,
    DayStats,
    IndicatorAccumulator,
    Period,
    Rate,
    ScoringConfig,
    compute_activity,
    compute_grade,
    compute_indicators,
    compute_maturity,
    compute_ranking,
    compute_summary,
    province_key,
    rolled_up,
    to_percent,
    wilson_lower_bound,
)
from sp4n.scoring.adapters import on_time_outcome, stage_outcomes_from
from sp4n.sla import SlaState
from sp4n.testing.scoring import complaint, governments, status_counts
from sp4n.vocabulary import AgencyKind, Stage, Status

NOW = datetime(2024, 5, 1, tzinfo=UTC)
WIT = timezone(timedelta(hours=9))
JAYAPURA = Agency(
    id="kab-91.71",
    name="Kota Jayapura",
    kind=AgencyKind.CITY,
    region_code="91.71",
    parent_id="prov-91",
)


# --- 4: compute_summary scope ------------------------------------------------------------------


def test_compute_summary_counts_only_the_evaluated_agencies_by_default() -> None:
    """Without a configured scope, reports of other agencies do not dilute the rates."""
    kalbar = governments("kalbar", 15, 14)
    mine = status_counts("kalbar-01", {Status.CLOSED_BY_REPORTER: 10})
    other = status_counts("jakarta-x", {Status.SUBMITTED: 90}, start=100)
    report = compute_summary(mine + other, agencies=kalbar)
    assert (report.complaints.total, report.complaints.skipped_scope) == (10, 90)
    assert report.complaints.follow_up_rate == Rate(10, 10, rule="IND-FOLLOW-UP")


def test_compute_summary_rejects_a_scope_beyond_the_evaluated_agencies() -> None:
    """A configured scope must be a subset of the agencies evaluated."""
    kalbar = governments("kalbar", 3, 3)
    with pytest.raises(ScoringError) as err:
        compute_summary([], agencies=kalbar, config=ScoringConfig(scope={"kalbar-01", "jakarta"}))
    assert err.value.field == "scope"
    narrower = compute_summary([], agencies=kalbar, config=ScoringConfig(scope={"kalbar-01"}))
    assert narrower.agencies == 3


# --- 5: local dates in the agency's zone -----------------------------------------------------


def _papua_complaint() -> Any:
    late = datetime(2024, 4, 1, 23, 30, tzinfo=WIT)
    return complaint(
        1,
        status=Status.IN_PROGRESS,
        agency_id=JAYAPURA.id,
        submitted_at=late - timedelta(hours=2),
        dispatch_after=timedelta(hours=2),
        follow_up_after=timedelta(hours=1),
    )


def test_follow_up_days_use_the_agency_zone_papua() -> None:
    """Dispatched 23:30 WIT, followed up 00:30 WIT: a local midnight passed, so 1 day."""
    config = ScoringConfig(agency_lookup={JAYAPURA.id: JAYAPURA}.get)
    assert dict(compute_indicators([_papua_complaint()], config).follow_up_days.counts) == {1: 1}
    counter = CalendarDayCounter(agency_lookup={JAYAPURA.id: JAYAPURA}.get)
    start = datetime(2024, 4, 1, 23, 30, tzinfo=WIT)
    assert counter(start, start + timedelta(hours=1), JAYAPURA.id) == 1


def test_compute_summary_takes_zones_from_the_agencies_evaluated() -> None:
    """compute_summary gives the default counter each evaluated agency's province zone."""
    report = compute_summary([_papua_complaint()], agencies=[JAYAPURA])
    assert dict(report.complaints.follow_up_days.counts) == {1: 1}


# --- 6: crashes that must be ScoringError ----------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: compute_grade(Decimal("NaN")),
        lambda: compute_grade(Decimal("sNaN")),
        lambda: compute_grade("0.9"),  # type: ignore[arg-type]
        lambda: to_percent(Decimal("NaN"), 0),
        lambda: to_percent(Decimal("Infinity"), 0),
        lambda: wilson_lower_bound(1, 2, Decimal("Infinity")),
        lambda: compute_ranking({"a": Rate(5, 10)}, z=float("nan")),
        lambda: compute_ranking({}, z=Decimal(-1)),
        lambda: compute_ranking({"a": Rate(1, 2)}, min_count=0.5),  # type: ignore[arg-type]
        lambda: DayStats.of([1]).quantile(float("nan")),
        lambda: DayStats.of([1]).quantile("0.9"),  # type: ignore[arg-type]
        lambda: compute_activity(["a"], {"a": date(2024, 4, 30)}, now=NOW),  # type: ignore[dict-item]
        lambda: Period.from_dates(date(2024, 1, 1), date(2024, 1, 2), zone="Mars/Base"),
        lambda: CalendarDayCounter(zones={"a": "Mars/Base"}),
        lambda: CalendarDayCounter(default_zone="Nope"),
        lambda: IndicatorAccumulator.from_state(None),  # type: ignore[arg-type]
        lambda: IndicatorAccumulator.from_state({"statuses": [1]}),  # type: ignore[dict-item]
        lambda: compute_maturity(None),  # type: ignore[arg-type]
        lambda: on_time_outcome("LATE"),
    ],
)
def test_bad_inputs_raise_scoring_error(call: Any) -> None:
    """Bad numbers, zones, instants and states raise ScoringError, never a raw crash."""
    with pytest.raises(ScoringError):
        call()


def test_float_z_and_quantiles_are_read_as_their_text() -> None:
    """z=1.96 and q=0.9 as floats give the same answers as their exact values."""
    assert wilson_lower_bound(1, 2, 1.96) == wilson_lower_bound(1, 2, Decimal("1.96"))
    ranking = compute_ranking({"a": Rate(5, 10)}, z=1.96, min_count=1)
    assert ranking.z == Decimal("1.96")
    stats = DayStats.of(range(1, 11))
    assert stats.quantile(0.9) == stats.quantile(Fraction(9, 10)) == 9
    assert stats.quantile(Decimal("0.5")) == 5


def test_errors_name_field_and_rule() -> None:
    """The errors say which field and rule was broken."""
    with pytest.raises(ScoringError) as err:
        wilson_lower_bound(1, 2, float("inf"))
    assert (err.value.field, err.value.rule) == ("z", "RANK-WILSON-Z")
    with pytest.raises(ScoringError) as err:
        compute_activity(["a"], {}, now=datetime(2024, 5, 1))  # noqa: DTZ001
    assert err.value.rule == "TIMESTAMP-AWARE"


# --- 7: silent wrong answers -------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: ScoringConfig(scope="kab-a"),
        lambda: compute_ranking({"abc": Rate(5, 10)}, scope="abc", min_count=0),
        lambda: compute_activity("ab", {}, now=NOW),
        lambda: compute_maturity("information"),
        lambda: to_percent(Fraction(-1, 3), 0),
        lambda: to_percent(Fraction(4, 3), 0),
        lambda: Rate(1, 2, rule="IND-FOLLOW-UP").pooled(Rate(1, 2, rule="IND-CLOSED-SHARE")),
        lambda: CalendarDayCounter()(datetime(2024, 1, 1), NOW, None),  # noqa: DTZ001
        lambda: rolled_up(object(), {"a"}),  # type: ignore[arg-type]
        lambda: province_key(object()),  # type: ignore[arg-type]
    ],
)
def test_silent_wrong_answers_now_raise(call: Any) -> None:
    """A plain string for a collection, a rate outside [0, 1], mixed rules, naive instants."""
    with pytest.raises(ScoringError):
        call()


def test_pooled_keeps_a_rule_when_one_side_has_none() -> None:
    """A rule-less rate pools with any and the result keeps the known rule."""
    assert Rate(1, 2).pooled(Rate(1, 2, rule="X")) == Rate(2, 4, rule="X")


# --- 9: activity window and on-time outcome -------------------------------------------------


def test_activity_window_is_a_parameter_with_one_month_default() -> None:
    """The one-month window is [now − 1 month, now] by default and can be changed."""
    logins = {"a": NOW - timedelta(days=20)}
    assert compute_activity(["a"], logins, now=NOW).numerator == 1
    short = compute_activity(["a"], logins, now=NOW, window=relativedelta(weeks=2))
    assert short.numerator == 0


def test_activity_one_month_boundary() -> None:
    """A login exactly one calendar month before now counts; one second earlier does not."""
    edge = datetime(2024, 4, 1, tzinfo=UTC)  # now = 1 May: one month back is 1 April
    assert compute_activity(["a"], {"a": edge}, now=NOW).numerator == 1
    earlier = {"a": edge - timedelta(seconds=1)}
    assert compute_activity(["a"], earlier, now=NOW).numerator == 0
    assert compute_activity(["a"], {"a": NOW + timedelta(seconds=1)}, now=NOW).numerator == 0


def test_on_time_outcome_reads_the_sla_enum() -> None:
    """MET → True, BREACHED → False, every other SlaState undecided."""
    assert on_time_outcome(SlaState.MET) is True
    assert on_time_outcome(SlaState.BREACHED) is False
    for state in (SlaState.PENDING, SlaState.PAUSED, SlaState.NOT_APPLICABLE):
        assert on_time_outcome(state) is None

    class Result:
        stage = Stage.VERIFICATION
        state = SlaState.BREACHED

    outcomes = stage_outcomes_from(lambda _c: [Result()])
    assert list(outcomes(complaint(0))) == [(Stage.VERIFICATION, False)]


# --- 10: rulebooks from before 2020 ---------------------------------------------------------


def test_pre_2020_rulebook_scores_without_indicators() -> None:
    """Indicators not in force are absent; asking for one by name raises a clear error."""
    old = ScoringConfig(rulebook=Rulebook.for_date(date(2019, 6, 1)))
    built = status_counts("a", {Status.CLOSED_BY_REPORTER: 2})
    result = compute_indicators(built, old)
    assert result.total == 2
    assert dict(result.shares) == {}
    assert dict(result.on_time) == {}
    with pytest.raises(ScoringError, match="follow_up_rate"):
        _ = result.follow_up_rate


def test_compute_ranking_validates_the_indicator_name() -> None:
    """compute_ranking refuses an unknown indicator; a custom one ranks an empty set."""
    with pytest.raises(ScoringError) as err:
        compute_ranking({"a": Rate(5, 10)}, indicator="bogus")
    assert err.value.field == "indicator"
    custom = compute_ranking({}, indicator="closed by the system", custom_indicator=True)
    assert custom.entries == ()


# --- 13: Ranking.entry index ------------------------------------------------------------------


def test_ranking_entry_by_id() -> None:
    """Ranking.entry finds any entry by id and refuses an unknown one."""
    ranking = compute_ranking({f"a{i}": Rate(i, 20) for i in range(20)}, min_count=1)
    assert all(ranking.entry(e.agency_id) is e for e in ranking.entries)
    with pytest.raises(ScoringError):
        ranking.entry("zzz")


def test_all_errors_are_sp4n_errors() -> None:
    """ScoringError is an SP4NError (the CLI prints it, exit 2)."""
    assert issubclass(ScoringError, SP4NError)
