"""Where partner feeds may come from: URL rules and the address policy.

A feed URL is an instruction from outside the gateway, so it must not
reach the gateway's own network (loopback, private ranges, the cloud
metadata service at 169.254.169.254). The URL rules run before every
request and redirect hop; the address policy runs on every address a
host name resolves to, right before connecting (see connectors.transport).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

import httpx

from connectors.errors import FeedAddressRefused
from gateway.settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Why an address is refused, or None when feeds may come from it.
AddressPolicy = Callable[[IPAddress], str | None]

# NAT64 gateways translate 64:ff9b::a.b.c.d to the IPv4 address a.b.c.d.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, if it carries one."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal_reason(address: IPAddress) -> str | None:
    """Why feeds may not come from `address`; None for a public address.

    IPv6 forms that carry an IPv4 address (`::ffff:127.0.0.1`, 6to4,
    NAT64) are judged by the IPv4 address inside them.
    """
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None:
            reason = refusal_reason(inner)
            return None if reason is None else f"{reason} (as {inner})"
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_private:
        return "private"
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:
        # fec0::/10 is deprecated, and Python still counts it as global.
        return "site-local"
    if address.is_reserved:
        return "reserved"
    if not address.is_global:
        # Shared address space (100.64/10), documentation ranges and the
        # like: not private by name, but nobody's public feed lives there.
        return "not globally routable"
    return None


def public_only(address: IPAddress) -> str | None:
    """The production policy: only globally routable unicast addresses."""
    return refusal_reason(address)


def any_address(address: IPAddress) -> str | None:
    """The local-testing policy: every address, loopback included."""
    return None


def policy_for(settings: Settings) -> AddressPolicy:
    """The address policy `settings` ask for."""
    return any_address if settings.allow_private_feed_hosts else public_only


def parse_ip(host: str) -> IPAddress | None:
    """`host` as an IP address when it is a literal one, else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def check_url(url: httpx.URL, *, allow_http: bool, policy: AddressPolicy) -> None:
    """Refuse a URL that feeds may not be fetched from.

    Host names are judged later, on the addresses they resolve to at
    connect time; a literal IP address is judged here, before anything
    is sent, whatever transport carries the request.
    """
    schemes = ("https", "http") if allow_http else ("https",)
    if url.scheme not in schemes:
        allowed = " or ".join(schemes)
        raise FeedAddressRefused(
            f"feed URLs must use {allowed}, not {url.scheme or 'no scheme'!r}"
        )
    if url.userinfo:
        # Credentials in URLs end up in logs and Referer-like places; a
        # connector that needs them sends them in headers.
        raise FeedAddressRefused(f"feed URL for {url.host} carries credentials")
    if not url.host:
        raise FeedAddressRefused("feed URL has no host")

    address = parse_ip(url.host)
    if address is not None:
        reason = policy(address)
        if reason is not None:
            raise FeedAddressRefused(f"{address} is a {reason} address")
