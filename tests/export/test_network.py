"""Network export: GraphML and GEXF parse, carry the right weights, escape names."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from frenemy.errors import QueryError
from frenemy.export.network import write_network
from frenemy.models import Actor

ACTORS = {
    "iran": Actor(id="iran", name="Iran", type="state", code="IRN"),
    "al-qaeda": Actor(id="al-qaeda", name='al-Qaeda <"AQ"> & co', type="armed_group", code="IMGMUSALQ"),
}
EDGES = [
    {
        "source": "iran",
        "target": "al-qaeda",
        "events": 7,
        "goldstein_mean": -4.25,
        "cooperative": 2,
        "hostile": 5,
    },
    {
        "source": "al-qaeda",
        "target": "saudi-arabia",
        "events": 1,
        "goldstein_mean": -9.0,
        "cooperative": 0,
        "hostile": 1,
    },
]
G = "{http://graphml.graphdrawing.org/xmlns}"


def test_graphml_parses_with_the_right_weights():
    root = ET.fromstring(write_network(EDGES, ACTORS, "graphml"))
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{G}key")}
    nodes = {n.get("id"): {keys[d.get("key")]: d.text for d in n} for n in root.iter(f"{G}node")}
    assert nodes["al-qaeda"]["name"] == 'al-Qaeda <"AQ"> & co'
    assert nodes["saudi-arabia"]["name"] == "saudi-arabia"  # unknown actor: named by id
    edges = [
        (e.get("source"), e.get("target"), {keys[d.get("key")]: d.text for d in e})
        for e in root.iter(f"{G}edge")
    ]
    src, dst, data = edges[0]
    assert (src, dst) == ("iran", "al-qaeda")
    assert float(data["weight"]) == 7.0 and int(data["events"]) == 7
    assert float(data["goldstein_mean"]) == -4.25 and data["polarity"] == "hostile"
    assert int(data["cooperative"]) == 2 and int(data["hostile"]) == 5


def test_gexf_parses_with_edge_weights():
    root = ET.fromstring(write_network(EDGES, ACTORS, "gexf"))
    ns = "{http://gexf.net/1.3}"
    edges = list(root.iter(f"{ns}edge"))
    assert [e.get("weight") for e in edges] == ["7.0", "1.0"]
    labels = {n.get("id"): n.get("label") for n in root.iter(f"{ns}node")}
    assert labels["al-qaeda"] == 'al-Qaeda <"AQ"> & co'


def test_json_node_link():
    data = json.loads(write_network(EDGES, ACTORS, "json"))
    assert {n["id"] for n in data["nodes"]} == {"iran", "al-qaeda", "saudi-arabia"}
    assert data["edges"][1]["goldstein_mean"] == -9.0 and data["directed"] is True


def test_unknown_format():
    with pytest.raises(QueryError):
        write_network(EDGES, ACTORS, "dot")
