"""Deadlines of a report, replayed from its history — *batas waktu layanan*.

Modules: [`.results`][sp4n.sla.results] (what is returned), [`.clocks`][sp4n.sla.clocks] (which
events start,
pause, end and restart each clock), [`.engine`][sp4n.sla.engine]
([`deadlines`][sp4n.sla.deadlines]),
[`.escalation`][sp4n.sla.escalation] ([`escalations`][sp4n.sla.escalations]),
[`.bulk`][sp4n.sla.bulk] ([`bulk_due_dates`][sp4n.sla.bulk_due_dates]).

[`deadlines`][sp4n.sla.deadlines] is a pure function of (complaint history, rulebook, calendar,
``now``): nothing is stored, so replaying the same history gives the same
answer, and a changed calendar or rulebook gives new deadlines at once. This
rules out by design the recurring bugs of helpdesk SLA engines (standard.md,
peers): a report filed on a holiday (its date never counts), paused time lost
when a policy changes (pauses are re-derived from the history every time),
stale deadlines after a calendar change (nothing is cached per report).

Rule: standard.md §5 — the limits, clocks, pauses and escalation ladders are the
rulebook's deadline rows (SLA-VERIFY, SLA-FIRST-FOLLOW-UP, SLA-RESOLVE-*,
SLA-REPLY-WINDOW, SLA-HOLD-WINDOW, FILING-WINDOW). Counting: the *N* working
days are those strictly after the local date on which the clock starts; the
deadline is the end (23:59:59.999999 local) of the *N*-th working day in the
handling agency's time zone.

>>> from datetime import datetime
>>> from sp4n.models import Complaint
>>> from sp4n.workdays import WIB
>>> c = Complaint.model_validate_json('''{"type": "COMPLAINT", "title": "Jalan rusak",
...   "body": "Jalan berlubang.", "category": "regency_road", "channel": "WEB",
...   "location": {"region_code": "16.07"}, "submitted_at": "2024-04-05T09:30:00+07:00",
...   "tracking_id": "0012345674", "status": "SUBMITTED",
...   "history": [{"kind": "submit", "at": "2024-04-05T09:30:00+07:00",
...                "actor": {"role": "REPORTER"}}]}''')
>>> verify = deadlines(c, now=datetime(2024, 4, 16, 9, tzinfo=WIB))[0]
>>> (verify.rule, verify.state, verify.due_date, verify.working_days_left)
('SLA-VERIFY', <SlaState.PENDING: 'PENDING'>, datetime.date(2024, 4, 18), 2)
"""

from sp4n.sla.bulk import bulk_due_dates
from sp4n.sla.engine import AgencyDirectory, deadlines
from sp4n.sla.escalation import escalations
from sp4n.sla.results import Escalation, Scope, SlaState, StageDeadline

__all__ = [
    "AgencyDirectory",
    "Escalation",
    "Scope",
    "SlaState",
    "StageDeadline",
    "bulk_due_dates",
    "deadlines",
    "escalations",
]
