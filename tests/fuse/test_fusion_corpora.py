"""Whole corpora that stress fusion, through the real pipeline: every article a copy of one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import sitrep
from sitrep.model import Event

ORIGINAL = (
    "Militants attack army post near Menaka\n\n"
    "MENAKA, Mali, May 6 (Sahel Dispatch) - Gunmen on motorbikes attacked an army post on the "
    "outskirts of Menaka on Sunday, killing seven soldiers and wounding four, the army said.\n\n"
    "The attackers seized weapons before withdrawing towards the border with Niger, a local "
    "official said.\n\n"
    "No group has claimed the attack, which follows a string of raids in the region."
)


def _article(path, outlet, published, text):
    path.write_text(
        f"---\noutlet: {outlet}\npublished: {published.isoformat()}\n---\n{text}\n", "utf-8"
    )


def test_a_corpus_where_every_article_copies_one_gives_one_event_with_one_source(
    tmp_path, sqlite_store
):
    day = dt.date(2024, 5, 6)
    _article(tmp_path / "00_original.txt", "sahel-dispatch", day, ORIGINAL)
    for i in range(1, 13):
        body = ORIGINAL.replace("(Sahel Dispatch)", f"(via Digest {i})")
        if i % 3 == 0:  # an editor's touch on some copies
            body = body.replace("Gunmen on motorbikes", "Armed men on motorbikes")
        _article(
            tmp_path / f"{i:02d}_copy.txt", f"digest-{i}", day + dt.timedelta(days=i % 3), body
        )
    sitrep.run([str(tmp_path)], sqlite_store)
    statuses = sorted(a.copy_status for a in sqlite_store.articles.iter())
    assert statuses.count("original") == 1 and len(statuses) == 13
    attacks = [e for e in sqlite_store.events.iter() if e.n_articles > 1]
    assert len(attacks) == 1
    (event,) = attacks
    assert event.n_articles == 13 and event.n_outlets == 13
    assert event.n_independent == 1  # twelve copies add no independent confirmation
    assert event.casualties.killed.best == 7 and not any(
        c.kind == "killed" for c in event.conflicts
    )  # the same seven dead, told thirteen times, is no conflict


INCIDENTS = Path(__file__).parent / "data" / "incidents_2016.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_captures_votes_meetings_evacuations_and_strikes_are_one_event_each(tmp_path, mode):
    """Thirty-six reports we wrote of fourteen incidents of 2016 in Syria, Iraq, Yemen,
    Turkey and Libya, as the held-out kinds go: two towns taken by the army and a siege broken
    by rebels ("seized", "lost control of ... to", "fell", "liberated ... from", "drove ... out
    of", "broken the siege"), a Security Council veto (told as a veto, a failed adoption, a
    blocked draft, from two capitals; another session's two drafts told as "rejected two
    resolutions" with no violence named), an emergency Council meeting and a ministers'
    meeting (their reports tell of the strikes and the ceasefire they were about), an
    evacuation (told by its convoys), an ambassador's killing (told by a ministry's
    statement), a judge's assassination, three strikes with several tolls each and a shelling.
    Each incident's reports share one event (at document level at least), of the incident's
    kind, and no event mixes two incidents."""
    store = sitrep.open_store(f"sqlite:///{tmp_path / 's.db'}")
    sitrep.run([str(INCIDENTS)], store, mode=mode)
    incident = {a.id: a.url.rsplit("/", 1)[1].split("-")[0] for a in store.articles.iter()}
    events = list(store.events.iter())
    kinds = {
        "hanano": "Government regains territory",
        "veto": "REJECT",  # PLOVER only: a vote has no ACLED type
        "unsc": "CONSULT",
        "evac": "Agreement",
        "karlov": "Attack",
        "hosp": "Air/drone strike",
        "west": "Shelling/artillery/missile attack",
        "bart": "Government regains territory",
        "fun": "Air/drone strike",
        "laus": "CONSULT",
        "vote2": "REJECT",
        "judge": "Attack",
        "mkt": "Air/drone strike",
        "siege": "Non-state actor overtakes territory",
    }
    for name, kind in kinds.items():
        told = {aid for aid, i in incident.items() if i == name}
        best = max(events, key=lambda e: len(told & _articles(e)))
        assert told <= _articles(best), (name, best.sub_event_type, best.plover)
        assert kind in (best.sub_event_type, best.plover), (name, best.sub_event_type)
    for e in events:
        assert len({incident[a] for a in _articles(e)}) == 1, (e.sub_event_type, e.plover)


def _articles(event) -> set[str]:
    return set(event.articles) | {link.article_id for link in event.links}


def _each_in_one_event(told: list[set[str]], *incidents: set[str]) -> None:
    """Every incident's pages share one event (at document level at least)."""
    for pages in incidents:
        assert any(pages <= t for t in told), sorted(pages)


def _apart(told: list[set[str]], *pairs: tuple[str, str]) -> None:
    """No event holds both pages of a pair (a distractor and a page of the incident beside it)."""
    for page, beside in pairs:
        assert not any({page, beside} <= t for t in told), page


def _told_by_event(tmp_path, pages: Path, mode: str) -> list[set[str]]:
    """Each event's pages, by the tag their address ends in, after a run on ``pages``."""
    return [told for _event, told in _events_told(tmp_path, pages, mode)]


def _events_told(tmp_path, pages: Path, mode: str) -> list[tuple[Event, set[str]]]:
    """Each event with its pages' tags, after a run on ``pages``."""
    store = sitrep.open_store(f"sqlite:///{tmp_path / 's.db'}")
    sitrep.run([str(pages)], store, mode=mode)
    tag = {a.id: a.url.rsplit("/", 1)[1] for a in store.articles.iter()}
    return [(e, {tag[a] for a in _articles(e)}) for e in store.events.iter()]


def _sitting_of(events: list[tuple[Event, set[str]]], pages: set[str]) -> Event:
    """The event that holds ``pages``: a vote's, which must have no ACLED type of its own."""
    event = next(e for e, told in events if pages <= told)
    assert event.event_type is None, event.event_type
    return event


PAGES = Path(__file__).parent / "data" / "pages_2016.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_whole_pages_with_their_clutter_keep_one_event_per_incident(tmp_path, mode):
    """A hundred pages we wrote the way scraped pages of 2016 come: bylines, "Related
    stories:" lists of other incidents' headlines, share buttons, a war's toll to date, a
    capital blamed ("Washington has blamed Moscow for the attack"), a purpose phrase naming
    another city ("in an apparent bid to divert forces from the offensive on Mosul"), an
    emergency Security Council session told with no violence named, state media's "restored
    security and stability to", a truce "to start Monday", a page with no date, an evacuation
    told by its convoys, a gunman's shout naming another city, towns taken by rebels and by
    U.S.-backed forces, a day's roundup of three incidents, five pages with no date (one of
    them a veto told from nowhere in time), tolls updated over days ("the toll from
    Sunday's suicide bombing in Baghdad's Karrada district has risen to 213"), an evacuation
    told as suspended and resumed, a Council resolution adopted about it, buses torched on
    the way to another evacuation, an envoy's killing told by a third outlet, quarters of a
    city taken a day apart, two car bombings in one capital a month apart (a toll told before
    the reprisal raids on Iraq), a town taken and lost nine months later, bombings in two
    cities one day told by one wire, a blast's damage told as colour. The incidents
    listed are each in one event of their kind, with no other incident's page; the undated
    page joins its incident's event; no claim comes from a headline list or a war's toll."""
    store = sitrep.open_store(f"sqlite:///{tmp_path / 's.db'}")
    sitrep.run([str(PAGES)], store, mode=mode)
    tag = {a.id: a.url.rsplit("/", 1)[1] for a in store.articles.iter()}
    incident = {aid: t.split("-")[0] for aid, t in tag.items()}
    events = list(store.events.iter())
    kinds = {
        "p2": "Air/drone strike",  # a school hit; Moscow denies with drone images
        "p3": "Remote explosive/landmine/IED",  # twin bombings, tolls 29, 38, 44
        # Kirkuk raid, "in a bid to divert forces from ... Mosul"; gunmen and suicide
        # bombers: either reading of its reports is the incident's
        "p4": ("Attack", "Suicide bomb"),
        "p6": "CONSULT",  # an emergency session, no violence named in one report
        "p7": "Air/drone strike",  # a hospital, "US-Saudi aggression" in state media
        "p8": "Government regains territory",  # "liberated from terrorism", "retaken"
        "q2": "Government regains territory",  # "restored security and stability to"
        "r1": "Agreement",  # an evacuation told by its convoys, buses and counts
        "r2": "Attack",  # an envoy shot; the gunman shouted "Don't forget Aleppo!"
        "r3": "REJECT",  # a veto, and "rejected two rival resolutions"
        "r4": "Air/drone strike",  # a hospital by its code name and by its quarter
        "s1": "Non-state actor overtakes territory",  # rebels take a town from IS
        "s2": "Non-state actor overtakes territory",  # "U.S.-backed forces", "cleared"
        "t3": "Air/drone strike",  # a funeral hall; denied, then admitted; "the Great Hall"
        "t6": "AGREE",  # a resolution adopted to send observers to the evacuation (r1)
        "t7": "Attack",  # buses torched on their way to evacuate two villages
        # an offensive's quarters, a day each, a kilometre or two apart (u3, Sakhour, is
        # also in p5-a's account of the flight that day: checked below)
        "u1": "Government regains territory",  # Hanano; "restored security and stability"
        "u2": "Government regains territory",  # "lost control of", "a day after ... Hanano"
        "w1": "Remote explosive/landmine/IED",  # Ankara in February; strikes on Iraq after
        "w2": "Remote explosive/landmine/IED",  # Ankara in March: "Sunday's car bombing"
        "w3": "Government regains territory",  # Palmyra retaken in March
        # Palmyra lost in December: "recaptured ... despite Russian air strikes"; "the army
        # withdrew ... after a renewed assault by Islamic State fighters" is no peaceful handover
        "w4": "Non-state actor overtakes territory",
        "w5": "Suicide bomb",  # a wedding; an undated page of the bride's family
        "x1": "Suicide bomb",  # army recruits in Aden; a toll the next day, an undated page
        "x2": "Suicide bomb",  # Jableh (the wire page tells Tartus too: checked below)
        "x4": "Remote explosive/landmine/IED",  # "The blast destroyed houses" is the blast
    }
    for name, kind in kinds.items():
        told = {aid for aid, i in incident.items() if i == name}
        best = max(events, key=lambda e: len(told & _articles(e)))
        assert told <= _articles(best), (name, sorted(tag[a] for a in _articles(best)))
        kinds_ok = kind if isinstance(kind, tuple) else (kind,)
        assert {best.sub_event_type, best.plover} & set(kinds_ok), (name, best.sub_event_type)
        # the Council report's "the rebels had agreed to leave" is the deal behind the
        # evacuation, two days before it: it may join that event
        allowed = {name, "p6"} if name == "r1" else {name}
        assert {incident[a] for a in _articles(best)} <= allowed, name
    # a day's roundup tells three incidents, each reported alone elsewhere: the roundup is
    # in each one's event, with that report and nothing else
    roundup = next(aid for aid, t in tag.items() if t == "s3-a")
    for other, kind in (
        ("s3-b", "Shelling/artillery/missile attack"),
        ("s3-c", "Air/drone strike"),
        ("s3-d", "Agreement"),
    ):
        aid = next(a for a, t in tag.items() if t == other)
        (event,) = [e for e in events if aid in _articles(e)]
        assert _articles(event) == {aid, roundup} and event.sub_event_type == kind, other
    # pages that give no publication date ("-u") still join their incident's event: a school
    # hit, a bombing, a vote, a town taken, an evacuation
    # Known gap, left out here: t4-u, an undated page placing "the air strike that hit their
    # home" at Aleppo and naming the quarter only later, in a sentence with no claim (alone it
    # is linked; among this corpus's other Aleppo events it is not)
    gaps = {"t4-u"}
    for aid in (a for a, t in tag.items() if t.endswith("-u") and t not in gaps):
        told = {a for a, i in incident.items() if i == incident[aid] and tag[a] not in gaps}
        assert any(told <= _articles(e) for e in events), tag[aid]
    # a toll updated the next day joins the day's bombing; a page of a resignation "days after
    # the truck bombing" in Karrada, which then tells "Separately," an attack in Balad: its
    # Karrada tolls join the bombing (they do not follow the separate attack after them), and
    # that attack is its own event
    karrada = {aid for aid, t in tag.items() if t in ("t1-a", "t1-b", "t1-c", "t1-u")}
    assert any(karrada <= _articles(e) for e in events)
    shrine = next(aid for aid, t in tag.items() if t == "t2-a")
    (balad,) = [e for e in events if shrine in _articles(e)]
    assert {tag[a] for a in karrada & _articles(balad)} == {"t1-c"}
    # one wire page tells the bombings of Jableh and Tartus, 60 km apart: it is in both
    # cities' events, which stay apart
    wire, tartus = (next(aid for aid, t in tag.items() if t == x) for x in ("x2-a", "x3-b"))
    (in_tartus,) = [e for e in events if tartus in _articles(e)]
    assert _articles(in_tartus) == {wire, tartus}
    # Palmyra lost in December is not its capture in March; two bombings a month apart in one
    # capital are two events
    for a, b in (("w3-a", "w4-a"), ("w1-a", "w2-a")):
        first, second = (next(aid for aid, t in tag.items() if t == x) for x in (a, b))
        assert not any({first, second} <= _articles(e) for e in events), (a, b)
    sakhour = next(aid for aid, t in tag.items() if t == "u3-a")
    (taken,) = [e for e in events if sakhour in _articles(e)]
    assert not {incident[a] for a in _articles(taken)} & {"u1", "u2"}
    # the evacuation told over five days, suspended and resumed, is one event
    evacuation = {aid for aid, t in tag.items() if t.startswith("r1-") and t != "r1-u"}
    assert any(evacuation <= _articles(e) for e in events)
    convoy = {aid for aid, t in tag.items() if t in ("p1-a", "p1-b", "p1-d")}
    assert any(convoy <= _articles(e) for e in events)  # the undated page too
    texts = [c.sentence.text for c in store.claims.iter()]
    assert not any("300,000" in t or "al-Bab" in t or "Idlib market" in t for t in texts)


PAGES_B = Path(__file__).parent / "data" / "pages_2016_b.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_eight_more_incidents_of_2016_each_in_one_event(tmp_path, mode):
    """Thirty-two more pages we wrote, on eight incidents of 2016 in Syria, Turkey, Pakistan,
    Afghanistan and Yemen: an airport attack told as "Istanbul's Ataturk airport" (a village
    of that name lies in Duzce), a bombing of a march in "Deh Mazang square" (geonames gives
    the name to a district of Laghman), a toll update "making it the deadliest attack in the
    capital since 2001", a bombing headline that names the protest it hit, a coalition strike
    on an army that a Security Council session then argued over, a hospital strike with the
    other side's shelling in its own paragraph, an evacuation told by a state outlet as the
    army's entry, a market strike with a second town's strike beside it, and pages with no
    date: each incident's pages are in one event with no other incident's page."""
    store = sitrep.open_store(f"sqlite:///{tmp_path / 's.db'}")
    sitrep.run([str(PAGES_B)], store, mode=mode)
    tag = {a.id: a.url.rsplit("/", 1)[1] for a in store.articles.iter()}
    incident = {aid: t.split("-")[0] for aid, t in tag.items()}
    events = list(store.events.iter())
    # Known gaps, left out: y3-u and z4-u, a resident's and a survivor's account with no date
    # that name the town but give no claim of their own (feature writing: "The first bomb
    # landed among the stalls", no figure, place or day in one sentence)
    gaps = {"y3-u", "z4-u"}
    # y1-d tells the Council's emergency session on the strike, with the two other reports
    # of that session: a sitting is an event of its own, and the page is in it
    session = {"y1-a", "y1-c", "y1-d"}
    assert any(session <= {tag[a] for a in _articles(e)} and e.plover for e in events)
    for name in ("y1", "y2", "y3", "y4", "z1", "z2", "z3", "z4"):
        told = {aid for aid, i in incident.items() if i == name and tag[aid] not in gaps | {"y1-d"}}
        best = max(events, key=lambda e: len(told & _articles(e)))
        assert told <= _articles(best), (name, sorted(tag[a] for a in _articles(best)))
        assert {incident[a] for a in _articles(best)} == {name}, name

    def best_of(name):
        return max(events, key=lambda e: sum(incident[a] == name for a in _articles(e)))

    airport = best_of("z1")
    assert airport.place is not None and airport.place.admin1 == "Istanbul"
    # the march the bombers struck is an event of its own; the bombing is the incident's
    march = best_of("z3")
    assert march.place is not None and march.place.admin1 == "Kabul"
    assert march.sub_event_type in ("Suicide bomb", "Remote explosive/landmine/IED", "Attack")


PAGES_C = Path(__file__).parent / "data" / "pages_2016_c.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_two_days_of_one_citys_bombardment_stay_two_events(tmp_path, mode):
    """Thirty more pages we wrote: eastern Aleppo bombed on Tuesday 11 and Wednesday 12
    October 2016, each day told in the same words ("air strikes on rebel-held eastern
    Aleppo"), by a wire, an opposition outlet, state media and a next-day recap; suicide
    bombings in Mukalla; a base overrun at El Adde; a truck driven into the crowd in Nice
    ("in Nice", a common word that is a city); Brussels' airport and metro bombings; Dalori.
    The two days of Aleppo are never one event; each other incident's dated pages are."""
    store = sitrep.open_store(f"sqlite:///{tmp_path / 's.db'}")
    sitrep.run([str(PAGES_C)], store, mode=mode)
    tag = {a.id: a.url.rsplit("/", 1)[1] for a in store.articles.iter()}
    events = list(store.events.iter())
    told = [{tag[a] for a in _articles(e)} for e in events]
    assert not any({"v1-a", "v2-a"} <= t for t in told)
    tuesday = next(e for e in events if "v1-a" in {tag[a] for a in _articles(e)})
    assert tuesday.start == dt.date(2016, 10, 11)
    # Known gaps, left out: the El Adde pages split by type (a suicide car bomb to the wire,
    # a base overrun to the Kenyan outlets); the undated accounts v1-u and k1-u; the Berlin
    # manhunt's sentence, placed nowhere, joins the Ankara shooting of that day. The undated
    # accounts k2-u (at Breitscheidplatz) and k4-u (at Zaventem and Maelbeek) are linked by
    # their claims placed at the event's towns, which they name otherwise than its place.
    _each_in_one_event(
        told,
        {"v3-a", "v3-b", "v3-c", "v3-u"},
        {"k1-a", "k1-b", "k1-c"},
        {"k2-a", "k2-b", "k2-c", "k2-u"},
        {"k4-a", "k4-b", "k4-c", "k4-u"},
        {"k5-a", "k5-b", "k5-u"},
    )
    nice = next(e for e in events if {"k1-a", "k1-b"} <= {tag[a] for a in _articles(e)})
    assert nice.place is not None and nice.place.country == "FRA"
    assert nice.sub_event_type == "Attack"


PAGES_2023 = Path(__file__).parent / "data" / "pages_2023.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_twelve_incidents_of_2022_to_2024_each_in_one_event(tmp_path, mode):
    """Fifty-two pages we wrote on twelve incidents of 2022-2024 (Dnipro, Hroza, Jabalia,
    Nuseirat, a ship in the Gulf of Aden, Kyiv's children's hospital; Ardamata, Wad
    al-Nourah, Barsalogho, Mogadishu's Hayat hotel, Bajaur, Homs' military academy), each
    told by a wire, an outlet of one side, a follow-up with another incident in a paragraph,
    and an undated page; four pages of other incidents in the same towns or days. What they
    showed, fixed: a lead ending "in one of the deadliest assaults on civilians since the war
    began" had been dropped as background; a follow-up "on Tuesday ended their search of the
    building destroyed in Saturday's missile strike" was dated Tuesday; "Kiev" was the
    province, not the capital; "Gezira state" was in no gazetteer."""
    store = sitrep.open_store(f"sqlite:///{tmp_path / 's.db'}")
    sitrep.run([str(PAGES_2023)], store, mode=mode)
    tag = {a.id: a.url.rsplit("/", 1)[1] for a in store.articles.iter()}
    events = list(store.events.iter())
    told = [{tag[a] for a in _articles(e)} for e in events]
    for name in ("nu", "rs", "kk", "mg", "ab"):
        pages = {f"{name}-{x}" for x in "abcu"}
        assert any(pages <= t and {p.split("-")[0] for p in t} == {name} for t in told), name
    # Known gaps, left out: undated pages whose own claims found an event at a village the
    # gazetteer lacks (wm-u, bk-u) or that tell neither type nor toll (ja-u, gn-u); the
    # Russian state outlet's "collapse" of the Dnipro block (dn-b); Barsalogho's second
    # outlet in full mode (bk-b); side claims that carry a second incident's page into the
    # first's event (ja2-a, hm2-a)
    for pages in (
        {"dn-a", "dn-c", "dn-u"},
        {"kh-a", "kh-b", "kh-c", "kh-u"},  # kh-u writes "Kupiansk", the event "Kupyansk"
        {"ja-a", "ja-b", "ja-c"},
        {"gn-a", "gn-b", "gn-c"},
        {"wm-a", "wm-b", "wm-c"},
        {"bk-a", "bk-c"},
        {"hm-a", "hm-b", "hm-c", "hm-u"},
    ):
        assert any(pages <= t for t in told), sorted(pages)
    dnipro = next(e for e in events if {"dn-a", "dn-c"} <= {tag[a] for a in _articles(e)})
    assert dnipro.start == dt.date(2023, 1, 14)
    lead = [
        c
        for c in store.claims.iter()
        if tag[c.article_id] == "wm-a" and c.casualties.killed and c.casualties.killed.best
    ]
    assert any(c.casualties.killed.best == 104 for c in lead)  # the lead, no longer background


PAGES_D = Path(__file__).parent / "data" / "pages_2016_d.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_twelve_incidents_of_2016_with_undated_accounts_and_distractors(tmp_path, mode):
    """Seventy-two pages we wrote on twelve incidents of 2016 (Quetta's police college,
    Besiktas, Cairo's cathedral chapel, Mogadishu's port, Kabul's American University, the
    Gulshan cafe; Qaraqosh, Sirte, al-Zaydiyah, Kunduz, eastern Aleppo on 23 September, the
    Security Council's session on it), each told by a wire, another outlet, a follow-up with
    another incident in a paragraph, a reaction and an undated account, and six distractors:
    other incidents in the same cities within days. What they showed, fixed: an undated
    account naming only a quarter the reports name ("Bustan al-Qasr", "Gulshan") or close to
    a one-page incident in its town was linked to nothing; so was one spelling the town
    otherwise ("Karakosh", "Qunduz") or naming a quarter a one-page arrest event of the next
    day also names ("Macka")."""
    told = _told_by_event(tmp_path, PAGES_D, mode)
    # Known gaps, left out: Istanbul's Sultangazi shooting linked to the Besiktas bombing two
    # days later; the Coptic outlet's "massacre" page placed at namesakes abroad (gc-b); the
    # Kabul checkpoint page whose aside on the university attack carries it there (gv-a); the
    # rebel shelling of western Aleppo joined to the air strikes on the east the same day
    # (hx-a); the Security Council session scattered among the bombing's events (hf-*);
    # reactions placed at the speaker's city (hb-d); an undated account that names neither
    # the event's place nor a town its reports name ("AUAF", ge-u)
    _each_in_one_event(
        told,
        {"ga-a", "ga-b", "ga-c", "ga-d", "ga-u"},
        {"gb-a", "gb-b", "gb-c", "gb-d", "gb-u"},
        {"ha-a", "ha-b", "ha-c", "ha-u"},
        {"gf-a", "gf-b", "gf-c", "gf-d", "gf-u"},
        {"hb-a", "hb-b", "hb-c", "hb-u"},
        {"hc-a", "hc-b", "hc-d", "hc-u"},
        {"hd-a", "hd-b", "hd-c", "hd-d", "hd-u"},
        {"he-a", "he-b", "he-c", "he-d", "he-u"},
    )
    for distractor, incident in (("gx", "ga"), ("hz", "hc"), ("hv", "hb"), ("hw", "hd")):
        assert not any(f"{distractor}-a" in t and f"{incident}-a" in t for t in told), distractor


PAGES_E = Path(__file__).parent / "data" / "pages_2016_e.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_eight_more_incidents_of_2016_written_after_the_rules(tmp_path, mode):
    """Forty-six pages we wrote on eight incidents of 2016 once this session's rules stood
    (Tokhar, Kabul's Dehmazang march, Ankara's Kizilay, the Security Council's resolution
    2286, Aden's recruits, Charsadda's university, Jarabulus, al-Waer's evacuation), each
    told five ways as before, and six distractors. At the start 0.843 / 0.821 (full mode,
    scored like news_dev). What they showed, fixed: an evacuation told as people who "left
    the district aboard buses" or "were evacuated from" it made no claim; "Mansourah" of an
    undated account is the event's "al-Mansoura"."""
    told = _told_by_event(tmp_path, PAGES_E, mode)
    # Known gaps, left out: the Jarabulus capture split between claims placed at Turkey (the
    # story's main country, named bare beside the town) and at Ankara (the capital speaking
    # for its government); the vote on resolution 2286 whose pages join the hospital strike
    # they recall; the SDF's street fighting in Manbij joined to the Tokhar strikes the next
    # night; undated accounts naming a square or a university's initials (ib-u, if-u)
    _each_in_one_event(
        told,
        {"ib-a", "ib-b", "ib-c", "ib-d"},
        {"ic-a", "ic-b", "ic-c", "ic-d", "ic-u"},
        {"ie-a", "ie-b", "ie-c", "ie-d", "ie-u"},
        {"if-a", "if-b", "if-c", "if-d"},
        {"ih-a", "ih-b", "ih-c", "ih-d", "ih-u"},
    )
    for distractor, incident in (("iy", "ib"), ("iw", "ie"), ("it", "ih"), ("iz", "ic")):
        assert not any(
            f"{distractor}-a" in t and {f"{incident}-b", f"{incident}-d"} <= t for t in told
        ), distractor


PAGES_F = Path(__file__).parent / "data" / "pages_2016_f.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_evacuations_sessions_and_killings_of_2016_around_damascus_and_aleppo(tmp_path, mode):
    """Forty-six pages we wrote on eight incidents of 2016 close in place and time (the
    evacuations of Moadamiyeh and of Qudsaya six days apart, Adnani's killing near al-Bab,
    the Security Council on Aleppo on 30 November, Sheikh Saeed's capture, the Bab al-Nairab
    water station, Badreddine's killing at Damascus airport, the Kerry-Lavrov session of 21
    September), each told five ways, and six distractors in the same towns within days. At
    the start 0.729 / 0.869 (full mode, scored like news_dev). What they showed, fixed: an
    evacuation told as people "leaving the towns under a deal", buses that "transported the
    gunmen", people "put on buses" or "forcibly displaced from" a town made no evacuation
    claim, or an attack one (the evacuated gunmen); such a claim was placed where the buses
    went ("towards Idlib province"); "shelling had intensified since the start of October"
    founded an event; "a high-level meeting of the UN Security Council" was no session, nor a
    session at which someone said what "must" happen."""
    told = _told_by_event(tmp_path, PAGES_F, mode)
    # Known gaps, left out: Adnani's killing told by Moscow's claim and by analysts (mc-b,
    # mc-d), a killing's undated profiles (mc-u, mg-u); the Kerry-Lavrov session whose pages
    # recall the convoy strike two days before (mh-*); rebel shelling of western Aleppo
    # joined to the session on the east (mz-a); the next day's strikes on other quarters of
    # Aleppo joined to the water station's (mt-a)
    _each_in_one_event(
        told,
        {"ma-a", "ma-b", "ma-d"},
        {"mb-a", "mb-b", "mb-c", "mb-d"},
        {"me-a", "me-b", "me-c", "me-d"},
        {"mf-a", "mf-b", "mf-c", "mf-d", "mf-u"},
        {"md-a", "md-b", "md-c"},
    )
    for distractor, incident in (("mx", "mb"), ("my", "mc"), ("mv", "mg"), ("mw", "me")):
        assert not any(f"{distractor}-a" in t and f"{incident}-a" in t for t in told), distractor
    assert not any({"ma-a", "mb-a"} <= t for t in told)  # two evacuations six days apart


PAGES_G = Path(__file__).parent / "data" / "pages_2016_g.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_failed_vote_an_assassination_an_evacuation_and_a_school_shelling_of_2016(tmp_path, mode):
    """Forty-six pages we wrote on eight incidents of 2016 and 2015 (the capture of Jabal
    Badro and Sakhour, Zahran Alloush's killing, the shelling of a school in al-Hamdaniya,
    the evacuation of Khan al-Shih, the special forces' entry into Mosul, the Haydan school
    strike, the Council's failed vote on a South Sudan arms embargo, Nahed Hattar's killing
    in Amman), each told five ways, and six distractors in the same places within days. At
    the start 0.771 / 0.768 (full mode, scored like news_dev). What they showed, fixed: a
    draft that "failed in the Security Council" after members "abstained" was no vote (and
    "would have imposed" made it a plan); "shot dead outside the court, where he was due to
    stand trial" and "buses took the fighters out under a deal that will move them" were
    plans too; buses "taking" people "out of" a town and people who "left as part of a
    settlement agreement" (gunmen among them) were no evacuation; "al-Hamdaniya" of western
    Aleppo was Iraq's; a session told on ("Speaking at a Security Council meeting, ...")
    or in a report of the fighting, and a statement made at one, stayed apart from it; a
    headline joined the day before's strike nearby instead of its own lead."""
    told = _told_by_event(tmp_path, PAGES_G, mode)
    # Known gaps, left out: the capture told as two (Jabal Badro on Sunday, Sakhour on
    # Monday: a quarter a day is an event of its own here), Alloush's killing as the army's
    # "precision operation" (typed a change of group by the model) and as the opposition's
    # "said on Monday that the killing ...", pages whose lead is a newer incident (the
    # displaced shelled in Jub al-Qubba, the rebels' offensive), the analysis of the
    # evacuations, the prosecutors' charges against Hattar's killer
    _each_in_one_event(
        told,
        {"pc-a", "pc-d", "pc-u"},
        {"nd-a", "nd-b", "nd-c", "nd-u"},
        {"pd-a", "pd-b", "pd-d", "pd-u"},
        {"nc-a", "nc-b", "nc-c", "nc-d", "nc-u"},
        {"pb-a", "pb-b", "pb-c", "pb-d", "pb-u"},
        {"pa-a", "pa-b", "pa-c"},
    )
    # the Haydan strike told in the next market strike's report: the report is in both
    assert any({"pb-a", "py-a"} <= t for t in told)
    assert any("py-a" in t and "pb-a" not in t for t in told)
    assert not any({"pc-a", "pz-a"} <= t for t in told)  # two votes on South Sudan
    assert not any({"nb-a", "ny-a"} <= t for t in told)  # Alloush, and mortars a day later


PAGES_H = Path(__file__).parent / "data" / "pages_2016_h.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_governor_killed_by_a_car_bomb_and_an_evacuation_of_2015_are_one_event_each(
    tmp_path, mode
):
    """Forty-six pages we wrote on eight incidents of 2015 and 2016 (the Maarat al-Numan
    hospital, the shelling of Sheikh Maqsoud, the rebels' capture of Souran, resolution
    2336, the Aden governor's killing, the Zabadani and Foua evacuations, Turkey's shelling
    around Azaz, the Raso strike in Somalia), told five ways each, with six distractors; at
    the start 0.857 / 0.704 (0.871 / 0.702 with ``--mode rules``). What they showed, fixed:
    "officials on Monday were counting the cost of the assassination of the governor, whose
    motorcade was torn apart by a car bomb a day earlier" dated the bombing Monday, so the
    page founded an event of its own."""
    told = _told_by_event(tmp_path, PAGES_H, mode)
    # Known gaps, left out: the Maarat al-Numan hospital and Azaz struck the same day, and
    # Turkey's shelling around Azaz, in one event; the Raso camp placed by the capital it is
    # 200 km from; the Castello road clashes joined to the shelling of Sheikh Maqsoud
    _each_in_one_event(
        told,
        {"ra-a", "ra-b", "ra-c", "ra-d", "ra-u"},
        {"rb-a", "rb-b", "rb-c", "rb-d", "rb-u"},
        {"qb-a", "qb-b", "qb-c", "qb-d", "qb-u"},
    )
    # the checkpoint bombing weeks later is its own event, though its page recalls the killing
    assert any("rx-a" in t and "ra-a" not in t for t in told)


PAGES_I = Path(__file__).parent / "data" / "pages_2016_i.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_lift_bomb_two_votes_of_one_day_and_an_evacuation_beside_other_violence_of_2016(
    tmp_path, mode
):
    """Fifty-two pages we wrote on eight incidents of 2016 (a commander killed by a bomb in
    a Donetsk lift, Dabiq taken from Islamic State, the Kunduz raid, the Aleppo veto of 8
    October, the evacuation of al-Tal, Fallujah's government complex retaken, the Kabul twin
    bombings, resolution 2334), told five ways each, with twelve distractors in the same
    places within days, most of which recall the incident beside them. At the start 0.89 /
    0.69 in either mode, scored like news_dev. What they showed, fixed: "killed by a bomb
    planted in the lift" was no bombing, nor "wrested control of" a capture, nor fighters
    who "left ... bound for Idlib" an evacuation; "the town of Douma ... outside Damascus"
    was placed at Damascus and "Saqlawiya, north-west of Fallujah" in Syria; "clearing
    explosives on Tuesday, two days after they captured the village" dated the capture
    Tuesday; shelling of the next day in a town nearby joined the bomb by the night's slack;
    the Council's vote on settlements and its failed vote on South Sudan, the same Friday,
    were one event; a page's vote with no day of its own in its lead made no claim."""
    told = _told_by_event(tmp_path, PAGES_I, mode)
    # Known gaps, left out: the separatists' "has been assassinated ..., his comrades
    # confirmed on Monday morning" dated by the confirming; the Kunduz checkpoint attack the
    # next night joined to the raid; distractors that retell the incident beside them in a
    # sentence of their own ("On Monday, a suicide bomber ... killed at least 24") are in
    # its event too
    _each_in_one_event(
        told,
        {"sa-a", "sa-c", "sa-d", "sa-u"},
        {"sb-a", "sb-b", "sb-c", "sb-d", "sb-u"},
        {"se-a", "se-b", "se-c"},
        {"sf-a", "sf-b", "sf-c", "sf-u"},
        {"sh-a", "sh-b", "sh-c", "sh-d"},
        {"sg-a", "sg-b", "sg-c", "sg-d", "sg-u"},
    )
    # the shelling of Donetsk's districts and of Avdiivka in the days after the bomb, the
    # attack on Amiriyat al-Fallujah, and South Sudan's failed embargo are events of their own
    _apart(told, ("sx", "sa-a"), ("sz", "sa-a"), ("sr", "sf-a"), ("sp", "sh-a"))


PAGES_J = Path(__file__).parent / "data" / "pages_2016_j.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_city_entered_as_its_holders_left_and_a_resolution_backed_unanimously_of_2016(
    tmp_path, mode
):
    """Fifty-two pages we wrote on eight incidents of 2015-2017 (Samir Kuntar's killing in
    Jaramana, the Maarat al-Numan market strikes, the Aleppo veto of 5 December, Mukalla
    retaken from al-Qaeda, Ramadi's government complex, a rocket strike on Kilis, the Wadi
    Barada evacuation, resolution 2268), five pages each, twelve distractors; 0.86 / 0.854 as
    they came (0.83 / 0.817 with ``--mode rules``). What they showed, fixed: "government forces
    entered the port city of Mukalla on Sunday as al Qaeda militants ... withdrew" was no
    capture; "the council gave its unanimous backing late on Friday to the ... arrangement"
    was no vote, and "Meeting at U.N. headquarters, the 15 council members approved
    resolution 2268", going on from it with no day of its own, made no claim."""
    told = _told_by_event(tmp_path, PAGES_J, mode)
    # Known gaps, left out: "Maarat al-Numan" unknown to the gazetteer as written (found only
    # with its province beside it), "Residents of ... held mass funerals" read as the mourners'
    # home town; undated pages linked by a city they name only as a time zone ("midnight
    # Damascus time") or by generic words; a follow-up led by mine clearance typed a capture
    _each_in_one_event(
        told,
        {"td-a", "td-b", "td-d"},
        {"th-a", "th-b"},
        {"tc-a", "tc-c", "tc-d"},
        {"tg-a", "tg-b", "tg-d"},
    )


PAGES_K = Path(__file__).parent / "data" / "pages_2016_k.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_shrine_bombings_a_police_college_siege_and_a_siege_broken_of_2016(tmp_path, mode):
    """Fifty-two pages we wrote on eight incidents of 2016 (the Sayyida Zeinab bombings and
    the Homs bombings of the same Sunday, the truck bomb on pilgrims near Hilla, the Karte
    Sakhi shrine attack in Kabul, the Quetta police college siege, the Shah Noorani shrine
    bombing, the government's jets over Hasakah, the Aleppo siege broken at Ramouseh), five
    pages each, twelve distractors; 0.90 / 0.781 as they came, in either mode. What they
    showed, fixed: "the al-Zahraa district of Homs" was placed at a namesake by Nubl; "the
    first time that Damascus has turned its air force on the Kurds" placed the raids on
    Hasakah at the capital, as "a Pentagon spokesman told reporters in Washington" did a
    sentence about them; a base "on the road to Qamishli" placed them at Qamishli, and
    "artillery on Kawkab mountain east of the city" in Syria at large; a bomb in Balkh "a
    day after a deadly attack on a shrine in Kabul" was placed in Kabul; a shopkeeper "who
    gave his name as Hamid" was a place; "insurgent forces stormed the artillery and
    armament colleges" was no capture, and the colleges were shelling; a page led by a
    grenade attack in Khuzdar five days after the shrine bombing it recalls was linked to
    the bombing."""
    told = _told_by_event(tmp_path, PAGES_K, mode)
    # Known gaps, left out: pages on the two bombings of 21 February that tell each other
    # are in both events, as are recaps of an earlier bombing in a city (a page on the
    # Quetta siege recalling the hospital bombing of August); some undated accounts link to
    # nothing; the siege's follow-ups (the first lorries "through the corridor rebels opened
    # at the weekend", a live page whose only claim is rallies "to celebrate the Aleppo
    # advance", placed at Aleppo) join it in full mode only
    _each_in_one_event(
        told,
        {"ca-a", "ca-b", "ca-c", "ca-d"},
        {"cb-a", "cb-b", "cb-c", "cb-d"},
        {"cc-a", "cc-b", "cc-c", "cc-d"},
        {"cd-a", "cd-b", "cd-c", "cd-d"},
        {"ce-a", "ce-b", "ce-c", "ce-d"},
        {"cf-a", "cf-b", "cf-c", "cf-d"},
        {"cg-a", "cg-b", "cg-c", "cg-d"},
        {"ch-a", "ch-b"},
    )
    # a grenade in Khuzdar, an earlier double bombing in Homs, mortars on Damascus, the
    # Hasakah truce, a roadside bomb in Quetta, the Hilla tanker bomb of March and a truck
    # bomb in Qamishli are events of their own
    _apart(
        told,
        ("cs-a", "cf-a"),
        ("cy-a", "cb-a"),
        ("cz-a", "ca-a"),
        ("cq-a", "cg-a"),
        ("ct-a", "ce-a"),
        ("cv-a", "cc-a"),
        ("co-a", "cg-a"),
    )


PAGES_L = Path(__file__).parent / "data" / "pages_2016_l.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_general_assembly_vote_a_live_page_and_two_bombings_of_one_base_of_2016(tmp_path, mode):
    """Fifty-two pages we wrote on eight incidents of 2016 (the missiles on hospitals in Azaz
    and Maarat al-Numan, the Russian helicopter shot down over Idlib, the second bombing of
    the as-Solban base in Aden, the Zliten police college truck bomb, the Kabul truck bomb of
    19 April, the Madagali market bombing, Islamic State's attack on Turkish troops at al-Bab
    and the General Assembly's vote on a Syria evidence body, both of 21 December), five pages
    each, twelve distractors; 0.89 / 0.767 as they came (0.90 / 0.767 with ``--mode rules``).
    What they showed, fixed: "the General Assembly voted on Wednesday to create a body" and
    "adopted by 105 votes to 15" were no votes; a live page, newest entry first, dated every
    entry by the "Monday's killing" of its top one, and its entry "20:05 - Result: the
    General Assembly adopts the resolution" was a remark; a survivor's account of "that Sunday
    in December" fitted the bombing of the base a week before as well. Later (with
    ``pages_2016_m``): a lead telling the vote as "in a vote" made no vote claim, and a page
    placing it "in New York" stood apart from it."""
    told = _told_by_event(tmp_path, PAGES_L, mode)
    # Known gaps, left out: pages on the base bombing and on the al-Bab attack that recall
    # the earlier bombing or the strikes of the next day are in those events too; the undated
    # account of the vote is linked to nothing; a follow-up whose claims are the funerals and
    # the marches is linked to nothing
    _each_in_one_event(
        told,
        {"da-a", "da-b", "da-c", "da-d", "da-u"},
        {"db-a", "db-b", "db-c", "db-u"},
        {"dc-a", "dc-b", "dc-c", "dc-d"},
        {"dd-a", "dd-b", "dd-d", "dd-u"},
        {"de-a", "de-b", "de-c", "de-d"},
        {"df-a", "df-b", "df-c", "df-d", "df-u"},
        {"dg-a", "dg-c", "dg-d", "dg-u"},
        # "backed the creation of a body on Wednesday, in a vote that Damascus denounced" is
        # a vote; "passed by 105 votes to 15 in New York" the only sitting of its day
        {"dh-a", "dh-b", "dh-c", "dh-d"},
    )
    # the first bombing of the base a week before, a magnetic bomb in Kabul five days after
    # the truck bomb, the Maiduguri market bombing two days after Madagali's, an ambush in
    # Takhar, a checkpoint attack in Aden, a car bomb near al-Bab, the Security Council's vote
    # of two days before and the capture of Menagh air base are events of their own
    _apart(
        told,
        ("dw", "dc-d"),
        ("dt", "de-a"),
        ("ds", "df-a"),
        ("dr", "de-a"),
        ("dv", "dc-a"),
        ("do", "dg-a"),
        ("dp", "dh-a"),
        ("dz", "da-a"),
    )


PAGES_M = Path(__file__).parent / "data" / "pages_2016_m.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_veto_told_on_a_live_page_and_an_assault_told_by_survivors_of_2016(tmp_path, mode):
    """Fifty-two pages we wrote on eight incidents of 2016 and 2017 (the Sultanahmet bombing,
    the Lahore park bombing, the fall of Khan Tuman, Islamic State's assault on Deir ez-Zor,
    the Sadr City market bombing, the killing of Amjad Sabri, the recapture of Qayyarah and
    the Security Council's veto of sanctions over chemical weapons), five pages each, twelve
    distractors; 0.98 / 0.86 as they came, in either mode. What they showed, fixed: a live
    page's "17:40 - Russia and China have vetoed the resolution" took no part in the veto (an
    entry's day did not let a vote found or join an event, and it shared too few words with
    the wire's lead); an undated account's "Weeks after the vote, nerve gas killed dozens in
    Khan Sheikhoun" followed the vote into its event, which then called the veto a chemical
    attack; "The assault on the north-western edge of Deir ez-Zor" was no event, and "A
    monitoring group in Britain counted 135 dead" placed the massacre in Britain; "new air
    strikes on Aleppo despite a partial truce brokered last week" were dated the week
    before, where they met the fall of Khan Tuman."""
    events = _events_told(tmp_path, PAGES_M, mode)
    told = [t for _e, t in events]
    # Known gaps, left out: distractors that recall the incident beside them in one sentence
    # ("The attack came a day and a half after a suicide bomber killed 10 German tourists in
    # Istanbul's historic Sultanahmet square") are in its event too
    _each_in_one_event(
        told,
        {"ea-a", "ea-b", "ea-c", "ea-d", "ea-u"},
        {"eb-a", "eb-b", "eb-c", "eb-d", "eb-u"},
        {"ec-a", "ec-b", "ec-c", "ec-d", "ec-u"},
        {"ed-a", "ed-b", "ed-c", "ed-d", "ed-u"},
        {"ee-a", "ee-b", "ee-c", "ee-d", "ee-u"},
        {"ef-a", "ef-b", "ef-c", "ef-d", "ef-u"},
        {"eg-a", "eg-b", "eg-c", "eg-d", "eg-u"},
        {"eh-a", "eh-b", "eh-c", "eh-d", "eh-u"},
    )
    assert _sitting_of(events, {"eh-a", "eh-d"}).plover == "REJECT"
    # an IS raid on al-Mayadeen, mortars on Deir ez-Zor before the assault, strikes on a
    # market in al-Atarib, a kidnapping in Karachi, car bombs on troops at Qayyarah, a Kilis
    # rocket and the Homs bombings of three days before the veto are events of their own
    _apart(
        told,
        ("ev", "ed-a"),
        ("eu", "ed-a"),
        ("ew", "ec-a"),
        ("es", "ef-b"),
        ("eq", "eg-b"),
        ("ez", "ea-a"),
        ("eo", "eh-a"),
        ("ee-d", "ec-a"),
    )


PAGES_N = Path(__file__).parent / "data" / "pages_2016_n.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_resolution_told_by_its_number_a_town_retaken_and_a_hotel_named_in_french(tmp_path, mode):
    """Fifty-two pages we wrote on eight incidents of 2015-2017 (the bombing of Tolo TV's
    staff bus in Kabul, the Grand-Bassam beach attack, the Lido beach restaurant siege in
    Mogadishu, the Ouagadougou hotel attack, the Security Council's resolution 2254, Hit
    retaken from Islamic State, the first convoy out of al-Waer, the killing of Jo Cox),
    five pages each, twelve distractors; 0.90 / 0.861 as they came (0.89 / 0.927 with
    ``--mode rules``). What they showed, fixed: "all 15 members raised their hands for a
    resolution calling for talks next month" was a plan for the future, and "Friday's
    resolution 2254, agreed in New York" no vote; "Government forces, backed by coalition air
    strikes, announced that they had taken back Hit" was an air strike ("taken back" was no
    capture, and the support an operation had typed it); "Green buses have been seen
    entering al-Waer" was no evacuation; "near the Etoile du Sud", a hotel, was a town in
    France on a live page that quotes Paris."""
    events = _events_told(tmp_path, PAGES_N, mode)
    told = [t for _e, t in events]
    # "Heet", Hit as Reuters spells it, is no gazetteer name: "the streets of Heet" finds it,
    # its later mentions are that town too, and it is looked up loosely in Iraq, so that
    # page is in Hit's event. The live page on the Lido siege no longer lends its entry on
    # Washington's statement to the siege's toll, and joins it. Known gaps, left out: the
    # live page on Hit joins neither incident; the undated page on the Lido siege is linked
    # to none (the live page brings "Medina hospital in Mogadishu", read as Medina, Ohio, to
    # the siege's event); distractors recalling the incident beside them are in its event
    _each_in_one_event(
        told,
        {"fa-a", "fa-b", "fa-c", "fa-d", "fa-u"},
        {"fb-a", "fb-b", "fb-c", "fb-d", "fb-u"},
        {"fc-a", "fc-b", "fc-c", "fc-d"},
        {"fd-a", "fd-b", "fd-c", "fd-d", "fd-u"},
        {"fe-a", "fe-b", "fe-c", "fe-d", "fe-u"},
        {"ff-a", "ff-b", "ff-c", "ff-u"},
        {"fg-a", "fg-b", "fg-c", "fg-d"},
        {"fh-a", "fh-b", "fh-c", "fh-d", "fh-u"},
    )
    assert _sitting_of(events, {"fe-a", "fe-b"}).plover == "AGREE"
    # a sticky bomb in Kabul four days on, a robbery shootout in Abidjan three days before,
    # mortars on Mogadishu, a checkpoint bombing near Haditha and the air strike that killed
    # Zahran Alloush a week after the vote are events of their own
    _apart(told, ("fx", "fa-a"), ("fz", "fb-a"), ("fw", "fc-a"), ("fs", "ff-a"), ("fr", "fe-a"))


PAGES_O = Path(__file__).parent / "data" / "pages_o.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_crowd_under_fire_and_live_pages_with_news_from_abroad(tmp_path, mode):
    """Fifty-two pages we wrote on eight incidents of 2016-2024 outside the Levant's 2016 (the
    air strike on the Rann camp, the Kangaba resort attack near Bamako, the Kremenchuk
    shopping centre, the Togoga market in Tigray, Pazigyi in Sagaing, the Rwangoma killings
    in Beni, the Dhamar detention centre, the crowd waiting for aid at the Nabulsi
    roundabout), five pages each, twelve distractors; 0.92 / 0.917 as they came (0.95 /
    0.867 with ``--mode rules``). What they showed, fixed: "Israeli forces opened fire on a
    crowd waiting for food deliveries" and "a crowd ... came under Israeli fire" told no
    event, so the Gaza reports' tolls scattered over a vote and a protest."""
    events = _events_told(tmp_path, PAGES_O, mode)
    told = [t for _e, t in events]
    # Known gaps, left out: the live pages on Rann and Kangaba, the follow-up and the undated
    # page on Pazigyi and the undated page on Dhamar join no incident's event; distractors
    # recalling the incident beside them (a university bombing the day before Rann, the raid
    # on Rann two days later, a plane downed the day after Togoga, a strike in Rafah the day
    # after the aid killings) are in its event
    _each_in_one_event(
        told,
        {"ga-a", "ga-b", "ga-c", "ga-u"},
        {"gb-a", "gb-b", "gb-c", "gb-u"},
        {"gc-a", "gc-b", "gc-c", "gc-d", "gc-u"},
        {"gd-a", "gd-b", "gd-c", "gd-d", "gd-u"},
        {"ge-a", "ge-b", "ge-d"},
        {"gf-a", "gf-b", "gf-c", "gf-d", "gf-u"},
        {"gg-a", "gg-b", "gg-c", "gg-d"},
        {"gh-a", "gh-b", "gh-c", "gh-d", "gh-u"},
    )
    # a gendarmerie post raided near Banamba, strikes on Kremenchuk's refinery nine days
    # before, MSF staff killed near Abi Adi, villages burnt in Kyunhla, farmers killed near
    # Oicha, an ambush near Mbau, a car hit near Maabar and a home struck in Zeitoun are
    # events of their own
    _apart(
        told,
        ("gw", "gb-a"),
        ("gx", "gc-a"),
        ("gz", "gd-a"),
        ("gs", "ge-a"),
        ("gt", "gf-a"),
        ("gr", "gf-a"),
        ("go", "gg-a"),
        ("gq", "gh-a"),
    )


PAGES_Q = Path(__file__).parent / "data" / "pages_q.jsonl"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_capital_named_by_its_country_and_local_names_read_as_towns_abroad(tmp_path, mode):
    """Fifty-two pages we wrote on eight incidents of 2017-2023 (the Ogossagou massacre, the
    Dasht-e-Barchi maternity ward attack, the Zobe truck bombing in Mogadishu, the school bus
    struck in Dahyan, the Peshawar Police Lines mosque, Kramatorsk's railway station, the
    Pulwama convoy bombing, the Tajoura detention centre), five pages each, twelve
    distractors; 0.94 / 0.925 as they came. What they showed, fixed: "In Hodan district" was
    read as a name "In Hodan", placed at the country the page's other names led to, Turkey,
    and counted again as a vote for it; "Medina hospital" and "Madina district" were
    Madinah in Saudi Arabia; "according to Mogadishu police spokesman ..." made "Mogadishu" a
    source's name and no place; "By Hassan Warsame" was Hassan in India; "the Somali
    capital" was somewhere in Somalia; "pressure on Islamabad" in an Indian report was
    Anantnag, also called Islamabad; "the plain of Seno" in Mali was a town in Laos; the
    health ministry's seat, Sanaa, placed the toll it gave; "an air force plane carrying the
    coffins" was an air strike; a page's claim with no fact of its own in one of two events
    told them apart."""
    events = _events_told(tmp_path, PAGES_Q, mode)
    told = [t for _e, t in events]
    # The live page on Dahyan joins the strike: its event and the one the other reports
    # founded at Saada that day were kept apart by a page whose only claim in one of them was
    # UNICEF's "no excuses left for the killing of children in Yemen". Known gaps, left out:
    # the undated page on Ogossagou (the village is no gazetteer name) joins no incident's
    # event; distractors recalling the incident beside them (Kharkiv shelled three days
    # after Kramatorsk, a missile intercepted over Jizan two days after Dahyan) are in its
    # event
    _each_in_one_event(
        told,
        {"ha-a", "ha-b", "ha-c", "ha-d"},
        {"hb-a", "hb-b", "hb-c", "hb-d", "hb-u"},
        {"hc-a", "hc-b", "hc-c", "hc-d", "hc-u"},
        {"hd-a", "hd-b", "hd-c", "hd-d", "hd-u"},
        {"he-a", "he-b", "he-c", "he-d", "he-u"},
        {"hf-a", "hf-b", "hf-c", "hf-d", "hf-u"},
        {"hg-a", "hg-b", "hg-c", "hg-d", "hg-u"},
        {"hh-a", "hh-b", "hh-c", "hh-d", "hh-u"},
    )
    # the Dioura camp attack a week before Ogossagou, an IED near Boni, a sticky bomb in
    # Kabul, a roadside bomb near Lafoole, Hodeidah's fish market a week before Dahyan, a
    # checkpoint attacked near Peshawar, Sloviansk shelled two days before Kramatorsk, the
    # Pinglan gunfight, a major killed near the Line of Control and Mitiga airport struck are
    # events of their own
    _apart(
        told,
        ("hr", "ha-a"),
        ("hs", "ha-a"),
        ("ht", "hb-a"),
        ("hu", "hc-a"),
        ("hv", "hd-a"),
        ("hx", "he-a"),
        ("hz", "hf-a"),
        ("ho", "hg-a"),
        ("hp", "hg-a"),
        ("hq", "hh-a"),
    )
