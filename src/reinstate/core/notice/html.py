"""HTML mail to plain text with selectolax, keeping one line per block and list item."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
_BLOCK = re.compile(
    r"<(?:br|hr|/?p|/?div|/?tr|/?h[1-6]|/?table|/?ul|/?ol|/?blockquote|/?dt|/?dd|/?pre|"
    r"/?section|/?article|/?header|/?footer)\b[^>]*>",
    re.I,
)
_ITEM = re.compile(r"<li\b[^>]*>", re.I)
_CELL = re.compile(r"</t[dh]\s*>", re.I)
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_DROP = ["style", "script", "head", "title", "noscript", "template"]


def html_to_text(html: str) -> tuple[str, list[str]]:
    """The text of an HTML document and the links (href) it holds."""
    from selectolax.lexbor import LexborHTMLParser

    flat = _SPACE.sub(" ", html)
    flat = _BLOCK.sub(lambda m: "\n" + m.group(0), flat)
    flat = _ITEM.sub(lambda m: "\n- " + m.group(0), flat)
    flat = _CELL.sub(lambda m: " " + m.group(0), flat)
    tree = LexborHTMLParser(flat)
    tree.strip_tags(_DROP)
    links: list[str] = []
    for node in tree.css("a[href]"):
        href = node.attributes.get("href")
        if href and not href.startswith(("#", "mailto:", "javascript:")) and href not in links:
            links.append(href.strip())
    root = tree.body or tree.root
    text = root.text(deep=True, separator="") if root is not None else ""
    lines = [line.strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip(), links


def looks_like_html(text: str) -> bool:
    """True when pasted text is really an HTML document or fragment."""
    head = text[:2000].lower()
    return (
        "<html" in head
        or "<body" in head
        or ("<p" in head and "</p>" in head)
        or ("<div" in head and "</div>" in head)
    )
