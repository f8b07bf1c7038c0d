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
