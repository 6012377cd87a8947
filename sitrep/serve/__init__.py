"""``sitrep serve``: the offline web dashboard over a store.

The app only reads: it opens the store read-only, keeps a small in-memory catalogue of the
events' filterable fields (``catalog``), turns query parameters into checked filters
(``filters``), and renders pages from templates with every article-derived string escaped.
Leaflet comes from the ``xstatic`` PyPI packages and the country outlines from a file shipped
in this package, so no request leaves the machine.

Example:
    >>> from sitrep.serve import create_app
    >>> app = create_app("sqlite:///sitrep.db")  # doctest: +SKIP
"""

from __future__ import annotations

from sitrep.serve.app import create_app

__all__ = ["create_app"]
