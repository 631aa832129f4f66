"""The standard's rules as versioned data — *aturan*.

Every rule of ``standard.md`` that code acts on (statuses, the transition
table, deadlines, settings that are our decisions, indicator formulas, grade
thresholds, maturity levels) is a row in ``data/rulebook.json`` with a rule id,
a source key and the date from which it applies. The regulation changed over
time (Permenpan 24/2014 → 62/2018 → Permen PANRB 5/2025), so a complaint is
judged by the rules in force on the day it was submitted:
[`Rulebook.for_date`][sp4n.rulebook.Rulebook.for_date].

Engines (lifecycle, SLA, scoring) read only from a [`Rulebook`][sp4n.rulebook.Rulebook]; nothing
else in the library hard-codes a deadline or a transition. Every [D] rule is a
row that an integrator overrides without editing package data:

>>> rb = Rulebook.default()
>>> rb.deadline("SLA-VERIFY").limit
3
>>> rb.settings.hop_limit
3
>>> rb.with_overrides({"ROUTE-HOP-LIMIT": {"value": 5}}).settings.hop_limit
5
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal, Self, TypeVar

import attrs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from sp4n._errors_util import first_error
from sp4n._guards import boundary
from sp4n.errors import ConfigError
from sp4n.i18n import Message
from sp4n.vocabulary import EventKind, ExaminationFlag, ReportType, Role, Stage, Status

__all__ = [
    "ActorScope",
    "CheckRule",
    "DeadlineRule",
    "GradeRule",
    "IndicatorRule",
    "MaturityRule",
    "Rulebook",
    "Settings",
    "StatusRule",
    "TransitionRule",
]

ActorScope = Literal["any", "assigned", "ancestor", "own"]
"""Which reports a role may act on: ``any``; ``assigned`` (dispatched to the
actor's agency or its units); ``ancestor`` (the actor's agency is an ancestor of
the agency that declared itself not competent); ``own`` (the reporter's own)."""

ClockStart = Literal["submission", "dispatch", "last_follow_up", "hold", "incident"]
EscalationTarget = Literal["agency_admin", "parent_agency", "national_admin"]
SettingKey = Literal[
    "reopen_enabled",
    "reopen_window_working_days",
    "hop_limit",
    "anonymous_identity_visible_to_agency",
    "filing_window_mode",
    "tracking_id_min_digits",
    "tracking_id_max_digits",
    "working_week_days",
    "ranking_min_count",
    "ranking_wilson_z",
    "rate_display_decimals",
    "publish_unverified",
    "escalation_horizon_working_days",
    "activity_window_months",
    "information_request_clock",
    "count_undispatched_by_routing",
    "monev_exclude_deleted",
    "nik_district_mode",
    "phone_prefix_mode",
    "phone_service_numbers",
    "phone_extension_mode",
]
RuleId = Annotated[str, Field(pattern=r"^[A-Z0-9][A-Z0-9-]*[A-Z0-9]$")]


class _Row(BaseModel):
    """A rulebook row: what every rule carries."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    rule: RuleId
    source: str
    valid_from: date
    valid_until: date | None = None
    note: str | None = None

    def in_force_on(self, day: date) -> bool:
        """Whether this row applies on ``day`` (both ends inclusive)."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class StatusRule(_Row):
    """A status of the lifecycle and whether it is final. Rule: standard.md §4."""

    status: Status
    final: bool


class TransitionRule(_Row):
    """One row of the transition table: event, from-statuses, to-status, actors.

    Rule: standard.md §4. ``actors`` maps each role allowed to trigger the
    event to its scope ([`ActorScope`][sp4n.rulebook.ActorScope]). ``enabled_by`` names a boolean
    setting that switches a [D] transition on (e.g. reopening).
    ``entered_from``, when given, limits the row to reports that entered their
    current status from one of these statuses: completing a report held before
    verification returns it to SUBMITTED (LC-COMPLETE), one held by the agency
    after dispatch returns it to DISPATCHED (LC-COMPLETE-AGENCY).
    """

    event: EventKind
    from_statuses: tuple[Status, ...] = Field(alias="from")
    to: Status
    actors: Mapping[Role, ActorScope]
    enabled_by: SettingKey | None = None
    entered_from: tuple[Status, ...] = ()

    def applies_after(self, entered_from: Status | None) -> bool:
        """Whether the row applies to a report that entered its status from ``entered_from``."""
        return not self.entered_from or entered_from in self.entered_from

    @field_validator("actors")
    @classmethod
    def _has_actors(cls, value: Mapping[Role, ActorScope]) -> Mapping[Role, ActorScope]:
        if not value:
            msg = "a transition needs at least one actor"
            raise ValueError(msg)
        return value


class DeadlineRule(_Row):
    """A deadline: stage, limit, unit and when its clock starts. Rule: standard.md §5.

    A row with ``report_type`` (and ``examination``) applies only to such
    reports; one without applies to all. A row with ``when`` applies only
    while those settings have those values: the information-request clock of
    UU 14/2008 replaces the LAPOR! one when ``information_request_clock`` is
    ``"UU-14/2008"`` (rule SLA-RESOLVE-INFORMATION-UU14).
    """

    stage: Stage
    limit: int = Field(ge=0)
    unit: Literal["working_days", "calendar_days"]
    clock: ClockStart
    report_type: ReportType | None = None
    examination: ExaminationFlag | None = None
    paused_in: tuple[Status, ...] = ()
    escalation: tuple[EscalationTarget, ...] = ()
    when: Mapping[SettingKey, bool | int | str] = Field(default_factory=dict)

    def applies_to(self, report_type: ReportType, examination: ExaminationFlag) -> bool:
        """Whether this deadline applies to a report of that type and flag."""
        return (self.report_type is None or self.report_type == report_type) and (
            self.examination is None or self.examination == examination
        )


class _SettingRow(_Row):
    key: SettingKey
    value: bool | int | str


class IndicatorRule(_Row):
    """A monev indicator's formula with its citation. Rule: standard.md §7."""

    indicator: str
    label_id: str
    numerator: str
    denominator: str
    numerator_statuses: tuple[Status, ...] = ()


class GradeRule(_Row):
    """A Kemendagri-style grade and the lowest rate that earns it. Rule: §7 [D]."""

    grade: str
    label_id: str
    min_rate: Decimal = Field(ge=0, le=1)


class MaturityRule(_Row):
    """An SPBE maturity level and the capabilities it adds. Rule: §7 [R] (SPBE)."""

    level: int = Field(ge=1, le=5)
    label_id: str
    requires: tuple[str, ...]


class CheckRule(_Row):
    """A validation, privacy or integrity check with its citation (rule ids raised as errors).

    These rules are not tunable numbers, but every error's ``rule`` names one, so
    an integrator can trace a refusal back to its source (STYLE: rules as data).
    """

    description: str


class _RulebookFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    description: str = ""
    sources: Mapping[str, str]
    statuses: tuple[StatusRule, ...]
    transitions: tuple[TransitionRule, ...]
    deadlines: tuple[DeadlineRule, ...]
    settings: tuple[_SettingRow, ...]
    indicators: tuple[IndicatorRule, ...] = ()
    grades: tuple[GradeRule, ...] = ()
    maturity: tuple[MaturityRule, ...] = ()
    checks: tuple[CheckRule, ...] = ()

    @model_validator(mode="after")
    def _check_references(self) -> Self:
        seen: set[tuple[str, date]] = set()
        for row in _all_rows(self):
            if row.source not in self.sources:
                msg = f"rule {row.rule}: unknown source key {row.source!r}"
                raise ValueError(msg)
            key = (row.rule, row.valid_from)
            if key in seen:
                msg = f"rule {row.rule}: two rows valid from {row.valid_from}"
                raise ValueError(msg)
            seen.add(key)
        return self


def _all_rows(book: _RulebookFile) -> Iterable[_Row]:
    yield from book.statuses
    yield from book.transitions
    yield from book.deadlines
    yield from book.settings
    yield from book.indicators
    yield from book.grades
    yield from book.maturity
    yield from book.checks


_ROW_MODELS: Mapping[str, type[_Row]] = MappingProxyType(
    {
        "statuses": StatusRule,
        "transitions": TransitionRule,
        "deadlines": DeadlineRule,
        "settings": _SettingRow,
        "indicators": IndicatorRule,
        "grades": GradeRule,
        "maturity": MaturityRule,
        "checks": CheckRule,
    }
)
"""Section of the rulebook file → the model of its rows."""


def _check_row(model: type[_Row], row: Mapping[str, object], rule_id: str) -> None:
    """Validate one overridden row strictly, as JSON (no "14" for 14); name the rule if not."""
    try:
        model.model_validate_json(json.dumps(row, default=str), strict=True)
    except ValidationError as exc:
        where, problem = first_error(exc)
        raise ConfigError(
            Message(
                "error.rulebook.override-rule-id-where",
                "override of {rule_id}: {where}: {problem}",
                rule_id=str(rule_id),
                where=str(where),
                problem=str(problem),
            ),
            rule=rule_id,
            field=where,
        ) from exc


@attrs.frozen
class Settings:
    """The scalar decisions of the rulebook, typed. Each is a [D] rule with its id.

    Attributes:
        reopen_enabled: LC-REOPEN-ENABLED — may a closed report be reopened.
        reopen_window_working_days: LC-REOPEN-WINDOW.
        hop_limit: ROUTE-HOP-LIMIT — NOT_COMPETENT forwards before the national
            admin must dispatch.
        anonymous_identity_visible_to_agency: PRIV-ANON-AGENCY.
        filing_window_mode: FILING-WINDOW-MODE — ``warn`` or ``reject``.
        tracking_id_min_digits: TRACKING-ID-MIN-DIGITS.
        tracking_id_max_digits: TRACKING-ID-MAX-DIGITS.
        working_week_days: CAL-WEEK-DAYS — 5 or 6.
        ranking_min_count: RANK-MIN-COUNT.
        ranking_wilson_z: RANK-WILSON-Z.
        rate_display_decimals: RATE-DISPLAY-DECIMALS.
        publish_unverified: PRIV-PUBLISH-UNVERIFIED — may the public see a report
            before verification (default no).
        escalation_horizon_working_days: ESC-HORIZON — list stages due within this
            many working days for escalation.
        activity_window_months: IND-ACTIVITY-WINDOW — the "last month" of activity.
        information_request_clock: SLA-INFORMATION-CLOCK — ``LAPOR`` (5 working
            days) or ``UU-14/2008`` (10 working days, the formal public-information clock).
        count_undispatched_by_routing: IND-COUNT-UNDISPATCHED — count a report with
            no target and no dispatch for the agency routing resolves it to.
        monev_exclude_deleted: IND-EXCLUDE-DELETED — leave reports the national admin
            deleted out of the denominators of the status shares.
        nik_district_mode: ID-NIK-DISTRICT — ``warn`` or ``reject`` an unknown district.
        phone_prefix_mode: ID-PHONE-PREFIX — ``warn`` or ``reject`` an unallocated
            mobile prefix.
        phone_service_numbers: ID-PHONE-SERVICE — ``reject`` or ``accept`` call-centre,
            toll-free and short service numbers as a reporter's own number.
        phone_extension_mode: ID-PHONE-EXTENSION — ``reject`` a number with an
            extension, or ``keep`` it (stored as ``+62…;ext=…``, RFC 3966).
    """

    reopen_enabled: bool
    reopen_window_working_days: int
    hop_limit: int
    anonymous_identity_visible_to_agency: bool
    filing_window_mode: Literal["warn", "reject"]
    tracking_id_min_digits: int
    tracking_id_max_digits: int
    working_week_days: Literal[5, 6]
    ranking_min_count: int
    ranking_wilson_z: Decimal
    rate_display_decimals: int
    publish_unverified: bool
    escalation_horizon_working_days: int
    activity_window_months: int
    information_request_clock: Literal["LAPOR", "UU-14/2008"]
    count_undispatched_by_routing: bool
    monev_exclude_deleted: bool
    nik_district_mode: Literal["warn", "reject"]
    phone_prefix_mode: Literal["warn", "reject"]
    phone_service_numbers: Literal["reject", "accept"]
    phone_extension_mode: Literal["reject", "keep"]


_R = TypeVar("_R", bound=_Row)


def _select(rows: Iterable[_R], day: date | None) -> tuple[_R, ...]:
    """The row of each rule id in force on ``day`` (latest ``valid_from`` wins)."""
    chosen: dict[str, _R] = {}
    for row in rows:
        ok = row.valid_until is None if day is None else row.in_force_on(day)
        if ok and (row.rule not in chosen or chosen[row.rule].valid_from < row.valid_from):
            chosen[row.rule] = row
    return tuple(chosen.values())


def _build_settings(rows: Iterable[_SettingRow]) -> Settings:
    """The typed settings; a value of the wrong type is a ConfigError naming its rule."""
    chosen = tuple(rows)
    rules = {row.key: row.rule for row in chosen}
    try:
        return _typed_settings(chosen)
    except ConfigError as exc:
        if exc.rule is None and exc.field in rules:
            raise ConfigError(exc.message, rule=rules[exc.field], field=exc.field) from exc
        raise


def _typed_settings(rows: Iterable[_SettingRow]) -> Settings:
    values: dict[str, Any] = {row.key: row.value for row in rows}
    fields = {f.name: f for f in attrs.fields(Settings)}
    missing = sorted(set(fields) - set(values))
    if missing:
        raise ConfigError(
            Message(
                "RULEBOOK.rulebook-lacks-settings-force",
                "rulebook lacks settings in force: {join}",
                join=str(", ".join(missing)),
            ),
            rule="RULEBOOK",
        )
    try:
        return Settings(
            reopen_enabled=_typed(values, "reopen_enabled", bool),
            reopen_window_working_days=_typed(values, "reopen_window_working_days", int),
            hop_limit=_typed(values, "hop_limit", int),
            anonymous_identity_visible_to_agency=_typed(
                values, "anonymous_identity_visible_to_agency", bool
            ),
            filing_window_mode=_choice(values, "filing_window_mode", ("warn", "reject")),
            tracking_id_min_digits=_typed(values, "tracking_id_min_digits", int),
            tracking_id_max_digits=_typed(values, "tracking_id_max_digits", int),
            working_week_days=_choice(values, "working_week_days", (5, 6)),
            ranking_min_count=_typed(values, "ranking_min_count", int),
            ranking_wilson_z=Decimal(str(values["ranking_wilson_z"])),
            rate_display_decimals=_typed(values, "rate_display_decimals", int),
            publish_unverified=_typed(values, "publish_unverified", bool),
            escalation_horizon_working_days=_typed(values, "escalation_horizon_working_days", int),
            activity_window_months=_typed(values, "activity_window_months", int),
            information_request_clock=_choice(
                values, "information_request_clock", ("LAPOR", "UU-14/2008")
            ),
            count_undispatched_by_routing=_typed(values, "count_undispatched_by_routing", bool),
            monev_exclude_deleted=_typed(values, "monev_exclude_deleted", bool),
            nik_district_mode=_choice(values, "nik_district_mode", ("warn", "reject")),
            phone_prefix_mode=_choice(values, "phone_prefix_mode", ("warn", "reject")),
            phone_service_numbers=_choice(values, "phone_service_numbers", ("reject", "accept")),
            phone_extension_mode=_choice(values, "phone_extension_mode", ("reject", "keep")),
        )
    except ArithmeticError as exc:
        raise ConfigError(
            Message(
                "RANK-WILSON-Z.setting-ranking-wilson-z",
                "setting ranking_wilson_z is not a number: {values}",
                values=repr(values["ranking_wilson_z"]),
            ),
            rule="RANK-WILSON-Z",
        ) from exc


_T = TypeVar("_T")

_HOLD_OUTER_DAYS = 30
"""UU 25/2009 Pasal 44: an incomplete complaint is deemed withdrawn after 30 days."""


def _check_hold_bound(deadlines: Iterable[DeadlineRule]) -> None:
    """Rule HOLD-WINDOW-BOUND: the hold window stays inside the statute's 30 days.

    A calendar-day window may be at most 30 days; a working-day window at most
    21 working days (21 × 7/5 ≈ 30 calendar days in weeks without holidays).
    """
    for row in deadlines:
        if row.stage is not Stage.HOLD_WINDOW:
            continue
        days = row.limit if row.unit == "calendar_days" else -(-row.limit * 7 // 5)
        if days > _HOLD_OUTER_DAYS:
            raise ConfigError(
                Message(
                    "HOLD-WINDOW-BOUND.rule-hold-window-limit",
                    "{rule}: a hold window of {limit} {unit} exceeds the 30 days after which UU "
                    "25/2009 Pasal 44 deems the complaint withdrawn [HOLD-WINDOW-BOUND]",
                    rule=str(row.rule),
                    limit=str(row.limit),
                    unit=str(row.unit),
                ),
                rule="HOLD-WINDOW-BOUND",
                field="limit",
            )


def _typed(values: Mapping[str, Any], key: str, kind: type[_T]) -> _T:
    value = values[key]
    # bool is an int subclass: an int setting must not accept true/false and vice versa.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(
            Message(
                "error.rulebook.setting-key-name-got",
                "setting {key} must be {name}, got {value}",
                key=str(key),
                name=str(kind.__name__),
                value=repr(value),
            ),
            field=key,
        )
    return value


def _choice(values: Mapping[str, Any], key: str, options: tuple[Any, ...]) -> Any:
    value = values[key]
    if value not in options or isinstance(value, bool):
        raise ConfigError(
            Message(
                "error.rulebook.setting-key-one-options",
                "setting {key} must be one of {options}, got {value}",
                key=str(key),
                options=str(options),
                value=repr(value),
            ),
            field=key,
        )
    return value


class Rulebook:
    """The rules in force, read by every engine. Immutable.

    Build one with [`default`][sp4n.rulebook.Rulebook.default],
    [`for_date`][sp4n.rulebook.Rulebook.for_date], [`from_file`][sp4n.rulebook.Rulebook.from_file]
    or
    [`with_overrides`][sp4n.rulebook.Rulebook.with_overrides]; never by editing package data.
    """

    __slots__ = (
        "_by_id",
        "_checks",
        "_deadlines",
        "_file",
        "_grades",
        "_indicators",
        "_maturity",
        "_on",
        "_settings",
        "_statuses",
        "_transitions",
    )

    def __init__(self, book: _RulebookFile, on: date | None = None) -> None:
        self._file = book
        self._on = on
        self._statuses = _select(book.statuses, on)
        self._transitions = _select(book.transitions, on)
        self._deadlines = _select(book.deadlines, on)
        self._indicators = _select(book.indicators, on)
        self._grades = tuple(
            sorted(_select(book.grades, on), key=lambda g: g.min_rate, reverse=True)
        )
        self._maturity = tuple(sorted(_select(book.maturity, on), key=lambda m: m.level))
        self._settings = _build_settings(_select(book.settings, on))
        self._checks = _select(book.checks, on)
        by_id: dict[str, _Row] = {}
        for rows in (
            self._statuses,
            self._transitions,
            self._deadlines,
            self._indicators,
            self._grades,
            self._maturity,
            self._checks,
            _select(book.settings, on),
        ):
            for row in rows:
                by_id[row.rule] = row
        self._by_id: Mapping[str, _Row] = MappingProxyType(by_id)
        missing = set(Status) - {s.status for s in self._statuses}
        if missing:
            raise ConfigError(
                Message(
                    "RULEBOOK.rulebook-has-no-status",
                    "rulebook has no status rule for {missing}",
                    missing=str(sorted(missing)),
                ),
                rule="RULEBOOK",
            )
        _check_hold_bound(self._deadlines)

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def default(cls) -> Rulebook:
        """The rules currently in force, from the package's rulebook (cached)."""
        return _default_book()

    @classmethod
    @boundary
    def for_date(cls, day: date) -> Rulebook:
        """The package rules in force on ``day``: judge a report by its submission date."""
        return cls(_package_file(), on=day)

    @classmethod
    def from_json(cls, text: str | bytes, *, on: date | None = None) -> Rulebook:
        """A rulebook from JSON text in the package file's format.

        Raises:
            ConfigError: the text is not a valid rulebook; the message names the row.
        """
        try:
            book = _RulebookFile.model_validate_json(text)
        except ValidationError as exc:
            where, problem = first_error(exc)
            raise ConfigError(
                Message(
                    "RULEBOOK.invalid-rulebook-where-problem",
                    "invalid rulebook at {where}: {problem}",
                    where=str(where),
                    problem=str(problem),
                ),
                rule="RULEBOOK",
                field=where,
            ) from exc
        return cls(book, on=on)

    @classmethod
    def from_file(cls, path: str | Path, *, on: date | None = None) -> Rulebook:
        """A rulebook from a JSON file of one's own (same format as the package's)."""
        try:
            text = Path(path).read_bytes()
        except OSError as exc:
            raise ConfigError(
                Message(
                    "RULEBOOK.cannot-read-rulebook-path",
                    "cannot read rulebook {path}: {strerror}",
                    path=str(path),
                    strerror=str(exc.strerror),
                ),
                rule="RULEBOOK",
            ) from exc
        return cls.from_json(text, on=on)

    @boundary
    def with_overrides(self, overrides: Mapping[str, Mapping[str, object]]) -> Rulebook:
        """A copy with single rules changed, e.g. ``{"SLA-FIRST-FOLLOW-UP": {"limit": 14}}``.

        Every row of the named rule is changed (all its dated versions), then the
        whole rulebook is validated again. Values are checked strictly, as in
        the JSON file: a limit is a JSON integer, not ``"14"`` or ``14.0``; a
        setting has the type of its setting.

        Raises:
            ConfigError: an unknown rule id, an unknown field, or a value of
                the wrong type or out of range; ``rule`` names the overridden
                rule and ``field`` the field.

        >>> Rulebook.default().with_overrides({"SLA-VERIFY": {"limit": "5"}})
        Traceback (most recent call last):
        sp4n.errors.ConfigError: override of SLA-VERIFY: limit: Input should be a valid integer
        """
        raw = self._file.model_dump(mode="json", by_alias=True)
        known = {row.rule for row in _all_rows(self._file)}
        for rule_id, changes in overrides.items():
            if rule_id not in known:
                raise ConfigError(
                    Message(
                        "error.rulebook.cannot-override-unknown-rule",
                        "cannot override unknown rule {rule_id}",
                        rule_id=repr(rule_id),
                    ),
                    rule=rule_id,
                )
            if not isinstance(changes, Mapping) or not all(isinstance(k, str) for k in changes):
                raise ConfigError(
                    Message(
                        "error.rulebook.override-rule-id-give",
                        "override of {rule_id}: give a mapping of field names to values",
                        rule_id=str(rule_id),
                    ),
                    rule=rule_id,
                )
            for name, section in raw.items():
                if not isinstance(section, list):
                    continue
                for row in section:
                    if row["rule"] == rule_id:
                        row.update(changes)
                        _check_row(_ROW_MODELS[name], row, rule_id)
        return Rulebook.from_json(json.dumps(raw, default=str), on=self._on)

    # -- queries ------------------------------------------------------------------------------

    @property
    def version(self) -> str:
        """Version of the rulebook file."""
        return self._file.version

    @property
    def on(self) -> date | None:
        """The date these rules are selected for; ``None`` for the latest rules."""
        return self._on

    @property
    def sources(self) -> Mapping[str, str]:
        """Source keys and what they cite."""
        return self._file.sources

    @property
    def settings(self) -> Settings:
        """The typed scalar decisions."""
        return self._settings

    @property
    def statuses(self) -> tuple[StatusRule, ...]:
        """Status rules in force."""
        return self._statuses

    @property
    def transitions(self) -> tuple[TransitionRule, ...]:
        """Transition table rows in force, including switched-off ones."""
        return self._transitions

    @property
    def deadlines(self) -> tuple[DeadlineRule, ...]:
        """Deadline rows in force."""
        return self._deadlines

    @property
    def indicators(self) -> tuple[IndicatorRule, ...]:
        """Indicator formulas in force."""
        return self._indicators

    @property
    def grades(self) -> tuple[GradeRule, ...]:
        """Grade thresholds, best grade first."""
        return self._grades

    @property
    def maturity(self) -> tuple[MaturityRule, ...]:
        """SPBE maturity levels, lowest first."""
        return self._maturity

    @property
    def checks(self) -> tuple[CheckRule, ...]:
        """Validation, privacy and integrity checks in force (the ids errors carry)."""
        return self._checks

    @property
    def setting_rules(self) -> tuple[str, ...]:
        """Rule ids of the settings in force (their values are in `settings`)."""
        return tuple(
            rule_id for rule_id, row in self._by_id.items() if isinstance(row, _SettingRow)
        )

    @boundary
    def rule(self, rule_id: str) -> StatusRule | TransitionRule | DeadlineRule | _Row:
        """The row in force for ``rule_id``.

        Raises:
            ConfigError: no such rule in force.
        """
        try:
            return self._by_id[rule_id]
        except KeyError:
            raise ConfigError(
                Message(
                    "error.rulebook.no-rule-rule-id",
                    "no rule {rule_id} in force in rulebook {version}",
                    rule_id=repr(rule_id),
                    version=str(self.version),
                ),
                rule=rule_id,
            ) from None

    @boundary
    def cite(self, rule_id: str) -> str:
        """``RULE-ID (source text)`` for messages and docs.

        >>> Rulebook.default().cite("SLA-VERIFY")  # doctest: +ELLIPSIS
        "SLA-VERIFY (LAPOR! FAQ and ...)"
        """
        row = self.rule(rule_id)
        return f"{row.rule} ({self.sources[row.source]})"

    def is_final(self, status: Status) -> bool:
        """Whether ``status`` accepts no further event (except a switched-on reopen)."""
        return next(s.final for s in self._statuses if s.status == status)

    def is_enabled(self, transition: TransitionRule) -> bool:
        """Whether a transition row is switched on by its setting (if it has one)."""
        if transition.enabled_by is None:
            return True
        return bool(getattr(self._settings, transition.enabled_by))

    @boundary
    def deadline(self, rule_id: str) -> DeadlineRule:
        """The deadline row ``rule_id``.

        Raises:
            ConfigError: no such deadline in force.
        """
        for row in self._deadlines:
            if row.rule == rule_id:
                return row
        raise ConfigError(
            Message(
                "error.rulebook.no-deadline-rule-rule",
                "no deadline rule {rule_id} in force",
                rule_id=repr(rule_id),
            ),
            rule=rule_id,
        )

    def deadlines_for(
        self, report_type: ReportType, examination: ExaminationFlag
    ) -> tuple[DeadlineRule, ...]:
        """The deadlines that apply to a report of that type and examination flag.

        Rows whose ``when`` settings do not match are left out (a selectable
        clock, e.g. SLA-RESOLVE-INFORMATION-UU14).

        >>> rb = Rulebook.default()
        >>> [d.limit for d in rb.deadlines_for(ReportType.INFORMATION_REQUEST,
        ...     ExaminationFlag.NO_EXAMINATION) if d.stage is Stage.RESOLUTION]
        [5]
        >>> uu14 = rb.with_overrides({"SLA-INFORMATION-CLOCK": {"value": "UU-14/2008"}})
        >>> [d.limit for d in uu14.deadlines_for(ReportType.INFORMATION_REQUEST,
        ...     ExaminationFlag.NO_EXAMINATION) if d.stage is Stage.RESOLUTION]
        [10]
        """
        return tuple(
            d
            for d in self._deadlines
            if d.applies_to(report_type, examination)
            and all(getattr(self._settings, k) == v for k, v in d.when.items())
        )

    def transition_to(
        self, event: EventKind, status: Status | None, entered_from: Status | None
    ) -> TransitionRule | None:
        """The first row taking ``event`` from ``status`` (entered from ``entered_from``).

        Actors and switches are not checked: this answers "which status does the
        table lead to", for replaying a history (SLA clocks, HISTORY-TRANSITION).
        """
        for row in self._transitions:
            if (
                row.event is event
                and (status in row.from_statuses or (status is None and not row.from_statuses))
                and row.applies_after(entered_from)
            ):
                return row
        return None


@functools.cache
def _package_file() -> _RulebookFile:
    text = resources.files("sp4n").joinpath("data/rulebook.json").read_bytes()
    return _RulebookFile.model_validate_json(text)


@functools.cache
def _default_book() -> Rulebook:
    return Rulebook(_package_file())
