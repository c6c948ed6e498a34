import pytest

from app.config import Settings


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_environment(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "environment": "test"}


def test_readyz_returns_503_when_not_ready(client):
    client.app.state.ready = False
    response = client.get("/readyz")
    assert response.status_code == 503


def test_settings_from_env():
    settings = Settings.from_env({"APP_ENV": "prod", "LOG_LEVEL": "WARNING", "DOCS_ENABLED": "false"})
    assert settings.app_name == "${{ values.name }}"
    assert settings.environment == "prod"
    assert settings.log_level == "warning"
    assert settings.docs_enabled is False


def test_settings_reject_unknown_log_level():
    with pytest.raises(ValueError, match="LOG_LEVEL"):
        Settings.from_env({"LOG_LEVEL": "loud"})
