"""Reading a file of complaints for ``monev``, ``sla`` and ``demo --input``: one policy for all.

Each [`Complaint`][sp4n.models.Complaint] payload of a JSON Lines file (or of a
``.json`` array) is

1. read by [`sp4n.payloads.iter_payloads`][sp4n.payloads.iter_payloads], as ``sp4n validate`` reads
   it (UTF-8 only, rule INPUT-ENCODING; JSON limits, INPUT-JSON: a file that
   breaks them is unusable, exit 2);
2. validated as a ``Complaint`` and its history replayed through the
   lifecycle engine ([`sp4n.lifecycle.check_history`][sp4n.lifecycle.check_history]); a line that
   fails
   either is *refused*: counted, its first reason kept, and the run exits 1;
3. checked for its tracking id: the first valid line with an id is used, each
   later line with the same id is refused (rule INPUT-DUPLICATE), so a report
   is never counted twice;
4. evaluated *as of* ``--now`` (rule INPUT-AFTER-NOW): a report submitted
   after ``--now`` did not exist yet and is skipped (counted, with a note,
   not an error); events after ``--now`` have not happened yet, so the
   report is replayed from its events up to ``--now`` and judged in the
   status it had then. Fields an admin changed at a verification dated after
   ``--now`` (summary title, tags, category) keep their later value: the
   payload does not record the earlier one.

Memory stays bounded as in ``sp4n validate``: reports stream through one at
a time; only the tracking ids seen are kept (an integer each, about 50 bytes
per report) to detect duplicates.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Final

from pydantic import ValidationError
from rich.progress import Progress

from sp4n.cli._io import run_lang, say
from sp4n.errors import DataError, SP4NError
from sp4n.i18n import Message, declare
from sp4n.lifecycle import AgencyTree, WorkingDayCounter, check_history, replay, submission_of
from sp4n.models import Complaint
from sp4n.payloads import iter_payloads, problems_from

__all__ = ["ComplaintReader", "input_notes"]

_KEPT: Final = 5
"""How many reasons and duplicate ids a summary names."""


class ComplaintReader:
    """Stream the valid complaints of a JSON Lines file, as of ``now``; count the rest.

    Args:
        path: The file.
        graph: The hierarchy the histories are replayed against.
        calendar: The working-day calendar of the replay.
        now: The evaluation instant (``--now``).
        echo: Print every refusal to stderr as it happens (``sp4n sla``);
            otherwise only the first few are kept for the summary.

    Raises:
        DataError: no such file (rule INPUT-FILE).
    """

    def __init__(
        self,
        path: Path,
        *,
        graph: AgencyTree,
        calendar: WorkingDayCounter,
        now: datetime,
        echo: bool = False,
    ) -> None:
        if not path.is_file():
            raise DataError(
                Message("INPUT-FILE.missing", "no such file: {path}", path=str(path)),
                rule="INPUT-FILE",
            )
        self.path, self.graph, self.calendar, self.now, self.echo = path, graph, calendar, now, echo
        self.lines = 0
        self.rejected = 0
        self.problems: list[str] = []
        self.not_yet_submitted = 0
        self.truncated = 0
        self.duplicates = 0
        self.duplicate_ids: list[str] = []
        self._seen: set[int] = set()

    def complaints(self, bar: Progress | None = None) -> Iterator[Complaint]:
        """The valid complaints, as of ``now``, in file order."""
        for _, complaint in self.numbered(bar):
            yield complaint

    def numbered(self, bar: Progress | None = None) -> Iterator[tuple[int, Complaint]]:
        """``(line, complaint)`` of each valid complaint, as of ``now``, in file order."""
        task = None if bar is None else bar.add_task("reading", total=self.path.stat().st_size)
        for number, text in iter_payloads(self.path):
            if bar is not None and task is not None:
                bar.advance(task, len(text) + 1)
            self.lines += 1
            complaint = self._parse(number, text)
            if complaint is not None:
                yield number, complaint

    def _parse(self, number: int, text: str) -> Complaint | None:
        try:
            complaint = Complaint.model_validate_json(text)
            check_history(complaint, hierarchy=self.graph, calendar=self.calendar)
        except ValidationError as exc:
            first = problems_from(exc, line=number, lang=run_lang())[0]
            self.refuse(number, f"{first.field or '-'}: {first.rule}: {first.message}")
            return None
        except SP4NError as exc:
            self.refuse(number, f"{exc.rule}: {exc.text(run_lang())}")
            return None
        if self._is_duplicate(complaint.tracking_id):
            self.duplicates += 1
            if len(self.duplicate_ids) < _KEPT:
                self.duplicate_ids.append(complaint.tracking_id)
            seen = Message(
                "INPUT-DUPLICATE.seen",
                "tracking id {tracking_id} seen before",
                tracking_id=complaint.tracking_id,
            )
            self.refuse(number, f"INPUT-DUPLICATE: {say(seen)}")
            return None
        return self._as_of_now(number, complaint)

    def _is_duplicate(self, tracking_id: str) -> bool:
        key = int(tracking_id) * 16 + len(tracking_id)  # leading zeros keep ids apart
        if key in self._seen:
            return True
        self._seen.add(key)
        return False

    def _as_of_now(self, number: int, complaint: Complaint) -> Complaint | None:
        """The complaint as it stood at ``now`` (rule INPUT-AFTER-NOW), or ``None`` if not yet."""
        if complaint.submitted_at > self.now:
            self.not_yet_submitted += 1
            return None
        if complaint.history[-1].at <= self.now:
            return complaint
        self.truncated += 1
        try:
            return replay(
                submission_of(complaint),
                [e for e in complaint.history if e.at <= self.now],
                tracking_id=complaint.tracking_id,
                hierarchy=self.graph,
                calendar=self.calendar,
            )
        except SP4NError as exc:  # an event before now was allowed only by a later one
            self.refuse(number, f"{exc.rule}: {exc.text(run_lang())}")
            return None

    def refuse(self, number: int, why: str) -> None:
        """Count line ``number`` as refused because of ``why``."""
        self.rejected += 1
        line = say(Message("ui.cli.line", "line {number}: {why}", number=number, why=why))
        if self.echo:
            print(line, file=sys.stderr)
        if len(self.problems) < _KEPT:
            self.problems.append(line)

    def summary(self) -> list[Message]:
        """One note per kind: refusals, duplicates, reports not yet submitted at ``now``."""
        notes = []
        if self.rejected:  # when echoed, each refusal was printed already
            if self.echo:
                notes.append(Message(_REFUSED, count=self.rejected))
            else:
                listed = "; ".join(self.problems)
                notes.append(Message(_REFUSED_LISTED, count=self.rejected, listed=listed))
        notes += input_notes(
            duplicates=self.duplicates,
            duplicate_ids=self.duplicate_ids,
            after_now=self.not_yet_submitted,
            as_of_now=self.truncated,
        )
        return notes


def input_notes(
    *, duplicates: int, duplicate_ids: Sequence[str], after_now: int, as_of_now: int
) -> list[Message]:
    """The notes on repeats and on ``--now`` (``sla``, ``demo --input`` and ``monev`` alike).

    Args:
        duplicates: Lines refused for a tracking id seen before (INPUT-DUPLICATE).
        duplicate_ids: The first of those ids.
        after_now: Reports skipped: submitted after ``--now`` (INPUT-AFTER-NOW).
        as_of_now: Reports judged as they stood at ``--now``.
    """
    notes = []
    if duplicates:
        ids = ", ".join(duplicate_ids[:_KEPT]) + (", …" if duplicates > _KEPT else "")
        notes.append(
            Message(
                "INPUT-DUPLICATE.summary",
                "{count} duplicate tracking id line(s) refused [INPUT-DUPLICATE]: {ids}",
                count=duplicates,
                ids=ids,
            )
        )
    if after_now:
        notes.append(
            Message(
                "INPUT-AFTER-NOW.skipped",
                "{count} report(s) submitted after --now skipped [INPUT-AFTER-NOW]",
                count=after_now,
            )
        )
    if as_of_now:
        notes.append(
            Message(
                "INPUT-AFTER-NOW.truncated",
                "{count} report(s) judged as of --now: later events left out [INPUT-AFTER-NOW]",
                count=as_of_now,
            )
        )
    return notes


_REFUSED: Final = declare("ui.cli.refused", "{count} line(s) refused")
_REFUSED_LISTED: Final = declare("ui.cli.refused-listed", "{count} line(s) refused: {listed}")
