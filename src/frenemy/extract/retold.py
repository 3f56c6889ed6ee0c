"""One act told twice in a document: an undated telling takes the date of a dated one.

"Iran obtained the release of an Iranian diplomat kidnapped 15 months earlier" dates the
kidnapping (2008-12); "Atiyya bragged that al Qaeda abducted the Iranian ..." tells the same act
later with no date of its own, since what is reported may lie anywhere before the report. Two
events are taken for the same act when they have the same CAMEO code and the same target, or
targets one of which belongs to the other (an Iranian diplomat and Iran). Their sources may differ:
a second telling often names the act's author differently ("Sunni militants", "al Qaeda", "bin
Laden"). The undated event takes the date only when every dated telling agrees on it, and never
from a negated, future, hypothetical or questioned one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from frenemy.models import DateInfo, Event

_NOT_A_FACT = frozenset({"future", "hypothetical", "question"})


def date_retold_acts(events: list[Event], belongs_to: Callable[[str, str], bool]) -> list[Event]:
    """The events with each undated one dated by the dated tellings of the same act, if they agree.

    ``belongs_to(a, b)`` is true when actor ``a`` is ``b`` or rolls up to it. The borrowed date keeps
    its phrase and has basis ``relative-to-event``.

    >>> date_retold_acts(events, lambda a, b: a == b)  # doctest: +SKIP
    """
    dated = [
        e
        for e in events
        if e.date.precision != "unknown"
        and e.target is not None
        and not e.negated
        and e.modality not in _NOT_A_FACT
    ]
    if not dated:
        return events
    out: list[Event] = []
    for e in events:
        if e.date.precision != "unknown" or e.target is None:
            out.append(e)
            continue
        tgt = e.target.id
        dates = {
            (d.date.start, d.date.end, d.date.precision): d.date
            for d in dated
            if d.cameo == e.cameo and (belongs_to(tgt, d.target.id) or belongs_to(d.target.id, tgt))  # type: ignore[union-attr]
        }
        if len(dates) != 1:
            out.append(e)
            continue
        (donor,) = dates.values()
        out.append(
            replace(
                e, date=DateInfo(donor.start, donor.end, donor.precision, "relative-to-event", donor.text)
            )
        )
    return out
