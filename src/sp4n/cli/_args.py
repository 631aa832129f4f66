"""Argument checks shared by the sub-commands, so every command refuses bad input alike."""

from __future__ import annotations

import argparse
from datetime import datetime

from rich.console import Console

from sp4n.errors import DataError
from sp4n.regions import is_region_code


def instant(text: str) -> datetime:
    """An ``argparse`` type: an ISO 8601 instant with a UTC offset (rule TIMESTAMP-AWARE)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        msg = f"not an ISO 8601 instant with an offset: {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def checked_region(region: str | None) -> str | None:
    """``region`` if it is a Kemendagri code by format, else a ``DataError`` (rule REGION-CODE)."""
    if region is not None and not is_region_code(region):
        msg = f"{region!r} is not a region code (PP, PP.RR, PP.RR.DD or PP.RR.DD.VVVV)"
        raise DataError(msg, rule="REGION-CODE", field="region")
    return region


def console() -> Console:
    """The output console: 120 columns when not a terminal, so logs and tests stay stable."""
    return Console(width=None if Console().is_terminal else 120, highlight=False)
