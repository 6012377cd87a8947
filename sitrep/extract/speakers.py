"""Unknown speakers by word order, for the modes that run no parser.

The source table names the usual suspects; news cites many more ("the country's health
minister", "Denys Ivanenko, the region's governor", "the armed group that holds the port").
Without a parse, these shapes cover most of them:

- a closing clause: "..., the country's health minister said." / "... stated on Friday.";
- an opening subject: "The Malian army says ...", "..., Central Command also said ...";
- a name with its role: "Denys Ivanenko, the region's governor, told reporters ...";
- an inverted close: "..., said the armed group that holds the port.";
- a role before the name: "A resident of the village, Omar Sidi, said";
- whatever follows "according to" or "citing" ("according to the brother of a victim");
- the agent of a passive report: "This was announced on Facebook by the regional governor"
  (the participles are made from the ``parse`` lemmas of ``speech_verbs.csv``).

A phrase counts only when it names a kind of source: a table alias, a word of
``source_kinds.csv``, or a run of capitalised words; a relative clause is cut off.
"""

from __future__ import annotations

import re
from functools import cache

from sitrep import vocab
from sitrep.extract.source_kinds import is_anaphor, kind_of, known_name

__all__ = ["find_speakers", "told_after", "told_before"]

_VERB = rf"(?:{vocab.alternation(vocab.speech_verbs('speaker'))})"
_RELAY_CUE = vocab.alternation(vocab.speech_verbs("speaker_relay"))  # "according to", "citing"
_OPEN = r"(?:^|[,;]\s+|\b(?:but|and|while|as)\s+)"
_AUX = r"(?:(?:also|later|earlier|has|have|had|separately)\s+){0,2}"
_TAIL = r"(?:\s+(?:on|late|early|in|this|last)\b[^,.;]{0,30})?"
_END = r"\s*(?:[.!]?[\"”’]?\s*$|,\s+(?:as|while|after|but|and|adding|saying|citing)\b)"
_PHRASE = r"[^,;:\"“”()]{2,80}?"
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,7}"

_CLOSING = re.compile(rf",\s+(?P<src>{_PHRASE})\s+{_AUX}{_VERB}\b{_TAIL}{_END}")
_OPENING = re.compile(rf"{_OPEN}(?P<src>{_PHRASE})\s+{_AUX}{_VERB}\b")
_WITH_ROLE = re.compile(rf"{_OPEN}(?P<src>(?P<name>{_NAME}),\s+{_PHRASE}),\s+{_AUX}{_VERB}\b")
# "A resident of the village, Omar Sidi, said": the role first, then the name.
_ROLE_NAME = re.compile(
    rf"{_OPEN}(?P<src>(?i:the|an?)\s+{_PHRASE},\s+(?P<name>{_NAME})),\s+{_AUX}{_VERB}\b"
)
# "according to Russian officials", "citing the brother of a victim": whatever follows is cited.
_RELAY = re.compile(
    rf"\b(?i:{_RELAY_CUE})\s+"
    r"(?P<src>[^,.;:\"“”()\d]{2,80}?)"
    r"(?=\s*(?:[,.;:]|$)|\s+(?:who|which|that|on|in|as|amid|after)\b)"
)
_INVERTED = re.compile(
    rf",\s+(?:{vocab.alternation(vocab.speech_verbs('inverted'))})\s+"
    rf"(?P<src>(?i:the|an?)\s+{_PHRASE})"
    r"(?:\s+(?:that|which|who)\b[^.]*)?\s*[.!]?\s*$"
)
_CUE = re.compile(rf"\b(?:{_VERB}|(?i:{_RELAY_CUE}))\b")
# "said", "told", "written": participles no rule makes.
_IRREGULAR = {lemma: form for form, lemma in vocab.speech_verbs("participle").items()}


def _participle(lemma: str) -> str:
    """The past participle of a regular speech verb ("confirm" -> "confirmed")."""
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


@cache
def _told() -> re.Pattern[str]:
    verbs = "|".join(sorted(_participle(w) for w in vocab.speech_verbs("parse")))
    return re.compile(rf"\b(?:{verbs}|says)\s+(?:\w+\s+){{0,2}}?$")


def told_before(before: str) -> bool:
    """Whether lower-case ``before`` ends in a speech verb with at most two words after it
    ("said ", "told reporters "): a date phrase next is when it was told."""
    return _told().search(before) is not None


@cache
def _told_next() -> re.Pattern[str]:
    verbs = "|".join(sorted(_participle(w) for w in vocab.speech_verbs("parse")))
    return re.compile(rf"^\s*,?\s*(?:also\s+|later\s+|first\s+)?(?:{verbs}|says)\b")


def told_after(after: str) -> bool:
    """Whether lower-case ``after`` opens with a speech verb ("the army on Saturday
    acknowledged ..."): the date phrase before it is when it was told."""
    return _told_next().search(after) is not None


@cache
def _agent() -> re.Pattern[str]:
    """ "was announced (on Facebook) by X": X up to the clause's end, like a relay's phrase."""
    verbs = "|".join(sorted(_participle(w) for w in vocab.speech_verbs("parse")))
    return re.compile(
        rf"\b(?i:was|were|been)\s+(?:\w+\s+)?(?:{verbs})\b[^,.;:\"“”()]{{0,40}}?\s+by\s+"
        r"(?P<src>[^,.;:\"“”()\d]{2,100}?)(?=\s*(?:[,.;:]|$)|\s+(?:who|which|that|on|in|as)\b)"
    )


# Words no speaker's phrase holds: clauses, figures and events ("the attack that killed 9").
_NOT_IN_PHRASE = re.compile(
    r"\b(?i:that|which|who|whom|when|where|was|were|is|are|been|being|killed|died|wounded|"
    r"injured|it|he|she|they|we|i|you|there|this|these|those|reports?|statement|as|if)\b|\d"
)
_DETERMINER = re.compile(r"^(?i:the|an?)\s+")
# A past form after the phrase's first word is a verb ("the army attacked their positions"),
# not a modifier ("the armed group", "the Houthi-led government", "a UK based monitor").
_VERB_FORM = re.compile(r"\s(?!based\b)[a-z]+ed\b")
_MAX_WORDS = 8


def _name_of(phrase: str, name: str | None = None) -> str | None:
    """The table's name for the phrase, else its written name (``name``) or the phrase
    without its article; None when the phrase names no kind of source."""
    words = phrase.split()
    if not words or len(words) > _MAX_WORDS or _NOT_IN_PHRASE.search(phrase):
        return None
    bare = _DETERMINER.sub("", phrase)
    if _VERB_FORM.search(bare) or not bare or is_anaphor(phrase):
        return None  # "the ministry said" points back: continuation resolves it
    known = known_name(phrase)
    if known is not None:
        return known
    proper = all(w[:1].isupper() for w in bare.split())
    if kind_of(phrase) is None and not proper:
        return None
    return name or bare


def find_speakers(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each unknown speaker's phrase in ``sentence``, in order.

    Example:
        >>> find_speakers("Five died, the country's health minister said.")
        [(11, 40, "country's health minister")]
    """
    found: list[tuple[int, int, str]] = []
    # every shape needs a speech verb or a relay cue, the passive one a "by"
    cued, by = _CUE.search(sentence) is not None, " by " in sentence
    shapes = [_WITH_ROLE, _ROLE_NAME, _RELAY] if cued else []
    shapes += [_agent()] if by else []
    shapes += [_CLOSING, _INVERTED, _OPENING] if cued else []
    for pattern in shapes:
        for m in pattern.finditer(sentence):
            start, end = m.span("src")
            if any(s < end and start < e for s, e, _ in found):
                continue
            given = m.group("name") if "name" in m.groupdict() else None
            phrase = sentence[start:end]
            if pattern in (_RELAY, _agent()):  # the cue vouches: only the kind is checked
                bare = _DETERMINER.sub("", phrase)
                proper = all(w[:1].isupper() for w in bare.split())
                cited = known_name(phrase) or kind_of(phrase) or proper
                if cited and len(phrase.split()) <= _MAX_WORDS + 2 and not is_anaphor(phrase):
                    found.append((start, end, known_name(phrase) or bare))
                continue
            if pattern in (_WITH_ROLE, _ROLE_NAME):
                name = known_name(given or "") or given
                if _NOT_IN_PHRASE.search(given or "x1") or len(phrase.split()) > 2 * _MAX_WORDS:
                    continue
                if name:
                    found.append((start, end, name))
                continue
            for part_start, part_end in _parts(phrase):
                name = _name_of(phrase[part_start:part_end])
                if name:
                    found.append((start + part_start, start + part_end, name))
    return sorted(found)


# "residents and the interior ministry": two speakers; "Medical Care and Relief" one name.
_AND = re.compile(r"\s+and\s+(?=[a-z])")


def _parts(phrase: str) -> list[tuple[int, int]]:
    """(start, end) of each speaker in a phrase that joins several with "and"."""
    cuts = [(m.start(), m.end()) for m in _AND.finditer(phrase)]
    starts = [0] + [e for _, e in cuts]
    ends = [s for s, _ in cuts] + [len(phrase)]
    return list(zip(starts, ends, strict=True))
