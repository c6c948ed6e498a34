"""A sample resource. Replace it with your own domain."""

from __future__ import annotations

from threading import Lock
from typing import Dict, List

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, Field

router = APIRouter(prefix="/items", tags=["items"])


class ItemIn(BaseModel):
    name: str = Field(..., min_length=1, max_length=100)
    description: str = Field("", max_length=500)
    price: float = Field(..., ge=0)


class Item(ItemIn):
    id: int


class _Store:
    """In-memory storage; swap for a database in a real service."""

    def __init__(self) -> None:
        self._items: Dict[int, Item] = {}
        self._next_id = 1
        self._lock = Lock()

    def list(self) -> List[Item]:
        return list(self._items.values())

    def get(self, item_id: int) -> Item | None:
        return self._items.get(item_id)

    def add(self, data: ItemIn) -> Item:
        with self._lock:
            item = Item(id=self._next_id, name=data.name, description=data.description, price=data.price)
            self._items[item.id] = item
            self._next_id += 1
            return item

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._next_id = 1


store = _Store()


@router.get("", response_model=List[Item])
def list_items() -> List[Item]:
    return store.list()


@router.post("", response_model=Item, status_code=status.HTTP_201_CREATED)
def create_item(data: ItemIn) -> Item:
    return store.add(data)


@router.get("/{item_id}", response_model=Item)
def get_item(item_id: int) -> Item:
    item = store.get(item_id)
    if item is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"item {item_id} not found")
    return item
