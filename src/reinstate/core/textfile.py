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
