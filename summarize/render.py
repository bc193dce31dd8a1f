"""Briefing output formats: Markdown, JSON, plain text and HTML (``render_html``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from summarize.escape import markdown as md
from summarize.render_html import to_html
from summarize.text.clean import clean_text

if TYPE_CHECKING:  # the job module imports this one
    from summarize.brief import Briefing

FORMATS = ("md", "json", "jsonl", "txt", "html")


def _first_words(text: str, n: int = 12) -> str:
    words = clean_text(text[:2000]).split()  # the start is enough (a 5 MB article is not cleaned twice)
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _refs(ids: list[str]) -> str:
    return "".join(f"[{md(a)}]" for a in ids[:3])


def to_markdown(b: Briefing) -> str:
    """Title, summary (unsupported facts flagged), and a Sources list; every field from the
    data is escaped (``escape.markdown``): no heading, link or image can come from an article."""
    head = next((s for s in b.sentences if s.origin == "headline"), None)  # said by the heading
    refs = _refs(head.article_ids) if head else ""
    lines = [f"# {md(b.title)}{' ' + refs if refs else ''}", ""] if b.title else []
    body = []
    for s in b.sentences:
        if s is head:
            continue
        refs = _refs(s.article_ids)
        flag = (f" ⚠ *non vérifié : {', '.join(md(f) for f in s.unsupported)}*"
                if s.unsupported else "")
        text = f"*Rappel :* {md(s.text)}" if s.status == "context" else md(s.text)
        body.append(f"{text}{' ' + refs if refs else ''}{flag}")
    lines += [" ".join(body), ""]
    if b.timeline is not None:
        lines += ["## Chronologie", ""] + [
            f"- **{md(e.label)}** — {md(e.text)} {_refs(e.article_ids)}".rstrip()
            for e in b.timeline] + ([] if b.timeline else ["*Aucun fait daté.*"]) + [""]
    lines += ["## Sources", ""]
    for a in b.articles:
        date = f" ({md(a.date)})" if a.date else ""
        head = a.title or _first_words(a.text)
        lines.append(f"- **{md(a.id)}**{date} — {md(head)}")
    p = b.packing
    unit = "mots" if p.get("unit") == "words" else "jetons"
    footer = (f"*{md(b.model['name'])} · {p['sentences_used']} phrases ({p['tokens_used']} {unit}) "
              f"utilisées, {p['sentences_dropped']} écartées ({p['tokens_dropped']} {unit})*")
    lines += ["", footer] + [f"*{md(note)}*" for note in p.get("notes", [])]
    return "\n".join(lines) + "\n"


def to_dict(b: Briefing) -> dict:
    """Everything about a briefing, JSON-ready."""
    return {
        "id": b.cluster_id,
        "title": b.title,
        "summary": b.summary,
        "sentences": [s.to_dict() for s in b.sentences],
        "facts_check": {"unsupported": b.unsupported, "ok": not b.unsupported},
        "sources": [{"id": a.id, "date": a.date, "title": a.title, "first_words": _first_words(a.text)}
                    | ({"seen": True} if a.seen else {}) for a in b.articles],
        "packing": b.packing,
        "model": b.model,
        "prompt": b.prompt,
        "generation": b.generation,
        "timing": {"seconds_per_cluster": b.seconds},
    } | ({"timeline": [e.to_dict() for e in b.timeline]} if b.timeline is not None else {})


def jsonl_line(b: Briefing) -> str:
    """One briefing as one line of JSON (``--format jsonl``, written as briefings finish)."""
    return json.dumps(to_dict(b), ensure_ascii=False) + "\n"


def render(briefings: Sequence[Briefing], fmt: str, *, as_list: bool | None = None) -> str:
    """All briefings in one document of format ``fmt``.

    json: one object (a list for several clusters, or always with ``as_list``: cluster input,
    whatever succeeded); jsonl: one object a line; md: one section each; txt: one summary per line, as
    ``summarize eval --predictions`` reads it (with ``--timeline``, each followed by its
    events, indented); html: one self-contained page.
    """
    if fmt == "jsonl":
        return "".join(jsonl_line(b) for b in briefings)
    if fmt == "json":
        data = [to_dict(b) for b in briefings]
        one = len(data) == 1 and not as_list
        return json.dumps(data[0] if one else data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return "\n---\n\n".join(to_markdown(b) for b in briefings)
    if fmt == "html":
        return to_html(briefings)
    return "".join(f"{' '.join(b.summary.split())}\n" + "".join(  # one per line, for `eval`
        f"  {e.label} — {' '.join(e.text.split())}\n" for e in b.timeline or [])
        for b in briefings)
