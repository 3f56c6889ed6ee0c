"""The E1xx codes that ingestion gives its InputErrors (docs/formats.md explains each one)."""

from __future__ import annotations

UNEXPECTED = "E100"  # a reader failed in a way nobody foresaw: a bug to report
NOT_FOUND = "E101"  # no such file or folder, or it cannot be opened
EMPTY = "E102"  # the input holds no text
BINARY = "E103"  # binary content where text was expected (NUL bytes, images, archives)
CORRUPT = "E104"  # not a readable PDF / Word document / e-mail: damaged or truncated
ENCODING = "E105"  # text that is not valid UTF-8 (or UTF-16 with a byte-order mark)
TOO_LARGE = "E106"  # over the size limit (--max-bytes, FRENEMY_MAX_BYTES)
NO_TEXT_LAYER = "E107"  # a PDF with no text: a scanned image that needs OCR
BAD_RECORD = "E108"  # a JSON Lines line that is not a usable record
BAD_METADATA = "E109"  # a metadata value (date, sidecar file, option) that cannot be used
ENCRYPTED = "E110"  # a password-protected PDF
NOT_A_FILE = "E111"  # not a regular file (a FIFO, device or socket), or a symbolic link loop
NOT_A_PATH = "E112"  # a URL given where a file or folder was expected: frenemy reads files
TOO_COMPLEX = "E113"  # structure beyond a safe bound: JSON nested too deep, a huge number, HTML with too many tags or attributes, too slow to read
ZIP_BOMB = "E114"  # a .docx package whose parts inflate far beyond the size limit
OWN_REPORT = "W102"  # one of frenemy's own HTML reports found in a folder: passed over, not news

ALL_CODES = (
    UNEXPECTED,
    NOT_FOUND,
    EMPTY,
    BINARY,
    CORRUPT,
    ENCODING,
    TOO_LARGE,
    NO_TEXT_LAYER,
    BAD_RECORD,
    BAD_METADATA,
    ENCRYPTED,
    NOT_A_FILE,
    NOT_A_PATH,
    TOO_COMPLEX,
    ZIP_BOMB,
)
