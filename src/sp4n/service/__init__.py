"""A reference service on the store: Open311 GeoReport v2 and the SP4N operations for apps.

Optional extra ``sp4n[service]`` (FastAPI, uvicorn). Started by
``sp4n serve [--db URL] [--host H] [--port P] [--api-keys FILE] [--tokens FILE]``;
[`create_app`][sp4n.service.create_app] builds the same application for tests or an embedding app.
It is a reference and a test bed, not a product: every decision is the
library's (lifecycle, privacy views, Open311 mapping, audit), the service
only speaks HTTP. Errors are JSON with the rule id and a sentence in
Indonesian or English (``Accept-Language``), never personal data.
"""

from __future__ import annotations

from sp4n.service._app import create_app
from sp4n.service._config import ServiceConfig, load_api_keys, load_tokens
from sp4n.service._messages import MESSAGES, message_for, negotiate
from sp4n.service._open311 import service_definition, service_list

__all__ = [
    "MESSAGES",
    "ServiceConfig",
    "create_app",
    "load_api_keys",
    "load_tokens",
    "message_for",
    "negotiate",
    "service_definition",
    "service_list",
]
