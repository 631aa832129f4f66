"""Sample data — *contoh laporan*: the embedded payloads of ``sp4n demo``.

Twenty-seven hand-written inbound reports in Indonesian (fictitious people,
NIKs and phone numbers; see ``scripts/make_sample_payloads.py``): seventeen
valid ones across report types, channels, privacy flags and the three time
zones, and ten that each break one rule, so an integrator sees what a refusal
looks like.

>>> rows = sample_payload_lines()
>>> len(rows) >= 20
True
"""

from __future__ import annotations

import functools
from importlib import resources

from sp4n.sample.generator import (
    AGENCY_PROFILES,
    SampleWorld,
    generate_complaints,
    sample_world,
    write_jsonl,
)

__all__ = [
    "AGENCY_PROFILES",
    "SampleWorld",
    "generate_complaints",
    "sample_payload_lines",
    "sample_payloads_path",
    "sample_world",
    "write_jsonl",
]


def sample_payloads_path() -> str:
    """Filesystem path of the sample JSON Lines file (for ``sp4n validate``)."""
    return str(resources.files("sp4n").joinpath("data/samples/reports.jsonl"))


@functools.cache
def sample_payload_lines() -> tuple[str, ...]:
    """The sample payloads, one JSON text per report, in file order."""
    text = resources.files("sp4n").joinpath("data/samples/reports.jsonl").read_text("utf-8")
    return tuple(line for line in text.splitlines() if line.strip())
