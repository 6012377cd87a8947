"""Spun and stitched pages recognised from the page itself, when their source is not collected.

The sentence-level analysis (``sitrep.fuse.copies``) finds a copy only when its source is in
the corpus. Content farms copy from pages the user never collected, so a farm page would pass
as an original report and count as an independent confirmation of every figure it repeats.
This module reads the habits farms leave in the page itself. Each signal has a weight and a
sentence that explains it; a page is called spun or stitched when the weights add up to
``FLAG``:

==================  ======  ===============================================================
signal              weight  why
==================  ======  ===============================================================
homoglyphs          3 (0.5) three or more words mix Latin letters with Cyrillic or Greek
                            look-alikes ("Dоzens"): done only to fool duplicate checks, so
                            it is conclusive alone; one or two may be an encoding slip (0.5)
fingerprints        1 each  a spinner's swap where every wire writes the plain word
                    (max 3) ("Russian Federation" wants, "USA" policy, "worldwide
                            humanitarian law", "Assembled Nations", "passing toll", "took
                            to web-based media"); one is a house style, three distinct ones
                            are a thesaurus run over the page (``vocab/intrinsic_cues.csv``);
                            repeats of one swap count once
title_repeated      1.5 (1) the title pasted twice into the body (1.5), as a paragraph of
                    (0.5)   it past the first two (1), or as one of those (0.5): there it
                            is the headline a scraper kept, or, where the reader took the
                            page's first line for the title, its second copy
other_leads         1.5 (1) two paragraphs open like the lead of a wire story (a dateline,
                            "(Reuters) -"), or an agency's sign-off ends a paragraph in the
                            middle (1): sentences of several stories
mixed_agencies      1.5     two or more agencies speak as the reporting party ("told Reuters",
                            "told The Associated Press"): one agency's story never does that
date_spread         1.5     three or more sentences date their events on days at least two
                            weeks apart (resolved against the publication date)
lifted              1       a sentence that leans on one the page does not hold: the page's
                            first sentence goes on from an earlier one ("..., Johannes
                            Bruwer, later tweeted that"), or "He said ..." before the page
                            has named anyone he could be (a name, a spokesman, a resident):
                            writers name a person before the pronoun and open with the news
off_topic           1.5     a paragraph made of another beat's words (two or more of a sports
                            or markets story's) and none of a conflict report's: a farm pads
                            its pages with whatever it scraped last
rewrite_style       0.5, 1  stock phrases of machine rewriting that wire copy avoids
                    or 2    ("sheds light on", "amidst", "a stark reminder", "delves into")
                            for one, two, three or more distinct ones: one is a writer's
                            habit, three are a rewriting tool's. Of 3,205 real reports
                            (news_dev's pages not spun, FA-KES, IndiaPoliceEvents, LGL,
                            TR-News, ECB+) 27 hold one and none two
                            (``vocab/intrinsic_cues.csv``)
no_dateline_byline  0.5     neither a dateline, an agency lead mark nor a byline: weak, it
                            only tips a page that other signals already point at
==================  ======  ===============================================================

Every signal but the conclusive ones weighs at most 1.5, under ``FLAG`` even with the
no-dateline tip, so no single signal flags a page alone; distinct swaps and distinct stock
phrases count as signals of their own (three swaps, or three phrases with the tip, flag a page).
A plain wire report (dateline, one agency, one incident, plain words) scores 0. A
fingerprint or stock-phrase cue is tried only on pages holding one of the literal words
every match of it holds (read from the pattern itself), so a long cue list costs little
on the many pages that hold none. The status is ``stitched`` when the signals of several stories (other leads, mixed
agencies, date spread, lifted sentences) weigh at least as much as the signs of spinning, else ``spun``.

Example:
    >>> page = ("Russian Federation jets struck a market in Idlib on Monday, a monitor said.\\n\\n"
    ...         "The USA urged calm, citing worldwide humanitarian law.\\n\\n"
    ...         "Rescuers searched the rubble of the market until late at night.")
    >>> v = assess(page, title="Jets strike Idlib market")
    >>> v.status, v.score
    ('spun', 3.5)
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import re._constants as _re_constants  # the gate reads a pattern's opening words
import re._parser as _re_parser
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from sitrep import vocab
from sitrep.extract.dates import as_date, find_dates
from sitrep.extract.sentences import dateline_end, split_sentences
from sitrep.vocab import intrinsic_cues

__all__ = ["FLAG", "IntrinsicVerdict", "Signal", "assess", "spin_score"]

FLAG = 2.5
Kind = Literal["spin", "stitch", "weak"]

_WORD = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s+")
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")
_BYLINE = re.compile(r"^\s*(?:by|written by|reporting by)\s+\S", re.IGNORECASE | re.MULTILINE)
_SPREAD_DAYS = 14  # sentences this far apart tell of incidents of different weeks
_LOOKBACK_DAYS = 92  # dates further back are background ("the March 2 bombing"), not news
# the headline a scraper keeps stands in the first paragraphs (after a date line)
_HEADLINE_PARAGRAPHS = 2
# rewrite_style for one, two, three or more distinct stock phrases: a third one is a tool's
_REWRITE_WEIGHTS = (0.5, 1.0, 2.0)


@dataclass(frozen=True)
class Signal:
    """One habit of a farm page found in the text, its weight and what a reader should see."""

    name: str
    weight: float
    kind: Kind
    reason: str


@dataclass(frozen=True)
class IntrinsicVerdict:
    """What the page itself says about being a copy: ``status`` is ``original`` unless the
    signals add up to ``FLAG``."""

    status: Literal["original", "spun", "stitched"]
    score: float
    signals: tuple[Signal, ...] = field(default=())

    @property
    def flagged(self) -> bool:
        return self.status != "original"

    @property
    def reasons(self) -> list[str]:
        return [f"{s.reason} (+{s.weight:g})" for s in self.signals]


def _script(ch: str) -> str | None:
    """'latin', 'cyrillic' or 'greek' for a letter, None for anything else."""
    if not ch.isalpha():
        return None
    if ch.isascii():
        return "latin"
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(script):
            return script.lower()
    return None


def _homoglyphs(text: str) -> Signal | None:
    mixed = [w for w in _WORD.findall(text) if len({_script(c) for c in w} - {None}) > 1]
    if not mixed:
        return None
    weight = 3.0 if len(mixed) >= 3 else 0.5
    shown = ", ".join(f"'{w}'" for w in list(dict.fromkeys(mixed))[:3])
    return Signal(
        "homoglyphs",
        weight,
        "spin",
        f"{len(mixed)} word(s) mix Latin letters with Cyrillic or Greek look-alikes "
        f"({shown}), a trick to pass duplicate checks",
    )


_GATE_CHARS = 3  # a literal opening shorter than this gates nothing


def _required(items: Any) -> set[str] | None:
    """Lower-case literal runs one of which every match of a parsed pattern holds, or None
    when none can be told: the longest run the pattern's sequence requires, or, for an
    alternation, one run from each branch."""
    best: set[str] | None = None
    run: list[str] = []

    def better(found: set[str] | None) -> None:
        nonlocal best
        usable = found and all(len(w) >= _GATE_CHARS for w in found)
        if usable and (best is None or min(map(len, found)) > min(map(len, best))):  # type: ignore[arg-type]
            best = found

    for op, av in [*items, (None, None)]:
        if op is _re_constants.LITERAL:
            run.append(chr(av))
            continue
        better({"".join(run).lower()} if run else None)
        run = []
        if op is _re_constants.SUBPATTERN:
            better(_required(av[-1]))
        elif op is _re_constants.BRANCH:
            branches = [_required(b) for b in av[1]]
            if all(b is not None for b in branches):
                better(set().union(*branches))  # type: ignore[arg-type]
        elif op in (_re_constants.MAX_REPEAT, _re_constants.MIN_REPEAT) and av[0] >= 1:
            better(_required(av[2]))
    return best


@cache
def _gate(pattern: str) -> frozenset[str] | None:
    """Words one of which a text must hold for ``pattern`` to match in it: a cheap test that
    spares most of the cue list on most pages (None: the pattern is always tried)."""
    try:
        found = _required(_re_parser.parse(pattern))
    except Exception:
        return None
    return frozenset(found) if found else None


@cache
def _gated_cues(signal: str) -> tuple[tuple[Any, frozenset[str] | None], ...]:
    return tuple((c, _gate(c.pattern.pattern)) for c in intrinsic_cues() if c.signal == signal)


@cache
def _gate_words() -> tuple[str, ...]:
    return tuple(
        sorted({w for k in ("fingerprint", "rewrite") for _, g in _gated_cues(k) for w in g or ()})
    )


def _present(text: str) -> frozenset[str]:
    """The gate words ``text`` holds (read once per page)."""
    lower = text.lower()
    return frozenset(w for w in _gate_words() if w in lower)


def _tried(signal: str, present: frozenset[str]) -> list[Any]:
    """The cues of ``signal`` worth trying on a page holding the gate words ``present``."""
    return [c for c, gate in _gated_cues(signal) if gate is None or not gate.isdisjoint(present)]


def _fingerprints(text: str, present: frozenset[str]) -> Signal | None:
    found: Counter[str] = Counter()
    for cue in _tried("fingerprint", present):
        n = len(cue.pattern.findall(text))
        if n:
            found[cue.name] = n
    if not found:
        return None
    shown = ", ".join(f"'{name}'" + (f" ({n}x)" if n > 1 else "") for name, n in found.items())
    return Signal(
        "fingerprints",
        float(min(len(found), 3)),
        "spin",
        f"word swaps where wires write the plain word: {shown}",
    )


def _rewrite_style(text: str, present: frozenset[str]) -> Signal | None:
    found = [c.name for c in _tried("rewrite", present) if c.pattern.search(text)]
    if not found:
        return None
    shown = ", ".join(f"'{name}'" for name in found[:4])
    return Signal(
        "rewrite_style",
        _REWRITE_WEIGHTS[min(len(found), len(_REWRITE_WEIGHTS)) - 1],
        "spin",
        f"stock phrases of machine rewriting that wire copy avoids: {shown}",
    )


def _off_topic(paragraphs: list[str]) -> Signal | None:
    """A paragraph (or two neighbours) with two or more words of a sports or markets story and
    none of a conflict report: pasted from another page. One such word is common ("the goal of
    the offensive")."""
    beats = [c for c in intrinsic_cues() if c.signal == "off_topic"]
    conflict = [c.pattern for c in intrinsic_cues() if c.signal == "on_topic"]
    is_quiet = [not any(c.search(p) for c in conflict) for p in paragraphs]
    quiet = [p for p, q in zip(paragraphs, is_quiet, strict=True) if q]
    # a pasted story often comes as its headline and one paragraph: read neighbours together
    pairs = itertools.pairwise(zip(paragraphs, is_quiet, strict=True))
    runs = quiet + [f"{a}\n\n{b}" for (a, qa), (b, qb) in pairs if qa and qb]
    for paragraph in runs:
        for beat in beats:
            words = {m.group(0).casefold() for m in beat.pattern.finditer(paragraph)}
            if len(words) >= 2:
                return Signal(
                    "off_topic",
                    1.5,
                    "stitch",
                    f"a paragraph reads like a {beat.name} story ('{paragraph.strip()[:50]}...')",
                )
    return None


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _title_repeated(title: str | None, paragraphs: list[str]) -> Signal | None:
    if not title or len(_WORD.findall(title)) < 3:
        return None
    t = _norm(title)
    body = _norm(" ".join(paragraphs))
    if body.count(t) >= 2:
        return Signal("title_repeated", 1.5, "spin", "the title is pasted twice into the body")
    if any(_norm(p) == t for p in paragraphs[_HEADLINE_PARAGRAPHS:]):
        return Signal("title_repeated", 1.0, "spin", "the title is repeated as a paragraph")
    if any(_norm(p) == t for p in paragraphs[:_HEADLINE_PARAGRAPHS]):
        return Signal("title_repeated", 0.5, "spin", "the title heads the body")
    return None


def _is_lead(paragraph: str, leads: list[Any]) -> bool:
    """A paragraph opening with a dateline or an agency's lead mark, then running text (an
    all-capitals notice such as "ATTENTION EDITORS - ..." is no lead)."""
    head = paragraph.lstrip()[:160]
    end = dateline_end(head)
    if not end:
        m = next((m for c in leads if (m := c.pattern.search(head[:80]))), None)
        end = m.end() if m else 0
    return bool(end) and any(c.islower() for c in head[end : end + 30])


def _other_leads(paragraphs: list[str]) -> Signal | None:
    """Two or more paragraphs shaped as wire leads, or a sign-off before the last paragraph.

    One lead anywhere in the first paragraphs is normal (a byline, a time stamp or a photo
    caption often comes first); a second one is another story's start.
    """
    leads = [c for c in intrinsic_cues() if c.signal == "wire_lead"]
    signoffs = [c for c in intrinsic_cues() if c.signal == "wire_signoff"]
    found = [p.lstrip()[:40] for p in paragraphs if _is_lead(p, leads)]
    if len(found) >= 2:
        return Signal(
            "other_leads",
            1.5,
            "stitch",
            f"{len(found)} paragraphs open like the lead of a wire story ('{found[1]}...')",
        )
    mid_signoffs = [
        c.name for p in paragraphs[:-1] for c in signoffs if c.pattern.search(p.rstrip())
    ]
    if mid_signoffs:
        return Signal(
            "other_leads",
            1.0,
            "stitch",
            f"a {mid_signoffs[0]} sign-off ends a paragraph in the middle of the page",
        )
    return None


@cache
def _antecedent() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """What a He or She can stand for: a person word ("a spokesman", "the governor"), a
    capitalised word said to speak ("Ziegler said") or a two-word name; and the lower-cased
    capitalised words that name no one (orgs, countries, days, months, function words)."""
    people = vocab.words("person_nouns.csv", "antecedent") | set(vocab.person_titles())
    verbs = vocab.alternation(vocab.speech_verbs("person"))
    not_names = (
        vocab.words("org_words.csv")
        | vocab.words("stop_words.csv")
        | {c.adjective.lower() for c in vocab.countries()}
        | {c.country.lower() for c in vocab.countries()}
        | {m.name.lower() for m in vocab.months()}
        | {d.name.lower() for d in vocab.weekdays()}
        | {"cross", "crescent", "nations", "states", "news", "times", "post", "tv"}
    )
    return (
        re.compile(rf"(?i:\b(?:{vocab.alternation(people)})s?\b)"),
        re.compile(
            rf"\b(?P<a>[A-Z][\w'’-]+)\s+(?:[A-Z]\.\s+)?(?:(?P<b>[A-Z][\w'’-]+)\b|(?:{verbs})\b)"
        ),
        frozenset(not_names),
    )


def _names_someone(text: str) -> bool:
    people, names, not_names = _antecedent()
    if people.search(text):
        return True
    return any(
        m["a"].lower() not in not_names and (m["b"] or "x").lower() not in not_names
        for m in names.finditer(text)
    )


def _first_sentence(sentences: list[str]) -> str | None:
    """The page's first sentence of running text: past a dateline, a byline or a time stamp."""
    for text in sentences[:3]:
        end = dateline_end(text)
        body = text[end:].lstrip() if end else text
        if len(body.split()) >= 6 and not _BYLINE.match(body):
            return body
    return None


def _lifted(sentences: list[str], title: str | None) -> Signal | None:
    """A sentence that leans on one the page does not hold. A farm lifting sentences out of
    several stories leaves them orphaned: an opening that goes on from an earlier sentence,
    or a He or She before anyone is named. On the pages of people we checked (150 of
    news_dev's originals, FA-KES's 322, TR-News's 118) neither ever happens; a snippet cut
    from the middle of a story (LGL's) shows the second now and then, so it only adds."""
    cues = {c.signal: c.pattern for c in intrinsic_cues() if c.signal.startswith("lifted_")}
    first = _first_sentence(sentences)
    if first and (m := cues["lifted_opening"].search(first)):
        return Signal(
            "lifted",
            1.0,
            "stitch",
            f"the page opens with a sentence that goes on from another ('{m.group(0)[-40:]}')",
        )
    before = title or ""
    for text in sentences:
        if cues["lifted_pronoun"].match(text) and not _names_someone(before):
            return Signal(
                "lifted",
                1.0,
                "stitch",
                f"'{text[:40]}...' comes before the page names anyone it could stand for",
            )
        before += "\n" + text
    return None


def _mixed_agencies(text: str, outlet: str | None) -> Signal | None:
    own = (outlet or "").casefold()
    agencies = sorted(
        {c.name for c in intrinsic_cues() if c.signal == "wire_self" and c.pattern.search(text)}
    )
    if len(agencies) < 2:
        return None
    return Signal(
        "mixed_agencies",
        1.5,
        "stitch",
        f"{' and '.join(agencies)} each speak as the reporting party"
        + (f" on a page of {outlet}" if own else ""),
    )


def _date_spread(sentences: list[str], published: dt.date | None) -> Signal | None:
    """Day dates of sentences, resolved against the publication date, weeks apart."""
    if published is None:
        return None
    days: set[dt.date] = set()
    for sentence in sentences:
        for when in find_dates(sentence, published):
            if (
                when.precision == "day"
                and when.start is not None
                and when.start == when.end
                and (published - when.start).days <= _LOOKBACK_DAYS
            ):
                days.add(when.start)
    if len(days) < 3 or (max(days) - min(days)).days < _SPREAD_DAYS:
        return None
    lo, hi = min(days), max(days)
    return Signal(
        "date_spread",
        1.5,
        "stitch",
        f"sentences date their events on {len(days)} days from {lo.isoformat()} to "
        f"{hi.isoformat()}, {(hi - lo).days} days apart",
    )


def _no_dateline_byline(paragraphs: list[str]) -> Signal | None:
    head = "\n\n".join(paragraphs[:3])
    if any(dateline_end(p.lstrip()) for p in paragraphs[:3]) or _BYLINE.search(head):
        return None
    if any(c.pattern.search(head) for c in intrinsic_cues() if c.signal == "wire_lead"):
        return None
    return Signal("no_dateline_byline", 0.5, "weak", "no dateline and no byline")


def _published(value: Any) -> dt.date | None:
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return as_date(value) if isinstance(value, dt.date) else None


def assess(
    text: str, title: str | None = None, outlet: str | None = None, published: Any = None
) -> IntrinsicVerdict:
    """The page's own signs of being spun or stitched, with the rule in the module docstring.

    ``published`` is a date, a datetime or an ISO string (only the day is used), or None.

    Example:
        >>> assess("KABUL (Reuters) - A bomb killed 12 people at a market on Monday, police said."
        ...        ).status
        'original'
    """
    text = text or ""
    paragraphs = [p for p in _PARAGRAPH.split(text) if p.strip()]
    present = _present(text)
    sentences = [t for s in split_sentences(text) if (t := s.text.strip())]
    found = [
        s
        for s in (
            _homoglyphs(text),
            _fingerprints(text, present),
            _title_repeated(title, paragraphs),
            _other_leads(paragraphs),
            _mixed_agencies(text, outlet),
            _date_spread(sentences, _published(published)),
            _lifted(sentences, title),
            _off_topic(paragraphs),
            _rewrite_style(text, present),
        )
        if s is not None
    ]
    if found and (weak := _no_dateline_byline(paragraphs)) is not None:
        found.append(weak)
    score = round(sum(s.weight for s in found), 2)
    if score < FLAG:
        return IntrinsicVerdict("original", score, tuple(found))
    stitch = sum(s.weight for s in found if s.kind == "stitch")
    spin = sum(s.weight for s in found if s.kind == "spin")
    return IntrinsicVerdict("stitched" if stitch >= spin else "spun", score, tuple(found))


def spin_score(
    text: str,
    title: str | None = None,
    outlet: str | None = None,
    published: Any = None,
    verdict: IntrinsicVerdict | None = None,
) -> float:
    """How much a page looks like a copy, to order pages published on the same day: the
    score of ``assess`` plus the weak no-dateline weight even when nothing else is found. Of
    two same-day pages sharing sentences, the one carrying its wire's dateline or byline (or
    with fewer word swaps) is more likely the one the other copied."""
    verdict = verdict or assess(text, title, outlet, published)  # the page's, when known
    paragraphs = [p for p in _PARAGRAPH.split(text or "") if p.strip()]
    if not any(s.name == "no_dateline_byline" for s in verdict.signals):
        missing = _no_dateline_byline(paragraphs)
        return verdict.score + (missing.weight if missing else 0.0)
    return verdict.score
