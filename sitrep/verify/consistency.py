"""Does a claim agree with what independent reports of its event say?

A claim is compared field by field with the other claims of its fused event that come from
*other* independent reports: copies collapse to the report they copy (a syndicated page, a
spun page, a stitched page's copied sentence all stand for their source), so a copy repeating
"14 killed" neither corroborates nor contests its original.

Per field the verdict is ``agrees``, ``differs`` (with by how much) or ``not compared`` (one side
does not say). The tolerances, chosen so that rounding and time-zone slack are not disputes:

- figures (killed, injured, displaced, detained): two figures agree when their ranges overlap
  once widened by ``max(1, 10%)`` of the larger figure; "at least 112" (112 and up) agrees with
  126. Anything further apart differs, and the difference is given.
- date: day-precision dates agree within one day; coarser dates agree when their spans overlap.
- place: resolved points agree within 25 km (or the same gazetteer entry, or one is the other's
  province); unresolved places agree when the words as written overlap.
- type: the same family (a strike one outlet calls shelling, another an air strike, agrees).
- perpetrator (actor1): agrees when name, or country and sector, match; not compared when the
  sectors match and one side names no country (it only says less); differs only when both
  sides name a coded actor and neither matches (in a battle, not when the two claims name the
  same sides in another order) (who did it is the most disputed fact in war
  reporting, so it is shown, but it alone does not contest a claim: actor coding is noisier
  than figures).

Status of a claim:

- ``contested``: an independent report gives a figure beyond the tolerance.
- ``corroborated``: at least one independent report of the event goes back to another original
  source (its cited source differs, or either is uncited) and none contests it.
- ``single-source``: no other independent report, or all of them cite the same original source
  as this claim (five outlets relaying "SOHR said 14" are one source, not five).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from sitrep.fuse.cluster import km as great_circle_km
from sitrep.fuse.events import cited_source
from sitrep.fuse.features import ArticleInfo, family
from sitrep.model import Casualties, Claim, ClaimCheck, FieldCheck, Figure

__all__ = [
    "STATUSES",
    "ClaimCheck",
    "FieldCheck",
    "check_event",
    "figure_range",
    "figures_agree",
]

STATUSES = ("corroborated", "contested", "single-source")
PLACE_KM = 25.0
FIGURE_SLACK = 0.10


def figure_range(f: Figure) -> tuple[float, float]:
    """(low, high) a figure allows: "at least 10" is 10 and up, "up to 5" is 0 to 5."""
    best = f.best if f.best is not None else (f.low if f.low is not None else f.high)
    low = f.low if f.low is not None else best
    high = f.high if f.high is not None else best
    if f.text and any(w in f.text.lower() for w in ("at least", "more than", "over ")):
        high = math.inf
    return float(low if low is not None else 0), float(high if high is not None else math.inf)


def figures_agree(a: Figure, b: Figure) -> tuple[bool, float]:
    """Whether two figures agree within the tolerance, and how far apart they are."""
    alo, ahi = figure_range(a)
    blo, bhi = figure_range(b)
    top = max(x for x in (alo, blo, ahi, bhi) if x != math.inf)
    slack = max(1.0, FIGURE_SLACK * top)
    gap = max(0.0, max(alo, blo) - min(ahi, bhi))
    return gap <= slack, gap


def _date_check(c: Claim, o: Claim) -> tuple[str, str]:
    if not (c.when and c.when.start and o.when and o.when.start):
        return "not compared", ""
    a0, a1 = c.when.start, c.when.end or c.when.start
    b0, b1 = o.when.start, o.when.end or o.when.start
    if c.when.precision in (None, "day") and o.when.precision in (None, "day"):
        gap = abs((a0 - b0).days)
        return ("agrees", "") if gap <= 1 else ("differs", f"{gap} days apart")
    if a0 <= b1 and b0 <= a1:
        return "agrees", ""
    gap = min(abs((a0 - b1).days), abs((b0 - a1).days))
    return "differs", f"{gap} days apart"


def _place_check(c: Claim, o: Claim) -> tuple[str, str]:
    p, q = c.place, o.place
    if p is None or q is None:
        return "not compared", ""
    if p.gazetteer_id and p.gazetteer_id == q.gazetteer_id:
        return "agrees", ""
    if p.lat is not None and p.lon is not None and q.lat is not None and q.lon is not None:
        coarse = (p.precision or 1) >= 3 or (q.precision or 1) >= 3
        if coarse and p.admin1 and p.admin1 == q.admin1:
            return "agrees", "same province"
        km = great_circle_km((p.lat, p.lon), (q.lat, q.lon))
        return ("agrees", "") if km <= PLACE_KM else ("differs", f"{km:.0f} km apart")
    words_p = set((p.name or p.text).lower().split())
    words_q = set((q.name or q.text).lower().split())
    return ("agrees", "") if words_p & words_q else ("not compared", "")


def _type_check(c: Claim, o: Claim) -> tuple[str, str]:
    a, b = family(c.event_type, c.sub_event_type), family(o.event_type, o.sub_event_type)
    if a is None or b is None:
        return "not compared", ""
    return ("agrees", "") if a == b else ("differs", f"{c.sub_event_type} vs {o.sub_event_type}")


_ARMED = frozenset({"MIL", "REB", "GOV", "POL", "PMIL", "MILITIA"})


def _actor_check(c: Claim, o: Claim) -> tuple[str, str]:
    a, b = c.actor1, o.actor1
    if a is None or b is None or a.sector not in _ARMED or b.sector not in _ARMED:
        return "not compared", ""  # only who *did* it is disputed; victims are no perpetrators
    if (a.name or a.text).casefold() == (b.name or b.text).casefold():
        return "agrees", ""
    if a.country and a.sector and (a.country, a.sector) == (b.country, b.sector):
        return "agrees", ""
    if a.sector == b.sector and not (a.country and b.country):
        return "not compared", ""  # "military forces" and "Russian forces": one says less
    if "battles" in ((c.event_type or "").casefold(), (o.event_type or "").casefold()):
        sides = [x for x in (c.actor1, c.actor2, o.actor1, o.actor2) if x is not None]
        names = [(x.name or x.text).casefold() for x in sides]
        if len(set(names)) < len(names):
            return "not compared", ""  # a clash has two sides; which one is actor1 is arbitrary
    if (a.country or a.sector) and (b.country or b.sector):
        return "differs", f"{a.name or a.text} vs {b.name or b.text}"
    return "not compared", ""


def _fmt(f: Figure) -> str:
    return f.text or str(f.best)


def check_event(
    event_id: str | None,
    claims: Sequence[Claim],
    articles: dict[str, ArticleInfo],
) -> list[ClaimCheck]:
    """Consistency of every claim of one event with the event's other independent reports."""

    def unit(c: Claim) -> str:
        art = articles.get(c.article_id)
        return art.unit_at(c.sentence.start) if art else c.article_id

    def outlet(c: Claim) -> str:
        art = articles.get(c.article_id)
        return (art.outlet if art and art.outlet else None) or c.article_id[:10]

    units = {c.id: unit(c) for c in claims}
    # One voice per independent report: the original's own claims where it is in the event
    # (a stitched page's copy of a sentence may carry a date resolved against the wrong day).
    speakers: dict[str, list[Claim]] = {}
    for c in sorted(claims, key=lambda c: (c.article_id != units[c.id], c.article_id, c.id)):
        first = speakers.setdefault(units[c.id], [c])
        if c is not first[0] and c.article_id == first[0].article_id:
            first.append(c)
    out = []
    for c in claims:
        others = [o for u, group in speakers.items() if u != units[c.id] for o in group]
        mine = cited_source(c)
        sources = {mine or f"report:{units[c.id]}"} | {
            cited_source(o) or f"report:{units[o.id]}" for o in others
        }
        fields: list[FieldCheck] = []
        reasons: list[str] = []
        contested = False
        for kind in Casualties.KINDS:
            f = getattr(c.casualties, kind)
            if f is None or (f.best is None and f.low is None):
                continue
            agree, differ = [], []
            for o in others:
                g = getattr(o.casualties, kind)
                if g is None or (g.best is None and g.low is None):
                    continue
                ok, gap = figures_agree(f, g)
                (agree if ok else differ).append((o, g, gap))
            if differ:
                contested = True
                o, g, gap = max(differ, key=lambda x: x[2])
                src = cited_source(o)
                later = _later(articles, o, c)
                detail = (
                    f"{_fmt(f)} here; {_fmt(g)} per {outlet(o)}"
                    + (f" citing {src}" if src else "")
                    + f" (apart by {gap:g})"
                    + (f"; {later}" if later else "")
                )
                fields.append(FieldCheck(kind, "differs", detail, [x[0].id for x in differ]))
                reasons.append(f"{kind}: {detail}")
            elif agree:
                fields.append(
                    FieldCheck(
                        kind,
                        "agrees",
                        f"{len(agree)} independent report(s) agree",
                        [x[0].id for x in agree],
                    )
                )
            else:
                fields.append(FieldCheck(kind, "not compared", "no independent figure"))
        for name, check in (
            ("date", _date_check),
            ("place", _place_check),
            ("type", _type_check),
            ("actor1", _actor_check),
        ):
            verdicts = [(o, *check(c, o)) for o in others]
            differ = [v for v in verdicts if v[1] == "differs"]
            agree = [v for v in verdicts if v[1] == "agrees"]
            if differ and not agree:
                fields.append(FieldCheck(name, "differs", differ[0][2], [v[0].id for v in differ]))
                reasons.append(f"{name} differs from {outlet(differ[0][0])}: {differ[0][2]}")
            elif agree:
                fields.append(FieldCheck(name, "agrees", "", [v[0].id for v in agree]))
            else:
                fields.append(FieldCheck(name, "not compared"))
        independent_units = {units[o.id] for o in others}
        other_sources = {cited_source(o) or f"report:{units[o.id]}" for o in others} - (
            {mine} if mine else set()
        )
        if contested:
            status = "contested"
        elif not others:
            status = "single-source"
            reasons.append("no independent report of this event")
        elif not other_sources:
            status = "single-source"
            reasons.append(
                f"{len(independent_units)} other report(s), all citing {mine}: one original source"
            )
        else:
            status = "corroborated"
            agreeing = sorted({outlet(o) for o in others})
            reasons.append(
                f"told independently by {len(independent_units)} other report(s) "
                f"({', '.join(agreeing[:5])}) with no conflicting figure"
            )
        out.append(
            ClaimCheck(
                claim_id=c.id,
                article_id=c.article_id,
                event_id=event_id,
                status=status,
                independent=len(independent_units),
                original_sources=len(sources),
                fields=fields,
                reasons=reasons,
            )
        )
    return out


def _later(articles: dict[str, ArticleInfo], higher: Claim, this: Claim) -> str:
    """A note when the other report came out later: tolls rise as bodies are found."""
    a, b = articles.get(higher.article_id), articles.get(this.article_id)
    if a and b and a.published and b.published and a.published != b.published:
        days = (a.published - b.published).days
        return f"that report is {abs(days)} day(s) {'later' if days > 0 else 'earlier'}"
    return ""
