"""Synthetic copy-analysis sets built from the sample corpus: copies, spins, stitched pages and
independent reports, with the truth of what copies what.

Why synthetic: no public data set labels news sentences as syndicated, spun or stitched, and
the real content-farm pages we have seen are few. The generator follows what those pages do -
new datelines, dropped paragraphs, synonym swaps from a thesaurus (``vocab/spin_synonyms.csv``),
clauses moved, tolls changed, sentences from reports of different weeks glued together with the
farm's own lines - and adds the hard negative: independent reports of the same incident that
share the place, the day, the source and a (different) toll, in their own words. The detector
does not read the synonym table, so its figures are not helped by knowing the spinner.

Deterministic for a given seed. Command line::

    python -m sitrep.evaluate.synthetic --out DIR --seed 1
    # writes DIR/articles.jsonl (id, published, outlet, title, text) and DIR/truth.json
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sitrep import vocab
from sitrep.calendar_words import MONTH_NAMES, WEEKDAY_NAMES
from sitrep.errors import InputError
from sitrep.extract.sentences import dateline_end, split_sentences

__all__ = [
    "Generated",
    "SyntheticSet",
    "generate",
    "load_originals",
    "load_reports",
    "main",
    "spin_table",
]

BASE_DATE = dt.date(2024, 1, 1)
WEEKDAYS = WEEKDAY_NAMES
# The verbs of a closing attribution a spinner moves to the front (``_Spinner.reorder``).
_REORDER_VERBS = vocab.alternation(vocab.speech_verbs("reorder"))

# Sentences written from four interchangeable parts, drawn so that no two sentences of a set
# share two parts (see ``_Parts``): real outlets do not share half-sentences either.
_OWN = (
    ("Later that day", "By nightfall", "In the hours that followed", "Meanwhile",
     "Across the district", "On the outskirts", "Shortly afterwards", "As news spread",
     "The next morning", "Before dawn", "At the same time", "Within an hour"),
    ("worried relatives", "volunteer medics", "shopkeepers", "teachers from a nearby school",
     "young men", "local journalists", "elderly residents", "municipal workers",
     "taxi drivers", "students", "farmers from the surrounding villages", "mosque volunteers"),
    ("gathered outside the main hospital", "queued for hours at checkpoints",
     "cleared rubble from the streets", "posted pictures of the damage online",
     "called for an end to the violence", "searched for missing neighbours",
     "waited for news from the authorities", "carried the wounded to private cars",
     "handed out water and bread", "boarded up broken windows", "filled sandbags by the road",
     "argued about who was to blame"),
    ("despite the cold weather", "while drones circled overhead", "as power cuts continued",
     "in the absence of any official help", "according to our reporter",
     "amid fears of further attacks", "as the roads stayed closed", "with little information to go on",
     "under a heavy grey sky", "as prices in the market doubled", "while the phone network was down",
     "long after the sirens stopped"),
)  # fmt: skip
# The content farm's own lines, built the same way.
_FARM = (
    ("Observers fear", "Analysts warn", "Many believe", "Some commentators argue",
     "Local voices insist", "Experts caution", "Regional watchers suspect", "Critics say",
     "Insiders whisper", "Bloggers claim", "Pundits predict", "Sceptics doubt"),
    ("that the coming weeks", "that the latest escalation", "that the silence of world powers",
     "that the collapse of the truce", "that rising prices", "that the spread of weapons",
     "that years of neglect", "that the flood of rumours", "that foreign money",
     "that the exodus of doctors", "that rigged elections", "that the drought"),
    ("will decide the fate of", "could further destabilise", "is quietly reshaping",
     "has already damaged", "may soon overwhelm", "threatens to isolate", "is hurting",
     "will test the resolve of", "keeps failing", "was always going to divide",
     "has embarrassed", "will soon be blamed on"),
    ("the whole region", "ordinary families", "the fragile local economy", "every aid programme",
     "the next round of talks", "the young generation", "those who stayed behind",
     "the displaced", "the border towns", "the ruling elite", "small traders", "the diaspora"),
)  # fmt: skip


class _Parts:
    """Draws part combinations, avoiding any pair of parts already used in this set."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[tuple[int, int, int, int]] = set()

    def draw(self, parts: tuple[tuple[str, ...], ...]) -> list[str]:
        best: list[int] = []
        for _ in range(200):
            pick = [self.rng.randrange(len(p)) for p in parts]
            pairs = {(i, pick[i], j, pick[j]) for i in range(4) for j in range(i + 1, 4)}
            best = pick
            if not pairs & self.used:
                break
        self.used |= {(i, best[i], j, best[j]) for i in range(4) for j in range(i + 1, 4)}
        return [p[k] for p, k in zip(parts, best, strict=True)]


# Independent reports: an outlet's own lead around the shared facts (place, day, source, toll).
_LEADS = (
    "{source} put the death toll at {n} after the violence in {place} on {day}.",
    "At least {n} people lost their lives in {place} on {day}, according to {source}.",
    "{n} deaths were recorded in {place}, {source} reported, describing scenes of chaos.",
    "A local official in {place} confirmed {n} fatalities from the {day} incident, a figure {source} also cited.",
    "Speaking by telephone, a resident of {place} said {n} neighbours had died, echoing {source}.",
    "Our correspondent in {place} counted {n} dead by {day} evening, while {source} gave no figure.",
    "The number of dead in {place} has reached {n}, {source} announced late on {day}.",
    "Hospitals around {place} received the bodies of {n} victims on {day}, {source} told reporters.",
)


def _own_sentence(parts: _Parts, place: str) -> str:
    a, b, c, d = parts.draw(_OWN)
    return f"{a}, {b} in {place} {c} {d}."


def _farm_sentence(parts: _Parts) -> str:
    a, b, c, d = parts.draw(_FARM)
    return f"{a} {b} {c} {d}."


@dataclass
class Generated:
    """One generated article and its truth."""

    id: str
    published: dt.date
    outlet: str
    title: str
    text: str
    copy_status: str
    sources: list[str] = field(default_factory=list)
    kind: str = ""  # original / independent / syndicated / spun / stitched
    about: str = ""  # the original whose incident an independent report re-tells (fusion truth)
    incident: str = ""  # an original's incident: reports of one sample incident share it

    def row(self) -> dict[str, str]:
        return {
            "id": self.id,
            "published": self.published.isoformat(),
            "outlet": self.outlet,
            "title": self.title,
            "text": self.text,
        }


@dataclass
class SyntheticSet:
    articles: list[Generated]

    def truth(self) -> dict[str, dict[str, object]]:
        return {
            a.id: {
                "copy_status": a.copy_status,
                "sources": a.sources,
                "kind": a.kind,
                "about": a.about or (a.sources[0] if len(a.sources) == 1 else a.id),
            }
            for a in self.articles
        }

    def triples(self) -> list[tuple[str, dt.date, str]]:
        return [(a.id, a.published, a.text) for a in self.articles]


def spin_table(path: str | Path | None = None) -> dict[str, str]:
    """word or phrase -> its spun replacement (default ``sitrep/vocab/spin_synonyms.csv``).

    Another table (``word,replacement``), such as ``spin_synonyms_heldout.csv``, measures
    robustness to a spinner whose words nobody tuned the extractor on.
    """
    if path is None:
        text = resources.files("sitrep.vocab").joinpath("spin_synonyms.csv").read_text("utf-8")
    else:
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"cannot read the spin table: {exc}") from None
    rows = csv.DictReader(text.splitlines())
    if not {"word", "replacement"} <= set(rows.fieldnames or ()):
        raise InputError(str(path), f"no 'word,replacement' columns (found: {rows.fieldnames})")
    table = {r["word"]: r["replacement"] for r in rows if r["word"] and r["replacement"]}
    if not table:
        raise InputError(str(path), "no 'word,replacement' rows")
    return table


def load_originals(samples: str | Path = "samples") -> list[tuple[str, str, str]]:
    """(title, outlet, text) of the sample corpus's English originals, read by sitrep's ingest."""
    return [(title, outlet, text) for title, outlet, text, _, _ in load_reports(samples)]


def load_reports(
    samples: str | Path = "samples",
) -> list[tuple[str, str, str, str, dt.date | None]]:
    """(title, outlet, text, incident, published) of the sample corpus's English originals;
    ``incident`` is the sample truth's event (reports of one incident share it; "" for a
    report of no event, such as an analysis piece)."""
    import sitrep

    truth = json.loads((Path(samples) / "truth.json").read_text("utf-8"))
    copies = [t["key"] for t in truth["articles"] if t["copy_status"] != "original"]
    incidents = {t["key"]: ",".join(t["events"]) for t in truth["articles"]}
    store = sitrep.open_store("sqlite:///:memory:")
    sitrep.ingest([str(samples)], store)
    articles = list(store.articles.iter())
    # A record of a multi-record file is "file:line" to ingest and "file#n" to the truth.
    lines: dict[str, list[int]] = {}
    for a in articles:
        file, _, line = (a.source or "").replace("\\", "/").rpartition(":")
        if file and line.isdigit():
            lines.setdefault(file, []).append(int(line))
    out = []
    for a in articles:
        src = (a.source or "").replace("\\", "/")
        if a.language != "en" or any(src.endswith(k) for k in copies):
            continue
        file, _, line = src.rpartition(":")
        record = f"{file}#{sorted(lines[file]).index(int(line)) + 1}" if file in lines else src
        incident = next((e for k, e in incidents.items() if record.endswith(k)), "")
        published = a.published.date() if isinstance(a.published, dt.datetime) else a.published
        out.append((a.title or "", a.outlet or "", a.text, incident, published))
    store.close()
    return out


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _strip_dateline(text: str) -> str:
    return text[dateline_end(text) :]


class _Spinner:
    """Applies synonym swaps (each occurrence with probability ``rate``), moves attribution
    clauses to the front, and changes figures."""

    def __init__(self, table: dict[str, str], rng: random.Random) -> None:
        self.table = table
        self.rng = rng
        words = sorted(table, key=len, reverse=True)
        self.pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.I)
        self.lower = {k.lower(): v for k, v in table.items()}

    def swap(self, sentence: str, rate: float, count: int = 0) -> str:
        def repl(m: re.Match[str]) -> str:
            if self.rng.random() >= rate:
                return m.group(0)
            new = self.table.get(m.group(0)) or self.lower.get(m.group(0).lower())
            if new is None:
                return m.group(0)
            return new[0].upper() + new[1:] if m.group(0)[0].isupper() else new

        return self.pattern.sub(repl, sentence, count=count)

    def reorder(self, sentence: str) -> str:
        """Move a closing attribution to the front: "A happened, X said." -> "X said A happened"."""
        m = re.match(
            rf"^(.{{30,}}?),\s+((?:the |a |an )?[^,]{{3,80}}?)\s+({_REORDER_VERBS})\.$", sentence
        )
        if not m:
            return sentence
        body, who, verb = m.groups()
        return f"{who[0].upper()}{who[1:]} {verb} {body[0].lower()}{body[1:]}."

    def change_numbers(self, sentence: str) -> str:
        def repl(m: re.Match[str]) -> str:
            raw = m.group(0)
            if raw.isdigit() and len(raw) <= 3:
                value = int(raw)
                return (
                    str(max(1, value + self.rng.choice((-3, -2, 2, 3, 5, 10))))
                    if value > 1
                    else raw
                )
            return raw

        return re.sub(r"\b\d{1,3}\b(?![,.]\d)", repl, sentence, count=1)


def _sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(_strip_dateline(text))]


# The incident's place: "in eastern El Fasher" is El Fasher, and "of the Rapid Support Forces"
# or "told reporters in Geneva" (where an agency speaks) is not where it happened.
_PLACE = re.compile(
    r"\b(?<!reporters )(?:in|of|near|into) (?:the )?(?:(?:eastern|western|northern|southern) )?"
    r"(?:town of |district of |city of |port of )?([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)(?![\w'-])"
    r"(?!(?: [A-Z][\w'-]+)* (?:Forces|Army|Front|Movement|Brigades?)\b)"
)


def _slots(text: str, rng: random.Random) -> dict[str, str]:
    """The facts an independent report shares: place, day, source, a (different) toll."""
    place = _PLACE.search(text)
    source = re.search(r",\s+((?:the |a )?[A-Z][^,.\"]{3,60}?)\s+said\.", text)
    source2 = re.search(r"according to ((?:the )?[A-Za-z][^,.\"]{3,50})", text)
    return {
        "place": place.group(1) if place else "the area",
        "source": (source.group(1) if source else source2.group(1) if source2 else "local medics"),
        "n": str(rng.randint(3, 40)),
    }


def _event_day(text: str, published: dt.date) -> dt.date:
    """The day an original tells of, as a reader of its date would take it: its first weekday
    is the most recent such day on or before publication; with none, the day before."""
    day = re.search(r"\b(" + "|".join(WEEKDAYS) + r")\b", text)
    if day is None:
        return published - dt.timedelta(days=1)
    back = (published.weekday() - WEEKDAYS.index(day.group(1))) % 7
    return published - dt.timedelta(days=back)


_MONTHS = MONTH_NAMES
_MONTH_DAY = re.compile(r"\b(" + "|".join(_MONTHS) + r") (\d{1,2})\b(?!,? \d{4})")
_NUMERIC_DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")


def _move_dates(text: str, published: dt.date, moved: dt.date) -> str:
    """Written dates moved with the publication date, so that "on March 3" in a report moved
    to January still names the day its weekday and the truth say (read from the moved
    publication, an unmoved "March 3" is ten months earlier: another incident)."""
    shift = moved - published
    if not shift:
        return text

    def month_day(m: re.Match[str]) -> str:
        month, day = _MONTHS.index(m.group(1)) + 1, int(m.group(2))
        try:
            told = dt.date(published.year, month, day)
        except ValueError:
            return m.group(0)
        if told > published + dt.timedelta(days=7):  # "December 30" in a January paper
            told = told.replace(year=told.year - 1)
        new = told + shift
        return f"{_MONTHS[new.month - 1]} {new.day}"

    def numeric(m: re.Match[str]) -> str:
        try:
            new = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) + shift
        except ValueError:
            return m.group(0)
        return f"{new.day:02d}/{new.month:02d}/{new.year}"

    return _NUMERIC_DATE.sub(numeric, _MONTH_DAY.sub(month_day, text))


def _fill(template: str, slots: dict[str, str]) -> str:
    s = template.format(**slots)
    return s[0].upper() + s[1:]


def generate(
    seed: int,
    originals: list[tuple[str, str, str]] | None = None,
    *,
    n_syndicated: int = 20,
    n_spun: int = 30,
    n_stitched: int = 30,
    n_independent: int = 40,
    spin: dict[str, str] | None = None,
) -> SyntheticSet:
    """A deterministic synthetic set for ``seed`` (originals default to ``load_originals()``).

    Example:
        >>> s = generate(0)  # doctest: +SKIP
        >>> sorted({a.kind for a in s.articles})  # doctest: +SKIP
        ['independent', 'original', 'spun', 'stitched', 'syndicated']
    """
    rng = random.Random(seed)
    reports = (
        [(*o, f"original-{i}", None) for i, o in enumerate(originals)]
        if originals is not None
        else load_reports()
    )
    spinner = _Spinner(spin or spin_table(), rng)
    own_parts, farm_parts = _Parts(rng), _Parts(rng)
    out: list[Generated] = []
    base: list[Generated] = []
    # Each sample incident moves by whole weeks, all its reports together: "on Wednesday" in a
    # Thursday paper still means the day before, and reports of one incident stay one
    # incident (moved apart, the truth would call them two while they still agree).
    # One shift per incident, taken from its first report, so its reports keep their order
    # and spacing (folded into one week each, a Wednesday follow-up of a Saturday clash came
    # out before the clash).
    first: dict[str, dt.date] = {}
    for i, (_, _, _, incident, published) in enumerate(reports):
        key = incident or f"no-event-{i}"
        if published is not None and (key not in first or published < first[key]):
            first[key] = published
    shifts: dict[str, dt.date] = {}
    for i, (title, outlet, text, incident, published) in enumerate(reports):
        incident = incident or f"no-event-{i}"
        if incident not in shifts:
            shifts[incident] = BASE_DATE + dt.timedelta(days=7 * rng.randint(0, 7))
        day = shifts[incident]
        if published is not None:
            weeks = (first[incident] - shifts[incident]).days // 7
            day = published - dt.timedelta(days=7 * weeks)
            text = _move_dates(text, published, day)
        g = Generated(
            f"s{seed}-o{i:02d}",
            day,
            outlet,
            title,
            text,
            "original",
            [],
            "original",
            incident=incident,
        )
        base.append(g)
    out += base

    def later(d: dt.date, lo: int, hi: int) -> dt.date:
        return d + dt.timedelta(days=rng.randint(lo, hi))

    for i in range(n_syndicated):
        src = rng.choice(base)
        paras = _paragraphs(src.text)
        if len(paras) > 2 and rng.random() < 0.5:
            paras = paras[:-1]
        city = src.text.split(",")[0].split("(")[0].strip()[:20] or "WIRE"
        paras[0] = f"{city.upper()} (via Digest {i}) - " + _strip_dateline(paras[0])
        if rng.random() < 0.5:  # an editor's one-word touch
            paras[-1] = spinner.swap(paras[-1], 1.0, count=1)
        out.append(
            Generated(
                f"s{seed}-syn{i:02d}",
                later(src.published, 1, 3),
                f"digest-{i % 5}",
                src.title,
                "\n\n".join(paras),
                "syndicated",
                [src.id],
                "syndicated",
            )
        )

    for i in range(n_spun):
        src = rng.choice(base)
        rate = rng.uniform(0.6, 1.0)
        sents = []
        for s in _sentences(src.text):
            s = spinner.swap(s, rate)
            if rng.random() < 0.3:
                s = spinner.reorder(s)
            if rng.random() < 0.3:
                s = spinner.change_numbers(s)
            sents.append(s)
        if len(sents) > 3 and rng.random() < 0.3:
            sents = sents[:-1]
        out.append(
            Generated(
                f"s{seed}-spun{i:02d}",
                later(src.published, 1, 5),
                f"farm-{i % 4}",
                spinner.swap(src.title, rate),
                "\n\n".join(sents),
                "spun",
                [src.id],
                "spun",
            )
        )

    for i in range(n_stitched):
        k = rng.randint(2, 4)
        by_week: dict[int, list[Generated]] = {}
        for g in base:
            by_week.setdefault((g.published - BASE_DATE).days // 7, []).append(g)
        weeks = rng.sample(sorted(by_week), k=min(k, len(by_week)))
        picked = [rng.choice(by_week[w]) for w in weeks]
        blocks: list[str] = []
        for src in picked:
            sents = [s for s in _sentences(src.text) if len(s.split()) >= 8]
            take = rng.sample(sents, k=min(len(sents), rng.randint(2, 3)))
            for s in take:
                if rng.random() < 0.5:
                    s = spinner.swap(s, rng.uniform(0.3, 0.8))
                if rng.random() < 0.3:
                    s = spinner.change_numbers(s)
                blocks.append(s)
        for _ in range(rng.randint(1, 3)):
            blocks.insert(rng.randint(0, len(blocks)), _farm_sentence(farm_parts))
        title = f"{rng.choice(('Breaking', 'Latest', 'Update'))}: {picked[0].title}"
        published = later(max(g.published for g in picked), 1, 10)
        out.append(
            Generated(
                f"s{seed}-st{i:02d}",
                published,
                f"farm-{i % 4}",
                title,
                "\n\n".join([title, *blocks]),
                "stitched",
                sorted({g.id for g in picked}),
                "stitched",
            )
        )

    used_leads: dict[str, set[int]] = {}  # an outlet's lead is its own: no two alike per place
    for i in range(n_independent):
        # Re-reports tell incidents (never "11 dead" at the venue of an analysis piece).
        src = rng.choice([g for g in base if not g.incident.startswith("no-event-")])
        slots = _slots(src.text, rng)
        taken = used_leads.setdefault(slots["place"], set())
        j = rng.choice(
            [j for j in range(len(_LEADS)) if j not in taken] or list(range(len(_LEADS)))
        )
        taken.add(j)
        own = [_own_sentence(own_parts, slots["place"]) for _ in range(rng.randint(2, 3))]
        # The incident's own day, named as seen from this report's publication (0-3 days
        # later): a re-report that named the original's weekday from another week would
        # tell of another incident, so the truth would be wrong.
        # Read from the incident's first report: a follow-up ("fled since fighting last
        # week") names no weekday of its own.
        anchor = min((g for g in base if g.incident == src.incident), key=lambda g: g.published)
        event_day = _event_day(anchor.text, anchor.published)
        slots["day"] = WEEKDAYS[event_day.weekday()]
        text = "\n\n".join([_fill(_LEADS[j], slots), *own])
        out.append(
            Generated(
                f"s{seed}-ind{i:02d}",
                later(event_day, 0, 3),
                f"outlet-{i % 7}",
                f"{slots['n']} dead in {slots['place']}",
                text,
                "original",
                [],
                "independent",
                about=src.id,
            )
        )
    rng.shuffle(out)  # arrival order is not publication order
    return SyntheticSet(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", required=True, type=Path, help="folder for articles.jsonl and truth.json"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--samples", default="samples", help="the sample corpus folder")
    args = parser.parse_args(argv)
    data = generate(args.seed, load_originals(args.samples))
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "articles.jsonl").open("w", encoding="utf-8") as f:
        for a in data.articles:
            f.write(json.dumps(a.row(), ensure_ascii=False) + "\n")
    (args.out / "truth.json").write_text(json.dumps(data.truth(), indent=1), encoding="utf-8")
    print(f"{len(data.articles)} articles -> {args.out}")


if __name__ == "__main__":
    main()
