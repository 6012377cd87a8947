"""Reactions to an event: a denial, a condemnation, a veto, a meeting, a demand.

"Syria denied any use of chemical weapons", "The Taliban condemned Sunday's attack", "Russia
vetoed the resolution on the gas attack": each names a violent event, so the trigger lexicon
types it as one, and an ACLED export would count the attack again. What such a sentence reports
is the reaction, which PLOVER codes (REJECT, ACCUSE, CONSULT, REQUEST) and ACLED does not. So a
sentence whose reaction cue (``vocab/reaction_cues.csv``) comes before its event trigger, and
which gives no casualty figure, becomes a PLOVER-only claim: no ACLED event or sub-event type.

A sitting of a body is what its sentence reports wherever its cue stands, even with no
violence named: a vote (a veto, a resolution blocked or not adopted: "the Council failed to
adopt a draft demanding a truce after Russia cast a veto" tells of the vote, not of a demand)
or an emergency session ("the Security Council held an emergency meeting on reports of
atrocities in eastern Aleppo", "clashed with Lavrov at the U.N. Security Council"). A vote
with no day of its own is a remark ("it was the fifth veto"); a session with none is kept
only where it goes on from a dated sentence ("Speaking at a Security Council meeting, he
said ..."), whose day it takes. A plain meeting ("the minister met with the governor") is a
reaction only to a violent event its sentence names.

A figure keeps the sentence an event report ("the governor ordered an inquiry into the strike,
which killed 50"), and accusations are not reactions here: "the army accused the militia of
killing the governor" is how most killings are first reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep import vocab

__all__ = [
    "Reaction",
    "find_reaction",
    "first_sitting",
    "is_vote",
    "sitting",
    "sitting_at",
    "sitting_before",
]


@dataclass(frozen=True)
class Reaction:
    plover: str
    cameo_root: str
    words: str  # the cue as written, for the claim's type_reason
    sitting: str | None = None  # "vote" or "session" when the cue tells of one


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[vocab.ReactionCue, re.Pattern[str]], ...]:
    return tuple((c, re.compile(c.pattern, re.IGNORECASE)) for c in vocab.reaction_cues())


def _other_time(sentence: str, trigger_start: int | None, cue_start: int) -> bool:
    """Whether a cue after the trigger stands in a clause of another time ("bombed the
    hospital on Monday, days after the council adopted a resolution")."""
    if trigger_start is None or cue_start <= trigger_start:
        return False
    between = sentence[trigger_start:cue_start]
    return any(p.search(between) for p in vocab.aside_cues()["other_time"])


def find_reaction(sentence: str, trigger_start: int | None = None) -> Reaction | None:
    """The reaction ``sentence`` reports instead of the event it names, or None.

    ``trigger_start`` is where the event trigger starts in ``sentence``: the cue must come
    first ("condemned the attack", not "the attack, which the UN condemned, killed ...").

    Example:
        >>> find_reaction("The Taliban condemned Sunday's air strike on the village.", 38)
        Reaction(plover='ACCUSE', cameo_root='11', words='condemned', sitting=None)
    """
    limit = len(sentence) if trigger_start is None else trigger_start
    best: tuple[bool, int, Reaction] | None = None
    for cue, pattern in _cues():
        m = pattern.search(sentence, 0, len(sentence) if cue.sitting else limit)
        if m is None or _other_time(sentence, trigger_start, m.start()):
            continue
        reaction = Reaction(cue.plover, cue.cameo_root, m.group(0), cue.sitting)
        found = (cue.sitting is None, m.start(), reaction)
        if best is None or found[:2] < best[:2]:
            best = found
    return None if best is None else best[2]


def is_vote(sentence: str) -> bool:
    """Whether ``sentence`` tells of a vote (a veto, a resolution blocked or not adopted): an
    event of its own, never part of the violent event the resolution is about.

    Example:
        >>> is_vote("Russia vetoed the draft resolution on Aleppo."), is_vote("Russia denied it.")
        (True, False)
    """
    return any(cue.sitting == "vote" and pattern.search(sentence) for cue, pattern in _cues())


def sitting(sentence: str) -> str | None:
    """The kind of sitting ``sentence`` tells of ("vote" or "session", the earliest cue), or
    None: an event of its own, never part of the violent event it is about.

    Example:
        >>> sitting("The Security Council held an emergency meeting on Aleppo on Sunday.")
        'session'
    """
    found = first_sitting(sentence)
    return found[1] if found else None


def sitting_at(sentence: str) -> int | None:
    """Where the earliest sitting cue of ``sentence`` starts, or None: what the sentence
    reports, so what "Two days after a bitter emergency session ..." counts back from."""
    found = first_sitting(sentence)
    return found[0] if found else None


def first_sitting(sentence: str) -> tuple[int, str] | None:
    """(start, kind) of the earliest sitting cue of ``sentence``, or None: ``sitting_at`` and
    ``sitting`` in one search, for a caller that needs both."""
    found = _sittings(sentence)
    return min(found) if found else None


def sitting_before(sentence: str, sitting_start: int, trigger_start: int) -> bool:
    """Whether the sitting whose cue starts at ``sitting_start`` comes before the trigger,
    which stands in a clause of another time: "adopted a resolution ..., a week after an air
    strike destroyed a hospital and killed dozens" reports the vote, not the strike."""
    return _other_time(sentence, sitting_start, trigger_start)


def _sittings(sentence: str) -> list[tuple[int, str]]:
    return [
        (m.start(), cue.sitting)
        for cue, pattern in _cues()
        if cue.sitting and (m := pattern.search(sentence))
    ]
