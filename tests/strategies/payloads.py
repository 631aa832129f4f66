"""Strategies for raw payloads: JSON garbage and near-miss reports."""

import json

from hypothesis import strategies as st

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)

FIELDS = (
    "type",
    "examination",
    "title",
    "body",
    "incident_date",
    "location",
    "target_agency_id",
    "category",
    "attachments",
    "channel",
    "anonymous",
    "confidential",
    "reporter",
    "submitted_at",
)


@st.composite
def garbage_payloads(draw: st.DrawFn) -> str:
    """JSON text that looks a little like a report: known keys with random values, or junk."""
    kind = draw(st.sampled_from(["object", "any", "bytes"]))
    if kind == "bytes":
        return draw(st.text(max_size=60))
    if kind == "any":
        return json.dumps(draw(json_values))
    keys = draw(st.lists(st.sampled_from(FIELDS) | st.text(max_size=8), max_size=10))
    return json.dumps({k: draw(json_values) for k in keys})
