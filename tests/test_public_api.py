"""Tests of the public surface: the curated top level, the submodules' `__all__`, py.typed.

The top level holds the context, the models, the errors and the main verbs
(issue #12, STYLE "Public API"); every other name lives in its submodule.
"""

import importlib
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

import sp4n

ROOT = Path(__file__).parents[1]

# The curated top level: adding a name here is a decision (and a CHANGELOG line).
TOP_LEVEL = {
    # the context and what it holds
    "Standard": "sp4n.standard",
    "Rulebook": "sp4n.rulebook",
    "WorkingCalendar": "sp4n.workdays",
    "AgencyGraph": "sp4n.hierarchy",
    "WIB": "sp4n.workdays",
    "WITA": "sp4n.workdays",
    "WIT": "sp4n.workdays",
    # the models, the events and the codes their fields take
    "Actor": "sp4n.models",
    "Agency": "sp4n.models",
    "Attachment": "sp4n.models",
    "Complaint": "sp4n.models",
    "ComplaintSubmission": "sp4n.models",
    "Location": "sp4n.models",
    "Reporter": "sp4n.models",
    "Event": "sp4n.models",
    "ArchiveEvent": "sp4n.models",
    "AutoCloseEvent": "sp4n.models",
    "CloseEvent": "sp4n.models",
    "CompleteEvent": "sp4n.models",
    "DeclareNotCompetentEvent": "sp4n.models",
    "DeleteEvent": "sp4n.models",
    "ForwardToUnitEvent": "sp4n.models",
    "HoldEvent": "sp4n.models",
    "PostFollowUpEvent": "sp4n.models",
    "RedispatchEvent": "sp4n.models",
    "ReopenEvent": "sp4n.models",
    "ReporterReplyEvent": "sp4n.models",
    "SubmitEvent": "sp4n.models",
    "VerifyAndDispatchEvent": "sp4n.models",
    "AgencyKind": "sp4n.vocabulary",
    "ArchiveReason": "sp4n.vocabulary",
    "Channel": "sp4n.vocabulary",
    "DeleteReason": "sp4n.vocabulary",
    "ReportType": "sp4n.vocabulary",
    "Role": "sp4n.vocabulary",
    "Status": "sp4n.vocabulary",
    # the errors
    "SP4NError": "sp4n.errors",
    "CalendarError": "sp4n.errors",
    "ConcurrentUpdate": "sp4n.errors",
    "ConfigError": "sp4n.errors",
    "DataError": "sp4n.errors",
    "InvalidArgument": "sp4n.errors",
    "InvalidTransition": "sp4n.errors",
    "JurisdictionError": "sp4n.errors",
    "PermissionDenied": "sp4n.errors",
    "ScoringError": "sp4n.errors",
    "UnknownAgency": "sp4n.errors",
    # the main verbs and what they return
    "validate_payload": "sp4n.payloads",
    "generate_tracking_id": "sp4n",
    "submit": "sp4n.lifecycle",
    "apply": "sp4n.lifecycle",
    "Resolution": "sp4n.hierarchy",
    "deadlines": "sp4n.sla",
    "StageDeadline": "sp4n.sla",
    "SlaState": "sp4n.sla",
    "view": "sp4n.privacy",
    "ReportView": "sp4n.privacy",
    "PublicReportView": "sp4n.privacy",
    "HandlingReportView": "sp4n.privacy",
    "run_monev": "sp4n.monev",
    "MonevResult": "sp4n.monev",
    "Period": "sp4n.scoring",
    "AuditLog": "sp4n.audit",
    "AuditFile": "sp4n.audit_sink",
    "__version__": "sp4n",
}

# Every module with a reference page; each keeps a sorted, importable `__all__`.
PUBLIC_MODULES = (
    "sp4n.audit",
    "sp4n.audit_sink",
    "sp4n.competence",
    "sp4n.errors",
    "sp4n.hierarchy",
    "sp4n.i18n",
    "sp4n.lifecycle",
    "sp4n.models",
    "sp4n.monev",
    "sp4n.open311",
    "sp4n.payloads",
    "sp4n.privacy",
    "sp4n.regions",
    "sp4n.rulebook",
    "sp4n.sample",
    "sp4n.schema",
    "sp4n.scoring",
    "sp4n.sla",
    "sp4n.standard",
    "sp4n.testing",
    "sp4n.vocabulary",
    "sp4n.workdays",
)

# The top level of 0.1.0 before the curation (issue #12): each name that left it
# is listed in CHANGELOG.md with the path to import it from now.
TOP_LEVEL_0_1 = [
    "WIB",
    "WIT",
    "WITA",
    "Actor",
    "ActorView",
    "Agency",
    "AgencyGraph",
    "AgencyKind",
    "ArchiveEvent",
    "ArchiveReason",
    "Attachment",
    "AttachmentView",
    "Audience",
    "AuditBreak",
    "AuditEntry",
    "AuditFile",
    "AuditLog",
    "AuditVerification",
    "AutoCloseEvent",
    "Basis",
    "BulkWorkdays",
    "CalendarDayCounter",
    "CalendarError",
    "Channel",
    "CheckRule",
    "CloseEvent",
    "Closure",
    "CompetenceLevel",
    "CompetenceRule",
    "CompetenceTable",
    "Complaint",
    "ComplaintIndicators",
    "ComplaintSubmission",
    "CompleteEvent",
    "ConcurrentUpdate",
    "ConfigError",
    "Coordinates",
    "DataError",
    "DayKind",
    "DayStats",
    "DeadlineRule",
    "DeclareNotCompetentEvent",
    "DeleteEvent",
    "DeleteReason",
    "DueAction",
    "Escalation",
    "Event",
    "EventKind",
    "EventView",
    "ExaminationFlag",
    "ForwardDecision",
    "ForwardToUnitEvent",
    "GradeRule",
    "GroupedAccumulator",
    "HandlingReportView",
    "HoldEvent",
    "IndicatorAccumulator",
    "IndicatorRule",
    "InvalidArgument",
    "InvalidTransition",
    "JurisdictionError",
    "Location",
    "Masker",
    "MaturityAssessment",
    "MaturityRule",
    "MonevPipeline",
    "MonevReport",
    "MonevResult",
    "NonWorkingDay",
    "Period",
    "PermissionDenied",
    "PiiKind",
    "PiiSpan",
    "PostFollowUpEvent",
    "PrivacyFlag",
    "ProvinceRow",
    "PublicReportView",
    "RankedEntry",
    "Ranking",
    "Rate",
    "RedispatchEvent",
    "ReopenEvent",
    "ReportType",
    "ReportView",
    "Reporter",
    "ReporterReplyEvent",
    "Resolution",
    "Role",
    "Rulebook",
    "SP4NError",
    "SampleWorld",
    "ScoringConfig",
    "ScoringError",
    "Settings",
    "SlaBreaches",
    "SlaState",
    "Stage",
    "StageDeadline",
    "Standard",
    "Status",
    "StatusRule",
    "SubmitEvent",
    "TransitionRule",
    "UnknownAgency",
    "VerifyAndDispatchEvent",
    "WorkdayCount",
    "WorkdayResult",
    "WorkingCalendar",
    "YearCoverage",
    "__version__",
    "agency_zones",
    "bulk_due_dates",
    "compute_activity",
    "compute_by_group",
    "compute_connectivity",
    "compute_grade",
    "compute_indicators",
    "compute_maturity",
    "compute_monev",
    "compute_ranking",
    "deadlines",
    "escalations",
    "export_open311",
    "find_pii",
    "from_open311",
    "generate_complaints",
    "generate_tracking_id",
    "json_schema",
    "mask_pii",
    "next_competent",
    "province_key",
    "rank_agencies",
    "rolled_up",
    "run_monev",
    "sample_world",
    "scope_of",
    "stage_outcomes_from",
    "to_open311",
    "validate_payload",
    "working_day_counter",
    "write_jsonl",
    "zone_for_agency",
    "zone_for_region",
    "zone_name",
]


def _isort_key(name: str) -> tuple[int, str]:
    # ruff's RUF022 order: CONSTANTS, then Classes, then functions and the rest.
    group = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return group, name


def _changelog_moves() -> dict[str, str]:
    """Old top-level name -> its new import path, from the CHANGELOG's Removed/Changed lines."""
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    moves: dict[str, str] = {}
    for line in text.splitlines():
        moved = re.match(r"- .*now imported from `(sp4n[\w.]*)`[^:]*: (.*)", line)
        if moved:
            for name in re.findall(r"`(\w+)`", moved.group(2)):
                moves[name] = f"{moved.group(1)}.{name}"
        for old, new in re.findall(r"`sp4n\.(\w+)` (?:is now|renamed) `(sp4n[\w.]+)`", line):
            moves[old] = new
    return moves


def _resolve(path: str) -> object:
    module_name, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module_name), name)


def test_all_is_the_curated_set() -> None:
    """`sp4n.__all__` is exactly the curated top level: context, models, errors, verbs."""
    assert set(sp4n.__all__) == set(TOP_LEVEL)
    assert len(sp4n.__all__) == len(set(sp4n.__all__))


def test_all_is_sorted() -> None:
    """`sp4n.__all__` is sorted (constants, classes, then the rest)."""
    assert list(sp4n.__all__) == sorted(sp4n.__all__, key=_isort_key)


def test_top_level_names_are_their_submodule_objects() -> None:
    """Each top-level name imports and is the very object its public submodule exports."""
    for name, home in TOP_LEVEL.items():
        value = getattr(sp4n, name)
        if home != "sp4n":
            module = importlib.import_module(home)
            assert name in module.__all__, f"{home}.{name}"
            assert getattr(module, name) is value, name


def test_no_other_public_name_on_the_package() -> None:
    """Nothing public sits on `sp4n` beyond `__all__` and its submodules (complete)."""
    stray = {
        name
        for name, value in vars(sp4n).items()
        if not name.startswith("_")
        and not isinstance(value, ModuleType)
        and name not in sp4n.__all__
        and name not in {"annotations", "importlib", "TYPE_CHECKING"}
    }
    assert stray == set()
    assert set(sp4n.__dir__()) >= set(sp4n.__all__)


def test_unknown_names_raise_attribute_error() -> None:
    """A name moved off the top level fails loudly, naming itself."""
    with pytest.raises(AttributeError, match="GroupedAccumulator"):
        _ = sp4n.GroupedAccumulator  # type: ignore[attr-defined]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_submodule_all_is_sorted_and_importable(module_name: str) -> None:
    """Each public submodule keeps a sorted, duplicate-free `__all__` of names it has."""
    module = importlib.import_module(module_name)
    names = list(module.__all__)
    assert names == sorted(set(names), key=_isort_key)
    missing = [name for name in names if not hasattr(module, name)]
    assert missing == []


def test_every_name_that_left_the_top_level_is_in_the_changelog() -> None:
    """Each 0.1.0 top-level name is still there or listed in CHANGELOG with a path that imports."""
    moves = _changelog_moves()
    removed = {"rank_agencies"}  # folded into compute_ranking; the CHANGELOG gives the recipe
    gone = [n for n in TOP_LEVEL_0_1 if n not in TOP_LEVEL and n not in removed]
    unlisted = [n for n in gone if n not in moves]
    assert unlisted == []
    for name in gone:
        _resolve(moves[name])
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert "`sp4n.rank_agencies` removed" in text


def test_import_stays_lazy() -> None:
    """`import sp4n` loads the models, not the engines (hierarchy, calendar, SLA, monev)."""
    code = (
        "import sys, sp4n; heavy = ('networkx', 'holidays', 'numpy', 'sp4n.hierarchy', "
        "'sp4n.workdays', 'sp4n.lifecycle', 'sp4n.sla', 'sp4n.monev', 'sp4n.scoring', "
        "'sp4n.privacy', 'sp4n.standard'); print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_py_typed_and_data_ship_with_the_package() -> None:
    """The typing marker, the rulebook and the region data are package data."""
    root = resources.files("sp4n")
    for path in ("py.typed", "data/rulebook.json", "data/regions/SOURCE.md", "data/competence.csv"):
        assert root.joinpath(path).is_file(), path


def test_version_is_set() -> None:
    """The version comes from the installed metadata."""
    assert sp4n.__version__.count(".") >= 2
