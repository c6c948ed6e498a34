import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.config import Settings
from app.routers.items import store


@pytest.fixture()
def client():
    store.clear()
    with TestClient(create_app(Settings(environment="test"))) as test_client:
        yield test_client
