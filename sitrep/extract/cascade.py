"""The extraction cascade, in one place for the stage, the evaluators and the benchmark.

1. rules on every sentence of every article (cheap): which sentences are claims, and their
   figures, dates, sources and dictionary actors;
2. the learned classifier on the candidate sentences only, many articles per embedding call;
3. per article, the story's event type for the claims that only refer back to it
   (``story_types.py``: "the attack", a bare toll);
4. the dependency parse on the candidate sentences only, for roles and sources (one parse
   for both; a place inside a source the parse found is dropped);
and, per article, the geoparser's toponyms, from which each claim takes its place.
Steps 2 and 4 are skipped when their packages are missing; the version string says what ran.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.extract.baseline import EXTRACTOR_VERSION, extract_article
from sitrep.extract.event_typing import available_model, left_to_story, model_version, retype
from sitrep.extract.places import drop_source_places, gazetteer_version, locate
from sitrep.extract.story_types import inherit_story_types
from sitrep.model import Article, Claim, Place

BATCH = 2048  # candidate sentences per embedding / parse call


@functools.cache
def available_parser() -> Any | None:
    from sitrep.nlp import ModelMissing, spacy_pipeline

    try:
        return spacy_pipeline(disable=("ner",))  # roles need tags, lemmas and the parse only
    except ModelMissing:
        return None


MODES = ("full", "fast", "rules")


class Cascade:
    """Rules, then classifier, then parser; construct once (models load lazily, once).

    Modes: ``full`` (sentence vectors + TF-IDF classifier, spaCy roles), ``fast`` (TF-IDF half
    of the classifier only, word-order roles: no neural model at all), ``rules``.
    """

    def __init__(self, mode: str = "full") -> None:
        if mode not in MODES:
            raise ValueError(f"unknown extraction mode {mode!r}: choose one of {', '.join(MODES)}")
        self.vectors = mode == "full"
        self.model = available_model(self.vectors) if mode != "rules" else None
        self.parser = available_parser() if mode == "full" else None
        roles = "+spacy-roles" if self.parser else ""
        self.version = (
            EXTRACTOR_VERSION
            + model_version(self.model, self.vectors)
            + roles
            + gazetteer_version()
        )

    def refine(
        self, claims: Sequence[Claim], titles: Mapping[str, str | None] | None = None
    ) -> None:
        """Steps 2 to 4 on claims from any number of articles (all claims of each), in place;
        ``titles`` (article id -> headline) lets step 3 read each story's headline."""
        from sitrep.extract.attribution import attribute
        from sitrep.extract.roles import assign_roles, parse_claims

        if self.model is not None:
            story_typed = left_to_story(claims)  # over whole articles, whatever the batches
            for start in range(0, len(claims), BATCH):
                batch = claims[start : start + BATCH]
                retype(batch, self.model, vectors=self.vectors, story_typed=story_typed)
        # After the classifier, so a sentence that only refers back to the story's event ends
        # with the story's type whatever either reading made of it alone.
        inherit_story_types(claims, titles)
        if self.parser is not None:  # a figure-only claim lends its toll to a typed one
            typed = [c for c in claims if c.sub_event_type]
            for start in range(0, len(typed), BATCH):
                chunk = typed[start : start + BATCH]
                parsed = parse_claims(chunk, self.parser)  # one parse for roles and sources
                assign_roles(chunk, self.parser, parsed)
                attribute(chunk, parsed[1], parsed[0])
                drop_source_places(chunk)
        for claim in claims:
            claim.extractor = self.version

    def claims(self, article: Article) -> tuple[list[Claim], list[Place]]:
        """Step 1 and the places for one article: its rule claims, placed, and its toponyms."""
        claims = extract_article(article)
        return claims, locate(article, claims)

    def run(self, articles: Sequence[Article]) -> list[list[Claim]]:
        """Claims per article (rules and places for each, then one refine over all claims)."""
        per_article = [self.claims(a)[0] for a in articles]
        self.refine(
            [c for claims in per_article for c in claims], {a.id: a.title for a in articles}
        )
        return per_article
