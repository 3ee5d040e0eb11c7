"""The crawler's DNS resolver (Scrapy's TWISTED_DNS_RESOLVER): a connection goes to exactly the
address the crawl rules checked.

Each name is resolved once per crawl (``policy.ADDRESSES``, shared with ``PolicyMiddleware``), and
the resolver hands Twisted only those pinned addresses, after checking them again. A name that
answers with a public address when checked and a private one when connected to (DNS rebinding)
is therefore connected to the public one, and a name that resolves to a private address is not
connected to at all, unless CASEREVIEW_CRAWL_ALLOW_HOSTS allows it.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterable, Sequence

from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.interfaces import IAddress, IHostnameResolver, IHostResolution
from twisted.internet.threads import deferToThreadPool
from zope.interface import implementer

from .policy import ADDRESSES, PinnedAddresses, is_private_host

logger = logging.getLogger(__name__)


@implementer(IHostResolution)
class _Resolution:
    def __init__(self, name: str):
        self.name = name

    def cancel(self) -> None:
        """Cancelling is not supported: the lookup is short and its answer is pinned anyway."""


def connectable_addresses(
    host: str, allowed: Iterable[str], addresses: PinnedAddresses = ADDRESSES
) -> tuple[str, ...]:
    """The pinned addresses of ``host`` the crawler may connect to: all of them, or none when
    any is private and not allowed (the same judgement as the crawl rules)."""
    if is_private_host(host, allowed, addresses):
        return ()
    return addresses.addresses(host)


def twisted_address(address: str, port: int) -> IPv4Address | IPv6Address:
    if ipaddress.ip_address(address).version == 6:
        return IPv6Address("TCP", address, port)
    return IPv4Address("TCP", address, port)


@implementer(IHostnameResolver)
class PinnedAddressResolver:
    """An IHostnameResolver that answers with the pinned, checked addresses only."""

    def __init__(
        self, reactor, allowed: Iterable[str] = (), addresses: PinnedAddresses = ADDRESSES
    ):
        self.reactor = reactor
        self.allowed = set(allowed)
        self.addresses = addresses

    @classmethod
    def from_crawler(cls, crawler, reactor):
        return cls(reactor, crawler.settings.getlist("CASEREVIEW_ALLOW_HOSTS"))

    def install_on_reactor(self) -> None:
        self.reactor.installNameResolver(self)

    def resolve(
        self, host: str, port: int, address_types: Sequence[type[IAddress]] | None = None
    ) -> list[IPv4Address | IPv6Address]:
        """The Twisted addresses to connect to for ``host`` (blocking: run in a thread)."""
        found = [
            twisted_address(a, port)
            for a in connectable_addresses(host, self.allowed, self.addresses)
        ]
        if not found:
            logger.warning("refused to connect to %s: no public or allowed address", host)
        return [a for a in found if address_types is None or type(a) in address_types]

    def resolveHostName(  # noqa: N802 (Twisted's interface)
        self,
        resolutionReceiver,  # noqa: N803
        hostName: str,  # noqa: N803
        portNumber: int = 0,  # noqa: N803
        addressTypes: Sequence[type[IAddress]] | None = None,  # noqa: N803
        transportSemantics: str = "TCP",  # noqa: N803
    ) -> IHostResolution:
        resolution = _Resolution(hostName)
        resolutionReceiver.resolutionBegan(resolution)
        pool = self.reactor.getThreadPool()
        found = deferToThreadPool(
            self.reactor, pool, self.resolve, hostName, portNumber, addressTypes
        )

        def deliver(addresses):
            for address in addresses:
                resolutionReceiver.addressResolved(address)

        found.addCallback(deliver)
        found.addErrback(
            lambda failure: logger.warning("lookup of %s failed: %s", hostName, failure)
        )
        found.addBoth(lambda _: resolutionReceiver.resolutionComplete())
        return resolution
