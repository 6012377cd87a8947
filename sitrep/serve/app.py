"""The FastAPI app: HTML pages, the JSON API, downloads and the static assets.

The JSON routes return ``JSONResponse`` themselves: FastAPI would otherwise walk every value
of a 3000-point map through its encoder, which costs more than computing the map.

One store connection serves every request under one lock: the dashboard is a local, mostly
single-user tool, and one read-only connection per process keeps SQLite's WAL readers and a
PostgreSQL session simple. Every response carries a Content-Security-Policy that allows only
this origin (scripts, styles, images, fetches), so even a string that escaped escaping could
neither run nor call out.
"""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.middleware.gzip import GZipMiddleware

from sitrep.export import acled_csv, geojson
from sitrep.export.incident import from_event
from sitrep.export.provenance import Provenance
from sitrep.export.shapes import record
from sitrep.model import to_dict
from sitrep.serve import catalog as cat
from sitrep.serve.filters import COPY_STATUSES, STATUSES, BadFilter, Filters, parse
from sitrep.serve.pages import article_context, event_context
from sitrep.serve.queries import iter_events_by_ids
from sitrep.serve.trends import trends
from sitrep.store import open_store
from sitrep.store.base import Store
from sitrep.views import article_view, event_view

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
DOWNLOADS = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
}
# ACLED's six event types, each with a colour-blind-safe colour (Okabe-Ito), used by the map,
# its legend and the table; other types (PLOVER-only events) are grey.
TYPE_COLOURS = {
    "Battles": "#d55e00",
    "Explosions/Remote violence": "#cc79a7",
    "Violence against civilians": "#000000",
    "Protests": "#0072b2",
    "Riots": "#e69f00",
    "Strategic developments": "#009e73",
}


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("sitrep.serve").joinpath(name)))


def _xstatic_dir(module: str) -> Path:
    """The data folder of an xstatic package: Leaflet ships in PyPI wheels, no CDN."""
    import importlib

    return Path(importlib.import_module(module).BASE_DIR)


class Dashboard:
    """The store, its catalogue and the lock every request takes to read them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lock = threading.RLock()
        self.catalog = cat.Catalog(store)


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(_package_dir("templates"))),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["TYPE_COLOURS"] = TYPE_COLOURS
    env.globals["STATUSES"] = STATUSES
    env.globals["COPY_STATUSES"] = COPY_STATUSES
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)  # compiled now, not on some user's first visit
    return env


def create_app(db: str | Store, *, check_every_s: float = cat.CHECK_EVERY_S) -> FastAPI:
    """The dashboard app over the store at ``db`` (a URL, opened read-only, or an open store).

    Example:
        >>> app = create_app("sqlite:///sitrep.db")  # doctest: +SKIP
        >>> # uvicorn.run(app, host="127.0.0.1", port=8765)
    """
    store = open_store(db, read_only=True) if isinstance(db, str) else db
    dash = Dashboard(store)
    dash.catalog.check_every_s = check_every_s
    env = _templates()
    app = FastAPI(
        title="sitrep",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: nothing here may
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.dashboard = dash
    app.add_middleware(GZipMiddleware, minimum_size=2000)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    def html(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/download"

    @app.exception_handler(BadFilter)
    def bad_filter(request: Request, exc: BadFilter) -> Response:
        if wants_json(request):
            return JSONResponse({"error": str(exc)}, status_code=400)
        return html("error.html", 400, title="Bad filter", message=str(exc))

    class NotFound(Exception):
        pass

    @app.exception_handler(NotFound)
    def not_found(request: Request, exc: NotFound) -> Response:
        if wants_json(request):
            return JSONResponse({"error": str(exc)}, status_code=404)
        return html("error.html", 404, title="Not found", message=str(exc))

    def filters(request: Request, extra: tuple[str, ...] = ()) -> Filters:
        return parse(dict(request.query_params), extra=extra)

    def no_params(request: Request) -> None:
        if request.query_params:
            name = next(iter(request.query_params))
            raise BadFilter(f"unknown parameter {name!r}: this page takes none")

    def view_trends(f: Filters) -> dict[str, Any]:
        """The trends of a view, once per view and store version (order and paging aside)."""
        view = f.selection_only()
        return dash.catalog.cached(  # type: ignore[no-any-return]
            "trends",
            view,
            lambda: trends(dash.catalog.select(view)),
            lambda t: sum(1 + len(x["weeks"]) for x in t["by_admin1"] + t["by_type"]),
        )

    # ---------------------------------------------------------------- pages
    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request) -> Response:
        f = filters(request)
        with dash.lock:
            rows = dash.catalog.select(f)
            facets = dash.catalog.facets()
            shown = rows[f.offset : f.offset + f.limit]
            located, killed = rows.located(), rows.killed()
        return html(
            "overview.html",
            f=f,
            rows=shown,
            total=len(rows),
            facets=facets,
            located=located,
            killed=killed,
            query=f.query(),
        )

    def one_thing(
        request: Request,
        thing_id: str,
        view_of: Callable[[Store, str], Any],
        context: Callable[[Any], dict[str, Any]],
        missing: str,
    ) -> dict[str, Any]:
        """The context of a page about one event or article (such a page takes no parameters),
        built under the lock; a 404 with ``missing`` (the id put in its ``{!r}``) when none."""
        no_params(request)
        with dash.lock:
            view = view_of(dash.store, thing_id)
            if view is None:
                raise NotFound(missing.format(thing_id))
            return context(view)

    @app.get("/events/{event_id}", response_class=HTMLResponse)
    def event_page(event_id: str, request: Request) -> Response:
        def context(view: Any) -> dict[str, Any]:
            return {**event_context(view), "row": dash.catalog.row(event_id)}

        missing = "no event {!r}; the overview lists the events"
        return html("event.html", **one_thing(request, event_id, event_view, context, missing))

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: str, request: Request) -> Response:
        context = one_thing(request, article_id, article_view, article_context, "no article {!r}")
        return html("article.html", **context)

    @app.get("/trends", response_class=HTMLResponse)
    def trends_page(request: Request) -> Response:
        f = filters(request)
        with dash.lock:
            data = view_trends(f)
        return html("trends.html", data=data, f=f, query=f.query())

    # ---------------------------------------------------------------- JSON API
    @app.get("/api/events")
    def api_events(request: Request) -> Response:
        """Events in the shape of ``sitrep events --json`` / the JSONL export, filtered and
        paged (``limit``, ``offset``) like the overview's table."""
        f = filters(request)
        with dash.lock:
            rows = dash.catalog.select(f)
            shown = [r.id for r in rows[f.offset : f.offset + f.limit]]
            events = dash.store.events.get_many(shown)
        return JSONResponse(
            {
                "total": len(rows),
                "offset": f.offset,
                "limit": f.limit,
                "events": [record(e) for e in events],
            }
        )

    @app.get("/api/events/{event_id}")
    def api_event(event_id: str, request: Request) -> dict[str, Any]:
        no_params(request)
        with dash.lock:
            found = dash.store.events.get_many([event_id])
            if not found:
                raise NotFound(f"no event {event_id!r}")
            claims = dash.store.claims.get_many(found[0].claims)
            row = dash.catalog.row(event_id)
        return {
            **record(found[0]),
            "status": row.status if row else None,
            "claim_records": [record(c) for c in claims],
        }

    @app.get("/api/articles/{article_id}")
    def api_article(article_id: str, request: Request) -> dict[str, Any]:
        no_params(request)
        with dash.lock:
            article = dash.store.articles.get(article_id)
            if article is None:
                raise NotFound(f"no article {article_id!r}")
            claims = list(dash.store.claims.iter(article_id=article_id))
            verdict = dash.store.checks.verdict(article_id)
            copy = dash.store.copies.verdict(article_id)
            return {
                **record(article, include_text=True),
                "verdict": to_dict(verdict) if verdict else None,
                "copy": to_dict(copy) if copy else None,
                "claims": [record(c) for c in claims],
            }

    @app.get("/api/trends")
    def api_trends(request: Request) -> Response:
        f = filters(request)
        with dash.lock:
            return JSONResponse(view_trends(f))

    @app.get("/api/map")
    def api_map(request: Request) -> Response:
        """The map's markers (or server-side cells on big views) for the current filters."""
        params = dict(request.query_params)
        zoom_text = params.pop("zoom", "2")
        try:
            zoom = int(zoom_text)
        except ValueError:
            raise BadFilter(f"zoom must be a whole number, not {zoom_text!r}") from None
        f = parse(params)
        with dash.lock:
            return JSONResponse(dash.catalog.map_points(f, zoom))

    @app.get("/api/timeline")
    def api_timeline(request: Request) -> Response:
        """Events and fatalities per day or week under every filter but the dates, so the
        brushed range can be widened again."""
        f = filters(request)
        with dash.lock:
            return JSONResponse(dash.catalog.timeline(f))

    @app.get("/download")
    def download(request: Request) -> Response:
        """The current view (every page of it) as ACLED CSV, GeoJSON or JSONL."""
        fmt = request.query_params.get("format", "jsonl")
        if fmt not in DOWNLOADS:
            raise BadFilter(f"format must be one of {', '.join(DOWNLOADS)}, not {fmt!r}")
        f = filters(request, extra=("format",))
        with dash.lock:
            ids = dash.catalog.select(f).ids()
            body = _render_download(dash.store, ids, fmt)
        media, ext = DOWNLOADS[fmt]
        return Response(
            body,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="sitrep-events.{ext}"'},
        )

    app.mount("/static/app", StaticFiles(directory=_package_dir("static")), name="static")
    app.mount(
        "/static/leaflet",
        StaticFiles(directory=_xstatic_dir("xstatic.pkg.leaflet")),
        name="leaflet",
    )
    app.mount(
        "/static/markercluster",
        StaticFiles(directory=_xstatic_dir("xstatic.pkg.leaflet_markercluster")),
        name="markercluster",
    )
    return app


def _render_download(store: Store, ids: list[str], fmt: str) -> str:
    """The events as one file's text in ``fmt``, with the exporters' own row builders."""
    buf = io.StringIO()
    events = iter_events_by_ids(store, ids)
    if fmt == "jsonl":
        for e in events:
            buf.write(json.dumps(record(e), ensure_ascii=False) + "\n")
    elif fmt == "geojson":
        features = [geojson.feature(record(e), "events") for e in events]
        json.dump({"type": "FeatureCollection", "features": features}, buf, ensure_ascii=False)
    else:
        from sitrep.export.csvsafe import SafeCsvWriter

        provenance, stamp = Provenance(store), int(time.time())
        writer = SafeCsvWriter(buf, acled_csv.COLUMNS)
        for e in events:
            if e.event_type is not None:
                writer.writerow(acled_csv.row(from_event(e, provenance.for_event(e)), stamp))
    return buf.getvalue()
