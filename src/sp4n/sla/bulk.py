"""Due dates for many start dates at once, on numpy."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import numpy as np
import numpy.typing as npt

from sp4n._guards import boundary
from sp4n.errors import CalendarError, DataError, InvalidArgument
from sp4n.rulebook import Rulebook
from sp4n.workdays import BulkWorkdays, WorkingCalendar

__all__ = ["bulk_due_dates"]


def _starts(name: str, value: object) -> Sequence[date] | npt.NDArray[np.datetime64]:
    """Rule API-ARGUMENT: dates (not datetimes, not epoch-day integers) or a datetime64 array."""
    if isinstance(value, np.ndarray):
        if not np.issubdtype(value.dtype, np.datetime64):
            msg = f"{name} must be dates or a datetime64 array, not an array of {value.dtype}"
            raise InvalidArgument(msg, field=name)
        return value
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        msg = f"{name} must be a sequence of dates, not {type(value).__name__}"
        raise InvalidArgument(msg, field=name)
    for item in value:
        if isinstance(item, datetime):
            msg = "starts must be dates, not datetimes"
            raise DataError(msg, rule="CAL-COUNT", field=name)
        if not isinstance(item, date):
            msg = f"{name} must hold dates, not {type(item).__name__}"
            raise InvalidArgument(msg, field=name)
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
            msg = "a due date lies after 9999-12-31, the last date Python can represent"
            raise CalendarError(msg, rule="CAL-COUNT", field="starts")
        return BulkWorkdays(arr, np.ones(arr.shape, dtype=bool), ())
    return cal.add_working_days_bulk(starts, rule.limit, strict=strict)
