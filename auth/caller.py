"""Who is calling, as established from a verified access token."""

from __future__ import annotations

from dataclasses import dataclass

from auth.scopes import ADMIN
from gateway.db.enums import PartnerKind


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated partner client. The tenant is `partner_id`, always
    taken from the token, never from a request argument."""

    client_id: str
    partner_id: int
    partner_kind: PartnerKind
    # Set for universities and private institutes: the school they speak for.
    university_id: int | None
    scopes: frozenset[str]
    token_id: str

    @property
    def is_admin(self) -> bool:
        """True for platform operators holding the `admin` scope."""
        return ADMIN in self.scopes

    def can(self, scope: str) -> bool:
        """True when the token grants `scope` (admins hold every scope)."""
        return scope in self.scopes or self.is_admin
