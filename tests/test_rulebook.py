"""Tests of the versioned rulebook: loading, dating, overriding, and the spec's numbers."""

import json
from datetime import date
from pathlib import Path

import pytest

from sp4n.errors import ConfigError
from sp4n.rulebook import Rulebook
from sp4n.vocabulary import EventKind, ExaminationFlag, ReportType, Role, Stage, Status


@pytest.fixture(scope="module")
def book() -> Rulebook:
    return Rulebook.default()


@pytest.mark.parametrize(
    ("rule", "limit", "unit"),
    [
        ("SLA-VERIFY", 3, "working_days"),
        ("SLA-FIRST-FOLLOW-UP", 5, "working_days"),
        ("SLA-RESOLVE-ASPIRATION", 5, "working_days"),
        ("SLA-RESOLVE-INFORMATION", 5, "working_days"),
        ("SLA-RESOLVE-COMPLAINT", 14, "working_days"),
        ("SLA-RESOLVE-EXAMINATION", 60, "working_days"),
        ("SLA-REPLY-WINDOW", 10, "calendar_days"),
        ("SLA-HOLD-WINDOW", 10, "working_days"),
        ("FILING-WINDOW", 30, "calendar_days"),
    ],
)
def test_deadline_table_matches_spec(book: Rulebook, rule: str, limit: int, unit: str) -> None:
    """Every deadline of standard.md §5 is in the rulebook with the spec's number and unit."""
    row = book.deadline(rule)
    assert (row.limit, row.unit) == (limit, unit)


def test_resolution_deadline_depends_on_type_and_examination(book: Rulebook) -> None:
    """Exactly one resolution deadline applies to each report type and examination flag."""
    expected = {
        (ReportType.ASPIRATION, ExaminationFlag.NO_EXAMINATION): 5,
        (ReportType.INFORMATION_REQUEST, ExaminationFlag.NO_EXAMINATION): 5,
        (ReportType.COMPLAINT, ExaminationFlag.NO_EXAMINATION): 14,
        (ReportType.COMPLAINT, ExaminationFlag.NEEDS_EXAMINATION): 60,
    }
    for (kind, flag), limit in expected.items():
        rows = [d for d in book.deadlines_for(kind, flag) if d.stage is Stage.RESOLUTION]
        assert [r.limit for r in rows] == [limit]


def test_final_statuses_match_spec(book: Rulebook) -> None:
    """The four closed/archived/deleted statuses, and only they, are final (§4)."""
    final = {s for s in Status if book.is_final(s)}
    assert final == {
        Status.CLOSED_BY_REPORTER,
        Status.CLOSED_BY_SYSTEM,
        Status.ARCHIVED,
        Status.DELETED,
    }


def test_transition_table_covers_every_event(book: Rulebook) -> None:
    """Each event kind has at least one transition row."""
    assert {t.event for t in book.transitions} == set(EventKind)


def test_redispatch_only_by_national_or_ancestor_admin(book: Rulebook) -> None:
    """LC-REDISPATCH: the national admin (any) or an admin of an ancestor agency."""
    row = next(t for t in book.transitions if t.rule == "LC-REDISPATCH")
    assert dict(row.actors) == {Role.NATIONAL_ADMIN: "any", Role.AGENCY_ADMIN: "ancestor"}


def test_reopen_is_off_by_default_and_can_be_switched_on(book: Rulebook) -> None:
    """LC-REOPEN-ENABLED [D]: off by default, an override switches the row on."""
    reopen = next(t for t in book.transitions if t.event is EventKind.REOPEN)
    assert not book.is_enabled(reopen)
    switched = book.with_overrides({"LC-REOPEN-ENABLED": {"value": True}})
    assert switched.is_enabled(next(t for t in switched.transitions if t.rule == "LC-REOPEN"))


def test_spec_decision_defaults(book: Rulebook) -> None:
    """The [D] defaults of standard.md: hop limit 3, anonymous hidden, warn on filing."""
    s = book.settings
    assert s.hop_limit == 3
    assert s.anonymous_identity_visible_to_agency is False
    assert s.filing_window_mode == "warn"
    assert (s.tracking_id_min_digits, s.tracking_id_max_digits) == (7, 12)
    assert s.working_week_days == 5


def test_every_row_cites_a_known_source(book: Rulebook) -> None:
    """Each rule in force resolves to a citation text."""
    for row in (*book.statuses, *book.transitions, *book.deadlines, *book.indicators):
        assert book.cite(row.rule).startswith(row.rule + " (")


def test_override_changes_only_the_named_rule(book: Rulebook) -> None:
    """with_overrides returns a new rulebook; the default stays unchanged."""
    changed = book.with_overrides({"SLA-FIRST-FOLLOW-UP": {"limit": 14}})
    assert changed.deadline("SLA-FIRST-FOLLOW-UP").limit == 14
    assert book.deadline("SLA-FIRST-FOLLOW-UP").limit == 5
    assert changed.deadline("SLA-VERIFY").limit == 3


@pytest.mark.parametrize(
    ("overrides", "rule"),
    [
        ({"NO-SUCH-RULE": {"limit": 1}}, "NO-SUCH-RULE"),
        ({"SLA-VERIFY": {"limit": -1}}, "SLA-VERIFY"),
        ({"SLA-VERIFY": {"colour": "red"}}, "SLA-VERIFY"),
        ({"ROUTE-HOP-LIMIT": {"value": True}}, "ROUTE-HOP-LIMIT"),
        ({"CAL-WEEK-DAYS": {"value": 7}}, "CAL-WEEK-DAYS"),
    ],
)
def test_bad_override_is_a_config_error(
    book: Rulebook, overrides: dict[str, dict[str, object]], rule: str
) -> None:
    """An unknown rule, field or invalid value raises ConfigError naming the overridden rule."""
    with pytest.raises(ConfigError) as info:
        book.with_overrides(overrides)
    assert info.value.rule == rule


def test_for_date_selects_rows_in_force(tmp_path: Path) -> None:
    """A rule with two dated versions is judged by the version in force on the day."""
    raw = json.loads((Path(__file__).parents[1] / "src/sp4n/data/rulebook.json").read_text("utf-8"))
    old = next(r for r in raw["deadlines"] if r["rule"] == "SLA-FIRST-FOLLOW-UP")
    newer = {**old, "valid_from": "2025-06-01", "limit": 3}
    old["valid_until"] = "2025-05-31"
    raw["deadlines"].append(newer)
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(raw), "utf-8")
    assert Rulebook.from_file(path, on=date(2024, 1, 1)).deadline("SLA-FIRST-FOLLOW-UP").limit == 5
    assert Rulebook.from_file(path, on=date(2025, 6, 1)).deadline("SLA-FIRST-FOLLOW-UP").limit == 3
    assert Rulebook.from_file(path).deadline("SLA-FIRST-FOLLOW-UP").limit == 3


def test_for_date_before_a_rule_exists() -> None:
    """Before 62/2018 applied, its resolution deadlines are not in force."""
    early = Rulebook.for_date(date(2016, 1, 1))
    assert all(d.source != "62/2018" for d in early.deadlines)
    assert Rulebook.for_date(date(2024, 1, 1)).deadline("SLA-RESOLVE-COMPLAINT").limit == 14


def test_unreadable_or_invalid_files_raise_config_error(tmp_path: Path) -> None:
    """A missing file, non-JSON text or a row with an unknown source is a ConfigError."""
    with pytest.raises(ConfigError):
        Rulebook.from_file(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(ConfigError):
        Rulebook.from_file(bad)
    raw = json.loads((Path(__file__).parents[1] / "src/sp4n/data/rulebook.json").read_text("utf-8"))
    raw["deadlines"][0]["source"] = "NOWHERE"
    with pytest.raises(ConfigError, match="unknown source"):
        Rulebook.from_json(json.dumps(raw))


def test_unknown_rule_lookup(book: Rulebook) -> None:
    """Asking for a rule that is not in force raises ConfigError with that id."""
    with pytest.raises(ConfigError) as info:
        book.rule("NOPE")
    assert info.value.rule == "NOPE"
    with pytest.raises(ConfigError):
        book.deadline("LC-SUBMIT")
