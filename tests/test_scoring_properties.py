"""Property tests of sp4n.scoring: bounds, exact merging, order-invariant fair rankings."""

from __future__ import annotations

import json
import random
from datetime import timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sp4n.models import Complaint
from sp4n.scoring import (
    GroupedAccumulator,
    IndicatorAccumulator,
    Period,
    Ranking,
    Rate,
    ScoringConfig,
    compute_by_group,
    compute_indicators,
    compute_ranking,
    wilson_lower_bound,
)
from sp4n.testing.scoring import AGENCY_IDS, BASE, chunks, complaint_sets, stage_outcomes

# A period inside the drawn submission dates (days 0-120), so merges also add period skips.
CONFIG = ScoringConfig(
    scope=set(AGENCY_IDS[:4]),
    stage_outcomes=stage_outcomes,
    period=Period(BASE + timedelta(days=10), BASE + timedelta(days=100)),
)
Z = Decimal("1.96")

rates = st.integers(0, 500).flatmap(lambda d: st.builds(Rate, st.integers(0, d), st.just(d)))


def _in_unit(rate: Rate) -> bool:
    value = rate.value
    if value is None:
        return rate.denominator == 0
    return Decimal(0) <= value <= Decimal(1)


@given(complaint_sets())
def test_rates_are_in_unit_interval_or_undefined(data: list[Complaint]) -> None:
    """Every share and on-time rate is in [0, 1], or undefined exactly when nothing was counted."""
    result = compute_indicators(data, CONFIG)
    for rate in [*result.shares.values(), *result.on_time.values()]:
        assert _in_unit(rate)
        assert (rate.value is None) == (rate.denominator == 0)
    if result.follow_up_days.count:
        mean, median = result.follow_up_days.mean, result.follow_up_days.median
        assert mean is not None
        assert median is not None
        assert min(result.follow_up_days.counts) <= mean <= max(result.follow_up_days.counts)


@given(rates, st.decimals(0, 4, places=2))
def test_wilson_bound_is_below_the_rate(rate: Rate, z: Decimal) -> None:
    """The Wilson lower bound is in [0, raw rate], undefined only with no trials."""
    bound = wilson_lower_bound(rate.numerator, rate.denominator, z)
    if rate.value is None:
        assert bound is None
    else:
        assert bound is not None
        assert 0 <= bound <= rate.value + Decimal("1e-20")


@given(complaint_sets(), st.lists(st.integers(0, 40), max_size=4))
def test_merge_of_chunks_equals_the_whole(data: list[Complaint], cuts: list[int]) -> None:
    """Accumulating random chunks separately and merging gives exactly the whole's result."""
    whole = IndicatorAccumulator(CONFIG).add_all(data).result()
    merged = IndicatorAccumulator(CONFIG)
    for part in chunks(data, cuts):
        merged = merged.merge(IndicatorAccumulator(CONFIG).add_all(part))
    assert merged.result() == whole


@given(complaint_sets(), st.lists(st.integers(0, 40), max_size=3))
def test_grouped_merge_of_chunks_equals_the_whole(data: list[Complaint], cuts: list[int]) -> None:
    """Per-agency accumulators of random chunks merge into exactly the whole's results."""
    whole = GroupedAccumulator(CONFIG).add_all(data)
    merged = GroupedAccumulator(CONFIG)
    for part in chunks(data, cuts):
        merged = merged.merge(GroupedAccumulator(CONFIG).add_all(part))
    assert merged.results() == whole.results()
    assert (merged.skipped, merged.ungrouped) == (whole.skipped, whole.ungrouped)


@given(st.dictionaries(st.sampled_from("abcdefgh"), rates, max_size=8), st.randoms())
def test_ranking_is_invariant_to_input_order(
    by_agency: dict[str, Rate], rnd: random.Random
) -> None:
    """Shuffling the input mapping never changes the ranking."""
    items = list(by_agency.items())
    rnd.shuffle(items)
    assert compute_ranking(dict(items), min_count=3) == compute_ranking(by_agency, min_count=3)


@given(complaint_sets(max_size=25), st.randoms())
def test_ranking_is_invariant_to_complaint_order(data: list[Complaint], rnd: random.Random) -> None:
    """The ranking over a stream of complaints does not depend on their order."""
    shuffled = list(data)
    rnd.shuffle(shuffled)

    def ranking(reports: list[Complaint]) -> Ranking:
        rates = {a: r.follow_up_rate for a, r in compute_by_group(reports, CONFIG).items()}
        return compute_ranking(rates, scope=CONFIG.scope, min_count=2)

    assert ranking(shuffled) == ranking(data)


@given(
    st.booleans(), st.integers(30, 400).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))
)
def test_one_report_never_outranks_a_larger_sample_with_higher_bound(
    followed: bool, big: tuple[int, int]
) -> None:
    """A one-report agency never ranks above one with >= 30 reports and a higher lower bound."""
    one = Rate(int(followed), 1)
    many = Rate(*big)
    for min_count in (0, 1, 10):  # even with the minimum count switched off
        ranking = compute_ranking({"solo": one, "many": many}, min_count=min_count)
        solo, bulk = ranking.entry("solo"), ranking.entry("many")
        assert bulk.adjusted is not None
        assert solo.adjusted is not None
        if bulk.adjusted > solo.adjusted:
            assert bulk.position is not None
            assert solo.position is None or solo.position > bulk.position


@given(complaint_sets(), st.lists(st.integers(0, 40), max_size=3))
def test_state_shipped_as_json_merges_to_the_whole(data: list[Complaint], cuts: list[int]) -> None:
    """Chunk states sent as JSON (as between processes) rebuild and merge to the whole."""
    whole = IndicatorAccumulator(CONFIG).add_all(data).result()
    merged = IndicatorAccumulator(CONFIG)
    for part in chunks(data, cuts):
        wire = json.dumps(IndicatorAccumulator(CONFIG).add_all(part).state())
        merged = merged.merge(IndicatorAccumulator.from_state(json.loads(wire), CONFIG))
    assert merged.result() == whole


def test_complaint_strategy_reaches_hops_and_several_follow_ups() -> None:
    """The strategy yields redispatches after NOT_COMPETENT and several follow-ups."""
    from hypothesis import find

    from sp4n.models import PostFollowUpEvent, RedispatchEvent
    from sp4n.testing.scoring import complaints

    hop = find(complaints(), lambda c: any(isinstance(e, RedispatchEvent) for e in c.history))
    assert hop.status is not None
    many = find(
        complaints(), lambda c: sum(isinstance(e, PostFollowUpEvent) for e in c.history) >= 2
    )
    assert many.status.value in {"IN_PROGRESS", "CLOSED_BY_REPORTER", "CLOSED_BY_SYSTEM"}
    skipped = find(complaint_sets(), lambda d: compute_indicators(d, CONFIG).skipped_period > 0)
    assert skipped


@given(
    st.integers(1, 10**9).flatmap(lambda d: st.tuples(st.integers(0, d), st.just(d))),
    st.integers(0, 6),
)
def test_rate_display_percent_is_to_percent_of_the_fraction(
    counts: tuple[int, int], places: int
) -> None:
    """RATE-DISPLAY-DECIMALS: a rate's percent is to_percent of its exact fraction (half up)."""
    from fractions import Fraction

    from sp4n.scoring.rates import to_percent

    numerator, denominator = counts
    rate = Rate(numerator, denominator)
    assert rate.percent(places) == to_percent(Fraction(numerator, denominator), places)
