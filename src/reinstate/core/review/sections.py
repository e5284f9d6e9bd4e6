"""Find the three parts of a Plan of Action: headings in any style, inline labels, prose leads.

A heading is a short line whose words, once numbering, markdown and bold markers and a final
colon are taken off, name a part ("1. Root Cause:", "ROOT CAUSE ANALYSIS", "## Steps to
prevent", "**Corrective actions taken**"). An inline label starts a line and is followed by
the content ("Root cause: our supplier..."). In a letter without headings, a paragraph that
opens like a part ("The root cause was...", "To prevent this...") starts that part. A part
ends where the next part, or another known heading (introduction, attachments, a sign-off),
begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add
from typing import Any

from reinstate.core.review.matcher import regex
from reinstate.core.review.model import Part

_CLEAN_LEAD = regex(
    r"^(?:[#>*_=+~\-\s]+)?(?:q(?:uestion)?\s*\d{0,2}\s*[:.)\-–—]\s*)?"
    r"(?:[一二三四五六七八九十]{1,3}\s*[、.:]\s*)?"
    r"(?:(?:step|part|section|point)\s+)?"
    r"(?:(?:\d{1,2}|[ivx]{1,4}|[a-c])(?:[.)]|\s*[:\-–—])\s*)?(?:[*_]+\s*)?"
    r"(?:(?:issue|problem|violation|complaint|asin)\s*#?\w{0,12}\s*[:\-–—]\s*)?",
    re.I,
)
# What ``[\s*_:.,;\-–—#=+~?]+$`` takes off the end: every character str.isspace() accepts (as
# \s does) and the marks.
_TAIL_CHARS = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "*_:.,;-–—#=+~?"
_QUOTE_PAIRS = (("\u2019", "'"), ("\u2018", "'"), ("\u2013", "-"), ("\u2014", "-"))

_ROOT = (
    r"(?:the |our |a )?(?:(?:identified |main |underlying )?root[ -]?causes?(?:\(s\))?"
    r"(?: analysis| identified| of (?:the |this |our )?\w+(?: \w+)?)?"
    r"|(?:the )?(?:issues?|problems?)(?: identified| summary| description)?"
    r"|(?:identified |underlying |main )?causes?(?: of (?:the |this )?(?:issue|issues|problem"
    r"|problems"
    r"|violation|violations|suspension|deactivation|complaints?))?"
    r"|what (?:caused|went wrong|was wrong|is wrong|happened|led to)(?: .{0,40})?"
    r"|why (?:it|this|the \w+) happened(?: .{0,40})?"
    r"|where (?:it|this|things|we|the process) (?:broke|went wrong|failed)(?: .{0,40})?"
    r"|what (?:we|i) (?:got|did|have done|had done) wrong(?: .{0,40})?"
    r"|why did (?:it|this|the \w+(?: \w+)?) (?:happen|occur)"
    r"|(?:root )?cause (?:\d{1,2}|[a-e]|one|two|three|four)(?: ?[-:\u2013\u2014.)] ?.{0,100})?"
    r"|how (?:did (?:it|this|that|the \w+(?: \w+)?) (?:happen|occur)"
    r"|(?:it|this|that|the \w+) (?:happened|occurred))"
    r"|(?:the )?issues? identified|identified (?:issues?|problems?)|investigation(?: and findings)?"
    r"|(?:our )?findings|reasons? for (?:the |our |this )?(?:issue|problem|suspension|deactivation"
    r"|complaints?|(?:policy )?violations?)"
    # Amazon's "Greater detail on the reasons for buyers not receiving orders ..." as a heading
    r"|reasons? (?:for|why) (?:(?:buyers?|customers?) (?:not )?\w+ing|(?:the |our )?(?:late"
    r"|cancel\w*|damaged|negative|missing|lost|defective|wrong))"
    r"(?! .*\b(?:are|is|were|was|now|get|gets|will|every|each|daily|weekly)\b)(?: .{0,80})?"
    r"|(?:understanding|explanation of|analysis of) (?:the )?(?:issue|problem|cause)s?"
    r"|what we (?:have )?(?:found|discovered|learned|learnt|established)(?: .{0,40})?"
    r"|(?:the )?(?:issues?|issue\(s\)|problems?) (?:that )?(?:caused|led to)(?: .{0,60})?"
    r"|how (?:our|the|this|my|these) (?:two |both )?(?:seller )?accounts? (?:is|are|was|were)"
    r" (?:connected|related|linked)(?: .{0,40})?"
    r"|what the (?:link|connection|relationship|relation) (?:is|was)(?: .{0,40})?"
    r"|(?:about )?the (?:related|linked) accounts?(?: and (?:its|their) owners?)?)"
)
_CORRECTIVE = (
    r"(?:(?:immediate )?corrective (?:actions?|measures?|steps?)(?: (?:taken|implemented|completed"
    r"|already taken))?(?: .{0,40})?"
    r"|(?:immediate )?actions? (?:we have |we've |already )?(?:taken|completed)(?: .{0,40})?"
    r"|actions? to (?:resolve|fix|address|correct|remedy)(?: .{0,40})?"
    r"|(?:the )?actions? (?:we )?(?:took|have taken|taken) to"
    r" (?:resolve|fix|address|correct|remedy)(?: .{0,40})?"
    r"|what we (?:are |have )?(?:send|sending|sent|submit|submitting|submitted|uploaded|attach"
    r"|attaching|attached|enclose)(?: now| today"
    r"| again| this time)?(?: .{0,30})?"
    r"|(?:immediate )?steps? (?:that )?(?:we have |we've |already |we have already )?taken"
    r"(?: .{0,40})?"
    r"|what we (?:have )?(?:already )?(?:done|did|changed|fixed|corrected|put right)(?: .{0,40})?"
    r"|what (?:have|did) we (?:already )?(?:done|do|changed|fixed)(?: .{0,40})?"
    r"|what (?:has|have) been (?:done|changed|fixed|corrected)(?: .{0,40})?"
    r"|(?:the )?changes? (?:we (?:have )?)?made(?: since .{0,40}| so far| already)?"
    # the appeal form's question: "What actions have you taken to resolve the issue?"
    r"|what (?:(?:corrective|immediate) )?(?:actions?|steps?|measures?) (?:have|has|did)"
    r" (?:we|been) (?:already )?(?:taken|take|done"
    r"|implemented)(?: to (?!prevent|avoid|stop|ensure|make sure|keep).{0,40})?"
    r"|what is (?:already )?(?:done|fixed|changed|corrected)(?: .{0,40})?|done(?: so far)?"
    r"|how we (?:have )?(?:resolved|fixed|addressed|corrected)(?: .{0,40})?"
    r"|(?:the )?(?:resolution|remediation|corrections?|fix(?:es)?)(?: .{0,30})?"
    r"|immediate (?:actions?|fixes|measures?|steps?)"
    # Amazon's own question, quoted in a reply ("> Please provide details of the actions you
    # have taken.")
    # (read with "you" as "we", like every heading)
    r"|(?:please )?(?:provide|give|describe|list|tell us)(?: us)?"
    r" (?:(?:the )?details (?:of|about) )?(?:the )?(?:actions?|steps?) (?:that )?we (?:have )?taken"
    r"(?: .{0,40})?)"
)
_PREVENTIVE = (
    r"(?:prevent(?:at)?ive (?:measures?|actions?|steps?|plan|controls?)(?: .{0,40})?"
    r"|prevention(?: .{0,40})?"
    r"|(?:steps?|measures?|actions?)"
    r" (?:to|(?:we )?(?:will take|took|have taken|are taking|taken) to)"
    r" (?:prevent|avoid)(?: .{0,40})?"
    r"|how we (?:will |now )?(?:prevent|avoid|ensure)(?: .{0,40})?"
    r"|what (?:preventive|preventative) (?:steps?|measures?|actions?|controls?) (?:have|has|will"
    r"|are) (?:we|been) (?:taken|take|taking|put in place|implemented)(?: .{0,60})?"
    r"|what (?:steps?|measures?|actions?) (?:have|has|will|did|are) (?:we|been)"
    r" (?:taken|take|taking|put in place|implemented) to"
    r" (?:prevent|avoid|stop|ensure|make sure|keep)(?: .{0,60})?"
    r"|(?:what|how) we (?:\w+ ){0,3}(?:so|(?:to )?make sure|(?:to )?ensure|so that)(?: that)?"
    r" (?:it|this|that|the \w+) (?:\w+ )?(?:not|never) (?:happen|occur|repeat|recur)s?(?: again)?"
    r"(?: .{0,30})?"
    r"|how (?:we|i)(?: will|'ll|’ll)? (?:keep|stop) (?:this|it|the \w+) (?:from )?"
    r"(?:happening|recurring)"
    r"(?: .{0,30})?"
    r"|how (?:will|do|can|are) we (?:going to )?(?:prevent|stop|avoid|keep|make sure|ensure)"
    r"(?: .{0,50})?"
    r"|how (?:i|we|the seller|the company|the business|our client|the client)"
    r" (?:will |now |shall )?keep (?:the|our|my|its|their|it|this|things|them|both|everything)"
    r" .{0,50}"
    r"|what (?:will|is going to|should) (?:prevent|stop|avoid)(?: .{0,40})?"
    r"|why (?:(?:you|we) can (?:trust|be sure|be confident) (?:that )?)?(?:it|this|that|the \w+)"
    r" (?:will not|won't|cannot|can not|can't) (?:happen|occur|recur|repeat)"
    r"(?: again)?"
    r"|what (?:will |now )?stops? (?:it|this|that|the \w+) (?:from )?(?:happening|recurring)"
    r"(?: again)?|what we (?:will )?do differently(?: .{0,30})?"
    r"|what (?:will be|is|are we doing) different(?:ly)?(?: now| from now on| going forward)?"
    r"|what (?:we )?(?:will do|are doing|do now) to (?:prevent|avoid|stop)(?: .{0,40})?"
    r"|what (?:we|i) (?:will )?do to (?:keep|stop|prevent|avoid) (?:it|this|that|the \w+)"
    r"(?: from)?(?: happening| recurring)?(?: again)?(?: .{0,30})?"
    r"|what (?:will|do|are) we (?:do|doing) to (?:prevent|avoid|stop)(?: .{0,40})?"
    r"|(?:action )?plan to (?:prevent|avoid)(?: .{0,40})?"
    r"|(?:to )?prevent(?:ing)? (?:this |a |the issue |the problem )?(?:recurrence"
    r"|from happening again"
    r"|future (?:issues?|problems?|violations?))(?: .{0,30})?"
    r"|future (?:prevention|measures?|safeguards?|plan)|long[ -]term (?:measures?|plan|solutions?"
    r"|controls?)"
    r"|(?:for|in) the future|(?:going|moving) forward"
    r"|(?:for )?(?:any )?future (?:changes|updates|orders|shipments|listings)"
    r"|for (?:later|further) (?:changes|updates|orders|shipments|listings)"
    r"|(?:so|to (?:make sure|ensure)|making sure|ensuring) (?:that )?(?:this|it)"
    r" (?:does not|doesn't|will not|won't|cannot|can't|never) happens?"
    r" again"
    r"|what (?:we do|happens|changes|is different)(?: \w+){0,3}"
    r" (?:now|from now on|going forward|in (?:the )?future)(?: .{0,30})?|ongoing(?: .{0,30})?"
    r"|what (?:changes|has changed|will change|we changed|we change)"
    r" (?:for good|permanently|from now on)"
    r"|(?:new |ongoing )?controls?(?: (?:we have )?(?:put )?in place)?"
    r"|(?:how |what )?(?:we )?(?:will )?keep(?:s|ing)? (?:it|this|things|everything|the \w+"
    r"|(?:our |the )?(?:documents|records|files|listings|stock|inventory|prices|details|data))"
    r" (?:right|correct|compliant|clean|accurate|in order|on track|up to date|current)(?: .{0,30})?"
    r"|(?:\w+ ){1,6}(?:from now on|going forward)"
    r"|(?:our |the )?(?:new |regular |ongoing |daily )?checks(?: now| from now on| in place)"
    # Amazon's own question, quoted in a reply ("> Explain how you will fulfill orders in the
    # future.")
    r"|(?:please )?(?:explain|describe|tell us|provide details of|detail) how we will"
    r" (?:prevent|ensure|avoid|fulfil|fulfill|make sure|stop|keep|handle|manage)(?: .{0,60})?"
    r"|what (?:steps|actions|measures) (?:will we take|have we put in place|will we put in place)"
    r" to (?:prevent|ensure|avoid|make sure)(?: .{0,60})?)"
)
# Headings of the three parts in German, French, Spanish, Italian and Japanese (sellers on
# amazon.de, .fr, .es, .it and .co.jp often write the Plan of Action in their language). Lower
# case; a space is a space or a hyphen. Each also works as an inline label ("Ursache: ...").
FOREIGN_HEADINGS: dict[Part, dict[str, tuple[str, ...]]] = {
    "root_cause": {
        "de": (
            "ursache",
            "ursachen",
            "grundursache",
            "grundursachen",
            "ursachenanalyse",
            "ursache des problems",
            "analyse der ursache",
        ),
        "fr": (
            "cause",
            "causes",
            "cause(s)",
            "cause principale",
            "causes principales",
            "cause profonde",
            "analyse des causes",
            "cause du problème",
        ),
        "es": (
            "causa",
            "causas",
            "causa raíz",
            "causas raíz",
            "causa del problema",
            "análisis de la causa",
            "análisis de causa raíz",
        ),
        "ja": ("根本原因", "問題の根本原因", "原因", "発生原因", "原因分析", "問題の原因"),
        "it": (
            "causa",
            "cause",
            "causa principale",
            "causa del problema",
            "causa radice",
            "analisi delle cause",
        ),
    },
    "corrective_actions": {
        "de": (
            "korrekturmaßnahmen",
            "korrekturmassnahmen",
            "ergriffene maßnahmen",
            "ergriffene massnahmen",
            "abhilfemaßnahmen",
            "abhilfemassnahmen",
            "sofortmaßnahmen",
            "korrigierende maßnahmen",
            "umgesetzte maßnahmen",
            "umgesetzte massnahmen",
            "bereits umgesetzte maßnahmen",
            "bereits umgesetzte massnahmen",
            "bereits ergriffene maßnahmen",
            "bereits ergriffene massnahmen",
            "durchgeführte maßnahmen",
            "getroffene maßnahmen",
        ),
        "fr": (
            "mesures correctives",
            "actions correctives",
            "mesures prises",
            "actions entreprises",
            "mesures correctives prises",
            "mesures correctives déjà prises",
            "actions correctives mises en place",
            "actions menées",
            "mesures déjà prises",
        ),
        "es": (
            "medidas correctivas",
            "acciones correctivas",
            "medidas tomadas",
            "acciones tomadas",
            "medidas correctoras",
            "medidas adoptadas",
            "acciones correctivas tomadas",
            "medidas correctivas adoptadas",
            "acciones correctivas realizadas",
            "medidas ya tomadas",
            "acciones realizadas",
        ),
        "it": (
            "azioni correttive",
            "misure correttive",
            "azioni intraprese",
            "misure adottate",
            "azioni correttive già completate",
            "azioni correttive già adottate",
            "azioni correttive adottate",
            "azioni correttive intraprese",
            "misure correttive adottate",
            "azioni già intraprese",
        ),
        "ja": (
            "是正措置",
            "是正処置",
            "実施済みの是正措置",
            "実施した是正措置",
            "実施した対策",
            "実施済みの対策",
            "対応策",
        ),
    },
    "preventive_measures": {
        "de": (
            "vorbeugende maßnahmen",
            "vorbeugende massnahmen",
            "präventivmaßnahmen",
            "präventivmassnahmen",
            "maßnahmen zur vorbeugung",
            "massnahmen zur vorbeugung",
            "präventive maßnahmen",
            "vorbeugung",
        ),
        "fr": ("mesures préventives", "actions préventives", "mesures de prévention", "prévention"),
        "es": (
            "medidas preventivas",
            "acciones preventivas",
            "medidas de prevención",
            "prevención",
        ),
        "it": ("misure preventive", "azioni preventive", "misure di prevenzione", "prevenzione"),
        "ja": ("再発防止策", "予防措置", "再発防止のための措置", "今後の対策", "防止策"),
    },
}


def _foreign(part: Part) -> str:
    """The part's foreign headings as one expression, factored by prefix (a space also matches
    a hyphen). At each letter the longer headings are tried first, as in a longest-first list,
    and the engine rejects most text on its first letter instead of trying every heading."""
    tree: dict[str, Any] = {}
    for word in {w for names in FOREIGN_HEADINGS[part].values() for w in names}:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, Any]) -> str:
        alts = [
            ("[ -]" if char == " " else re.escape(char)) + branch(child)
            for char, child in sorted(node.items())
            if char
        ]
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return "(?:" + branch(tree) + ")"


# The preventive part before the corrective one (in ``_ANY_PART_HEADING`` the first that matches
# wins): "What we changed so this does not happen again" is about prevention.
_PART_HEADINGS: tuple[tuple[Part, re.Pattern[str]], ...] = (
    ("root_cause", regex(f"{_ROOT}|{_foreign('root_cause')}")),
    ("preventive_measures", regex(f"{_PREVENTIVE}|{_foreign('preventive_measures')}")),
    ("corrective_actions", regex(f"{_CORRECTIVE}|{_foreign('corrective_actions')}")),
)
# The three in one expression, tried in the same order.
_ANY_PART_HEADING = regex("|".join(f"(?P<{part}>{rx.pattern})" for part, rx in _PART_HEADINGS))
_GROUP_PART: dict[str, Part] = {part: part for part, _ in _PART_HEADINGS}
# An inline label: list numbering or markdown, the label, then a colon or dash and the content.
_INLINE_LEAD = r"^[\s#>*_\-]*(?:\d{1,2}[.)]\s*)?[*_]*\s*"
# a colon or a dash after the label, or a full stop before a new sentence ("1. Root cause. The
# seller ...")
_INLINE_TAIL = r"[*_]*\s*(?:[:\-–—]+|\.(?=[ \t]+(?-i:[A-Z])))[*_]*\s*(?=\S)"
_INLINE_LABELS: tuple[tuple[Part, str], ...] = (
    (
        "root_cause",
        r"(?:the )?(?:root[ -]?causes?(?: analysis)?"
        r"|cause of the (?:issue|problem)|what (?:happened|went wrong|caused (?:it|this))|"
        + _foreign("root_cause")
        + r")",
    ),
    (
        "corrective_actions",
        r"(?:corrective (?:actions?|measures?|steps?)"
        r"(?: taken)?|corrective(?=[ \t]*:)|actions? taken|steps taken|resolution"
        # a bare "Actions:" label when what follows is dated ("Actions: On 19 September we ...")
        # or done ("Actions: We refunded the buyer ...")
        r"|actions(?=[ \t]*[:\-–—][ \t]*(?:(?:on |since |from )?\d|(?:we|i) [a-z]+ed\b))"
        r"|immediate actions?|" + _foreign("corrective_actions") + r")",
    ),
    (
        "preventive_measures",
        r"(?:prevent(?:at)?ive (?:measures?|actions?"
        r"|steps?)|prevent(?:at)?ive(?=[ \t]*:)"
        r"|prevention|steps to prevent(?: recurrence)?|" + _foreign("preventive_measures") + r")",
    ),
)
# The three parts' usual names and a comma, opening a paragraph ("Root cause, we ...")
_COMMA_LABEL = regex(
    r"[ \t]*(?:(?P<root_cause>root causes?)|(?P<corrective_actions>corrective (?:actions?|steps?)"
    r"(?: taken)?)|(?P<preventive_measures>prevent(?:at)?ive (?:measures?|actions?|steps?)))"
    r"[ \t]*,[ \t]*(?=\S)",
    re.I,
)
_INLINE: tuple[tuple[Part, re.Pattern[str]], ...] = tuple(
    (part, regex(_INLINE_LEAD + label + _INLINE_TAIL, re.I)) for part, label in _INLINE_LABELS
)
_PROSE_LEADS: tuple[tuple[Part, re.Pattern[str]], ...] = (
    (
        "root_cause",
        regex(
            r"^\s*(?:the (?:main |underlying )?root cause|the (?:main |underlying )?cause of"
            r"|(?:after|upon|following) (?:a |an |our )?(?:thorough |careful |full |detailed "
            r"|internal )?"
            r"(?:review|investigation|analysis)|we (?:have )?(?:investigated|identified|determined"
            r"|found|discovered) (?:that |the )|the (?:issue|problem|violation) (?:was|occurred"
            r"|happened"
            r"|arose) (?:because|when|due))",
            re.I,
        ),
    ),
    (
        "corrective_actions",
        regex(
            r"^\s*(?:to (?:resolve|fix|address|correct|remedy) (?:the|this|these)"
            r"|we (?:have )?(?:already )?(?:taken|completed"
            r"|implemented) the following (?:corrective |immediate )?"
            r"(?:actions|steps|measures)|(?:as (?:a |an )?)?(?:corrective|immediate) actions?\b"
            # "Since the notice we have made these changes."
            r"|since the (?:notice|deactivation|suspension),? we have (?:made|taken|completed)"
            r" (?:these|the following) (?:changes|steps|actions))",
            re.I,
        ),
    ),
    (
        "preventive_measures",
        regex(
            r"^\s*(?:to (?:prevent|avoid) (?:this|the|such|a|future|any|similar|recurrence)"
            r"|to (?:ensure|make sure) (?:that )?(?:this|the issue|the problem|it) (?:does not"
            r"|will not|never"
            r"|cannot|can not)|(?:going|moving) forward|in (?:the )?future,? we"
            r"|we (?:have )?(?:put|implemented|introduced) the following (?:preventive"
            r"|preventative)"
            r"|(?:as (?:a )?)?(?:preventive|preventative) (?:measures?|actions?|steps?)\b"
            # "To keep this from recurring we have set fixed routines."
            r"|to (?:keep|stop) (?:this|it|the (?:issue|problem)) from (?:recurring|happening again"
            r"|coming back))",
            re.I,
        ),
    ),
)
_OTHER_HEADING = regex(
    r"(?:introduction|background|about (?:us|me|our (?:company|business|store|brand))"
    r"|(?:company |business )?(?:overview|history)|summary|executive summary|conclusion|closing"
    r"|attachments?|enclosures?|(?:supporting |attached )?(?:documents?|evidence)(?: attached"
    r"| enclosed"
    r"| provided)?|appendix|signature|contact (?:details|information)"
    r"|(?:store|account|seller|case) (?:details|information)|identifiers|subject"
    r"|(?:timeline|chronology|sequence)"
    r"(?: of (?:events|what happened|the (?:issue|incident|events)))?"
    r"|key dates|what happened when"
    # the appeal form's last question ("Is there any other information you want to share?")
    r"|(?:is there )?(?:any )?(?:other|additional|further) (?:information|details|comments?"
    r"|remarks?|notes?)(?: (?:we|you) (?:want|would like|wish) to (?:share|add|give|provide))?"
    r"|(?:is there )?anything else(?: (?:we|you) (?:want|would like|wish) to (?:share|add|tell))?"
    r"|(?:yours )?(?:sincerely|faithfully|truly)|(?:kind |best |warm )?regards"
    # a thank-you in the writer's language before the English sign-off
    r"|[\w ]{1,30},? (?:and|&) (?:kind |best |warm |many )?(?:regards|thanks)"
    r"|respectfully(?: yours)?"
    r"|thank you(?: for .{0,60})?|thanks(?: .{0,40})?|(?:dear|hello|hi) .{0,60}|hello|hi"
    # greetings, sign-offs and attachments in German, French, Spanish and Italian
    r"|sehr geehrte.{0,60}|(?:mit )?freundlichen? gr(?:ü|ue|u)(?:ß|ss)en|einleitung|anlagen?"
    r"|anh(?:ä|a)nge?|madame,? monsieur|madame|monsieur|bonjour|(?:bien )?cordialement"
    r"|veuillez agr(?:é|e)er.{0,80}|pi(?:è|e)ces? jointes?|documents? joints?|estimad[oa]s? .{0,60}"
    r"|atentamente|(?:un )?saludos?(?: cordiales)?|(?:documentos )?adjuntos|gentil[ei] .{0,60}"
    r"|spettabile .{0,60}|(?:cordiali|distinti) saluti|(?:documenti )?allegati)"
)
_OTHER_INLINE = regex(
    r"^\s*(?:attachments?|enclosures?|attached|documents? attached|supporting documents|evidence"
    r"(?: attached)?|p\.?s\.?)\s*:",
    re.I,
)
_MAX_HEADING_WORDS = 12
_QUOTED_REQUEST = regex(
    r"^\s*(?:>\s*)*(?:please\s+|kindly\s+|can you\s+|could you\s+)?(?:describe|explain|tell us"
    r"|provide|list|give us|share|outline|detail|state|let us know)\s+(?:(?:in detail|briefly)\s+)?"
    r"(?:the\s+|any\s+)?(?P<rest>[^\n]{3,90}?)\s*[.?:]?\s*$",
    re.I,
)
# the first sentence of a paragraph, when short, ending in a full stop or a colon before the
# next sentence (read as a heading when it names a part)
_SENTENCE_LABEL = regex(
    r"^[\s#>*_\-]*(?:\d{1,2}[.)]\s*)?[*_]*\s*([A-Za-z][^.:!?\n]{2,70}?)[*_]*\s*[.:][*_]*"
    r"[ \t]+(?=[A-Z0-9\"(])"
)
# The inline labels and then the other inline labels in one expression, tried in that order.
# Every label starts at the line's first letter (the lead takes no letter), so trying the
# three labels there in turn, after one lead, finds what ``_INLINE`` tried one by one finds.
_ANY_INLINE = regex(
    _INLINE_LEAD
    + "(?:"
    + "|".join(f"(?P<{part}>{label})" for part, label in _INLINE_LABELS)
    + ")"
    + _INLINE_TAIL
    + f"|(?P<other>{_OTHER_INLINE.pattern})",
    re.I,
)


# Openings that start a part only when, with them, a plan in plain paragraphs shows all three
# parts: "On 10 March I counted the finished pieces ..." (a dated action done) and "From now
# on ..." (a routine). Alone they would split a story told with dates.
_PLAIN_LEADS = regex(
    r"^\s*(?:(?P<corrective_actions>on (?:\d{1,2}(?:st|nd|rd|th)? [a-z]+|[a-z]+ \d{1,2}"
    r"(?:st|nd|rd|th)?)(?:,? \d{4})?,? (?:i|we) (?:also )?(?:removed|deleted|refunded|replaced"
    r"|corrected|changed|updated|counted|fixed|stopped|closed|contacted|destroyed|relisted|added"
    r"|installed|trained|hired|moved|switched|created|recalled|cancell?ed|paused|introduced"
    r"|rewrote|disposed|blocked|retrained|audited|inspected|uploaded|signed|withdrew|connected)\b)"
    r"|(?P<preventive_measures>from now on\b|to keep it (?:this|that) way\b))",
    re.I,
)
_LEADS_FOR: dict[frozenset[Part], re.Pattern[str]] = {}
# a paragraph that says why: a cause word, or the seller's own gap
_CAUSE_WORDS = regex(
    r"\b(?:because|caused|the reason|went wrong|(?:my|our) (?:mistake|fault|error)"
    r"|(?:we|i) (?:did not|didn't|had not|hadn't|never) )",
    re.I,
)


def names_its_part(text: str, start: int) -> bool:
    """True when the paragraph at ``start`` opens by naming its part ("The root cause was ...",
    "To prevent this ...")."""
    line_end = text.find("\n", start)
    line = text[start : line_end if line_end >= 0 else len(text)]
    return _prose_leads(frozenset()).match(line) is not None


def _plain_plan(
    text: str,
    lines: list[tuple[int, str]],
    marks: list[tuple[int, int, Part | None, str | None]],
) -> list[tuple[int, int, Part | None, str | None]]:
    """``marks`` with the plain-paragraph openings (``_PLAIN_LEADS``) and a cause paragraph
    before the actions added, when that gives all three parts; else ``marks`` as they were."""
    found = {part for _, _, part, _ in marks if part is not None}
    # only a plan with no part headings at all: with headings, a missing part stays missing
    if len(found) == 3 or any(part is not None and heading for _, _, part, heading in marks):
        return marks
    more = list(marks)
    prev_blank = True
    for offset, line in lines:
        if prev_blank and line.strip():
            m = _PLAIN_LEADS.match(line)
            if m is not None and m.lastgroup not in found:
                part = _GROUP_PART[m.lastgroup or ""]
                if part not in {p for _, _, p, _ in more if p is not None}:
                    more.append((offset, offset + len(line) - len(line.lstrip()), part, None))
        prev_blank = not line.strip()
    more.sort(key=lambda m: m[0])
    cause = _cause_before(text, more)
    if cause is not None:
        more.append(cause)
        more.sort(key=lambda m: m[0])
    if len({part for _, _, part, _ in more if part is not None}) < 3:
        return marks
    return more


def _cause_before(
    text: str, marks: list[tuple[int, int, Part | None, str | None]]
) -> tuple[int, int, Part | None, str | None] | None:
    """A plan in plain paragraphs with no root cause found: the paragraph just before the
    corrective actions, when it says why ("... That was my mistake: I counted unfinished
    pieces as stock."), is the root cause."""
    if any(part == "root_cause" for _, _, part, _ in marks):
        return None
    actions = [start for start, _, part, _ in marks if part == "corrective_actions"]
    if not actions:
        return None
    before = text[: actions[0]].rstrip()
    if any(part is not None and start < actions[0] for start, _, part, _ in marks):
        return None
    gap = before.rfind("\n\n")
    start = gap + 2 if gap >= 0 else 0
    paragraph = before[start:]
    if len(paragraph.split()) < 25 or _CAUSE_WORDS.search(paragraph) is None:
        return None
    lead = len(paragraph) - len(paragraph.lstrip())
    return (start + lead, start + lead, "root_cause", None)


def _prose_leads(found: frozenset[Part]) -> re.Pattern[str]:
    """The prose leads of the parts not in ``found``, in one expression (tried in order)."""
    leads = _LEADS_FOR.get(found)
    if leads is None:
        branches = [f"(?P<{part}>{rx.pattern})" for part, rx in _PROSE_LEADS if part not in found]
        leads = regex("|".join(branches), re.I)
        _LEADS_FOR[found] = leads
    return leads


@dataclass
class PartSpan:
    """Where one part was found: heading start, content start and end (original offsets)."""

    start: int
    content_start: int
    end: int
    heading: str | None


@dataclass
class Sections:
    """The parts found (first occurrence wins; later ones are kept in ``extra``)."""

    parts: dict[Part, PartSpan] = field(default_factory=dict)
    extra: dict[Part, list[PartSpan]] = field(default_factory=dict)

    def ranges(self, part: Part) -> list[tuple[int, int]]:
        spans = [self.parts[part], *self.extra.get(part, [])] if part in self.parts else []
        return [(s.content_start, s.end) for s in spans]

    def part_at(self, offset: int) -> Part | None:
        for part in self.parts:
            for start, end in self.ranges(part):
                if start <= offset < end:
                    return part
        return None


# brackets a heading may stand in ("【Root cause】", "[Corrective actions]")
# symbols and emoji at either end of a heading, with their variation selectors and joiners
_SYMBOLS = regex(
    "^[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\u200d\u20e3\\s]+"
    "|[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\u200d\u20e3\\s]+$"
)
_HEADING_BRACKETS = {"【": "】", "[": "]", "〔": "〕", "「": "」", "『": "』", "〖": "〗"}


def _clean(line: str) -> str:
    text = line.strip()
    if not text.isascii():
        for char, straight in _QUOTE_PAIRS:
            text = text.replace(char, straight)
    bare = text.rstrip(_TAIL_CHARS)
    if len(bare) > 2 and _HEADING_BRACKETS.get(bare[0]) == bare[-1]:
        text = bare[1:-1].strip()
    lead = _CLEAN_LEAD.match(text)  # every part is optional: it always matches at the start
    if lead is not None and lead.end():
        text = text[lead.end() :]
    if not text.isascii():
        # an emoji or a symbol before or after the heading ("## ✅ Corrective actions")
        text = _SYMBOLS.sub("", text).strip()
    text = text.rstrip(_TAIL_CHARS)
    text = " ".join(text.lower().split())
    if "'" in text:  # "What we've done" is "What we have done"
        text = _CONTRACTION.sub(lambda m: _CONTRACTIONS[m.group()], text)
    return text


_CONTRACTIONS = {"we've": "we have", "we're": "we are", "we'll": "we will", "didn't": "did not"}
_CONTRACTIONS.update({"won't": "will not", "it's": "it is", "what's": "what is"})
_CONTRACTION = regex(r"\b(?:" + "|".join(map(re.escape, _CONTRACTIONS)) + r")(?![a-z])")


# "I" and "you" (Amazon's own questions: "What have you done to fix it?") read as "we"
_FIRST_PERSON = regex(r"\b(?:i'?ve|i have|i'm|i am|i|my|me|you|your)\b")
_WE = {"i've": "we have", "ive": "we have", "i have": "we have", "i'm": "we are", "im": "we are"}
_WE.update({"i am": "we are", "i": "we", "my": "our", "me": "us", "you": "we", "your": "our"})


def _as_we(m: re.Match[str]) -> str:
    return _WE[m.group()]


_BRACKETED = regex(r"[^()]{1,60}\(([^()]{3,60})\)")
# the appeal form's questions, the only ones longer than 9 words read as headings
_FORM_QUESTION = regex(
    r"what (?:(?:corrective|immediate|preventive|preventative) )?(?:actions?|steps?|measures?) "
    r"|what (?:will|would|do|did|have) (?:you|we) (?:do|done|change|changed|put in place) to "
    r"(?:prevent|resolve|fix|stop|avoid|correct)\b"
)


_BULLET_LEAD = regex(r"[ \t]*[-*+•][ \t]+")


def _bulleted_heading(lines: list[tuple[int, str]], i: int) -> tuple[Part, str] | None:
    """A part's heading written as a list item ("• Root cause", "- Corrective actions:") that
    opens a block (an item inside a list is the list's), when the next line is not one too
    (three such lines in a row are a list of the parts): the part and the heading's words."""
    line = lines[i][1]
    lead = _BULLET_LEAD.match(line)
    if lead is None or (i > 0 and lines[i - 1][1].strip()):
        return None
    part = heading_part(line[lead.end() :])
    if part is None or part is False or part is True:
        return None
    if i + 1 < len(lines):
        after = lines[i + 1][1]
        follow = _BULLET_LEAD.match(after)
        if not after.strip() or (follow is not None and heading_part(after[follow.end() :])):
            return None
    return part, line[lead.end() :]


def heading_part(line: str) -> Part | bool | None:
    """The part a heading line names, False for another known heading, None if no heading."""
    stripped = line.strip()
    if not stripped or len(stripped.split(None, _MAX_HEADING_WORDS)) > _MAX_HEADING_WORDS:
        return None
    if stripped[:2] in ("- ", "* ", "• ", "+ ") or stripped[0] in "•–—":
        return None
    # a sentence is no heading, except Amazon's question quoted in a reply ("> Please provide
    # details of the actions you have taken.")
    if stripped[-1] in ".!" and not stripped.endswith(("..", "**")) and stripped[0] != ">":
        return None
    cleaned = _clean(stripped)
    if stripped[-1] == "?" and len(cleaned.split()) > (12 if _FORM_QUESTION.match(cleaned) else 9):
        return None  # a question as a heading is short ("What caused the violation?")
    if not cleaned:
        return None
    if "i" in cleaned.split() or "my" in cleaned or "i'" in cleaned or "you" in cleaned:
        # the headings are written for "we": "What I have done" reads as "What we have done"
        cleaned = _FIRST_PERSON.sub(_as_we, cleaned)
    m = _ANY_PART_HEADING.fullmatch(cleaned)
    if m is None:
        # a heading of the seller's own words with the part's name in brackets:
        # "How we keep it in check (preventive measures)"
        named = _BRACKETED.fullmatch(cleaned)
        if named is not None:
            m = _ANY_PART_HEADING.fullmatch(named.group(1))
    if m is not None:
        return _GROUP_PART[m.lastgroup or ""]
    if _OTHER_HEADING.fullmatch(cleaned.rstrip(",")) or stripped.startswith("#"):
        return False
    return None


def _requested_part(request: str) -> Part | None:
    """The part a request of Amazon's names ("the steps you took to prevent this issue in
    the future"), read like a heading but without a heading's length limit."""
    cleaned = _clean(request)
    if "you" in cleaned or "i" in cleaned.split():
        cleaned = _FIRST_PERSON.sub(_as_we, cleaned)
    m = _ANY_PART_HEADING.fullmatch(cleaned)
    return _GROUP_PART[m.lastgroup or ""] if m is not None else None


_CHANGED_FOR_GOOD = regex(r"what (?:we (?:have )?|has )?changed|(?:the )?changes (?:we made|made)")


def _first_under_heading(text: str, headed: list[tuple[int, int]], offset: int) -> bool:
    """True when the paragraph at ``offset`` is the first text after a part's heading."""
    content = max((c for c, start in headed if start < offset), default=-1)
    return content >= 0 and not text[content:offset].strip()


_NUMBERED = regex(r"[\s#>*_]*(\d)[.)]\s+\S")


def _first_of_numbered(
    lines: list[tuple[int, str]], marks: list[tuple[int, int, Part | None, str | None]]
) -> tuple[int, int, Part | None, str | None] | None:
    """Amazon's first question answered in turn, when the answers to the second and third
    are the corrective actions and the preventive measures: "1. Did you use another
    retailer to fulfill your orders? Please explain." is where the root cause is told."""
    headed: dict[Part, tuple[int, str]] = {}
    for start, _, part, heading in marks:
        if part and heading:
            headed.setdefault(part, (start, heading))
    if "corrective_actions" not in headed or "preventive_measures" not in headed:
        return None
    start, heading = headed["corrective_actions"]
    number = _NUMBERED.match(heading)
    later = _NUMBERED.match(headed["preventive_measures"][1])
    if number is None or number.group(1) != "2" or later is None or later.group(1) != "3":
        return None
    for i in range(len(lines) - 1, -1, -1):
        offset, line = lines[i]
        if offset >= start:
            continue
        m = _NUMBERED.match(line)
        if m is None:
            continue
        if m.group(1) != "1" or "?" not in line or len(line.split()) > 20:
            return None
        content = lines[i + 1][0] if i + 1 < len(lines) else offset + len(line)
        return (offset, content, "root_cause", line.strip())
    return None


def find_sections(text: str) -> Sections:
    """Locate the parts in ``text``; offsets are into ``text`` itself."""
    split = text.split("\n")
    # each line starts after the one before it and its line break
    starts = accumulate(map(add, map(len, split), repeat(1)), initial=0)
    lines = list(zip(starts, split, strict=False))
    marks: list[tuple[int, int, Part | None, str | None]] = []  # start, content, part, heading
    found: set[Part] = set()
    for i, (offset, line) in enumerate(lines):
        if (i == 0 or not lines[i - 1][1].strip()) and (m := _COMMA_LABEL.match(line)):
            # "Root cause, we sell print on demand posters ...": a label and a comma open the
            # paragraph, as typed by a seller who uses commas for every stop
            part = _GROUP_PART[m.lastgroup or ""]
            marks.append((offset, offset + m.end(), part, line[: m.end()].strip(" ,")))
            found.add(part)
            continue
        if (
            len(line) > 90
            and ":" not in line[:50]
            and ". " not in line[:75]
            and not line.lstrip().startswith("#")
        ):
            continue  # a long line without an early colon or stop is body text, not a label
        kind = heading_part(line)
        heading_line = line
        if kind is None:
            bulleted = _bulleted_heading(lines, i)
            if bulleted is not None:
                kind, heading_line = bulleted
        if kind is None and (
            line.lstrip().startswith(">") or i == 0 or not lines[i - 1][1].strip()
        ):
            # Amazon's own request, quoted in a reply or copied from the appeal form, and
            # answered under it ("> Please describe the actions you have taken to address
            # this issue.", "Explain the steps you took to prevent this issue in the future.")
            asked = _QUOTED_REQUEST.match(line)
            if asked is not None:
                kind = _requested_part(asked.group("rest"))
        if kind is None:
            m = _ANY_INLINE.match(line)
            if m is not None:
                label = m.lastgroup
                if label == "other":
                    marks.append((offset, offset, None, None))
                else:
                    part = _GROUP_PART[label or ""]
                    marks.append((offset, offset + m.end(), part, line[: m.end()].strip()))
                    found.add(part)
            elif i == 0 or not lines[i - 1][1].strip():
                # a paragraph whose first short sentence is a part's heading in the seller's
                # words: "Why it happened. 29 of the 41 defects were ..."
                lead = _SENTENCE_LABEL.match(line)
                named = heading_part(lead.group(1)) if lead is not None else None
                if lead is not None and named not in (None, False, True):
                    assert named is not None and named is not False and named is not True
                    marks.append((offset, offset + lead.end(), named, lead.group(1).strip()))
                    found.add(named)
            continue
        if kind is False:
            marks.append((offset, offset, None, None))
            continue
        assert kind is not True
        if (
            kind == "corrective_actions"
            and "corrective_actions" in found
            and "preventive_measures" not in found
            and _CHANGED_FOR_GOOD.fullmatch(_clean(line))
        ):
            # "What we have already done" and then "What we changed": the second is what now
            # works differently, the prevention
            kind = "preventive_measures"
        content = lines[i + 1][0] if i + 1 < len(lines) else offset + len(line)
        marks.append((offset, content, kind, heading_line.strip()))
        found.add(kind)
    if "root_cause" not in found:
        first = _first_of_numbered(lines, marks)
        if first is not None:
            marks.append(first)
            marks.sort(key=lambda m: m[0])
            found.add("root_cause")
    if len(found) < 3:
        leads = _prose_leads(frozenset(found))
        # a paragraph right under a part's heading belongs to that part, whatever its opening
        # words ("Root cause" then "Going forward, ..." is a misplaced promise, not a new part)
        headed = [(content, start) for start, content, part, _ in marks if part is not None]
        prev_blank = True
        for offset, line in lines:
            if prev_blank and line.strip():
                m = leads.match(line)
                if m is not None and not _first_under_heading(text, headed, offset):
                    part = _GROUP_PART[m.lastgroup or ""]
                    marks.append((offset, offset + len(line) - len(line.lstrip()), part, None))
            prev_blank = not line.strip()
        marks.sort(key=lambda m: m[0])
        marks = _plain_plan(text, lines, marks)
    sections = Sections()
    for idx, (start, content, which, heading) in enumerate(marks):
        if which is None:
            continue
        end = marks[idx + 1][0] if idx + 1 < len(marks) else len(text)
        end = max(content, len(text[:end].rstrip()))
        span = PartSpan(start, min(content, end), end, heading)
        if which in sections.parts:
            sections.extra.setdefault(which, []).append(span)
        else:
            sections.parts[which] = span
    return sections
