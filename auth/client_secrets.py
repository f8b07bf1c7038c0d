"""Client identifiers and secrets: generated, hashed, verified.

A secret is shown once to the operator who creates the client and then
only its Argon2id hash is kept, so a copy of the database does not hand
out partner credentials.
"""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# RFC 9106's second recommended profile (64 MiB, 3 passes), argon2-cffi's
# default: slow enough to make a stolen hash expensive to attack.
_hasher = PasswordHasher()


@cache
def _unknown_client_hash() -> str:
    # Verified against when a client id is unknown, so that the answer
    # takes as long as for a known client with a wrong secret.
    return _hasher.hash(secrets.token_urlsafe(32))


def generate_client_id() -> str:
    """A new public client identifier: 32 hex digits, safe in URLs and shells."""
    return secrets.token_hex(16)


def generate_client_secret() -> str:
    """A new secret of 256 random bits.

    URL-safe base64 needs no escaping in HTTP Basic credentials (RFC 6749
    §2.3.1) nor in a form body, so every client library sends it unchanged.
    """
    return secrets.token_urlsafe(32)


def hash_client_secret(secret: str) -> str:
    """The Argon2id hash stored in place of `secret`."""
    return _hasher.hash(secret)


def is_client_secret(secret_hash: str, candidate: str) -> bool:
    """True when `candidate` is the secret behind `secret_hash`.

    argon2's verify compares the derived keys in constant time.
    """
    try:
        return _hasher.verify(secret_hash, candidate)
    except (VerificationError, InvalidHashError):
        return False


def spend_unknown_client_time(candidate: str) -> None:
    """Do the work of a failed verification for a client that does not exist."""
    is_client_secret(_unknown_client_hash(), candidate)
