"""Root fields partners use to manage their connectors (`connectors:manage`).

Everything acts on the token's partner; another partner's connector is
refused whatever id is sent. Syncs never run in a request: `requestSync`
asks the scheduler, which runs it in the background.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Annotated, Any

import sqlalchemy as sa
import strawberry

from auth.permissions import scope_guard
from auth.rules import visible_connectors
from auth.scopes import CONNECTORS_MANAGE
from connectors.errors import InvalidConnector
from connectors.registry import check_connector
from schema.common.context import Info
from schema.common.errors import BadUserInput, NotFound
from schema.common.ids import pk_of
from schema.common.pagination import (
    AfterArgument,
    Connection,
    FirstArgument,
    Keyset,
    fetch_page,
    page_size,
)
from schema.connectors.types import (
    CONNECTOR_COLUMNS,
    Connector,
    ConnectorByIdLoader,
    connectors,
)

logger = logging.getLogger(__name__)

MANAGE_SCOPES = [[CONNECTORS_MANAGE]]
CONNECTOR_KEYSET = Keyset("k", (connectors.c.id,))


@strawberry.input(description="A feed to mirror into your opportunities.")
class ConnectorInput:
    kind: str = strawberry.field(
        description="greenhouse, lever, workable, smartrecruiters, jsonld, xml, "
        "rss or csv."
    )
    url: str = strawberry.field(
        description="Full https address the connector starts from."
    )
    interval_minutes: int | None = strawberry.field(
        default=None, description="Minutes between syncs (default 60)."
    )


@strawberry.input(description="Changes to one of your connectors.")
class ConnectorPatch:
    url: str | None = strawberry.field(default=None, description="New address.")
    interval_minutes: int | None = strawberry.field(
        default=None, description="New interval in minutes."
    )
    is_enabled: bool | None = strawberry.field(
        default=None, description="False pauses it; its postings stay as they are."
    )


async def _reload(info: Info, connector_id: int) -> Any:
    loader = info.context.loader(ConnectorByIdLoader)
    loader.clear(connector_id)
    return await loader.load(connector_id)


def _check(info: Info, kind: str, url: str, interval: int) -> None:
    try:
        check_connector(info.context.settings, kind, url, interval)
    except InvalidConnector as exc:
        raise BadUserInput("input", str(exc)) from exc


async def _owned(info: Info, connection: Any, global_id: str) -> Any:
    pk = pk_of(global_id, "Connector")
    row = (
        await connection.execute(
            sa.select(*CONNECTOR_COLUMNS).where(connectors.c.id == pk)
        )
    ).first()
    caller = info.context.caller
    assert caller is not None  # the scope guard admits authenticated callers only
    # Another partner's connector is never visible: answer as if it did not
    # exist, so ids cannot be probed.
    if row is None or (row.partner_id != caller.partner_id and not caller.is_admin):
        raise NotFound("No connector has this id.")
    return row


@strawberry.type
class ConnectorQuery:
    @strawberry.federation.field(
        requires_scopes=MANAGE_SCOPES,
        extensions=scope_guard(CONNECTORS_MANAGE),
        description="Your connectors, oldest first, with their latest runs.",
    )
    async def connectors(
        self,
        info: Info,
        first: FirstArgument = None,
        after: AfterArgument = None,
    ) -> Connection[Connector]:
        size = page_size(info, first)
        rule = visible_connectors(info.context.caller)
        return await fetch_page(
            info,
            sa.select(*CONNECTOR_COLUMNS).where(rule),
            sa.select(sa.func.count()).select_from(connectors).where(rule),
            keyset=CONNECTOR_KEYSET,
            first=size,
            after=after,
        )


@strawberry.type
class ConnectorMutation:
    @strawberry.federation.field(
        requires_scopes=MANAGE_SCOPES,
        extensions=scope_guard(CONNECTORS_MANAGE),
        description="Register a feed for your organisation; it syncs on its "
        "interval from now on.",
    )
    async def add_connector(
        self,
        info: Info,
        input: Annotated[ConnectorInput, strawberry.argument(description="The feed.")],
    ) -> Connector:
        caller = info.context.caller
        assert caller is not None
        interval = (
            input.interval_minutes or info.context.settings.connector_default_interval
        )
        _check(info, input.kind, input.url, interval)
        async with info.context.db.writing() as connection:
            duplicate = await connection.scalar(
                sa.select(connectors.c.id).where(
                    connectors.c.partner_id == caller.partner_id,
                    connectors.c.kind == input.kind,
                    connectors.c.url == input.url,
                )
            )
            if duplicate is not None:
                raise BadUserInput("input.url", "you already have this feed")
            result = await connection.execute(
                sa.insert(connectors)
                .values(
                    partner_id=caller.partner_id,
                    kind=input.kind,
                    url=input.url,
                    interval_minutes=interval,
                    is_enabled=True,
                )
                .returning(connectors.c.id)
            )
            connector_id = int(result.scalar_one())
        logger.info("connector %d added by partner %d", connector_id, caller.partner_id)
        return await _reload(info, connector_id)  # type: ignore[no-any-return]

    @strawberry.federation.field(
        requires_scopes=MANAGE_SCOPES,
        extensions=scope_guard(CONNECTORS_MANAGE),
        description="Change or pause one of your connectors.",
    )
    async def update_connector(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Its global id.")],
        input: Annotated[ConnectorPatch, strawberry.argument(description="Changes.")],
    ) -> Connector:
        async with info.context.db.writing() as connection:
            row = await _owned(info, connection, id)
            url = input.url if input.url is not None else row.url
            interval = input.interval_minutes or row.interval_minutes
            _check(info, row.kind, url, interval)
            values: dict[str, Any] = {"url": url, "interval_minutes": interval}
            if input.is_enabled is not None:
                values["is_enabled"] = input.is_enabled
            values["updated_at"] = datetime.now(UTC)
            await connection.execute(
                sa.update(connectors).where(connectors.c.id == row.id).values(**values)
            )
        return await _reload(info, row.id)  # type: ignore[no-any-return]

    @strawberry.federation.field(
        requires_scopes=MANAGE_SCOPES,
        extensions=scope_guard(CONNECTORS_MANAGE),
        description="Ask for a sync soon; it runs in the background and shows "
        "in `runs`. `confirmClose` lets it close more postings than usual, "
        "after a run stopped to ask (status NEEDS_CONFIRMATION).",
    )
    async def request_connector_sync(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Its global id.")],
        confirm_close: Annotated[
            bool,
            strawberry.argument(description="Allow closing many vanished postings."),
        ] = False,
    ) -> Connector:
        async with info.context.db.writing() as connection:
            row = await _owned(info, connection, id)
            await connection.execute(
                sa.update(connectors)
                .where(connectors.c.id == row.id)
                .values(
                    sync_requested_at=datetime.now(UTC),
                    is_close_confirmed=confirm_close,
                )
            )
        return await _reload(info, row.id)  # type: ignore[no-any-return]
