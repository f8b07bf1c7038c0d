"""Scopes a partner's client may hold, what each allows, and who may hold it."""

from __future__ import annotations

from gateway.db.enums import PartnerKind

CANDIDATES_READ = "candidates:read"
CANDIDATES_CONTACT = "candidates:contact"
OPPORTUNITIES_READ = "opportunities:read"
OPPORTUNITIES_WRITE = "opportunities:write"
ENROLLMENT_READ = "enrollment:read"
ENROLLMENT_WRITE = "enrollment:write"
CONNECTORS_MANAGE = "connectors:manage"
ADMIN = "admin"

# Shown in the authorization server metadata and the CLI.
SCOPE_DESCRIPTIONS: dict[str, str] = {
    CANDIDATES_READ: "Search the candidate pool: alumni who consented to be "
    "visible to partners, without contact details.",
    CANDIDATES_CONTACT: "Read e-mail and phone of alumni who consented to be "
    "contacted (universities: their own students only).",
    OPPORTUNITIES_READ: "Read your own draft and closed opportunities as well "
    "as everyone's published ones.",
    OPPORTUNITIES_WRITE: "Post, update and close your own opportunities.",
    ENROLLMENT_READ: "Universities: read your own students and their "
    "enrollments, whatever their consent to partners.",
    ENROLLMENT_WRITE: "Universities: import enrollment (OneRoster) for your "
    "own students.",
    CONNECTORS_MANAGE: "Register and run connectors that pull your postings "
    "from your applicant-tracking system or feed.",
    ADMIN: "Platform operators: everything, including the audit log.",
}

ALL_SCOPES = frozenset(SCOPE_DESCRIPTIONS)

_SCHOOL = frozenset(
    {
        CANDIDATES_READ,
        CANDIDATES_CONTACT,
        OPPORTUNITIES_READ,
        OPPORTUNITIES_WRITE,
        ENROLLMENT_READ,
        ENROLLMENT_WRITE,
        CONNECTORS_MANAGE,
    }
)

# A partner kind bounds the scopes its clients can be given. A school's
# `candidates:contact` reaches its own students only (see the graph rules).
ALLOWED_SCOPES: dict[PartnerKind, frozenset[str]] = {
    PartnerKind.COMPANY: frozenset(
        {
            CANDIDATES_READ,
            CANDIDATES_CONTACT,
            OPPORTUNITIES_READ,
            OPPORTUNITIES_WRITE,
            CONNECTORS_MANAGE,
        }
    ),
    PartnerKind.UNIVERSITY: _SCHOOL,
    PartnerKind.PRIVATE_INSTITUTE: _SCHOOL,
    PartnerKind.DIASPORA_ORG: frozenset(
        {CANDIDATES_READ, OPPORTUNITIES_READ, OPPORTUNITIES_WRITE, CONNECTORS_MANAGE}
    ),
    PartnerKind.PLATFORM: ALL_SCOPES,
}


def parse_scopes(text: str) -> frozenset[str]:
    """Scopes from OAuth2's space-separated form."""
    return frozenset(text.split())


def disallowed_scopes(kind: PartnerKind, scopes: frozenset[str]) -> frozenset[str]:
    """The scopes in `scopes` a partner of `kind` may not hold (unknown ones too)."""
    return scopes - ALLOWED_SCOPES[kind]
