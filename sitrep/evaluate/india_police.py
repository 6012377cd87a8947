"""IndiaPoliceEvents (Halterman et al., Findings of ACL 2021): did the police kill or arrest?

``sents.csv`` holds 21,391 sentences of Times of India reports on the March 2002 Gujarat
violence, each labelled 0/1 for KILL (police killed someone) and ARREST (police arrested
someone), among others. Many are lower-cased and the sentence splits are imperfect, which is
why this corpus is useful: it shows how the rules cope with text that is not tidy wire copy.

Each sentence is fed to the extractor as an article of its own (no publication date, as the
corpus gives none per sentence), its claims are re-typed in large batches by the shipped
classifier when it is installed, and the labels are predicted from the claims alone:

- ARREST: some claim has the ACLED sub-type "Arrests" or a detained figure above zero.
- KILL: some claim has a killed figure above zero *and* the police (or another state force)
  is its agent: either ``actor1`` is a state actor (sector GOV or MIL, or "police" in its
  text), or the claim's sentence names the police's fire as the cause ("killed in police
  firing", "died due to police bullets", "shot by the police"). The second arm exists because
  the role picker reads "two persons were killed in police firing" as a passive with the police
  on the receiving end, and that is the commonest way this corpus reports a police killing.
  The cue list was written after reading this corpus (all of it is dev: there is no held-out
  part), so ``kill_actor_only_*`` reports the rule without it, for comparison.

A claim whose killed figure is the police's own dead ("four policemen were killed") is no
police killing; the rule keeps those out because the police is then ``actor2``.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.evaluate.metrics import binary_f1
from sitrep.evaluate.plover import score_sentences
from sitrep.model import Actor, Claim, Figure

__all__ = [
    "POLICE_FIRE",
    "evaluate_file",
    "predict_arrest",
    "predict_kill",
    "read_sentences",
    "score",
]

STATE_SECTORS = frozenset({"GOV", "MIL"})
# The police's (or troops') fire named as the cause of deaths in the sentence.
POLICE_FIRE = re.compile(
    r"\b(?:police|security\s+forces?|army|troops?)\s+(?:firing|fire|bullets?|shooting)\b"
    r"|\b(?:shot|gunned\s+down|killed)\s+by\s+(?:the\s+)?(?:police|security\s+forces|army|troops)\b",
    re.IGNORECASE,
)


def read_sentences(path: str | Path, limit: int | None = None) -> list[dict[str, str]]:
    """The first ``limit`` rows (all when None) of ``sents.csv``, in file order."""
    rows: list[dict[str, str]] = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if limit is not None and len(rows) >= limit:
                break
            rows.append(row)
    if not rows or "sent_text" not in rows[0]:
        raise InputError(
            str(path),
            "no sentences: expected IndiaPoliceEvents sents.csv with a "
            f"sent_text column (found: {', '.join(rows[0]) if rows else 'no rows'})",
        )
    return rows


def _positive(figure: Figure | None) -> bool:
    return figure is not None and (figure.best or 0) > 0


def _is_state(actor: Actor | None) -> bool:
    return actor is not None and (actor.sector in STATE_SECTORS or "police" in actor.text.lower())


def predict_kill(claims: Sequence[Claim], use_cue: bool = True) -> bool:
    """Whether the claims of one sentence say that the police (or state forces) killed someone."""
    return any(
        _positive(c.casualties.killed)
        and (_is_state(c.actor1) or (use_cue and POLICE_FIRE.search(c.sentence.text) is not None))
        for c in claims
    )


def predict_arrest(claims: Sequence[Claim]) -> bool:
    """Whether the claims of one sentence report an arrest (by type or by a detained figure)."""
    return any(c.sub_event_type == "Arrests" or _positive(c.casualties.detained) for c in claims)


def _label(value: str | None) -> bool:
    return str(value).strip() == "1"


def score(rows: Sequence[dict[str, str]], claims: Sequence[Sequence[Claim]]) -> dict[str, Any]:
    """Precision, recall and F1 of KILL and ARREST for labelled rows and their claims."""
    out: dict[str, Any] = {"n": len(rows)}
    gold_kill = [_label(r.get("KILL")) for r in rows]
    gold_arrest = [_label(r.get("ARREST")) for r in rows]
    predictions = {
        "kill": (gold_kill, [predict_kill(cs) for cs in claims]),
        "kill_actor_only": (gold_kill, [predict_kill(cs, use_cue=False) for cs in claims]),
        "arrest": (gold_arrest, [predict_arrest(cs) for cs in claims]),
    }
    for name, (gold, pred) in predictions.items():
        for key, value in binary_f1(gold, pred).items():
            out[f"{name}_{key}"] = round(value, 4)
    out.update(
        {
            "n_kill": sum(gold_kill),
            "n_arrest": sum(gold_arrest),
            "n_sentences_with_claims": sum(bool(cs) for cs in claims),
        }
    )
    return out


def evaluate_file(
    path: str | Path, limit: int | None = None, use_model: bool = True
) -> dict[str, Any]:
    """Score KILL and ARREST on an IndiaPoliceEvents ``sents.csv`` (the first ``limit`` rows).

    Example:
        >>> evaluate_file("../shared/data/indiapoliceevents/sents.csv", limit=2000)["n"]  # doctest: +SKIP
        2000
    """
    started = time.perf_counter()
    rows = read_sentences(path, limit)

    def sentence(i: int, r: dict[str, str]) -> tuple[str, str]:
        return f"{r.get('doc_id', '')}:{r.get('sent_id', i)}", r.get("sent_text") or ""

    return score_sentences(rows, sentence, score, use_model, started)
