"""The hostile corpus (bench/hostile.py): one coded line per bad input, the good ones stored, exit 1."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bench.hostile import write_hostile_corpus

from frenemy.store.db import Store

LINE = re.compile(r"^([EW]\d{3}) (?:cannot read|not read) (.+?): ")


@pytest.mark.slow
def test_hostile_corpus_gives_one_coded_line_per_bad_input(tmp_path: Path) -> None:
    corpus = write_hostile_corpus(tmp_path / "corpus")
    db = tmp_path / "hostile.db"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), FRENEMY_READ_SECONDS="300")
    env.pop("FRENEMY_DB", None)
    cmd = [sys.executable, "-m", "frenemy.cli", "ingest", str(corpus.folder), *corpus.extra_args]
    done = subprocess.run(
        [*cmd, "--db", str(db), "--quiet"], capture_output=True, text=True, env=env, timeout=600
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    coded: dict[str, str] = {}
    for line in done.stderr.splitlines():
        match = LINE.match(line)
        if match:
            where = match.group(2)
            assert where not in coded, f"two lines for {where}: {done.stderr}"
            coded[where] = match.group(1)
    assert coded == {**corpus.expected, **corpus.notices}, done.stderr
    assert f"failed {len(corpus.expected)}" in done.stderr

    with Store(str(db), readonly=True) as store:
        stored = {d.source_path for d in store.documents()}
        actors = {a.id: a.name for a in store.actors(min_mentions=1)}
    assert set(corpus.good) <= stored
    assert not any("report.html" in s for s in stored)
    # the invisible characters were dropped: "Saudi Arabia" and "Iran", no new actor
    assert "saudi-arabia" in actors and "iran" in actors
    assert not [name for name in actors.values() if "\u200e" in name or "\u00ad" in name or "\u200d" in name]
    # sidecars that were refused cost their own document only: the other files were stored
    assert len(stored) == len(corpus.good)
