"""Every public call refuses a hostile argument at its boundary (rule API-ARGUMENT, #11).

Each good call of :mod:`.boundary_table` is repeated with one argument
replaced by a hostile value. The only acceptable outcomes: the call works (the
value was acceptable there, e.g. ``None`` for an optional argument) or raises
an ``SP4NError`` or a pydantic ``ValidationError`` — never an
``AttributeError``, ``KeyError``, ``OverflowError`` or a bare ``TypeError`` /
``ValueError`` from deep inside.
"""

import inspect
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from sp4n.errors import InvalidArgument, SP4NError

from .boundary_table import HOSTILE, rows

OPTIONAL = ("rulebook", "calendar", "hierarchy", "now", "at", "strict", "time_zone", "keep")
OPTIONAL += ("known", "agency_lookup", "zone", "config", "scope", "period", "cutoff", "key")


def _cases() -> Iterator[Any]:
    for name, function, args, kwargs in rows():
        signature = inspect.signature(function)
        names = list(signature.bind(*args, **kwargs).arguments)
        names += [
            p.name
            for p in signature.parameters.values()
            if p.name not in names and p.name in OPTIONAL and p.kind is not p.VAR_KEYWORD
        ]
        for parameter in names:
            yield pytest.param(function, args, kwargs, parameter, id=f"{name}-{parameter}")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in a temporary folder: a hostile "x" may be a valid relative path to write to."""
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(("function", "args", "kwargs", "parameter"), list(_cases()))
def test_API_ARGUMENT_hostile_values_fail_at_the_boundary(
    function: Any, args: tuple[Any, ...], kwargs: dict[str, Any], parameter: str
) -> None:
    """Each hostile value gives a documented error naming the argument, or is accepted."""
    escaped = []
    for value in HOSTILE:
        bound = inspect.signature(function).bind(*args, **kwargs)
        bound.arguments[parameter] = value
        try:
            result = function(*bound.args, **bound.kwargs)
            if isinstance(result, Iterator):
                list(itertools.islice(result, 50))
        except InvalidArgument as exc:
            if exc.field is None:
                escaped.append(f"{value!r:.40} -> an InvalidArgument naming no argument")
        except (SP4NError, ValidationError):
            pass
        except Exception as exc:  # the point: nothing else may escape
            escaped.append(f"{value!r:.40} -> {type(exc).__name__}: {exc}")
    assert escaped == []


def test_API_ARGUMENT_known_identity_as_a_bare_string_is_refused() -> None:
    """mask_pii(text, known="Budi Santoso") is refused, not split into characters."""
    from sp4n.privacy import Masker, mask_pii

    with pytest.raises(InvalidArgument, match="known"):
        mask_pii("Budi Santoso", known="Budi Santoso")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Masker(keep="0012345674")  # type: ignore[arg-type]


def test_API_ARGUMENT_bulk_due_dates_refuses_epoch_day_integers() -> None:
    """bulk_due_dates([19000]) is refused rather than read as an epoch day."""
    import numpy as np

    from sp4n.sla import bulk_due_dates

    for starts in ([19_000], np.array([19_000]), "2024-04-05", None):
        with pytest.raises(InvalidArgument) as info:
            bulk_due_dates(starts, "SLA-VERIFY")  # type: ignore[arg-type]
        assert info.value.field == "starts"
