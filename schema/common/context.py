"""What every resolver sees of the request: database, loaders, caller."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiodataloader import DataLoader
from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from auth.caller import Caller
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

    def __init__(self, db: RequestDatabase, caller: Caller | None) -> None:
        super().__init__()
        self.db = db
        # Row rules depend on who asks: loaders never outlive the request.
        self.caller = caller


@dataclass
class GatewayContext:
    """Per-request state handed to resolvers as `info.context`."""

    request: Request | None
    response: Response | None
    db: RequestDatabase
    settings: Settings
    caller: Caller | None = None
    # alumnus id -> contact fields served, for the audit log.
    contact_reads: dict[int, set[str]] = field(default_factory=dict)
    operation_name: str | None = None
    _loaders: dict[type[Any], Any] = field(default_factory=dict)

    def record_contact_read(
        self, alumnus_id: int, field_name: str, operation_name: str | None
    ) -> None:
        """Note that a contact field of an alumnus goes into the response."""
        self.contact_reads.setdefault(alumnus_id, set()).add(field_name)
        self.operation_name = operation_name

    def loader(self, loader_cls: type[LoaderT]) -> LoaderT:
        """The request's instance of `loader_cls`, created on first use."""
        instance = self._loaders.get(loader_cls)
        if instance is None:
            instance = self._loaders[loader_cls] = loader_cls(self.db, self.caller)
        return instance  # type: ignore[no-any-return]


Info = StrawberryInfo[GatewayContext, None]
