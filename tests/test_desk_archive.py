"""Export a case to one zip and import it back: exact, verified, all or nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.desk_support import corpus_bytes, png_bytes


@pytest.fixture
def home(desk_home: Path) -> Path:
    return desk_home


def _build_case() -> int:
    from reinstate.desk.services.cases import open_case
    from reinstate.desk.services.contacts import record_contact
    from reinstate.desk.services.documents import attach
    from reinstate.desk.services.plans import add_version
    from reinstate.desk.services.replies import record_reply

    case = open_case(
        corpus_bytes("notices/n01-related-account.eml"), "n01.eml", store_name="Kettle"
    )
    cid = int(case["id"])
    poa = corpus_bytes("appeals/a01-related-good.txt")
    add_version(cid, poa, "poa.txt")
    attach(cid, png_bytes((300, 200)), "permissions.png", "other")
    record_contact(
        cid,
        "appeal",
        poa=(poa, "poa.txt"),
        docs=[(png_bytes((300, 200)), "permissions.png")],
        at="2026-11-04T10:00:00Z",
    )
    record_reply(cid, corpus_bytes("notices/n09-more-information.eml"), "n09.eml")
    add_version(cid, poa + b"\nAll staff passwords were changed on November 6, 2026.\n", "v2.txt")
    return cid


def _comparable(detail: dict[str, object]) -> dict[str, object]:
    keep = dict(detail)
    keep.pop("id")
    keep.pop("updated_at")
    keep["events"] = [
        e for e in detail["events"] if e["action"] not in ("case.exported", "case.imported")
    ]  # type: ignore[attr-defined,index]
    return keep


def test_round_trip_restores_the_case_exactly(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reinstate.desk.bootstrap import file_store
    from reinstate.desk.services.archive import export_case, import_archive
    from reinstate.desk.services.cases import show_case

    cid = _build_case()
    original = show_case(cid)
    out = tmp_path / "case.zip"
    summary = export_case(cid, out)
    assert (summary["documents"], summary["contacts"], summary["poa_versions"]) == (1, 2, 2)
    documents = {d["sha256"]: file_store().read(d["sha256"]) for d in original["documents"]}  # type: ignore[index]

    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path / "elsewhere"))
    restored = import_archive(out)
    copy = show_case(restored["id"])
    assert _comparable(copy) == _comparable(original)
    for sha, content in documents.items():
        assert file_store().read(sha) == content  # byte-identical
    from reinstate.desk.models import Notice, PlanVersion

    assert bytes(Notice.objects.get(role="opening").raw) == corpus_bytes(
        "notices/n01-related-account.eml"
    )
    assert [v.diff for v in PlanVersion.objects.order_by("number")][1].startswith("--- version 1")
    assert any(e["action"] == "case.imported" for e in copy["events"])  # type: ignore[union-attr]


def test_importing_into_the_same_workspace_twice_is_refused(home: Path, tmp_path: Path) -> None:
    from reinstate.core.errors import RefusedError
    from reinstate.desk.models import Case
    from reinstate.desk.services.archive import export_case, import_archive

    cid = _build_case()
    export_case(cid, tmp_path / "case.zip")
    with pytest.raises(RefusedError, match="18427719302"):
        import_archive(tmp_path / "case.zip")
    assert Case.objects.count() == 1


def _rewrite(src: Path, dst: Path, change: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            if name in change:
                if change[name] is not None:
                    zout.writestr(name, change[name])  # type: ignore[arg-type]
            else:
                zout.writestr(name, zin.read(name))


def _central_entry(raw: bytes, name: str) -> int:
    """Where the central directory entry of member ``name`` starts."""
    pos = raw.find(b"PK\x01\x02")
    while pos >= 0:
        length = int.from_bytes(raw[pos + 28 : pos + 30], "little")
        if raw[pos + 46 : pos + 46 + length] == name.encode():
            return pos
        pos = raw.find(b"PK\x01\x02", pos + 4)
    raise AssertionError(f"{name} is not in the archive")


def _fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> None:
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path / name))


def test_a_damaged_archive_is_refused_and_nothing_is_written(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reinstate.core.errors import InputError
    from reinstate.desk.bootstrap import file_store
    from reinstate.desk.models import Case, Document
    from reinstate.desk.services.archive import export_case, import_archive

    cid = _build_case()
    good = tmp_path / "case.zip"
    export_case(cid, good)
    with zipfile.ZipFile(good) as zf:
        doc_member = next(n for n in zf.namelist() if n.startswith("documents/"))
        data = json.loads(zf.read("case.json"))

    mismatch = tmp_path / "mismatch.zip"
    _rewrite(good, mismatch, {doc_member: b"\x89PNG other bytes"})
    missing = tmp_path / "missing.zip"
    _rewrite(good, missing, {doc_member: None})
    bad_json = tmp_path / "bad-json.zip"
    data["contacts"][0]["channel"] = "carrier_pigeon"
    _rewrite(good, bad_json, {"case.json": json.dumps(data).encode()})
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    flipped = tmp_path / "flipped.zip"
    raw = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo(doc_member)
    raw[info.header_offset + 30 + len(info.filename) + 5] ^= 0xFF  # inside the member's data
    flipped.write_bytes(bytes(raw))
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("hello")
    # a damaged central directory that claims a compression method or an encryption the reader
    # does not have (zipfile raises NotImplementedError or RuntimeError, not BadZipFile)
    entry = _central_entry(good.read_bytes(), doc_member)
    unknown_method = tmp_path / "method.zip"
    raw = bytearray(good.read_bytes())
    raw[entry + 10 : entry + 12] = (99).to_bytes(2, "little")
    unknown_method.write_bytes(bytes(raw))
    encrypted = tmp_path / "encrypted.zip"
    raw = bytearray(good.read_bytes())
    raw[entry + 8] |= 0x01
    encrypted.write_bytes(bytes(raw))

    _fresh(monkeypatch, tmp_path, "fresh")
    cases = [
        (mismatch, "does not match its SHA-256"),
        (missing, "missing"),
        (bad_json, "unknown channel"),
        (truncated, "not a reinstate case archive|corrupt"),
        (flipped, "corrupt|does not match"),
        (not_zip, "not a reinstate case archive"),
        (unknown_method, "corrupt or not readable here"),
        (encrypted, "corrupt or not readable here"),
        (tmp_path / "nothing.zip", "no such file"),
    ]
    for path, message in cases:
        with pytest.raises(InputError, match=message):
            import_archive(path)
    assert Case.objects.count() == 0
    assert Document.objects.count() == 0
    assert list(file_store().files()) == []


def test_export_to_a_missing_folder_is_a_clear_error(home: Path, tmp_path: Path) -> None:
    from reinstate.core.errors import InputError
    from reinstate.desk.services.archive import export_case

    cid = _build_case()
    with pytest.raises(InputError, match="does not exist"):
        export_case(cid, tmp_path / "no" / "such" / "case.zip")
    with pytest.raises(InputError, match="is a directory"):
        export_case(cid, tmp_path)


def test_any_damage_gives_a_clear_error_never_a_crash(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from reinstate.core.errors import ReinstateError
    from reinstate.desk.bootstrap import ensure_ready
    from reinstate.desk.models import Case
    from reinstate.desk.services.archive import export_case, import_archive

    cid = _build_case()
    good = tmp_path / "case.zip"
    export_case(cid, good)
    original = good.read_bytes()
    _fresh(monkeypatch, tmp_path, "fuzz")
    ensure_ready()
    target = tmp_path / "damaged.zip"

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        st.lists(
            st.tuples(st.integers(0, len(original) - 1), st.integers(1, 255)),
            min_size=1,
            max_size=4,
        )
    )
    def damage(flips: list[tuple[int, int]]) -> None:
        raw = bytearray(original)
        for at, mask in flips:
            raw[at] ^= mask
        target.write_bytes(bytes(raw))
        cases_before = Case.objects.count()
        try:
            import_archive(target)
        except ReinstateError as exc:
            assert "\n" not in str(exc)
            assert Case.objects.count() == cases_before  # nothing half-written

    damage()
