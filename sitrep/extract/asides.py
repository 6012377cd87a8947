"""Relative clauses and appositives that describe someone, not where the event happened.

"The blast killed 50 fighters who surrendered at the steel plant in Mariupol": the place in
the clause says where the fighters came from; the blast was elsewhere. "The Houthis, a group
that controls much of Yemen including the capital Sanaa, said it fired a missile at Jizan":
the capital describes the group. A place inside such an aside is no place of the claim:
another place of the sentence is, or the story's place in the aside place's country. A
clause about the event itself ("the attack, which hit a station in Kramatorsk") is no aside.
"""

from __future__ import annotations

import re

from sitrep.vocab import alternation, aside_cues, compass_words, place_affixes, speech_verbs, words

__all__ = [
    "aside_spans",
    "clause_spans",
    "conceded_spans",
    "destination_spans",
    "landmark_spans",
    "origin_spans",
    "purpose_spans",
    "quote_spans",
    "sequel_spans",
    "within",
]

# ", a group that controls ...," / ", an ally which ...": an appositive carrying a clause.
# ... but not ", the Islamic Resistance announced that the commander had been killed near
# the airport": a verb of saying before "that" opens the reported fact, the event itself.
_SAYING = alternation([f for f in speech_verbs("speaker") if " " not in f])
_APPOSITIVE = re.compile(
    r",\s+(?:an?|the)\s+"
    rf"(?:(?!(?:is|was|are|were|has|had|have|{_SAYING})\b)[\w'-]+\s+){{1,5}}?"
    r"(?:that|which|who)\b[^,;:()\"“”]{1,160}?(?=,|;|$|\.\s|\.$)"
)
# "fighters who surrendered at ...", "the troops, many of whom were ...", ", which held ...":
# who/whom/which and what follows to the clause's end. "that" alone is left out: after a
# verb of saying it opens the reported fact itself ("officials said that Idlib was hit").
_RELATIVE = re.compile(
    r"\b(?:who|whom|which)\s+(?:had\s+|have\s+|has\s+|were\s+|was\s+|are\s+|is\s+)?"
    r"(?:been\s+)?[a-z]+(?:ed|ing)?\b[^,;:()\"“”]{0,160}?(?=,|;|$|\.\s|\.$)"
)


_DIRECTIONS = "|".join(
    sorted((w for w, noun in compass_words() if noun is None and w != "central"), key=len)[::-1]
)
# ", south of the rebel-held city of Hodeida," after a named place: a landmark that tells where
# the place lies ("in Al-Durayhimi district, south of Hodeida"), not where the event was.
_REFERENCE = re.compile(
    r"(?<=[A-Za-z]),\s+(?:(?:about|some|around|nearly|roughly)\s+)?"
    r"(?:[\d.,]+\s*(?:km|kilometres|kilometers|miles)\s+(?:\([^()]{1,20}\)\s+)?)?"
    rf"(?:{_DIRECTIONS})(?:-(?:{_DIRECTIONS}))?\s+of\b[^,;:()\"“”]{{1,80}}?(?=,|;|$|\.\s|\.$)",
    re.IGNORECASE,
)
# What the landmark follows must be a place: a name, or a word for a kind of place (the
# suffixes of ``vocab/place_affixes.csv``: "district", "province", "village", ...).
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:(?:al|el|ad|as|an|ar|ash|at|az)-)?[A-Z][\w'’-]*"
    rf"|\b(?:{alternation(a.text for a in place_affixes() if a.role == 'suffix')}))$"
)


def aside_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of its asides.

    Example:
        >>> t = "The blast killed fighters who surrendered in Mariupol."
        >>> [t[a:b] for a, b in aside_spans(t)]
        ['who surrendered in Mariupol']
    """
    spans = [
        m.span()
        for pattern in (_APPOSITIVE, _RELATIVE)
        for m in pattern.finditer(text)
        if not _about_the_event(m.group(0), text[: m.start()])
    ]
    return sorted(spans)


def clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of every relative clause and appositive, those about
    the event included: a place abroad inside one ("the raids, which came hours before a
    ceasefire deal was announced in Geneva") tells where something else happened.

    Example:
        >>> t = "Jets hit the market, which came hours before a deal was announced in Geneva."
        >>> [t[a:b] for a, b in clause_spans(t)]
        ['which came hours before a deal was announced in Geneva']
    """
    return sorted(m.span() for pattern in (_APPOSITIVE, _RELATIVE) for m in pattern.finditer(text))


# ", in an apparent bid to divert forces from the offensive on Mosul": what the attackers
# meant to do, elsewhere or later.
_PURPOSE = re.compile(
    r"\bin\s+(?:an?\s+)?(?:apparent\s+|possible\s+|desperate\s+|likely\s+|clear\s+)?"
    r"(?:bid|attempt|effort)\s+to\b[^,;:()\"“”]{1,160}?(?=,|;|$|\.\s|\.$)",
    re.IGNORECASE,
)


def purpose_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of phrases of purpose: a place inside one is where
    the actors meant to act, not where the event was, when the sentence names another.

    Example:
        >>> t = "Gunmen stormed Kirkuk, in a bid to divert forces from the offensive on Mosul."
        >>> [t[a:b] for a, b in purpose_spans(t)]
        ['in a bid to divert forces from the offensive on Mosul']
    """
    return [m.span() for m in _PURPOSE.finditer(text)]


# "transported the gunmen ... towards Idlib province", "buses bound for Idlib", "reached
# rebel-held territory in Idlib": where people moved to, up to the next punctuation.
_DESTINATION = re.compile(
    r"\b(?:towards?|bound\s+for|head(?:ed|ing|s)?\s+(?:for|to|towards?|north|south|east|west)"
    r"|arriv(?:ed|ing|es)\s+(?:in|at)|(?:reached|reaching)\s+(?:rebel|opposition|insurgent)"
    r"[\w-]*\s+(?:held|controlled)?)\b[^,;.()]{0,60}",
    re.IGNORECASE,
)


def destination_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of where people moved to: for an evacuation the
    place is where they left, not where the buses went.

    Example:
        >>> t = "Buses carried the fighters out of Moadamiyeh towards Idlib province."
        >>> [t[a:b] for a, b in destination_spans(t)]
        ['towards Idlib province']
    """
    return [m.span() for m in _DESTINATION.finditer(text)]


# "a convoy carrying residents from the northern towns of Fuaa and Kafraya as they waited at a
# transit point in Rashidin", "civilians fleeing the besieged towns of al-Foua and Kfraya,
# outside Aleppo": where the people came from, not where the event was.
_ORIGIN = re.compile(
    rf"\b(?P<cue>(?:{alternation(words('person_nouns.csv', 'origin'))})\s+from"
    r"|(?:evacuees?|refugees|displaced)\s+of|(?:fled|escaped|evacuated|expelled)\s+from"
    r"|(?:fled|escaped)"
    r"|(?P<leaving>fleeing|escaping)(?:\s+from)?)"
    r"(?!\s+(?:through|into|in|to|toward|towards|across|along|within|inside|on|at|under|amid"
    r"|after|as|when|with|the\s+fighting|fighting)\b)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:(?:towns?|villages?|cit(?:y|ies)|areas?|districts?"
    r"|neighbou?rhoods?|regions?|provinces?)\s+of\s+)?"
    r"(?:(?:al|el|an|ar|as|ash|ad|at|az)-)?[A-Z][^,;:()\"“”]{0,60}?"
    r"(?=\s*[,;:()]|\s+(?:as|to|toward|towards|into|in|at|on|when|while|after|before|who|were"
    r"|was|had|have|has|are|is|arriving|waiting)\b|\s*$|\.\s|\.$)"
)


def origin_spans(text: str, *, leaving: bool = False) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of phrases that say where people came from: a place
    inside one is their home town, not where the event was, when the story names another.
    "Residents of Saqba" are not read so: people killed in their own town are told that way.
    With ``leaving``, the phrases of people still leaving ("civilians fleeing the towns of
    Foua and Kafraya"), which may have been hit there: only those, for the caller to weigh.

    Example:
        >>> t = "A bomb hit buses carrying residents from Fuaa as they waited in Rashidin."
        >>> [t[a:b] for a, b in origin_spans(t)]
        ['residents from Fuaa']
    """
    return [m.span() for m in _ORIGIN.finditer(text) if bool(m["leaving"]) == leaving]


_QUOTE = re.compile(
    r"\b(?:shout(?:ed|ing|s)?|chant(?:ed|ing|s)?|yell(?:ed|ing|s)?|scream(?:ed|ing|s)?|cr(?:ied|ying|ies)"
    r"|slogans?)\s*:?\s*(“[^”\n]{1,300}”|\"[^\"\n]{1,300}\")",
    re.IGNORECASE,
)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of the words shouted or chanted in it: a place inside
    ("shouted 'Don't forget Aleppo!'") is where the shout points, not where the event the
    sentence tells of happened, when its trigger stands outside the quotes. Quoted statements
    ("calling the attack 'a strike on Kramatorsk'") often name the event's place: not these.

    Example:
        >>> t = 'The gunman shouted "Remember Aleppo!" before he was shot dead.'
        >>> [t[a:b] for a, b in quote_spans(t)]
        ['"Remember Aleppo!"']
    """
    return [m.span(1) for m in _QUOTE.finditer(text)]


def telling_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of the words that say where a statement was made: a
    place inside is the telling's, not the event's.

    Example:
        >>> t = "Speaking to journalists in Nairobi, the general said militants overran the base."
        >>> [t[a:b] for a, b in telling_spans(t)]
        ['Speaking to journalists in Nairobi,']
    """
    return _outermost(aside_cues()["telling"], text)


def conceded_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of what an event went on despite: a date inside
    ("new air strikes on Aleppo despite a partial truce brokered last week") is the truce's,
    not the strikes'.

    Example:
        >>> t = "Jets struck Aleppo despite a truce brokered last week, activists said."
        >>> [t[a:b] for a, b in conceded_spans(t)]
        ['despite a truce brokered last week']
    """
    return _outermost(aside_cues()["concessive"], text)


def sequel_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of trailing clauses that place the event after an
    earlier one: a place inside is the earlier event's, not the sentence's.

    Example:
        >>> t = "A bomb hit a mosque in Balkh province, a day after an attack on a shrine in Kabul."
        >>> [t[a:b] for a, b in sequel_spans(t)]
        [', a day after an attack on a shrine in Kabul']
    """
    return _outermost(aside_cues()["sequel"], text)


def _outermost(patterns: tuple[re.Pattern[str], ...], text: str) -> list[tuple[int, int]]:
    """The spans the patterns match in ``text``, without those inside another."""
    spans = sorted({m.span() for p in patterns for m in p.finditer(text)})
    return [
        (a, b)
        for a, b in spans
        if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans)
    ]


def landmark_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of landmarks that locate a named place.

    Example:
        >>> t = "A strike hit Al-Durayhimi district, south of Hodeida, on Thursday."
        >>> [t[a:b] for a, b in landmark_spans(t)]
        [', south of Hodeida']
    """
    return [
        m.span()
        for m in _REFERENCE.finditer(text)
        if _PLACE_BEFORE.search(text, 0, m.start()) and not _about_the_event("", text[: m.start()])
    ]


def _about_the_event(clause: str, before: str) -> bool:
    """A clause about the event itself ("the attack, which hit a station in Kramatorsk")
    tells where it happened: it is no aside (``vocab/aside_cues.csv``)."""
    cues = aside_cues()
    return any(p.search(clause) for p in cues["event_clause"]) or any(
        p.search(before) for p in cues["event_noun"]
    )


def within(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) lies inside one of ``spans``."""
    return any(a <= start and end <= b for a, b in spans)
