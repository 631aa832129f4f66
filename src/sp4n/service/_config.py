"""What the reference service runs on: the store, the Open311 API keys, the app tokens.

Rule rows SERVICE-AUTH and OPEN311-API-KEY. Both files are deliberately small:

- ``--api-keys FILE``: one Open311 API key a line (GeoReport v2's ``api_key``),
  optionally followed by a label naming the client (``KEY LABEL``); ``#``
  starts a comment. A post made with a key is recorded as submitted by the
  system actor ``open311:LABEL``; a post that gives ``account_id`` is owned by
  the reporter ``LABEL:ACCOUNT`` (the client vouches for its own users).
- ``--tokens FILE``: a JSON object mapping each bearer token to the actor it
  stands for, ``{"TOKEN": {"role": "AGENCY_ADMIN", "agency_id": "kab-16.07",
  "user_id": "petugas-1"}}``, validated as [`sp4n.models.Actor`][sp4n.models.Actor].

A real deployment puts its own identity provider in front and maps its users
to actors the same way; the files are for a reference and a test bed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

import attrs
from pydantic import ValidationError

from sp4n.errors import ConfigError
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Message
from sp4n.models import Actor
from sp4n.store import Store, utc_now

__all__ = ["ServiceConfig", "load_api_keys", "load_tokens"]


def _read(path: Path, rule: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            Message(
                "error.config.cannot-read-path-exc",
                "cannot read {path}: {exc}",
                path=str(path),
                exc=str(exc),
            ),
            rule=rule,
        ) from None


def load_api_keys(path: Path) -> Mapping[str, str]:
    """API key → client label, from a file of one key a line (rule OPEN311-API-KEY).

    Raises:
        ConfigError: the file cannot be read or a key appears twice.
    """
    keys: dict[str, str] = {}
    for line in _read(path, "OPEN311-API-KEY").splitlines():
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        key, _, label = text.partition(" ")
        if key in keys:
            raise ConfigError(
                Message(
                    "OPEN311-API-KEY.path-api-key-appears",
                    "{path}: an API key appears twice",
                    path=str(path),
                ),
                rule="OPEN311-API-KEY",
            )
        keys[key] = label.strip() or hashlib.sha256(key.encode()).hexdigest()[:8]
    return MappingProxyType(keys)


def load_tokens(path: Path) -> Mapping[str, Actor]:
    """Bearer token → actor, from a JSON object (rule SERVICE-AUTH).

    Raises:
        ConfigError: not a JSON object of actors (the message names the token's
            position, never the token).
    """
    try:
        data = json.loads(_read(path, "SERVICE-AUTH"))
    except ValueError:
        raise ConfigError(
            Message("SERVICE-AUTH.path-json", "{path}: not JSON", path=str(path)),
            rule="SERVICE-AUTH",
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(
            Message(
                "SERVICE-AUTH.path-expected-object-mapping",
                "{path}: expected an object mapping tokens to actors",
                path=str(path),
            ),
            rule="SERVICE-AUTH",
        )
    tokens: dict[str, Actor] = {}
    for number, (token, actor) in enumerate(data.items(), start=1):
        try:
            tokens[str(token)] = Actor.model_validate_json(json.dumps(actor))
        except ValidationError as exc:
            raise ConfigError(
                Message(
                    "SERVICE-AUTH.path-actor-number-valid",
                    "{path}: actor {number} is not valid: {errors}",
                    path=str(path),
                    number=str(number),
                    errors=str(exc.errors()[0]["msg"]),
                ),
                rule="SERVICE-AUTH",
            ) from None
    return MappingProxyType(tokens)


@attrs.frozen
class ServiceConfig:
    """The reference service's settings.

    Attributes:
        store: Where reports live.
        api_keys: Open311 API key → client label.
        tokens: Bearer token → actor, for the SP4N operations.
        hierarchy: Agency names for Open311's ``agency_responsible``.
        clock: When a request arrives (Open311 posts are submitted then).
        max_requests: Most service requests one Open311 query returns.
    """

    store: Store
    api_keys: Mapping[str, str] = MappingProxyType({})
    tokens: Mapping[str, Actor] = MappingProxyType({})
    hierarchy: AgencyGraph | None = None
    clock: Callable[[], datetime] = utc_now
    max_requests: int = 1000
