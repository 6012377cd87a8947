"""Attribution from the dependency parse: who a claim's sentence says the information is from.

The regex rules (``sources.py``) only bind names the table knows, next to a cue they know;
the parse sees the subject of any reporting verb, however it is written:

- the subject of a speech or report verb ("say", "report", "tell", "confirm", "estimate",
  ...): "regional Gov. Vitaliy Kim said", "the Malian defence ministry said", parenthetical
  "..., the Red Cross said.", inverted "said the armed group that holds the capital";
- "according to X", "citing X", "quoting X", "quoted by X", and the agent of a passive report
  ("was announced by the head of ...");
- "X quoted Y as saying": Y gives the figure, X relays it;
- who a report comes from when no one speaks: "learned from sources in the civil defence"
  (the ``hear`` verbs: the reporter relays, the "from" phrase is the source), "reports came
  in from residents" (a report noun's verb with a "from" phrase), "an Associated Press
  investigation found" (a report noun with a proper-name modifier is its author's report).

A source is the subject's noun phrase as written (with its apposition: "Siraj Mahmoud, a civil
defence spokesman", without a relative clause); its ``name`` is the table's canonical name when
a known alias lies inside ("the Observatory"), else the head noun phrase (the person or the
organisation). The speakers come first, relays ("according to Reuters" after "a health chief
said") after them. A pronoun or a bare "the group" is returned as an anaphor (``is_anaphor``)
for ``continuation`` to resolve. The Docs are those ``roles.parse_claims`` made for the
roles: attribution never parses a sentence itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sitrep import vocab
from sitrep.extract.source_kinds import is_anaphor, kind_of, known_name
from sitrep.model import Source, Span

__all__ = ["attribute", "is_anaphor", "parse_sources"]


def _words(role: str) -> frozenset[str]:
    return vocab.attribution_words().get(role, frozenset())


_RELAYS = frozenset(vocab.speech_verbs("relay"))  # "according", "cite", "quote"


def _phrase_tokens(head: Any) -> list[Any]:
    """The tokens of the source phrase headed by ``head``: its subtree without relative
    clauses or coordinated phrases, up to the first gap they leave. Appositions stay."""
    keep: list[Any] = [head]
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl", "cc", "conj"):
            continue
        if child.pos_ == "VERB" and child.tag_ in ("VBG", "VBN") and child.i > head.i:
            continue  # "X, citing Y, said": Y is a relay of its own, not part of X's name
        keep.extend(child.subtree)
    tokens = sorted(keep, key=lambda t: t.i)
    out = [tokens[0]]
    for t in tokens[1:]:
        if t.i != out[-1].i + 1 and t.i > head.i:
            break  # a clause was cut out here: what follows it is not the name
        out.append(t)
    while out and (out[-1].is_punct or out[-1].dep_ in ("cc", "case")):
        if out[-1].text == ")" and any(t.text == "(" for t in out):
            break  # "... Organizations (UOSSM)": the bracket closes the name
        out.pop()
    while out and out[0].is_punct:
        out.pop(0)
    return out


def _name_tokens(head: Any) -> list[Any]:
    """The head noun phrase: the head, the words in front of it that belong to it ("regional
    Gov. Vitaliy Kim", "interior minister"), and for a proper name its "of" part ("Union of
    Medical Care"), without the article or a possessor ("Ukraine's")."""
    left = [
        t
        for child in head.lefts
        if child.dep_ in ("compound", "amod", "nmod", "nummod", "npadvmod", "flat")
        or child.text == "-"  # "Ahmed al-Sayyid"
        for t in child.subtree
    ]
    right: list[Any] = []
    if head.pos_ == "PROPN":
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "for"):
                objs = [p for p in child.children if p.dep_ == "pobj" and p.pos_ == "PROPN"]
                if objs:
                    right += [t for t in child.subtree if t.dep_ not in ("relcl", "acl")]
    tokens = sorted({t.i: t for t in [*left, head, *right]}.values(), key=lambda t: t.i)
    out = [tokens[0]]
    for t in tokens[1:]:
        if t.i != out[-1].i + 1:
            break
        out.append(t)
    return out if head in out else [head]


def _person_or_org(head: Any) -> Any:
    """The token naming who speaks: a proper-noun apposition beats a common-noun head
    ("the country's health minister, Ali Haji" names Ali Haji), and "sources" are named by
    where they sit ("sources in the Civil Defense" speak for the Civil Defense)."""
    if head.pos_ != "PROPN":
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return child
    if head.lemma_.lower() == "source":
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in _words("source_preposition"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                        return obj
    return head


def _text(text: str, tokens: Sequence[Any]) -> str:
    return text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def _make(doc_text: str, head: Any, offset: int) -> Source | None:
    lemma = head.lemma_.lower()
    named = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children)
    if lemma in _words("not_source") or (lemma in _words("report_noun") and not named):
        return None  # "Reports said" names nobody; "an Associated Press investigation" does
    if head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return None  # "No group claimed the attack" cites nobody
    tokens = _phrase_tokens(head)
    if not tokens or tokens[0].like_num:
        return None  # "80 bodies arrived": a count, not a speaker
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = doc_text[start:end]
    span = Span(offset + start, offset + end, text)
    if is_anaphor(text):
        return Source(text=text, name=None, span=span)
    who = _person_or_org(head)
    own = _text(doc_text, _name_tokens(who))
    # the table's name for the head phrase ("the Observatory"), a person's or group's own
    # name, the table's name for anything in the phrase, the head phrase as written
    name = known_name(own) or known_name(f"the {own}")  # the table lists "the Observatory"
    if name is None and who.pos_ == "PROPN":  # "Al-Shabaab": the name's own left edge
        name = known_name(doc_text[who.left_edge.idx : who.idx + len(who.text)])
    elif name is None:
        name = known_name(text)
    name = name or own
    return Source(text=text, name=name, span=span, kind=kind_of(text, name))


def _heads(token: Any) -> list[Any]:
    """A noun and the nouns coordinated with it ("a war monitor and medical workers")."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(_heads(child))
    return out


def _behind_report(noun: Any) -> list[Any]:
    """Who is behind a report noun: "a statement from the ministry", "evidence from an AP
    investigation" (the investigation is itself a report noun: look behind it too). Only a
    name or a kind of source counts: "photos from the scene" have no author."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _words("report_preposition"):
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                if obj.lemma_.lower() in _words("report_noun"):
                    return _behind_report(obj) or [obj]
                return [h for h in _heads(obj) if _names_someone(h)]
        if child.dep_ == "acl" and child.tag_ == "VBN":  # "figures released by OCHA"
            for agent in child.children:
                if agent.dep_ == "agent":
                    objs = [p for p in agent.children if p.dep_ == "pobj"]
                    return [h for o in objs for h in _heads(o) if _names_someone(h)]
    return []


def _names_someone(token: Any) -> bool:
    """A proper name, a noun with a proper-name modifier, a noun of a source kind, or
    "sources" themselves (an informant by definition, whatever follows: "sources in X")."""
    if (
        token.pos_ == "PROPN"
        or token.lemma_.lower() == "source"
        or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)
    ):
        return True
    return kind_of(token.text) is not None


def _speakers(verb: Any) -> list[Any]:
    """Who the speech verb says speaks: its active subject (or who is behind a report noun
    subject), the "by" agent of a passive, or for "X issued a statement saying" the subject
    of the verb the statement hangs on."""
    found: list[Any] = []
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lemma_.lower() in _words("report_noun"):
                found += _behind_report(child)
            else:
                found += _heads(child)
        elif child.dep_ == "agent":
            found += [g for p in child.children if p.dep_ == "pobj" for g in _heads(p)]
    if not found and verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl", "xcomp"):
        holder = verb.head  # "statement" in "released a statement saying"
        if holder.lemma_.lower() in _words("report_noun") and holder.head.pos_ == "VERB":
            holder = holder.head
        if holder.pos_ == "VERB" and holder is not verb:
            found += [g for c in holder.children if c.dep_ == "nsubj" for g in _heads(c)]
    return found


def _behind(noun: Any) -> list[Any]:
    """The nouns a relay cites: who is behind "figures from the ministry", else the noun and
    those coordinated with it."""
    if noun.lemma_.lower() in _words("report_noun"):
        return _behind_report(noun)
    return _heads(noun)


def _authored(noun: Any) -> list[Any]:
    """A report noun named by its author ("an Associated Press investigation"): the noun
    itself, whose phrase is then the source; [] for an anonymous one ("the investigation")."""
    named = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children)
    return [noun] if named else []


def _reported(verb: Any) -> bool:
    """Whether a report noun is the verb's subject ("Reports came in from ...")."""
    return any(
        c.dep_ == "nsubj" and c.lemma_.lower() in _words("report_noun") for c in verb.children
    )


def _from_phrase(verb: Any, vouched: bool) -> list[Any]:
    """Whoever the verb's "from" phrase names: for a ``hear`` verb ("learned from sources in
    the ministry") the verb vouches that it is a source; after a report noun ("reports came
    from the town") only a name or a kind of source counts."""
    out: list[Any] = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out += [h for h in _heads(obj) if vouched or _names_someone(h)]
    return out


def _quoted(verb: Any) -> list[Any]:
    """The person quoted in "X quoted Y as saying": Y, the object of "quote"."""
    if verb.lemma_.lower() != "quote":
        return []
    return [g for c in verb.children if c.dep_ in ("dobj", "obj") for g in _heads(c)]


def _relayed(token: Any) -> list[Any]:
    """The source after "according to", "citing", "quoting" or "quoted by"."""
    lemma = token.lemma_.lower()
    if token.lower_ == "according":
        return [g for p in _linked_objects(token, lambda c: c.lower_ == "to") for g in _behind(p)]
    if lemma in ("cite", "quote") and token.tag_ == "VBG":
        return [g for c in token.children if c.dep_ in ("dobj", "obj") for g in _behind(c)]
    if lemma == "quote" and token.tag_ == "VBN":
        return [g for p in _linked_objects(token, lambda c: c.dep_ == "agent") for g in _heads(p)]
    return []


def _linked_objects(token: Any, link: Callable[[Any], bool]) -> list[Any]:
    """The objects reached through ``token``'s children that ``link`` accepts: X in
    "according *to* X" or "quoted *by* X" (spaCy hangs X under the preposition or agent)."""
    return [p for c in token.children if link(c) for p in c.children if p.dep_ == "pobj"]


def parse_sources(doc: Any, offset: int) -> list[Source]:
    """Sources cited in a parsed sentence, speakers first, then relays; spans are ``offset``
    plus the Doc's character offsets (``offset`` is where the Doc's text starts in the article).
    """
    from spacy.attrs import LOWER, POS
    from spacy.symbols import AUX, VERB

    speakers: list[Any] = []
    relays: list[Any] = []
    speech = frozenset(vocab.speech_verbs("parse"))
    finding, hear = _words("finding"), _words("hear")
    according = doc.vocab.strings["according"]
    # Only verbs and "according" can attribute: pick them from the tag array, so no Token
    # object is made for the other words (iterating a Doc makes one per word).
    pos, lower = doc.to_array(POS), doc.to_array(LOWER)
    picked = ((pos == VERB) | (pos == AUX) | (lower == according)).nonzero()[0] if len(doc) else ()
    for i in picked:
        token = doc[int(i)]
        lemma = token.lemma_.lower()
        if lemma in _RELAYS or token.lower_ == "according":
            found = _relayed(token)
            if found:
                relays += found
                continue
        if lemma in finding and token.pos_ == "VERB":
            speakers += [
                g
                for c in token.children
                if c.dep_ == "nsubj" and c.lemma_.lower() in _words("report_noun")
                for g in _behind_report(c) or _authored(c)
            ]
            continue
        if token.pos_ == "VERB" and (lemma in hear or _reported(token)):
            speakers += _from_phrase(token, vouched=lemma in hear)
            if lemma in hear:
                continue
        if lemma in speech:
            if lemma in ("cite", "quote") and token.tag_ == "VBG":
                continue
            if lemma == "quote":  # "SANA quoted a police chief as saying": the chief first
                speakers += _quoted(token)
                relays += _speakers(token)
                continue
            speakers += _speakers(token)
    out: list[Source] = []
    seen: set[str] = set()
    doc_text = doc.text  # built from the tokens on every access: read it once
    for head in [*speakers, *relays]:
        source = _make(doc_text, head, offset)
        if source is None:
            continue
        key = (source.name or source.text).lower()
        if key in seen or any(_inside(source, s) for s in out):
            continue
        seen.add(key)
        out.append(source)
    return out


def _inside(a: Source, b: Source) -> bool:
    """Whether ``a`` is named inside ``b``'s phrase (a relay within a speaker's apposition)."""
    return (
        a.span is not None
        and b.span is not None
        and b.span.start <= a.span.start
        and a.span.end <= b.span.end
    )


def attribute(claims: Sequence[Any], docs: dict[str, Any], texts: Sequence[str]) -> None:
    """Replace the rules' sources of parsed claims with the parse's, in place.

    ``texts[i]`` is the parsed text of ``claims[i]`` (a key of ``docs``). The rules' answer
    stays when the parse finds nobody, and wins over a parse anaphor it already resolved
    ("It added ..." inherited the Observatory in ``continuation``) and over a description
    the rules named from the story ("a war monitor" the article names later).
    """
    from sitrep.extract.roles import parse_offset

    for claim, text in zip(claims, texts, strict=True):
        found = parse_sources(docs[text], parse_offset(claim.sentence))
        if not found:
            continue
        merged: list[Source] = []
        for source in found:
            named = _named_twin(source, claim.sources)
            if is_anaphor(source.text) or _surname_of(source, claim.sources):
                merged += claim.sources  # what continuation resolved it to, if anything
            elif named is not None:
                merged.append(named)
            else:
                merged.append(source)
        # a listed name the rules bound to a cue stays, when the parse has no place for it
        merged += [s for s in claim.sources if _listed(s) and not _covered(s, merged)]
        claim.sources = _unique(merged)


def _listed(source: Source) -> bool:
    return source.name is not None and known_name(source.name) == source.name


def _covered(source: Source, others: Sequence[Source]) -> bool:
    return any(_inside(source, o) or _inside(o, source) for o in others)


def _named_twin(source: Source, earlier: Sequence[Source]) -> Source | None:
    """The rules' source at the same place that ``continuation`` named from the story: the
    parse reads "a war monitor" or "Russia" alone, the story names the Syrian Observatory
    or the Russian Defense Ministry. Such a source's name is neither in its text nor the
    table's name for it."""
    for s in earlier:
        if (
            s.name is not None
            and s.name != source.name
            and s.name not in s.text
            and known_name(s.text) != s.name
            and s.span is not None
            and source.span is not None
            and s.span.start < source.span.end
            and source.span.start < s.span.end
        ):
            return s
    return None


def _surname_of(source: Source, earlier: Sequence[Source]) -> bool:
    """A lone surname ("Mahmoud said") of a person the rules already resolved."""
    words = source.text.split()
    return len(words) == 1 and any(
        s.name is not None and s.name.split()[-1] == words[0] and s.name != source.text
        for s in earlier
    )


def _unique(sources: Sequence[Source]) -> list[Source]:
    seen: set[str] = set()
    out = []
    for s in sources:
        key = (s.name or s.text).lower()
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
