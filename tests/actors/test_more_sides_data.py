"""The sides added for news on pairs the first actor lists did not cover (eval/real/events_dev_wire.jsonl)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("name", "top"),
    [
        ("Kosovo", "kosovo"),
        ("Pristina", "kosovo"),
        ("Democratic Republic of Congo", "democratic-republic-of-the-congo"),
        ("East African Community", "east-african-community"),
        ("M23", "m23"),
        ("SPLA", "south-sudan"),
        ("Sudanese Armed Forces", "sudan"),
        ("National People's Congress", "china"),
        ("Tatmadaw", "myanmar"),
        ("Organization for Security and Cooperation in Europe", "osce"),
    ],
)
def test_side_is_known_and_rolls_up(registry, name, top):
    actor = registry.lookup(name)
    assert actor is not None, name
    assert registry.rollup(actor.id)[-1] == top


def test_short_ambiguous_names_are_not_aliases(registry):
    # "AA" (anti-aircraft) and "SAF" (other armies) would take words that name no side
    assert registry.lookup("AA") is None
    assert registry.lookup("SAF") is None
