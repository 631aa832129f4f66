"""SPBE maturity levels and Kemendagri-style grades — *tingkat kematangan*, *predikat*.

**Maturity** (standard.md §7 [R], SPBE): the electronic complaint service of
an agency is at level 1 (information only), 2 (online submission and
search), 3 (transaction with progress tracking), 4 (integrated with other
services or agencies) or 5 (adaptive, optimised). Each level is a rulebook row
(``SPBE-L1`` … ``SPBE-L5``) listing the capabilities it adds; a level is
reached when its capabilities **and all lower levels'** are present, so a
service with integration but no progress tracking stays at level 2.

**Grades** (standard.md §7 [D]): Kemendagri publishes grades (Sangat Baik /
Baik / Sedang / Kurang) but not their weights or cut-offs; the thresholds are
rulebook rows (``GRADE-*``, defaults 90 / 75 / 50 / 0 %) that an integrator
changes with [`with_overrides`][sp4n.rulebook.Rulebook.with_overrides].

>>> compute_maturity({"information", "online_submission", "search", "integration"}).level
2
>>> compute_grade(Rate(670, 826)).label_id
'Baik'
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import attrs

from sp4n._guards import boundary
from sp4n.errors import ScoringError
from sp4n.i18n import Message
from sp4n.rulebook import GradeRule, MaturityRule, Rulebook
from sp4n.scoring.rates import Rate, _exact

__all__ = ["MaturityAssessment", "compute_grade", "compute_maturity", "known_capabilities"]


def known_capabilities(rulebook: Rulebook | None = None) -> frozenset[str]:
    """Every capability named by the maturity rows in force.

    >>> print(*sorted(known_capabilities()))
    information integration online_submission optimisation progress_tracking search
    """
    book = rulebook or Rulebook.default()
    return frozenset(c for row in book.maturity for c in row.requires)


@attrs.frozen
class MaturityAssessment:
    """An agency's SPBE maturity level and what the next level needs.

    Attributes:
        level: 0 (not even information) to 5.
        reached: The rulebook row of the level reached; ``None`` at level 0.
        next_level: The row of the next level; ``None`` at the top.
        missing: Capabilities missing for the next level (its own and any
            lower level's), sorted.
    """

    level: int
    reached: MaturityRule | None
    next_level: MaturityRule | None
    missing: tuple[str, ...]

    @property
    def label(self) -> str:
        """The Indonesian name of the level (``Transaksi``), or ``Belum ada`` at 0."""
        return "Belum ada" if self.reached is None else self.reached.label_id

    def explain(self) -> str:
        """One line: the level and what the next one needs."""
        head = f"SPBE level {self.level} ({self.label})"
        if self.next_level is None:
            return head
        need = ", ".join(self.missing)
        return f"{head}; level {self.next_level.level} ({self.next_level.rule}) needs: {need}"


def compute_maturity(
    capabilities: Iterable[str], *, rulebook: Rulebook | None = None
) -> MaturityAssessment:
    """The SPBE maturity level of a complaint service from its capability checklist.

    Rule: standard.md §7 [R] (SPBE), SPBE-L1 … SPBE-L5.

    Args:
        capabilities: Capability names present (see
            [`known_capabilities`][sp4n.scoring.known_capabilities]).
        rulebook: Rules in force (default: the package's).

    Raises:
        ScoringError: an unknown capability name (a typo must not silently
            lower a level), or a plain string / non-iterable instead of a
            collection of names.

    >>> print(compute_maturity(["information"]).explain())
    SPBE level 1 (Informasi); level 2 (SPBE-L2) needs: online_submission, search
    """
    book = rulebook or Rulebook.default()
    if isinstance(capabilities, str | bytes) or not isinstance(capabilities, Iterable):
        raise ScoringError(
            Message(
                "SPBE-L1.capabilities-collection-names-type",
                "capabilities must be a collection of names, not {type}",
                type=str(type(capabilities).__name__),
            ),
            rule="SPBE-L1",
            field="capabilities",
        )
    present = frozenset(capabilities)
    unknown = sorted(present - known_capabilities(book))
    if unknown:
        raise ScoringError(
            Message(
                "SPBE-L1.unknown-spbe-capabilities-join",
                "unknown SPBE capabilities: {join}",
                join=str(", ".join(unknown)),
            ),
            rule="SPBE-L1",
            field="capabilities",
        )
    reached: MaturityRule | None = None
    needed: set[str] = set()
    for row in book.maturity:  # lowest level first
        needed |= set(row.requires)
        missing = needed - present
        if missing:
            return MaturityAssessment(
                reached.level if reached else 0, reached, row, tuple(sorted(missing))
            )
        reached = row
    return MaturityAssessment(reached.level if reached else 0, reached, None, ())


@boundary(refuse_as=ScoringError)
def compute_grade(rate: Rate | Decimal, *, rulebook: Rulebook | None = None) -> GradeRule | None:
    """The grade (*predikat*) a rate earns: the best grade whose ``min_rate`` it reaches.

    Rule: standard.md §7 [D], GRADE-SANGAT-BAIK, GRADE-BAIK, GRADE-SEDANG,
    GRADE-KURANG (thresholds configurable; weights are not published). An
    undefined rate earns no grade (``None``), not Kurang.

    >>> compute_grade(Rate(1270, 1294)).grade, compute_grade(Rate(89, 215)).grade
    ('SANGAT_BAIK', 'KURANG')
    >>> compute_grade(Rate(0, 0)) is None
    True

    Raises:
        ScoringError: a value outside [0, 1], NaN, an infinity or not a number
            (``field="rate"``).
    """
    book = rulebook or Rulebook.default()
    value: Fraction | None
    if isinstance(rate, Rate):
        value = rate.as_fraction()
        if value is None:
            return None
    else:
        value = _exact(rate, "rate", "GRADE-KURANG")
        if not 0 <= value <= 1:
            raise ScoringError(
                Message(
                    "GRADE-KURANG.rate-0-1-got", "a rate is in [0, 1], got {rate}", rate=str(rate)
                ),
                rule="GRADE-KURANG",
                field="rate",
            )
    return next((row for row in book.grades if value >= Fraction(row.min_rate)), None)
