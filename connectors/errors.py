"""One exception tree for connectors; each error has a stable code.

Errors from libraries (httpx, JSON and XML parsers) are translated where
they enter, `raise FeedMalformed(...) from exc`, so a sync run records a
code an operator can act on, not a library's class name.
"""

from __future__ import annotations


class ConnectorError(Exception):
    """Root of connector failures."""

    code = "CONNECTOR_ERROR"


class FeedUnavailable(ConnectorError):
    """The source could not be fetched (network, timeout, 5xx, 429)."""

    code = "FEED_UNAVAILABLE"


class FeedTooLarge(ConnectorError):
    """The source sent more bytes than the configured cap."""

    code = "FEED_TOO_LARGE"


class FeedAddressRefused(ConnectorError):
    """The URL (or a redirect) points where feeds may not come from."""

    code = "FEED_ADDRESS_REFUSED"


class FeedMalformed(ConnectorError):
    """The whole document is unreadable (bad JSON or XML, truncated body)."""

    code = "FEED_MALFORMED"


class SyncAlreadyRunning(ConnectorError):
    """Another process is syncing this connector right now."""

    code = "SYNC_ALREADY_RUNNING"


class SyncNeedsConfirmation(ConnectorError):
    """The run would close more of the partner's postings than allowed."""

    code = "SYNC_NEEDS_CONFIRMATION"


class TooManyRejects(ConnectorError):
    """More of the feed's postings were rejected than allowed."""

    code = "TOO_MANY_REJECTS"


class SyncLockLost(ConnectorError):
    """The run's lock lapsed and another run took it; nothing was written."""

    code = "SYNC_LOCK_LOST"

    def __init__(self, connector_id: int) -> None:
        super().__init__(
            f"connector {connector_id}: the run lock lapsed and another run "
            "took it over; this run wrote nothing"
        )


class SyncInterrupted(ConnectorError):
    """The process stopped (shutdown, crash) while the run was going."""

    code = "SYNC_INTERRUPTED"


class ConnectorNotFound(ConnectorError):
    """No connector has the id given."""

    code = "CONNECTOR_NOT_FOUND"

    def __init__(self, connector_id: int) -> None:
        super().__init__(f"no connector {connector_id}")


class InvalidConnector(ConnectorError):
    """A connector's settings break a rule; the message names the rule."""

    code = "INVALID_CONNECTOR"
