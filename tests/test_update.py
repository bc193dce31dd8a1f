"""Update briefings (--since), timelines (--timeline) in every format, and the multi-day
acceptance checks on the validation split."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from clirunner import run_here
from html5lib import parse

from summarize.brief import make_briefings
from summarize.errors import UserError
from summarize.select.chrono import days_of, spans_days, undated_relative
from summarize.seq2seq.loader import load_summarizer
from summarize.since import PREVIOUS_ID, parse_since
from summarize.types import Article

OLD = [{"id": "lun", "date": "2020-08-03", "title": "Rouen : un entrepôt ravagé par un incendie",
        "text": "Un incendie a ravagé lundi un entrepôt de la zone industrielle de Rouen. Les pompiers "
                "ont mobilisé lundi soir plus de cent hommes pour éteindre le feu. La préfecture a "
                "demandé aux habitants des quartiers voisins de rester chez eux."}]
NEW = [{"id": "jeu", "date": "2020-08-06", "title": "Incendie de Rouen : le parquet ouvre une enquête",
        "text": "Le parquet a ouvert jeudi une enquête pour mise en danger d'autrui contre la société "
                "propriétaire du site. Un incendie avait ravagé lundi un entrepôt de la zone industrielle "
                "de Rouen. Les analyses de l'air publiées jeudi ne montrent aucune pollution dangereuse, "
                "selon la préfecture."}]


def write(path, rows):
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_since_a_day_says_only_the_new_facts_marked_in_json(tmp_path):
    src = write(tmp_path / "story.json", OLD + NEW)
    done = run_here("brief", src, "--since", "2020-08-04", "-f", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    status = [s["status"] for s in data["sentences"] if s["origin"] != "headline"]
    assert set(status) <= {"new", "context"} and status.count("context") <= 1
    assert "context" not in status[1:]  # a context sentence only opens the update (after its title)
    new = [s["text"] for s in data["sentences"] if s["status"] == "new"]
    assert any("parquet" in t for t in new) and not any("Un incendie a ravagé" in t for t in new)
    assert [s.get("seen", False) for s in data["sources"]] == [True, False]


def test_since_a_previous_briefing_in_every_format(tmp_path):
    old = run_here("brief", write(tmp_path / "old.json", OLD), "-f", "json")
    assert old.returncode == 0, old.stderr
    previous = tmp_path / "previous.json"
    previous.write_text(old.stdout, encoding="utf-8")
    src = write(tmp_path / "new.json", NEW)
    for fmt in ("md", "json", "jsonl", "txt", "html"):
        done = run_here("brief", src, "--since", str(previous), "-f", fmt)
        assert done.returncode == 0, (fmt, done.stderr)
        if fmt == "json":
            data = json.loads(done.stdout)
            assert data["sources"][-1]["id"] == PREVIOUS_ID and data["sources"][-1]["seen"]
            assert not any("Un incendie avait ravagé" in s["text"] for s in data["sentences"]
                           if s.get("status") == "new")
        if fmt == "md" and "context" in done.stdout:
            assert "*Rappel :*" in done.stdout
        if fmt == "html":
            assert parse(done.stdout) is not None and "nouveau" in done.stdout


def test_since_refuses_bad_values_and_models_that_do_not_plan(tmp_path):
    src = write(tmp_path / "story.json", OLD + NEW)
    for value in ("hier", "2020-02-31", "99999-01-01", str(tmp_path / "missing.json")):
        done = run_here("brief", src, "--since", value)
        assert done.returncode == 2 and done.stderr.startswith("error: --since"), (value, done.stderr)
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a briefing"}', encoding="utf-8")
    done = run_here("brief", src, "--since", str(bad))
    assert done.returncode == 2 and "not a briefing" in done.stderr
    done = run_here("brief", src, "--since", "2020-08-04", "-m", "lead-2")
    assert done.returncode == 2 and "planning model" in done.stderr
    with pytest.raises(UserError):
        parse_since("31 février")


def test_nothing_new_says_so(tmp_path):
    articles = [Article(r["id"], r["text"], r["title"], r["date"], seen=True) for r in OLD]
    articles.append(Article("copie", OLD[0]["text"], date="2020-08-06"))  # the same text again
    briefing = make_briefings([("c", articles)], load_summarizer("facets"))[0]
    assert any("rien de nouveau" in n for n in briefing.packing.get("notes", []))


def test_timeline_in_every_format(tmp_path):
    src = write(tmp_path / "story.json", OLD + NEW)
    for fmt in ("md", "json", "jsonl", "txt", "html"):
        done = run_here("brief", src, "--timeline", "-f", fmt)
        assert done.returncode == 0, (fmt, done.stderr)
        if fmt == "json":
            events = json.loads(done.stdout)["timeline"]
            days = [e["date"] for e in events]
            assert days == sorted(days) and days[0] == "2020-08-03" and days[-1] == "2020-08-06"
            assert all(e["article_ids"] and e["dated_by"] in ("text", "article") for e in events)
        if fmt == "md":
            assert "## Chronologie" in done.stdout and "**lundi 3 août 2020**" in done.stdout
        if fmt == "txt":
            assert "\n  lundi 3 août 2020 — " in done.stdout
        if fmt == "html":
            assert '<time datetime="2020-08-03">' in done.stdout
    plain = run_here("brief", src, "-f", "json")
    assert "timeline" not in json.loads(plain.stdout)


def test_hostile_dates_warn_and_keep_the_article(tmp_path):
    rows = [dict(OLD[0], date="99999-01-01"), dict(NEW[0], date="31 février 2020"),
            {"id": "futur", "date": "2999-01-01", "text": NEW[0]["text"]}]
    done = run_here("brief", write(tmp_path / "bad.json", rows), "-f", "json")
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("kept undated") == 3
    assert [s["date"] for s in json.loads(done.stdout)["sources"]] == [None, None, None]


def test_mds_validation_clusters_over_days_leave_no_relative_day_undated(orangesum_dir):
    """Acceptance (#24): no output sentence from an article that is not the latest keeps a
    relative day ("jeudi", "hier") unwritten."""
    from summarize.evaluate.mds import load_mds

    clusters = [c for c in load_mds(orangesum_dir) if spans_days(days_of(c.articles))]
    assert len(clusters) >= 30
    briefings = make_briefings([(c.id, c.articles) for c in clusters],
                               load_summarizer("facets", max_words=70))
    left = []
    for b in briefings:
        days = days_of(b.articles)
        latest = max(d for d in days.values() if d)
        said = {f["text"]: f["sources"][0]["article_id"] for f in b.packing["facets"]}
        for s in b.sentences:
            source = said.get(s.text) or next(a.id for a in b.articles if s.text in f"{a.title}\n{a.text}")
            left += undated_relative(s.text, days.get(source), latest)
    assert left == []


def test_update_suite_builds_from_validation_only(orangesum_dir):
    from summarize.evaluate.update import build_update

    items = build_update(orangesum_dir)
    assert len(items) >= 20
    for item in items:
        days = days_of(item.previous + item.new)
        latest = max(days.values())
        assert len(item.previous + item.new) >= 3 and all(days[a.id] == latest for a in item.new)
        assert all(days[a.id] < latest for a in item.previous) and item.reference
    assert replace(items[0].new[0], seen=True).seen and not items[0].new[0].seen
    assert date.fromisoformat(items[0].new[0].date)


def test_a_hostile_previous_briefing_is_read_safely(tmp_path):
    previous = tmp_path / "previous.json"
    previous.write_text('{"summary": "Le président a parlé \\ud800 jeudi à Paris.", "title": 42, '
                        '"sources": [{"id": "x", "date": "99999-01-01"}, "junk", {"id": 5}]}',
                        encoding="utf-8")
    done = run_here("brief", write(tmp_path / "story.json", OLD + NEW), "--since", str(previous),
                    "-f", "json")
    assert done.returncode == 0, done.stderr
    last = json.loads(done.stdout)["sources"][-1]
    assert last["id"] == PREVIOUS_ID and last["date"] is None and last["title"] is None
