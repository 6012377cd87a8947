"""The ``sitrep`` command: a thin layer over the library, one command per library call.

Exit codes: 0 all went well; 1 some inputs or articles failed (the rest were stored; see
``sitrep errors``) or a file the command needs is unusable; 2 wrong usage; 3 the database could
not be opened or written; 4 an internal error (a bug in sitrep: please report it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep.errors import InputError, SitrepError, StoreError
from sitrep.model import ArticleVerdict, to_dict
from sitrep.store import DEFAULT_URL, Store, open_store

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_STORE, EXIT_INTERNAL = 0, 1, 2, 3, 4

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="sitrep: turn conflict news into an evidence-linked event dataset, offline.\n\n"
    "Exit codes: 0 ok; 1 some inputs failed (the rest were stored) or a needed file is "
    "unusable; 2 usage error; 3 database error; 4 internal error (a bug: please report it).",
)
# Markup off and soft wrap on: user text (titles, outlets, file names) may hold "[/red]", and an
# error naming a file must reach a log or a grep in one piece, whatever the terminal width.
out = Console(soft_wrap=True, markup=False, highlight=False)
err = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)

ModeOption = Annotated[
    str,
    typer.Option(
        "--mode",
        help="Extraction: full (sentence vectors + parser), fast (TF-IDF typing, no neural model), rules.",
    ),
]
FollowLinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Follow symbolic links in folders that lead outside the folder given "
        "(off: such links are skipped and reported; link loops are always detected).",
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Worker processes for extraction, each loading the models once (about 1 GB "
        "each in full mode), and for fusing 10,000 claims or more in blocks; default: one "
        "per core. 1 works in this process.",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Work on an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (needs sitrep[scale] "
        "on this machine and every worker): extraction (with PostgreSQL the workers write "
        "the claims with COPY), fusion of 10,000 claims or more in blocks, and the preparing "
        "of ingested documents. --workers is then ignored.",
    ),
]
# Every `sitrep evaluate` task prints its figures as one JSON object with --json.
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="Database URL: sqlite:///FILE (default) or postgresql://...",
        envvar="SITREP_DB",
    ),
]


@contextlib.contextmanager
def _store(url: str, read_only: bool = False) -> Iterator[Store]:
    store = open_store(url, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


class _Bars:
    """Progress bars for the stages, fed by the library's progress callbacks."""

    def __init__(self, enabled: bool) -> None:
        self.progress = Progress(
            TextColumn("[bold]{task.description:<8}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[note]}", markup=False),
            TimeElapsedColumn(),
            console=err,
            disable=not enabled,
            transient=False,
        )
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> _Bars:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)  # type: ignore[arg-type]

    def __call__(self, stage: str, event: str, data: dict[str, Any]) -> None:
        p = self.progress
        if event == "start":
            total = data.get("bytes") if stage == "ingest" else data.get("articles")
            self.tasks[stage] = p.add_task(stage, total=total or None, note="")
        elif stage in self.tasks:
            task = self.tasks[stage]
            if event == "file":
                p.update(task, advance=data.get("advance", 0), note=str(data.get("name", ""))[-40:])
            elif event == "advance":
                p.update(task, advance=data.get("n", 0))
            elif event == "end":
                final = next((t.total or t.completed for t in p.tasks if t.id == task), 0) or 1
                p.update(task, total=final, completed=final, note="done")


def _bars_enabled(quiet: bool) -> bool:
    return not quiet and err.is_terminal


def _print_errors(errors: list[Any], limit: int = 20) -> None:
    for e in errors[:limit]:
        err.print(f"[red]error[/red] {escape(str(e))}", markup=True)
    if len(errors) > limit:
        err.print(f"... and {len(errors) - limit} more (see: sitrep errors)")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    db: DbOption = DEFAULT_URL,
    force: Annotated[
        bool, typer.Option(help="Re-read files already ingested and unchanged.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    follow_links: FollowLinksOption = False,
    scheduler: SchedulerOption = None,
) -> None:
    """Read articles (txt, JSONL, CSV/TSV, HTML, RSS/Atom, .gz) into the store, flagging copies.

    Re-running is safe: stored articles are skipped and unchanged files are not re-read.
    With --scheduler the documents read here are prepared on a Dask cluster.

    Example:
        sitrep ingest samples/ --db sqlite:///sitrep.db
        cat news.jsonl | sitrep ingest -
    """
    from sitrep.ingest import ingest as run_ingest

    client = None
    if scheduler is not None:
        from sitrep.scale import connect_scheduler

        client = connect_scheduler(scheduler)
    try:
        with _store(db) as store, _Bars(_bars_enabled(quiet)) as bars:
            report = run_ingest(
                paths,
                store,
                force=force,
                follow_links=follow_links,
                progress=lambda e, d: bars("ingest", e, d),
                scheduler=client,
            )
    finally:
        if client is not None:
            client.close()
    _ingest_summary(report)
    raise typer.Exit(EXIT_OK if report.ok else EXIT_PARTIAL)


def _ingest_summary(report: Any) -> None:
    _print_errors(report.errors)
    d = report.as_dict()
    line = (
        f"ingest: {d['new']} new articles ({d['duplicates']} copies of others, "
        f"{d['non_english']} not in English: stored, not extracted), "
        f"{d['already_stored']} already stored, {d['files']} files "
        f"({d['files_unchanged']} unchanged), {d['errors']} errors in {d['seconds']:.1f}s"
    )
    err.print(line, highlight=False)
    if report.skipped_files:
        err.print(
            f"skipped {len(report.skipped_files)} files (unknown type, links leading out of the "
            f"folder, special files), e.g. {report.skipped_files[0]}",
            highlight=False,
        )


@app.command()
def extract(
    db: DbOption = DEFAULT_URL,
    mode: ModeOption = "full",
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Extract event claims from stored English articles (resumes where a killed run stopped).

    Uses every core by default (--workers); --scheduler sends the work to a Dask cluster.

    Example:
        sitrep extract --db sqlite:///sitrep.db
        sitrep extract --mode fast      # big corpora: no neural model, lower typing accuracy
        sitrep extract --workers 1      # one process, no worker start-up
        sitrep extract --db postgresql://sitrep@db/sitrep --scheduler tcp://10.0.0.5:8786
    """
    from sitrep.extract.stage import extract as run_extract

    _check_mode(mode)
    with _store(db) as store, _Bars(_bars_enabled(quiet)) as bars:
        report = run_extract(
            store,
            progress=lambda e, d: bars("extract", e, d),
            mode=mode,
            workers=_workers(workers),
            scheduler=scheduler,
        )
    d = report.as_dict()
    err.print(
        f"extract: {d['claims']} claims from {d['articles']} articles, {d['failed']} failed, "
        f"{d['skipped_language']} non-English skipped, {d['seconds']:.1f}s{_writer(d)}",
        highlight=False,
    )
    raise typer.Exit(EXIT_OK if report.failed == 0 else EXIT_PARTIAL)


def _writer(extract_report: dict[str, Any]) -> str:
    """Who wrote the claims, when not this process (Dask workers with COPY)."""
    return " (written by the workers, COPY)" if extract_report.get("writer") == "workers" else ""


def _workers(workers: int | None) -> int:
    """--workers, or one per core: extraction and fusion are CPU-bound, each worker
    single-threaded."""
    return workers if workers is not None else max(1, os.cpu_count() or 1)


def _check_mode(mode: str) -> None:
    from sitrep.extract.cascade import MODES

    if mode not in MODES:
        raise typer.BadParameter(f"--mode must be one of {', '.join(MODES)}, not {mode!r}")


@app.command()
def fuse(
    db: DbOption = DEFAULT_URL,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Recompute every event, not only the new claims.")
    ] = False,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Group claims into events: counts independent reports and keeps conflicting figures.

    New claims join the stored events they match or found new ones; re-running with nothing
    new changes nothing. Many claims are fused in independent blocks on every core
    (--workers) or a Dask cluster (--scheduler), with the same events.

    Example:
        sitrep fuse --db sqlite:///sitrep.db
        sitrep fuse --rebuild --scheduler tcp://10.0.0.5:8786
    """
    from sitrep.fuse.stage import fuse as run_fuse

    with _store(db) as store, _Bars(_bars_enabled(quiet)) as bars:
        d = run_fuse(
            store,
            rebuild=rebuild,
            progress=lambda e, data: bars("fuse", e, data),
            workers=_workers(workers),
            scheduler=scheduler,
        ).as_dict()
    err.print(
        f"fuse: {d['events']} events from {d['claims']} claims ({d['new_claims']} new, "
        f"{d['changed_events']} events written; {d['multi_report_events']} told by several "
        f"articles, {d['events_with_conflicts']} with conflicting figures)",
        highlight=False,
    )


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or - for stdin.")],
    db: DbOption = DEFAULT_URL,
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the standard exports here.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Re-read unchanged files.")] = False,
    mode: ModeOption = "full",
    reference: Annotated[
        Path | None,
        typer.Option(
            help="Also check claims against this reference dataset (UCDP GED or ACLED CSV)."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    follow_links: FollowLinksOption = False,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Run every stage: ingest, extract, fuse, verify, and write exports to --out.

    Extraction (and fusion of many claims) uses every core by default (--workers) or a Dask
    cluster (--scheduler); the other stages run in this process. The result is the same
    either way.

    Example:
        sitrep run samples/ --db sqlite:///sitrep.db --out out/
        sitrep run reports/ --reference ged_syria.csv --out out/
        sitrep run archive/ --db postgresql://sitrep@db/sitrep --scheduler tcp://10.0.0.5:8786
    """
    from sitrep.pipeline import run as run_pipeline

    _check_mode(mode)
    started = time.perf_counter()
    with _store(db) as store:
        with _Bars(_bars_enabled(quiet)) as bars:
            report = run_pipeline(
                paths,
                store,
                out_dir=out_dir,
                force=force,
                progress=bars,
                mode=mode,
                reference=reference,
                follow_links=follow_links,
                workers=_workers(workers),
                scheduler=scheduler,
            )
        _ingest_summary(report.ingest)
        _events_table(
            list(store.events.iter(limit=15, order="reports")), title="Most reported events (15)"
        )
        stats = store.stats()
    d = report.extract.as_dict()
    err.print(
        f"extract: {d['claims']} claims from {d['articles']} articles{_writer(d)}; "
        f"fuse: {report.fuse.events} events; verify: {_counts(report.verify.statuses if report.verify else {})}; "
        f"total {time.perf_counter() - started:.1f}s",
        highlight=False,
    )
    print(
        f"Store: {db}  ({stats['articles']} articles, {stats['claims']} claims, {stats['events']} events)"
    )
    if report.exports:
        print("Exports:")
        for path, rows in report.exports.items():
            print(f"  {path}  ({rows} rows)")
    print(
        f"Next: sitrep events --db {db}  |  sitrep articles --copies --db {db}  |  "
        f"sitrep article ID --db {db}  |  sitrep stats --db {db}"
    )
    raise typer.Exit(EXIT_OK if report.ok else EXIT_PARTIAL)


def _show(title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """A table on a terminal; tab-separated lines (header first) when piped, for scripts."""
    if not out.is_terminal:
        print("\t".join(columns))
        for row in rows:
            print("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row))
        return
    table = Table(title=title)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*row)
    out.print(table)


def _events_table(events: list[Any], title: str = "Events") -> None:
    columns = (
        "id",
        "date",
        "type",
        "place",
        "actor1",
        "killed",
        "reports",
        "indep.",
        "sources",
        "conflict",
    )
    rows = []
    for e in events:
        killed = e.casualties.killed
        rows.append(
            (
                e.id,
                str(e.start or "?"),
                e.sub_event_type or e.event_type or "?",
                (e.place.name or e.place.text) if e.place else "?",
                (e.actor1.name or e.actor1.text) if e.actor1 else "",
                "" if killed is None else str(killed.best),
                str(e.n_articles),
                str(e.n_independent),
                str(e.n_original_sources),
                "!" if e.conflicts else "",
            )
        )
    _show(title, columns, rows)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@app.command()
def events(
    db: DbOption = DEFAULT_URL,
    event_type: Annotated[
        str | None, typer.Option("--type", help="ACLED event type, e.g. Battles.")
    ] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 country code, e.g. SYR.")] = None,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    min_killed: Annotated[
        int | None, typer.Option(help="Only events with at least this many killed.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per line instead of a table.")
    ] = False,
) -> None:
    """List fused events with filters, as a table or JSON lines.

    Example:
        sitrep events --country SYR --since 2024-03-01 --min-killed 5
    """
    with _store(db) as store:
        rows = list(
            store.events.iter(
                event_type=event_type,
                country=country,
                since=_date(since),
                until=_date(until),
                min_fatalities=min_killed,
                limit=limit,
            )
        )
    if as_json:
        for e in rows:
            print(json.dumps(to_dict(e), ensure_ascii=False))
        return
    _events_table(rows, title=f"Events ({len(rows)} shown)")


@app.command()
def event(
    event_id: Annotated[str, typer.Argument(help="An event id from `sitrep events`.")],
    db: DbOption = DEFAULT_URL,
    as_json: Annotated[
        bool, typer.Option("--json", help="The event and its claims as JSON.")
    ] = False,
) -> None:
    """One event with every claim behind it: evidence sentence, outlet, cited source, figures.

    Example:
        sitrep event ev_1a2b3c4d5e6f
    """
    from sitrep.views import event_view

    with _store(db) as store:
        view = event_view(store, event_id)
    if view is None:
        err.print(f"no event {event_id!r}: `sitrep events` lists the ids")
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(view.as_dict(), ensure_ascii=False))
        return
    found, arts = view.event, view.articles
    killed = found.casualties.killed
    place = found.place
    where = (place.name or place.text) if place else "?"
    if place and place.lat is not None:
        where += f" ({place.lat:.3f}, {place.lon:.3f}; precision {place.precision})"
    out.print(
        f"[bold]{escape(found.id)}[/bold]  {escape(found.sub_event_type or found.event_type or '?')}  "
        f"{found.start or '?'}  {escape(where)}",
        markup=True,
    )
    out.print(
        f"killed: {'' if killed is None else f'{killed.best} (low {killed.low}, high {killed.high})'}  "
        f"reports: {found.n_articles}"
        f"{f' ({len(found.links)} linked by their text)' if found.links else ''}, claims from "
        f"{found.n_outlets} outlets, "
        f"{found.n_independent} independent, {found.n_original_sources} original sources",
        highlight=False,
    )
    for c in found.conflicts:
        out.print(
            f"  conflicting {c.field}: {c.value} according to {c.source or 'the outlet'} "
            f"({c.outlet or '?'}, article {c.article_id})",
            highlight=False,
        )
    for c in view.claims:
        art = arts.get(c.article_id)
        copy = f", {art.copy_status} of {art.dup_of}" if art and art.dup_of else ""
        source = ", ".join(s.label() for s in c.sources) or "(no source cited)"
        figures = ", ".join(
            f"{k} {getattr(c.casualties, k).best}"
            for k in c.casualties.KINDS
            if getattr(c.casualties, k) is not None
        )
        out.print(
            f"\n- {art.outlet if art else '?'} {art.published if art else ''}{copy} "
            f"[{c.article_id}] says ({source}; {figures or 'no figures'}):",
            highlight=False,
        )
        out.print(f"  {c.sentence.text}", highlight=False, markup=False)
    if found.links:
        out.print(
            "\nalso reported by (linked at document level; no claim of theirs is in it):",
            highlight=False,
        )
        for link in found.links:
            art = arts.get(link.article_id)
            title = (art.title or "") if art else ""
            out.print(
                f"- {art.outlet if art else '?'} {art.published if art else ''} "
                f"[{link.article_id}] {title[:80]}",
                highlight=False,
                markup=False,
            )
            out.print(f"  score {link.score}: {link.reason}", highlight=False, markup=False)


def _counts(counts: dict[str, int]) -> str:
    return (
        ", ".join(f"{v} {k}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])) or "nothing"
    )


@app.command()
def verify(
    db: DbOption = DEFAULT_URL,
    reference: Annotated[
        Path | None,
        typer.Option(
            help="Also check claims against this reference dataset (UCDP GED or ACLED CSV)."
        ),
    ] = None,
    model: Annotated[
        Path | None, typer.Option(help="A credibility model JSON (default: the packaged one).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Say how far each claim and article can be trusted, with reasons (run after fuse).

    Claims: corroborated / contested / single-source against independent reports of their
    event. Articles: a credibility score and verdict (credible / uncertain / doubtful) from
    corroboration, copy status, attribution, inconsistency, title and the reference checks.

    Example:
        sitrep verify --db sqlite:///sitrep.db
    """
    from sitrep.verify.stage import verify as run_verify

    with _store(db) as store, _Bars(_bars_enabled(quiet)) as bars:
        d = run_verify(
            store,
            reference=reference,
            model=model,
            progress=lambda e, data: bars("verify", e, data),
        ).as_dict()
    err.print(
        f"verify: {d['claims']} claims ({_counts(d['statuses'])}); {d['articles']} articles "
        f"({_counts(d['verdicts'])}) in {d['seconds']:.1f}s",
        highlight=False,
    )
    if d["reference"]:
        ref = dict(d["reference"])
        err.print(f"reference {ref.pop('file')}: {_counts(ref)}", highlight=False)


@app.command()
def check(
    reference: Annotated[
        Path, typer.Option(help="Reference dataset: UCDP GED CSV, ACLED CSV, or a sitrep export.")
    ],
    db: DbOption = DEFAULT_URL,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per claim.")] = False,
) -> None:
    """Check every claim against a reference event dataset the user trusts.

    Each claim gets: matched / figures differ (which, by how much) / no reference event /
    not checkable (with why: no date or place, a type, country or period the reference does
    not cover). Claims are matched in any country and period the file covers (each country
    in its own period); a row that is itself uncertain (GED low/high, a date range, a
    district-level place) widens the tolerance rather than contradicting. The checks are
    stored and feed the article verdicts.

    Example:
        sitrep check --reference ucdp_ged_syria.csv --db sqlite:///sitrep.db
    """
    from sitrep.verify.stage import verify as run_verify
    from sitrep.views import reference_view

    if not reference.is_file():
        raise typer.BadParameter(f"{reference} is not a file")
    with _store(db) as store:
        summary = dict(run_verify(store, reference=reference).reference or {})
        view = reference_view(store)
    if as_json:
        for row in view.as_dicts():
            print(json.dumps(row, ensure_ascii=False, default=str))
        return
    rows = [
        (
            c.claim_id,
            c.verdict,
            "; ".join(c.reasons)[:120],
            view.claims[c.claim_id].sentence.text[:90] if c.claim_id in view.claims else "",
        )
        for c in view.by_verdict()[: max(limit, 1)]
    ]
    _show("Reference checks", ("claim", "verdict", "why", "sentence"), rows)
    err.print(
        f"reference {summary.pop('file', reference.name)}: {_counts(summary)}", highlight=False
    )
    whys, n = view.not_checkable, len(view.checks)
    if n:
        err.print(
            f"checkable: {view.checkable} of {n} claims ({view.checkable / n:.0%})"
            + (f"; not checkable: {_counts(whys)}" if whys else ""),
            highlight=False,
        )


def _print_verdict(verdict: ArticleVerdict) -> None:
    """The verdict, what it meant on labelled data, and the findings it rests on."""
    from sitrep.verify.credibility import calibration_line, load_model

    basis = verdict.basis
    out.print(
        f"verdict: [bold]{escape(verdict.verdict)}[/bold] "
        f"({'from the evidence below' if basis == 'evidence' else 'learned score'}, "
        f"score {verdict.score:.2f})",
        markup=True,
    )
    try:
        meaning = calibration_line(load_model(), verdict.verdict)
    except SitrepError:
        meaning = None
    if meaning:
        out.print(f"  in practice: {meaning}", highlight=False, markup=False)
    marks = {"for": "+", "against": "-", "note": "·"}
    for f in verdict.findings:
        weight = f" (weight {f.weight})" if f.weight else ""
        out.print(
            f"  {marks.get(f.bearing, '?')} {f.kind}{weight}: {f.reason}",
            highlight=False,
            markup=False,
        )
    if not verdict.findings and basis == "evidence":
        out.print(
            "  nothing a reader could check: no independent report, reference row or "
            "page feature bears on it",
            highlight=False,
            markup=False,
        )
    if basis == "evidence" and verdict.learned_score is not None:
        out.print(
            f"  learned score {verdict.learned_score:.2f}, not used for the verdict: it "
            "did not beat the evidence on unseen articles",
            highlight=False,
            markup=False,
        )
    elif basis != "evidence":
        for r in verdict.reasons:
            out.print(
                f"  {'+' if r.effect > 0 else '-'} {r.reason} ({r.direction})",
                highlight=False,
                markup=False,
            )


@app.command()
def article(
    article_id: Annotated[str, typer.Argument(help="An article id from `sitrep articles`.")],
    db: DbOption = DEFAULT_URL,
    as_json: Annotated[
        bool, typer.Option("--json", help="Verdict, signals and claims as JSON.")
    ] = False,
) -> None:
    """One article's verdict with the findings it rests on and what the verdict meant on
    labelled data, then each claim's status and why.

    Example:
        sitrep article 3f2a9c...
    """
    from sitrep.views import article_view

    with _store(db) as store:
        view = article_view(store, article_id)
    if view is None:
        err.print(f"no article {article_id!r}: `sitrep articles` lists the ids")
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(view.as_dict(), ensure_ascii=False, default=str))
        return
    found, copy = view.article, view.copy
    out.print(f"[bold]{escape(found.title or found.id)}[/bold]", markup=True)
    out.print(
        f"{found.outlet or '?'}  {found.published or '?'}  copy status: "
        f"{found.copy_status or 'original'}" + (f" of {found.dup_of}" if found.dup_of else ""),
        highlight=False,
    )
    if copy is not None and copy.evidence == "intrinsic":
        out.print(
            "  from the page itself: " + "; ".join(copy.reasons), highlight=False, markup=False
        )
    if view.verdict is None:
        out.print("not verified yet: run `sitrep verify`")
    else:
        _print_verdict(view.verdict)
    for c in view.claims:
        chk = view.checks.get(c.id)
        status = chk.status if chk else "not in an event (no event type)"
        out.print(
            f"\n- [{status}] {c.sub_event_type or c.event_type or 'no type'}: ",
            end="",
            highlight=False,
            markup=False,
        )
        out.print(c.sentence.text, highlight=False, markup=False)
        for reason in chk.reasons if chk else []:
            out.print(f"    {reason}", highlight=False, markup=False)
        if c.id in view.references:
            ref = view.references[c.id]
            out.print(
                f"    reference ({ref.reference}): {ref.verdict}; " + "; ".join(ref.reasons),
                highlight=False,
                markup=False,
            )


@app.command()
def articles(
    db: DbOption = DEFAULT_URL,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1).")] = None,
    copies: Annotated[
        bool, typer.Option("--copies", help="Only copies of other articles, with what they copy.")
    ] = False,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
) -> None:
    """List stored articles: outlet, date, language and copy status.

    Example:
        sitrep articles --copies
    """
    rows = []
    with _store(db) as store:
        for a in store.articles.iter(outlet=outlet, language=language):
            if copies and not a.dup_of:
                continue
            score = f" ({a.dup_score:.2f})" if a.dup_score is not None else ""
            of = a.dup_of or ""
            verdict = store.copies.verdict(a.id) if a.dup_of else None
            if verdict and verdict.status != "original":  # sentence level: every source
                score = f" ({verdict.share_copied:.0%} of sentences)"
                of = ", ".join(verdict.sources)
            rows.append(
                (
                    a.id,
                    str(a.published or ""),
                    a.outlet or "",
                    a.language or "?",
                    (a.copy_status or "") + score,
                    of,
                    (a.title or "")[:70],
                )
            )
            if len(rows) >= limit:
                break
    _show("Articles", ("id", "published", "outlet", "lang", "copy", "of", "title"), rows)


@app.command()
def export(
    what: Annotated[str, typer.Option(help="articles | claims | events")] = "events",
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="jsonl | csv | acled-csv | ucdp-csv | geojson | parquet"
        ),
    ] = "jsonl",
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output file, or - for stdout.")
    ] = "-",
    db: DbOption = DEFAULT_URL,
) -> None:
    """Write articles, claims or events in a format analysts already load.

    Example:
        sitrep export --what events --format acled-csv -o events.csv
        sitrep export --what claims --format geojson -o claims.geojson
    """
    from sitrep.export import export as run_export

    with _store(db) as store:
        rows = run_export(store, what, fmt, output)
    if output != "-":
        err.print(f"wrote {rows} {what} to {output}", highlight=False)


@app.command()
def serve(
    db: DbOption = DEFAULT_URL,
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; anything but loopback is reachable by others."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
) -> None:
    """Browse the store in a web browser: map, timeline, filters, every event's evidence.

    Reads the database read-only (a running `sitrep run` or `watch` may write meanwhile: new
    events show on reload); needs no internet. Routes: / (overview), /events/ID,
    /articles/ID, /trends and the JSON API under /api/ (see the README, "Dashboard").

    Example:
        sitrep serve --db sqlite:///sitrep.db --port 8765
    """
    from sitrep.serve.server import is_loopback, run_server

    if not is_loopback(host):
        err.print(
            f"warning: listening on {host}, not loopback: anyone who can reach this "
            "machine can read the whole store (there is no login)",
            highlight=False,
        )
    run_server(db, host=host, port=port, announce=err.print)


@app.command()
def stats(
    db: DbOption = DEFAULT_URL, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """Counts of what the store holds: articles by language and copy status, claims, events.

    Example:
        sitrep stats --json
    """
    with _store(db) as store:
        data = store.stats()
    if as_json:
        print(json.dumps(data))
        return
    table = Table(title="sitrep store", show_header=False)
    for key, value in data.items():
        table.add_row(key, json.dumps(value) if isinstance(value, dict) else str(value))
    out.print(table)


@app.command()
def errors(db: DbOption = DEFAULT_URL, limit: Annotated[int, typer.Option()] = 100) -> None:
    """Show the input and extraction errors recorded by earlier runs (file, line, reason).

    Example:
        sitrep errors --limit 20
    """
    with _store(db) as store:
        rows = store.runs.errors()[-limit:]
    shown = [
        (
            r.created_at,
            r.stage,
            f"{r.source}:{r.line}" if r.line is not None else str(r.source),
            r.message,
        )
        for r in rows
    ]
    _show(f"Errors ({len(rows)} shown)", ("when", "stage", "where", "message"), shown)


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="Folder to watch for new or changed files.")],
    db: DbOption = DEFAULT_URL,
    interval: Annotated[float, typer.Option(help="Seconds between looks.")] = 5.0,
    cycles: Annotated[int, typer.Option(help="Stop after this many looks (0 = until Ctrl-C).")] = 0,
    follow_links: FollowLinksOption = False,
) -> None:
    """Ingest new files as they appear in a folder, then extract and fuse what is new.

    Example:
        sitrep watch inbox/ --interval 10
    """
    from sitrep.pipeline import watch as run_watch

    if not folder.is_dir():
        raise typer.BadParameter(f"{folder} is not a folder")
    with _store(db) as store:
        err.print(f"watching {folder} every {interval:g}s (Ctrl-C to stop)", highlight=False)
        try:
            for look in run_watch(
                folder, store, interval=interval, cycles=cycles, follow_links=follow_links
            ):
                if look.ingest.new or look.ingest.errors:
                    _ingest_summary(look.ingest)
                if look.extract is not None and look.fuse is not None:
                    err.print(
                        f"watch: {look.extract.claims} new claims, {look.fuse.events} events",
                        highlight=False,
                    )
        except KeyboardInterrupt:
            err.print("stopped")


@contextlib.contextmanager
def _gold_file(path: Path | str | None, layout: str) -> Iterator[None]:
    """Evaluation and training read one gold file the user names; a file of another layout or
    encoding must say so about that file, not surface as a parser's traceback."""
    import csv

    from lxml import etree

    try:
        yield
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError, csv.Error, etree.XMLSyntaxError) as exc:
        raise InputError(
            str(path), f"cannot be read as {layout} ({type(exc).__name__}: {exc})"
        ) from None
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(str(path), f"cannot be read as {layout}: a record lacks {exc}") from None


train_app = typer.Typer(
    no_args_is_help=True, help="Train the shipped models (reproducible, fixed seeds)."
)
evaluate_app = typer.Typer(
    no_args_is_help=True, help="Score sitrep on gold data; --json prints one object of figures."
)
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")


@train_app.command("event-types")
def train_event_types(
    case: Annotated[
        Path | None,
        typer.Option(help="CASE 2021 Task 2 TSV (text, label) to add to our own sentences."),
    ] = None,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write the model (default: the shipped one)."),
    ] = None,
) -> None:
    """Train the event-type classifier on training/event_sentences_*.tsv (+ --case) and save it.

    Example:
        sitrep train event-types --case ../shared/data/case2021_task2/dev.tsv
    """
    from sitrep.train.event_types import DEFAULT_OUT
    from sitrep.train.event_types import train_event_types as run_train

    with _gold_file(case, "CASE 2021 Task 2 TSV"):
        _, summary = run_train(case, out=out_file or DEFAULT_OUT)
    print(json.dumps(summary))


@evaluate_app.command("case2021")
def evaluate_case2021(
    data: Annotated[
        Path, typer.Argument(help="A TSV in the CASE 2021 dev.tsv layout (text, label).")
    ],
    cv: Annotated[
        int,
        typer.Option(
            help="Cross-validate with this many folds instead of scoring the shipped model."
        ),
    ] = 0,
    as_json: JsonOption = False,
) -> None:
    """Weighted F1 of event typing in the 25-, 28- and 30-class settings of CASE 2021 Task 2.

    Without --cv the shipped model is scored (use a file it was not trained on); with --cv K
    each fold is predicted by a model trained on the other folds plus our own sentences.

    Example:
        sitrep evaluate case2021 ../shared/data/case2021_task2/dev.tsv --cv 5 --json
    """
    from sitrep.evaluate.case2021 import cross_validate, evaluate_shipped

    _evaluate(
        data,
        "CASE 2021 Task 2 TSV",
        lambda: cross_validate(data, k=cv) if cv else evaluate_shipped(data),
        as_json,
    )


def _evaluate(data: Path, layout: str, score: Callable[[], dict[str, Any]], as_json: bool) -> None:
    """Score one gold file the user names: a path that is no file is a usage error, a file
    of another layout says so about that file, and the figures are printed."""
    if not data.is_file():
        raise typer.BadParameter(f"{data} is not a file")
    with _gold_file(data, layout):
        result = score()
    _print_result(result, as_json)


def _print_result(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, default=str))
        return
    for key, value in result.items():
        print(f"{key:>32}: {value}")


@evaluate_app.command("plover")
def evaluate_plover(
    data: Annotated[
        Path, typer.Argument(help="PLOVER gold records (a JSON array, PLOVER_GSR_CAMEO.json).")
    ],
    as_json: JsonOption = False,
) -> None:
    """Event type, actor country/sector and death-toll accuracy on the PLOVER gold records.

    Example:
        sitrep evaluate plover ../shared/data/plover_gsr/PLOVER_GSR_CAMEO.json --json
    """
    from sitrep.evaluate.plover import evaluate_file

    _evaluate(data, "PLOVER gold JSON", lambda: evaluate_file(data), as_json)


@evaluate_app.command("india-police")
def evaluate_india_police(
    data: Annotated[Path, typer.Argument(help="IndiaPoliceEvents sents.csv.")],
    limit: Annotated[int | None, typer.Option(help="Only the first N sentences.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Precision, recall and F1 for police KILL and ARREST sentences (IndiaPoliceEvents).

    Example:
        sitrep evaluate india-police ../shared/data/indiapoliceevents/sents.csv --json
    """
    from sitrep.evaluate.india_police import evaluate_file

    _evaluate(
        data, "IndiaPoliceEvents sents.csv", lambda: evaluate_file(data, limit=limit), as_json
    )


@evaluate_app.command("geo")
def evaluate_geo(
    data: Annotated[Path, typer.Argument(help="A corpus in the TR-News / LGL XML layout.")],
    end_to_end: Annotated[
        bool,
        typer.Option(
            "--end-to-end",
            help="Find the toponyms too (recognition P/R/F1), not only resolve gold spans.",
        ),
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Geoparsing accuracy: acc@161 km, mean/median error km, AUC of log errors, n.

    Example:
        sitrep evaluate geo ../shared/data/geo/TR-News.xml --json
        sitrep evaluate geo ../shared/data/geo/LGL.xml --end-to-end --json
    """
    from sitrep.evaluate.geo import evaluate_file

    _evaluate(
        data,
        "TR-News/LGL XML",
        lambda: evaluate_file(data, end_to_end=end_to_end, limit=limit),
        as_json,
    )


@evaluate_app.command("fusion")
def evaluate_fusion(
    data: Annotated[
        str,
        typer.Argument(help="'synthetic' (generated from samples/) or an ECB+ corpus file."),
    ] = "synthetic",
    seeds: Annotated[str, typer.Option(help="Synthetic seeds, comma-separated.")] = "1,2,3,4,5",
    mode: Annotated[str, typer.Option(help="Extraction mode: full, fast or rules.")] = "full",
    limit: Annotated[int | None, typer.Option(help="ECB+: only the first N documents.")] = None,
    spin_table: Annotated[
        Path | None,
        typer.Option(
            help="Synthetic: the spinner's thesaurus (word,replacement CSV); default "
            "sitrep/vocab/spin_synonyms.csv. sitrep/vocab/spin_synonyms_heldout.csv is one "
            "the extractor was not tuned on."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Fusion end to end: copy-status accuracy and B-cubed / pairwise F1 of articles -> events.

    Example:
        sitrep evaluate fusion synthetic --seeds 1,2,3 --json
        sitrep evaluate fusion synthetic --spin-table sitrep/vocab/spin_synonyms_heldout.csv
        sitrep evaluate fusion ../shared/data/clustering/ecbplus/ECB_Dev_corpus.txt --json
    """
    from sitrep.evaluate import fusion

    if data == "synthetic":
        if not Path("samples", "truth.json").is_file():
            raise InputError(
                "samples/",
                "the synthetic sets are built from the sample corpus "
                "and its truth.json: run this from a sitrep checkout",
            )
        try:
            numbers = [int(x) for x in seeds.split(",") if x.strip()]
        except ValueError:
            raise typer.BadParameter(
                f"--seeds must be integers separated by commas, not {seeds!r}"
            ) from None
        if spin_table is not None and not spin_table.is_file():
            raise typer.BadParameter(f"{spin_table} is not a file")
        _print_result(fusion.synthetic(numbers, mode=mode, spin_table=spin_table), as_json)
        return
    path = Path(data)
    if not path.is_file():
        raise typer.BadParameter(f"{data} is neither 'synthetic' nor a file")
    with _gold_file(path, "ECB+ corpus"):
        result = fusion.ecbplus(path, mode=mode, limit=limit)
    _print_result(result, as_json)


@evaluate_app.command("geo-fakes")
def evaluate_geo_fakes(
    data: Annotated[Path, typer.Argument(help="FA-KES CSV (article_content, location columns).")],
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Share of FA-KES articles whose main place falls in the gold location (city or governorate).

    Example:
        sitrep evaluate geo-fakes ../shared/data/fakes/dev.csv --json
    """
    from sitrep.evaluate.geo import evaluate_fakes

    _evaluate(data, "FA-KES CSV", lambda: evaluate_fakes(data, limit=limit), as_json)


@evaluate_app.command("fakes")
def evaluate_fakes_cmd(
    data: Annotated[
        Path, typer.Argument(help="FA-KES CSV to score (unit_id, article_title, ... labels).")
    ],
    train: Annotated[
        Path | None,
        typer.Option(help="Train on this FA-KES CSV and score DATA (else cross-validate on DATA)."),
    ] = None,
    folds: Annotated[int, typer.Option(help="Cross-validation folds (without --train).")] = 5,
    mode: ModeOption = "full",
    reference: Annotated[
        Path | None,
        typer.Option(help="Check claims against this reference dataset too (e.g. UCDP GED)."),
    ] = None,
    save_model: Annotated[
        Path | None, typer.Option(help="Write the model trained on all the training data here.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Only the first N articles of each file.")
    ] = None,
    split: Annotated[
        str | None,
        typer.Option(
            help="Also score on splits that mimic new data: time, outlet, future, "
            "random (comma-separated); not with --train."
        ),
    ] = None,
    seeds: Annotated[
        str, typer.Option(help="Seeds of the splits, comma-separated: one split per seed.")
    ] = "1,2,3",
    as_json: JsonOption = False,
) -> None:
    """Article verdicts on FA-KES: the learned score, the evidence-only verdict and a TF-IDF
    text-only baseline (AUC, accuracy, macro F1), with the verdicts' calibration and the
    reference coverage.

    With --split the three are scored on splits by time or outlet (one per seed); with
    --save-model the model file records whether the learned score beat the evidence there
    (only then does it give the verdict) and the calibration `sitrep article` shows.

    Example:
        sitrep evaluate fakes ../shared/data/fakes/dev.csv --json
        sitrep evaluate fakes ../shared/data/fakes/dev.csv --split time,outlet --seeds 1,2,3 --json
        sitrep evaluate fakes heldout.csv --train ../shared/data/fakes/dev.csv --json
    """
    from sitrep.evaluate.fakes import fakes

    _check_mode(mode)
    for path in (data, train, reference):
        if path is not None and not path.is_file():
            raise typer.BadParameter(f"{path} is not a file")
    try:
        seed_list = [int(x) for x in seeds.split(",") if x.strip()]
    except ValueError:
        raise typer.BadParameter(f"--seeds {seeds!r}: integers joined by commas") from None
    if split and train:
        raise typer.BadParameter("--split scores on splits of DATA; leave out --train")
    with _gold_file(data, "FA-KES CSV"):
        result = fakes(
            data,
            train=train,
            folds=folds,
            mode=mode,
            limit=limit,
            reference=str(reference) if reference else None,
            save_model=save_model,
            split=split,
            seeds=seed_list,
        )
    _print_result(result, as_json)


def main() -> None:
    """Entry point: every failure becomes one clear line and a documented exit code.

    Typer's standalone mode already turns usage errors into exit code 2 and ``typer.Exit``
    into its code. Our own errors say what to fix (1, or 3 for the database); anything else
    is a bug in sitrep: the user gets one line and exit code 4, and the traceback goes to a
    file (or to the screen with SITREP_DEBUG=1) for the bug report.
    """
    try:
        app()
    except StoreError as exc:
        err.print(f"error: {exc}")
        sys.exit(EXIT_STORE)
    except SitrepError as exc:
        err.print(f"error: {exc}")
        sys.exit(EXIT_PARTIAL)
    except Exception as exc:
        if os.environ.get("SITREP_DEBUG"):
            raise
        where = _crash_report(exc)
        err.print(f"internal error: {type(exc).__name__}: {exc}")
        err.print(
            f"This is a bug in sitrep, not in your input. Rows already committed are kept and "
            f"re-running resumes. Details for a bug report: {where} (SITREP_DEBUG=1 shows "
            "them here)."
        )
        sys.exit(EXIT_INTERNAL)


def _crash_report(exc: BaseException) -> str:
    """Write the traceback to a file and return its name (or say why it could not be written)."""
    import tempfile
    import traceback

    text = "".join(traceback.format_exception(exc))
    try:
        fd, name = tempfile.mkstemp(prefix="sitrep-crash-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as f:
            f.write(f"sitrep {' '.join(sys.argv[1:])}\n{text}")
        return name
    except OSError as write_error:
        return f"(not written: {write_error})"


if __name__ == "__main__":
    main()
