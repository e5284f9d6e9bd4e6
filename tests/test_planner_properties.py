"""Properties over random case histories: no crash, and plan and guard agree."""

from __future__ import annotations

import json
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reinstate.core.case import ContactRecord
from reinstate.core.planner import History, PlannerSettings, check_contact, plan
from tests.planner_support import T0, add_version, builtin, facts, history, out, reply

KNOWLEDGE = builtin()

event = st.one_of(
    st.tuples(
        st.just("out"),
        st.sampled_from(["appeal", "email_reply", "ahs_callback", "escalation_email"]),
        st.sampled_from(["new", "same", "none"]),
        st.booleans(),  # carries a new document
    ),
    st.tuples(
        st.just("in"),
        st.sampled_from(
            ["appeal_denied", "more_information_needed", "reinstated", "other", "deactivation"]
        ),
        st.just(""),
        st.just(False),
    ),
)


@st.composite
def histories(draw: st.DrawFn) -> tuple[History, PlannerSettings, timedelta]:
    case_facts = facts(
        reason=draw(st.sampled_from(["inauthentic", "performance", "product_safety", "other"])),
        marketplace=draw(st.sampled_from(["amazon.com", "amazon.de", "amazon.co.uk", None])),
        notice_kind=draw(st.sampled_from(["deactivation", "warning", "appeal_denied", None])),
        case_ids=draw(st.sampled_from([[], ["1234567890"]])),
    )
    h = history(case_facts, status=draw(st.sampled_from(["open", "awaiting_reply", "denied"])))
    at = T0
    version = 0
    for kind, what, poa, new_doc in draw(st.lists(event, max_size=12)):
        at += timedelta(hours=draw(st.integers(min_value=0, max_value=120)))
        if kind == "in":
            h.contacts.append(reply(what, at))
            continue
        if poa == "new":
            version += 1
            add_version(h, version, at)
        docs: tuple[str, ...] = ()
        if new_doc:
            docs = (f"doc-{len(h.documents)}",)
            h.documents.append(docs[0])
        carried = version if poa != "none" and version else None
        h.contacts.append(out(what, at, poa=carried, docs=docs))
    zone = draw(st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"]))
    tuning = PlannerSettings(
        quiet_hours=draw(st.sampled_from([0, 24, 48, 72])),
        callback_after=draw(st.integers(min_value=1, max_value=3)),
        timezone=zone,
    )
    later = timedelta(hours=draw(st.integers(min_value=0, max_value=24 * 30)))
    return h, tuning, at - T0 + later


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_random_histories_give_a_sound_plan(
    case: tuple[History, PlannerSettings, timedelta],
) -> None:
    h, tuning, offset = case
    now = T0 + offset
    result = plan(h, now, tuning, knowledge=KNOWLEDGE)
    json.dumps(result.contract())
    first = result.actions[0]
    assert not first.uncertain
    if first.until is not None:
        assert first.until > now
    assert result.strikes.used >= 0
    assert result.strikes.left is None or result.strikes.left >= 0
    assert [c.due for c in result.clocks] == sorted(c.due for c in result.clocks)
    if first.channel in ("appeal", "email_reply", "ahs_callback", "escalation_email"):
        # the contact the plan recommends now is one the cadence guard lets through
        sends_plan = first.channel != "ahs_callback"
        latest = max(h.poa_versions, key=lambda v: v.number) if h.poa_versions else None
        sent = {d for c in h.contacts for d in c.documents}
        proposed = ContactRecord(
            channel=first.channel,
            at=now,
            poa_version=latest.number if latest and sends_plan else None,
            documents=[d for d in h.documents if d not in sent] if sends_plan else [],
        )
        verdict = check_contact(h, proposed, now, tuning, knowledge=KNOWLEDGE)
        assert verdict.refused is None, (first.channel, verdict.refused)
