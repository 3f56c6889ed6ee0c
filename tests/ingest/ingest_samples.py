"""Builders for binary test inputs (PDF, DOCX, e-mail), written in the tests' own words."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from pathlib import Path


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def make_pdf(
    lines: list[str], *, title: str | None = None, author: str | None = None, created: str | None = None
) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (no lines: a page with only a drawing).

    Written object by object with a correct cross-reference table, so a strict reader accepts it.
    ``created`` is a PDF date such as ``"D:20120504093000Z"``.
    """
    if lines:
        ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
        for line in lines:
            ops += [f"{_pdf_string(line)} Tj", "T*"]
        ops.append("ET")
    else:
        ops = ["0.5 g", "72 72 400 600 re", "f"]  # a grey rectangle, as a scan would be an image
    content = "\n".join(ops).encode("latin-1")
    info = []
    if title:
        info.append(f"/Title {_pdf_string(title)}")
    if author:
        info.append(f"/Author {_pdf_string(author)}")
    if created:
        info.append(f"/CreationDate {_pdf_string(created)}")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ("<< " + " ".join(info) + " >>").encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def make_docx(
    path: Path,
    paragraphs: list[str],
    *,
    title: str | None = None,
    author: str | None = None,
    created: dt.datetime | None = None,
    table: list[list[str]] | None = None,
) -> Path:
    """A .docx file with ``paragraphs`` (and an optional table after them), via python-docx."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    props = document.core_properties
    props.title = title or ""
    props.author = author or ""
    if created:
        props.created = created
    document.save(str(path))
    return path


def make_eml(
    *,
    subject: str,
    sender: str,
    date: str | None,
    plain: str | None = None,
    html: str | None = None,
) -> bytes:
    """An e-mail message with a plain-text part, an HTML part, or both (multipart/alternative)."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = "desk@example.org"
    if date:
        message["Date"] = date
    if plain is not None:
        message.set_content(plain)
        if html is not None:
            message.add_alternative(html, subtype="html")
    elif html is not None:
        message.set_content(html, subtype="html")
    return bytes(message)
