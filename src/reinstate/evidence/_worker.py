"""The child process that opens an untrusted PDF or image (started by ``_sandbox``).

    python -I -B _worker.py pdf|image MEMORY_MB CPU_SECONDS MAX_PIXELS  < file  > one JSON line

It imports only the standard library, pypdf and Pillow (never ``reinstate``), limits its own
address space and CPU time before it reads a byte of the file, and always answers with one
JSON object: the fields of ``ParsedDocument``. A crash or a kill shows in the exit status.
"""

from __future__ import annotations

import io
import json
import sys
import warnings
from typing import Any

MAX_TEXT = 200_000
MAX_TEXT_PAGES = 50
_META_KEYS = ("/Producer", "/Creator", "/Title", "/Subject", "/Keywords", "/Author")


def _limit(memory_mb: int, cpu_s: int) -> None:
    try:
        import resource
    except ImportError:  # not on POSIX: only the wall-clock timeout applies
        return
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))


def _short(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return message[:200]


def parse_pdf(data: bytes) -> dict[str, Any]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    reader = PdfReader(io.BytesIO(data), strict=False)
    result: dict[str, Any] = {"encrypted": bool(reader.is_encrypted)}
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError:
            result.update(
                failure="encrypted",
                error="the PDF is encrypted with a method this installation cannot open",
            )
            return result
        if not opened:
            result.update(
                needs_password=True,
                failure="encrypted",
                error="the PDF is protected by a password",
            )
            return result
    result["pages"] = len(reader.pages)
    parts: list[str] = []
    size = 0
    unreadable = 0
    for page in reader.pages[:MAX_TEXT_PAGES]:
        try:
            text = page.extract_text() or ""
        except MemoryError:
            raise
        except Exception:  # one damaged page: keep the text of the others
            unreadable += 1
            continue
        parts.append(text)
        size += len(text)
        if size >= MAX_TEXT:
            break
    text = "\n".join(parts)
    result["text"] = text[:MAX_TEXT]
    try:  # the metadata and image sizes only help the screenshot heuristic
        meta: Any = reader.metadata or {}
        result["metadata"] = {
            key.lstrip("/"): str(meta[key])[:200] for key in _META_KEYS if meta.get(key) is not None
        }
        result["page_images"] = _first_page_images(reader)
    except MemoryError:
        raise
    except Exception:
        result.setdefault("metadata", {})
        result["page_images"] = []
    if unreadable and not parts:
        raise ValueError(f"the text of {unreadable} page(s) could not be read")
    return result


def _first_page_images(reader: Any) -> list[list[int]]:
    """The pixel sizes of the images drawn on the first page, read from their headers only."""
    if not reader.pages:
        return []
    resources = reader.pages[0].get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
    if xobjects is None:
        return []
    sizes = []
    for ref in list(xobjects.get_object().values())[:20]:
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Image":
            sizes.append([int(obj.get("/Width", 0)), int(obj.get("/Height", 0))])
    return sizes


def parse_image(data: bytes, max_pixels: int) -> dict[str, Any]:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = max_pixels
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    with Image.open(io.BytesIO(data)) as image:
        info: dict[str, Any] = {"format": image.format or "image"}
        info["width"], info["height"] = image.size
        exif = image.getexif()
        info["has_exif"] = len(exif) > 0
        info["camera_make"] = _tag(exif.get(0x010F))
        info["camera_model"] = _tag(exif.get(0x0110))
        taken = exif.get_ifd(0x8769).get(0x9003) or exif.get(0x0132)
        info["taken_at"] = _tag(taken)
        software = [_tag(exif.get(0x0131)), _tag(exif.get(0x010E))]
        for key in ("Software", "Comment", "comment", "Description", "Title", "XML:com.adobe.xmp"):
            value = image.info.get(key)
            software.append(
                _tag(value.decode("utf-8", "replace") if isinstance(value, bytes) else value)
            )
        info["software"] = [s for s in software if s]
        image.load()  # decode the pixels: a truncated or corrupt file fails here
    return {"pages": 1, "image": info}


def _tag(value: object) -> str | None:
    if value is None:
        return None
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    text = text.strip("\x00 \t\r\n")
    return text[:2000] or None


def main(argv: list[str]) -> int:
    mode, memory_mb, cpu_s, max_pixels = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    warnings.simplefilter("ignore")
    import pypdf  # noqa: F401  (imported before the limits are set)
    from PIL import Image  # noqa: F401

    data = sys.stdin.buffer.read()
    _limit(memory_mb, cpu_s)
    try:
        result = parse_pdf(data) if mode == "pdf" else parse_image(data, max_pixels)
    except MemoryError:
        result = {
            "failure": "memory",
            "error": f"opening it needs more than {memory_mb} MB of memory",
        }
    except Exception as exc:  # any parser error is a property of the file, reported, not raised
        result = _classify(exc, max_pixels)
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()
    return 0


def _classify(exc: Exception, max_pixels: int) -> dict[str, Any]:
    from PIL import Image

    if isinstance(exc, Image.DecompressionBombError | Image.DecompressionBombWarning):
        return {
            "failure": "bomb",
            "error": (
                f"the image claims more than {max_pixels // 1_000_000} million pixels, too many to "
                "open safely (it may be a decompression bomb); save it at a normal resolution"
            ),
        }
    if isinstance(exc, RecursionError):
        return {"failure": "broken", "error": "the file's structure is nested too deeply to read"}
    return {"failure": "broken", "error": f"the file is damaged or incomplete ({_short(exc)})"}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
