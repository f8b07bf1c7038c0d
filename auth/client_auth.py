"""Client password authentication, RFC 6749 §2.3.1.

authlib's own `client_secret_basic` percent-decodes the Basic credentials
with `unquote`, which leaves a `+` as it is: a secret with a space, sent
form-urlencoded as the RFC asks (`a+b`), would never match. These methods
decode the way the RFC says, and still accept the many clients that put
the raw secret in the header.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections.abc import Callable
from urllib.parse import unquote_plus

from authlib.oauth2.rfc6749 import InvalidRequestError, OAuth2Request

from auth.client_secrets import spend_unknown_client_time
from auth.clients import PartnerClient

logger = logging.getLogger(__name__)

QueryClient = Callable[[str], PartnerClient | None]


def authenticate_client_secret_basic(
    query_client: QueryClient, request: OAuth2Request
) -> PartnerClient | None:
    """The client named in the `Authorization: Basic` header, if its secret holds."""
    credentials = _basic_credentials(request)
    if credentials is None:
        return None
    client_id, secret = credentials
    # Empty parameters count as omitted (RFC 6749 §3.2).
    if request.payload.data.get("client_secret"):
        raise InvalidRequestError("Use one client authentication method, not two.")
    client_ids = _readings(client_id)
    named = request.payload.data.get("client_id")
    if named and named not in client_ids:
        return None

    # The RFC form-urlencodes both parts before Base64; clients that skip
    # that step send them raw. Either reading may be the real one.
    secrets = _readings(secret)
    return _check(query_client, client_ids, secrets, "client_secret_basic")


def authenticate_client_secret_post(
    query_client: QueryClient, request: OAuth2Request
) -> PartnerClient | None:
    """The client named by `client_id` and `client_secret` in the form body."""
    data = request.payload.data
    client_id = data.get("client_id")
    secret = data.get("client_secret")
    if not client_id or not secret:
        return None
    # The form parser has already decoded both values.
    return _check(query_client, [client_id], [secret], "client_secret_post")


def _basic_credentials(request: OAuth2Request) -> tuple[str, str] | None:
    header = request.headers.get("Authorization") or ""
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        return None
    try:
        raw = base64.b64decode(encoded.strip(), validate=True)
    except binascii.Error:
        return None
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        # authlib's and other clients encode raw credentials as Latin-1.
        decoded = raw.decode("latin-1")
    client_id, colon, secret = decoded.partition(":")
    if not colon or not client_id or not secret:
        return None
    return client_id, secret


def _readings(value: str) -> list[str]:
    """`value` form-decoded, then as sent when that differs."""
    decoded = unquote_plus(value)
    return [decoded] if decoded == value else [decoded, value]


def _check(
    query_client: QueryClient,
    client_ids: list[str],
    secrets: list[str],
    method: str,
) -> PartnerClient | None:
    for client_id in client_ids:
        client = query_client(client_id)
        if client is None:
            continue
        if any(client.check_client_secret(secret) for secret in secrets):
            logger.debug("client %s authenticated by %s", client_id, method)
            return client
        return None
    spend_unknown_client_time(secrets[0])
    return None
