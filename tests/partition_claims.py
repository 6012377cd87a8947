"""Claims that exercise partitioned fusion: several countries, each reported in a few bursts
over three years (so quiet months split the timeline), several reports per incident with
tolls that differ, untyped figures and colour, whole copies published days later (some in
the next month), stitched pages taking a sentence from another incident's report, and,
when asked, claims with no country, reactions, and undated pages."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sitrep.fuse.features import ArticleInfo
from sitrep.model import Casualties, Claim, Figure, Place, Source, Span, When
from sitrep.vocab import event_types

COUNTRIES = {
    "SYR": (35.0, 37.0),
    "IRQ": (33.3, 44.4),
    "YEM": (15.4, 44.2),
    "MLI": (14.5, -4.0),
    "UKR": (48.5, 35.0),
    "NGA": (11.8, 13.1),
}
# Every ACLED sub-type of the violent and protest families (the vocabulary's own rows).
TYPES = [
    (t.event_type, t.sub_event_type)
    for t in event_types()
    if t.event_type not in ("Strategic developments", "Riots")
]
WORDS = (
    "market",
    "school",
    "hospital",
    "convoy",
    "checkpoint",
    "village",
    "camp",
    "bakery",
    "mosque",
    "bridge",
)
START = dt.date(2019, 1, 1)


@dataclass
class Mix:
    """How often the cases that tie blocks together occur."""

    countryless: float = 0.0  # claims whose place resolved to no country
    undated: float = 0.0  # pages with no publication date and no date in the text
    reactions: float = 0.0  # a PLOVER-only statement with a date of its own
    stitched: float = 0.05  # pages that take one sentence from another incident's report


def claim_set(
    seed: int, incidents: int = 150, mix: Mix | None = None
) -> tuple[list[Claim], dict[str, ArticleInfo]]:
    mix = mix or Mix()
    rng = random.Random(seed)
    bursts = {c: [rng.randrange(0, 36) for _ in range(3)] for c in COUNTRIES}
    places = {
        c: [
            (f"{c.title()} town {i}", lat + rng.uniform(-2, 2), lon + rng.uniform(-2, 2))
            for i in range(6)
        ]
        for c, (lat, lon) in COUNTRIES.items()
    }
    claims: list[Claim] = []
    articles: dict[str, ArticleInfo] = {}
    # (article, lead claim) a stitched page may copy, by country and month: farms copy news
    leads: dict[tuple[str, int], list[tuple[str, Claim]]] = {}
    by_id: dict[str, Claim] = {}
    n = 0
    for _ in range(incidents):
        country = rng.choice(list(COUNTRIES))
        month = rng.choice(bursts[country])
        day = START + dt.timedelta(days=30 * month + rng.randrange(30))
        name, lat, lon = rng.choice(places[country])
        etype, sub = rng.choice(TYPES)
        killed = rng.randrange(1, 30)
        detail = " and ".join(rng.sample(WORDS, 2))
        original: str | None = None
        for _ in range(rng.randint(1, 4)):
            aid = f"s{seed}a{n:04d}"
            n += 1
            copy_of = original if original is not None and rng.random() < 0.25 else None
            undated = rng.random() < mix.undated
            published = (
                None if undated else day + dt.timedelta(days=rng.randint(0, 3 if copy_of else 1))
            )
            copied: tuple[tuple[int, int, str, str, int], ...] = ()
            text = (
                f"{sub} hit the {detail} in {name}, killing {killed + rng.randint(-2, 2)} people."
            )
            recent = leads.get((country, month))
            if recent and rng.random() < mix.stitched:
                source, lead = rng.choice(recent)
                copied = ((300, 300 + len(lead.sentence.text), source, source, 0),)
            articles[aid] = ArticleInfo(
                aid,
                f"outlet-{rng.randrange(40)}",
                copy_of or aid,
                published,
                "syndicated" if copy_of else None,
                copied,
            )
            place = Place(
                text=name,
                name=name,
                lat=lat,
                lon=lon,
                country=country,
                precision=1,
                gazetteer_id=f"test:{name}",
            )
            if rng.random() < mix.countryless:
                place = Place(text=name, lat=lat, lon=lon, precision=2)
            when = None if undated else When(text="on Monday", start=day, end=day, precision="day")
            lead = Claim(
                id=f"{aid}-0",
                article_id=aid,
                sentence=Span(0, len(text), text),
                event_type=etype,
                sub_event_type=sub,
                place=place,
                when=when,
                casualties=Casualties(killed=Figure(killed, killed, killed, "killing")),
                sources=[Source(text="the monitor", name=rng.choice(["SOHR", "SANA", None]))],
            )
            claims.append(lead)
            leads.setdefault((country, month), []).append((aid, lead))
            by_id[aid] = lead
            original = original or aid
            toll = f"The death toll rose to {killed + 1}."
            if rng.random() < 0.4:
                claims.append(
                    Claim(
                        id=f"{aid}-1",
                        article_id=aid,
                        sentence=Span(100, 100 + len(toll), toll),
                        place=place,
                        casualties=Casualties(
                            killed=Figure(killed + 1, killed + 1, killed + 1, "rose to")
                        ),
                    )
                )
            colour = f"Residents of {name} boarded up windows."
            if rng.random() < 0.2:
                claims.append(
                    Claim(
                        id=f"{aid}-2",
                        article_id=aid,
                        sentence=Span(200, 200 + len(colour), colour),
                        event_type=etype,
                        sub_event_type=sub,
                        place=place,
                    )
                )
            if copied:
                _, _, _, source, _ = copied[0]
                taken = by_id[source]
                claims.append(
                    Claim(
                        id=f"{aid}-3",
                        article_id=aid,
                        sentence=Span(300, 300 + len(taken.sentence.text), taken.sentence.text),
                        event_type=taken.event_type,
                        sub_event_type=taken.sub_event_type,
                        place=taken.place,
                        when=taken.when,
                        casualties=taken.casualties,
                    )
                )
            if rng.random() < mix.reactions and not undated:
                said = "The government denied the report on Tuesday."
                claims.append(
                    Claim(
                        id=f"{aid}-4",
                        article_id=aid,
                        sentence=Span(400, 400 + len(said), said),
                        plover="REJECT",
                        when=When(text="on Tuesday", start=day, end=day, precision="day"),
                    )
                )
    return claims, articles
