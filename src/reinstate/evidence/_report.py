"""The report on one attached document, and the size limit that applied to it."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from reinstate.core.evidence.models import CheckResult
from reinstate.core.knowledge.models import DocumentKind

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class SizeLimit(BaseModel):
    """The largest file accepted for a kind of document, and where that number comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_bytes: int
    source: str

    @classmethod
    def for_kind(cls, kind: str, info: DocumentKind | None, default: int) -> SizeLimit:
        if info is not None and info.max_size_mb:
            return cls(
                max_bytes=info.max_size_mb * 1024 * 1024,
                source=f"Amazon's limit for {info.label.lower()}",
            )
        return cls(max_bytes=default, source="the limit set for uploads here")


class DocumentReport(BaseModel):
    """What was found in one document: its type, whether it is accepted, and every check."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str
    original_name: str
    sha256: str
    size: int
    detected_type: str | None = Field(description="MIME type read from the content, not the name")
    accepted: bool
    refused_reason: str | None = None
    pages: int | None = None
    text_excerpt: str | None = None
    parse_error: str | None = None
    checks: list[CheckResult]
    dates_found: list[date] = Field(default_factory=list)
    size_limit: SizeLimit

    @property
    def failed(self) -> list[CheckResult]:
        """The checks that failed (not those that could not be made)."""
        return [c for c in self.checks if c.passed is False]

    def contract(self) -> dict[str, Any]:
        """The stable JSON form (``schema`` 1)."""
        return {"schema": 1, **self.model_dump(mode="json")}
