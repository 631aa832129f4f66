"""The tile-grid map layout of the 38 provinces (``data/monev/province_tiles.csv``).

Rule: issue #14 ("a tile-grid map of the 38 provinces"). One square per
province, so a small province weighs as much as Papua on the page; the layout
is schematic (see ``data/monev/SOURCE.md``).

>>> tiles = province_tiles()
>>> len(tiles), tiles[0]
(38, ProvinceTile(code='11', abbreviation='Aceh', row=0, col=0))
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

import attrs

__all__ = ["ProvinceTile", "province_tiles"]


@attrs.frozen
class ProvinceTile:
    """A province's tile: its Kemendagri code, short name and grid cell (row 0 = north)."""

    code: str
    abbreviation: str
    row: int
    col: int


@functools.cache
def province_tiles() -> tuple[ProvinceTile, ...]:
    """Every province's tile, by code."""
    data = resources.files("sp4n").joinpath("data/monev/province_tiles.csv").read_text("utf-8")
    return tuple(
        ProvinceTile(row["code"], row["abbreviation"], int(row["row"]), int(row["col"]))
        for row in csv.DictReader(io.StringIO(data))
    )
