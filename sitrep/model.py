"""The data model: plain records passed between pipeline stages.

Every stage reads and writes these through the store, never another stage's internals, so a
notebook user sees exactly what the pipeline sees. Unknown is ``None``, never a guess; a guess
carries a confidence. ``to_dict``/``from_dict`` give the JSON shapes documented in DESIGN.md
(the JSONL exports and the web API use them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

Date = dt.date | dt.datetime


@dataclass(frozen=True)
class Span:
    """Character offsets into ``Article.text`` (end exclusive) and the text they cover."""

    start: int
    end: int
    text: str


@dataclass
class Article:
    """One news report as ingested; ``text`` is normalised and every Span points into it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: Date | None = None
    # where ``published`` came from: input / url / dateline / text / none (ingest.published)
    published_source: str | None = None
    language: str | None = None
    language_score: float | None = None
    source: str | None = None  # where it was read from: "file" or "file:line" / "file#record"
    text_hash: str | None = None  # hash of the normalised text alone (exact-copy key)
    dup_group: str | None = None  # articles that are copies of each other share it
    dup_of: str | None = None  # the earlier article this one copies
    dup_score: float | None = None  # estimated Jaccard similarity to dup_of
    copy_status: str | None = None  # original / syndicated / spun / stitched
    credibility: float | None = None
    raw: str | None = None  # the input as read (HTML, feed entry, ...) before extraction
    ingested_at: dt.datetime | None = None


@dataclass
class Actor:
    text: str
    name: str | None = None
    country: str | None = None  # ISO3
    sector: str | None = None  # GOV, MIL, REB, PRO, CVL, IGO, NGO, MED, ...
    span: Span | None = None


@dataclass
class Place:
    text: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None  # ISO3
    gazetteer_id: str | None = None
    precision: int | None = None  # 1 the place itself, 2 part of/near, 3 region or country
    confidence: float | None = None
    span: Span | None = None
    kind: str | None = None  # how it was named: dateline, modifier ("-based"), demonym, ...
    method: str | None = None  # how it was resolved: exact, loose, fuzzy, parent, country, none
    reason: str | None = None  # why it is unresolved or only approximate


@dataclass
class When:
    text: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None  # day / week / month / year
    span: Span | None = None
    # own: the phrase is in the claim's sentence; lent to an undated claim (text and span None,
    # see extract.story_dates): previous (an earlier sentence's), story (the lead's), dateline,
    # published, entry (a live page's entry: the publication day)
    origin: str | None = None


@dataclass
class Figure:
    """One casualty figure as told: best/low/high plus the phrase it came from."""

    best: int | None = None
    low: int | None = None
    high: int | None = None
    text: str | None = None
    span: Span | None = None


@dataclass
class Casualties:
    killed: Figure | None = None
    injured: Figure | None = None
    displaced: Figure | None = None
    detained: Figure | None = None

    KINDS: typing.ClassVar[tuple[str, ...]] = ("killed", "injured", "displaced", "detained")


# What a source is; DESIGN.md "Data model". ``outlet`` is the article's own outlet speaking
# ("this newspaper learned"), never a stand-in for a claim that cites nobody.
SOURCE_KINDS = (
    "monitor",
    "state_media",
    "government",
    "military",
    "armed_group",
    "un_igo",
    "medical_rescue",
    "witness",
    "media",
    "outlet",
)


@dataclass
class Source:
    """Who the article says the claim comes from ("SOHR", "SANA"), or the outlet itself.

    ``span`` is where the source is named; it lies outside the claim's sentence when the
    claim inherits the source from an earlier sentence ("It added that ...", "He said ...").
    """

    text: str
    name: str | None = None
    span: Span | None = None
    kind: str | None = None  # one of SOURCE_KINDS, None when nothing tells

    def label(self) -> str:
        """How a reader sees it: the name and its kind, "SOHR (monitor)"."""
        name = self.name or self.text
        return f"{name} ({self.kind})" if self.kind else name


# How ``Claim.type_reason`` starts when the type came from the story's event (extract.story_types).
STORY_TYPE_REASON = "story event:"


@dataclass
class Claim:
    """One event as told by one sentence (or a few) of one article."""

    id: str
    article_id: str
    sentence: Span
    event_type: str | None = None
    sub_event_type: str | None = None
    plover: str | None = None
    cameo_root: str | None = None
    case_type: str | None = None
    confidence: float | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    place: Place | None = None
    when: When | None = None
    casualties: Casualties = field(default_factory=Casualties)
    sources: list[Source] = field(default_factory=list)
    status: str | None = None  # corroborated / contested / single-source (verify stage)
    extractor: str | None = None  # which extractor (and version) produced it
    # Why the type is what it is when it did not come from the sentence alone (the story's
    # event, for a sentence that only refers back to it); stored, not in the export shapes.
    type_reason: str | None = None

    @property
    def type_from_story(self) -> bool:
        """Whether the type was lent by the story's event (the sentence names none itself):
        such a claim tells the story's type, not a new event, so fusion lets it follow its
        story as it lets an untyped figure follow."""
        return (self.type_reason or "").startswith(STORY_TYPE_REASON)


@dataclass
class Conflict:
    """A figure that differs between reports of one event, with who said it."""

    field: str
    value: int | str | None
    source: str | None
    outlet: str | None
    article_id: str


@dataclass
class ArticleLink:
    """An article that reports an event as a whole although none of its claims is in it
    (``sitrep.fuse.links``): how well its text fits and why."""

    article_id: str
    event_id: str
    score: float
    reason: str


@dataclass
class Event:
    """A fused incident: one event, many reports.

    ``articles`` are the articles with a claim in it and, after them, those linked at
    document level (``links``); ``n_articles`` counts both. The other counts (outlets,
    independent reports, sources) are of claims: a linked article adds no figure or fact.
    """

    id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    # a statement, meeting or vote has a PLOVER type and no ACLED one (fuse.fusion)
    plover: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    place: Place | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    casualties: Casualties = field(default_factory=Casualties)
    claims: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    n_articles: int = 0
    n_outlets: int = 0
    n_independent: int = 0
    n_original_sources: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    first_report: Date | None = None
    last_report: Date | None = None
    notes: str | None = None
    links: list[ArticleLink] = field(default_factory=list)


# --------------------------------------------------------------------------- stored findings
# What fuse and verify find about articles and claims, stored next to them and read back by
# the later stages, the CLI, the exports and the dashboard.


@dataclass
class FusionMeta:
    """What fusion needs of an article, without its text."""

    id: str
    outlet: str | None = None
    dup_group: str | None = None
    published: str | None = None  # as stored (ISO text); fusion reads the day from it
    copy_status: str | None = None


CopyKind = Literal["verbatim", "spun"]
CopyStatus = Literal["original", "syndicated", "spun", "stitched"]
CopyEvidence = Literal["corpus", "intrinsic"]


@dataclass
class SentenceMatch:
    """One sentence of the article, the earlier sentence it copies, and how closely.

    ``differing_numbers`` holds (number in the source, number here) for figures that sit at
    the same place in both sentences but differ: content farms change tolls.
    """

    sentence: Span
    source_article: str
    source_sentence: Span
    score: float
    kind: CopyKind
    differing_numbers: list[tuple[str, str]] = field(default_factory=list)
    sentence_no: int = 0
    source_sentence_no: int = 0


@dataclass
class CopyVerdict:
    """What an article is relative to earlier ones, with the evidence and the reasons
    (``sitrep.fuse.copies``)."""

    article_id: str
    status: CopyStatus
    sources: list[str]  # earlier articles copied, most-copied first
    matches: list[SentenceMatch]
    share_copied: float  # copied sentences / compared sentences (boilerplate excluded)
    reasons: list[str]
    n_sentences: int = 0  # sentences compared (>= MIN_WORDS words, boilerplate excluded)
    n_boilerplate: int = 0
    # "corpus": found by sentence matches with earlier articles; "intrinsic": a spun or
    # stitched page recognised from its own text (``fuse.intrinsic``), no source known.
    # Verdicts stored before this field existed read as "corpus".
    evidence: CopyEvidence = "corpus"


@dataclass
class FieldCheck:
    """One field of a claim against the other independent reports of its event."""

    field: str
    verdict: str  # agrees / differs / not compared
    detail: str = ""
    against: list[str] = field(default_factory=list)  # claim ids it was compared with


@dataclass
class ClaimCheck:
    """A claim against the other independent reports of its event (``sitrep.verify``)."""

    claim_id: str
    article_id: str
    event_id: str | None
    status: str  # corroborated / contested / single-source
    independent: int  # other independent reports of the event
    original_sources: int  # distinct original sources among them (this claim's included)
    fields: list[FieldCheck] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    reference: str | None = None  # the verdict of its reference check, when it had one

    def as_dict(self) -> dict[str, Any]:
        """The stored and printed shape: ``reference`` only when the claim has one."""
        out = to_dict(self)
        if self.reference is None:
            del out["reference"]
        return out


@dataclass
class FigureCheck:
    """One casualty figure of the claim against the reference rows of its nearest day."""

    kind: str  # "killed": the only figure GED and ACLED record
    status: str  # agrees / part of total / differs / not compared
    claim_best: int | None = None
    claim_low: int | None = None
    claim_high: int | None = None
    reference_best: int | None = None  # sums over the compared rows
    reference_low: int | None = None
    reference_high: int | None = None
    reference_smallest: int | None = None  # the smallest single row (its low)
    rows: list[str] = field(default_factory=list)  # ids of the compared rows
    difference: int | None = None  # claim best minus the nearest end of the allowed range
    tolerance: int | None = None
    note: str = ""


@dataclass
class ReferenceCheck:
    """A claim against a reference event dataset (``sitrep.verify.reference``), with what
    the verdict rests on."""

    claim_id: str
    verdict: str  # matched / figures differ / no reference event / not checkable
    dataset: str
    why: str | None = None  # for "not checkable": which rule
    reference_ids: list[str] = field(default_factory=list)  # best first
    day_gap: int | None = None  # days between the windows of the closest row (0: overlap)
    distance_km: float | None = None  # to the closest matched row with coordinates
    figures: list[FigureCheck] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    article_id: str | None = None  # the claim's article, once stored
    reference: str | None = None  # the reference file's name, once stored


@dataclass
class Finding:
    """One checkable finding about an article (``sitrep.verify.evidence``)."""

    kind: str
    bearing: str  # for / against / note
    weight: int
    reason: str  # what a reader checks, in words
    claims: list[str] = field(default_factory=list)  # the article's claims it rests on
    sources: list[str] = field(default_factory=list)  # other articles' claims, reference rows


@dataclass
class ScoreReason:
    """A signal that moved the learned credibility score, in words."""

    signal: str
    effect: float
    direction: str  # raises trust / lowers trust
    reason: str


@dataclass
class ArticleVerdict:
    """How far an article can be trusted, and the findings and signals behind it."""

    article_id: str
    score: float
    verdict: str  # credible / uncertain / doubtful / unverified
    basis: str = "learned"  # what gave the verdict: evidence or learned (older rows: learned)
    evidence_verdict: str | None = None
    evidence_score: float | None = None
    learned_score: float | None = None
    findings: list[Finding] = field(default_factory=list)
    copy_status: str | None = None
    signals: dict[str, float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    reasons: list[ScoreReason] = field(default_factory=list)


# --------------------------------------------------------------------------- serialisation

T = TypeVar("T")
_FLAT = {Claim, Event}  # casualties are flattened to killed/injured/... at the top level


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def to_dict(obj: Any) -> dict[str, Any]:
    """A JSON-ready dict; dates become ISO strings, casualties sit at the top level."""
    out: dict[str, Any] = {}
    flat = type(obj) in _FLAT
    for name in _field_names(type(obj)):
        value = getattr(obj, name)
        if flat and name == "casualties":
            for kind in Casualties.KINDS:
                out[kind] = _jsonable(getattr(value, kind))
            continue
        out[name] = _jsonable(value)
    return out


def _parse_date(value: str) -> Date:
    if "T" in value or " " in value.strip():
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)


def _identity(value: Any) -> Any:
    return value


@functools.cache
def _converter(tp: Any) -> Any:
    """A function that turns JSON for type ``tp`` back into Python values, built once per type
    (inspecting type hints per value made reading 100k claims take minutes)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if set(args) <= {dt.date, dt.datetime}:
            return lambda v: _parse_date(v) if isinstance(v, str) else v
        if len(args) == 1:
            inner = _converter(args[0])
            return lambda v: None if v is None else inner(v)
        return _identity
    if origin is list:
        (inner_tp,) = typing.get_args(tp)
        inner = _converter(inner_tp)
        return lambda v: None if v is None else [inner(x) for x in v]
    if tp is dt.datetime:
        return lambda v: _parse_date(v) if isinstance(v, str) else v
    if tp is dt.date:
        return lambda v: dt.date.fromisoformat(v[:10]) if isinstance(v, str) else v
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return lambda v: from_dict(tp, v) if isinstance(v, dict) else v
    return _identity


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, Any], ...]:
    # get_type_hints re-evaluates every annotation string: far too slow per row.
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))


_FIGURE = Figure | None


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Inverse of ``to_dict``; unknown keys are ignored so older readers accept newer rows."""
    kwargs: dict[str, Any] = {}
    flat = cls in _FLAT
    for name, convert in _plan(cls):
        if flat and name == "casualties":
            figure = _converter(_FIGURE)
            kwargs["casualties"] = Casualties(
                **{
                    k: figure(data[k]) if data.get(k) is not None else None
                    for k in Casualties.KINDS
                }
            )
            continue
        if name in data:
            value = data[name]
            kwargs[name] = None if value is None else convert(value)
    return cls(**kwargs)
