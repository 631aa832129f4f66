"""Argument checks at the boundary of public functions (rule API-ARGUMENT, issue #11).

A public function given ``None``, a wrong type or an out-of-range value where
a complaint, graph, calendar, rulebook, instant or key is expected refuses it
at its entry with [`sp4n.errors.InvalidArgument`][sp4n.errors.InvalidArgument] naming the argument —
instead of failing deep inside with an ``AttributeError``, an ``OverflowError``
or a bare ``ValueError`` that names nothing.

The checks are keyed by parameter *name*: sp4n uses one name per concept
everywhere (``complaint=``, ``rulebook=``, ``calendar=``, ``hierarchy=``,
``now=``; STYLE.md), so one decorator line, `boundary`, guards a
function. A parameter whose default is ``None`` also accepts ``None``.
Instants must be aware and within rule TIMESTAMP-RANGE (a local date in every
time zone). Collections of complaints are checked item by item: eagerly for a
list or tuple, lazily (as they are consumed) for any other iterable, so a
stream is still never held in memory.

>>> @boundary
... def judge(complaint, *, now):
...     return "judged"
>>> judge(None, now=None)
Traceback (most recent call last):
...
sp4n.errors.InvalidArgument: complaint must be a Complaint, not NoneType
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, tzinfo
from os import PathLike
from typing import Any, Final, ParamSpec, TypeVar, overload

from sp4n.errors import InvalidArgument, SP4NError
from sp4n.i18n import Message

__all__ = [
    "CHECKS",
    "boundary",
    "check_aware",
    "check_date",
    "check_history_arg",
    "check_strings",
]

P = ParamSpec("P")
R = TypeVar("R")
Check = Callable[[str, Any], Any]

_FIRST: Final = datetime(1, 1, 2, tzinfo=UTC)
_LAST: Final = datetime(9999, 12, 30, 23, 59, 59, 999999, tzinfo=UTC)


def _refuse(name: str, expected: str, value: object) -> InvalidArgument:
    return InvalidArgument(
        Message(
            "API-ARGUMENT.name-expected-type",
            "{name} must be {expected}, not {type}",
            name=str(name),
            expected=str(expected),
            type=str(type(value).__name__),
        ),
        field=name,
    )


def check_aware(name: str, value: Any) -> datetime:
    """``value`` if it is an aware ``datetime`` inside rule TIMESTAMP-RANGE.

    >>> check_aware("now", datetime(2024, 4, 5))
    Traceback (most recent call last):
    ...
    sp4n.errors.InvalidArgument: now must be a timezone-aware datetime [TIMESTAMP-AWARE]
    """
    if not isinstance(value, datetime):
        raise _refuse(name, "a timezone-aware datetime", value)
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidArgument(
            Message(
                "TIMESTAMP-AWARE.name-timezone-aware-datetime",
                "{name} must be a timezone-aware datetime [TIMESTAMP-AWARE]",
                name=str(name),
            ),
            rule="TIMESTAMP-AWARE",
            field=name,
        )
    try:
        inside = _FIRST <= value.astimezone(UTC) <= _LAST
    except (OverflowError, ValueError):
        inside = False
    if not inside:
        raise InvalidArgument(
            Message(
                "TIMESTAMP-RANGE.name-lie-between-0001",
                "{name} must lie between 0001-01-02 and 9999-12-30 (UTC) [TIMESTAMP-RANGE]",
                name=str(name),
            ),
            rule="TIMESTAMP-RANGE",
            field=name,
        )
    return value


def check_strings(name: str, value: Any) -> tuple[str, ...]:
    """``value`` as a tuple of strings: an iterable of ``str``, never a bare ``str``.

    A bare string is refused rather than split into characters.

    >>> check_strings("known", "Budi Santoso")
    Traceback (most recent call last):
    ...
    sp4n.errors.InvalidArgument: known must be an iterable of strings (e.g. a list), not str
    """
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise _refuse(name, "an iterable of strings (e.g. a list)", value)
    items = tuple(value)
    if not all(isinstance(item, str) for item in items):
        bad = next(item for item in items if not isinstance(item, str))
        raise _refuse(name, "an iterable of strings", bad)
    return items


def _instance(*types: type, expected: str | None = None) -> Check:
    label = expected or " or ".join(f"a {t.__name__}" for t in types)

    def check(name: str, value: Any) -> Any:
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise _refuse(name, label, value)
        return value

    return check


def _lazy(loader: Callable[[], Check]) -> Check:
    """A check whose types are imported on first use (the models import this module)."""
    cached = functools.cache(loader)

    def check(name: str, value: Any) -> Any:
        return cached()(name, value)

    return check


def _protocol(*methods: str, expected: str) -> Check:
    def check(name: str, value: Any) -> Any:
        if isinstance(value, str | bytes | bytearray) or not all(
            callable(getattr(value, m, None)) for m in methods
        ):
            raise _refuse(name, expected, value)
        return value

    return check


def _any_protocol(methods: tuple[str, ...], *, expected: str) -> Check:
    """An object with at least one of ``methods``: the hierarchy protocols differ by module."""

    def check(name: str, value: Any) -> Any:
        if isinstance(value, str | bytes | bytearray) or not any(
            callable(getattr(value, m, None)) for m in methods
        ):
            raise _refuse(name, expected, value)
        return value

    return check


def _callable(name: str, value: Any) -> Any:
    if not callable(value):
        raise _refuse(name, "callable", value)
    return value


def check_date(name: str, value: Any) -> Any:
    """``value`` if it is a plain ``date`` (not a ``datetime``) from 0001-01-02 to 9999-12-30.

    The margin of a day at each end leaves room for the next or previous local day.

    >>> check_date("day", date(9999, 12, 31))
    Traceback (most recent call last):
    ...
    sp4n.errors.InvalidArgument: day must lie between 0001-01-02 and 9999-12-30
    """
    if not isinstance(value, date) or isinstance(value, datetime):
        raise _refuse(name, "a date (not a datetime)", value)
    if not _FIRST.date() <= value <= _LAST.date():
        raise InvalidArgument(
            Message(
                "API-ARGUMENT.name-lie-between-0001",
                "{name} must lie between 0001-01-02 and 9999-12-30",
                name=str(name),
            ),
            field=name,
        )
    return value


def _year(name: str, value: Any) -> Any:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 9999:
        raise InvalidArgument(
            Message(
                "API-ARGUMENT.name-year-1-9999",
                "{name} must be a year from 1 to 9999",
                name=str(name),
            ),
            field=name,
        )
    return value


def _each(item_check: Check, expected: str) -> Check:
    """Every item of an iterable passes ``item_check``; a stream is checked as it is read."""

    def check(name: str, value: Any) -> Any:
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
            raise _refuse(name, f"an iterable of {expected}", value)
        if isinstance(value, list | tuple | frozenset | set):
            for item in value:
                item_check(f"an item of {name}", item)
            return value
        return _checked_stream(value, item_check, name)

    return check


def _checked_stream(values: Iterable[Any], item_check: Check, name: str) -> Iterator[Any]:
    for item in values:
        yield item_check(f"an item of {name}", item)


def _complaint() -> Check:
    from sp4n.models import Complaint  # noqa: PLC0415 - the models import the guards

    return _instance(Complaint)


def _submission() -> Check:
    from sp4n.models import ComplaintSubmission  # noqa: PLC0415

    return _instance(ComplaintSubmission)


def _actor() -> Check:
    from sp4n.models import Actor  # noqa: PLC0415

    return _instance(Actor)


def _rulebook() -> Check:
    from sp4n.rulebook import Rulebook  # noqa: PLC0415

    return _instance(Rulebook)


def _graph() -> Check:
    from sp4n.hierarchy.graph import AgencyGraph  # noqa: PLC0415

    return _instance(AgencyGraph)


def _period() -> Check:
    from sp4n.scoring.indicators import Period  # noqa: PLC0415

    return _instance(Period)


def _config() -> Check:
    from sp4n.scoring.accumulate import ScoringConfig  # noqa: PLC0415

    return _instance(ScoringConfig)


def _output(name: str, value: Any) -> Any:
    if isinstance(value, str | PathLike) or callable(getattr(value, "write", None)):
        return value
    raise _refuse(name, "a path or a writable text stream", value)


def _agency() -> Check:
    from sp4n.models import Agency  # noqa: PLC0415

    return _instance(Agency)


def _zone(name: str, value: Any) -> Any:
    """A tzinfo, a function giving one, or the name of an IANA zone."""
    if isinstance(value, tzinfo) or callable(value):
        return value
    if isinstance(value, str):
        from sp4n.workdays.zones import iana_zone  # noqa: PLC0415 - workdays imports the guards

        if iana_zone(value) is not None:
            return value
    raise _refuse(name, "a tzinfo or an IANA zone name", value)


def _text_or_zone(name: str, value: Any) -> Any:
    if isinstance(value, str | tzinfo):
        return value
    raise _refuse(name, "an IANA zone name or a ZoneInfo", value)


def _zoneinfo(name: str, value: Any) -> Any:
    from zoneinfo import ZoneInfo  # noqa: PLC0415 - rarely needed

    if not isinstance(value, ZoneInfo):
        raise _refuse(name, "a ZoneInfo", value)
    return value


def _count(name: str, value: Any) -> Any:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidArgument(
            Message(
                "API-ARGUMENT.name-whole-number-least",
                "{name} must be a whole number of at least 0",
                name=str(name),
            ),
            field=name,
        )
    return value


def check_history_arg(name: str, value: Any) -> Any:
    """A complaint, or a sequence of its events (what the forwarding helpers read)."""
    from sp4n.models import Complaint  # noqa: PLC0415

    if isinstance(value, Complaint):
        return value
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, list | tuple):
        raise _refuse(name, "a Complaint or a sequence of events", value)
    if not all(callable(getattr(e, "model_dump", None)) and hasattr(e, "kind") for e in value):
        raise _refuse(name, "a sequence of events", value)
    return value


_STRING: Final = _instance(str, expected="a string")
_MAPPING: Final = _instance(Mapping, expected="a mapping")

CHECKS: Final[Mapping[str, Check]] = {
    "complaint": _lazy(_complaint),
    "submission": _lazy(_submission),
    "complaints": _each(_lazy(_complaint), "Complaint"),
    "actor": _lazy(_actor),
    "viewer": _lazy(_actor),
    "agency": _lazy(_agency),
    "rulebook": _lazy(_rulebook),
    "graph": _lazy(_graph),
    "period": _lazy(_period),
    "hierarchy": _any_protocol(("ancestors", "find"), expected="an agency hierarchy"),
    "directory": _protocol("find", "parent", expected="an agency hierarchy (find, parent)"),
    "calendar": _protocol("working_days_between", expected="a working-day calendar"),
    "agency_lookup": _callable,
    "parent_of": _callable,
    "zone": _zone,
    "time_zone": _text_or_zone,
    "now": check_aware,
    "at": check_aware,
    "submitted_at": check_aware,
    "cutoff": check_aware,
    "since": check_aware,
    "rank_cutoff": check_aware,
    "activity_since": check_aware,
    "expected_datetime": check_aware,
    "text": _STRING,
    "agency_id": _STRING,
    "region_code": _STRING,
    "code": _STRING,
    "category": _STRING,
    "rule_id": _STRING,
    "keep": check_strings,
    "known": check_strings,
    "strict": _instance(bool, expected="True or False"),
    "year": _year,
    "day": check_date,
    "first": check_date,
    "last": check_date,
    "start": check_date,
    "end": check_date,
    "name": _STRING,
    "clock": _STRING,
    "config": _lazy(_config),
    "out": _output,
    "secret": _instance(bytes, expected="bytes"),
    "json_text": _instance(str, bytes, bytearray, expected="JSON text"),
    "zoneinfo": _zoneinfo,
    "count": _count,
    "integer": _instance(int, expected="an integer"),
    "overrides": _MAPPING,
    "flags": _MAPPING,
    "post": _MAPPING,
    "rates": _MAPPING,
}
"""The check of each parameter name, by the one name sp4n uses for the concept."""


@overload
def boundary(func: Callable[P, R], /) -> Callable[P, R]: ...
@overload
def boundary(
    func: None = None, /, *, refuse_as: type[SP4NError] | None = None, **overrides: Check | None
) -> Callable[[Callable[P, R]], Callable[P, R]]: ...
def boundary(
    func: Callable[P, R] | None = None,
    /,
    *,
    refuse_as: type[SP4NError] | None = None,
    **overrides: Check | None,
) -> Callable[P, R] | Callable[[Callable[P, R]], Callable[P, R]]:
    """Check a public function's arguments by name at entry (see the module docstring).

    Args:
        func: The function (when used as ``@boundary``).
        refuse_as: The error class of the module, when it documents its own
            (``CalendarError``, ``ScoringError``); [`InvalidArgument`][sp4n.errors.InvalidArgument]
            otherwise.
        overrides: Checks for parameters whose meaning differs here from the
            common one (``scope=None`` turns a check off).
    """

    def decorate(target: Callable[P, R]) -> Callable[P, R]:
        plan = _plan(target, overrides)
        if not plan:
            return target

        @functools.wraps(target)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            values = list(args)
            try:
                for index, name, check, nullable in plan:
                    if index is not None and index < len(values):
                        value = values[index]
                        if not (nullable and value is None):
                            values[index] = check(name, value)
                    elif name in kwargs:
                        value = kwargs[name]
                        if not (nullable and value is None):
                            kwargs[name] = check(name, value)
            except InvalidArgument as exc:
                if refuse_as is None:
                    raise
                raise refuse_as(exc.message, rule=exc.rule, field=exc.field) from None
            return target(*values, **kwargs)  # type: ignore[arg-type]

        return guarded

    return decorate if func is None else decorate(func)


def _plan(
    target: Callable[..., Any], overrides: Mapping[str, Check | None]
) -> list[tuple[int | None, str, Check, bool]]:
    plan = []
    for index, parameter in enumerate(inspect.signature(target).parameters.values()):
        check = overrides.get(parameter.name, CHECKS.get(parameter.name))
        if check is None or parameter.kind in {parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD}:
            continue
        positional = parameter.kind in {parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD}
        annotation = parameter.annotation  # a string: the modules use postponed annotations
        nullable = parameter.default is None or (
            isinstance(annotation, str) and re.search(r"\bNone\b", annotation) is not None
        )
        plan.append((index if positional else None, parameter.name, check, nullable))
    return plan
