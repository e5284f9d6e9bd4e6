"""The file type from the content (never the name), and why a type is refused."""

from __future__ import annotations

import importlib
from pathlib import PurePath

ACCEPTED = ("application/pdf", "image/jpeg", "image/png", "image/gif")
_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG", "image/gif": "GIF"}
_ACCEPTS = "Amazon accepts PDF, JPG, PNG or GIF"

# MIME type -> (what the seller calls it, what to do)
_REFUSALS: dict[str, tuple[str, str]] = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        "a Word file",
        "export it as PDF",
    ),
    "application/msword": ("a Word file", "export it as PDF"),
    "application/rtf": ("a rich-text file", "export it as PDF"),
    "application/vnd.oasis.opendocument.text": ("an OpenDocument text file", "export it as PDF"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (
        "an Excel spreadsheet",
        "export it as PDF",
    ),
    "application/vnd.ms-excel": ("an Excel spreadsheet", "export it as PDF"),
    "application/vnd.oasis.opendocument.spreadsheet": ("a spreadsheet", "export it as PDF"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "a PowerPoint file",
        "export it as PDF",
    ),
    "application/vnd.ms-powerpoint": ("a PowerPoint file", "export it as PDF"),
    "image/heic": ("an HEIC photo (the iPhone format)", "save or export it as JPG"),
    "image/heif": ("an HEIF photo", "save or export it as JPG"),
    "image/avif": ("an AVIF image", "save it as JPG or PNG"),
    "image/webp": ("a WebP image", "save it as JPG or PNG"),
    "image/tiff": ("a TIFF image", "save it as PDF, JPG or PNG"),
    "image/bmp": ("a bitmap image", "save it as JPG or PNG"),
    "image/vnd.adobe.photoshop": ("a Photoshop file", "save it as JPG or PNG"),
    "image/svg+xml": ("an SVG drawing", "save it as PDF or PNG"),
    "application/zip": ("a ZIP archive", "upload the documents inside it one by one"),
    "application/x-rar-compressed": ("a RAR archive", "upload the documents inside it one by one"),
    "application/x-7z-compressed": ("a 7-Zip archive", "upload the documents inside it one by one"),
    "application/gzip": ("a compressed archive", "upload the documents inside it one by one"),
    "application/x-tar": ("a TAR archive", "upload the documents inside it one by one"),
}


def _looks_like_text(content: bytes) -> bool:
    head = content[:4096]
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a multi-byte character cut at the end
    return True


def detect_type(content: bytes) -> str | None:
    """The MIME type read from the first bytes, or None when the content is not recognised."""
    filetype = importlib.import_module("filetype")  # untyped library, loaded when first needed
    mime: str | None = filetype.guess_mime(content)
    if mime is None and content.lstrip()[:5] == b"%PDF-":
        mime = "application/pdf"  # a PDF with leading whitespace or junk before the header
    if mime is None and content[:5].lower() in (b"<?xml", b"<svg ") and b"<svg" in content[:2048]:
        mime = "image/svg+xml"
    return mime


def refusal(
    content: bytes, mime: str | None, original_name: str, accepted: list[str]
) -> str | None:
    """Why the file cannot be used, in the seller's words; None when its type is accepted."""
    accepted_names = ", ".join(_NAMES.get(t, t) for t in accepted)
    if not content:
        return "the file is empty"
    if mime in accepted:
        return None
    if mime in ACCEPTED:
        return f"a {_NAMES[mime]} file, but this kind of document must be: {accepted_names}"
    if mime in _REFUSALS:
        what, fix = _REFUSALS[mime]
        return f"{what}: {_ACCEPTS}; {fix}"
    suffix = PurePath(original_name).suffix.lower()
    if mime is None and _looks_like_text(content):
        if suffix in (".html", ".htm") or content.lstrip()[:1] == b"<":
            return f"a web page (HTML): {_ACCEPTS}; print it to PDF"
        return f"a plain text file: {_ACCEPTS}; put the text in a document and export it as PDF"
    if mime is None:
        hint = f" (named '{suffix}', but the content is not a PDF or an image)" if suffix else ""
        return f"a file of unknown type{hint}: {_ACCEPTS}"
    return f"a file of type {mime}: {_ACCEPTS}"
