"""The desk's tables. Every record belongs to a Workspace; written only through ``services``."""

from __future__ import annotations

from django.db import models

CASE_STATUSES = (
    "open",
    "awaiting_reply",
    "more_info_requested",
    "denied",
    "reinstated",
    "closed",
)
CHANNEL_CHOICES = [
    (c, c)
    for c in ("appeal", "email_reply", "ahs_callback", "escalation_email", "amazon_reply", "note")
]
DIRECTIONS = [("out", "seller to Amazon"), ("in", "Amazon to seller")]


class Workspace(models.Model):
    name = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Seller(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="sellers")
    store_name = models.CharField(max_length=300, blank=True, default="")
    merchant_token = models.CharField(max_length=40, blank=True, default="")
    marketplaces = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.store_name or self.merchant_token or f"seller {self.pk}"


class Case(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="cases")
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(
        max_length=30, choices=[(s, s) for s in CASE_STATUSES], default="open"
    )
    reason = models.CharField(max_length=40, default="other")
    marketplace = models.CharField(max_length=40, blank=True, default="")
    suspension_date = models.DateField(null=True, blank=True)
    mentions_section_3 = models.BooleanField(null=True)
    asins = models.JSONField(default=list)
    requested_documents = models.JSONField(default=list)
    notice_kind = models.CharField(max_length=40, blank=True, default="")
    notice_subject = models.CharField(max_length=1000, blank=True, default="")
    notice_message_id = models.CharField(max_length=1000, blank=True, default="")
    notice_from = models.CharField(max_length=500, blank=True, default="")
    notice_date = models.DateField(null=True, blank=True)
    opened_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"case {self.pk}"


class CaseRef(models.Model):
    """One of Amazon's case, reference or complaint IDs; each belongs to one case only."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="case_refs")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="refs")
    value = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["workspace", "value"], name="one_case_per_case_id"),
        )
        ordering = ("position", "pk")


class Notice(models.Model):
    """A message from Amazon as received: the raw bytes and what the notice reader made of it."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="notices")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notices")
    role = models.CharField(max_length=10, choices=[("opening", "opening"), ("reply", "reply")])
    raw = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    original_name = models.CharField(max_length=500, blank=True, default="")
    parsed = models.JSONField(default=dict)
    kind = models.CharField(max_length=40, default="other")
    received_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["workspace", "sha256"], name="one_row_per_notice"),
        )
        ordering = ("created_at", "pk")


class PlanVersion(models.Model):
    """One version of the Plan of Action, with its review and the diff to the previous one."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="plans")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField()
    root_cause = models.TextField(blank=True, default="")
    corrective_actions = models.TextField(blank=True, default="")
    preventive_measures = models.TextField(blank=True, default="")
    text = models.TextField()
    sha256 = models.CharField(max_length=64)
    report = models.JSONField(default=dict)
    ready = models.BooleanField(default=False)
    diff = models.TextField(blank=True, default="")
    created_at = models.DateTimeField()

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["case", "number"], name="one_number_per_version"),
            models.UniqueConstraint(fields=["case", "sha256"], name="one_version_per_text"),
        )
        ordering = ("number",)


class Document(models.Model):
    """Evidence stored once by SHA-256 in the file store, with the results of its checks."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="documents")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=40)
    sha256 = models.CharField(max_length=64)
    original_name = models.CharField(max_length=500, blank=True, default="")
    size = models.PositiveBigIntegerField()
    detected_type = models.CharField(max_length=100, blank=True, default="")
    pages = models.PositiveIntegerField(null=True, blank=True)
    checks = models.JSONField(default=list)
    report = models.JSONField(default=dict)
    parse_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField()

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["workspace", "sha256"], name="one_row_per_file"),
        )
        ordering = ("created_at", "pk")


class Contact(models.Model):
    """One entry of the timeline: a message out, Amazon's reply in, a call, a note."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="contacts")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    channel = models.CharField(max_length=30, choices=CHANNEL_CHOICES)
    direction = models.CharField(max_length=3, choices=DIRECTIONS, default="out")
    at = models.DateTimeField()
    subject = models.CharField(max_length=1000, blank=True, default="")
    body = models.TextField(blank=True, default="")
    plan_version = models.ForeignKey(
        PlanVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    documents = models.ManyToManyField(Document, blank=True, related_name="contacts")
    notice = models.ForeignKey(
        Notice, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    outcome = models.CharField(max_length=40, blank=True, default="")
    requests = models.JSONField(default=dict)
    forced = models.BooleanField(default=False)
    warnings = models.JSONField(default=list)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("at", "pk")


class Event(models.Model):
    """The audit trail: what changed, when, and by whom."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="events")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(max_length=60)
    detail = models.JSONField(default=dict)
    actor = models.CharField(max_length=200)
    at = models.DateTimeField()

    class Meta:
        ordering = ("at", "pk")
