"""JSON Schema (draft 2020-12) of the payloads, for integrators' own validators.

An app written in another language validates a report payload against the
same rules as ``sp4n`` by loading these schemas. The contract (ADR 0003): the
schema accepts every payload the model accepts, in every written form the
model accepts (``sp4n._forms``); a few checks need data or arithmetic that
JSON Schema cannot say and are made by the models only
([`MODEL_ONLY_RULES`][sp4n.schema.MODEL_ONLY_RULES]). So a payload the schema refuses is refused by
``sp4n`` too, never the other way round.

Each schema has a stable ``$id`` per model and ``sp4n`` version,
``https://sp4n.github.io/sp4n/schema/<version>/<model>.schema.json``
([`schema_id`][sp4n.schema.schema_id]); [`write_schemas`][sp4n.schema.write_schemas] (``sp4n schema
--all --out DIR``)
writes the same layout, ``DIR/<version>/<model>.schema.json``, so that an
integrator can pin, serve or vendor one version.

>>> schema = json_schema("submission")
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> schema["$id"] == schema_id("submission")
True
>>> sorted(MODELS)
['agency', 'complaint', 'submission']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from importlib.metadata import version as _package_version
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from sp4n._files import write_text_files
from sp4n._forms import WHITESPACE
from sp4n._guards import boundary
from sp4n.errors import ConfigError, DataError
from sp4n.i18n import Message
from sp4n.models import Agency, Complaint, ComplaintSubmission

__all__ = [
    "DRAFT_2020_12",
    "MODELS",
    "MODEL_ONLY_RULES",
    "SCHEMA_BASE_URL",
    "json_schema",
    "json_schema_text",
    "schema_id",
    "schema_version",
    "write_schemas",
]

DRAFT_2020_12: Final = "https://json-schema.org/draft/2020-12/schema"

SCHEMA_BASE_URL: Final = "https://sp4n.github.io/sp4n/schema"
"""Base of every ``$id``: ``<base>/<version>/<model>.schema.json`` (ADR 0003).

An ``$id`` names a schema; the documentation site publishes the files of
each release under the same path, so the name also resolves.
"""

MODELS: Final[Mapping[str, type[BaseModel]]] = MappingProxyType(
    {"submission": ComplaintSubmission, "complaint": Complaint, "agency": Agency}
)
"""Schema names and the models they describe: ``submission`` is the inbound payload."""

MODEL_ONLY_RULES: Final = (
    "ID-NIK-REGION (the regency part; the schema checks the province and a district not 00)",
    "ID-NIK-BIRTHDATE (the exact calendar date; the schema checks day and month ranges)",
    "ID-PHONE (the numbering plan; the schema checks the written form)",
    "ID-EMAIL (RFC 5321/6531 and IDNA rules; the schema checks the shape)",
    "TIMESTAMP-FORMAT (a real calendar date and time, when the validator ignores `format`)",
    "INCIDENT-DATE",
    "HISTORY-START",
    "HISTORY-ORDER",
    "ACTOR-AGENCY",
    "AGENCY-PARENT",
    "AGENCY-TIME-ZONE",
    "TRACKING-ID (rulebook-configured length)",
)
"""Rules that the models enforce but the schema does not (fully) express.

Everything else is in the schema: the written forms of NIK, phone, e-mail,
dates and instants, text lengths (as sent) and non-blank text, enums,
REPORTER-CONTACT (``anyOf``) and REPORT-EXAMINATION (``if``/``then``).
"""

# JSON text may carry these literally; escaping them keeps the files readable and diffable.
_INVISIBLE: Final = {ord(c): f"\\u{ord(c):04x}" for c in WHITESPACE if ord(c) > 0x7F}


class _PortableJsonSchema(GenerateJsonSchema):
    """pydantic's generator without the OpenAPI ``discriminator`` keyword.

    ``discriminator`` is not JSON Schema: ajv in its default strict mode refuses
    to compile a schema that has it. The ``oneOf`` of the event kinds, each with
    its ``kind`` constant, already says the same.
    """

    def tagged_union_schema(self, schema: core_schema.TaggedUnionSchema) -> JsonSchemaValue:
        generated = super().tagged_union_schema(schema)
        generated.pop("discriminator", None)
        return generated


def schema_version() -> str:
    """The version in the ``$id`` of the schemas: the installed ``sp4n`` version."""
    return _package_version("sp4n")


def schema_id(name: str, version: str | None = None) -> str:
    """The ``$id`` of schema ``name`` for ``version`` (default: `schema_version`).

    >>> schema_id("agency", "0.1.0")
    'https://sp4n.github.io/sp4n/schema/0.1.0/agency.schema.json'
    """
    return f"{SCHEMA_BASE_URL}/{version or schema_version()}/{_model(name)[0]}.schema.json"


def _model(name: str) -> tuple[str, type[BaseModel]]:
    try:
        return name, MODELS[name]
    except KeyError:
        raise ConfigError(
            Message(
                "error.schema.unknown-schema-name-choose",
                "unknown schema {name}; choose from {join}",
                name=repr(name),
                join=str(", ".join(sorted(MODELS))),
            ),
            field="model",
        ) from None


@boundary
def json_schema(name: str = "submission") -> dict[str, Any]:
    """The JSON Schema of model ``name`` (see `MODELS`), draft 2020-12, with its ``$id``.

    Raises:
        ConfigError: ``name`` is not a known model.
    """
    _, model = _model(name)
    body = model.model_json_schema(mode="validation", schema_generator=_PortableJsonSchema)
    return {"$schema": DRAFT_2020_12, "$id": schema_id(name), "title": f"sp4n {name}", **body}


def json_schema_text(name: str = "submission") -> str:
    """The schema as stable, indented JSON text (sorted keys), e.g. for a golden file.

    Whitespace characters outside ASCII (in the non-blank pattern) are written
    as JSON escapes, which every JSON parser reads back as the same characters.
    """
    text = json.dumps(json_schema(name), indent=2, sort_keys=True, ensure_ascii=False)
    return text.translate(_INVISIBLE) + "\n"


def write_schemas(directory: str | Path, names: Iterable[str] | None = None) -> tuple[Path, ...]:
    """Write ``directory/<version>/<name>.schema.json`` for ``names`` (default: all models).

    Each file is written to a temporary file beside it and renamed into place,
    so a reader never sees half a schema and a failed run leaves the old file.

    Returns:
        The paths written, in the order of ``names``.

    Raises:
        ConfigError: a name is not a known model.
        DataError: a file cannot be written (rule OUTPUT-FILE).
    """
    chosen = sorted(MODELS) if names is None else list(names)
    texts = {name: json_schema_text(name) for name in chosen}  # unknown names fail first
    folder = Path(directory) / schema_version()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(
            Message(
                "OUTPUT-FILE.cannot-write-folder-value",
                "cannot write {folder}: {value}",
                folder=str(folder),
                value=str(exc.strerror or exc),
            ),
            rule="OUTPUT-FILE",
            field="out",
        ) from None
    files = [(folder / f"{name}.schema.json", text, "out") for name, text in texts.items()]
    write_text_files(files)  # the shared atomic writer: every file, or none changed
    return tuple(path for path, _, _ in files)
