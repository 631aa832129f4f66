"""Due dates for many start dates at once, on numpy."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import numpy as np
import numpy.typing as npt

from sp4n._guards import boundary
from sp4n.errors import CalendarError, DataError, InvalidArgument
from sp4n.i18n import Message
from sp4n.rulebook import Rulebook
from sp4n.workdays import BulkWorkdays, WorkingCalendar

__all__ = ["bulk_due_dates"]


def _starts(name: str, value: object) -> Sequence[date] | npt.NDArray[np.datetime64]:
    """Rule API-ARGUMENT: dates (not datetimes, not epoch-day integers) or a datetime64 array."""
    if isinstance(value, np.ndarray):
        if not np.issubdtype(value.dtype, np.datetime64):
            raise InvalidArgument(
                Message(
                    "API-ARGUMENT.name-dates-datetime64-array",
                    "{name} must be dates or a datetime64 array, not an array of {dtype}",
                    name=str(name),
                    dtype=str(value.dtype),
                ),
                field=name,
            )
        return value
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidArgument(
            Message(
                "API-ARGUMENT.name-sequence-dates-type",
                "{name} must be a sequence of dates, not {type}",
                name=str(name),
                type=str(type(value).__name__),
            ),
            field=name,
        )
    for item in value:
        if isinstance(item, datetime):
            raise DataError(
                Message("CAL-COUNT.starts-dates-datetimes", "starts must be dates, not datetimes"),
                rule="CAL-COUNT",
                field=name,
            )
        if not isinstance(item, date):
            raise InvalidArgument(
                Message(
                    "API-ARGUMENT.name-hold-dates-type",
                    "{name} must hold dates, not {type}",
                    name=str(name),
                    type=str(type(item).__name__),
                ),
                field=name,
            )
    return value


@boundary(starts=_starts)
def bulk_due_dates(
    starts: Sequence[date] | npt.NDArray[np.datetime64],
    rule_id: str,
    *,
    rulebook: Rulebook | None = None,
    calendar: WorkingCalendar | None = None,
    strict: bool = False,
) -> BulkWorkdays:
    """Due dates of one deadline rule for many local start dates at once (numpy).

    Same answers as [`deadlines`][sp4n.sla.deadlines] for an uninterrupted clock: the
    ``limit``-th working day strictly after each start date.

    >>> from datetime import date, datetime
    >>> r = bulk_due_dates([date(2024, 4, 5), date(2024, 4, 6)], "SLA-VERIFY")
    >>> r.days.tolist()
    [datetime.date(2024, 4, 18), datetime.date(2024, 4, 18)]

    Raises:
        ConfigError: no such deadline rule.
        DataError: a start is a ``datetime`` rather than a date.
        InvalidArgument: ``starts`` is not a sequence of dates (integers are
            not read as epoch days) or a ``datetime64`` array, or another
            argument has the wrong type (rule API-ARGUMENT).
        CalendarError: ``strict`` and a date relies on unconfirmed holiday data, or a
            due date lies after 9999-12-31.
    """
    book = rulebook or Rulebook.default()
    rule = book.deadline(rule_id)
    cal = calendar or WorkingCalendar.from_rulebook(book)
    if rule.unit == "calendar_days":
        arr: npt.NDArray[np.datetime64] = np.asarray(starts, dtype="datetime64[D]")
        arr = arr + np.timedelta64(rule.limit, "D")
        if arr.size and arr.max() > np.datetime64("9999-12-31"):
            raise CalendarError(
                Message(
                    "CAL-COUNT.due-date-lies-after",
                    "a due date lies after 9999-12-31, the last date Python can represent",
                ),
                rule="CAL-COUNT",
                field="starts",
            )
        return BulkWorkdays(arr, np.ones(arr.shape, dtype=bool), ())
    return cal.add_working_days_bulk(starts, rule.limit, strict=strict)
