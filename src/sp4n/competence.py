"""The competence table — *pembagian urusan pemerintahan* — as typed, frozen rows.

The table answers the *what* of jurisdiction: a complaint category maps to the
government affair (*urusan*) and the level of government competent for it
under UU 23/2014 (absolute affairs → central, concurrent affairs → the level of
the annex matrix, general government → the regional head). The *where* (a
region code) then picks the concrete agency: see [`sp4n.hierarchy`][sp4n.hierarchy].

Rule: standard.md §6 [R]/[D]; the table and its decisions are
``data/competence.csv`` and ``data/competence.md`` (80 categories, each row
with its source; former rows in ``data/competence_history.csv``). Rows carry
``valid_from``/``valid_until`` (rule
ROUTE-BY-DATE): bodies were created and renamed (Perpres 139/2024 from
21 October 2024, Kementerian Haji dan Umrah from 8 September 2025), so a
category may have several dated rows and a report is routed by the row in
force on its submission date.

>>> table = CompetenceTable.default()
>>> rule = table.get("regency_road")
>>> (rule.level, rule.urusan, rule.sub_urusan)
(<Level.REGENCY_CITY: 'regency_city'>, 'Pekerjaan Umum dan Penataan Ruang', 'Jalan')
>>> table.get("electricity").central_body
'PT PLN (Persero)'
>>> [r.category for r in table.suggest("ada lubang, jalan berlubang sejak kemarin")][:1]
['regency_road']
>>> from datetime import date, timedelta
>>> table.get("hajj_umrah", on=date(2023, 6, 1)).central_body  # before Perpres 92/2025
'Kementerian Agama'
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Final

import attrs

from sp4n.errors import DataError, JurisdictionError
from sp4n.i18n import Message

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
_DATE_COLUMNS: Final = ("valid_from", "valid_until")
"""Optional columns: an integrator's table without them has rows valid on every day."""


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
        valid_from: First day the row applies (``None``: always did). Rule ROUTE-BY-DATE.
        valid_until: Last day the row applies (``None``: still in force).
    """

    category: str
    label_id: str
    urusan: str
    sub_urusan: str | None
    level: Level
    central_body: str | None
    examples: tuple[str, ...]
    source: str
    valid_from: date | None = None
    valid_until: date | None = None

    def in_force_on(self, day: date | None) -> bool:
        """Whether the row applies on ``day`` (``None``: the rows in force now, never ended)."""
        if day is None:
            return self.valid_until is None
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

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
    return DataError(
        Message(
            "COMPETENCE.competence-table-line-line",
            "competence table line {line}: {message}",
            line=str(line),
            message=str(message),
        ),
        rule="COMPETENCE",
        field=field,
    )


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
    dates: dict[str, date | None] = {}
    for key in _DATE_COLUMNS:
        raw = (row.get(key) or "").strip()
        try:
            dates[key] = date.fromisoformat(raw) if raw else None
        except ValueError:
            raise _row_error(line, f"{key} is not a YYYY-MM-DD date: {raw!r}", key) from None
    start, end = dates["valid_from"], dates["valid_until"]
    if start is not None and end is not None and end < start:
        raise _row_error(line, "valid_until is before valid_from", "valid_until")
    return CompetenceRule(
        category=values["category"],
        label_id=values["label_id"],
        urusan=values["urusan"],
        sub_urusan=values["sub_urusan"] or None,
        level=level,
        central_body=body,
        examples=tuple(e.strip() for e in values["examples"].split(";") if e.strip()),
        source=values["source"],
        valid_from=start,
        valid_until=end,
    )


def _overlap(a: CompetenceRule, b: CompetenceRule) -> bool:
    """Whether two rows of one category are in force on a common day."""
    a_start, b_start = a.valid_from or date.min, b.valid_from or date.min
    a_end, b_end = a.valid_until or date.max, b.valid_until or date.max
    return a_start <= b_end and b_start <= a_end


class CompetenceTable:
    """The category → affair → level table, validated at load and read-only.

    Build it with [`default`][sp4n.competence.CompetenceTable.default] (the embedded table),
    [`from_csv`][sp4n.competence.CompetenceTable.from_csv] or
    [`from_file`][sp4n.competence.CompetenceTable.from_file] (an integrator's own table with the
    same columns).

    Iteration, [`categories`][sp4n.competence.CompetenceTable.categories],
    [`by_level`][sp4n.competence.CompetenceTable.by_level] and
    [`suggest`][sp4n.competence.CompetenceTable.suggest] see the
    rows in force now; [`find`][sp4n.competence.CompetenceTable.find] and
    [`get`][sp4n.competence.CompetenceTable.get] take ``on=`` for a past
    day, and [`history`][sp4n.competence.CompetenceTable.history] gives every dated row of a
    category.

    Raises:
        DataError: on load, for a missing column, a bad category code, an
            unknown level, a ``central_body`` on a regional row (or none on a
            central one), a bad date, or two rows of one category in force on
            the same day (rule COMPETENCE).
    """

    __slots__ = ("_history", "_keywords", "_rows")

    def __init__(self, rules: tuple[CompetenceRule, ...]) -> None:
        history: dict[str, list[CompetenceRule]] = {}
        for rule in rules:
            versions = history.setdefault(rule.category, [])
            if any(_overlap(rule, other) for other in versions):
                raise DataError(
                    Message(
                        "COMPETENCE.duplicate-category-category-two",
                        "duplicate category {category} (two rows in force on one day)",
                        category=repr(rule.category),
                    ),
                    rule="COMPETENCE",
                    field="category",
                )
            versions.append(rule)
        rows: dict[str, CompetenceRule] = {}
        for category, versions in history.items():
            current = [r for r in versions if r.valid_until is None]
            # A category whose rows all ended is kept with its latest row (never dropped).
            rows[category] = current[0] if current else max(versions, key=_last_day)
        self._history: Mapping[str, tuple[CompetenceRule, ...]] = MappingProxyType(
            {c: tuple(sorted(v, key=_first_day)) for c, v in history.items()}
        )
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
            raise DataError(
                Message(
                    "COMPETENCE.competence-table-lacks-columns",
                    "competence table lacks columns {missing}",
                    missing=str(missing),
                ),
                rule="COMPETENCE",
            )
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
            raise DataError(
                Message(
                    "COMPETENCE.cannot-read-competence-table",
                    "cannot read competence table {path}: {strerror}",
                    path=str(path),
                    strerror=str(exc.strerror),
                ),
                rule="COMPETENCE",
            ) from None
        except UnicodeDecodeError as exc:
            raise DataError(
                Message(
                    "COMPETENCE.competence-table-path-utf",
                    "competence table {path} is not UTF-8 (byte {start}: {reason})",
                    path=str(path),
                    start=str(exc.start),
                    reason=str(exc.reason),
                ),
                rule="COMPETENCE",
            ) from None
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

    def find(self, category: str, *, on: date | None = None) -> CompetenceRule | None:
        """The row for ``category`` in force ``on`` a day, or ``None`` if there is none.

        Rule ROUTE-BY-DATE, standard.md intro: a report is judged by the rules
        in force on its submission day. ``on=None`` gives the current row. A
        day before a category's first row (or after its last) gives the
        nearest row, so an old report of a category is still routed.
        Anything that is not a string is no category of the table: ``None``.
        """
        given: object = category  # callers may pass anything at run time
        if not isinstance(given, str):
            return None
        if on is None:
            return self._rows.get(category)
        versions = self._history.get(category, ())
        for rule in versions:
            if rule.in_force_on(on):
                return rule
        if not versions:
            return None
        return versions[0] if on < _first_day(versions[0]) else versions[-1]

    def history(self, category: str) -> tuple[CompetenceRule, ...]:
        """Every dated row of ``category``, oldest first (empty for an unknown category)."""
        given: object = category
        return self._history.get(category, ()) if isinstance(given, str) else ()

    def get(self, category: str, *, on: date | None = None) -> CompetenceRule:
        """The row for ``category`` (in force ``on`` a day, default today's).

        Raises:
            DataError: ``category`` is not a string.
            JurisdictionError: no such category (a ``LookupError``, like
                [`UnknownAgency`][sp4n.errors.UnknownAgency] from ``AgencyGraph.get``;
                rule COMPETENCE-CATEGORY, field ``category``).

        >>> CompetenceTable.default().get("no_such_topic")
        Traceback (most recent call last):
        ...
        sp4n.errors.JurisdictionError: unknown category 'no_such_topic'
        """
        _require(category, str, "a category", rule="COMPETENCE-CATEGORY", field="category")
        rule = self.find(category, on=on)
        if rule is None:
            raise JurisdictionError(
                Message(
                    "COMPETENCE-CATEGORY.unknown-category-category",
                    "unknown category {category}",
                    category=repr(category),
                ),
                rule="COMPETENCE-CATEGORY",
                field="category",
            )
        return rule

    def by_level(self, level: Level) -> tuple[CompetenceRule, ...]:
        """The rows of one level, in table order."""
        return tuple(r for r in self._rows.values() if r.level is level)

    def central_bodies(self) -> frozenset[str]:
        """The names in the ``central_body`` column, of every dated row (a hierarchy holds them)."""
        return frozenset(
            r.central_body for rows in self._history.values() for r in rows if r.central_body
        )

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
            raise DataError(
                Message(
                    "COMPETENCE.limit-negative-got-limit",
                    "limit must not be negative, got {limit}",
                    limit=str(limit),
                ),
                rule="COMPETENCE",
                field="limit",
            )
        lowered = text.casefold()
        scored: list[tuple[int, int, int, CompetenceRule]] = []
        for index, rule, keywords in self._keywords:
            hits = [kw.length for kw in keywords if kw.found_in(lowered)]
            if hits:
                scored.append((-len(hits), -max(hits), index, rule))
        scored.sort(key=lambda item: item[:3])
        return tuple(item[3] for item in scored[:limit])


def _first_day(rule: CompetenceRule) -> date:
    return rule.valid_from or date.min


def _last_day(rule: CompetenceRule) -> date:
    return rule.valid_until or date.max


def _require(value: object, kind: type, what: str, *, rule: str, field: str) -> None:
    """Refuse a value of the wrong type with a DataError (``bool`` is no ``int`` here)."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise DataError(
            Message(
                "error.competence.what-name-type",
                "{what} must be a {name}, not {type}",
                what=str(what),
                name=str(kind.__name__),
                type=str(type(value).__name__),
            ),
            rule=rule,
            field=field,
        )


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
    """The spec's table (``competence.csv``) plus the former rows (``competence_history.csv``).

    Rule ROUTE-BY-DATE: a former row ends on its ``valid_until``; the spec's
    row of that category starts the next day.
    """
    data = resources.files("sp4n").joinpath("data")
    current = CompetenceTable.from_csv(data.joinpath("competence.csv").read_text("utf-8"))
    former = CompetenceTable.from_csv(data.joinpath("competence_history.csv").read_text("utf-8"))
    rows: list[CompetenceRule] = []
    for rule in current:
        ends = [r.valid_until for r in former.history(rule.category) if r.valid_until]
        start = max(ends) + timedelta(days=1) if ends else None
        rows.append(attrs.evolve(rule, valid_from=start))
    rows.extend(r for c in former.categories for r in former.history(c))
    return CompetenceTable(tuple(rows))


def competence_table() -> CompetenceTable:
    """The embedded competence table (same as `CompetenceTable.default`)."""
    return _default_table()
