"""The FastAPI application of the reference service."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from sp4n import __version__
from sp4n.errors import SP4NError
from sp4n.service import _api, _open311
from sp4n.service._config import ServiceConfig
from sp4n.service._errors import error_response

__all__ = ["create_app"]


def create_app(config: ServiceConfig) -> FastAPI:
    """The reference service on ``config``'s store: Open311 GeoReport v2 and the SP4N API.

    Serve it with uvicorn (``sp4n serve`` does). Routes: ``/open311/v2/…``
    (`sp4n.service._open311`), ``/api/v1/…`` (`sp4n.service._api`),
    ``/healthz``, and the OpenAPI description at ``/openapi.json``.

    >>> import tempfile, pathlib
    >>> from sp4n.store import Store
    >>> store = Store.open(pathlib.Path(tempfile.mkdtemp()) / "r.db")
    >>> app = create_app(ServiceConfig(store=store))
    >>> app.url_path_for("get_service", code="regency_road", fmt="xml")
    '/open311/v2/services/regency_road.xml'
    >>> store.close()
    """
    app = FastAPI(
        title="sp4n reference service",
        version=__version__,
        description=(
            "SP4N-LAPOR! reports over Open311 GeoReport v2 and the SP4N operations. "
            "A reference and a test bed, not a product."
        ),
    )
    app.state.config = config
    app.include_router(_open311.router)
    app.include_router(_api.router)
    for error in (SP4NError, ValidationError, RequestValidationError, Exception):
        app.add_exception_handler(error, error_response)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        return JSONResponse({"ok": True})

    return app
