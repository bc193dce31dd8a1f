"""Briefings as one self-contained HTML page: inline CSS, no script, no network.

Each summary sentence shows its sources on hover or click (keyboard focus: it has a
``tabindex``): the articles it is attributed to, with their dates, and the best-matching
source sentences. Sentences with unsupported facts, without any source, or extracted from
an article (``origin`` ``extracted`` or ``compressed``, or replaced by verification) are marked. Every
piece of text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as _html_escape
from typing import TYPE_CHECKING

from summarize.escape import one_line, strip_controls
from summarize.text.clean import clean_text
from summarize.version import __version__

if TYPE_CHECKING:
    from summarize.brief import Briefing

BASE_CSS = """
:root{--ink:#1d2330;--muted:#5b6372;--line:#d9dde4;--bg:#fbfbfc;--accent:#1f5fbf;--warn:#b35900}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 system-ui,-apple-system,
"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:60rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:1.7rem;line-height:1.25;margin:.2rem 0 1rem}
h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
a{color:var(--accent)}
.muted,.kicker,footer{color:var(--muted);font-size:.9rem}
.kicker{text-transform:uppercase;letter-spacing:.05em;font-size:.78rem;margin:0}
table{border-collapse:collapse;margin:.5rem 0;font-size:.92rem}
th,td{border:1px solid var(--line);padding:.3rem .55rem;vertical-align:top}
th{background:#eef1f5;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
details>summary{cursor:pointer;color:var(--accent)}
"""

BRIEF_CSS = """
.summary p.text{font-size:1.12rem;line-height:1.7;background:#fff;border:1px solid var(--line);
border-radius:6px;padding:1rem 1.2rem;margin:0;position:relative}
.s{border-radius:3px;cursor:help;outline:none}
.s:hover,.s:focus,.s:focus-within{background:#e7effb}
.s.extracted{text-decoration:underline dotted var(--accent);text-decoration-thickness:2px;
text-underline-offset:4px}
.s.warn{text-decoration:underline wavy var(--warn);text-decoration-thickness:1px;
text-underline-offset:3px}
.refs{font-size:.7em;margin-left:.1em}
.refs a{text-decoration:none}
.badge{display:inline-block;font-size:.72rem;line-height:1.4;padding:0 .35rem;margin-left:.3rem;
border-radius:3px;vertical-align:.15em;white-space:nowrap}
.badge.warn{background:#fde9d6;color:#7a3d00}
.badge.extracted{background:#e2ecfa;color:#163f7a}
.badge.nosource{background:#eee;color:#444}
.pop{display:none;position:absolute;left:-1px;right:-1px;top:calc(100% + 4px);z-index:10;
background:#fff;color:var(--ink);border:1px solid #b8c0cc;border-radius:6px;padding:.6rem .8rem;
box-shadow:0 6px 22px rgba(20,30,50,.18);font-size:.86rem;line-height:1.45;cursor:auto}
.s:hover>.pop,.s:focus>.pop,.s:focus-within>.pop{display:block}
.pop-h{display:block;font-weight:600;margin:.3rem 0 .15rem;color:var(--muted);font-size:.75rem;
text-transform:uppercase;letter-spacing:.04em}
.pop-a,.pop-q{display:block}
.pop-q{border-left:3px solid var(--line);padding-left:.5rem;margin:.25rem 0;font-style:italic}
.legend{margin:.4rem 0 0}
.detail{margin-top:1rem}
.detail li{margin:.5rem 0}
.detail ul{margin:.2rem 0;padding-left:1.2rem;color:var(--muted)}
.sources li{margin:.35rem 0}
.sources .id{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem}
.sources .text{white-space:pre-wrap;font-size:.9rem;background:#fff;border:1px solid var(--line);
padding:.5rem .75rem;border-radius:4px}
footer{margin-top:2rem;border-top:1px solid var(--line);padding-top:.5rem}
hr.between{margin:3rem 0;border:0;border-top:3px double var(--line)}
.s.context{color:var(--muted)}
.timeline ol{list-style:none;padding-left:0}
.timeline time{font-weight:600}
"""



def escape(text: str) -> str:
    """HTML text from data: markup escaped, control and bidi-override characters removed."""
    return _html_escape(strip_controls(str(text), keep_newlines=True))

def page(title: str, body: str, css: str = "", lang: str = "fr") -> str:
    """A complete HTML5 document around ``body`` (already escaped HTML)."""
    return (
        f"<!DOCTYPE html>\n<html lang=\"{escape(lang)}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"generator\" content=\"summarize {escape(__version__)}\">\n"
        f"<title>{escape(one_line(title))}</title>\n<style>{BASE_CSS}{css}</style>\n</head>\n<body>\n"
        f"<main>\n{body}</main>\n</body>\n</html>\n"
    )


def _first_words(text: str, n: int = 14) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _marks(s) -> tuple[list[str], list[str]]:
    """CSS classes and badges (HTML) of one checked sentence."""
    classes, badges = [], []
    origin = getattr(s, "origin", None)
    if getattr(s, "replaced", None) or origin == "extracted":
        classes.append("extracted")
        label = "extrait (remplace une phrase non vérifiée)" if s.replaced else "extrait"
        badges.append(f'<span class="badge extracted">{label}</span>')
    elif origin == "compressed":
        classes.append("extracted")
        badges.append('<span class="badge extracted">extrait abrégé</span>')
    if s.unsupported:
        classes.append("warn")
        facts = escape(", ".join(s.unsupported))
        badges.append(f'<span class="badge warn">⚠ non vérifié : {facts}</span>')
    if not s.article_ids:
        classes.append("nosource")
        badges.append('<span class="badge nosource">sans source</span>')
    if getattr(s, "status", None) == "context":
        classes.append("context")
        badges.append('<span class="badge context">rappel</span>')
    elif getattr(s, "status", None) == "new":
        badges.append('<span class="badge new">nouveau</span>')
    for edit in getattr(s, "edits", None) or []:
        badges.append(f'<span class="badge date">date : « {escape(edit["from"])} » → '
                      f'« {escape(edit["to"])} »</span>')
    return classes, badges


def _timeline(b: Briefing, number: dict[str, int], k: int) -> str:
    """The ``--timeline`` section: one dated event a line, with its sources."""
    if b.timeline is None:
        return ""
    items = []
    for e in b.timeline:
        refs = "".join(f'<a href="#b{k}-src{number[a]}">[{number[a]}]</a>'
                       for a in e.article_ids if a in number)
        items.append(f'<li><time datetime="{e.day.isoformat()}">{escape(e.label)}'
                     f'</time> — {escape(e.text)}<sup class="refs">{refs}</sup></li>\n')
    body = "".join(items) or "<li>Aucun fait daté.</li>\n"
    return f'<section class="timeline">\n<h2>Chronologie</h2>\n<ol>\n{body}</ol>\n</section>\n'



def _sentence(s, k: int, n: int, number: dict[str, int], dates: dict[str, str | None]) -> str:
    classes, badges = _marks(s)
    refs = "".join(f'<a href="#b{k}-src{number[a]}">[{number[a]}]</a>'
                   for a in s.article_ids if a in number)
    pop = ['<span class="pop" role="tooltip">']
    if s.article_ids:
        pop.append('<span class="pop-h">Articles</span>')
        for a in s.article_ids:
            date = f" · {escape(dates[a])}" if dates.get(a) else ""
            num = f"[{number[a]}] " if a in number else ""
            pop.append(f'<span class="pop-a">{num}<b>{escape(a)}</b>{date}</span>')
    else:
        pop.append('<span class="pop-a">Aucun article ne soutient cette phrase.</span>')
    if getattr(s, "also_in", None):
        pop.append('<span class="pop-h">Aussi rapporté par</span>')
        pop += [f'<span class="pop-a">{f"[{number[a]}] " if a in number else ""}<b>{escape(a)}</b>'
                f"</span>" for a in s.also_in]
    if s.sources:
        pop.append('<span class="pop-h">Phrases sources</span>')
        pop += [f'<q class="pop-q">{escape(src)}</q>' for src in s.sources]
    if getattr(s, "replaced", None):
        pop.append('<span class="pop-h">Phrase générée remplacée</span>'
                   f'<q class="pop-q">{escape(s.replaced)}</q>')
    pop.append("</span>")
    cls = " ".join(["s", *classes])
    label = f"Phrase {n} : sources"
    return (f'<span class="{cls}" tabindex="0" aria-label="{escape(label)}">{escape(s.text)}'
            f'<sup class="refs">{refs}</sup>{"".join(badges)}{"".join(pop)}</span>')


def _detail(s, number: dict[str, int]) -> str:
    _, badges = _marks(s)
    ids = ", ".join(f"[{number[a]}] {escape(a)}" if a in number else escape(a)
                    for a in s.article_ids) or "aucun"
    items = "".join(f"<li>{escape(src)}</li>" for src in s.sources)
    return (f"<li>{escape(s.text)}{''.join(badges)}<ul><li>Articles : {ids}</li>{items}</ul></li>")


def _footer(b: Briefing) -> str:
    p, model = b.packing or {}, b.model or {}
    parts = [f"Modèle : {escape(str(model.get('name', '?')))}"]
    if model.get("runtime"):
        parts[0] += f" ({escape(str(model['runtime']))})"
    if "sentences_used" in p:
        unit = "mots" if p.get("unit") == "words" else "jetons"  # as the Markdown says
        used = f"{p['sentences_used']} phrases ({p.get('tokens_used', '?')} {unit}) utilisées"
        dropped = f"{p.get('sentences_dropped', 0)} écartées ({p.get('tokens_dropped', 0)} {unit})"
        parts.append(f"{used}, {dropped}")
    parts += [escape(note) for note in p.get("notes", [])]
    if b.seconds:
        parts.append(f"{b.seconds:.2f} s")
    parts.append(f"summarize {escape(__version__)}")
    return "<footer>" + " · ".join(parts) + "</footer>\n"


def briefing_section(b: Briefing, k: int = 1) -> str:
    """One briefing as an ``<article>`` element (``k`` makes its anchors unique)."""
    number = {a.id: i for i, a in enumerate(b.articles, 1)}
    dates = {a.id: a.date for a in b.articles}
    known = sorted({a.date for a in b.articles if a.date})
    span = "" if not known else f" · {escape(known[0])}" + (
        f" – {escape(known[-1])}" if known[-1] != known[0] else "")
    flagged = sum(1 for s in b.sentences if s.unsupported)
    check = ("tous les faits vérifiés" if not flagged
             else f"{flagged} phrase(s) avec des faits non vérifiés")
    heading = f"<h1 dir='auto'>{escape(one_line(b.title))}</h1>" if b.title else ""
    out = [(f'<article class="briefing" id="b{k}">\n<header><p class="kicker">Synthèse · '
            f"{len(b.articles)} article(s){span}</p>\n{heading}</header>\n")]
    sentences = " ".join(_sentence(s, k, n, number, dates) for n, s in enumerate(b.sentences, 1)
                         if s.origin != "headline")  # the <h1> says it
    out.append(f'<section class="summary" aria-label="Résumé">\n<p class="text">{sentences}</p>\n'
               f'<p class="legend muted">Survolez ou cliquez une phrase pour voir ses sources · '
               f"{check}.</p>\n</section>\n")
    details = "".join(_detail(s, number) for s in b.sentences)
    out.append(f'<details class="detail"><summary>Phrase par phrase : sources et faits</summary>'
               f"\n<ol>{details}</ol>\n</details>\n")
    out.append(_timeline(b, number, k))
    out.append('<section class="sources">\n<h2>Sources</h2>\n<ol>\n')
    for i, a in enumerate(b.articles, 1):
        date = f" ({escape(a.date)})" if a.date else ""
        text = clean_text(a.text).strip() or a.text.strip()
        head = escape(one_line(a.title or _first_words(text)))
        out.append(f'<li id="b{k}-src{i}"><span class="id"><bdi>{escape(one_line(a.id))}</bdi></span>{date} — {head}'
                   f'<details><summary>texte (nettoyé)</summary><div class="text">{escape(text)}'
                   "</div></details></li>\n")
    out.append("</ol>\n</section>\n")
    out.append(_footer(b))
    out.append("</article>\n")
    return "".join(out)


def to_html(briefings: Sequence[Briefing]) -> str:
    """All briefings on one page (``summarize brief --format html``)."""
    title = (briefings[0].title or "Synthèse") if len(briefings) == 1 else f"{len(briefings)} briefings"
    body = '<hr class="between">\n'.join(briefing_section(b, k)
                                         for k, b in enumerate(briefings, 1))
    return page(title, body, BRIEF_CSS)
