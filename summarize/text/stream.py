"""Clusters read one at a time from a JSONL file of clusters (``{"id", "articles": [...]}``
a line), for batches of any size: memory holds one line, not the file.

``--max-input-mb`` bounds each line here (what is held at once), not the whole file. Ids
repeated in the file get a ``-2``, ``-3``… suffix as :func:`ingest.load_clusters` gives them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from summarize.errors import UserError
from summarize.io import json_problem
from summarize.text.decode import BadInput, decode_bytes
from summarize.text.formats import is_cluster
from summarize.text.ingest import Warn, check_dates, cluster_line, reporter
from summarize.types import Article


def is_cluster_stream(path: str) -> bool:
    """Whether ``path`` is a ``.jsonl`` file whose first record is a cluster (read lazily)."""
    if path == "-" or not path.lower().endswith(".jsonl") or not Path(path).is_file():
        return False
    try:
        with open(path, "rb") as handle:
            for raw in handle:
                if raw.strip():
                    return is_cluster(json.loads(raw))
    except (OSError, ValueError, RecursionError):
        return False
    return False


def iter_clusters(path: str, *, strict: bool = False, warn: Warn | None = None,
                  lang_check: bool = False, max_mb: float | None = None
                  ) -> Iterator[tuple[str, list[Article]]]:
    """``(id, articles)`` for each cluster line of ``path``, as read; a bad line is reported
    (``file:line``) and skipped, or with ``strict`` raises ``UserError``."""
    report = reporter(strict, warn)
    limit = None if max_mb is None else int(max_mb * 1e6)
    seen: set[str] = set()
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, lines read as they come
    except OSError as err:
        raise UserError(f"{path}: cannot read ({err.strerror or err})") from None
    with handle:
        for lineno, raw in enumerate(handle, 1):
            where = f"{path}:{lineno}"
            if not raw.strip():
                continue
            if limit is not None and len(raw) > limit:
                raise UserError(f"input too large: {where} goes over the {max_mb:g} MB limit "
                                "(per cluster when clusters stream); raise it with --max-input-mb")
            try:
                obj: object = json.loads(decode_bytes(raw, where, warn))
            except (ValueError, RecursionError) as err:
                obj = BadInput(json_problem(err))
            except BadInput as err:
                obj = err
            found = cluster_line(obj, path, where, lineno, report, lang_check)
            if found is None:
                continue
            cid, articles = found
            base, n = cid, 2
            while cid in seen:
                cid, n = f"{base}-{n}", n + 1
            seen.add(cid)
            yield cid, check_dates(articles, warn)
