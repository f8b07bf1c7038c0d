"""The importer's exception tree: one root, messages built in each class."""

from __future__ import annotations


class RosterError(Exception):
    """A OneRoster import that cannot start or cannot finish."""


class RosterUnreadable(RosterError):
    """The path is neither a folder of CSV files nor a zip of them."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot read OneRoster files at {path}: {reason}")


class UnknownUniversity(RosterError):
    """No university partner has the slug the operator gave."""

    def __init__(self, slug: str) -> None:
        super().__init__(
            f"no university partner with slug {slug!r}; "
            "see `alumni-gateway partners list`"
        )


class OrgNotBound(RosterError):
    """The files do not say which org is the importing university."""

    def __init__(self, top_level: int) -> None:
        super().__init__(
            f"the files hold {top_level} top-level orgs; the university's OneRoster "
            "org can only be bound on first import when there is exactly one"
        )
