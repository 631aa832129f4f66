"""Lifecycle of a report: the transition table as an engine — *alur laporan*.

Rule: standard.md §4. One engine reads the rulebook's transition table
(``Rulebook.transitions``, rows ``LC-*``); no status is compared in code. An
event (``sp4n.models.Event``, told apart by ``kind``) carries its ``actor`` and
``at``; [`apply`][sp4n.lifecycle.apply] returns a **new** complaint with the new status and the
event appended, or raises [`InvalidTransition`][sp4n.errors.InvalidTransition] /
[`PermissionDenied`][sp4n.errors.PermissionDenied] whose message names the current status,
the event, the actor's role and whose ``rule`` is the row's id.

Who may act is the row's ``actors``: role → scope. Scopes:

- ``any`` — every report;
- ``assigned`` — reports handled by the actor's agency or a unit inside its
  organisation (the agency last dispatched to, or the citizen's target before
  dispatch, then the unit forwarded to); never an ancestor government. A
  liaison only acts for the agency or unit that handles the report now;
- ``ancestor`` — an agency strictly above the one that declared itself not
  competent, until ROUTE-HOP-LIMIT declarations were made;
- ``own`` — the reporter whose ``user_id`` submitted the report.

The agency a report was dispatched to may hold it for missing information
(LC-HOLD-AGENCY, *tunda*) or archive it (LC-ARCHIVE-AGENCY), the A2 and A4
actions of the LAPOR! v3 admin guide; completing a report held by its agency
returns it to that agency (LC-COMPLETE-AGENCY, chosen by the row's
``entered_from``: [`entered_from`][sp4n.lifecycle.entered_from]), and the agency's clocks pause
while
it is held (``paused_in``).

The hierarchy and the working-day calendar are small protocols
([`AgencyTree`][sp4n.lifecycle.AgencyTree],
[`WorkingDayCounter`][sp4n.lifecycle.WorkingDayCounter]), so ``sp4n.hierarchy`` and
``sp4n.workdays`` (or an integrator's own) plug in. Left out, they are the
embedded defaults — the Indonesian hierarchy
([`default_hierarchy`][sp4n.lifecycle.default_hierarchy]) and
the national calendar — never "no check": a dispatch to an agency the
hierarchy does not know is refused. With ``audit=``, [`apply`][sp4n.lifecycle.apply] and
[`submit`][sp4n.lifecycle.submit] record each step in an audit log
([`audit_details`][sp4n.lifecycle.audit_details]).

>>> from sp4n.models import ComplaintSubmission, HoldEvent, CompleteEvent, Actor
>>> from sp4n.vocabulary import Role
>>> sub = ComplaintSubmission.model_validate_json(
...     '{"type": "COMPLAINT", "title": "Jalan rusak", "body": "Lubang besar.",'
...     ' "category": "regency_road", "channel": "WEB",'
...     ' "submitted_at": "2024-04-05T09:30:00+07:00"}')
>>> reporter = Actor(role=Role.REPORTER, user_id="warga-1")
>>> c = submit(sub, tracking_id="0012345674", actor=reporter)
>>> c = apply(c, HoldEvent(at=sub.submitted_at, actor=Actor(role=Role.NATIONAL_ADMIN),
...                        reason="Lokasi tidak jelas"))
>>> c.status
<Status.ON_HOLD: 'ON_HOLD'>
>>> apply(c, CompleteEvent(at=sub.submitted_at, actor=reporter, info="Jl. Merdeka 5")).status
<Status.SUBMITTED: 'SUBMITTED'>
"""

from __future__ import annotations

from sp4n.lifecycle._diagram import DOC_BEGIN, DOC_END, mermaid, state_table, update_doc
from sp4n.lifecycle._engine import (
    CLOCK_EVENTS,
    TIMED_TRANSITIONS,
    apply,
    audit_details,
    available_events,
    clock_start,
    default_calendar,
    default_hierarchy,
    entered_from,
    rulebook_for,
    submit,
    window_passed,
)
from sp4n.lifecycle._history import check_history, replay, submission_of
from sp4n.lifecycle._protocols import WIB, AgencyTree, Counted, WorkingDayCounter, ancestor_ids
from sp4n.lifecycle._scope import handling_chain, owner_id
from sp4n.lifecycle._timers import DueAction, due_auto_closures

__all__ = [
    "CLOCK_EVENTS",
    "DOC_BEGIN",
    "DOC_END",
    "TIMED_TRANSITIONS",
    "WIB",
    "AgencyTree",
    "Counted",
    "DueAction",
    "WorkingDayCounter",
    "ancestor_ids",
    "apply",
    "audit_details",
    "available_events",
    "check_history",
    "clock_start",
    "default_calendar",
    "default_hierarchy",
    "due_auto_closures",
    "entered_from",
    "handling_chain",
    "mermaid",
    "owner_id",
    "replay",
    "rulebook_for",
    "state_table",
    "submission_of",
    "submit",
    "update_doc",
    "window_passed",
]
