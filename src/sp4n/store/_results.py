"""What the store returns: a stored report with its version, an import's counts, the clock."""

from __future__ import annotations

from datetime import UTC, datetime

import attrs

from sp4n.models import Complaint
from sp4n.vocabulary import Status

__all__ = ["ImportResult", "StoredReport", "utc_now"]


def utc_now() -> datetime:
    """The store's default clock: the machine's time, in UTC.

    The library never reads the clock (STYLE); a store records *when it
    recorded*, which only the machine knows. Pass ``clock=`` to fix it.
    """
    return datetime.now(UTC)


@attrs.frozen
class StoredReport:
    """A report as stored: the complaint and its version (the number of its events).

    The version is what a caller passes back as ``expected_version`` to say
    "I decided on this state" (optimistic concurrency, STORE-CONCURRENT-UPDATE).
    """

    complaint: Complaint
    version: int

    @property
    def tracking_id(self) -> str:
        """The report's tracking id."""
        return self.complaint.tracking_id

    @property
    def status(self) -> Status:
        """The report's current status."""
        return self.complaint.status


@attrs.frozen
class ImportResult:
    """What a batch import did: reports stored, skipped (already there) and refused."""

    imported: int
    skipped: int
    refused: int
    problems: tuple[str, ...] = ()
