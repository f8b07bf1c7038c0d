"""Feed formats: one module per source format behind `FeedFormat`.

`FORMATS` maps each connector kind to its format; `get_format` looks one
up by the kind stored on a connector.
"""

from connectors.formats.base import FeedFormat, Page, Posting, Rejection
from connectors.formats.csv import CsvFormat
from connectors.formats.greenhouse import GreenhouseFormat
from connectors.formats.jsonld import JsonLdFormat
from connectors.formats.lever import LeverFormat
from connectors.formats.rss import RssFormat
from connectors.formats.smartrecruiters import SmartRecruitersFormat
from connectors.formats.workable import WorkableFormat
from connectors.formats.xml import XmlFeedFormat

FORMATS: dict[str, FeedFormat] = {
    feed_format.kind: feed_format
    for feed_format in (
        GreenhouseFormat(),
        LeverFormat(),
        WorkableFormat(),
        SmartRecruitersFormat(),
        JsonLdFormat(),
        XmlFeedFormat(),
        RssFormat(),
        CsvFormat(),
    )
}


def get_format(kind: str) -> FeedFormat:
    """The format of a connector kind; `KeyError` names the known kinds."""
    try:
        return FORMATS[kind]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise KeyError(f"unknown feed format {kind!r}; known: {known}") from None


__all__ = [
    "FORMATS",
    "FeedFormat",
    "Page",
    "Posting",
    "Rejection",
    "get_format",
]
