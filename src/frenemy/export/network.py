"""The actor network for Gephi and similar tools: GraphML, GEXF 1.3 or node-link JSON.

Nodes are actors (id, name, code, type); directed edges come from ``Store.edges()`` (keys
source, target, events, goldstein_mean, cooperative, hostile). Each edge carries
``weight`` = number of events (always positive, as Gephi requires), ``goldstein_mean`` (the
cooperation-conflict direction of the tie), ``cooperative`` and ``hostile`` counts and a
``polarity`` label. XML is built with xml.etree, which escapes names taken from documents.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from frenemy.analyze.periods import label_for
from frenemy.errors import QueryError
from frenemy.models import Actor

FORMATS = ("graphml", "gexf", "json")

_NODE_ATTRS = (("name", "string"), ("code", "string"), ("type", "string"))
_EDGE_ATTRS = (
    ("weight", "double"),
    ("events", "int"),
    ("goldstein_mean", "double"),
    ("cooperative", "int"),
    ("hostile", "int"),
    ("polarity", "string"),
)


def write_network(edges: list[dict[str, Any]], actors: dict[str, Actor], fmt: str) -> str:
    """The network as a string in ``fmt`` (graphml, gexf or json).

    Every edge endpoint becomes a node; an endpoint missing from ``actors`` is named by its id.
    Example: ``write_network(store.edges(), actors, "graphml")``. Unknown fmt: QueryError E411.
    """
    nodes = _nodes(edges, actors)
    rows = [_edge(e) for e in edges]
    if fmt == "graphml":
        return _graphml(nodes, rows)
    if fmt == "gexf":
        return _gexf(nodes, rows)
    if fmt == "json":
        return json.dumps({"directed": True, "nodes": nodes, "edges": rows}, ensure_ascii=False, indent=2)
    raise QueryError(f"unknown network format {fmt!r}: choose one of {', '.join(FORMATS)}", code="E411")


def _nodes(edges: list[dict[str, Any]], actors: dict[str, Actor]) -> list[dict[str, Any]]:
    ids = dict.fromkeys([i for e in edges for i in (e["source"], e["target"])])
    out = []
    for actor_id in ids:
        a = actors.get(actor_id)
        out.append(
            {
                "id": actor_id,
                "name": a.name if a else actor_id,
                "code": (a.code if a else None) or "",
                "type": a.type if a else "other",
            }
        )
    return out


def _edge(e: dict[str, Any]) -> dict[str, Any]:
    mean = float(e.get("goldstein_mean") or 0.0)
    n = int(e.get("events") or 0)
    return {
        "source": e["source"],
        "target": e["target"],
        "weight": float(n),
        "events": n,
        "goldstein_mean": round(mean, 3),
        "cooperative": int(e.get("cooperative") or 0),
        "hostile": int(e.get("hostile") or 0),
        "polarity": label_for(mean),
    }


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _graphml(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> str:
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {"xmlns": ns})
    for name, typ in _NODE_ATTRS:
        ET.SubElement(root, "key", {"id": f"n_{name}", "for": "node", "attr.name": name, "attr.type": typ})
    for name, typ in _EDGE_ATTRS:
        ET.SubElement(root, "key", {"id": f"e_{name}", "for": "edge", "attr.name": name, "attr.type": typ})
    graph = ET.SubElement(root, "graph", {"id": "frenemy", "edgedefault": "directed"})
    for n in nodes:
        el = ET.SubElement(graph, "node", {"id": n["id"]})
        for name, _ in _NODE_ATTRS:
            ET.SubElement(el, "data", {"key": f"n_{name}"}).text = str(n[name])
    for i, e in enumerate(edges):
        el = ET.SubElement(graph, "edge", {"id": f"e{i}", "source": e["source"], "target": e["target"]})
        for name, _ in _EDGE_ATTRS:
            ET.SubElement(el, "data", {"key": f"e_{name}"}).text = str(e[name])
    return _xml(root)


def _gexf(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> str:
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "frenemy"
    ET.SubElement(meta, "description").text = "actor network: edges weighted by event count"
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    node_attrs = ET.SubElement(graph, "attributes", {"class": "node"})
    for i, (name, typ) in enumerate(_NODE_ATTRS[1:]):
        ET.SubElement(node_attrs, "attribute", {"id": str(i), "title": name, "type": typ})
    edge_attrs = ET.SubElement(graph, "attributes", {"class": "edge"})
    extra = [a for a in _EDGE_ATTRS if a[0] != "weight"]
    for i, (name, typ) in enumerate(extra):
        ET.SubElement(edge_attrs, "attribute", {"id": str(i), "title": name, "type": typ})
    nodes_el = ET.SubElement(graph, "nodes")
    for n in nodes:
        el = ET.SubElement(nodes_el, "node", {"id": n["id"], "label": n["name"]})
        values = ET.SubElement(el, "attvalues")
        for i, (name, _) in enumerate(_NODE_ATTRS[1:]):
            ET.SubElement(values, "attvalue", {"for": str(i), "value": str(n[name])})
    edges_el = ET.SubElement(graph, "edges")
    for k, e in enumerate(edges):
        el = ET.SubElement(
            edges_el,
            "edge",
            {"id": str(k), "source": e["source"], "target": e["target"], "weight": str(e["weight"])},
        )
        values = ET.SubElement(el, "attvalues")
        for i, (name, _) in enumerate(extra):
            ET.SubElement(values, "attvalue", {"for": str(i), "value": str(e[name])})
    return _xml(root)
