"""JSON Schema (draft 2020-12) of the payloads, for integrators' own validators.

An app written in another language validates a report payload against the
same rules as ``sp4n`` by loading these schemas. The schema mirrors the
models; a few checks need data or arithmetic that JSON Schema cannot say
(the regency part and exact birth date of a NIK, phone-number validity per
numbering plan, the incident date not after submission, history order) and
are enforced by the models only. Everything a schema rejects, the model
rejects too.

>>> schema = json_schema("submission")
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> sorted(MODELS)
['agency', 'complaint', 'submission']
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from pydantic import BaseModel

from sp4n._guards import boundary
from sp4n.errors import ConfigError
from sp4n.models import Agency, Complaint, ComplaintSubmission

__all__ = ["DRAFT_2020_12", "MODELS", "MODEL_ONLY_RULES", "json_schema", "json_schema_text"]

DRAFT_2020_12: Final = "https://json-schema.org/draft/2020-12/schema"

MODELS: Final[Mapping[str, type[BaseModel]]] = MappingProxyType(
    {"submission": ComplaintSubmission, "complaint": Complaint, "agency": Agency}
)
"""Schema names and the models they describe: ``submission`` is the inbound payload."""

MODEL_ONLY_RULES: Final = (
    "ID-NIK-REGION (regency part)",
    "ID-NIK-BIRTHDATE (exact calendar date)",
    "ID-PHONE (numbering plan)",
    "ID-EMAIL (full RFC 5322 / IDNA rules)",
    "INCIDENT-DATE",
    "HISTORY-START",
    "HISTORY-ORDER",
    "ACTOR-AGENCY",
    "AGENCY-PARENT",
    "AGENCY-TIME-ZONE",
    "TRACKING-ID (rulebook-configured length)",
)
"""Rules that the models enforce but JSON Schema cannot express."""


@boundary
def json_schema(name: str = "submission") -> dict[str, Any]:
    """The JSON Schema of model ``name`` (see :data:`MODELS`), draft 2020-12.

    Raises:
        ConfigError: ``name`` is not a known model.
    """
    try:
        model = MODELS[name]
    except KeyError:
        msg = f"unknown schema {name!r}; choose from {', '.join(sorted(MODELS))}"
        raise ConfigError(msg, field="model") from None
    body = model.model_json_schema(mode="validation")
    return {"$schema": DRAFT_2020_12, "title": f"sp4n {name}", **body}


def json_schema_text(name: str = "submission") -> str:
    """The schema as stable, indented JSON text (sorted keys), e.g. for a golden file."""
    return json.dumps(json_schema(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
