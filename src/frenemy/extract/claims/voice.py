"""The document's own voice: the author or publisher who asserts what is not attributed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from frenemy.models import Actor, ActorRef, DateInfo

if TYPE_CHECKING:
    from frenemy.nlp.context import DocContext


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unknown"


# "https://www.reuters.com:443/world", "example.com:443", "bbc.co.uk": a web address, not a name
_ADDRESS = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^/@\s]+@)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?(?:[/?#]\S*)?$", re.I
)
_HOST_PREFIXES = ("www", "www1", "www2", "m", "mobile", "amp", "edition", "news", "en", "english")
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "news", "ne", "or", "go"}


def site_name(name: str) -> str:
    """The name to show for a publisher or author given as a URL or host name: the site's own name
    with scheme, port, path and ``www`` dropped; any other name unchanged.

    >>> site_name("https://www.reuters.com:443/world/middle-east")
    'Reuters'
    >>> site_name("bbc.co.uk")
    'BBC'
    """
    text = name.strip()
    m = _ADDRESS.match(text)
    if m is None or " " in text:
        return text
    labels = [x for x in m.group(1).lower().split(".") if x]
    if labels[-1].isdigit():  # "127.0.0.1": an address with no site name at all
        return ""
    tld, labels = labels[-1], labels[:-1]
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL and len(tld) == 2:
        labels = labels[:-1]  # "co" of "bbc.co.uk"
    while len(labels) > 1 and labels[0] in _HOST_PREFIXES:
        labels = labels[1:]
    label = labels[-1]
    if len(label) <= 3:
        return label.upper()  # "bbc", "cnn", "afp"
    return "-".join(p.capitalize() for p in label.split("-"))


def document_voice(ctx: DocContext) -> ActorRef | None:
    """The actor who speaks when the text asserts something unattributed: the author, else the
    publisher, resolved in the registry or added to it as a corpus actor (person / media).
    None when the document names neither."""
    cached: object = getattr(ctx, "_frenemy_voice", False)
    if cached is None or isinstance(cached, ActorRef):
        return cached
    ref: ActorRef | None = None
    doc_meta = ctx.document
    for name, kind in ((doc_meta.author, "person"), (doc_meta.publisher, "media")):
        if not name or not name.strip():
            continue
        raw = name.strip()
        name = site_name(raw)
        if not name:
            continue
        actor = _lookup(ctx, name) or (_lookup(ctx, raw) if raw != name else None)
        if actor is None:
            actor = Actor(id=_slug(name), name=name, type=kind, origin="corpus")
            added = ctx.registry.add(actor)
            if isinstance(added, Actor):
                actor = added
        ref = actor.ref()
        break
    try:
        ctx._frenemy_voice = ref  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover - slotted stand-ins
        pass
    return ref


def _lookup(ctx: DocContext, name: str) -> Actor | None:
    try:
        found = ctx.registry.lookup(name)
    except Exception:  # a registry that cannot look up a name is treated as not knowing it
        return None
    return found if isinstance(found, Actor) else None


def _publication_date(ctx: DocContext) -> DateInfo:
    """The date a statement in the present tense speaks from: the story's dateline date when the
    timeline found one ("DOHA, June 5 (Reuters) -"), else the publication date."""
    story = getattr(ctx.timeline, "publication", None)
    if isinstance(story, DateInfo) and story.start:
        return story
    pub = ctx.document.published
    if not pub:
        return DateInfo()
    precision = {4: "year", 7: "month", 10: "day"}.get(len(pub), "day")
    return DateInfo(start=pub, end=pub, precision=precision, basis="publication", text=None)
