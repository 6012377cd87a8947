"""Claims -> events, as a pure function (batch) or on top of stored events (incremental).

Only typed claims found events, and only in an article that tells a fact of its own: a typed
claim with its own date or a figure. An article without one - a toll lead with no type ("At
least 12 people died in Kabul on Tuesday") and sentences that add a type but no date and no
figure ("Meanwhile, residents boarded up windows while drones circled overhead") - re-tells a
story: its lead claim first looks for a known event, as a claim of an article with no typed
claim does, and its typed claims follow that event when compatible (clustered on their own, a
side remark typed from a stray word would found an event the article never told, and that
stray event would make every other report of the place and day ambiguous). A typed claim of
another type or place than that event, or of a story that found no event, is clustered as
usual, after the claims of the articles with no typed claim have found their events.

Some typed claims may join an event but never found one (``follows_story``): colour with no
date, figure or place of its own, and a headline with no date and only a country.

A claim with a figure but no type ("The death toll rose to 14.") joins the event of the
nearest claim before it in its article that is in an event (or after it, when none comes
before); with no typed claim in its article it joins a known event on its own facts or nothing.
So does a claim whose type its story lent it (``Claim.type_from_story``: "killed in the attack").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from sitrep.extract.reactions import sitting
from sitrep.extract.story_types import introduces_new_event
from sitrep.fuse.cluster import Clusterer, Summary, compatible
from sitrep.fuse.events import build_event
from sitrep.fuse.features import (
    REACTION,
    SITTING,
    ArticleInfo,
    ClaimView,
    coarse_place,
    event_when,
    has_figure,
    is_headline,
    tells_own_fact,
    view,
)
from sitrep.fuse.merge import merge_groups
from sitrep.model import Claim, Event

__all__ = ["assign", "fuse_claims", "merge_split", "summaries"]


def _info(articles: dict[str, ArticleInfo], article_id: str) -> ArticleInfo:
    return articles.get(article_id) or ArticleInfo(article_id)


def _places_itself(claim: Claim) -> bool:
    """Whether the claim's place is written in its own sentence (not taken from the story)."""
    span = claim.place.span if claim.place is not None else None
    return span is not None and claim.sentence.start <= span.start < claim.sentence.end


def _typed_itself(claim: Claim) -> bool:
    """A type the sentence names itself; a type lent by the story ("killed in the attack")
    makes the claim follow its story as an untyped figure does."""
    return bool(claim.sub_event_type) and not claim.type_from_story


def follows_story(claim: Claim) -> bool:
    """Whether a typed claim may only join an event, never found one: it tells nothing that
    could tell a new incident apart from its story's.

    Colour: no date, figure or place of its own ("Most of those evacuated had been trapped by
    fighting for several weeks."). A headline (a first line with no closing punctuation) with
    no date and no place finer than a country: it sums up the body, whose sentences found the
    events ("Rescue workers say dozens killed in Syria attacks" would found a country-level
    event no sentence of the body reports). Decided from the claim alone, so a claim left
    out is judged the same when a later run retries it.
    """
    if not tells_own_fact(claim) and not _places_itself(claim):
        return True
    own_date = claim.when is not None and claim.when.text is not None
    return is_headline(claim) and coarse_place(claim) and not own_date


def founds_reaction(claim: Claim) -> bool:
    """A PLOVER-only claim (a denial, a condemnation, a veto, a meeting: no ACLED type) with a
    date of its own, or a live page's entry ("17:40 - Russia and China have vetoed the
    resolution", the day the entry gives): it may found an event of its own kind when it joins
    no incident. Without a date it is a remark about the past ("Syria has always denied ..."),
    not a new event."""
    when = event_when(claim)
    return (
        bool(claim.plover)
        and not claim.sub_event_type
        and when is not None
        and (when.text is not None or _from_entry(claim))
        and when.start is not None
    )


def _sitting(claim: Claim) -> bool:
    """A PLOVER-only claim telling of a vote or a session: an event of its own kind, never
    part of the violence it is about ("Speaking at a Security Council meeting, Churkin said
    ..." goes to the session, not to the strike the article tells next)."""
    return (
        bool(claim.plover) and not claim.sub_event_type and sitting(claim.sentence.text) is not None
    )


def reaction_view(claim: Claim, article: ArticleInfo) -> ClaimView:
    """How a reaction is compared: by its kind, day, actors, words and the name of the place
    it is about. Its resolved place is the incident's or where it was said ("Russia vetoed
    the resolution on Aleppo" in New York): a point or a country would split one veto told
    from two capitals, so only the place's name as written counts, as a shared subject
    ("Aleppo" in two reports of one vote), never against."""
    kind = f"{REACTION}{claim.plover}"
    return replace(
        view(claim, article),
        sub=kind,
        # a vote and the session it was taken at ("Saturday's Security Council session,
        # where Russia blocked the French draft") are one sitting, whatever their PLOVER
        family=SITTING if _sitting(claim) else kind,
        point=None,
        precision=None,
        gazetteer_id=None,
        admin1=None,
        country=None,
    )


def summaries(
    events: Iterable[tuple[str, Sequence[Claim]]], articles: dict[str, ArticleInfo]
) -> list[Summary]:
    """Comparison summaries of stored events, each from its claims (in the fixed order)."""
    out = []
    for event_id, claims in events:
        s = Summary(id=event_id)
        views = [view(c, _info(articles, c.article_id)) for c in claims if c.sub_event_type]
        for v in sorted(views, key=lambda v: v.sort_key):
            s.add(v)
        out.append(s)
    return out


def assign(
    claims: Sequence[Claim],
    articles: dict[str, ArticleInfo],
    clusterer: Clusterer | None = None,
    reasons: dict[str, str] | None = None,
) -> dict[str, str]:
    """claim id -> event id; claims that join no event are left out (with ``reasons``
    given, each one's reason is put there)."""
    clusterer = clusterer or Clusterer()
    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article_id, []).append(c)
    anchored: list[ClaimView] = []
    retold: dict[str, list[Claim]] = {}  # article -> typed claims of a story with an untyped lead
    orphans: list[Claim] = []
    for aid, group in by_article.items():
        group.sort(key=lambda c: (c.sentence.start, c.id))
        typed = [c for c in group if _typed_itself(c)]
        if not typed:
            orphans += group
            continue
        # A story led by a statement, meeting or vote ("Moscow and Beijing blocked a draft
        # resolution on Aleppo ..."), whose violent sentences come after it as background:
        # the lead is an event of its own, not colour of that background.
        first_typed = min(c.sentence.start for c in typed)
        # A vote or a session is an event of its own wherever the story tells it ("On Wednesday,
        # O'Brien had told the Security Council ..." in a report of the fighting after it).
        orphans += [
            c
            for c in group
            if _sitting(c) or (founds_reaction(c) and c.sentence.start < first_typed)
        ]
        if _typed_itself(group[0]) or any(tells_own_fact(c) for c in typed):
            for c in typed:
                v = view(c, _info(articles, aid))
                v.follower = follows_story(c)
                anchored.append(v)
        else:
            retold[aid] = typed
    out = clusterer.assign(anchored)
    if reasons is not None:
        for v in anchored:
            if v.claim.id not in out:
                reasons[v.claim.id] = (
                    "colour: no date, figure or place of its own, and no event to join"
                )
    # Re-told stories: the lead's facts find the event, in a fixed order.
    pending: list[ClaimView] = []
    leads = {aid: view(by_article[aid][0], _info(articles, aid)) for aid in retold}
    for aid in sorted(retold, key=lambda a: leads[a].sort_key):
        sid, _ = clusterer.match(leads[aid])
        for c in retold[aid]:
            v = view(c, _info(articles, aid))
            if sid is not None and compatible(v, clusterer.summaries[sid]):
                clusterer.join(v, sid)
                out[c.id] = sid
            else:
                pending.append(v)
        if sid is not None and leads[aid].claim.id not in out:
            out[leads[aid].claim.id] = sid
    # Articles with no typed claim: each claim may join a known event, never found one; the
    # events of the anchored claims are all known by now, so the outcome does not depend on
    # arrival order.
    reactions: list[ClaimView] = []
    undated_sittings: list[Claim] = []
    for c in sorted(orphans, key=lambda c: c.id):
        if _sitting(c):
            if founds_reaction(c):
                # a vote or a session is an event of its own, never the offensive it is about
                reactions.append(reaction_view(c, _info(articles, c.article_id)))
            else:
                undated_sittings.append(c)  # joined below, once the votes are known
            continue
        sid, reason = clusterer.match(view(c, _info(articles, c.article_id)))
        if sid is not None:
            out[c.id] = sid
        elif founds_reaction(c):
            reactions.append(reaction_view(c, _info(articles, c.article_id)))
        elif reasons is not None:
            reasons[c.id] = reason
    # Statements, meetings and votes that joined no incident are events of their own kind,
    # each report of one veto with the others (after every violent event is known); a live
    # page's entries last, once the day's sittings told with a date of their own are known.
    out.update(clusterer.assign([r for r in reactions if not _from_entry(r.claim)]))
    out.update(clusterer.assign([r for r in reactions if _from_entry(r.claim)]))
    for c in undated_sittings:
        # an undated page's "Russia on Saturday vetoed a draft on Aleppo": it may join the
        # vote it tells of (same kind, the place it is about), never found one or join the
        # violence
        vote = reaction_view(c, _info(articles, c.article_id))
        sid, reason = clusterer.match(vote, undated_alone=True)
        if sid is not None:
            out[c.id] = sid
        elif reasons is not None:
            reasons[c.id] = reason
    out.update(clusterer.assign(pending))
    # The other untyped claims of an article with a typed claim follow the story: the
    # nearest placed claim before them, else the first after them. When that one turns to
    # another event ("Separately, gunmen attacked a shrine in Balad"), the tolls told before
    # it ("days after the truck bombing in Karrada that killed 250") first look for their
    # own event on their own facts.
    # Violence never follows a vote or a session told before it ("Weeks after the vote, nerve
    # gas killed dozens in Khan Sheikhoun"): a toll finds its own event, a bare mention none.
    for group in by_article.values():
        placed = [c for c in group if c.id in out]
        if not placed or not any(_typed_itself(c) for c in group):
            continue
        for c in group:
            if c.id in out or _typed_itself(c):
                continue
            before = [t for t in placed if t.sentence.start < c.sentence.start]
            info = _info(articles, c.article_id)
            sid = None
            if not before and introduces_new_event(placed[0].sentence.text):
                sid, _ = clusterer.match(view(c, info))
            story = before[-1] if before else placed[0]
            if sid is None and _sitting(story) and not _reaction(c):
                if has_figure(c):
                    sid, _ = clusterer.match(view(c, info))
                if sid is not None:
                    out[c.id] = sid
                continue
            out[c.id] = sid or out[story.id]
    return out


def _from_entry(claim: Claim) -> bool:
    """Dated only by its live page's entry (``When.origin`` "entry")."""
    return claim.when is not None and claim.when.origin == "entry"


def _reaction(claim: Claim) -> bool:
    """A PLOVER-only claim: a statement, meeting or vote, no violence."""
    return bool(claim.plover) and not claim.sub_event_type


def fuse_claims(claims: Sequence[Claim], articles: dict[str, ArticleInfo]) -> list[Event]:
    """Pure batch fusion: the same claims give the same events, whatever their order.

    Example:
        >>> fuse_claims([], {})
        []
    """
    mapping = assign(claims, articles)
    groups: dict[str, list[Claim]] = {}
    for c in claims:
        if c.id in mapping:
            groups.setdefault(mapping[c.id], []).append(c)
    merge_split(groups, articles)
    return sorted((build_event(eid, g, articles) for eid, g in groups.items()), key=lambda e: e.id)


def merge_split(groups: dict[str, list[Claim]], articles: dict[str, ArticleInfo]) -> set[str]:
    """Merge, in place, the events that are one incident split by the order claims came in
    (``sitrep.fuse.merge``); returns the ids of the events that grew."""
    into = merge_groups(summaries(sorted(groups.items()), articles))
    for eid, target in sorted(into.items()):
        groups[target].extend(groups.pop(eid))
    return set(into.values())
