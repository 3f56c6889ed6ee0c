"""The CAMEO code table: names, Goldstein weights, quad classes and PLOVER types.

The table is data (``resources/events/cameo.tsv``) read once per process. ``derived.tsv`` says how
control verbs re-code the action they govern (offer to free -> intent to release, 0353).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from frenemy.errors import ActorDataError

FRAMES = ("intent", "appeal", "demand", "refuse", "threaten")


@dataclass(frozen=True)
class CameoInfo:
    """One CAMEO code with its weights. ``root`` is the two-digit root ("17")."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    root: str
    plover: str | None
    plover_mode: str | None

    @property
    def polarity(self) -> str:
        """cooperative (quad 1-2, Goldstein > 0.5), hostile (quad 3-4 or Goldstein < -0.5), else neutral."""
        return polarity_of(self.quad_class, self.goldstein)


def polarity_of(quad_class: int, goldstein: float) -> str:
    """Polarity for a dyad from quad class and Goldstein weight.

    >>> polarity_of(4, -5.0), polarity_of(1, 3.4), polarity_of(1, 0.0)
    ('hostile', 'cooperative', 'neutral')
    """
    if quad_class in (3, 4) or goldstein < -0.5:
        return "hostile"
    if quad_class in (1, 2) and goldstein > 0.5:
        return "cooperative"
    return "neutral"


def _read_tsv(name: str) -> list[dict[str, str]]:
    text = resources.files("frenemy.resources.events").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoInfo]:
    """Every CAMEO code in the built-in table, keyed by code."""
    table: dict[str, CameoInfo] = {}
    for row in _read_tsv("cameo.tsv"):
        code = row["code"]
        table[code] = CameoInfo(
            code=code,
            name=row["description"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            root=code[:2],
            plover=row["plover"] or None,
            plover_mode=row["plover_mode"] or None,
        )
    return table


def is_known(code: str) -> bool:
    """True when ``code`` or its root is in the table."""
    return code in cameo_table() or code[:2] in cameo_table()


def cameo_info(code: str) -> CameoInfo:
    """The table row for ``code``; an unknown sub-code falls back to its parent code, then its root.

    >>> cameo_info("173").plover, cameo_info("1739").code
    ('COERCE', '173')

    Raises ``ActorDataError`` (E311) when not even the root is a CAMEO root.
    """
    table = cameo_table()
    for n in range(len(code), 1, -1):
        info = table.get(code[:n])
        if info is not None:
            return info
    raise ActorDataError(
        f"unknown CAMEO code {code!r}: codes start with a root 01-20 (see docs/coding.md)", code="E311"
    )


@lru_cache(maxsize=1)
def _derived_table() -> dict[str, dict[str, str]]:
    return {row["base"]: {f: row[f] for f in FRAMES} for row in _read_tsv("derived.tsv")}


def derived_code(code: str, frame: str) -> str:
    """The code of a control frame over an action: ``derived_code("0841", "appeal") == "0253"``.

    ``frame`` is one of intent, appeal, demand, refuse, threaten. An intent to do something hostile
    (root 09-20) is coded as a threat.
    """
    if frame not in FRAMES:
        raise ValueError(f"unknown frame {frame!r}")
    table = _derived_table()
    if frame == "intent" and code[:2] >= "09":
        frame = "threaten"
    for n in range(len(code), 0, -1):
        row = table.get(code[:n])
        if row is not None:
            return row[frame]
    return table["0"][frame]
