"""The rule-based baseline extractor: one Claim per English sentence that reports an event.

Why a baseline at all: it runs at hundreds of articles per second with no model, it is fully
explainable (every field carries the Span it came from), and it gives the learned extractor
something to beat. Per sentence:

1. skip it if a non-event cue fires (future plans, opinion, background, questions), or if it
   recalls a pattern rather than an event (the perfect with "on multiple occasions", "for
   years" or "intensified"; "every day": ``background.py``, read once the trigger is known,
   on the trigger's clause); a sentence
   that opens with a quote is kept only when the quote is attributed ('"...," the ministry
   said') and reports an event: a figure, or a trigger stronger than ``QUOTED_EVENT_WEIGHT``
   ('"More than 30 people were killed in the attack on the station," the governor said');
2. type the event with the trigger lexicon (``events.py``);
3. read casualty figures (``casualties.py``); a sentence with a figure but no trigger still
   becomes a claim ("The death toll rose to 14.") with no event type and a low confidence,
   because the figure matters to fusion even when the sentence does not say what happened;
4. fill in sources (carried over from the sentences before when the claim continues them:
   ``continuation.py``), actors and roles, the date phrase (never defaulted to the publication date:
   the fuse stage decides that), and the written form of the place;
5. a sentence that reacts to the event it names (a denial, a condemnation, a veto, a meeting, a
   demand: ``reactions.py``) and gives no figure keeps only its PLOVER type, no ACLED type;
6. photo captions ("A man walks past the damaged station, June 7, 2021. REUTERS/Name":
   ``sentences.caption_flags``) make no claims and lend no story date: the picture's date and
   what it shows are not the report's, and a caption that founded an event or dated the story
   would put the photo's day and scene in the dataset; nor do lists of other stories'
   headlines ("Related stories:", ``sidebars.py``);
7. drop the claim when its date lies more than a year before publication (background history),
   or when it has a trigger and nothing else to anchor it: no figure, actor, place or date
   ("No group has claimed the abduction." would only make a phantom event).

Places: no gazetteer yet. The place is the first capitalised toponym-like phrase after "in",
"near", "at", "outside", "around", "across", "inside", "into", "through", "on" or "town/city/
district/area of" ("in the Tariq al-Bab district of Aleppo" gives "Tariq al-Bab district of
Aleppo"; "around the port city of Hodeidah" gives "Hodeidah"), else after "from"; only
``Place.text`` and its span are set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache

from sitrep import vocab
from sitrep.calendar_words import MONTH_WORDS, WEEKDAY_NAMES
from sitrep.extract.actors import find_actors, pick_roles
from sitrep.extract.asides import aside_spans, conceded_spans
from sitrep.extract.background import background_reason
from sitrep.extract.casualties import find_casualties
from sitrep.extract.continuation import continue_sources
from sitrep.extract.dates import (
    after_the_date_at,
    after_the_lead,
    as_date,
    before_the_telling,
    best_when,
    find_dates,
)
from sitrep.extract.events import classify_event, non_event_cue
from sitrep.extract.reactions import find_reaction, first_sitting, is_vote, sitting_before
from sitrep.extract.sentences import caption_flags, split_sentences
from sitrep.extract.sidebars import without_sidebars
from sitrep.extract.sources import find_sources
from sitrep.extract.story_dates import inherit_dates, opens_entry, story_when
from sitrep.model import Article, Casualties, Claim, Place, Span, When

__all__ = [
    "EXTRACTOR_VERSION",
    "extract_article",
    "extract_sentence",
    "find_place",
    "inherit_dates",
]

EXTRACTOR_VERSION = "rules-0.24"

# Confidence of a claim that has a casualty figure but no event trigger.
FIGURE_ONLY_CONFIDENCE = 0.3
# A sentence opening with an attributed quote reports an event only with a figure or a trigger
# at least this strong ("struck", "shelled"; not the bare "attack").
QUOTED_EVENT_WEIGHT = 0.6
_CLAUSE = re.compile(r"[,;]")  # a clause break between an appeal and a sitting
_RELATIVE = re.compile(r"\b(?:where|which|who|whom|whose|that)\b", re.IGNORECASE)
_CLAUSE_OPENING = re.compile(r",\s*(?:where|which|who|whose)\b", re.IGNORECASE)
# The closing quote, then within a few words a verb of saying: the quote is someone's report.
_ATTRIBUTED_QUOTE = re.compile(
    r"[”\"’']\s*,?\s*(?:[\w.,'’-]+\s+){0,8}?"
    rf"(?:{vocab.alternation(vocab.speech_verbs('quote'))})\b"
)
# A sentence dating its event further back than this is background ("retook the area in 2018").
HISTORY_DAYS = 365

_CAPWORD = r"(?:(?:al|el|ad|as|an|ar|at|ash|ath|az|ed|es)-)?[A-Z][\w'’-]*"
_FEATURE = (
    r"(?:district|province|governorate|city|town|village|neighbou?rhood|region|suburbs?|"
    r"countryside|camp|area|county|state|municipality|quarter|airport|crossing|square|base|"
    r"market|road|highway|dam|bridge|valley|mountains?|river)\b"
)
_DIRECTION = (
    r"(?i:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|northeast|northwest|"
    r"southeast|southwest)\s+)"
)
_NAME = (
    rf"(?P<place>{_DIRECTION}?{_CAPWORD}"
    rf"(?:\s+{_DIRECTION}?{_CAPWORD}|\s+{_FEATURE}|\s+of(?:\s+the)?(?=\s+{_DIRECTION}?[A-Z]))*)"
)
_LEAD = (
    r"\s+(?:(?i:the)\s+)?"
    r"(?:(?i:(?:northern|southern|eastern|western|central)\s+)?(?i:outskirts|edge|centre|center|"
    r"heart|countryside|suburbs?|(?:port\s+)?city|town|village|district|province|region|area)"
    r"\s+of\s+(?:the\s+)?)?" + _NAME
)
_PLACE = re.compile(r"\b(?i:in|near|at|outside|around|across|inside|into|on|through)" + _LEAD)
# "retook the northern town of Bourem", "a residential area of Saraqeb": no preposition needed.
_PLACE_OF = re.compile(
    r"\b(?i:town|city|village|district|province|region|area|neighbou?rhood|governorate|camp)"
    r"\s+of\s+(?:the\s+)?" + _NAME
)
# "hit the Tariq al-Bab district of eastern Aleppo": a named district after "the".
_PLACE_THE = re.compile(
    rf"\b(?i:the)\s+(?P<place>{_CAPWORD}(?:\s+{_CAPWORD}){{0,3}}\s+"
    r"(?:district|neighbou?rhood|quarter|suburb|camp|province|governorate|region)\b"
    rf"(?:\s+of(?:\s+the)?\s+{_DIRECTION}?{_CAPWORD}(?:\s+{_CAPWORD}){{0,3}})?)"
)
# "evacuated from the Ombada district": the origin, used only when nothing else names a place.
_PLACE_FROM = re.compile(r"\b(?i:from)" + _LEAD)
# Capitalised words that start no place: days, months, outlets, languages, holidays, pronouns.
_NOT_PLACES = vocab.words("not_names.csv", "places") | {*WEEKDAY_NAMES, *MONTH_WORDS}


def _is_english(language: str | None) -> bool:
    """Unknown language counts as English: ingest marks what it knows is not."""
    return language is None or language.lower().split("-")[0].split("_")[0] in ("en", "eng")


def claim_id(article_id: str, start: int, end: int) -> str:
    """Deterministic claim id: re-running the extractor on the same text gives the same ids."""
    return hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


def find_place(sentence: str, offset: int = 0, exclude: list[Span] | None = None) -> Place | None:
    """The written form of the first toponym-like phrase in ``sentence`` (unresolved).

    Phrases overlapping ``exclude`` (actor and source spans: "near Syrian army positions")
    are skipped. Only ``text`` and ``span`` are set; resolution is the geo stage's job.
    """
    exclude = exclude or []
    main = sorted(
        [*_PLACE.finditer(sentence), *_PLACE_OF.finditer(sentence), *_PLACE_THE.finditer(sentence)],
        key=lambda m: (m.start("place"), -m.end("place")),
    )
    for matches in (main, list(_PLACE_FROM.finditer(sentence))):
        for m in matches:
            start, end = m.span("place")
            text = sentence[start:end].rstrip(".,;:")
            end = start + len(text)
            core = [w for w in text.split() if w[:1].isupper()]
            if not core or core[0] in _NOT_PLACES or len(text) < 2:
                continue
            if len(core) == 1 and text == core[0] and _is_adjective(text):
                continue  # "on the Syrian conflict"
            if any(s.start < offset + end and offset + start < s.end for s in exclude):
                continue
            return Place(text=text, span=Span(offset + start, offset + end, text))
    return None


@lru_cache(maxsize=1)
def _adjectives() -> frozenset[str]:
    return frozenset(c.adjective for c in vocab.countries())


def _is_adjective(word: str) -> bool:
    """A country adjective ("Syrian") or a "-based" modifier is no place on its own."""
    return word in _adjectives() or word.endswith("-based")


def _is_history(when: When | None, published: dt.date | dt.datetime | None) -> bool:
    """Whether the sentence dates its event more than a year before publication (background)."""
    pub = as_date(published)
    if when is None or when.end is None or pub is None:
        return False
    return (pub - when.end).days > HISTORY_DAYS


def _has_figure(casualties: Casualties) -> bool:
    figures = (getattr(casualties, kind) for kind in Casualties.KINDS)
    return any(f is not None and (f.best or 0) > 0 for f in figures)


def _in_relative_clause(text: str, at: int) -> bool:
    """Whether the cue at ``at`` stands in a relative clause after a main clause that reports
    an event: "Hattar was shot dead on the steps of the court, where he was due to stand
    trial", "buses took the fighters out under a deal that will move them to Idlib". What
    was due or will be is the clause's; the shooting and the evacuation happened."""
    starts = [m.start() for m in _RELATIVE.finditer(text, 0, at) if not _reported(text, m)]
    return bool(starts) and classify_event(text[: starts[-1]], check_non_event=False) is not None


@lru_cache(maxsize=1)
def _saying() -> frozenset[str]:
    """Forms of the verbs of saying, the lemmas' inflections included ("disclosed")."""
    out = set()
    for form, lemma in vocab.speech_verbs("parse").items():
        out |= {form.lower(), lemma, lemma + "s", lemma + ("d" if lemma.endswith("e") else "ed")}
    for form in vocab.speech_verbs("person"):
        out.add(form.lower())
    return frozenset(out)


def _reported(text: str, m: re.Match[str]) -> bool:
    """Whether a "that" follows a verb of saying: it opens what was said ("the governor
    disclosed that the state will pay"), no relative clause."""
    if m.group(0).lower() != "that":
        return False
    before = text[: m.start()].split()
    return bool(before) and before[-1].lower().strip(",") in _saying()


def _in_trigger_clause(
    text: str, dates: list[When], offset: int, trigger_at: int | None
) -> When | None:
    """The day the event's own relative clause gives, when the trigger stands in one: "officials
    on Monday were counting the cost of the assassination of the governor, whose motorcade was
    torn apart by a car bomb a day earlier" tells a bombing on Sunday; the main clause's Monday
    is the aftermath's."""
    if trigger_at is None:
        return None
    opened = [m.end() for m in _CLAUSE_OPENING.finditer(text, 0, trigger_at)]
    if not opened:
        return None
    start = opened[-1]
    stop = _CLAUSE.search(text, trigger_at)
    end = stop.start() if stop else len(text)
    inside = [
        w
        for w in dates
        if w.precision == "day"
        and w.span is not None
        and start <= w.span.start - offset
        and w.span.end - offset <= end
    ]
    return inside[0] if inside else None


def extract_sentence(
    article_id: str, sentence: Span, published: dt.date | dt.datetime | None
) -> Claim | None:
    """The claim one sentence makes, or None when it reports no event and no figure.

    ``sentence`` must be a Span of the article text (as from ``split_sentences``), so every
    Span in the claim points into the article text too.
    """
    text, offset = sentence.text, sentence.start
    cue = non_event_cue(text)
    reason = cue[0] if cue is not None else None
    # a session or a vote is what its sentence reports, wherever it stands
    sat, kind = first_sitting(text) or (None, None)
    session = kind == "session"
    if reason == "appeal" and is_vote(text):
        reason = None  # "vetoed a resolution that called for an end to air strikes": the vote
    if reason == "opinion" and cue is not None and sat is not None and sat < cue[1]:
        reason = None  # "told a meeting of the Security Council that the US must ...": what was
        # said at the session is the opinion; the session is the report
    if (
        reason == "appeal"
        and cue is not None
        and sat is not None
        and _CLAUSE.search(text, cue[1], sat)
    ):
        reason = None  # "called for flights to be grounded ..., in an exchange with Lavrov at the
        # U.N. Security Council": the appeal was made at the session (one asking for a session,
        # "called for an emergency meeting of the Council", has no clause break before it)
    if reason == "future" and cue is not None and _in_relative_clause(text, cue[1]):
        reason = None
    if (
        reason == "future"
        and cue is not None
        and kind == "vote"
        and sat is not None
        and sat < cue[1]
    ):
        reason = None  # "raised their hands for a resolution calling for talks next month": the
        # future is what the text voted on asks for; the vote is the report
    if reason is not None and (reason != "quote" or not _ATTRIBUTED_QUOTE.search(text)):
        return None
    event = classify_event(text, offset, check_non_event=False)
    casualties = find_casualties(text, offset)
    vote_only = event is None and not _has_figure(casualties)
    if vote_only and sat is None:
        return None  # no trigger, no figure: only a vote or a session still makes a claim
    trigger_at = event.trigger.start - offset if event and event.trigger else None
    if trigger_at is not None and sat is not None and sitting_before(text, sat, trigger_at):
        # "adopted a resolution ..., a week after an air strike killed dozens": the vote is
        # the sentence's event; the toll is the strike's, told of another day
        casualties = Casualties()
    if background_reason(text, trigger_at):
        # "has struck targets on multiple occasions": a pattern, not an event; but a meeting
        # or a vote about it ("the Council held an emergency meeting on Aleppo, where strikes
        # have killed scores since a truce collapsed") is one, with no figure of its own
        if event is None and session:
            pass  # "Speaking at a Security Council meeting, Churkin said the rebels had used
            # the calm to rearm": the past is what was said there; the session is the report
        elif event is None or find_reaction(text, trigger_at) is None:
            return None
        casualties = Casualties()
    if reason == "quote" and not (
        _has_figure(casualties) or (event is not None and event.weight >= QUOTED_EVENT_WEIGHT)
    ):
        return None  # '"This is a crime," he said': an attributed quote that reports nothing
    sources = find_sources(text, offset)
    source_spans = [s.span for s in sources if s.span is not None]
    actors = find_actors(text, offset)
    actor1, actor2 = pick_roles(
        text, actors, offset, trigger=event.trigger if event else None, exclude=source_spans
    )
    actor_spans = [a.span for a in actors if a.span is not None]
    place = find_place(text, offset, exclude=source_spans + actor_spans)
    dates = find_dates(text, published, offset)
    # what the event went on despite is dated by its own words ("despite a truce brokered last
    # week"), unless the trigger stands inside it
    conceded = [
        (a, b) for a, b in conceded_spans(text) if trigger_at is None or not a <= trigger_at < b
    ]
    when = _in_trigger_clause(text, dates, offset, trigger_at) or best_when(
        dates, offset, aside_spans(text) + conceded
    )
    trigger_end = event.trigger.end - offset if event and event.trigger else None
    earlier = before_the_telling(text, when, offset, trigger_at, trigger_end)
    if (  # only when the clause the date belongs to tells no event of its own
        earlier is not when
        and when is not None
        and when.span is not None
        and classify_event(
            text[
                : after_the_date_at(text, when, offset, trigger_at, trigger_end)
                or when.span.end - offset
            ],
            check_non_event=False,
        )
        is None
    ):
        when = earlier
    when = after_the_lead(text, when, offset, trigger_at if sat is None else sat, published)
    if _is_history(when, published):
        return None
    # A date inside an aside dates no event, but still anchors the sentence in time.
    if event is not None and not (_has_figure(casualties) or actor1 or actor2 or place or dates):
        return None  # a bare trigger ("No group has claimed the abduction") anchors nothing
    # A vote with no day of its own is a remark ("it was the fifth veto") unless it leads the
    # report or goes on from a sitting told before it ("Meeting at U.N. headquarters, the 15
    # members approved resolution 2268 ..."); a session is told on ("Speaking at a Security
    # Council meeting, Churkin said ...") and takes the day of the sentence before it, or joins
    # a session it may be, never founds one: ``extract_article`` keeps those (``_unanchored``).
    claim = Claim(
        id=claim_id(article_id, sentence.start, sentence.end),
        article_id=article_id,
        sentence=sentence,
        event_type=event.event_type if event else None,
        sub_event_type=event.sub_event_type if event else None,
        plover=event.plover if event else None,
        cameo_root=event.cameo_root if event else None,
        confidence=event.confidence if event else FIGURE_ONLY_CONFIDENCE,
        actor1=actor1,
        actor2=actor2,
        place=place,
        when=when,
        casualties=casualties,
        sources=sources,
        extractor=EXTRACTOR_VERSION,
    )
    if event is not None and not _has_figure(casualties):
        trigger_start = event.trigger.start - offset if event.trigger else None
        reaction = find_reaction(text, trigger_start)
        if reaction is not None:  # "Syria denied any use of chemical weapons": PLOVER only
            claim.event_type = claim.sub_event_type = None
            claim.plover, claim.cameo_root = reaction.plover, reaction.cameo_root
            claim.type_reason = f"reaction ({reaction.words!r}) to the event the sentence names"
    elif vote_only and (reaction := find_reaction(text)) is not None:
        # "The Council rejected two competing resolutions on Syria on Saturday": a vote or a
        # session is an event (PLOVER) even when the sentence names no violence
        claim.plover, claim.cameo_root = reaction.plover, reaction.cameo_root
        claim.type_reason = f"{reaction.sitting or 'vote'} ({reaction.words!r})"
    return claim


def extract_article(article: Article) -> list[Claim]:
    """Claims of one article, one per English sentence that reports an event or a figure.

    Every Span in the result indexes ``article.text``. Non-English articles give no claims.

    Example:
        >>> import datetime
        >>> art = Article(id="a1", text="Russian warplanes struck Ariha on Thursday, killing "
        ...               "at least 14 civilians, the Syrian Observatory said.",
        ...               published=datetime.date(2024, 3, 15), language="en")
        >>> c = extract_article(art)[0]
        >>> c.sub_event_type, c.casualties.killed.best, c.when.start, c.sources[0].text
        ('Air/drone strike', 14, datetime.date(2024, 3, 14), 'Syrian Observatory')
    """
    if not _is_english(article.language):
        return []
    published = as_date(article.published)
    claims = []
    sentences = split_sentences(article.text)
    captions = caption_flags(article.text, sentences)
    report = [s for s, caption in zip(sentences, captions, strict=True) if not caption]
    report = without_sidebars(article.text, report)  # "Related stories:" and their headlines
    # the lead: the report's first sentence of some length (not a byline or a time stamp);
    # "The Security Council has condemned ... in a 14-0 vote" reports the vote it names
    lead = next((s for s in report if len(_WORDS.findall(s.text)) >= _LEAD_WORDS), None)
    for sentence in report:
        claim = extract_sentence(article.id, sentence, published)
        if claim is not None:
            claims.append(claim)
    continue_sources(article.text, sentences, claims)
    claims = inherit_dates(
        claims, story_when(article.text, report, published), published, article.text
    )
    lead_start = lead.start if lead is not None else None
    kept: list[Claim] = []
    for c in claims:
        if not _unanchored(c, kept[-1] if kept else None, lead_start):
            kept.append(c)
    return kept


_WORDS = re.compile(r"\w+")
_LEAD_WORDS = 12


def _unanchored(claim: Claim, before: Claim | None, lead_start: int | None) -> bool:
    """A session or a vote told with no day of its own that is no report of one. A session
    that took no day from the sentence before it is colour of the story ("President Issoufou
    convened an emergency meeting"), whatever the story's date; one that goes on from a dated
    report is kept ("Churkin on Sunday rejected ... Speaking at a Security Council meeting,
    he said ..."). A vote is kept where it leads the report, or where it goes on from a
    sitting the claim before it told ("... adopted a resolution on Friday. Meeting at U.N.
    headquarters, the 15 members approved resolution 2268 without a vote against"); anywhere
    else it is a remark ("Russia has vetoed five resolutions on Syria"). A live page's entry
    that opens with the sitting ("20:05 - Result: the General Assembly adopts the resolution")
    reports it on the page's day."""
    reason = claim.type_reason or ""
    when = claim.when
    undated = when is None or when.text is None
    if when is not None and when.origin == "entry" and opens_entry(claim.sentence.text):
        return False
    if reason.startswith("session ("):
        return undated and (when is None or when.origin != "previous")
    if not reason.startswith("vote (") or not undated:
        return False
    if claim.sentence.start == lead_start:
        return False
    return not (
        when is not None
        and when.origin == "previous"
        and before is not None
        and before.plover is not None
        and before.sub_event_type is None
        and first_sitting(before.sentence.text) is not None
    )
