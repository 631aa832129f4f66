"""Labels people read that are not messages about a rule: rulebook rows and units.

Vocabulary labels (``label.Status.ON_HOLD``) come from ``sp4n.vocabulary``
through the extractor; the rulebook's indicators, grades and SPBE maturity
levels carry only an Indonesian ``label_id``, so their English labels are
declared here (``tests/test_i18n.py`` checks the Indonesian ones equal the
rulebook's). ``ui.*`` are units and field kinds used inside messages.
"""

from __future__ import annotations

from typing import Final

from sp4n.i18n._message import declare, declare_plural

__all__ = ["LABELS"]

LABELS: Final = (
    # Rulebook indicators (rule IND-*), by their ``indicator`` key.
    declare("label.indicator.connectivity", "Connectivity"),
    declare("label.indicator.activity", "Activity"),
    declare("label.indicator.follow_up_rate", "Follow-up"),
    declare("label.indicator.closed_share", "Closed"),
    declare("label.indicator.in_progress_share", "In progress"),
    declare("label.indicator.unverified_share", "Not yet verified"),
    declare("label.indicator.follow_up_speed", "Follow-up speed"),
    declare("label.indicator.on_time_rate", "On time"),
    # Rulebook grades (rule GRADE-*), by their ``grade`` key.
    declare("label.grade.SANGAT_BAIK", "Very good"),
    declare("label.grade.BAIK", "Good"),
    declare("label.grade.SEDANG", "Fair"),
    declare("label.grade.KURANG", "Poor"),
    # SPBE maturity levels (rule SPBE-L*), by their ``level``.
    declare("label.maturity.1", "Information"),
    declare("label.maturity.2", "Interaction"),
    declare("label.maturity.3", "Transaction"),
    declare("label.maturity.4", "Collaboration"),
    declare("label.maturity.5", "Optimisation"),
    # Why a date is not a working day (``sp4n.workdays.DayKind``).
    declare("label.DayKind.WEEKEND", "Weekend"),
    declare("label.DayKind.PUBLIC_HOLIDAY", "Public holiday"),
    declare("label.DayKind.CUTI_BERSAMA", "Collective leave"),
    declare("label.DayKind.CLOSURE", "Closure"),
    # Where a stage stands against its deadline (``sp4n.sla.SlaState``).
    declare("label.SlaState.PENDING", "Pending"),
    declare("label.SlaState.MET", "Met"),
    declare("label.SlaState.BREACHED", "Breached"),
    declare("label.SlaState.PAUSED", "Paused"),
    declare("label.SlaState.NOT_APPLICABLE", "Not applicable"),
    # Short weekday names (Monday first), as %a shows them in English.
    declare("ui.weekday.0", "Mon"),
    declare("ui.weekday.1", "Tue"),
    declare("ui.weekday.2", "Wed"),
    declare("ui.weekday.3", "Thu"),
    declare("ui.weekday.4", "Fri"),
    declare("ui.weekday.5", "Sat"),
    declare("ui.weekday.6", "Sun"),
    declare("ui.example-name", "{name}"),
    # Units and words used inside messages.
    declare_plural("ui.working-days", "{count} working day", "{count} working days"),
    declare_plural("ui.calendar-days", "{count} calendar day", "{count} calendar days"),
    declare_plural("ui.reports", "{count} report", "{count} reports"),
    declare("ui.undefined", "undefined"),
    declare("ui.unknown", "unknown"),
    # Kinds of collection named by pydantic's too_short/too_long errors.
    declare("ui.field-type.List", "List"),
    declare("ui.field-type.Tuple", "Tuple"),
    declare("ui.field-type.Set", "Set"),
    declare("ui.field-type.Dictionary", "Dictionary"),
    # The default text of each error class (``default_message`` of ``sp4n.errors``).
    declare("error.SP4NError", "SP4N rule violated"),
    declare("error.ConfigError", "invalid configuration"),
    declare("error.DataError", "unusable data"),
    declare("error.InvalidArgument", "invalid argument"),
    declare("error.InvalidTransition", "transition not allowed"),
    declare("error.PermissionDenied", "permission denied"),
    declare("error.JurisdictionError", "jurisdiction could not be resolved"),
    declare("error.UnknownAgency", "unknown agency"),
    declare("error.CalendarError", "calendar data not confirmed for this range"),
    declare("error.ScoringError", "indicator cannot be computed"),
    declare("error.ConcurrentUpdate", "the report was changed by someone else first"),
    declare("error.MessageError", "message not in the catalogue"),
)
"""The ids of the labels declared here."""
