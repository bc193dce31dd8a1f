"""Golden values: exact ROUGE scores and the seeds briefing's shape, so tables cannot drift silently.

The files under ``tests/data/`` were written by the code at the commit that added them and
checked by hand where noted. A deliberate change to tokenization, scoring or the default
briefing must update them in the same commit (and the README tables with them).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.evaluate.rouge import score

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
GOLDEN = json.loads((DATA / "golden_rouge.json").read_text(encoding="utf-8"))
REFS = {n: (ROOT / "eval" / "references" / f"seeds.{n}.txt").read_text(encoding="utf-8").strip()
        for n in ("abstract", "briefing")}


@pytest.mark.parametrize("key", sorted(GOLDEN["scores"]))
def test_rouge_matches_the_golden_values(key):
    pred_name, ref_name = key.split("|")
    result = score([GOLDEN["predictions"][pred_name]], [[REFS[ref_name]]], bootstrap=0)
    assert result.signature == GOLDEN["signature"]
    for rouge_type, (p, r, f) in GOLDEN["scores"][key].items():
        got = [100 * float(x) for x in result.per_item[0, result.types.index(rouge_type)]]
        assert got == pytest.approx([p, r, f], abs=1e-4), (key, rouge_type)


def test_one_golden_value_counted_by_hand():
    """'accents' has 19 French tokens (kim jong un a été accueilli à vostotchny dans l extrême
    orient russe l élysée n a rien dit); 15 of them are in the abstract: precision 15/19."""
    p, _, _ = GOLDEN["scores"]["accents|abstract"]["rouge1"]
    assert p == pytest.approx(100 * 15 / 19, abs=1e-4)


def test_seeds_briefing_has_its_golden_shape(seeds_dir):
    golden = json.loads((DATA / "golden_seeds_briefing.json").read_text(encoding="utf-8"))
    from summarize.brief import make_briefings
    from summarize.seq2seq.loader import load_summarizer
    from summarize.text.ingest import load_articles

    [briefing] = make_briefings([("seeds", load_articles([str(seeds_dir)]))], load_summarizer(golden["model"]))
    data = briefing.to_dict()
    shape = [{"origin": s["origin"], "words": len(s["text"].split()), "article_ids": sorted(s["article_ids"]),
              "start": " ".join(s["text"].split()[:6])} for s in data["sentences"]]
    assert shape == golden["sentences"]
    assert len(briefing.summary.split()) == golden["words"]
    assert briefing.unsupported == golden["unsupported"] == []
