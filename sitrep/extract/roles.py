"""Who did what to whom, from the dependency parse of a candidate sentence.

The word-order rules in ``actors.pick_roles`` misread appositives, relative clauses and
"said" clauses ("Rebels, who had shelled the town, said the army attacked them"). The parse
knows which noun phrase is the subject, object or "by"-agent of the event verb, so:

- subject of an active event verb, or the "by" agent of a passive one -> actor1;
- object of an active verb, subject of a passive one, or "against"/"on" object -> actor2;
- subjects of reporting verbs ("said", "reported") are sources, never actors.

Dictionary actors (``actors.find_actors``) are placed in these roles; an organisation the
dictionary does not know but that stands as a proper-noun run in the agent slot ("Ahrar
al-Sham fighters attacked...", "Hezbollah shelled...") becomes an actor with its written name
(a sector only when a group noun says it: "fighters" -> REB). Only the few
candidate sentences are parsed (the cascade keeps spaCy off everything else).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sitrep import vocab
from sitrep.extract.sentences import dateline_end
from sitrep.model import Actor, Span

# Verbs that carry an event; roles hang off these only ("described", "fled" do not make actors).
EVENT_LEMMAS = vocab.role_words()["event_verb"]
_AGENT_DEPS = frozenset({"nsubj", "agent"})
_PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "attr"})
_PATIENT_PREPS = vocab.role_words()["patient_preposition"]


def _argument_role(token: Any) -> tuple[str | None, Any]:
    """Walk up from a token to the verb it is an argument of: (role, verb) or (None, None)."""
    current = token
    for _ in range(12):  # parse trees of news sentences are shallow; guard against cycles
        head = current.head
        dep = current.dep_
        if head is current:
            return None, None
        if dep in ("conj", "appos", "compound", "amod", "nmod", "poss", "det", "nummod"):
            current = head
            continue
        if dep == "pobj":
            prep = head
            if (prep.dep_ == "agent" or prep.lower_ == "by") and prep.head.pos_ in ("VERB", "AUX"):
                return "agent", prep.head
            if prep.lower_ in _PATIENT_PREPS and prep.head.pos_ in ("VERB", "AUX"):
                return "patient", prep.head
            current = prep.head  # "fighters of the group" -> climb to "fighters"
            continue
        if dep in _AGENT_DEPS and head.pos_ in ("VERB", "AUX"):
            return "agent", head
        if dep in _PATIENT_DEPS and head.pos_ in ("VERB", "AUX"):
            return "patient", head
        return None, None
    return None, None


ARMED_GROUP_NOUNS = dict(vocab.armed_group_nouns())


def _names(doc: Any) -> list[Any]:
    """Runs of proper nouns ("Ahrar al-Sham", "Hezbollah"), found from the tags alone.

    The parser's tags are enough here, so the pipeline runs without NER (half the parse cost),
    and the small model's NER often mislabels Arabic group names as PERSON anyway.
    """
    from spacy.attrs import POS
    from spacy.symbols import PROPN

    # Proper nouns from the tag array: a Token object only for them and the words between
    # (iterating the Doc makes one per word). Joiners ("-", "al", "el") continue a run; a
    # run that trails off in a joiner ("Hezbollah al ...") names nothing.
    propn = [int(i) for i in (doc.to_array(POS) == PROPN).nonzero()[0]] if len(doc) else []
    runs: list[Any] = []
    start = last = -2
    for i in [*propn, len(doc) + 1]:
        if start >= 0 and i == last + 1:
            last = i
            continue
        if start >= 0:
            gap = [doc[j].text for j in range(last + 1, min(i, len(doc)))]
            if i < len(doc) and gap and all(w in _JOINERS for w in gap):
                last = i  # "Ahrar al-Sham": the joiners lead on to another proper noun
                continue
            if not (gap and gap[0] in _JOINERS and last + 2 < len(doc)):
                runs.append(doc[start : last + 1])
        start = last = i
    return runs


_JOINERS = vocab.words("name_joiners.csv", "parse")


def _named_group(doc: Any, name: Any) -> tuple[Any, int, int, str | None] | None:
    """A named group the dictionary lacks: a name in front of a group noun ("Ahrar al-Sham
    fighters"), or a name that is itself the subject of an event verb ("Hezbollah attacked").

    Returns (head token, start char, end char, sector guess).
    """
    head = name.root.head
    if name.root.dep_ == "compound" and head.lemma_.lower() in ARMED_GROUP_NOUNS:
        return (
            head,
            name.start_char,
            head.idx + len(head.text),
            ARMED_GROUP_NOUNS[head.lemma_.lower()],
        )
    if name.root.dep_ in ("nsubj", "pobj"):
        return name.root, name.start_char, name.end_char, None
    return None


def _event_verb(verb: Any) -> bool:
    """A main-clause verb that is not a reporting verb ("held" in "a checkpoint held by X",
    "had shelled" in "rebels, who had shelled...", and "said" are not the event)."""
    if verb is None or verb.lemma_.lower() not in EVENT_LEMMAS:
        return False
    return verb.dep_ not in ("acl", "relcl")


def _token_at(doc: Any, start: int, end: int) -> Any | None:
    """The syntactic head of the tokens covering [start, end) (sentence-relative offsets)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def parse_roles(
    doc: Any,
    sentence: Span,
    actors: Sequence[Actor],
    exclude: Sequence[Span] = (),
) -> tuple[Actor | None, Actor | None] | None:
    """(actor1, actor2) from the parse, or None when the parse places nobody (use the rules).

    ``doc`` is the spaCy Doc of ``sentence.text`` after its dateline (see ``parse_text``);
    actor spans are article offsets.
    """
    offset = parse_offset(sentence)
    agents: list[tuple[int, Actor]] = []
    patients: list[tuple[int, Actor]] = []
    taken: list[tuple[int, int]] = []
    for actor in actors:
        if actor.span is None or any(
            actor.span.start < s.end and s.start < actor.span.end for s in exclude
        ):
            continue
        start, end = actor.span.start - offset, actor.span.end - offset
        token = _token_at(doc, start, end)
        if token is None:
            continue
        taken.append((start, end))
        role, verb = _argument_role(token)
        if not _event_verb(verb):
            continue
        (agents if role == "agent" else patients).append((start, actor))
    for name in _names(doc):
        found = _named_group(doc, name)
        if found is None or any(found[1] < e and s < found[2] for s, e in taken):
            continue
        root, start, end, sector = found
        role, verb = _argument_role(root)
        if role == "agent" and _event_verb(verb):
            span = Span(offset + start, offset + end, doc.text[start:end])
            if not any(span.start < s.end and s.start < span.end for s in exclude):
                agents.append(
                    (start, Actor(text=span.text, name=name.text, sector=sector, span=span))
                )
    if not agents and not patients:
        return None
    actor1 = min(agents, key=lambda x: x[0])[1] if agents else None
    rest = [
        a
        for _, a in sorted(patients, key=lambda x: x[0])
        if actor1 is None or a.name != actor1.name
    ]
    return actor1, rest[0] if rest else None


def parse_text(sentence: Span) -> str:
    """The part of a sentence worth parsing: a wire dateline ("KABUL (Wire) - ") confuses the
    parser and names the outlet, never an actor."""
    return sentence.text[dateline_end(sentence.text) :]


def parse_offset(sentence: Span) -> int:
    """Where the parsed text of ``sentence`` (``parse_text``) starts in the article."""
    return sentence.start + dateline_end(sentence.text)


def parse_claims(claims: Sequence[Any], nlp: Any) -> tuple[list[str], dict[str, Any]]:
    """The parsed text of each claim and a Doc per distinct text: one parse that roles and
    attribution share (copies repeat sentences: each is parsed once)."""
    texts = [parse_text(c.sentence) for c in claims]
    unique = list(dict.fromkeys(texts))
    return texts, dict(zip(unique, nlp.pipe(unique, batch_size=64), strict=True))


def assign_roles(
    claims: Sequence[Any], nlp: Any, parsed: tuple[list[str], dict[str, Any]] | None = None
) -> None:
    """Re-decide actor1/actor2 of claims from the parse of their sentences, in place.

    A role the parse cannot fill keeps the word-order rules' answer, unless that answer is the
    actor the parse put in the other role. ``parsed`` is ``parse_claims(claims, nlp)`` when the
    caller already has it.
    """
    from sitrep.extract.actors import find_actors

    if not claims:
        return
    texts, docs = parsed if parsed is not None else parse_claims(claims, nlp)
    for claim, text in zip(claims, texts, strict=True):
        doc = docs[text]
        exclude = [s.span for s in claim.sources if s.span is not None]
        found = parse_roles(
            doc, claim.sentence, find_actors(claim.sentence.text, claim.sentence.start), exclude
        )
        if found is None:
            continue
        actor1, actor2 = found
        rule1, rule2 = claim.actor1, claim.actor2
        claim.actor1 = actor1 or (rule1 if rule1 is not None and rule1 != actor2 else None)
        claim.actor2 = actor2 or (rule2 if rule2 is not None and rule2 != claim.actor1 else None)
