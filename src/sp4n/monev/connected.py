r"""Which governments are connected — *terhubung* — for the connectivity indicator.

Rule IND-CONNECTIVITY (standard.md §7 [R], MENPAN-2020): connectivity is the
governments in scope with an SK team (connected to SP4N-LAPOR!) ÷ the
governments in scope. The library cannot know which governments have one: the
embedded hierarchy marks every agency connected [D]. So a monev report shows
connectivity only when told, from a file
([`ConnectedGovernments.from_csv`][sp4n.monev.connected.ConnectedGovernments.from_csv],
``sp4n monev --connected FILE``) or from a hierarchy whose flags were set
([`ConnectedGovernments.from_hierarchy`][sp4n.monev.connected.ConnectedGovernments.from_hierarchy]);
otherwise it is *unknown*
(*tidak diketahui*), never a percentage.

The file is a CSV with a header and a column ``region_code`` (a government by
its Kemendagri code: ``61`` the province, ``61.71`` Kota Pontianak) or
``agency_id`` (an id of the hierarchy: ``kab-61.01``, or a central body), and
an optional column ``connected`` (``true``/``false``, ``ya``/``tidak``,
``1``/``0``; default true). Governments not listed count as not connected. DKI
Jakarta is one autonomous government (rule ROUTE-DKI-ADMIN, UU 29/2007): its
administrative cities are no governments, so they are refused, and the
province counts once.

>>> from sp4n.hierarchy import AgencyGraph
>>> graph = AgencyGraph.indonesia()
>>> found = ConnectedGovernments.from_csv_text("region_code,connected\n61,true\n61.71,ya\n"
...     "61.72,false\n", graph, source="terhubung.csv")
>>> sorted(found.ids), found.rows
(['kota-61.71', 'prov-61'], 3)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Final

import attrs

from sp4n.errors import DataError
from sp4n.hierarchy import GOVERNMENT_KINDS, AgencyGraph
from sp4n.i18n import Message
from sp4n.models import Agency
from sp4n.vocabulary import AgencyKind

__all__ = ["CONNECTED_COLUMNS", "ConnectedGovernments"]

CONNECTED_COLUMNS: Final = ("region_code", "agency_id", "connected")
"""The columns of a connectivity file (one of the first two, the third optional)."""

_TRUE: Final = frozenset({"true", "1", "yes", "ya", "y"})
_FALSE: Final = frozenset({"false", "0", "no", "tidak", "n"})
_LISTABLE: Final = GOVERNMENT_KINDS | {
    AgencyKind.MINISTRY,
    AgencyKind.AGENCY,
    AgencyKind.PUBLIC_BODY,
    AgencyKind.SOE,
}
_MAX_ROWS: Final = 100_000


@attrs.frozen
class ConnectedGovernments:
    """The agencies connected to SP4N-LAPOR! and where that came from.

    Attributes:
        ids: Agency ids connected (governments and central bodies).
        source: Where the list came from (a file name, or ``hierarchy``), for the report.
        rows: Rows read from the file (0 from a hierarchy).
    """

    ids: frozenset[str]
    source: str
    rows: int = 0

    def is_connected(self, agency: Agency) -> bool:
        """Whether an agency is listed as connected."""
        return agency.id in self.ids

    @classmethod
    def from_hierarchy(
        cls, graph: AgencyGraph, *, source: str = "hierarchy"
    ) -> ConnectedGovernments:
        """The ``connected`` flags of a hierarchy whose flags were set (e.g. ``with_connected``).

        Only meaningful for a hierarchy built with real flags: the embedded
        default marks every agency connected.
        """
        return cls(frozenset(a.id for a in graph.agencies() if a.connected), source)

    @classmethod
    def from_csv(cls, path: str | Path, graph: AgencyGraph) -> ConnectedGovernments:
        """Read a connectivity CSV file (see the module docstring).

        Raises:
            DataError: the file cannot be read (INPUT-FILE), or a row is not
                valid (REGION-CODE for an unknown or non-government code,
                AGENCY-TREE for an unknown id, ROUTE-DKI-ADMIN for a DKI
                administrative city); the message names the line.
        """
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise DataError(
                Message(
                    "INPUT-FILE.cannot-read-file-why",
                    "cannot read {file}: {why}",
                    file=str(file),
                    why=str(why),
                ),
                rule="INPUT-FILE",
                field="connected",
            ) from None
        return cls.from_csv_text(text, graph, source=file.name)

    @classmethod
    def from_csv_text(cls, text: str, graph: AgencyGraph, *, source: str) -> ConnectedGovernments:
        """Read a connectivity CSV from its text; ``source`` names it in the report.

        Raises:
            DataError: as [`from_csv`][sp4n.monev.connected.ConnectedGovernments.from_csv].
        """
        reader = csv.DictReader(io.StringIO(text))
        header = [h.strip() for h in reader.fieldnames or ()]
        key = next((c for c in CONNECTED_COLUMNS[:2] if c in header), None)
        if key is None:
            raise DataError(
                Message(
                    "INPUT-FILE.connectivity-file-needs-column",
                    "a connectivity file needs a column region_code or agency_id",
                ),
                rule="INPUT-FILE",
                field="connected",
            )
        reader.fieldnames = header
        ids: set[str] = set()
        rows = 0
        for line, row in enumerate(reader, start=2):
            rows += 1
            if rows > _MAX_ROWS:
                raise DataError(
                    Message(
                        "INPUT-FILE.connectivity-file-has-most",
                        "a connectivity file has at most {max_rows} rows",
                        max_rows=str(_MAX_ROWS),
                    ),
                    rule="INPUT-FILE",
                    field="connected",
                )
            value = (row.get(key) or "").strip()
            if not value:
                continue
            agency = _agency(graph, key, value, line)
            if _flag(row.get("connected"), line):
                ids.add(agency.id)
        return cls(frozenset(ids), source, rows)

    def restricted(self, agencies: Iterable[Agency]) -> frozenset[str]:
        """The ids of ``agencies`` that are connected."""
        return frozenset(a.id for a in agencies if a.id in self.ids)


def _agency(graph: AgencyGraph, key: str, value: str, line: int) -> Agency:
    if key == "region_code":
        found = graph.government(value)
        if found is None:
            area = graph.administrative_area(value)
            if area is not None:
                raise DataError(
                    Message(
                        "ROUTE-DKI-ADMIN.line-line-value-name",
                        "line {line}: {value} ({name}) is an administrative city of DKI Jakarta, "
                        "governed by the province: list the province (31) once",
                        line=str(line),
                        value=str(value),
                        name=str(area.name),
                    ),
                    rule="ROUTE-DKI-ADMIN",
                    field="region_code",
                )
            raise DataError(
                Message(
                    "REGION-CODE.line-line-value-region",
                    "line {line}: {value} is not the region code of a province, regency or city",
                    line=str(line),
                    value=repr(value),
                ),
                rule="REGION-CODE",
                field="region_code",
            )
        return found
    found = graph.find(value)
    if found is None:
        raise DataError(
            Message(
                "AGENCY-TREE.line-line-value-agency",
                "line {line}: {value} is not an agency id of the hierarchy",
                line=str(line),
                value=repr(value),
            ),
            rule="AGENCY-TREE",
            field="agency_id",
        )
    if found.kind is AgencyKind.ADMINISTRATIVE_AREA:
        raise DataError(
            Message(
                "ROUTE-DKI-ADMIN.line-line-value-administrative",
                "line {line}: {value} is an administrative city of DKI Jakarta: list prov-31 once",
                line=str(line),
                value=str(value),
            ),
            rule="ROUTE-DKI-ADMIN",
            field="agency_id",
        )
    if found.kind not in _LISTABLE:
        raise DataError(
            Message(
                "AGENCY-TREE.line-line-value-lower",
                "line {line}: {value} is a {lower}, not a government or central body: "
                "connectivity counts governments (IND-CONNECTIVITY)",
                line=str(line),
                value=str(value),
                lower=str(found.kind.value.lower()),
            ),
            rule="AGENCY-TREE",
            field="agency_id",
        )
    return found


def _flag(raw: str | None, line: int) -> bool:
    value = (raw or "").strip().lower()
    if not value or value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise DataError(
        Message(
            "INPUT-FILE.line-line-column-connected",
            "line {line}: the column connected must be true or false",
            line=str(line),
        ),
        rule="INPUT-FILE",
        field="connected",
    )
