"""The benchmark corpus: the Lee corpus of ABC news articles shipped inside gensim's wheel.

The file holds one article per line (300 lines, 293 distinct articles, 58,599 words). It is repeated until the
corpus reaches the requested size; every copy after the first ends with a short tag ("[copy 2]")
so each text is a distinct document for frenemy's content-hash identity (identical texts would be
skipped as duplicates and make the ingest look faster than it is).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

LEE_FILE = "lee_background.cor"


def lee_path() -> Path:
    """Where gensim's copy of the Lee background corpus is on this machine.

    Raises FileNotFoundError with what to install when gensim (a dev dependency) is missing.
    """
    try:
        root = resources.files("gensim") / "test" / "test_data" / LEE_FILE
    except ModuleNotFoundError as exc:
        raise FileNotFoundError(
            "the benchmark corpus comes from gensim's test data; install the dev dependencies "
            "(make install-dev) so that gensim is importable"
        ) from exc
    path = Path(str(root))
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing from the installed gensim package; reinstall gensim")
    return path


def lee_articles() -> list[str]:
    """The distinct articles of the Lee corpus, one string per non-empty line, in file order.

    The file repeats a few articles verbatim; repeats are dropped so none is a duplicate document.
    """
    with lee_path().open(encoding="utf-8", errors="replace") as fh:
        return list(dict.fromkeys(line.strip() for line in fh if line.strip()))


def word_count(texts: list[str]) -> int:
    """Whitespace-separated words: the unit of every words/s figure in the benchmark."""
    return sum(len(t.split()) for t in texts)


def article_copies() -> Iterator[str]:
    """The Lee articles, then again with a copy tag ("[copy 2]", ...), without end: each text distinct."""
    articles = lee_articles()
    for copy in itertools.count(1):
        for article in articles:
            yield article if copy == 1 else f"{article} [copy {copy}]"


def build_corpus(min_words: int) -> list[str]:
    """Lee articles repeated (distinct copies) until the corpus has at least ``min_words`` words.

    >>> len(build_corpus(1000)) >= 1
    True
    """
    texts: list[str] = []
    words = 0
    for text in article_copies():
        if words >= min_words:
            break
        texts.append(text)
        words += len(text.split())
    return texts


def write_corpus(texts: list[str], folder: Path) -> list[Path]:
    """Write one UTF-8 .txt file per text into ``folder`` (created) and return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"lee_{i:06d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


# --- generated news for robustness tests (our own sentences, not a benchmark corpus) -----------
_ACTORS = ["Iran", "al-Qaeda", "the United States", "Saudi Arabia", "Jordan", "Hezbollah", "Syria", "Egypt"]
_ACTIONS = [
    "condemned", "praised", "met with", "accused", "threatened", "attacked", "signed an agreement with",
    "criticized", "visited", "sent aid to", "detained members of", "held talks with",
]  # fmt: skip
_FRAMES = [
    "{a} {v} {b} on {d}.",
    "Officials said {a} {v} {b} in {m}.",
    "According to a ministry statement, {a} {v} {b} last week.",
    "{a} has {v} {b} repeatedly since {y}, analysts said.",
    "On {d}, {a} {v} {b}, the news agency reported.",
]
_MONTHS = ["January", "March", "May", "July", "September", "November"]


def generated_news(n_docs: int, sentences_per_doc: int = 12, *, seed: int = 1) -> list[str]:
    """``n_docs`` distinct short news-like texts about actors in frenemy's registry.

    Deterministic for a seed; each text starts with its own report number, so no two are equal.
    """
    import random

    rng = random.Random(seed)
    texts = []
    for n in range(n_docs):
        lines = [f"Dispatch number {n + 1} from the regional desk."]
        for _ in range(sentences_per_doc):
            a, b = rng.sample(_ACTORS, 2)
            year = rng.randint(1995, 2012)
            month = rng.choice(_MONTHS)
            sentence = rng.choice(_FRAMES).format(
                a=a,
                b=b,
                v=rng.choice(_ACTIONS),
                d=f"{rng.randint(1, 28)} {month} {year}",
                m=f"{month} {year}",
                y=year,
            )
            lines.append(sentence[0].upper() + sentence[1:])
        texts.append(" ".join(lines))
    return texts
