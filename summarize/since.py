"""``--since DATE|PREVIOUS.json``: mark what the reader has already seen, for an update briefing.

- a date (``2020-08-06``): the articles dated on or before it are seen (undated ones are new);
- a previous briefing (the JSON that ``summarize brief -f json`` wrote, one object or a list
  of them, matched to clusters by ``id``; a single object applies to every cluster): its
  source articles are seen, and its text joins the cluster as one more seen article
  (``synthèse-précédente``), so that a fact it stated is known whatever article says it.

The planner (``select/update.py``) then says only the new facts.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from summarize.errors import UserError
from summarize.io import json_problem
from summarize.text.decode import sanitize
from summarize.text.when import day_of, parse_date
from summarize.types import Article

#: A previous briefing's JSON larger than this is refused (briefings are a few kB each).
MAX_PREVIOUS_MB = 64
PREVIOUS_ID = "synthèse-précédente"


@dataclass
class Since:
    """What the reader has seen: up to a day, or a previous briefing (by cluster id)."""

    day: date | None = None
    previous: dict[str, dict] = field(default_factory=dict)
    source: str = ""

    def apply(self, cluster_id: str, articles: list[Article]) -> list[Article]:
        """The cluster's articles with the seen ones marked (copies; the input is left alone)."""
        if self.day is not None:
            return [replace(a, seen=(d := day_of(a.date)) is not None and d <= self.day)
                    for a in articles]
        before = self.previous.get(cluster_id, self.previous.get("*"))
        if before is None:
            return list(articles)
        ids = {str(s.get("id")) for s in before.get("sources", []) if isinstance(s, dict)}
        out = [replace(a, seen=a.id in ids) for a in articles]
        text, title = before.get("summary"), before.get("title")
        if isinstance(text, str) and text.strip():
            dates = sorted(str(s["date"])[:10] for s in before.get("sources", [])
                           if isinstance(s, dict) and s.get("date"))
            day = dates[-1] if dates and day_of(dates[-1]) else None
            out.append(Article(PREVIOUS_ID, sanitize(text), date=day, source=self.source, seen=True,
                               title=sanitize(title) if isinstance(title, str) and title else None))
        return out


def parse_since(value: str) -> Since:
    """``--since``'s value: a day (``YYYY-MM-DD``) or the path of a previous briefing's JSON."""
    path = Path(value)
    if path.suffix.lower() == ".json" or path.is_file():
        return Since(previous=_previous(path), source=str(path))
    found, problem = parse_date(value)
    day = day_of(found)
    if day is None:
        raise UserError(f"--since takes a day (YYYY-MM-DD) or a previous briefing's JSON, "
                        f"not {value!r}" + (f" ({problem})" if problem else ""))
    return Since(day=day, source=value)


def _previous(path: Path) -> dict[str, dict]:
    try:
        if path.stat().st_size > MAX_PREVIOUS_MB * 1e6:
            raise UserError(f"--since {path}: larger than {MAX_PREVIOUS_MB} MB, not a briefing")
        with open(path, encoding="utf-8") as fh:
            data = json.loads(fh.read(MAX_PREVIOUS_MB * 1_000_000 + 1))
    except OSError as err:
        raise UserError(f"--since {path}: cannot read ({err.strerror or err})") from None
    except UnicodeDecodeError:
        raise UserError(f"--since {path}: not UTF-8 JSON") from None
    except (ValueError, RecursionError) as err:
        raise UserError(f"--since {path}: {json_problem(err)}") from None
    items = data if isinstance(data, list) else [data]
    if not items or not all(isinstance(i, dict) and isinstance(i.get("summary"), str) for i in items):
        raise UserError(f"--since {path}: not a briefing's JSON (`summarize brief -f json`)")
    if isinstance(data, dict):
        return {"*": data}
    return {str(i.get("id")): i for i in items}


def since_from(value: str | os.PathLike | date | Since | None) -> Since | None:
    """The API's ``since=``: None, a ``Since``, a ``date``, a day's text or a previous
    briefing's path."""
    if value is None or isinstance(value, Since):
        return value
    if isinstance(value, date):
        return Since(day=value, source=value.isoformat())
    return parse_since(str(value))
