"""The actions the planner can recommend, each with its reason and its steps.

Builders only word an action for a situation; which ones apply, and in what order, is
decided in ``planning``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reinstate.core.case import ContactRecord
from reinstate.core.knowledge.loader import Knowledge
from reinstate.core.knowledge.models import ChannelInfo, Marketplace, PoaPart
from reinstate.core.planner.models import Action, PlannerSettings, PoaVersionInfo, Strikes
from reinstate.core.planner.text import CHANNEL_NAMES, plural, when
from reinstate.core.planner.timeline import Timeline

PREVENTION_NOTES = [
    "Keep doing what the preventive measures of your Plan of Action promise, and keep the "
    "records that show it (checklists, supplier files, training dates).",
    "Check Account Health at least once a week and answer any warning inside its window.",
    "Keep invoices and supplier documents from the last 365 days ready; Amazon may ask again.",
    "Watch the next settlements for the funds that were held while the account was deactivated.",
    "Keep this case as it is: if Amazon writes about the same matter again, record it here "
    "instead of opening a new case.",
]


@dataclass
class Situation:
    """What the action builders need to know about the case at this moment."""

    timeline: Timeline
    knowledge: Knowledge
    settings: PlannerSettings
    now: datetime
    market: Marketplace | None
    strikes: Strikes

    def when(self, moment: datetime) -> str:
        return when(moment, self.settings.zone)

    def channel(self, name: str) -> ChannelInfo | None:
        return self.knowledge.channels.get(name)

    def steps_of(self, name: str) -> list[str]:
        info = self.channel(name)
        return list(info.steps) if info else []

    def case_id_text(self) -> str:
        ids = self.timeline.history.facts.case_ids
        return ", ".join(ids) if ids else "from Amazon's message"

    def documents_step(self) -> list[str]:
        facts = self.timeline.history.facts
        wanted = [d for d in facts.requested_documents if d != "plan_of_action"]
        if not wanted:
            return []
        labels = [
            self.knowledge.documents[d].label if d in self.knowledge.documents else d
            for d in wanted
        ]
        return [f"Attach what the notice asks for: {', '.join(labels)}."]

    def must_carry_step(self, name: str) -> list[str]:
        info = self.channel(name)
        if not info or not info.must_carry:
            return []
        return [f"It must carry: {'; '.join(info.must_carry)}."]

    def proposal(self, action: Action) -> ContactRecord:
        """The contact an action would make now, to run it past the cadence guard."""
        latest = self.timeline.latest_version
        sends_plan = action.channel in ("appeal", "email_reply", "escalation_email")
        return ContactRecord(
            channel="note" if action.channel == "wait" else action.channel,
            at=self.now,
            poa_version=latest.number if latest and sends_plan else None,
            poa_sha256=latest.sha256 if latest and sends_plan else None,
            documents=self.timeline.unsent_documents() if sends_plan else [],
        )


def first_appeal(s: Situation) -> Action:
    facts = s.timeline.history.facts
    has_plan = s.timeline.latest_version is not None
    why = (
        "Start with the appeal in Seller Central: it goes straight to Seller Performance, the "
        "team that decides on the account."
    )
    if facts.notice_kind == "warning":
        why += (
            " The account is at risk, not yet deactivated: answer through Account Health "
            "within the window the notice gives."
        )
    first: list[str] = []
    if not has_plan:
        why += " Write the Plan of Action first."
        first.append(
            "Write the Plan of Action (root cause, corrective actions, preventive measures) and "
            "add it to the case, so it is reviewed and kept as version 1."
        )
    path = s.steps_of("appeal")
    reason = s.knowledge.reasons.get(facts.reason)
    if facts.notice_kind == "warning" and reason is not None and reason.warning_appeal_steps:
        # a listing-level notice is answered where Amazon raised it, not in the account appeal
        path = list(reason.warning_appeal_steps)
    steps = first + path + s.documents_step() + s.must_carry_step("appeal")
    return Action(channel="appeal", why=why, steps=steps)


def email_reply(s: Situation, answering: ContactRecord | None = None) -> Action:
    facts = s.timeline.history.facts
    subject = (answering.subject if answering else None) or facts.notice_subject
    message = "Amazon's latest message" if answering else "Amazon's notice e-mail"
    why = (
        f"The alternative to the appeal: reply to {message} with the subject unchanged; the "
        "reply goes to the same Seller Performance queue. Use one of the two for the same "
        "content, not both."
    )
    steps = []
    if subject:
        steps.append(f'Reply to the message "{subject}" and keep that subject exactly.')
    steps += s.steps_of("email_reply") + s.documents_step()
    return Action(channel="email_reply", why=why, steps=steps)


def answer_more_info(s: Situation, reply: ContactRecord | None) -> Action:
    received = f" on {s.when(reply.at)}" if reply else ""
    why = (
        f"Amazon asked for more information{received}. Answer exactly what it asks for, with "
        'the case ID, through "View Appeal" on the same appeal; do not open a new case.'
    )
    steps = [
        "Log in to Seller Central and go to Performance, then Account Health.",
        'Open the appeal and click "View Appeal".',
        "Answer each item Amazon's message asks for, one by one, and nothing else.",
        f"Quote the case ID ({s.case_id_text()}) at the top.",
        *s.documents_step(),
        "Submit, then record the answer in the case.",
    ]
    version = s.timeline.unsent_latest_version()
    if version is not None:
        steps.insert(
            3,
            f"Paste Plan of Action version {version.number}, which has not been sent yet, if "
            "the message asks about the plan.",
        )
    if s.strikes.left == 1:
        steps.insert(
            2, "Only one unsuccessful appeal is left under the notice's limit: send it complete."
        )
    return Action(channel="appeal", why=why, steps=steps)


def send_new_version(s: Situation, version: PoaVersionInfo, denied_at: datetime | None) -> Action:
    since = f" since the denial of {s.when(denied_at)}" if denied_at else ""
    why = (
        f"Plan of Action version {version.number} is new{since} and has not been sent: submit "
        "it on the same appeal in Seller Central."
    )
    steps = [
        "Log in to Seller Central and go to Performance, then Account Health.",
        'Open the appeal with "View Appeal" (or "Reactivate your account" on newer pages).',
        f"Paste Plan of Action version {version.number} and say in one or two lines what "
        "changed since the last version.",
        f"Quote the case ID ({s.case_id_text()}).",
        *s.documents_step(),
        "Submit, then record it in the case.",
    ]
    return Action(channel="appeal", why=why, steps=steps)


def rewrite_first(s: Situation, denial: ContactRecord | None) -> Action:
    facts = s.timeline.history.facts
    on = f" on {s.when(denial.at)}" if denial else ""
    why = (
        f"Amazon denied the appeal{on}. The same Plan of Action will get the same answer: "
        "rewrite it before any further contact."
    )
    steps = ["Read Amazon's answer for what it says is missing or not yet done."]
    reason = s.knowledge.reasons.get(facts.reason)
    if reason:
        titles: dict[PoaPart, str] = {
            "root_cause": "Root cause",
            "corrective_actions": "Corrective actions",
            "preventive_measures": "Preventive measures",
        }
        for part, title in titles.items():
            questions = reason.questions.get(part)
            if questions:
                steps.append(f"{title}: {questions[0].ask}")
    steps += [
        "Add the rewritten plan to the case as a new version; it is reviewed and compared "
        "with the denied one.",
        "Gather any document the denial points to before sending.",
    ]
    return Action(channel="wait", why=why, steps=steps)


def callback(s: Situation, after_appeal: datetime | None = None) -> Action:
    info = s.channel("ahs_callback")
    used = s.strikes.used
    if after_appeal is not None:
        why = (
            f"The appeal of {s.when(after_appeal)} is past the 2 days Amazon states without an "
            f"answer, after {plural(used, 'unsuccessful appeal')}. Ask Account Health Support "
            "to confirm the investigator can see it."
        )
    else:
        why = (
            f"Amazon has answered {plural(used, 'appeal')} without success. A call-back from "
            "Account Health Support cannot overturn Seller Performance, but it can confirm the "
            "reason code, check that the latest appeal and documents are visible, and ask for "
            "a fresh review."
        )
    asks = list(info.asks) if info else []
    steps = s.steps_of("ahs_callback") + [f"Ask: {ask}" for ask in asks]
    return Action(channel="ahs_callback", why=why, steps=steps, asks=asks)


def escalation(s: Situation) -> Action:
    market = s.market
    timeline = s.timeline
    latest = timeline.latest_version
    works = market is not None and market.escalation_status == "works"
    why = (
        "One escalation e-mail per Plan of Action revision: the case ID, what changed, and the "
        "updated plan attached."
    )
    if latest is not None and timeline.version_key(latest) in timeline.denied_keys():
        why += (
            f" Version {latest.number} was already denied: escalate only with the rewritten plan."
        )
    if works and market is not None:
        why += f" The address for {market.name} ({market.escalation_address}) is known to work."
    elif market is not None:
        why += (
            f" The escalation address for {market.name} is not known to work (status: "
            f"{market.escalation_status}); an e-mail may be rejected automatically, so rely on "
            "the other routes first."
        )
    else:
        why += (
            " The case has no known marketplace, so no escalation address is known to work; "
            "rely on the other routes first."
        )
    steps = s.steps_of("escalation_email")
    if market is not None and market.escalation_address:
        steps.append(f"Address: {market.escalation_address}.")
    return Action(channel="escalation_email", why=why, steps=steps, uncertain=not works)


def wait_quiet(s: Situation, until: datetime) -> Action:
    last = s.timeline.last_out
    sent = f" ({CHANNEL_NAMES[last.channel]}, {s.when(last.at)})" if last else ""
    why = (
        f"Your last contact{sent} went out less than {s.settings.quiet_hours} hours ago. "
        "Another message now, with no new Plan of Action version, no new documents and no new "
        "message from Amazon to answer, counts as chasing and can hurt the case."
    )
    steps = [
        f"Send nothing before {s.when(until)}.",
        "Use the time to check the Plan of Action and the documents against the notice.",
    ]
    return Action(channel="wait", why=why, steps=steps, until=until)


def wait_for_answer(s: Situation, sent: ContactRecord | None, until: datetime | None) -> Action:
    if sent is None:
        why = "Amazon has your appeal. Wait for its answer."
    elif sent.channel not in ("appeal", "email_reply"):
        why = (
            f"The new Plan of Action went out by {CHANNEL_NAMES[sent.channel]} on "
            f"{s.when(sent.at)}. Wait for the answer; sending it again by another route now "
            "counts as chasing."
        )
    elif until is not None:
        why = (
            f"Amazon says to expect an answer within about 2 days of the "
            f"{CHANNEL_NAMES[sent.channel]} of {s.when(sent.at)}. Wait for it: sending again "
            "before then slows the review."
        )
    else:
        why = (
            f"No answer yet to the {CHANNEL_NAMES[sent.channel]} of {s.when(sent.at)}, past the "
            "2 days Amazon states. Keep checking, but do not send the same Plan of Action again "
            "or chase daily."
        )
    steps = [
        'Check Account Health ("View Appeal") and the mailbox of the account for the answer.',
        "Do not resend the Plan of Action or open a new case meanwhile.",
        "When the answer comes, record it in the case.",
    ]
    return Action(channel="wait", why=why, steps=steps, until=until)


def follow_up_with_new(s: Situation) -> Action | None:
    """An unsent new version or new documents may follow an appeal that is still open."""
    version = s.timeline.unsent_latest_version()
    docs = s.timeline.unsent_documents()
    if version is None and not docs:
        return None
    what = (
        f"Plan of Action version {version.number}" if version else plural(len(docs), "new document")
    )
    why = (
        f"{what} has not been sent yet. If it completes the appeal under review, add it once "
        'through "View Appeal" rather than in pieces.'
    )
    steps = [
        'In Seller Central, open Account Health and the appeal with "View Appeal".',
        f"Add {what.lower() if not version else what} with one line on what it adds.",
        "Submit once, then record it in the case.",
    ]
    return Action(channel="appeal", why=why, steps=steps)


def reinstated() -> Action:
    return Action(
        channel="wait",
        why="The account is reinstated. Send nothing more to Seller Performance on this case.",
        steps=list(PREVENTION_NOTES),
    )


def closed() -> Action:
    return Action(
        channel="wait",
        why="The case is closed; there is nothing to send.",
        steps=[
            "If Amazon writes about the same matter again, record it in this case rather than "
            "opening a new one."
        ],
    )
