"""Exact rates and day distributions — *persentase* and *laju*.

A monev indicator is a fraction of two counts. [`Rate`][sp4n.scoring.Rate] keeps both counts
(so a rate can be pooled and merged exactly), gives the value as a
`Decimal` in [0, 1], and is *undefined* (``None``) when there is
nothing to count: an agency with no reports has no follow-up rate, which is not
the same as a follow-up rate of 0 (STYLE: "0 where a zero denominator means
undefined" is a smell). Rounding for display happens in one place,
[`Rate.percent`][sp4n.scoring.Rate.percent], half up, with ``rate_display_decimals`` (rule
RATE-DISPLAY-DECIMALS [D], default 0 as in the KemenPANRB reviews).

[`DayStats`][sp4n.scoring.DayStats] keeps the exact multiset of day counts (day → how many
reports), so mean, median and percentiles of merged chunks equal those of the
whole.

>>> r = Rate(644 + 26, 826, rule="IND-FOLLOW-UP")
>>> r.percent(0), r.display(0)
(Decimal('81'), '81%')
>>> Rate(0, 0).value is None, Rate(0, 0).display(0)
(True, 'undefined')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal, localcontext
from fractions import Fraction
from numbers import Rational
from types import MappingProxyType
from typing import Self

import attrs

from sp4n.errors import ScoringError
from sp4n.i18n import Message

__all__ = ["DayStats", "Rate", "to_percent", "wilson_lower_bound"]

_PRECISION = 28
"""Significant digits of every Decimal scoring computes (whatever the caller's context)."""


def _check_count(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ScoringError(
            Message(
                "error.rates.name-non-negative-int",
                "{name} must be a non-negative int, got {value}",
                name=str(name),
                value=repr(value),
            ),
            field=name,
        )


def _default_decimals() -> int:
    from sp4n.rulebook import Rulebook  # noqa: PLC0415 - avoid a load at import time

    return Rulebook.default().settings.rate_display_decimals


def _not_a_number(field: str, value: object, rule: str | None) -> ScoringError:
    return ScoringError(
        Message(
            "error.rates.field-number-got-value",
            "{field} must be a number, got {value}",
            field=str(field),
            value=repr(value),
        ),
        rule=rule,
        field=field,
    )


def _not_finite(field: str, value: object, rule: str | None) -> ScoringError:
    return ScoringError(
        Message(
            "error.rates.field-finite-number-got",
            "{field} must be a finite number, got {value}",
            field=str(field),
            value=str(value),
        ),
        rule=rule,
        field=field,
    )


def _exact(value: object, field: str, rule: str | None = None) -> Fraction:
    """``value`` as an exact fraction: ints, Fractions, finite Decimals; floats by their text.

    A float is read through ``str`` (``0.9`` means nine tenths, not the
    nearest binary value). NaN, infinities, bools and anything else raise.
    """
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _not_finite(field, value, rule)
        return Fraction(value)
    if isinstance(value, int | Rational) and not isinstance(value, bool):
        return Fraction(value)
    raise _not_a_number(field, value, rule)


def as_decimal(value: object, field: str, rule: str | None = None) -> Decimal:
    """A finite Decimal from an int, a Decimal or a float (through ``str``: ``1.96`` stays 1.96).

    Raises:
        ScoringError: NaN, an infinity, a bool or a non-number (naming ``field`` and ``rule``).
    """
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise _not_a_number(field, value, rule)
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise _not_finite(field, value, rule)
    return number


def _places(decimals: int | None) -> int:
    places = _default_decimals() if decimals is None else decimals
    if isinstance(places, bool) or not isinstance(places, int) or places < 0:
        raise ScoringError(
            Message(
                "RATE-DISPLAY-DECIMALS.decimals-int-0-got",
                "decimals must be an int >= 0, got {places}",
                places=repr(places),
            ),
            rule="RATE-DISPLAY-DECIMALS",
            field="decimals",
        )
    return places


def to_percent(value: Fraction | Decimal, decimals: int | None = None) -> Decimal:
    """A fraction in percent, rounded half up: the one rounding rule of scoring.

    This is ``decimal.ROUND_HALF_UP`` applied to the exact fraction, done in
    integer arithmetic so that 12.5 % rounds to 13 and never to 12 through a
    binary or context artefact.

    Args:
        value: An exact fraction in [0, 1] (e.g. a rate, a Wilson bound).
        decimals: Digits after the point; defaults to ``rate_display_decimals``
            of the default rulebook (rule RATE-DISPLAY-DECIMALS [D]).

    Raises:
        ScoringError: NaN, an infinity or a value outside [0, 1] (``field="value"``),
            or ``decimals`` not an int >= 0.

    >>> to_percent(Fraction(1, 8), 0), to_percent(Decimal("0.20654"), 1)
    (Decimal('13'), Decimal('20.7'))
    """
    places = _places(decimals)
    exact = _exact(value, "value", "RATE-DISPLAY-DECIMALS")
    if not 0 <= exact <= 1:
        raise ScoringError(
            Message(
                "RATE-DISPLAY-DECIMALS.rate-0-1-got",
                "a rate is in [0, 1], got {value}",
                value=str(value),
            ),
            rule="RATE-DISPLAY-DECIMALS",
            field="value",
        )
    return _half_up_percent(exact.numerator, exact.denominator, places)


def _half_up_percent(numerator: int, denominator: int, places: int) -> Decimal:
    """``numerator / denominator`` (in [0, 1], denominator > 0) in percent, rounded half up.

    Integer arithmetic: the quotient and the remainder decide, for any
    representation of the fraction (reduced or not).
    """
    quotient, remainder = divmod(numerator * 100 * 10**places, denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return Decimal(quotient).scaleb(-places)


@attrs.frozen
class Rate:
    """A fraction ``numerator / denominator`` with the rule it implements.

    Attributes:
        numerator: Items that meet the indicator (e.g. reports closed or in progress).
        denominator: Items counted (e.g. all reports in scope and period).
        rule: The rulebook id of the indicator (``IND-*``), for explanations.

    Raises:
        ScoringError: a negative or non-int count, or a numerator above the denominator.
    """

    numerator: int
    denominator: int
    rule: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_count("numerator", self.numerator)
        _check_count("denominator", self.denominator)
        if self.numerator > self.denominator:
            raise ScoringError(
                Message(
                    "error.rates.rate-cannot-exceed-1",
                    "a rate cannot exceed 1: {numerator}/{denominator}",
                    numerator=str(self.numerator),
                    denominator=str(self.denominator),
                ),
                rule=self.rule,
                field="numerator",
            )

    @property
    def defined(self) -> bool:
        """Whether anything was counted (denominator above 0)."""
        return self.denominator > 0

    @property
    def value(self) -> Decimal | None:
        """The rate in [0, 1] (28 significant digits); ``None`` when undefined.

        >>> Rate(1, 3).value
        Decimal('0.3333333333333333333333333333')
        """
        if not self.denominator:
            return None
        with localcontext(prec=_PRECISION):
            return Decimal(self.numerator) / Decimal(self.denominator)

    def as_fraction(self) -> Fraction | None:
        """The exact rate as a `Fraction`; ``None`` when undefined."""
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    def percent(self, decimals: int | None = None) -> Decimal | None:
        """The rate in percent, rounded half up by `to_percent`; ``None`` when undefined.

        Args:
            decimals: Digits after the point; default ``rate_display_decimals``.

        >>> Rate(1, 8).percent(0), Rate(11, 12).percent(1), Rate(0, 0).percent(0)
        (Decimal('13'), Decimal('91.7'), None)
        """
        if not self.denominator:
            return None
        # to_percent's rounding (a Rate holds checked ints, 0 <= numerator <= denominator).
        return _half_up_percent(self.numerator, self.denominator, _places(decimals))

    def display(self, decimals: int | None = None) -> str:
        """``"81%"`` for people; ``"undefined"`` when nothing was counted."""
        pct = self.percent(decimals)
        return "undefined" if pct is None else f"{pct}%"

    def pooled(self, other: Rate) -> Self:
        """The rate over both samples (counts added), e.g. two chunks of the same scope.

        Raises:
            ScoringError: the two rates implement different rules (adding a
                follow-up count to a closed count means nothing); a rate without
                a rule pools with any.

        >>> Rate(1, 2, rule="X").pooled(Rate(2, 3, rule="X"))
        Rate(numerator=3, denominator=5, rule='X')
        """
        if self.rule is not None and other.rule is not None and self.rule != other.rule:
            raise ScoringError(
                Message(
                    "error.rates.cannot-pool-rule-rate",
                    "cannot pool a {rule} rate with a {rule2} rate",
                    rule=str(self.rule),
                    rule2=str(other.rule),
                ),
                rule=self.rule,
                field="rule",
            )
        return attrs.evolve(
            self,
            numerator=self.numerator + other.numerator,
            denominator=self.denominator + other.denominator,
            rule=self.rule if self.rule is not None else other.rule,
        )

    def complement(self) -> Self:
        """The rate of the other items (``den − num`` over ``den``), same rule.

        Rankings order higher-is-better; rank a lower-is-better share (e.g.
        unverified reports) by its complement.

        >>> Rate(229, 559).complement()
        Rate(numerator=330, denominator=559, rule=None)
        """
        return attrs.evolve(self, numerator=self.denominator - self.numerator)

    def wilson_lower_bound(self, z: Decimal | float) -> Decimal | None:
        """The Wilson score lower bound of this rate; see `wilson_lower_bound`."""
        return wilson_lower_bound(self.numerator, self.denominator, z)

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator}"


def wilson_lower_bound(successes: int, trials: int, z: Decimal | float) -> Decimal | None:
    """Lower bound of the Wilson score interval of ``successes / trials``.

    Used by fair rankings (rule RANK-WILSON-Z [D], z = 1.96 ≈ 95 %): a small
    sample gets a wide interval, so 1 of 1 (bound ≈ 0.21) ranks below 28 of 30
    (bound ≈ 0.79) although its raw rate is higher:

        (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)

    Computed in Decimal (28 digits) and clamped to [0, 1]; ``None`` when
    ``trials`` is 0 (undefined, never 0). ``z`` may be an int, a float (read
    through ``str``: ``1.96`` is exactly 1.96) or a Decimal.

    Raises:
        ScoringError: ``z`` negative, NaN, infinite or not a number (RANK-WILSON-Z).

    >>> wilson_lower_bound(1, 1, Decimal("1.96")).quantize(Decimal("0.0001"))
    Decimal('0.2065')
    >>> wilson_lower_bound(28, 30, Decimal("1.96")).quantize(Decimal("0.0001"))
    Decimal('0.7868')
    """
    _check_count("successes", successes)
    _check_count("trials", trials)
    if successes > trials:
        raise ScoringError(
            Message(
                "RANK-WILSON-Z.successes-exceed-trials-successes",
                "successes exceed trials: {successes}/{trials}",
                successes=str(successes),
                trials=str(trials),
            ),
            rule="RANK-WILSON-Z",
        )
    z = as_decimal(z, "z", "RANK-WILSON-Z")
    if z < 0:
        raise ScoringError(
            Message("RANK-WILSON-Z.z-0-got-z", "z must be >= 0, got {z}", z=str(z)),
            rule="RANK-WILSON-Z",
            field="z",
        )
    if trials == 0:
        return None
    with localcontext(prec=_PRECISION):
        n = Decimal(trials)
        p = Decimal(successes) / n
        z2 = z * z
        spread = z * (p * (1 - p) / n + z2 / (4 * n * n)).sqrt()
        bound = (p + z2 / (2 * n) - spread) / (1 + z2 / n)
        return min(max(bound, Decimal(0)), Decimal(1))


def _frozen_counts(counts: Mapping[int, int]) -> Mapping[int, int]:
    return MappingProxyType({day: counts[day] for day in sorted(counts) if counts[day]})


@attrs.frozen
class DayStats:
    """The distribution of a day count over reports, e.g. dispatch → first follow-up.

    ``counts`` maps a number of days to how many reports took it: an exact
    multiset, so merging two chunks ([`merged`][sp4n.scoring.DayStats.merged]) gives exactly the
    whole.

    Attributes:
        counts: Days → number of reports (days ascending, no zero entries).
        rule: The rulebook id of the indicator (IND-FOLLOW-UP-SPEED).

    >>> s = DayStats.of([3, 1, 4, 1, 5], rule="IND-FOLLOW-UP-SPEED")
    >>> s.count, s.mean, s.median, s.quantile(Fraction(9, 10))
    (5, Decimal('2.8'), Decimal('3'), 5)
    >>> DayStats.of([]).mean is None
    True
    """

    counts: Mapping[int, int] = attrs.field(converter=_frozen_counts, factory=dict)
    rule: str | None = None

    def __attrs_post_init__(self) -> None:
        for day, n in self.counts.items():
            _check_count("days", day)
            _check_count("reports", n)

    @classmethod
    def of(cls, days: Iterable[int], *, rule: str | None = None) -> DayStats:
        """The distribution of the given day counts."""
        return cls(Counter(days), rule=rule)

    @property
    def count(self) -> int:
        """Number of reports measured."""
        return sum(self.counts.values())

    @property
    def total(self) -> int:
        """Sum of days over all reports."""
        return sum(day * n for day, n in self.counts.items())

    @property
    def mean(self) -> Decimal | None:
        """Mean days (28 significant digits); ``None`` when nothing was measured."""
        count = self.count
        if not count:
            return None
        with localcontext(prec=_PRECISION):
            return Decimal(self.total) / Decimal(count)

    @property
    def median(self) -> Decimal | None:
        """Median days: the middle value, or the mean of the two middle values."""
        count = self.count
        if not count:
            return None
        low = self._nth((count - 1) // 2)
        high = self._nth(count // 2)
        with localcontext(prec=_PRECISION):
            return (Decimal(low) + Decimal(high)) / 2

    def quantile(self, q: Fraction | Decimal | float) -> int | None:
        """The nearest-rank ``q``-quantile (``q`` in (0, 1]), e.g. ``Fraction(9, 10)`` for p90.

        Nearest rank returns a value that occurred, so it needs no
        interpolation rule and merges exactly. ``q`` may be a Fraction, a
        Decimal or a float (read through ``str``: ``0.9`` is nine tenths).

        Raises:
            ScoringError: ``q`` outside (0, 1], NaN or not a number (``field="q"``).

        >>> DayStats.of(range(1, 11)).quantile(0.9)
        9
        """
        q = _exact(q, "q", self.rule)
        if not 0 < q <= 1:
            raise ScoringError(
                Message(
                    "error.rates.quantile-0-1-got", "a quantile is in (0, 1], got {q}", q=str(q)
                ),
                rule=self.rule,
                field="q",
            )
        count = self.count
        if not count:
            return None
        rank = -(-q.numerator * count // q.denominator)  # ceil(q * count), exact
        return self._nth(rank - 1)

    def _nth(self, index: int) -> int:
        seen = 0
        for day, n in self.counts.items():
            seen += n
            if index < seen:
                return day
        raise ScoringError(
            Message(
                "error.rates.index-index-beyond-seen",
                "index {index} beyond {seen} values",
                index=str(index),
                seen=str(seen),
            ),
            rule=self.rule,
        )

    def merged(self, other: DayStats) -> DayStats:
        """Both distributions together (multiset union), as if measured at once."""
        counts: Counter[int] = Counter(self.counts)
        counts.update(other.counts)
        return DayStats(counts, rule=self.rule or other.rule)
