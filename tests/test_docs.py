"""Documentation keeps up with the code: every command and option a user can type is in README."""

from __future__ import annotations

import argparse
from pathlib import Path

from frenemy.cli import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_is_in_the_readme():
    for name in _subparsers():
        assert f"frenemy {name}" in README, f"README does not document `frenemy {name}`"


def test_every_option_is_in_the_readme():
    missing = []
    for name, sub in _subparsers().items():
        for action in sub._actions:
            for flag in action.option_strings:
                if (
                    flag.startswith("--")
                    and flag not in ("--help", "--db", "--progress")
                    and flag not in README
                ):
                    missing.append(f"{name} {flag}")
    assert not missing, f"options missing from README: {missing}"
