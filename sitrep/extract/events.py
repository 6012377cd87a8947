"""Rule-based event typing: which ACLED sub-event type a sentence reports, if any.

The trigger lexicon is data (``sitrep/vocab/event_triggers.csv``: sub_event_type, regex,
weight) so users can add words without code. For a sentence every trigger regex is tried
(case-insensitively); a sub-event type scores its best weight plus 0.05 for each further
trigger of the same type that fires (capped at 0.8: these are rules, not a trained model), and
the best score wins, ties going to the type listed first in the file. More specific types
(suicide bomb, protest with intervention) are listed before the generic ones they overlap.

A sentence reports no event when one of the cues in ``sitrep/vocab/non_event_cues.csv`` fires:
future plans ("are expected to meet", "will"), opinion ("should"), appeals ("called for"),
background ("since the war began", "more frequent", "since a bomb killed 90 at the same market",
"eight years ago"), comparisons ("was like Srebrenica"), habits ("routinely"), a campaign's stated
motive ("their attacks on shipping are in solidarity with ..."), negations ("no
arrests were reported", "no group has claimed"), denials, questions and sentences opening with
a direct quote. That filter is deliberately strict: a missed claim is recoverable from another
report, a made-up one pollutes the dataset.

Both lists run through ``Lexicon`` (``lexicon.py``), which gives the same matches as one
case-insensitive search per pattern, several times faster.

PLOVER type and CAMEO root come from the crosswalk in ``sitrep/vocab/event_types.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitrep import vocab
from sitrep.extract.lexicon import Lexicon
from sitrep.model import Span

__all__ = [
    "TERRITORY",
    "EventGuess",
    "classify_event",
    "event_type_info",
    "non_event_cue",
    "non_event_reason",
]

# Ground changing hands by force, one side's or the other's.
TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})

_MAX_RULE_CONFIDENCE = 0.8
_EXTRA_TRIGGER_BONUS = 0.05


@dataclass(frozen=True)
class EventGuess:
    """The event a sentence reports, with the words that fired the rule."""

    event_type: str
    sub_event_type: str
    plover: str | None
    cameo_root: str | None
    confidence: float
    trigger: Span | None  # None when the winning rule looks at the whole sentence
    # The strongest trigger's own weight, without the bonus for further triggers: how specific
    # the words are ("attack" 0.4 and "killed ... children" 0.5 together still name no weapon).
    weight: float = 0.0


@lru_cache(maxsize=1)
def _types() -> dict[str, vocab.EventType]:
    return {t.sub_event_type: t for t in vocab.event_types()}


@lru_cache(maxsize=1)
def _triggers() -> tuple[tuple[vocab.Trigger, ...], Lexicon]:
    types = _types()
    triggers = vocab.event_triggers()
    for i, trig in enumerate(triggers):
        if trig.sub_event_type not in types:
            raise ValueError(
                f"event_triggers.csv row {i + 2}: unknown sub_event_type "
                f"{trig.sub_event_type!r}; use one listed in event_types.csv"
            )
    return triggers, Lexicon([t.pattern for t in triggers])


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, ...], Lexicon]:
    cues = vocab.non_event_cues()
    return tuple(reason for reason, _ in cues), Lexicon([p for _, p in cues])


def event_type_info(sub_event_type: str) -> vocab.EventType:
    """The crosswalk row (event type, PLOVER, CAMEO root) for an ACLED sub-event type."""
    return _types()[sub_event_type]


def non_event_reason(sentence: str) -> str | None:
    """Why ``sentence`` reports no event ("future", "opinion", ...), or None if it may report one."""
    cue = non_event_cue(sentence)
    return None if cue is None else cue[0]


def non_event_cue(sentence: str) -> tuple[str, int] | None:
    """``non_event_reason`` with where its cue starts in ``sentence``: a modal in what was said
    at a session ("told a meeting of the Security Council that the US must ...") comes after
    the session it does not undo."""
    reasons, lexicon = _cues()
    found = lexicon.first_matches(sentence)
    if not found:
        return None
    first = min(found)
    return reasons[first], found[first].start()


def classify_event(
    sentence: str, offset: int = 0, *, check_non_event: bool = True
) -> EventGuess | None:
    """The ACLED sub-event type ``sentence`` reports, or None (no trigger, or a non-event cue).

    ``check_non_event=False`` skips the non-event cues, for callers that already checked them.

    Example:
        >>> g = classify_event("Russian warplanes struck the town on Thursday.")
        >>> (g.event_type, g.sub_event_type, g.plover, g.cameo_root)
        ('Explosions/Remote violence', 'Air/drone strike', 'ASSAULT', '19')
    """
    if check_non_event and non_event_reason(sentence):
        return None
    triggers, lexicon = _triggers()
    matches = sorted(lexicon.first_matches(sentence).items())
    cues = vocab.aside_cues()
    conceded = [
        m.span() for p in (*cues["concessive"], *cues["past_battle"]) for m in p.finditer(sentence)
    ]
    if conceded:
        # "recaptured Palmyra on Sunday despite Russian air strikes", "bombing ... prisoners
        # captured after the battle for Mariupol": what the event went on despite, or the
        # battle before it, is not the event when the sentence tells one outside it
        matches = _outside(matches, conceded) or matches
    support = [m.span() for p in cues["support"] for m in p.finditer(sentence)]
    if support:
        # "forces, backed by coalition air strikes, took back Hit": the support a capture had
        # is not the event; "regime forces backed by Russian warplanes intensified attacks"
        # are the air strikes
        outside = _outside(matches, support)
        if any(triggers[i].sub_event_type in TERRITORY for i, _ in outside):
            matches = outside
    # sub_event_type -> [best weight, number of rows fired, first row index, best match]
    scores: dict[str, list] = {}
    for index, m in matches:
        trig = triggers[index]
        entry = scores.get(trig.sub_event_type)
        if entry is None:
            scores[trig.sub_event_type] = [trig.weight, 1, index, m]
            continue
        entry[1] += 1
        if trig.weight > entry[0]:
            entry[0], entry[3] = trig.weight, m
    if not scores:
        return None

    def score(item: tuple[str, list]) -> tuple[float, int]:
        weight, fired, first_row, _ = item[1]
        total = min(_MAX_RULE_CONFIDENCE, weight + _EXTRA_TRIGGER_BONUS * (fired - 1))
        return (-round(total, 4), first_row)

    sub_type, (weight, fired, _, match) = min(scores.items(), key=score)
    info = _types()[sub_type]
    trigger = None
    if match.end() > match.start():
        start, end = match.span()
        trigger = Span(offset + start, offset + end, sentence[start:end])
    confidence = round(min(_MAX_RULE_CONFIDENCE, weight + _EXTRA_TRIGGER_BONUS * (fired - 1)), 3)
    return EventGuess(
        event_type=info.event_type,
        sub_event_type=info.sub_event_type,
        plover=info.plover,
        cameo_root=info.cameo_root,
        confidence=confidence,
        trigger=trigger,
        weight=weight,
    )


def _outside(matches: list, spans: list[tuple[int, int]]) -> list:
    """The (row, match) pairs whose match starts outside every span."""
    return [(i, m) for i, m in matches if not any(a <= m.start() < b for a, b in spans)]
