"""Only the backend faces the network: the real Rasa server and action server listen on loopback only."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ops.services import RunningServices
from settings import Settings

pytestmark = pytest.mark.integration

LISTEN = "0A"  # the TCP state in /proc/net/tcp*


def _address(hex_address: str) -> str:
    """/proc/net/tcp* writes addresses as 32-bit words in host (little-endian) order."""
    raw = bytes.fromhex(hex_address)
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return socket.inet_ntop(socket.AF_INET if len(raw) == 4 else socket.AF_INET6, words)


def listening_addresses(port: int) -> set[str]:
    """Every local address a TCP socket listens on at this port, IPv4 and IPv6 (Linux)."""
    found = set()
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        for line in table.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == LISTEN and int(hex_port, 16) == port:
                found.add(_address(address))
    return found


@pytest.mark.parametrize("service", ["rasa_url", "action_server_url"])
def test_internal_services_listen_on_loopback_only(
    product: RunningServices, product_settings: Settings, service: str
):
    port = urlparse(getattr(product_settings, service)).port
    assert port is not None
    assert listening_addresses(port) == {"127.0.0.1"}
