"""Payload validation throughput: `Complaint.model_validate_json` against two baselines.

Baselines, measured in the same run on the same payloads:
- a plain pydantic model with the same fields and no custom validators (floor: sp4n ≥ 0.5×):
  the same field names and built-in types (enums, aware datetimes, length limits, the
  same discriminated union of event kinds), but none of sp4n's own checks
  (NIK, phone, e-mail, region/tracking patterns with rule errors, UTC storage, model rules);
- `jsonschema` validating the exported schema (floor: sp4n ≥ 5× faster).

Run: python -m benchmarks.bench_validation [--quick]
"""

import argparse
import json
from datetime import date
from typing import Annotated, Any, Union, get_args

import jsonschema
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, create_model

from benchmarks._timing import best_of, best_of_each
from sp4n import (
    Channel,
    Complaint,
    Event,
    ReportType,
    Role,
    Status,
)
from sp4n.sample import generate_complaints
from sp4n.schema import json_schema
from sp4n.vocabulary import ExaminationFlag


class _Plain(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class PlainCoordinates(_Plain):
    latitude: float
    longitude: float


class PlainLocation(_Plain):
    region_code: str
    address: str | None = None
    coordinates: PlainCoordinates | None = None


class PlainAttachment(_Plain):
    name: str
    media_type: str
    size_bytes: int
    sha256: str


class PlainReporter(_Plain):
    name: str
    nik: str | None = None
    phone: str | None = None
    email: str | None = None


class PlainActor(_Plain):
    role: Role
    agency_id: str | None = None
    user_id: str | None = None


def _plain_event(model: type[BaseModel]) -> type[BaseModel]:
    """The event model with plain types: same fields, no sp4n checks (no UTC storage etc.)."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name == "kind":
            fields[name] = (info.annotation, info.default)
        elif name == "at":
            fields[name] = (AwareDatetime, ...)
        elif name == "actor":
            fields[name] = (PlainActor, ...)
        else:
            fields[name] = (str | None, None)
    return create_model(f"Plain{model.__name__}", __base__=_Plain, **fields)


_EVENT_MODELS = get_args(get_args(Event)[0])
PlainEvent = Annotated[  # the same discriminated union of event kinds
    Union[tuple(_plain_event(m) for m in _EVENT_MODELS)],  # noqa: UP007 - built from a tuple
    Field(discriminator="kind"),
]


class PlainComplaint(_Plain):
    type: ReportType
    examination: ExaminationFlag = ExaminationFlag.NO_EXAMINATION
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
    incident_date: date | None = None
    location: PlainLocation | None = None
    target_agency_id: str | None = None
    category: str
    attachments: tuple[PlainAttachment, ...] = ()
    channel: Channel
    anonymous: bool = False
    confidential: bool = False
    reporter: PlainReporter | None = None
    submitted_at: AwareDatetime
    tracking_id: str
    status: Status
    history: tuple[PlainEvent, ...]
    summary_title: str | None = None
    tags: tuple[str, ...] = ()


def complaint_payloads(count: int) -> list[str]:
    """`count` realistic complaint payloads: generated reports with their full histories.

    ``sp4n.sample.generate_complaints`` drives each report through the lifecycle
    engine, so histories have the mix of events real data has (dispatch, holds,
    follow-ups, replies, closures); reporters carry NIKs, phones and e-mails.
    """
    return [c.model_dump_json() for c in generate_complaints(count, seed=20241125)]


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small smoke run")
    args = parser.parse_args(argv)
    count = 300 if args.quick else 5_000
    payloads = complaint_payloads(count)
    documents = [json.loads(p) for p in payloads]
    validator = jsonschema.Draft202012Validator(json_schema("complaint"))
    repeat = 2 if args.quick else 5

    t_sp4n, t_plain = best_of_each(
        [
            lambda: [Complaint.model_validate_json(p) for p in payloads],
            lambda: [PlainComplaint.model_validate_json(p) for p in payloads],
        ],
        repeat=repeat * 2,
    )
    js_docs = documents[: max(50, count // 10)]
    t_js = best_of(lambda: [validator.validate(d) for d in js_docs], repeat=repeat) * (
        count / len(js_docs)
    )
    ratio_plain = t_plain / t_sp4n
    ratio_js = t_js / t_sp4n
    print(f"payloads: {count} Complaint JSON documents")
    print(f"sp4n Complaint.model_validate_json: {count / t_sp4n:,.0f} /s")
    print(f"plain pydantic model (no validators): {count / t_plain:,.0f} /s")
    print(f"jsonschema on the exported schema: {count / t_js:,.0f} /s (timed on {len(js_docs)})")
    print(f"sp4n throughput / plain pydantic = {ratio_plain:.2f}x (floor 0.5x)")
    print(f"sp4n speed-up over jsonschema = {ratio_js:.1f}x (floor 5x)")
    return {"vs_plain": ratio_plain, "vs_jsonschema": ratio_js}


if __name__ == "__main__":
    main()
