"""Reactions to an event are PLOVER-only claims, not new violent events (reactions.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract.baseline import extract_article
from sitrep.extract.reactions import find_reaction, sitting
from sitrep.extract.story_types import inherit_story_types
from sitrep.model import Article, Claim


def _claims(text: str) -> list[Claim]:
    art = Article(id="r1", text=text, language="en", published=dt.date(2024, 2, 2))
    return sorted(extract_article(art), key=lambda c: c.sentence.start)


@pytest.mark.parametrize(
    ("sentence", "plover"),
    [
        (
            "The defence ministry in Ardan rejected reports of a chemical attack on Tuesday.",
            "REJECT",
        ),
        ("Moscow vetoed the draft resolution on the gas attack in Kessa on Friday.", "REJECT"),
        ("The Taliban condemned Sunday's air strike on Dara village.", "ACCUSE"),
        ("The foreign minister met with envoys in Ardan to discuss the shelling.", "CONSULT"),
        ("Rebels in Kessa demanded an inquiry into the bombing of the market.", "REQUEST"),
        ("Ministers met in Ardan on Saturday but failed to agree a new ceasefire.", "CONSULT"),
    ],
)
def test_a_reaction_keeps_plover_and_drops_the_acled_type(sentence: str, plover: str) -> None:
    (claim,) = _claims(sentence)
    assert claim.event_type is None and claim.sub_event_type is None
    assert claim.plover == plover and claim.type_reason.startswith("reaction")


@pytest.mark.parametrize(
    "sentence",
    [
        "The council failed on Monday to adopt a draft demanding a truce in Kessa after Ardan "
        "cast a veto.",
        "Two permanent members blocked a draft resolution on a truce in Kessa on Monday.",
        # the draft told by the word a diplomat uses
        "The council's attempt to stop the bombing of Kessa collapsed on Friday when Ardan "
        "blocked a French-Spanish text.",
    ],
)
def test_a_vote_is_what_its_sentence_reports_wherever_it_stands(sentence: str) -> None:
    """The truce or the demand the resolution is about comes first; the vote still wins."""
    (claim,) = _claims(sentence)
    assert claim.sub_event_type is None and claim.plover == "REJECT"


def test_a_figure_keeps_the_sentence_an_event_report() -> None:
    (claim,) = _claims("The UN condemned the air strike on Dara, which killed 14 people on Monday.")
    assert claim.sub_event_type == "Air/drone strike" and claim.plover == "ASSAULT"


def test_the_cue_must_come_before_the_trigger() -> None:
    assert find_reaction("Shelling hit the town, which the army denied.", 0) is None
    assert find_reaction("The army denied the shelling of the town.", 21).plover == "REJECT"


def test_a_reaction_does_not_take_the_story_type() -> None:
    claims = _claims(
        "A car bomb killed 9 people at the Kessa market on Monday. "
        "The governor of Ardan condemned the attack on Tuesday."
    )
    inherit_story_types(claims)
    assert claims[0].sub_event_type == "Remote explosive/landmine/IED"
    assert claims[1].sub_event_type is None and claims[1].plover == "ACCUSE"


def test_a_vote_is_a_claim_even_when_it_names_no_violence() -> None:
    (claim,) = _claims("The council rejected two competing resolutions on Kessa on Monday.")
    assert claim.sub_event_type is None and claim.plover == "REJECT"
    assert claim.when is not None and claim.when.start == dt.date(2024, 1, 29)


def test_a_vetoed_text_calling_for_a_truce_is_still_a_vote() -> None:
    (claim,) = _claims(
        "Ardan vetoed a draft resolution on Monday that called for an end to air strikes on Kessa."
    )
    assert claim.plover == "REJECT" and claim.sub_event_type is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Ardan said it would veto any resolution on Kessa.",  # a threat, not a vote
        "It was the fifth veto on the war since it began.",  # a remark with no day of its own
    ],
)
def test_threats_and_remarks_about_vetoes_are_no_claims(sentence: str) -> None:
    assert _claims(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The Security Council held an emergency meeting on Monday on reports of atrocities in "
        "Kessa.",
        "The envoy rebuked Ardan at an emergency session of the Security Council on Monday night "
        "about Kessa.",
    ],
)
def test_a_session_is_a_claim_even_when_it_names_no_violence(sentence: str) -> None:
    (claim,) = _claims(sentence)
    assert claim.sub_event_type is None and claim.plover == "CONSULT"
    assert claim.type_reason.startswith("session")
    assert claim.when is not None and claim.when.start == dt.date(2024, 1, 29)


def test_a_session_named_with_its_body_between_is_a_session() -> None:
    """ "an emergency U.N. Security Council session": the body's name may stand between the
    adjective and the noun."""
    text = (
        "The Kremlin said on Monday that the tone of the envoys during an emergency U.N. "
        "Security Council session on Kessa was unacceptable."
    )
    assert sitting(text) == "session"
    (claim,) = _claims(text)
    assert claim.plover == "CONSULT" and claim.type_reason.startswith("session")


def test_what_was_said_at_a_session_does_not_undo_the_session() -> None:
    """ "told a high-level meeting of the UN Security Council on Monday that the US must ...":
    the modal is the speaker's opinion; the sentence reports the session. A modal before the
    session ("must hold an emergency session") is still no report."""
    (claim,) = _claims(
        "The foreign minister told a high-level meeting of the UN Security Council on Monday "
        "that the truce in Kessa could not be saved and that Ardan must keep its word."
    )
    assert claim.plover == "CONSULT" and claim.sub_event_type is None
    assert claim.when is not None and claim.when.start == dt.date(2024, 1, 29)
    assert (
        _claims("Ardan said on Monday the council must hold an emergency session on Kessa.") == []
    )


def test_a_vote_told_a_week_after_a_deadly_strike_is_the_vote() -> None:
    """The toll belongs to the strike of a week before, told in a clause of another time;
    the sentence reports the vote, with no figure of its own."""
    (claim,) = _claims(
        "The council on Tuesday unanimously adopted a resolution demanding that all sides "
        "protect hospitals, a week after an air strike destroyed a clinic in Kessa and "
        "killed dozens of people."
    )
    assert claim.sub_event_type is None and claim.plover == "AGREE"
    assert claim.casualties.killed is None
    # with no other time between them, a figure keeps the sentence the strike's report
    (claim,) = _claims("The UN condemned the air strike on Dara, which killed 14 on Monday.")
    assert claim.sub_event_type == "Air/drone strike"


def test_a_session_counted_back_from_the_day_of_the_telling() -> None:
    """ "Two days after a bitter emergency session ..., diplomats said on Tuesday": the
    session, which the sentence reports, was on Sunday, not on the day of the telling."""
    (claim,) = _claims(
        "Two days after a bitter emergency session of the Security Council on Kessa, "
        "diplomats said on Tuesday they had few options left, as the bombing went on."
    )
    assert claim.plover == "CONSULT"
    assert claim.when is not None and claim.when.start == dt.date(2024, 1, 28)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ardan maintains that its jets are bombing only terrorist positions in Kessa, the "
        "ministry said on Monday.",
        "The army insists that its air strikes on Kessa hit only militants.",
    ],
)
def test_a_standing_denial_is_no_report_of_the_strikes(sentence: str) -> None:
    """ "Moscow maintains that its aircraft are striking only terrorist targets": what a
    party says of its conduct, not a new air strike."""
    (claim,) = _claims(sentence)
    assert claim.sub_event_type is None and claim.plover == "REJECT"


@pytest.mark.parametrize(
    "sentence",
    [
        "Ardan called for an emergency meeting of the Security Council on Kessa.",  # a request
        "The Council will hold an emergency meeting on Monday to discuss Kessa.",  # to come
        "The minister held a meeting with tribal elders in Kessa on Monday.",  # no session
    ],
)
def test_requests_plans_and_plain_meetings_with_no_violence_are_no_claims(sentence: str) -> None:
    assert _claims(sentence) == []


def test_a_resolution_adopted_is_a_vote_not_the_evacuation_it_is_about():
    text = (
        "The Security Council unanimously adopted a resolution on Monday to send observers to "
        "monitor the evacuation of eastern Kessa."
    )
    assert [(c.sub_event_type, c.plover) for c in _claims(text)] == [(None, "AGREE")]
    assert sitting(text) == "vote"


def test_a_vote_days_before_the_strike_the_sentence_tells_is_not_its_report():
    text = (
        "Jets bombed the hospital in Kessa on Monday, days after the council adopted a resolution."
    )
    assert [(c.sub_event_type, c.plover) for c in _claims(text)] == [
        ("Air/drone strike", "ASSAULT")
    ]


@pytest.mark.parametrize(
    ("sentence", "plover"),
    [
        (
            "A draft that would have imposed an arms embargo on Ardan failed in the United "
            "Nations Security Council on Friday after eight of the 15 members abstained.",
            "REJECT",
        ),
        ("Seven members voted yes and eight abstained on the text on Friday.", "REJECT"),
        ("The council gave its unanimous backing on Friday to the peace plan for Kessa.", "AGREE"),
        ("The council voted unanimously on Friday to extend the mission in Kessa.", "AGREE"),
        # a vote by a count, and a body that "voted ... to" create something
        ("The General Assembly voted on Friday to create a body to gather evidence.", "AGREE"),
        ("On Friday the assembly adopted the text by 105 votes to 15 in New York.", "AGREE"),
        # a vote named after what it decided
        (
            "Over a hundred countries backed the creation of a body on Friday, in a vote that "
            "Kessa denounced.",
            "AGREE",
        ),
        # a resolution by its number, and a show of hands, whatever the text asks for later
        ("Friday's resolution 2254, agreed in New York, calls for talks in Kessa.", "AGREE"),
        (
            "World powers closed ranks late on Friday, when all 15 members of the Security "
            "Council raised their hands for a resolution calling for talks next month.",
            "AGREE",
        ),
    ],
)
def test_abstentions_a_draft_failing_in_the_council_and_a_unanimous_vote_are_votes(
    sentence: str, plover: str
) -> None:
    """Only a vote has abstentions; a draft that "failed in the Security Council" was voted
    down; "would have imposed" is what the draft said, not a plan of the sentence's."""
    (claim,) = _claims(sentence)
    assert claim.sub_event_type is None and claim.plover == plover
    assert claim.type_reason.startswith("vote")
    assert claim.when is not None and claim.when.start == dt.date(2024, 2, 2)


def test_a_session_told_on_from_a_dated_sentence_takes_its_day() -> None:
    """ "Speaking at a Security Council meeting ..., he said" goes on from the dated lead: a
    session with the lead's day. With no dated sentence before it, it stays colour."""
    lead = "The envoy of Ardan on Monday rejected accusations that its jets bombed Kessa. "
    told = (
        "Speaking at a Security Council meeting called by three members, he said the rebels "
        "had used the calm to rearm."
    )
    reply, session = _claims(lead + told)
    assert reply.plover == "REJECT"
    assert session.plover == "CONSULT" and session.type_reason.startswith("session")
    assert session.when is not None and session.when.origin == "previous"
    assert session.when.start == dt.date(2024, 1, 29)
    assert _claims(told) == []


def test_an_appeal_made_at_the_council_is_the_session() -> None:
    """ "called for flights to be grounded ..., in an exchange at the U.N. Security Council":
    the appeal was made at the session, which the sentence reports (an appeal for a session
    is still none: see the requests above)."""
    (claim,) = _claims(
        "The minister accused Ardan on Monday of misleading the world over Kessa and called "
        "for all flights to be grounded, in a bitter exchange at the U.N. Security Council."
    )
    assert claim.plover == "CONSULT" and claim.type_reason.startswith("session")
    assert claim.when is not None and claim.when.start == dt.date(2024, 1, 29)


def test_a_vote_with_no_day_is_the_story_in_the_lead_and_a_remark_after_it():
    """ "The Security Council has condemned ... in a 14-0 vote" opening a page (after its
    byline) reports the vote, with the page's date; the same words further down, after a
    report of something else, are a remark on it."""
    vote = (
        "The Security Council in New York has condemned building in the occupied territories "
        "in a 14-0 vote, with one permanent member abstaining rather than blocking the measure."
    )
    (claim,) = _claims("By A. Writer\n\n" + vote)
    # the vote that adopted the condemnation, its first cue ("in a 14-0 vote")
    assert claim.plover == "AGREE" and claim.sub_event_type is None
    assert (claim.type_reason or "").startswith("vote")
    later = _claims(
        "Rockets hit the border town of Kessa on Friday, killing two farmers and wounding "
        "five others, the mayor said.\n\n" + vote
    )
    assert [c.sub_event_type for c in later] == ["Shelling/artillery/missile attack"]


def test_abstaining_from_work_is_no_vote():
    """Members "abstained" or "abstained from the vote": a vote; lawyers who "abstained from
    the courts" stayed away from work."""
    assert sitting("China abstained from the vote on the text on Friday.") == "vote"
    assert sitting("Lawyers abstained from the courts on Friday in protest.") is None
    # nor is a body asked to give its approval
    assert sitting("He asked the board to give its approval for the handover.") is None


def test_a_vote_with_no_day_goes_on_from_the_sitting_told_before_it():
    """ "Meeting at U.N. headquarters, the 15 members approved resolution 2268 without a vote
    against" after the report of Friday's adoption is more of that vote (Friday's); "Ardan
    has vetoed five resolutions on Kessa" after a report of air strikes is a remark."""
    claims = _claims(
        "The council on Friday unanimously adopted a resolution backing the truce plan for "
        "Kessa.\n\nMeeting at the council's headquarters, the 15 members approved resolution "
        "2268 without a vote against or abstention."
    )
    assert [c.plover for c in claims] == ["AGREE", "AGREE"]
    assert claims[1].when is not None and claims[1].when.start == claims[0].when.start
    remark = _claims(
        "Air strikes killed 20 people in the market of Kessa on Friday, the monitor said.\n\n"
        "Ardan has vetoed five resolutions on Kessa since the war began."
    )
    assert [c.sub_event_type for c in remark] == ["Air/drone strike"]


def test_a_live_entry_that_opens_with_a_vote_reports_it_on_the_pages_day() -> None:
    text = (
        "All times GMT\n\n"
        "21:10 - Qatar's mission welcomes the vote on the evidence body.\n\n"
        "20:05 - Result: the General Assembly adopts the resolution on Kessa by 105 votes to "
        "15.\n\n"
        "17:45 - The hall fills up ahead of the debate. Russia has vetoed five resolutions on "
        "Kessa since the war began."
    )
    votes = [c for c in _claims(text) if (c.type_reason or "").startswith("vote")]
    # the entry's vote, not the remark inside another entry
    assert [c.sentence.text[:5] for c in votes] == ["20:05"]
    assert votes[0].when.start == dt.date(2024, 2, 2) and votes[0].when.origin == "entry"
