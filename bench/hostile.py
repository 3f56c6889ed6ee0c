"""A hostile corpus: one input for each way a file has stalled, crashed or fooled ``frenemy ingest``,
plus good documents that must still be stored (tests/test_hostile_ingest_corpus.py, and the
``hostile`` part of ``python -m bench.run``, which measures its peak memory).

``write_hostile_corpus(folder)`` writes the files and returns what ``frenemy ingest FOLDER URL``
must say about each: the error code and the file (and JSON Lines line) the message names.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.long_document import dense_text

URL = "https://example.org/news/iran-saudi-talks"
GOOD_TEXT = {
    "good_talks.txt": "Saudi Arabia and Iran restored diplomatic relations in March 2023 after talks in Beijing.\n",
    # an LRM inside a name, a soft hyphen and a zero-width joiner: one actor, not three
    "good_invisible.txt": "Sa\u200eudi Ara\u00adbia accused I\u200dran of arming rebels in Yemen in 2016.\n",
    "good_meta.txt": "Iran detained al-Qaeda members in 2002, officials in Tehran said.\n",
}


@dataclass
class HostileCorpus:
    folder: Path
    expected: dict[str, str] = field(default_factory=dict)  # "FILE[:LINE]" -> code
    notices: dict[str, str] = field(default_factory=dict)  # W-notices: "FILE" -> code
    good: list[str] = field(default_factory=list)  # files (or FILE:LINE) that must be stored
    extra_args: list[str] = field(default_factory=list)  # given on the command line after the folder


def _docx_bomb(inflated: int) -> bytes:
    """A small valid .docx whose styles.xml unpacks to ``inflated`` bytes (zeros compress ~1000:1)."""
    out = io.BytesIO()
    body = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Iran and Iraq signed a border treaty in 1975.</w:t></w:r></w:p></w:body></w:document>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", types)
        package.writestr("_rels/.rels", rels)
        package.writestr("word/document.xml", body)
        with package.open("word/styles.xml", "w", force_zip64=True) as styles:
            chunk = b"\0" * (1 << 20)
            for _ in range(inflated // len(chunk)):
                styles.write(chunk)
    return out.getvalue()


def write_hostile_corpus(
    folder: Path, *, long_chars: int = 250_000, attributes: int = 1_000_000, bomb_bytes: int = 50 << 20
) -> HostileCorpus:
    """Write the hostile corpus into ``folder`` (created); see the module docstring."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = HostileCorpus(folder)

    def bad(name: str, code: str) -> str:
        corpus.expected[str(folder / name)] = code
        return str(folder / name)

    for name, text in GOOD_TEXT.items():
        (folder / name).write_text(text, encoding="utf-8")
        corpus.good.append(str(folder / name))
    (folder / "good_long.txt").write_text(dense_text(long_chars), encoding="utf-8")
    corpus.good.append(str(folder / "good_long.txt"))

    # 1. JSON beyond bounds: sidecars and JSON Lines lines; a bad date in a sidecar and a line
    huge = "1" * 5_000
    deep = "[" * 100_000 + "]" * 100_000
    for name, sidecar, code in (
        ("side_number.txt", '{"published": ' + huge + "}", "E113"),
        ("side_deep.txt", '{"title": ' + deep + "}", "E113"),
        ("side_monday.txt", '{"published": "Monday"}', "E109"),
    ):
        (folder / name).write_text(f"Turkey and Greece held talks in 2019 ({name}).\n", encoding="utf-8")
        (folder / (name + ".meta.json")).write_text(sidecar, encoding="utf-8")
        bad(name + ".meta.json", code)
    lines = [
        json.dumps(
            {"id": "ok-1", "text": "Egypt and Israel signed a gas deal in 2018.", "published": "2018"}
        ),
        '{"id": "num", "text": "x", "published": ' + huge + "}",
        '{"id": "deep", "text": "x", "title": ' + deep + "}",
        json.dumps({"id": "ambiguous", "text": "Qatar and Bahrain argued.", "published": "04/05/2012"}),
        json.dumps(
            {"id": "ok-2", "text": "India and Pakistan exchanged fire in 2019.", "published": "2019-02-27"}
        ),
    ]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    src = str(folder / "records.jsonl")
    corpus.expected.update({f"{src}:2": "E113", f"{src}:3": "E113", f"{src}:4": "E109"})
    corpus.good += [f"{src}:1", f"{src}:5"]

    # 2. HTML with a million attributes on one element
    attrs = " ".join(f'a{i}="v"' for i in range(attributes))
    (folder / "attributes.html").write_text(
        f"<html><body><div {attrs}>Iran and Iraq met.</div></body></html>", encoding="utf-8"
    )
    bad("attributes.html", "E113")

    # 4. a .docx zip bomb
    (folder / "bomb.docx").write_bytes(_docx_bomb(bomb_bytes))
    bad("bomb.docx", "E114")

    # 5. a FIFO, a device and a symbolic link loop, named like documents
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
        bad("pipe.txt", "E111")
    if Path("/dev/zero").exists():
        os.symlink("/dev/zero", folder / "zero.txt")
        bad("zero.txt", "E111")
    os.symlink("loop.txt", folder / "loop.txt")
    bad("loop.txt", "E111")

    # 10. one of frenemy's own reports
    (folder / "report.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><meta name="generator" content="frenemy">'
        "<title>Iran / al-Qaeda: frenemy dyad report</title></head><body><h1>Iran / al-Qaeda</h1>"
        "<p>More enemies than allies since 2001.</p></body></html>",
        encoding="utf-8",
    )
    corpus.notices[str(folder / "report.html")] = "W102"

    # 11. a URL on the command line
    corpus.extra_args.append(URL)
    corpus.expected[URL] = "E112"
    return corpus
