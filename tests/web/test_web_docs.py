"""docs/web.md keeps up with the app: every route a user can call is documented."""

from __future__ import annotations

import re
from pathlib import Path

DOC = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text()
PARAM = re.compile(r"\{[^}]*\}")
UNDOCUMENTED = {"/favicon.ico"}


def test_every_route_is_documented(app):
    documented = PARAM.sub("{}", DOC)
    missing = []
    for route in app.routes:
        path = getattr(route, "path", "")
        methods = getattr(route, "methods", None)
        if not methods or path in UNDOCUMENTED:
            continue
        if PARAM.sub("{}", path) not in documented:
            missing.append(path)
        if "POST" in methods and f"POST {path}" not in DOC:
            missing.append(f"POST {path}")
    assert not missing, f"routes missing from docs/web.md: {missing}"
