"""Errors as the client reads them: rule id and a sentence in its language, never personal data.

Every refusal of the reference service is one JSON object (SP4N operations)::

    {"error": {"rule": "LC-CLOSE", "message": "...", "field": "kind", "detail": "..."}}

or, under ``/open311/v2/``, the GeoReport v2 error list in JSON or XML,
``[{"code": 400, "description": "...", "rule": "..."}]``. ``message`` is the
service's sentence for the rule in Indonesian or English (``Accept-Language``);
``detail`` is the library's technical message, which names statuses, roles,
agency ids and fields but never a reporter, a text or a value that was sent
(validation problems come from [`sp4n.payloads.problems_from`][sp4n.payloads.problems_from], inputs
hidden).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import JsonValue, ValidationError

from sp4n.errors import (
    ConcurrentUpdate,
    ConfigError,
    DataError,
    InvalidTransition,
    JurisdictionError,
    PermissionDenied,
    SP4NError,
)
from sp4n.payloads import problems_from
from sp4n.service._messages import message_for, negotiate
from sp4n.service._xml import to_xml

__all__ = ["OPEN311_PREFIX", "error_response", "status_of"]

OPEN311_PREFIX: Final = "/open311/v2/"

_BY_RULE: Final[Mapping[str, int]] = MappingProxyType(
    {
        "OPEN311-API-KEY": 403,
        "OPEN311-NOT-FOUND": 404,
        "STORE-NOT-FOUND": 404,
        "STORE-DUPLICATE": 409,
        "STORE-CONCURRENT-UPDATE": 409,
    }
)
_BY_CLASS: Final[tuple[tuple[type[SP4NError], int], ...]] = (
    (ConcurrentUpdate, 409),
    (InvalidTransition, 409),
    (PermissionDenied, 403),
    (JurisdictionError, 422),
    (ConfigError, 500),
    (DataError, 400),
)


def status_of(error: SP4NError) -> int:
    """The HTTP status of a refusal: by rule first, then by error family.

    A missing or unknown token is 401; a body that names its own actor is a
    bad request (400) under the same rule.
    """
    if error.rule == "SERVICE-AUTH" and isinstance(error, PermissionDenied):
        return 401
    by_rule = _BY_RULE.get(error.rule or "")
    if by_rule is not None:
        return by_rule
    return next((code for family, code in _BY_CLASS if isinstance(error, family)), 400)


def _body(request: Request, exc: Exception) -> tuple[int, str | None, dict[str, JsonValue]]:
    language = negotiate(request.headers.get("accept-language"))
    if isinstance(exc, SP4NError):
        body: dict[str, JsonValue] = {
            "rule": exc.rule,
            "message": message_for(exc.rule, exc, language),
            "field": exc.field,
            "detail": str(exc),
        }
        if isinstance(exc, ConcurrentUpdate) and exc.current is not None:
            body["version"] = exc.version
            body["status"] = str(exc.current.status)
        return status_of(exc), exc.rule, body
    if isinstance(exc, ValidationError | RequestValidationError):
        errors = exc.errors() if isinstance(exc, RequestValidationError) else None
        if errors is not None:
            problems: list[JsonValue] = [
                {
                    "field": ".".join(str(p) for p in err.get("loc", ())),
                    "rule": "PAYLOAD-" + str(err.get("type", "invalid")).upper().replace("_", "-"),
                    "message": str(err.get("msg", "")),
                }
                for err in errors
            ]
        else:
            assert isinstance(exc, ValidationError)
            problems = [
                {"field": p.field, "rule": p.rule, "message": p.message} for p in problems_from(exc)
            ]
        first = problems[0] if problems else {}
        rule = first.get("rule") if isinstance(first, dict) else None
        body = {
            "rule": rule if isinstance(rule, str) else None,
            "message": message_for("PAYLOAD", None, language),
            "field": first.get("field") if isinstance(first, dict) else None,
            "detail": None,
            "problems": problems,
        }
        return 422, body["rule"] if isinstance(body["rule"], str) else None, body
    body = {
        "rule": None,
        "message": "Kesalahan internal." if language == "id" else "Internal error.",
        "field": None,
        "detail": None,
    }
    return 500, None, body


def error_response(request: Request, exc: Exception) -> Response:
    """The response for a refusal, in the shape the route's API uses."""
    status, rule, body = _body(request, exc)
    path = request.url.path
    if not path.startswith(OPEN311_PREFIX):
        return JSONResponse({"error": body}, status_code=status)
    description = body["message"]
    if body.get("field"):
        description = f"{description} ({body['field']})"
    errors: list[JsonValue] = [{"code": status, "description": description, "rule": rule}]
    if path.endswith(".xml"):
        return Response(to_xml("errors", errors), status_code=status, media_type="text/xml")
    return JSONResponse(errors, status_code=status)
