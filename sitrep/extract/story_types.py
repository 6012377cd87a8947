"""Document-level typing: a sentence that only refers back to the story's event takes its type.

Reports name the weapon once, in the lead ("A suicide car bomb tore through buses ..."), and
then refer back to it: "68 children were among the 126 people killed in the attack", "the death
toll had increased to 72", "12 people are killed, including a child". Read alone, those
sentences say nothing about *how* people died, so the rules type them generic ``Attack`` (from
the word "attack") or not at all, and the classifier guesses. Their type is the story's:

1. the story's main event is the one its headline names, when the headline names a specific
   one (a trigger stronger than ``GENERIC_WEIGHT``: "suicide car bomb", "air strike",
   "shelling"); else the first claim of the article (in text order) whose type rests on such a
   cue. Either lends its type only when violent (``DONOR_*``): a lead about a protest, an
   arrest or an agreement lends nothing;
2. a claim is *generic* when the rules, on its sentence with the words that refer back ("the
   attack", "Thursday's bombings", "the death toll": ``vocab/story_links.csv``) blanked out,
   find no trigger stronger than ``GENERIC_WEIGHT``; a generic claim that refers back, or
   carries a bare toll after the story's event is named (a toll told first may belong to an
   event a later line only colours: "while drones circled overhead"; but when the main claim
   itself refers back, "in response to the Vinnytsia missile attack", the event was told
   before it and a toll before it is of that event), with no type or a
   violent one, takes the main event's type, with a confidence below the main claim's and the
   reason in ``Claim.type_reason`` (fusion matches such a claim as if untyped);
3. a sentence that introduces a different event ("in a separate attack", "meanwhile") ends the
   main event's reach: after it the story's event is that sentence's, when it names a specific
   one, else unknown, and that sentence keeps its own type.

Claims from other articles are never mixed: the step runs per article.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sitrep import vocab
from sitrep.extract.events import classify_event, event_type_info
from sitrep.model import STORY_TYPE_REASON, Claim

__all__ = ["inherit_story_types"]

# A trigger this weak names no weapon or act: "attack" (0.4), "killed ... children" (0.5),
# "blast" / "explosion" / "bombing" (0.5). Anything stronger is the sentence's own evidence.
GENERIC_WEIGHT = 0.5
# A rule type of the Explosions/Remote violence family fired by a trigger at least this strong
# names the weapon ("gas attack", "cruise missiles", "suicide bomber", "car bomb", "air
# strike"): no classifier replaces it (``event_typing``), and a reference back that names it
# borrows no other type. Weaker words ("blast", "shelling" alone) do not.
WEAPON_CUE = 0.7
WEAPON_FAMILY = "Explosions/Remote violence"
# The confidence an inherited type gets, as a share of the main claim's: a guess from context.
INHERITED_SHARE = 0.75
# Types whose story lends its type to a toll or a reference back: violence told with a cue.
DONOR_EVENT_TYPES = frozenset({"Explosions/Remote violence"})
DONOR_SUB_TYPES = frozenset({"Armed clash", "Attack"})
# ACLED's event types of violence: a recipient may already have one (or none), a generic
# reading of violence, never a protest; the places step reads them as harm done to people.
VIOLENCE_EVENT_TYPES = frozenset(
    {"Explosions/Remote violence", "Violence against civilians", "Battles"}
)


@lru_cache(maxsize=1)
def _links() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    anaphors, new_events = [], []
    for kind, pattern in vocab.story_links():
        compiled = re.compile(pattern, re.IGNORECASE)
        if kind in ("anaphor", "new_event"):
            (anaphors if kind == "anaphor" else new_events).append(compiled)
    return tuple(anaphors), tuple(new_events)


def refers_back(sentence: str) -> list[tuple[int, int]]:
    """Spans of the words with which ``sentence`` names an event already told ("the attack")."""
    spans = []
    for pattern in _links()[0]:
        for m in pattern.finditer(sentence):
            spans.append(m.span("noun"))
    return spans


def introduces_new_event(sentence: str) -> bool:
    """Whether ``sentence`` turns to another event ("in a separate attack", "meanwhile")."""
    return any(p.search(sentence) for p in _links()[1])


def is_generic(sentence: str, spans: Sequence[tuple[int, int]] | None = None) -> bool:
    """Whether ``sentence`` says nothing specific about what happened once the words that
    refer back to the story's event (``spans``) are blanked out."""
    spans = refers_back(sentence) if spans is None else spans
    chars = list(sentence)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    guess = classify_event("".join(chars), check_non_event=False)
    return guess is None or guess.weight <= GENERIC_WEIGHT


_WORDS_BEFORE = re.compile(r"(?:[\w’'-]+\s+){1,2}$")  # "Sunday's car " before "bombing"


def _names_weapon(sentence: str) -> bool:
    """Whether a reference back names the weapon: the noun with the two words before it
    ("Sunday's car bombing", "the air strike") fires a weapon trigger (``WEAPON_CUE``)."""
    for start, end in refers_back(sentence):
        before = _WORDS_BEFORE.search(sentence, 0, start)
        phrase = sentence[before.start() if before else start : end]
        guess = classify_event(phrase, check_non_event=False)
        if guess is not None and guess.event_type == WEAPON_FAMILY and guess.weight >= WEAPON_CUE:
            return True  # not "what he called a massacre": a word for it, not its weapon
    return False


@dataclass(frozen=True)
class StoryEvent:
    """The event a story is about, as its headline or one of its claims names it."""

    sub_event_type: str
    confidence: float
    case_type: str | None
    where: str  # "the headline" or "claim <id>", for the reason kept on the claims that inherit


def _as_donor(claim: Claim, generic: bool) -> StoryEvent | None:
    """The claim's event as the story's, when it is specific and violent (``DONOR_*``)."""
    if claim.sub_event_type is None or generic:
        return None
    if claim.event_type not in DONOR_EVENT_TYPES and claim.sub_event_type not in DONOR_SUB_TYPES:
        return None
    confidence = claim.confidence if claim.confidence is not None else GENERIC_WEIGHT
    return StoryEvent(claim.sub_event_type, confidence, claim.case_type, f"claim {claim.id}")


def headline_event(title: str | None) -> StoryEvent | None:
    """The story's event as its headline names it ("Suicide bombing kills 12 in ..."), when the
    headline names a specific, violent one."""
    if not title:
        return None
    guess = classify_event(title, check_non_event=False)
    if guess is None or guess.weight <= GENERIC_WEIGHT:
        return None
    if guess.event_type not in DONOR_EVENT_TYPES and guess.sub_event_type not in DONOR_SUB_TYPES:
        return None
    return StoryEvent(guess.sub_event_type, guess.confidence, None, "the headline")


def _has_toll(claim: Claim) -> bool:
    killed, injured = claim.casualties.killed, claim.casualties.injured
    return any(f is not None and f.best is not None for f in (killed, injured))


def _inherit(claim: Claim, story: StoryEvent) -> None:
    info = event_type_info(story.sub_event_type)
    claim.event_type, claim.sub_event_type = info.event_type, info.sub_event_type
    claim.plover, claim.cameo_root = info.plover, info.cameo_root
    claim.case_type = story.case_type
    claim.confidence = round(story.confidence * INHERITED_SHARE, 3)
    claim.type_reason = (
        f"{STORY_TYPE_REASON} the sentence only refers back to the event that {story.where} "
        f"names ({info.sub_event_type})"
    )


def _story(claims: list[Claim], title: str | None) -> None:
    """The steps of the module docstring over one article's claims, in text order."""
    claims.sort(key=lambda c: c.sentence.start)
    generic = {c.id: is_generic(c.sentence.text) for c in claims}
    main = next((c for c in claims if c.sub_event_type and not generic[c.id]), None)
    current = headline_event(title)
    # Whether the story's event is named before the sentence at hand: by the headline, or by
    # a main claim that itself refers back to it ("in response to the Vinnytsia missile
    # attack"), which tells that the tolls before it were of that event.
    named = current is not None or (main is not None and bool(refers_back(main.sentence.text)))
    if current is None and main is not None:
        current = _as_donor(main, False)

    for claim in claims:
        text = claim.sentence.text
        if claim is main:
            named = True
            continue
        if introduces_new_event(text):
            current, named = _as_donor(claim, generic[claim.id]), True
            continue
        if current is None or not generic[claim.id]:
            continue
        if claim.event_type is not None and claim.event_type not in VIOLENCE_EVENT_TYPES:
            continue
        if claim.event_type is None and claim.plover is not None:
            continue  # a reaction to the event (PLOVER only) is not the event
        lent_back = main is not None and claim.sentence.start < main.sentence.start
        if lent_back and current.where == f"claim {main.id}" and _names_weapon(text):
            # "The death toll from Sunday's car bombing has risen to 37", before the story's
            # first specific claim ("Turkish warplanes struck camps in Iraq hours after the
            # attack"): the reference names its own event's weapon; no later claim lends one
            continue
        if refers_back(text) or (named and _has_toll(claim)):
            _inherit(claim, current)


def inherit_story_types(
    claims: Sequence[Claim], titles: Mapping[str, str | None] | None = None
) -> None:
    """Type, in place, the claims that only refer back to their story's event (see module doc).

    ``claims`` may come from many articles; each article's claims are read together, with its
    headline from ``titles`` (article id -> title) when given.

    Example:
        >>> from sitrep.extract.baseline import extract_article
        >>> from sitrep.model import Article
        >>> art = Article(id="a", language="en", text="A car bomb hit the market in Kirkuk on "
        ...     "Monday. Police said 9 people were killed in the attack.")
        >>> claims = extract_article(art)
        >>> inherit_story_types(claims)
        >>> [c.sub_event_type for c in claims]
        ['Remote explosive/landmine/IED', 'Remote explosive/landmine/IED']
    """
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    for article_id, article_claims in by_article.items():
        _story(article_claims, (titles or {}).get(article_id))
