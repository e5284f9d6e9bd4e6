"""The stable codes of the JSON contracts (see the design's "Stable contracts")."""

from typing import Literal, get_args

Reason = Literal[
    "related_account",
    "inauthentic",
    "intellectual_property",
    "identity_verification",
    "deceptive_activity",
    "product_condition",
    "product_safety",
    "performance",
    "restricted_product",
    "review_manipulation",
    "listing_policy",
    "code_of_conduct",
    "other",
]

NoticeKind = Literal[
    "deactivation",
    "warning",
    "more_information_needed",
    "appeal_denied",
    "reinstated",
    "other",
]

Category = Literal[
    "structure",
    "identifiers",
    "length",
    "emotional",
    "money",
    "threat_legal",
    "begging",
    "blame_amazon",
    "blame_others",
    "vague_promise",
    "placeholder",
    "unsupported_claim",
    "off_topic",
]

Doc = Literal[
    "plan_of_action",
    "invoices",
    "supplier_contact",
    "letter_of_authorization",
    "identity_document",
    "utility_bill",
    "bank_statement",
    "business_registration",
    "trademark_registration",
    "credit_card",
    "other",
]

Channel = Literal[
    "appeal",
    "email_reply",
    "ahs_callback",
    "escalation_email",
    "amazon_reply",
    "note",
]

Severity = Literal["error", "warning", "info"]

REASONS: tuple[str, ...] = get_args(Reason)
NOTICE_KINDS: tuple[str, ...] = get_args(NoticeKind)
CATEGORIES: tuple[str, ...] = get_args(Category)
DOCS: tuple[str, ...] = get_args(Doc)
CHANNELS: tuple[str, ...] = get_args(Channel)
SEVERITIES: tuple[str, ...] = get_args(Severity)
