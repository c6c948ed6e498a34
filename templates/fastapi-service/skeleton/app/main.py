"""FastAPI application entry point: ``uvicorn app.main:app``."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Response, status

from app import __version__
from app.config import Settings, get_settings
from app.routers import items


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    logging.basicConfig(level=settings.log_level.upper())

    application = FastAPI(
        title=settings.app_name,
        version=__version__,
        root_path=settings.root_path,
        docs_url="/docs" if settings.docs_enabled else None,
        redoc_url=None,
        openapi_url="/openapi.json" if settings.docs_enabled else None,
    )
    application.state.settings = settings
    application.state.ready = True

    @application.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        """Liveness: the process is up and serving requests."""
        return {"status": "ok"}

    @application.get("/readyz", tags=["health"])
    def readyz(response: Response) -> dict[str, str]:
        """Readiness: the app can take traffic (add dependency checks here)."""
        if not application.state.ready:
            response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
            return {"status": "not ready"}
        return {"status": "ready", "environment": settings.environment}

    application.include_router(items.router, prefix="/api/v1")
    return application


app = create_app()
