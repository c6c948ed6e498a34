def test_items_start_empty(client):
    response = client.get("/api/v1/items")
    assert response.status_code == 200
    assert response.json() == []


def test_create_and_get_item(client):
    created = client.post("/api/v1/items", json={"name": "widget", "price": 9.5})
    assert created.status_code == 201
    item = created.json()
    assert item == {"id": 1, "name": "widget", "description": "", "price": 9.5}

    fetched = client.get(f"/api/v1/items/{item['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == item
    assert client.get("/api/v1/items").json() == [item]


def test_unknown_item_is_404(client):
    response = client.get("/api/v1/items/42")
    assert response.status_code == 404
    assert response.json() == {"detail": "item 42 not found"}


def test_invalid_item_is_422(client):
    response = client.post("/api/v1/items", json={"name": "", "price": -1})
    assert response.status_code == 422
