"""Global object ids: opaque to partners, typed inside the gateway."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence

from schema.common.errors import BadUserInput

# Primary keys are 32-bit INTEGER columns on PostgreSQL.
MAX_PK = 2**31 - 1


def to_global_id(typename: str, pk: int) -> str:
    """Encode a row's type and primary key as one opaque id."""
    raw = f"{typename}:{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def from_global_id(global_id: str, *, argument: str = "id") -> tuple[str, int]:
    """Decode an id made by `to_global_id`; malformed ids are BAD_USER_INPUT."""
    padded = global_id + "=" * (-len(global_id) % 4)
    try:
        typename, _, pk = base64.urlsafe_b64decode(padded).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadUserInput(argument, "not an id issued by this graph") from None
    # One spelling per object: plain ASCII digits, no sign, no leading zero.
    if not (typename and pk.isascii() and pk.isdigit() and pk[0] != "0"):
        raise BadUserInput(argument, "not an id issued by this graph")
    value = int(pk)
    if value > MAX_PK:
        raise BadUserInput(argument, "not an id issued by this graph")
    return typename, value


def pk_of(global_id: str, typename: str, *, argument: str = "id") -> int:
    """The primary key in `global_id`, which must name `typename`."""
    found, pk = from_global_id(global_id, argument=argument)
    if found != typename:
        raise BadUserInput(
            argument, f"expected an id of a {typename}, got one of a {found}"
        )
    return pk


def pks_of(global_ids: Sequence[str], typename: str, *, argument: str) -> list[int]:
    """Primary keys for a list of ids of one type."""
    return [pk_of(gid, typename, argument=argument) for gid in global_ids]
