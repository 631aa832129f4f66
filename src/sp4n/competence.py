"""The competence table — *pembagian urusan pemerintahan* — as typed, frozen rows.

The table answers the *what* of jurisdiction: a complaint category maps to the
government affair (*urusan*) and the level of government competent for it
under UU 23/2014 (absolute affairs → central, concurrent affairs → the level of
the annex matrix, general government → the regional head). The *where* (a
region code) then picks the concrete agency: see :mod:`sp4n.hierarchy`.

Rule: standard.md §6 [R]/[D]; the table and its decisions are
``data/competence.csv`` and ``data/competence.md`` (80 rows, each with its
source).

>>> table = CompetenceTable.default()
>>> rule = table.get("regency_road")
>>> (rule.level, rule.urusan, rule.sub_urusan)
(<Level.REGENCY_CITY: 'regency_city'>, 'Pekerjaan Umum dan Penataan Ruang', 'Jalan')
>>> table.get("electricity").central_body
'PT PLN (Persero)'
>>> [r.category for r in table.suggest("ada lubang, jalan berlubang sejak kemarin")][:1]
['regency_road']
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterator, Mapping
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Final

import attrs

from sp4n.errors import DataError, JurisdictionError

__all__ = [
    "AFFAIR_SEPARATOR",
    "CompetenceRule",
    "CompetenceTable",
    "Level",
    "competence_table",
]

AFFAIR_SEPARATOR: Final = " > "
"""Joins an *urusan* and its sub-affair in ``Agency.affairs``: ``"Kesehatan > Upaya Kesehatan"``."""

_CATEGORY_RE: Final = re.compile(r"^[a-z][a-z0-9_]*$")
_COLUMNS: Final = (
    "category",
    "label_id",
    "urusan",
    "sub_urusan",
    "level",
    "central_body",
    "examples",
    "source",
)


class Level(StrEnum):
    """Level of government competent for a category — *tingkat kewenangan*.

    Rule: standard.md §6 [R]; values are the ``level`` column of ``competence.csv``.
    ``SOE`` covers state-owned enterprises and national public bodies (BPJS).
    """

    CENTRAL = "central"
    PROVINCE = "province"
    REGENCY_CITY = "regency_city"
    VILLAGE = "village"
    SOE = "soe"

    @property
    def is_national_body(self) -> bool:
        """Whether competence rests with a named central body (``central`` or ``soe``)."""
        return self in {Level.CENTRAL, Level.SOE}


@attrs.frozen
class CompetenceRule:
    """One row of the competence table: a category and who is competent for it.

    Attributes:
        category: Stable snake_case code, e.g. ``regency_road``.
        label_id: Short Indonesian label, e.g. ``Jalan Kabupaten/Kota``.
        urusan: The government affair (UU 23/2014 bidang name, ``absolut:<name>``,
            ``umum`` or ``penunjang:<name>``).
        sub_urusan: The annex sub-affair, or ``None`` when the topic is not in the annex.
        level: The competent level.
        central_body: The competent central body or SOE, for ``central``/``soe`` rows only.
        examples: Indonesian keywords, for suggestion only (a person still chooses).
        source: Short citation; ``[inferred]``/``[ambiguous]`` mark a decision of sp4n.
    """

    category: str
    label_id: str
    urusan: str
    sub_urusan: str | None
    level: Level
    central_body: str | None
    examples: tuple[str, ...]
    source: str

    @property
    def inferred(self) -> bool:
        """Whether the row is a decision of sp4n rather than a fact read in the source."""
        return "[inferred]" in self.source or "[ambiguous]" in self.source

    @property
    def affair_keys(self) -> tuple[str, ...]:
        """The ``affairs`` entries of a unit that handles this row, most specific first.

        >>> CompetenceTable.default().get("fire_service").affair_keys[0]
        'Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat > Kebakaran'
        """
        if self.sub_urusan:
            return (f"{self.urusan}{AFFAIR_SEPARATOR}{self.sub_urusan}", self.urusan)
        return (self.urusan,)


def _row_error(line: int, message: str, field: str | None = None) -> DataError:
    return DataError(f"competence table line {line}: {message}", rule="COMPETENCE", field=field)


def _parse_row(line: int, row: Mapping[str, str | None]) -> CompetenceRule:
    values = {key: (row.get(key) or "").strip() for key in _COLUMNS}
    if not _CATEGORY_RE.match(values["category"]):
        raise _row_error(line, f"bad category {values['category']!r}", "category")
    try:
        level = Level(values["level"])
    except ValueError:
        raise _row_error(line, f"unknown level {values['level']!r}", "level") from None
    body = values["central_body"] or None
    if level.is_national_body != (body is not None):
        msg = "central_body is given exactly for central/soe rows"
        raise _row_error(line, msg, "central_body")
    if not values["urusan"] or not values["label_id"]:
        raise _row_error(line, "urusan and label_id are required", "urusan")
    return CompetenceRule(
        category=values["category"],
        label_id=values["label_id"],
        urusan=values["urusan"],
        sub_urusan=values["sub_urusan"] or None,
        level=level,
        central_body=body,
        examples=tuple(e.strip() for e in values["examples"].split(";") if e.strip()),
        source=values["source"],
    )


class CompetenceTable:
    """The category → affair → level table, validated at load and read-only.

    Build it with :meth:`default` (the embedded table), :meth:`from_csv` or
    :meth:`from_file` (an integrator's own table with the same columns).

    Raises:
        DataError: on load, for a missing column, a bad category code, an
            unknown level, a ``central_body`` on a regional row (or none on a
            central one), or a duplicate category (rule COMPETENCE).
    """

    __slots__ = ("_keywords", "_rows")

    def __init__(self, rules: tuple[CompetenceRule, ...]) -> None:
        rows: dict[str, CompetenceRule] = {}
        for rule in rules:
            if rule.category in rows:
                msg = f"duplicate category {rule.category!r}"
                raise DataError(msg, rule="COMPETENCE", field="category")
            rows[rule.category] = rule
        self._rows: Mapping[str, CompetenceRule] = MappingProxyType(rows)
        # Keyword matchers compiled once at load, not per suggest() call.
        self._keywords: tuple[tuple[int, CompetenceRule, tuple[_Keyword, ...]], ...] = tuple(
            (index, rule, tuple(_Keyword.of(kw) for kw in rule.examples))
            for index, rule in enumerate(rows.values())
            if rule.examples
        )

    @classmethod
    def from_csv(cls, text: str) -> CompetenceTable:
        """A table from CSV text with the columns of ``competence.csv``."""
        reader = csv.DictReader(io.StringIO(text))
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            msg = f"competence table lacks columns {missing}"
            raise DataError(msg, rule="COMPETENCE")
        return cls(tuple(_parse_row(n, row) for n, row in enumerate(reader, start=2)))

    @classmethod
    def from_file(cls, path: str | Path) -> CompetenceTable:
        """A table from a CSV file (UTF-8).

        Raises:
            DataError: the file cannot be read, is not UTF-8, or holds an invalid table.
        """
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            msg = f"cannot read competence table {path}: {exc.strerror}"
            raise DataError(msg, rule="COMPETENCE") from None
        except UnicodeDecodeError as exc:
            msg = f"competence table {path} is not UTF-8 (byte {exc.start}: {exc.reason})"
            raise DataError(msg, rule="COMPETENCE") from None
        return cls.from_csv(text)

    @classmethod
    def default(cls) -> CompetenceTable:
        """The embedded table (``data/competence.csv``), loaded once."""
        return _default_table()

    def __iter__(self) -> Iterator[CompetenceRule]:
        return iter(self._rows.values())

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, category: object) -> bool:
        return category in self._rows

    def __repr__(self) -> str:
        return f"CompetenceTable({len(self)} categories)"

    @property
    def categories(self) -> tuple[str, ...]:
        """Every category code, in table order."""
        return tuple(self._rows)

    def find(self, category: str) -> CompetenceRule | None:
        """The row for ``category``, or ``None`` if the table has no such category.

        Anything that is not a string is no category of the table: ``None``.
        """
        return self._rows.get(category) if isinstance(category, str) else None

    def get(self, category: str) -> CompetenceRule:
        """The row for ``category``.

        Raises:
            DataError: ``category`` is not a string.
            JurisdictionError: no such category (a ``LookupError``, like
                :class:`~sp4n.errors.UnknownAgency` from ``AgencyGraph.get``;
                rule COMPETENCE-CATEGORY, field ``category``).

        >>> CompetenceTable.default().get("no_such_topic")
        Traceback (most recent call last):
        ...
        sp4n.errors.JurisdictionError: unknown category 'no_such_topic'
        """
        _require(category, str, "a category", rule="COMPETENCE-CATEGORY", field="category")
        rule = self._rows.get(category)
        if rule is None:
            msg = f"unknown category {category!r}"
            raise JurisdictionError(msg, rule="COMPETENCE-CATEGORY", field="category")
        return rule

    def by_level(self, level: Level) -> tuple[CompetenceRule, ...]:
        """The rows of one level, in table order."""
        return tuple(r for r in self._rows.values() if r.level is level)

    def central_bodies(self) -> frozenset[str]:
        """The names in the ``central_body`` column (the bodies a hierarchy must hold)."""
        return frozenset(r.central_body for r in self._rows.values() if r.central_body)

    def suggest(self, text: str, *, limit: int = 5) -> tuple[CompetenceRule, ...]:
        """Rows whose example keywords occur in ``text``, best first.

        A suggestion only: the table's examples are keywords, not a classifier,
        and a person still chooses the category (competence.md). Rows are
        ranked by the number of matched keywords, then by the longest match,
        then by table order.

        Raises:
            DataError: ``text`` is not a string, or ``limit`` is not a
                non-negative integer.
        """
        _require(text, str, "the text", rule="COMPETENCE", field="text")
        _require(limit, int, "limit", rule="COMPETENCE", field="limit")
        if limit < 0:
            msg = f"limit must not be negative, got {limit}"
            raise DataError(msg, rule="COMPETENCE", field="limit")
        lowered = text.casefold()
        scored: list[tuple[int, int, int, CompetenceRule]] = []
        for index, rule, keywords in self._keywords:
            hits = [kw.length for kw in keywords if kw.found_in(lowered)]
            if hits:
                scored.append((-len(hits), -max(hits), index, rule))
        scored.sort(key=lambda item: item[:3])
        return tuple(item[3] for item in scored[:limit])


def _require(value: object, kind: type, what: str, *, rule: str, field: str) -> None:
    """Refuse a value of the wrong type with a DataError (``bool`` is no ``int`` here)."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        msg = f"{what} must be a {kind.__name__}, not {type(value).__name__}"
        raise DataError(msg, rule=rule, field=field)


@attrs.frozen
class _Keyword:
    """An example keyword and its whole-word matcher, compiled once."""

    text: str
    length: int
    pattern: re.Pattern[str]

    @classmethod
    def of(cls, keyword: str) -> _Keyword:
        folded = keyword.casefold()
        return cls(folded, len(keyword), re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)"))

    def found_in(self, lowered: str) -> bool:
        # The substring test is a cheap filter; the pattern checks word boundaries.
        return self.text in lowered and self.pattern.search(lowered) is not None


@functools.cache
def _default_table() -> CompetenceTable:
    text = resources.files("sp4n").joinpath("data/competence.csv").read_text("utf-8")
    return CompetenceTable.from_csv(text)


def competence_table() -> CompetenceTable:
    """The embedded competence table (same as :meth:`CompetenceTable.default`)."""
    return _default_table()
