"""Plain data of the evidence checks: what a parser read from a file, and one check's result."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ParseFailure = Literal["timeout", "memory", "encrypted", "broken", "bomb", "crash"]


class CheckResult(BaseModel):
    """One requirement checked; ``passed`` is None when it could not be checked, and why."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str
    passed: bool | None
    reason: str


class ImageInfo(BaseModel):
    """What an image's header and metadata say (no pixels)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: str
    width: int
    height: int
    camera_make: str | None = None
    camera_model: str | None = None
    taken_at: str | None = None
    software: list[str] = Field(default_factory=list)  # Software, comments, descriptions
    has_exif: bool = False


class ParsedDocument(BaseModel):
    """What the sandboxed parser read from one PDF or image; ``failure`` set when it could not."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pages: int | None = None
    text: str = ""
    encrypted: bool = False  # a PDF with encryption (it may still open without a password)
    needs_password: bool = False  # a PDF that does not open without a password
    metadata: dict[str, str] = Field(default_factory=dict)  # PDF Producer/Creator and the like
    image: ImageInfo | None = None
    page_images: list[tuple[int, int]] = Field(default_factory=list)  # first page's image sizes
    failure: ParseFailure | None = None
    error: str | None = None  # the failure in words a seller understands
