"""Partner clients as authlib's authorization server sees them (RFC 6749 §2)."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from authlib.oauth2.rfc6749 import ClientMixin
from authlib.oauth2.rfc6749.util import scope_to_list

from auth.client_secrets import is_client_secret
from auth.scopes import ADMIN, ALLOWED_SCOPES, parse_scopes
from gateway.db.enums import PartnerKind
from gateway.db.models import OAuthClient, Partner, table_of

GRANT_TYPE = "client_credentials"
# How a client may prove who it is, at every endpoint (RFC 6749 §2.3.1).
AUTH_METHODS = ("client_secret_basic", "client_secret_post")

oauth_clients = table_of(OAuthClient)
partners = table_of(Partner)


@dataclass(frozen=True)
class PartnerClient(ClientMixin):  # type: ignore[misc]
    """A live (not revoked) client with the partner facts its tokens carry."""

    client_id: str
    secret_hash: str = field(repr=False)
    scopes: frozenset[str]
    partner_id: int
    partner_kind: PartnerKind
    university_id: int | None

    @property
    def is_admin(self) -> bool:
        """True for platform clients holding `admin`: they may inspect any token."""
        return ADMIN in self.scopes

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        return None

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return False

    def check_response_type(self, response_type: str) -> bool:
        return False

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == GRANT_TYPE

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in AUTH_METHODS

    def check_client_secret(self, client_secret: str) -> bool:
        return is_client_secret(self.secret_hash, client_secret)

    def get_allowed_scope(self, scope: str | None) -> str | None:
        """The scope a token gets: what was asked for, or all the client holds.

        The grant has already refused scopes outside the client's; None
        (authlib's `invalid_scope`) when nothing is left to grant.
        """
        requested = set(scope_to_list(scope) or []) or self.scopes
        granted = sorted(requested & self.scopes)
        return " ".join(granted) if granted else None

    def token_claims(self) -> dict[str, int | str]:
        """The partner claims of this client's access tokens: ids, no names."""
        claims: dict[str, int | str] = {
            "partner_id": self.partner_id,
            "partner_kind": self.partner_kind.value,
        }
        if self.university_id is not None:
            claims["university_id"] = self.university_id
        return claims


def load_partner_client(
    connection: sa.Connection, client_id: str
) -> PartnerClient | None:
    """The client `client_id` unless it is unknown or revoked."""
    statement = (
        sa.select(
            oauth_clients.c.client_id,
            oauth_clients.c.secret_hash,
            oauth_clients.c.scopes,
            partners.c.id,
            partners.c.kind,
            partners.c.university_id,
        )
        .join(partners, partners.c.id == oauth_clients.c.partner_id)
        .where(
            oauth_clients.c.client_id == client_id,
            oauth_clients.c.revoked_at.is_(None),
        )
    )
    row = connection.execute(statement).first()
    if row is None:
        return None
    kind = PartnerKind(row.kind)
    # The partner's kind bounds the scopes even if the stored list says
    # more (a kind changed, or the rules tightened since the client was made).
    scopes = parse_scopes(row.scopes) & ALLOWED_SCOPES[kind]
    is_school = kind in (PartnerKind.UNIVERSITY, PartnerKind.PRIVATE_INSTITUTE)
    return PartnerClient(
        client_id=row.client_id,
        secret_hash=row.secret_hash,
        scopes=scopes,
        partner_id=row.id,
        partner_kind=kind,
        university_id=row.university_id if is_school else None,
    )
