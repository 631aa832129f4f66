"""The argument checks of the monev entry points (rule API-ARGUMENT, issue #11).

`sp4n._guards.boundary` checks parameters by their one name across
sp4n; these are the names whose meaning is narrower in monev: the pipeline
needs the `AgencyGraph` itself (routing, provinces),
a `WorkingCalendar` (its numpy week), and monev's own
``scope``, ``min_count``, ``sla``, ``connected`` and ``state``. A wrong type
or range is refused at entry with `InvalidArgument`
naming the argument, never an ``AttributeError`` from deep inside.

>>> @monev_boundary
... def evaluate_scope(scope):
...     return scope
>>> evaluate_scope(61)
Traceback (most recent call last):
...
sp4n.errors.InvalidArgument: scope must be 'national' or a region code such as '61', not int
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Mapping
from os import PathLike
from typing import Any, Final, ParamSpec, TypeVar

import numpy as np

from sp4n._guards import CHECKS, boundary
from sp4n.errors import InvalidArgument
from sp4n.i18n import Message

__all__ = ["monev_boundary"]

Check = Callable[[str, Any], Any]
P = ParamSpec("P")
R = TypeVar("R")
_REGION: Final = re.compile(r"[0-9]{2}(\.[0-9]{2,4}){0,3}")


def _refuse(name: str, expected: str, value: object) -> InvalidArgument:
    return InvalidArgument(
        Message(
            "error.monev.argument-type",
            "{name} must be {expected}, not {type}",
            name=name,
            expected=expected,
            type=type(value).__name__,
        ),
        field=name,
    )


def _instance_of(module: str, cls: str, article: str = "a") -> Check:
    """An ``isinstance`` check against ``module.cls``, imported on first use.

    The monev modules import the hierarchy, the calendar and the pipeline;
    importing them here at module level would make a cycle.
    """

    def check(name: str, value: Any) -> Any:
        if not isinstance(value, getattr(importlib.import_module(module), cls)):
            raise _refuse(name, f"{article} {cls}", value)
        return value

    return check


_graph: Final = _instance_of("sp4n.hierarchy", "AgencyGraph", "an")
_calendar: Final = _instance_of("sp4n.workdays", "WorkingCalendar")
_connected: Final = _instance_of("sp4n.monev.connected", "ConnectedGovernments")
_options: Final = _instance_of("sp4n.monev.sources", "MonevOptions")
_part: Final = _instance_of("sp4n.monev.sources", "Part")


def _scope(name: str, value: Any) -> Any:
    if not isinstance(value, str) or not (value == "national" or _REGION.fullmatch(value)):
        raise _refuse(name, "'national' or a region code such as '61'", value)
    return value


def _state(name: str, value: Any) -> Any:
    if not isinstance(value, Mapping):
        raise _refuse(name, "a mapping (MonevPipeline.state())", value)
    return value


def _paths(name: str, value: Any) -> Any:
    """A list of files and folders, never a bare string (it would be split into characters)."""
    if isinstance(value, str | bytes | PathLike) or not isinstance(value, list | tuple):
        raise _refuse(name, "a list of paths", value)
    for item in value:
        if not isinstance(item, str | PathLike):
            item_name = f"an item of {name}"
            raise _refuse(item_name, "a path", item)
    return value


def _keys(name: str, value: Any) -> Any:
    """Sorted tracking-id keys (`sp4n.monev._ids`): a one-dimensional int64 array."""
    if not isinstance(value, np.ndarray) or value.dtype != np.int64 or value.ndim != 1:
        raise _refuse(name, "a numpy int64 array of tracking-id keys", value)
    return value


def _iterable(name: str, value: Any) -> Any:
    """An iterable (checked item by item where it is read), never a bare string or mapping."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise _refuse(name, "an iterable", value)
    return value


def _workers(name: str, value: Any) -> Any:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 1024:
        msg = Message(
            "error.monev.workers-range", "{name} must be a whole number from 1 to 1024", name=name
        )
        raise InvalidArgument(msg, field=name)
    return value


def monev_boundary(func: Callable[P, R], /) -> Callable[P, R]:
    """`sp4n._guards.boundary` with the monev meaning of these parameter names."""
    return boundary(
        hierarchy=_graph,
        calendar=_calendar,
        scope=_scope,
        min_count=CHECKS["count"],
        sla=CHECKS["strict"],
        check=CHECKS["strict"],
        connected=_connected,
        state=_state,
        options=_options,
        paths=_paths,
        workers=_workers,
        part=_part,
        exclude=_keys,
        lines=_iterable,
        results=_iterable,
        parts=_iterable,
    )(func)
