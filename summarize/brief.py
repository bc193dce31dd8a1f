"""The briefing job: clusters of articles → packed inputs → summaries → checked, sourced briefings."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from summarize.check import SentenceCheck, check
from summarize.render import to_dict, to_markdown
from summarize.render_html import to_html
from summarize.select.pack import Packed
from summarize.select.summarizer import Summarizer
from summarize.select.timeline import Event
from summarize.select.timeline import timeline as events
from summarize.text.clean import clean_article
from summarize.types import Article


@dataclass
class Briefing:
    """A finished briefing for one cluster, with everything needed to audit it."""

    cluster_id: str
    title: str
    summary: str
    sentences: list[SentenceCheck]
    articles: list[Article]
    packing: dict
    model: dict
    generation: dict = field(default_factory=dict)
    prompt: str | None = None
    seconds: float = 0.0
    timeline: list[Event] | None = None  # the cluster's dated events (``--timeline``)

    @property
    def unsupported(self) -> list[str]:
        return [f for s in self.sentences for f in s.unsupported]

    def to_dict(self) -> dict:
        """Everything about the briefing, JSON-ready (``--format json``)."""
        return to_dict(self)

    def to_markdown(self) -> str:
        """Title, summary with [sources] and unsupported facts flagged, Sources list."""
        return to_markdown(self)

    def to_html(self) -> str:
        """A self-contained HTML page (``--format html``)."""
        return to_html([self])


def _words(texts: list[str]) -> list[int]:
    return [len(t.split()) for t in texts]


def _title(articles: list[Article], packed: Packed) -> str:
    """The briefing's headline facet, else the first source title, else "" (no heading)."""
    if packed.facets and packed.facets[0].headline:  # the briefing's own headline
        return packed.facets[0].text.removesuffix(".")
    titled = [a.title for a in articles if a.title]
    return titled[0] if titled else ""  # untitled input: no heading rather than a cut one


def make_briefings(
    clusters: Sequence[tuple[str, list[Article]]],
    summarizer: Summarizer,
    *,
    verify: bool = True,
    on_error: Callable[[str, str], None] | None = None,
    advance: Callable[[int], None] | None = None,
    timeline: bool = False,
) -> list[Briefing]:
    """One briefing per cluster; a cluster that fails is reported through ``on_error`` and skipped.

    Clusters are generated in batches of the summarizer's batch size (``advance`` is called
    with the number of clusters finished, for a progress bar). ``verify`` (every mode, on by
    default): a sentence with an unsupported fact, or a generated one with an invented word or
    too little of the sources' content, is replaced by the closest supported source sentence
    (``check.check(strict=True)``); ``False`` keeps the summarizer's raw text, flagged.
    ``timeline``: each briefing also lists the cluster's dated events (``select.timeline``).
    """
    ready: list[tuple[str, list[Article], Packed]] = []
    for cid, articles in clusters:
        try:
            packed = summarizer.pack(articles)
            if not packed.used:
                raise ValueError("no sentence left to summarize after cleaning")
            ready.append((cid, articles, packed))
        except Exception as err:  # noqa: BLE001 - one bad cluster must not stop the batch
            if on_error:
                on_error(cid, str(err).splitlines()[0] if str(err) else type(err).__name__)
            if advance:
                advance(1)
    size = summarizer.batch_size
    out: list[Briefing] = []
    for start in range(0, len(ready), size):
        chunk = ready[start : start + size]
        t0 = time.perf_counter()
        try:
            summaries = summarizer.summarize_packed([a for _, a, _ in chunk], [p for _, _, p in chunk])
        except Exception as err:  # noqa: BLE001 - isolate the failing cluster below
            if len(chunk) == 1:
                if on_error:
                    on_error(chunk[0][0], str(err).splitlines()[0] if str(err) else type(err).__name__)
                if advance:
                    advance(1)
                continue
            summaries = None
        if summaries is None:  # isolate the failing cluster by retrying one at a time
            out += make_briefings([(c, a) for c, a, _ in chunk], summarizer.with_batch_size(1),
                                  verify=verify, on_error=on_error, advance=advance,
                                  timeline=timeline)
            continue
        seconds = (time.perf_counter() - t0) / len(chunk)
        for (cid, articles, packed), summary in zip(chunk, summaries):
            edits = {f.text: f.edits for f in packed.facets if getattr(f, "edits", None)}
            checks = check(summary, packed.used, articles, strict=verify, edits=edits,
                           whole=[f.text for f in packed.facets])
            _attribute_facets(checks, packed.facets)
            text = " ".join(c.text for c in checks) if verify else summary
            out.append(Briefing(
                cluster_id=cid, title=_title(articles, packed), summary=text,
                sentences=checks, articles=articles, packing=packed.report(),
                model=summarizer.describe(), generation=summarizer.generation(),
                prompt=summarizer.prompt, seconds=round(seconds, 3),
                timeline=events([clean_article(a) for a in articles]) if timeline else None))
        if advance:
            advance(len(chunk))
    return out


def _attribute_facets(checks: list[SentenceCheck], facets) -> None:
    """A sentence that says a planned facet is cited to the articles that have that sentence;
    the facet's other articles, which report the fact in other words, are ``also_in`` (a
    headline's ``origin`` is ``headline``: a source article's title)."""
    for c in checks:
        facet = next((f for f in facets if f.text == c.text), None)
        if facet is not None:
            said = facet.sources[0]
            c.article_ids = list(dict.fromkeys(said.article_ids or [said.article_id]))
            c.also_in = [a for a in facet.article_ids if a not in c.article_ids] or None
            c.sources = [s.text for s in facet.sources]
            c.status = getattr(facet, "status", None)
            if facet.headline:
                c.origin = "headline"
