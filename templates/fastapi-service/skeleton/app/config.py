"""Runtime settings, read from environment variables.

Kubernetes sets them in ``deploy/base/deployment.yaml``; locally you can export them
or rely on the defaults below. Never put secrets in this file or in the image.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    app_name: str = "${{ values.name }}"
    environment: str = "local"
    log_level: str = "info"
    root_path: str = ""
    docs_enabled: bool = True

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        log_level = env.get("LOG_LEVEL", cls.log_level).lower()
        if log_level not in {"critical", "error", "warning", "info", "debug"}:
            raise ValueError(
                f"LOG_LEVEL must be one of critical, error, warning, info, debug (got {log_level!r})"
            )
        return cls(
            app_name=env.get("APP_NAME", cls.app_name),
            environment=env.get("APP_ENV", cls.environment),
            log_level=log_level,
            root_path=env.get("ROOT_PATH", cls.root_path),
            docs_enabled=env.get("DOCS_ENABLED", "true").lower() in _TRUE,
        )


@lru_cache
def get_settings() -> Settings:
    return Settings.from_env()
