"""A part of the Plan of Action as paragraphs and bullet lists, free of markdown symbols.

Every renderer (form text, e-mail, PDF, DOCX) lays out the same blocks, so a bullet list
written by the seller stays a bullet list everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_BULLET = re.compile(r"^\s*(?:[-*•·–—▪●◦]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^\s*\(?\d{1,2}[.)]\s")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_SPACES = re.compile(r"[ \t]+")


def printable(text: str) -> str:
    """Text with control characters as spaces and lone surrogates replaced (XML-safe)."""
    if text.isprintable():
        return text
    return "".join(
        " "
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in "\ufffe\uffff"
        else "\ufffd"
        if unicodedata.category(ch) == "Cs"
        else ch
        for ch in text
    )


def plain_inline(text: str) -> str:
    """Text without markdown emphasis, code marks, heading marks or link syntax."""
    text = _MD_HEADING.sub("", printable(text))
    text = _MD_LINK.sub(r"\1 (\2)", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = _MD_ITALIC.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


@dataclass
class Paragraph:
    text: str


@dataclass
class BulletList:
    items: list[str] = field(default_factory=list)
    ordered: bool = False


Block = Paragraph | BulletList


def to_blocks(text: str) -> list[Block]:
    """Paragraphs (lines joined until a blank line) and bullet lists, in order."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Paragraph(" ".join(para)))
            para.clear()

    for raw in text.splitlines():
        if not raw.strip() or _MD_RULE.match(raw):
            flush()
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            flush()
            item = plain_inline(bullet.group("text"))
            ordered = bool(_NUMBERED.match(raw))
            last = blocks[-1] if blocks else None
            if isinstance(last, BulletList) and last.ordered == ordered:
                last.items.append(item)
            else:
                blocks.append(BulletList([item], ordered))
            continue
        line = plain_inline(raw)
        last = blocks[-1] if blocks else None
        if not para and isinstance(last, BulletList) and raw[:1].isspace():
            last.items[-1] += " " + line  # an indented line continues the bullet above
            continue
        para.append(line)
    flush()
    return blocks


def blocks_to_text(blocks: list[Block], bullet: str = "-") -> str:
    """Plain text that pastes cleanly: paragraphs, and "- " or "1. " list items."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        else:
            out.append(
                "\n".join(
                    f"{i}. {item}" if block.ordered else f"{bullet} {item}"
                    for i, item in enumerate(block.items, 1)
                )
            )
    return "\n\n".join(out)
