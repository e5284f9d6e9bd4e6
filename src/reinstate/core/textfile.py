"""Text a user saved (a Plan of Action, a worksheet, call notes) read from bytes."""

from reinstate.core.errors import InputError

# A Plan of Action, a worksheet or call notes is a few pages; a megabyte is far beyond any of
# them, and reviewing much more takes minutes and gigabytes.
MAX_TEXT_BYTES = 1024 * 1024
# One message from Amazon, attachments included, as a mail client saves it.
MAX_MESSAGE_BYTES = 25 * 1024 * 1024


def looks_binary(content: bytes) -> bool:
    """True when the start of ``content`` is not text: NUL bytes or many control bytes.

    UTF-16 text (which starts with a byte-order mark) is not counted as binary.
    """
    head = content[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return b"\x00" in head or controls > len(head) // 10


def check_size(content: bytes, name: str, limit: int, what: str) -> None:
    """An :class:`InputError` naming the file when ``content`` is larger than ``limit``."""
    if len(content) > limit:
        raise InputError(
            f"{name}: {len(content) / (1024 * 1024):.1f} MB is too large for {what} "
            f"(the limit is {limit / (1024 * 1024):.0f} MB)"
        )


def decode_text(content: bytes, name: str) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252, as editors save text.

    A file with NUL bytes near its start is not text (a PDF or a Word file, say): that is an
    :class:`InputError` naming the file rather than a page of garbage. So is a file larger than
    :data:`MAX_TEXT_BYTES`.
    """
    if b"\x00" in content[:4096]:
        raise InputError(f"{name}: this is not a text file; save it as plain text")
    check_size(content, name, MAX_TEXT_BYTES, "a letter or notes")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


# A Word file or PDF holding a letter may carry pictures (a logo, a signature); its text is
# still a few pages.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def letter_text(content: bytes, name: str) -> str:
    """The text of a letter saved as plain text, as a Word document (.docx) or as a PDF with a
    text layer: what a seller has at hand. Word paragraphs become lines, list items start
    with "- ", table rows read cell by cell. Anything else that is not text is an
    :class:`InputError` that says how to save it."""
    if content.startswith(b"PK\x03\x04"):
        return _checked(_docx_text(content, name), name)
    if content.lstrip()[:5] == b"%PDF-":
        return _checked(_pdf_text(content, name), name)
    return decode_text(content, name)


def _checked(text: str, name: str) -> str:
    check_size(text.encode("utf-8"), name, MAX_TEXT_BYTES, "a letter or notes")
    return text


def _docx_text(content: bytes, name: str) -> str:
    import io
    import zipfile

    check_size(content, name, MAX_DOCUMENT_BYTES, "a letter")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise InputError(
                    f"{name}: this is an archive, not a letter; give a .txt or .docx file"
                )
    except zipfile.BadZipFile:
        raise InputError(f"{name}: this Word file is damaged; save it again") from None
    from docx import Document
    from docx.table import Table

    try:
        document = Document(io.BytesIO(content))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells = [" ".join(c.text.split()) for c in row.cells]
                    # merged cells repeat their text in each grid cell: keep one
                    kept = [c for i, c in enumerate(cells) if c and (i == 0 or c != cells[i - 1])]
                    lines.append(" | ".join(kept))
                lines.append("")
                continue
            text = block.text.replace("\v", "\n")
            style = (block.style.name if block.style is not None else "") or ""
            if text.strip() and "List" in style and not text.lstrip().startswith(("-", "•")):
                text = "- " + text.strip()
            lines.append(text)
    except InputError:
        raise
    except Exception as exc:  # python-docx raises many kinds on a malformed part
        raise InputError(f"{name}: this Word file cannot be read ({exc}); save it again") from None
    return "\n".join(lines).strip() + "\n"


def _pdf_text(content: bytes, name: str) -> str:
    import io

    check_size(content, name, MAX_DOCUMENT_BYTES, "a letter")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name}: this PDF is password-protected; save it without a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"{name}: this PDF cannot be read ({exc}); save it again") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise InputError(
            f"{name}: this PDF has no text (a scan?); save the letter as .txt or .docx"
        )
    return text + "\n"
