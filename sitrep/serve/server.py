"""Run the dashboard with uvicorn: the one place that knows about the web server."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

from sitrep.store import open_store


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    Example:
        >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
        (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_server(
    db: str, *, host: str = "127.0.0.1", port: int = 8765, announce: Callable[[str], Any] = print
) -> None:
    """Open the store read-only (a clear error now rather than on the first request) and
    serve until interrupted."""
    import uvicorn

    from sitrep.serve.app import create_app

    store = open_store(db, read_only=True)
    app = create_app(store)
    shown = f"[{host}]" if ":" in host else host
    announce(f"sitrep dashboard on http://{shown}:{port}/  (Ctrl-C stops it)")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()
