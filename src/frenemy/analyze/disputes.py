"""Views of a pair that another source disputes in so many words, and the events that carry them.

"This picture contradicts the view of the US Treasury, which said in 2011 that Iran had a secret
deal with al-Qaeda": the Treasury's cooperative reading is disputed (an ``explicit``
contradiction). An event the Treasury reports that points the same way ("the Treasury said the
ministry had provided support to al-Qaeda") is that disputed view, not an established act: the
dyad report counts it at ``DISPUTED_FACTOR`` of its weight, keeps it out of the periods, and says
so in the event's reason. Claimants are matched by name, which large pairs' lean records carry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from frenemy.analyze.scoring import WeighedGroup
from frenemy.models import Claim, Contradiction, Event

DISPUTED_FACTOR = 0.5
_POLARITY_EDGE = 0.5  # the Goldstein value beyond which an act points one way (cameo.polarity_of)

# claimant name -> {disputed stance: the critic's name}
DisputedViews = dict[str, dict[str, str]]


def disputed_views(contradictions: Iterable[Contradiction], claims: Iterable[Claim]) -> DisputedViews:
    """The stances of each claimant that another claimant explicitly disputes, with the critic.

    >>> disputed_views([cx], [treasury_claim, ctc_counter_claim])  # doctest: +SKIP
    {'US Treasury Department': {'cooperative': 'Combating Terrorism Center'}}
    """
    by_id = {c.id: c for c in claims}
    out: DisputedViews = {}
    for cx in contradictions:
        if cx.kind != "explicit" or len(cx.claims) < 2:
            continue
        # an explicit contradiction lists the disputed claim first, then its critic
        target, critic = by_id.get(cx.claims[0]), by_id.get(cx.claims[1])
        if target is None or target.claimant is None:
            continue
        who = critic.claimant.name if critic is not None and critic.claimant is not None else "another source"
        out.setdefault(target.claimant.name, {}).setdefault(target.stance, who)
    return out


def disputed_by(e: Event, views: DisputedViews) -> str | None:
    """The critic of the view an event carries: reported by a disputed claimant, pointing its way."""
    if e.attributed_to is None:
        return None
    stances = views.get(e.attributed_to.name)
    if not stances:
        return None
    g = float(e.goldstein)
    direction = "cooperative" if g > _POLARITY_EDGE else "hostile" if g < -_POLARITY_EDGE else None
    return stances.get(direction) if direction else None


def discount_disputed(
    weighed: list[WeighedGroup], views: DisputedViews
) -> tuple[list[WeighedGroup], set[str]]:
    """The groups with disputed ones (by their best record) at ``DISPUTED_FACTOR`` of their weight,
    and the ids of those groups, which stay out of the periods."""
    if not views:
        return weighed, set()
    out: list[WeighedGroup] = []
    disputed: set[str] = set()
    for wg in weighed:
        critic = disputed_by(wg.best, views) if wg.weight > 0 else None
        if critic is None:
            out.append(wg)
            continue
        disputed.add(wg.id)
        reason = f"{wg.reason}; disputed by {critic}: x{DISPUTED_FACTOR:g}, not in the periods"
        out.append(
            replace(wg, weight=round(wg.weight * DISPUTED_FACTOR, 4), reason=reason, disputed_by=critic)
        )
    return out, disputed
