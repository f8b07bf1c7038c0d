"""What every resolver sees of the request: database, loaders, caller."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiodataloader import DataLoader
from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from gateway.db.engine import RequestDatabase
from gateway.settings import Settings

KeyT = TypeVar("KeyT")
ValueT = TypeVar("ValueT")
LoaderT = TypeVar("LoaderT", bound="RowLoader[Any, Any]")


class RowLoader(DataLoader[KeyT, ValueT]):
    """A DataLoader bound to the request's database.

    Subclasses implement `batch_load_fn`. Loaders live for one request only,
    so no cached row ever crosses from one caller to another.
    """

    def __init__(self, db: RequestDatabase) -> None:
        super().__init__()
        self.db = db


@dataclass
class GatewayContext:
    """Per-request state handed to resolvers as `info.context`."""

    request: Request | None
    response: Response | None
    db: RequestDatabase
    settings: Settings
    _loaders: dict[type[Any], Any] = field(default_factory=dict)

    def loader(self, loader_cls: type[LoaderT]) -> LoaderT:
        """The request's instance of `loader_cls`, created on first use."""
        instance = self._loaders.get(loader_cls)
        if instance is None:
            instance = self._loaders[loader_cls] = loader_cls(self.db)
        return instance  # type: ignore[no-any-return]


Info = StrawberryInfo[GatewayContext, None]
