"""The spec's own numbers (standard.md §7), reproduced from real Complaint and Agency objects."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from sp4n import lifecycle
from sp4n.models import Agency, Complaint
from sp4n.scoring import (
    Rate,
    ScoringConfig,
    compute_activity,
    compute_connectivity,
    compute_indicators,
    compute_summary,
)
from sp4n.testing.scoring import (
    AGENCY_IDS,
    complaint,
    governments,
    lawful,
    scoring_tree,
    stage_outcomes,
    status_counts,
)
from sp4n.vocabulary import Stage, Status

NOW = datetime(2020, 11, 30, 10, 0, tzinfo=UTC)


def _province(prefix: str, agencies: list[Agency], counts: dict[Status, int]) -> list[Complaint]:
    """Complaints with the given status counts, spread over the province's agencies."""
    ids = [a.id for a in agencies]
    spread: list[Complaint] = []
    for status, n in counts.items():
        for _ in range(n):
            # lawful(): the lifecycle engine built this history once; copies change the id only.
            one = lawful(status, ids[len(spread) % len(ids)])
            spread.append(one.model_copy(update={"tracking_id": str(1_000_000 + len(spread))}))
    # Reports of a neighbouring province must not count: scope is the province's agencies.
    stray = status_counts("elsewhere", {Status.SUBMITTED: 7}, start=len(spread))
    return spread + stray


def _logins(agencies: list[Agency], active: int) -> dict[str, datetime]:
    """Last admin logins: ``active`` agencies this month, the others three months ago."""
    return {a.id: NOW - timedelta(days=3 if i < active else 90) for i, a in enumerate(agencies)}


KALTENG = governments("kalteng", 15, connected=15)
KALTENG_COUNTS = {
    Status.CLOSED_BY_REPORTER: 600,
    Status.CLOSED_BY_SYSTEM: 44,
    Status.IN_PROGRESS: 26,
    Status.SUBMITTED: 100,
    Status.DISPATCHED: 40,
    Status.ARCHIVED: 16,
}
KALSEL_COUNTS = {Status.CLOSED_BY_REPORTER: 1219, Status.IN_PROGRESS: 51, Status.DISPATCHED: 24}
JAMBI = governments("jambi", 12, connected=11)
JAMBI_COUNTS = {Status.CLOSED_BY_SYSTEM: 77, Status.IN_PROGRESS: 12, Status.SUBMITTED: 126}
KALBAR = governments("kalbar", 15, connected=14)
KALBAR_COUNTS = {
    Status.CLOSED_BY_REPORTER: 289,
    Status.IN_PROGRESS: 4,
    Status.SUBMITTED: 222,
    Status.ON_HOLD: 7,  # on hold is not yet verified either (IND-UNVERIFIED-SHARE)
    Status.DISPATCHED: 37,
}


def test_built_complaints_have_lawful_histories() -> None:
    """Every status the spec examples use comes with a history the lifecycle engine accepts."""
    for c in _province("kalbar", KALBAR, KALBAR_COUNTS)[::37]:
        tree = scoring_tree(tuple(sorted({*AGENCY_IDS, str(c.target_agency_id)})))
        lifecycle.check_history(c, hierarchy=tree)  # raises on a status the history misses


def _scope(agencies: list[Agency]) -> ScoringConfig:
    return ScoringConfig(scope={a.id for a in agencies})


def test_IND_CONNECTIVITY_kalteng_jambi_kalbar() -> None:
    """Connectivity: Kalteng 15/15 = 100%, Jambi 11/12 = 92%, Kalbar 14/15 = 93%."""
    cases = [(KALTENG, 15, 15, "100%"), (JAMBI, 11, 12, "92%"), (KALBAR, 14, 15, "93%")]
    for agencies, num, den, shown in cases:
        rate = compute_connectivity(agencies)
        assert (rate.numerator, rate.denominator, rate.display(0)) == (num, den, shown)
        assert rate.rule == "IND-CONNECTIVITY"


def test_IND_ACTIVITY_kalteng_and_jambi() -> None:
    """Activity: Kalimantan Tengah 10/15 = 67%, Jambi 10/12 = 83%."""
    for agencies, shown in ((KALTENG, "67%"), (JAMBI, "83%")):
        rate = compute_activity([a.id for a in agencies], _logins(agencies, 10), now=NOW)
        assert (rate.numerator, rate.denominator, rate.display(0)) == (10, len(agencies), shown)
        assert rate.rule == "IND-ACTIVITY"


def test_IND_FOLLOW_UP_kalteng() -> None:
    """Follow-up rate, Kalimantan Tengah: (644 + 26) / 826 = 81%, with connectivity and activity."""
    report = compute_summary(
        _province("kalteng", KALTENG, KALTENG_COUNTS),
        agencies=KALTENG,
        config=_scope(KALTENG),
        last_logins=_logins(KALTENG, 10),
        now=NOW,
    )
    rate = report.complaints.follow_up_rate
    assert (rate.numerator, rate.denominator, rate.display(0)) == (644 + 26, 826, "81%")
    assert rate.rule == "IND-FOLLOW-UP"
    assert report.connectivity.display(0) == "100%"
    assert report.activity is not None
    assert report.activity.display(0) == "67%"
    assert report.complaints.skipped_scope == 7


def test_IND_FOLLOW_UP_kalsel() -> None:
    """Follow-up rate, Kalimantan Selatan: (1219 + 51) / 1294 = 98%."""
    kalsel = governments("kalsel", 14, connected=14)
    result = compute_indicators(_province("kalsel", kalsel, KALSEL_COUNTS), _scope(kalsel))
    rate = result.follow_up_rate
    assert (rate.numerator, rate.denominator, rate.display(0)) == (1219 + 51, 1294, "98%")


def test_IND_FOLLOW_UP_jambi() -> None:
    """Jambi: 11/12 connected (92%), 10/12 active (83%), (77 + 12) / 215 = 41%."""
    report = compute_summary(
        _province("jambi", JAMBI, JAMBI_COUNTS),
        agencies=JAMBI,
        config=_scope(JAMBI),
        last_logins=_logins(JAMBI, 10),
        now=NOW,
    )
    assert report.connectivity.display(0) == "92%"
    assert report.activity is not None
    assert report.activity.display(0) == "83%"
    rate = report.complaints.follow_up_rate
    assert (rate.numerator, rate.denominator, rate.display(0)) == (77 + 12, 215, "41%")


def test_IND_FOLLOW_UP_kalbar() -> None:
    """Kalimantan Barat 2020: 14/15 connected (93%), 559 reports, 289 + 4 = 293 (52%)."""
    report = compute_summary(
        _province("kalbar", KALBAR, KALBAR_COUNTS), agencies=KALBAR, config=_scope(KALBAR)
    )
    assert report.connectivity.display(0) == "93%"
    rate = report.complaints.follow_up_rate
    assert (rate.numerator, rate.denominator, rate.display(0)) == (293, 559, "52%")
    assert report.activity is None  # no login data given: not measured, not 0


def test_IND_CLOSED_SHARE_kalbar() -> None:
    """Closed share, Kalimantan Barat: 289 of 559 reports."""
    result = compute_indicators(_province("kalbar", KALBAR, KALBAR_COUNTS), _scope(KALBAR))
    share = result.closed_share
    assert (share.numerator, share.denominator, share.rule) == (289, 559, "IND-CLOSED-SHARE")


def test_IND_IN_PROGRESS_SHARE_kalbar() -> None:
    """In-progress share, Kalimantan Barat: 4 of 559 reports."""
    result = compute_indicators(_province("kalbar", KALBAR, KALBAR_COUNTS), _scope(KALBAR))
    share = result.in_progress_share
    assert (share.numerator, share.denominator, share.rule) == (4, 559, "IND-IN-PROGRESS-SHARE")


def test_IND_UNVERIFIED_SHARE_kalbar() -> None:
    """Not yet verified, Kalimantan Barat: 229 of 559 reports."""
    result = compute_indicators(_province("kalbar", KALBAR, KALBAR_COUNTS), _scope(KALBAR))
    share = result.unverified_share
    assert (share.numerator, share.denominator, share.rule) == (229, 559, "IND-UNVERIFIED-SHARE")
    assert result.status_counts[Status.SUBMITTED] + result.status_counts[Status.ON_HOLD] == 229


def test_IND_FOLLOW_UP_SPEED_depok_mean() -> None:
    """Follow-up speed: mean days from dispatch to first follow-up, Depok 17.9."""
    days = [10, 12, 15, 17, 18, 19, 20, 22, 23, 23]
    data = [
        complaint(
            i,
            status=Status.IN_PROGRESS,
            agency_id="depok",
            dispatch_after=timedelta(hours=5),
            follow_up_after=timedelta(days=d),
        )
        for i, d in enumerate(days)
    ]
    speed = compute_indicators(data).follow_up_days
    assert (speed.mean, speed.median, speed.count) == (Decimal("17.9"), Decimal("18.5"), 10)
    assert speed.rule == "IND-FOLLOW-UP-SPEED"


def test_IND_ON_TIME_per_stage() -> None:
    """On-time rate per SLA stage [D]: met ÷ decided, pending stages left out."""
    data = [
        complaint(0, agency_id="a", dispatch_after=timedelta(days=1), follow_up_after=timedelta(2)),
        complaint(1, agency_id="a", dispatch_after=timedelta(days=5), follow_up_after=timedelta(9)),
        complaint(2, agency_id="a", dispatch_after=timedelta(days=2)),
        complaint(3, agency_id="a"),
    ]
    result = compute_indicators(data, ScoringConfig(stage_outcomes=stage_outcomes))
    verify, first = result.on_time[Stage.VERIFICATION], result.on_time[Stage.FIRST_FOLLOW_UP]
    assert (verify.numerator, verify.denominator, verify.rule) == (2, 3, "IND-ON-TIME")
    assert (first.numerator, first.denominator) == (1, 2)


@pytest.mark.parametrize(
    ("num", "den", "shown"),
    [(670, 826, "81%"), (1270, 1294, "98%"), (89, 215, "41%"), (293, 559, "52%"), (10, 15, "67%")],
)
def test_RATE_DISPLAY_DECIMALS_spec_percentages(num: int, den: int, shown: str) -> None:
    """Every percentage the spec prints is the rate rounded half up to whole percent."""
    assert Rate(num, den).display() == shown
