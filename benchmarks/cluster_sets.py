"""Named sets of OrangeSum-MDS validation clusters, by what past sessions read or tuned on.

A gain measured only on the clusters the condenser was tuned on can be luck (sessions 25-27),
so each set below holds clusters built from articles that no earlier set holds:

- ``mds``: ``eval/suites/orangesum-mds.toml`` (similarity 0.15, 7 days; 50 clusters, read and
  tuned on since session 13);
- ``wide``: ``orangesum-mds-wide`` (the same build without its size cap: 82), and ``outside``,
  its 36 clusters ``mds`` lacks (read from session 25 on);
- ``fresh``: a looser build (0.12, 10 days) less every cluster sharing an article with ``wide``
  (47; session 26 read 30 of them);
- ``dev``: 0.10 and 14 days, less every article of the 0.12 build (54; session 27 read them and
  fixed what it found);
- ``held``: 0.08 and 14 days, less those and ``dev``'s articles (62; session 27 looked only at
  its ROUGE, before and after its fixes, and blind reading 25 read 30 of them);
- ``held2``: 0.07 and 14 days, less every article of the sets above (36; blind reading 26 read
  30 of them after session 27's fixes);
- ``held3``: 0.06 and 14 days, less every article of the sets above (47; session 28 scored it
  before any change, then blind readings 27-28 read 30 of them);
- ``held4``: 0.05 and 14 days, less every article of the sets above (session 28 scored it after
  its changes, then blind reading 29 read 30 of them);
- ``held5``: 0.04 and 14 days, less every article of the sets above (59; session 29 scored it
  after its first changes, before any reading).

The looser the build, the more clusters hold two stories on one topic.
"""

from __future__ import annotations

from summarize.evaluate.mds import Cluster, load_mds

#: The sets built looser and looser (similarity threshold; 14 days apart at most).
_LOOSER = (("dev", 0.10), ("held", 0.08), ("held2", 0.07), ("held3", 0.06), ("held4", 0.05), ("held5", 0.04))
NAMES = ("mds", "wide", "outside", "fresh", *(name for name, _ in _LOOSER))


def _ids(clusters) -> set[str]:
    return {a.id for c in clusters for a in c.articles}


def _without(clusters, read: set[str]) -> list[Cluster]:
    return [c for c in clusters if not read & {a.id for a in c.articles}]


def cluster_set(name: str) -> list[Cluster]:
    """The clusters of one named set (see the module's docstring)."""
    if name not in NAMES:
        raise SystemExit(f"unknown cluster set {name!r}: one of {', '.join(NAMES)}")
    mds, wide = load_mds(), load_mds(threshold=0.15, max_days=7)
    if name in ("mds", "wide"):
        return mds if name == "mds" else wide
    if name == "outside":
        tuned = {tuple(sorted(a.id for a in c.articles)) for c in mds}
        return [c for c in wide if tuple(sorted(a.id for a in c.articles)) not in tuned]
    if name == "fresh":
        return _without(load_mds(threshold=0.12, max_days=10), _ids(mds) | _ids(wide))
    read = _ids(mds) | _ids(wide) | _ids(load_mds(threshold=0.12, max_days=10))
    for looser, threshold in _LOOSER:  # each less every article of the sets before it
        clusters = _without(load_mds(threshold=threshold, max_days=14), read)
        if looser == name:
            return clusters
        read |= _ids(clusters)
    raise AssertionError(name)  # every name in NAMES is handled above
