"""Sanitising partner-supplied HTML before it is stored or served."""

from __future__ import annotations

import nh3

# What a job description needs, and nothing that runs: no scripts, styles,
# event-handler attributes, iframes or forms.
ALLOWED_TAGS = {
    "a", "b", "blockquote", "br", "em", "h2", "h3", "h4", "i", "li", "ol",
    "p", "strong", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html: str) -> str:
    """Safe HTML: unknown tags dropped, links made `noopener noreferrer`."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
