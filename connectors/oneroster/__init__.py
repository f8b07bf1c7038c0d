"""OneRoster CSV importer: universities sync their students' enrollments."""

from connectors.oneroster.errors import RosterError
from connectors.oneroster.importer import ImportOptions, import_roster, import_source
from connectors.oneroster.runs import ImportReport
from connectors.oneroster.source import RosterSource

__all__ = [
    "ImportOptions",
    "ImportReport",
    "RosterError",
    "RosterSource",
    "import_roster",
    "import_source",
]
