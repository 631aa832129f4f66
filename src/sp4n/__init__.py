"""sp4n — the rules of SP4N-LAPOR!, Indonesia's national complaint-management standard.

The top level holds what an app needs: the context ([Standard][sp4n.Standard]),
the models and events, the errors, and the main verbs (validate a payload,
submit, apply an event, view, deadlines, monev). Everything else lives in its
submodule ([sp4n.lifecycle][], [sp4n.hierarchy][], [sp4n.sla][],
[sp4n.scoring][], [sp4n.workdays][] …), each with its own `__all__`.

The models, rulebook, vocabulary and errors load with the package; the engines
(hierarchy, workdays, SLA, lifecycle, privacy, monev) load on first use
(PEP 562), so `import sp4n` and the command line stay fast.
"""

from __future__ import annotations

import importlib
from importlib.metadata import version as _version
from typing import TYPE_CHECKING

from sp4n._types import generate_tracking_id
from sp4n.errors import (
    CalendarError,
    ConcurrentUpdate,
    ConfigError,
    DataError,
    InvalidArgument,
    InvalidTransition,
    JurisdictionError,
    PermissionDenied,
    ScoringError,
    SP4NError,
    UnknownAgency,
)
from sp4n.models import (
    Actor,
    Agency,
    ArchiveEvent,
    Attachment,
    AutoCloseEvent,
    CloseEvent,
    Complaint,
    ComplaintSubmission,
    CompleteEvent,
    DeclareNotCompetentEvent,
    DeleteEvent,
    Event,
    ForwardToUnitEvent,
    HoldEvent,
    Location,
    PostFollowUpEvent,
    RedispatchEvent,
    ReopenEvent,
    Reporter,
    ReporterReplyEvent,
    SubmitEvent,
    VerifyAndDispatchEvent,
)
from sp4n.rulebook import Rulebook
from sp4n.vocabulary import (
    AgencyKind,
    ArchiveReason,
    Channel,
    DeleteReason,
    ReportType,
    Role,
    Status,
)

if TYPE_CHECKING:
    from sp4n.audit import AuditLog
    from sp4n.audit_sink import AuditFile
    from sp4n.hierarchy import AgencyGraph, Resolution
    from sp4n.lifecycle import apply, submit
    from sp4n.monev import MonevResult, run_monev
    from sp4n.payloads import validate_payload
    from sp4n.privacy import HandlingReportView, PublicReportView, ReportView, view
    from sp4n.scoring import Period
    from sp4n.sla import SlaState, StageDeadline, deadlines
    from sp4n.standard import Standard
    from sp4n.workdays import WIB, WIT, WITA, WorkingCalendar

__version__ = _version("sp4n")

# Loaded on first use: name -> the public module that is its home.
_LAZY: dict[str, str] = {
    "WIB": "sp4n.workdays",
    "WIT": "sp4n.workdays",
    "WITA": "sp4n.workdays",
    "AgencyGraph": "sp4n.hierarchy",
    "AuditFile": "sp4n.audit_sink",
    "AuditLog": "sp4n.audit",
    "HandlingReportView": "sp4n.privacy",
    "MonevResult": "sp4n.monev",
    "Period": "sp4n.scoring",
    "PublicReportView": "sp4n.privacy",
    "ReportView": "sp4n.privacy",
    "Resolution": "sp4n.hierarchy",
    "SlaState": "sp4n.sla",
    "StageDeadline": "sp4n.sla",
    "Standard": "sp4n.standard",
    "WorkingCalendar": "sp4n.workdays",
    "apply": "sp4n.lifecycle",
    "deadlines": "sp4n.sla",
    "run_monev": "sp4n.monev",
    "submit": "sp4n.lifecycle",
    "validate_payload": "sp4n.payloads",
    "view": "sp4n.privacy",
}


def __getattr__(name: str) -> object:
    """Load an engine's public name on first use (PEP 562)."""
    try:
        module_name = _LAZY[name]
    except KeyError:
        msg = f"module 'sp4n' has no attribute {name!r}"
        raise AttributeError(msg) from None
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "WIB",
    "WIT",
    "WITA",
    "Actor",
    "Agency",
    "AgencyGraph",
    "AgencyKind",
    "ArchiveEvent",
    "ArchiveReason",
    "Attachment",
    "AuditFile",
    "AuditLog",
    "AutoCloseEvent",
    "CalendarError",
    "Channel",
    "CloseEvent",
    "Complaint",
    "ComplaintSubmission",
    "CompleteEvent",
    "ConcurrentUpdate",
    "ConfigError",
    "DataError",
    "DeclareNotCompetentEvent",
    "DeleteEvent",
    "DeleteReason",
    "Event",
    "ForwardToUnitEvent",
    "HandlingReportView",
    "HoldEvent",
    "InvalidArgument",
    "InvalidTransition",
    "JurisdictionError",
    "Location",
    "MonevResult",
    "Period",
    "PermissionDenied",
    "PostFollowUpEvent",
    "PublicReportView",
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
    "ScoringError",
    "SlaState",
    "StageDeadline",
    "Standard",
    "Status",
    "SubmitEvent",
    "UnknownAgency",
    "VerifyAndDispatchEvent",
    "WorkingCalendar",
    "__version__",
    "apply",
    "deadlines",
    "generate_tracking_id",
    "run_monev",
    "submit",
    "validate_payload",
    "view",
]
