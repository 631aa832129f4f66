"""Hypothesis strategies for property tests of apps built on sp4n — *alat uji*.

The strategies the project's own tests use, shipped so that an integrator can
test an app with the same generators: valid and near-valid payloads, reporters
with valid NIKs, phone numbers and e-mail addresses, complaints whose history
was built by the lifecycle engine, agency hierarchies, calendars.

Hypothesis is an optional dependency: install ``sp4n[testing]``. Importing
this module without it raises a ``ModuleNotFoundError`` that says so.

Every complaint drawn here is lawful under the embedded defaults: its agencies
exist in ``AgencyGraph.indonesia()`` (Kabupaten Bogor ``kab-32.01``, Kota
Bandung ``kota-32.73``, Provinsi Jawa Barat ``prov-32``, PLN, the Ministry of
Health and some of their units), and its history was made by
[`sp4n.lifecycle.apply`][sp4n.lifecycle.apply].

>>> from hypothesis import given
>>> from sp4n.testing import complaints
>>> @given(complaints())
... def test_round_trip(complaint):
...     assert type(complaint).model_validate_json(complaint.model_dump_json()) == complaint
>>> test_round_trip()
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401 - only checks that the optional dependency is there
except ModuleNotFoundError as exc:  # pragma: no cover - exercised in a subprocess test
    _msg = (
        "sp4n.testing needs Hypothesis, an optional dependency: "
        "pip install 'sp4n[testing]' (or 'sp4n[dev]')"
    )
    raise ModuleNotFoundError(_msg, name="hypothesis") from exc

from sp4n.testing.complaints import (
    AGENCY_IDS,
    REPORTER_USER,
    TREE,
    UNIT_IDS,
    actors,
    complaints,
    events,
    next_events,
    submissions,
)
from sp4n.testing.dates import calendars, confirmed_dates
from sp4n.testing.hierarchy import agency_trees, region_codes, routing_trees
from sp4n.testing.identity import emails, names, niks, phones, reporters
from sp4n.testing.payloads import (
    garbage_payloads,
    json_values,
    near_valid_payloads,
    submission_payloads,
)

__all__ = [
    "AGENCY_IDS",
    "REPORTER_USER",
    "TREE",
    "UNIT_IDS",
    "actors",
    "agency_trees",
    "calendars",
    "complaints",
    "confirmed_dates",
    "emails",
    "events",
    "garbage_payloads",
    "json_values",
    "names",
    "near_valid_payloads",
    "next_events",
    "niks",
    "phones",
    "region_codes",
    "reporters",
    "routing_trees",
    "submission_payloads",
    "submissions",
]
