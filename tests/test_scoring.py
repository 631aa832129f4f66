"""Unit tests of sp4n.scoring: rates, inputs, accumulators, ranking, maturity and grades."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from sp4n.errors import ScoringError
from sp4n.models import (
    Actor,
    Complaint,
    ForwardToUnitEvent,
    PostFollowUpEvent,
    RedispatchEvent,
    SubmitEvent,
    VerifyAndDispatchEvent,
)
from sp4n.rulebook import Rulebook
from sp4n.scoring import (
    CalendarDayCounter,
    DayStats,
    GroupedAccumulator,
    IndicatorAccumulator,
    Period,
    Rate,
    ScoringConfig,
    compute_activity,
    compute_by_group,
    compute_connectivity,
    compute_grade,
    compute_indicators,
    compute_maturity,
    compute_ranking,
    dispatch_to_first_follow_up,
    handling_agency,
    province_key,
    scope_of,
    to_percent,
    wilson_lower_bound,
)
from sp4n.testing.scoring import BASE, agency, complaint, status_counts
from sp4n.vocabulary import Role, Status

Z = Decimal("1.96")
ADMIN = Actor(role=Role.NATIONAL_ADMIN)


# --- Rate and DayStats ------------------------------------------------------------------------


def test_rate_with_zero_denominator_is_undefined_not_zero() -> None:
    """A rate over nothing has no value, no percent and displays as undefined."""
    rate = Rate(0, 0, rule="IND-FOLLOW-UP")
    assert (rate.defined, rate.value, rate.percent(0), rate.as_fraction()) == (
        False,
        None,
        None,
        None,
    )
    assert rate.display(0) == "undefined"


@pytest.mark.parametrize(("num", "den"), [(2, 1), (-1, 3), (1, -1)])
def test_rate_refuses_impossible_counts(num: int, den: int) -> None:
    """A numerator above the denominator or a negative count is a ScoringError."""
    with pytest.raises(ScoringError):
        Rate(num, den)


def test_rate_refuses_bool_counts() -> None:
    """Booleans are not counts."""
    with pytest.raises(ScoringError):
        Rate(True, 1)


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [(Fraction(1, 8), 0, "13"), (Fraction(1, 200), 0, "1"), (Fraction(1, 3), 2, "33.33")],
)
def test_RATE_DISPLAY_DECIMALS_rounds_half_up_exactly(
    value: Fraction, decimals: int, shown: str
) -> None:
    """Rounding is half up on the exact fraction (12.5 → 13, 0.5 → 1)."""
    assert str(to_percent(value, decimals)) == shown


def test_RATE_DISPLAY_DECIMALS_default_comes_from_rulebook() -> None:
    """Without decimals, the rulebook's rate_display_decimals (0) applies."""
    assert Rate(2, 3).display() == "67%"


def test_negative_decimals_refused() -> None:
    """Negative display decimals are a ScoringError naming RATE-DISPLAY-DECIMALS."""
    with pytest.raises(ScoringError) as info:
        Rate(1, 2).percent(-1)
    assert info.value.rule == "RATE-DISPLAY-DECIMALS"


def test_rate_pooled_adds_counts() -> None:
    """Pooling two samples adds numerators and denominators."""
    assert Rate(1, 2).pooled(Rate(0, 0)) == Rate(1, 2)
    assert str(Rate(1, 2).pooled(Rate(3, 4))) == "4/6"


def test_RANK_WILSON_Z_bounds() -> None:
    """The Wilson bound is 0 for no successes, None for no trials and grows with evidence."""
    assert wilson_lower_bound(0, 5, Z) == 0
    assert wilson_lower_bound(0, 0, Z) is None
    small, large = wilson_lower_bound(1, 1, Z), wilson_lower_bound(100, 100, Z)
    assert small is not None
    assert large is not None
    assert small < large <= 1
    with pytest.raises(ScoringError):
        wilson_lower_bound(1, 1, Decimal(-1))


def test_day_stats_median_even_and_quantiles() -> None:
    """Median of an even count is the mean of the middle two; quantiles are nearest-rank."""
    stats = DayStats.of([1, 2, 3, 10])
    assert stats.median == Decimal("2.5")
    assert stats.quantile(Fraction(9, 10)) == 10
    assert stats.quantile(Fraction(1, 4)) == 1
    assert DayStats.of([]).quantile(Fraction(1, 2)) is None
    with pytest.raises(ScoringError):
        stats.quantile(Fraction(0))


def test_day_stats_merge_is_multiset_union() -> None:
    """Merging two distributions equals measuring everything at once."""
    assert DayStats.of([1, 5]).merged(DayStats.of([5, 2])) == DayStats.of([1, 2, 5, 5])


# --- period, scope, handling agency ----------------------------------------------------------


def test_period_from_dates_is_inclusive_local_days() -> None:
    """Period.from_dates covers whole local days in WIB, the last day included."""
    period = Period.from_dates(date(2020, 1, 1), date(2020, 1, 31))
    assert period.contains(datetime(2020, 1, 31, 16, 59, tzinfo=UTC))  # 23:59 WIB
    assert not period.contains(datetime(2020, 1, 31, 17, 0, tzinfo=UTC))  # 00:00 WIB Feb 1
    assert period.contains(datetime(2019, 12, 31, 17, 0, tzinfo=UTC))


def test_TIMESTAMP_AWARE_period_refuses_naive_instants() -> None:
    """Naive instants cannot bound a period."""
    with pytest.raises(ScoringError) as info:
        Period(datetime(2020, 1, 1))  # noqa: DTZ001 - the point of the test
    assert info.value.rule == "TIMESTAMP-AWARE"


def test_period_end_before_start_refused() -> None:
    """A period cannot end before it starts."""
    with pytest.raises(ScoringError):
        Period(BASE, BASE - timedelta(days=1))


def test_scope_of_accepts_ids_or_objects() -> None:
    """scope_of takes descendants given as ids or as objects with an id."""

    class Tree:
        def descendants(self, agency_id: str) -> Iterable[object]:
            return [agency("kab-a"), "kab-b"] if agency_id == "prov" else []

    assert scope_of(Tree(), "prov") == {"prov", "kab-a", "kab-b"}
    assert scope_of(Tree(), "prov", include_root=False) == {"kab-a", "kab-b"}


def _with_history(*events: object) -> Complaint:
    return complaint(0, agency_id="target").model_copy(
        update={"history": (SubmitEvent(at=BASE, actor=Actor(role=Role.REPORTER)), *events)}
    )


def test_handling_agency_follows_the_last_handover() -> None:
    """A complaint counts for its last dispatch, redispatch or unit; before that, its target."""
    at = BASE + timedelta(hours=1)
    assert handling_agency(_with_history()) == "target"
    dispatched = VerifyAndDispatchEvent(at=at, actor=ADMIN, agency_id="kab-a")
    assert handling_agency(_with_history(dispatched)) == "kab-a"
    unit = ForwardToUnitEvent(at=at, actor=ADMIN, unit_id="kab-a.dinas-pu")
    assert handling_agency(_with_history(dispatched, unit)) == "kab-a.dinas-pu"
    again = RedispatchEvent(at=at, actor=ADMIN, agency_id="prov")
    assert handling_agency(_with_history(dispatched, unit, again)) == "prov"


def test_follow_up_speed_restarts_at_redispatch() -> None:
    """Speed is measured from the last (re)dispatch before the first follow-up."""
    first = VerifyAndDispatchEvent(at=BASE + timedelta(days=1), actor=ADMIN, agency_id="a")
    redo = RedispatchEvent(at=BASE + timedelta(days=4), actor=ADMIN, agency_id="b")
    reply = PostFollowUpEvent(at=BASE + timedelta(days=6), actor=ADMIN, text="Ditangani.")
    assert dispatch_to_first_follow_up(_with_history(first, redo, reply)) == (redo.at, reply.at)
    assert dispatch_to_first_follow_up(_with_history(first)) is None


def test_calendar_days_use_the_agency_zone() -> None:
    """Local dates are taken in the agency's zone: 23:30 WIB is already the next day in WIT."""
    count = CalendarDayCounter(zones={"papua": "Asia/Jayapura"})
    start = datetime(2024, 4, 1, 1, 0, tzinfo=UTC)
    end = datetime(2024, 4, 1, 16, 30, tzinfo=UTC)  # 23:30 WIB, 01:30 WIT next day
    assert (count(start, end, "jakarta"), count(start, end, "papua")) == (0, 1)


# --- agency indicators -----------------------------------------------------------------------


def test_IND_CONNECTIVITY_scope_with_unknown_agency_refused() -> None:
    """An id in scope without its Agency object is an error, not silently unconnected."""
    with pytest.raises(ScoringError) as info:
        compute_connectivity([agency("a")], scope={"a", "ghost"})
    assert info.value.rule == "IND-CONNECTIVITY"


def test_IND_CONNECTIVITY_empty_scope_is_undefined() -> None:
    """No agencies in scope: connectivity undefined, not 0."""
    assert compute_connectivity([]).value is None


def test_IND_ACTIVITY_window_is_the_last_month() -> None:
    """A login within a month before now counts; older, later than now or missing does not."""
    now = datetime(2020, 3, 31, tzinfo=UTC)
    logins = {
        "a": datetime(2020, 2, 29, 0, 0, tzinfo=UTC),  # one month before
        "b": datetime(2020, 2, 28, 23, 59, tzinfo=UTC),  # just older
        "c": now + timedelta(seconds=1),  # after the evaluation instant
    }
    rate = compute_activity(["a", "b", "c", "d"], logins, now=now)
    assert (rate.numerator, rate.denominator) == (1, 4)
    wide = compute_activity(["a", "b"], logins, now=now, since=now - timedelta(days=60))
    assert wide.numerator == 2


def test_IND_ACTIVITY_naive_login_refused() -> None:
    """A naive login instant is refused."""
    with pytest.raises(ScoringError):
        compute_activity(["a"], {"a": datetime(2020, 1, 1)}, now=BASE)  # noqa: DTZ001


# --- accumulators ---------------------------------------------------------------------------


def test_accumulator_counts_skips_by_period_and_scope() -> None:
    """Complaints outside the period or the scope are skipped and counted as such."""
    data = [
        complaint(0, agency_id="a"),
        complaint(1, agency_id="b"),
        complaint(2, agency_id="a", submitted_at=BASE + timedelta(days=40)),
    ]
    config = ScoringConfig(scope={"a"}, period=Period(BASE, BASE + timedelta(days=30)))
    result = compute_indicators(data, config)
    assert (result.total, result.skipped_scope, result.skipped_period) == (1, 1, 1)


def test_accumulator_merge_refuses_different_configs() -> None:
    """Counts made under different configurations cannot be merged."""
    with pytest.raises(ScoringError):
        IndicatorAccumulator().merge(IndicatorAccumulator(ScoringConfig(scope={"a"})))


def test_merge_leaves_inputs_unchanged() -> None:
    """merge returns a new accumulator; both inputs keep their counts."""
    left = IndicatorAccumulator().add_all([complaint(0)])
    right = IndicatorAccumulator().add_all([complaint(1), complaint(2)])
    both = left.merge(right)
    assert (left.result().total, right.result().total, both.result().total) == (1, 2, 3)


def test_working_days_are_measured_by_the_injected_counter() -> None:
    """Working-day speed uses the counter passed in; without one it is not measured."""

    def weekdays(start: datetime, end: datetime, agency_id: str | None) -> int:
        days = (end.date() - start.date()).days
        return sum((start.date() + timedelta(d)).weekday() < 5 for d in range(1, days + 1))

    data = [complaint(0, agency_id="a", dispatch_after=timedelta(0), follow_up_after=timedelta(7))]
    assert compute_indicators(data).follow_up_working_days is None
    result = compute_indicators(data, ScoringConfig(working_days=weekdays))
    assert result.follow_up_working_days == DayStats.of([5], rule="IND-FOLLOW-UP-SPEED")
    assert result.follow_up_days.mean == 7


def test_share_of_unknown_indicator_names_the_known_ones() -> None:
    """Asking for a share the rulebook does not define is a ScoringError."""
    with pytest.raises(ScoringError, match="follow_up_rate"):
        compute_indicators([]).share("happiness")


def test_grouped_accumulator_per_agency_and_province() -> None:
    """Grouping by agency (default) and by province (a key from the hierarchy) both work."""
    data = status_counts("kab-a", {Status.IN_PROGRESS: 2}) + status_counts(
        "kota-b", {Status.SUBMITTED: 3}, start=10
    )
    per_agency = compute_by_group(data)
    assert {k: v.total for k, v in per_agency.items()} == {"kab-a": 2, "kota-b": 3}

    class Tree:
        def province(self, agency_id: str) -> str | None:
            return {"kab-a": "61", "kota-b": "62"}.get(agency_id)

    per_province = compute_by_group(data, key=province_key(Tree()))
    assert {k: v.follow_up_rate.display(0) for k, v in per_province.items()} == {
        "61": "100%",
        "62": "0%",
    }
    with pytest.raises(ScoringError):
        province_key(object())


def test_grouped_accumulator_counts_ungrouped_and_skipped() -> None:
    """Complaints without a group or outside the scope are counted, not lost."""
    acc = GroupedAccumulator(ScoringConfig(scope={"a"})).add_all(
        [complaint(0, agency_id="a"), complaint(1, agency_id="b"), complaint(2)]
    )
    assert acc.skipped == {"scope": 2}
    keyless = GroupedAccumulator[str](key=lambda _: None).add_all([complaint(0)])
    assert (keyless.ungrouped, dict(keyless.results())) == (1, {})
    with pytest.raises(ScoringError):
        acc.merge(GroupedAccumulator())


# --- ranking ----------------------------------------------------------------------------------


def test_RANK_MIN_COUNT_small_samples_are_excluded_with_reason() -> None:
    """An agency under the minimum count is listed as excluded, with the reason."""
    ranking = compute_ranking({"tiny": Rate(1, 1), "big": Rate(20, 40)}, scope={"tiny", "big", "x"})
    assert [e.agency_id for e in ranking.ranked] == ["big"]
    reasons = {e.agency_id: e.excluded for e in ranking.excluded}
    assert reasons == {
        "tiny": "fewer than 10 reports (RANK-MIN-COUNT)",
        "x": "no reports in the period",
    }
    assert "excluded tiny: 1/1 reports = 100%" in ranking.entry("tiny").explain(0)
    with pytest.raises(ScoringError):
        ranking.entry("nobody")


def test_RANK_MIN_COUNT_negative_refused() -> None:
    """A negative minimum count is a configuration error."""
    with pytest.raises(ScoringError):
        compute_ranking({}, min_count=-1)


def test_ranking_ties_break_by_count_then_id() -> None:
    """Equal adjusted rates rank the larger sample first, then by agency id."""
    rates = {"b": Rate(0, 20), "a": Rate(0, 20), "c": Rate(0, 30)}
    ranking = compute_ranking(rates)
    assert [(e.agency_id, e.position) for e in ranking.ranked] == [("c", 1), ("a", 2), ("b", 3)]


def test_RANK_WILSON_Z_override_changes_adjusted_rate() -> None:
    """z comes from the rulebook unless given; z = 0 ranks by the raw rate."""
    book = Rulebook.default().with_overrides({"RANK-WILSON-Z": {"value": "0"}})
    ranking = compute_ranking({"a": Rate(9, 10), "b": Rate(85, 100)}, rulebook=book)
    assert ranking.z == 0
    assert [e.agency_id for e in ranking.ranked] == ["a", "b"]
    assert ranking.entry("a").adjusted == Decimal("0.9")


def test_ranking_from_reports_counts_before_the_cutoff() -> None:
    """Reports counted in a period cut at the cut-off, then ranked: later reports do not count."""
    early = status_counts("a", {Status.IN_PROGRESS: 12})
    late = [
        c.model_copy(update={"submitted_at": BASE + timedelta(days=10)})
        for c in status_counts("a", {Status.SUBMITTED: 30}, start=100)
    ]
    cutoff = BASE + timedelta(days=5)
    counted = compute_by_group(early + late, ScoringConfig(period=Period().until(cutoff)))
    rates = {agency: result.follow_up_rate for agency, result in counted.items()}
    ranking = compute_ranking(rates, cutoff=cutoff)
    entry = ranking.entry("a")
    assert (entry.rate.numerator, entry.rate.denominator, entry.position) == (12, 12, 1)
    assert ranking.cutoff == cutoff
    assert ranking.rule == "IND-FOLLOW-UP"


def test_ranking_by_a_custom_rate_and_unknown_name() -> None:
    """Any rate of the indicators can be ranked; an unknown indicator name is refused."""
    data = status_counts("a", {Status.CLOSED_BY_SYSTEM: 10, Status.IN_PROGRESS: 5})
    rates = {agency: r.closed_share for agency, r in compute_by_group(data).items()}
    ranking = compute_ranking(rates, indicator="closed_share", min_count=1)
    assert ranking.entry("a").rate == Rate(10, 15, rule="IND-CLOSED-SHARE")
    assert ranking.rule == "IND-CLOSED-SHARE"
    with pytest.raises(ScoringError):
        compute_ranking(rates, indicator="happiness")


# --- maturity and grades ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capabilities", "level"),
    [
        (set(), 0),
        ({"information"}, 1),
        ({"information", "online_submission"}, 1),
        ({"information", "online_submission", "search"}, 2),
        ({"information", "online_submission", "search", "progress_tracking"}, 3),
        ({"online_submission", "search", "progress_tracking", "integration"}, 0),
        (
            {
                "information",
                "online_submission",
                "search",
                "progress_tracking",
                "integration",
                "optimisation",
            },
            5,
        ),
    ],
)
def test_SPBE_levels_need_all_lower_levels(capabilities: set[str], level: int) -> None:
    """A level is reached only with its capabilities and all lower levels'."""
    assessment = compute_maturity(capabilities)
    assert assessment.level == level


def test_SPBE_L4_gap_is_explained() -> None:
    """The assessment names the next level's rule and the missing capabilities."""
    assessment = compute_maturity(
        ["information", "online_submission", "search", "progress_tracking"]
    )
    assert (assessment.level, assessment.label, assessment.missing) == (
        3,
        "Transaksi",
        ("integration",),
    )
    assert assessment.next_level is not None
    assert assessment.next_level.rule == "SPBE-L4"
    top = compute_maturity(
        [
            "information",
            "online_submission",
            "search",
            "progress_tracking",
            "integration",
            "optimisation",
        ]
    )
    assert (top.next_level, top.explain()) == (None, "SPBE level 5 (Optimalisasi)")
    assert compute_maturity([]).label == "Belum ada"


def test_SPBE_unknown_capability_refused() -> None:
    """A misspelt capability is an error, not a silent lower level."""
    with pytest.raises(ScoringError, match="integrasi"):
        compute_maturity(["information", "integrasi"])


@pytest.mark.parametrize(
    ("rate", "grade"),
    [
        (Rate(9, 10), "SANGAT_BAIK"),
        (Rate(89, 100), "BAIK"),
        (Rate(3, 4), "BAIK"),
        (Rate(1, 2), "SEDANG"),
        (Rate(0, 5), "KURANG"),
        (Decimal("0.95"), "SANGAT_BAIK"),
    ],
)
def test_GRADE_thresholds(rate: Rate | Decimal, grade: str) -> None:
    """Grades follow the rulebook thresholds (90/75/50/0 %), inclusive at the bound."""
    found = compute_grade(rate)
    assert found is not None
    assert found.grade == grade


def test_GRADE_BAIK_override_and_undefined_rate() -> None:
    """Thresholds are configurable; an undefined rate earns no grade; >1 is refused."""
    book = Rulebook.default().with_overrides({"GRADE-BAIK": {"min_rate": "0.80"}})
    found = compute_grade(Rate(78, 100), rulebook=book)
    assert found is not None
    assert found.grade == "SEDANG"
    assert compute_grade(Rate(0, 0)) is None
    with pytest.raises(ScoringError):
        compute_grade(Decimal("1.5"))


def test_benchmark_quick_run_succeeds(capsys: pytest.CaptureFixture[str]) -> None:
    """The accumulator benchmark's smoke run finishes and prints its ratios."""
    from benchmarks.bench_scoring import main

    assert main(["--quick"]) == 0
    assert "chunked+merge" in capsys.readouterr().out


def test_rank_lower_is_better_share_by_its_complement() -> None:
    """Ranking by the complement of the unverified share puts the fewest unverified first."""
    data = status_counts("a", {Status.SUBMITTED: 8, Status.IN_PROGRESS: 2}) + status_counts(
        "b", {Status.SUBMITTED: 1, Status.IN_PROGRESS: 9}, start=50
    )
    rates = {a: r.unverified_share.complement() for a, r in compute_by_group(data).items()}
    ranking = compute_ranking(rates, indicator="unverified complement", custom_indicator=True)
    assert [e.agency_id for e in ranking.ranked] == ["b", "a"]
    assert ranking.entry("b").rate == Rate(9, 10, rule="IND-UNVERIFIED-SHARE")


@pytest.mark.parametrize(
    "state",
    [
        {"moods": {}},
        {"statuses": {"HAPPY": 1}},
        {"skipped": {"weather": 1}},
        {"calendar_days": {"three": 1}},
        {"met": {"VERIFICATION": -1}},
    ],
)
def test_from_state_refuses_bad_state(state: dict[str, dict[str, int]]) -> None:
    """A malformed accumulator state is refused, not half-loaded."""
    with pytest.raises(ScoringError):
        IndicatorAccumulator.from_state(state)
