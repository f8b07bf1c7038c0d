"""Reading a feed's whole snapshot, every page, before anything is written.

Closing vanished postings is only safe against a complete snapshot, so a
page that cannot be fetched or read fails the whole run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from connectors.errors import FeedMalformed
from connectors.formats.base import FeedFormat, Posting, Rejection
from connectors.http import Fetched

# A feed that pages past this is broken or hostile: no partner has this
# many pages (SmartRecruiters' largest page size is 100 postings).
MAX_PAGES = 1000


class Fetcher(Protocol):
    """What reads one document: `connectors.http.FeedClient` in production."""

    async def get(self, url: str) -> Fetched:
        """The document at `url`, or a connector error."""
        ...


@dataclass
class Snapshot:
    """Every posting a feed lists right now, with where each one was."""

    # (position, posting): position names the page and place for rejects.
    postings: list[tuple[str, Posting]] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    pages: int = 0
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def size(self) -> int:
        """Postings read plus postings rejected by the format."""
        return len(self.postings) + len(self.rejections)


async def fetch_snapshot(
    fetcher: Fetcher,
    feed: FeedFormat,
    url: str,
    *,
    on_page: Callable[[int], None] | None = None,
) -> Snapshot:
    """Fetch and parse `url` and every page after it, following `next_url`."""
    snapshot = Snapshot()
    seen: set[str] = set()
    next_url: str | None = feed.first_url(url)
    while next_url is not None:
        # A page pointing back at one already read would loop for ever.
        if next_url in seen:
            raise FeedMalformed("the feed's paging returns to a page already read")
        if len(seen) >= MAX_PAGES:
            raise FeedMalformed(f"the feed has more than {MAX_PAGES} pages")
        seen.add(next_url)

        fetched = await fetcher.get(next_url)
        page = feed.parse(fetched.body, fetched.url, fetched.content_type)
        snapshot.pages += 1
        number = snapshot.pages
        snapshot.postings.extend(
            (f"page {number} posting {index}", posting)
            for index, posting in enumerate(page.postings, 1)
        )
        snapshot.rejections.extend(
            Rejection(f"page {number} {r.position}", r.reason, r.external_id)
            for r in page.rejections
        )
        if on_page is not None:
            on_page(number)
        next_url = page.next_url
    return snapshot
