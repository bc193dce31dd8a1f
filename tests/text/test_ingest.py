"""Ingest: formats, folders, stdin, encodings, bad files, ids, dates and clusters."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from summarize.errors import UserError
from summarize.text.formats import dump_txt, output_paths
from summarize.text.ingest import decode_bytes, load_articles, load_clusters

FRENCH = (
    "L’élève a reçu « un cadeau » à Noël : un cœur en pâte d’amande, près de la forêt où "
    "il s’était égaré. Ça m’a ému, a-t-il déclaré à l’Œuvre."
)
# latin-1 has no ’ œ Œ: same sentence with straight apostrophes and "oe"
FRENCH_LATIN1 = (
    "L'élève a reçu « un cadeau » à Noël : un coeur en pâte d'amande, près de la forêt où "
    "il s'était égaré. Ça m'a ému, a-t-il déclaré à l'hôtel."
)

HTML = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Kim Jong-un rencontre Poutine</title>
<meta name="date" content="2023-09-13"></head>
<body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>Kim Jong-un rencontre Poutine</h1>
<p>Le dirigeant nord-coréen est arrivé mercredi matin au cosmodrome de Vostochny à bord de son
train blindé après avoir traversé la Russie la veille.</p>
<p>Poutine a déclaré à Kim qu’il était « très heureux de le voir », tandis que le despote
nord-coréen a remercié Poutine pour l’invitation en Russie.</p>
<p>La Maison Blanche a prévenu que les négociations sur les armements entre la Corée du Nord
et la Russie « progressaient activement ».</p></article>
<footer>© 2023 Journal — Mentions légales</footer></body></html>
"""


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


class Warnings(list):
    def __call__(self, message: str) -> None:
        self.append(message)


# --- txt and seeds ---------------------------------------------------------------------------


def test_seeds_folder_gives_five_articles_in_order_with_dates(seeds_dir):
    articles = load_articles([str(seeds_dir)])
    assert [a.id for a in articles] == sorted(p.stem for p in seeds_dir.glob("*.txt"))
    assert articles[0].date is None and articles[0].text.startswith("VLADIMIR Poutine")
    for article in articles[1:]:
        assert article.date == "2023-09"
        assert not article.text.lstrip().startswith("date")
    assert articles[2].text.startswith("Pour visionner cette vidéo")
    assert articles[1].source.endswith("001_641b7a8731cc248e.txt")


@pytest.mark.parametrize(
    ("raw", "date", "text"),
    [
        (" date 2023-09 Le texte suit.", "2023-09", "Le texte suit."),
        ("date 2023-09-14\nLe texte suit.", "2023-09-14", "Le texte suit."),
        ("Le texte commence sans date 2023-09.", None, "Le texte commence sans date 2023-09."),
        (" date 2023 Le texte.", None, " date 2023 Le texte."),
    ],
)
def test_txt_date_marker(tmp_path, raw, date, text):
    [article] = load_articles([str(write(tmp_path / "a.txt", raw))])
    assert (article.id, article.date, article.text) == ("a", date, text)


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (FRENCH.encode("utf-8"), FRENCH),
        (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), FRENCH),
        (FRENCH.encode("cp1252"), FRENCH),
        (FRENCH_LATIN1.encode("latin-1"), FRENCH_LATIN1),
        (FRENCH.replace("’", "'").encode("iso8859-15"), FRENCH.replace("’", "'")),
        (FRENCH.encode("utf-16"), FRENCH),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "latin1", "latin9", "utf16-bom"],
)
def test_french_encodings_are_decoded_exactly(tmp_path, data, expected):
    [article] = load_articles([str(write(tmp_path / "fr.txt", data))])
    assert article.text == expected


def test_single_byte_french_is_never_valid_utf8():
    """Why utf-8-then-cp1252 is safe: every accented French letter in cp1252 is a lone high
    byte followed by an ASCII byte, which UTF-8 forbids."""
    for char in "éèêëàâçîïôûùüÿœæÉÈÊÀÂÇÎÔÛŒ’«»":
        for context in (f"a{char}b", f"{char} ", f"l{char}"):
            with pytest.raises(UnicodeDecodeError):
                context.encode("cp1252").decode("utf-8")
    assert decode_bytes("déjà vu à l’été".encode("cp1252")) == "déjà vu à l’été"


def test_binary_file_is_skipped_with_a_warning_naming_it(tmp_path):
    good = write(tmp_path / "in" / "good.txt", FRENCH)
    bad = write(tmp_path / "in" / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    warnings = Warnings()
    articles = load_articles([str(tmp_path / "in")], warn=warnings)
    assert [a.id for a in articles] == ["good"] and articles[0].text == FRENCH
    assert len(warnings) == 1 and str(bad) in warnings[0] and "binary" in warnings[0]
    with pytest.raises(UserError, match="image.txt"):
        load_articles([str(good), str(bad)], strict=True)


def test_default_warning_goes_to_stderr(tmp_path, capsys):
    write(tmp_path / "ok.txt", FRENCH)
    write(tmp_path / "vide.txt", "   \n")
    assert len(load_articles([str(tmp_path)])) == 1
    err = capsys.readouterr().err
    assert err.startswith("warning: ") and "vide.txt" in err and err.count("\n") == 1


# --- errors ----------------------------------------------------------------------------------


def test_missing_path_empty_folder_and_nothing_readable_raise_user_errors(tmp_path):
    with pytest.raises(UserError, match="no such file"):
        load_articles([str(tmp_path / "absent.txt")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError, match="empty"):
        load_articles([str(tmp_path / "empty")])
    write(tmp_path / "other" / "notes.pdf", b"%PDF")
    with pytest.raises(UserError, match="other"):
        load_articles([str(tmp_path / "other")])
    write(tmp_path / "bad" / "a.txt", b"\x00\x01\x02")
    with pytest.raises(UserError, match="no readable article"):
        load_articles([str(tmp_path / "bad")], warn=Warnings())
    with pytest.raises(UserError):
        load_articles([])


# --- jsonl -----------------------------------------------------------------------------------


def test_jsonl_fields_fallback_ids_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": 7, "title": "Titre", "date": "2020-07-02", "article": "Texte un."}),
        json.dumps({"text": "Texte deux."}, ensure_ascii=False),
        "{pas du json",
        json.dumps({"id": "x", "title": "sans texte"}),
        "",
        json.dumps({"id": 7, "text": "Même id."}),
    ]
    path = write(tmp_path / "lot.jsonl", "\n".join(lines) + "\n")
    warnings = Warnings()
    articles = load_articles([str(path)], warn=warnings)
    assert [(a.id, a.title, a.date, a.text) for a in articles] == [
        ("7", "Titre", "2020-07-02", "Texte un."),
        ("lot-2", None, None, "Texte deux."),
        ("7-2", None, None, "Même id."),
    ]
    assert [w.split(": ")[0] for w in warnings] == [f"{path}:3", f"{path}:4"]
    assert articles[0].source == f"{path}:1"
    with pytest.raises(UserError, match=r"lot.jsonl:3"):
        load_articles([str(path)], strict=True)


def test_json_file_is_one_article_or_a_list_and_bad_json_is_named(tmp_path):
    one = write(tmp_path / "one.json", json.dumps({"id": "u", "title": "Titre", "date": "2020-07-02",
                                                    "text": "Texte un."}, indent=2))
    many = write(tmp_path / "many.json", json.dumps([{"text": "A."}, "B.", 3], indent=1))
    warnings = Warnings()
    articles = load_articles([str(one), str(many)], warn=warnings)
    assert [(a.id, a.title, a.date, a.text) for a in articles] == [
        ("u", "Titre", "2020-07-02", "Texte un."), ("many-1", None, None, "A."),
        ("many-2", None, None, "B.")]
    assert warnings == [f"{many}#3: not a JSON object or string, skipped"]
    bad = write(tmp_path / "bad.json", '{"id": "x", "text": ')
    warnings = Warnings()
    with pytest.raises(UserError, match="no readable article"):
        load_articles([str(bad)], warn=warnings)
    assert warnings[0].startswith(f"{bad}#1: invalid JSON")


def test_jsonl_gz_and_duplicate_ids_across_files(tmp_path):
    gz = tmp_path / "b" / "docs.jsonl.gz"
    gz.parent.mkdir()
    gz.write_bytes(gzip.compress(json.dumps({"id": "a", "article": "Un."}).encode()))
    write(tmp_path / "a" / "a.txt", "Deux.")
    write(tmp_path / "a" / "sub" / "a.txt", "Trois.")
    write(tmp_path / "a" / ".cache" / "z.txt", "Caché.")
    articles = load_articles([str(tmp_path / "a"), str(gz)])
    assert [(a.id, a.text) for a in articles] == [("a", "Deux."), ("a-2", "Trois."), ("a-3", "Un.")]


# --- html and stdin --------------------------------------------------------------------------


def test_html_main_text_title_and_date(tmp_path):
    [article] = load_articles([str(write(tmp_path / "page.html", HTML))])
    assert article.id == "page" and article.title == "Kim Jong-un rencontre Poutine"
    assert article.date == "2023-09-13"
    assert "cosmodrome de Vostochny" in article.text and "progressaient activement" in article.text
    assert "Accueil" not in article.text and "Mentions légales" not in article.text


def test_html_without_text_is_a_bad_file(tmp_path):
    write(tmp_path / "ok.htm", HTML)
    write(tmp_path / "vide.html", "<html><body><nav>Menu</nav></body></html>")
    warnings = Warnings()
    assert [a.id for a in load_articles([str(tmp_path)], warn=warnings)] == ["ok"]
    assert len(warnings) == 1 and "vide.html" in warnings[0]


@pytest.mark.parametrize(
    ("data", "ids"),
    [
        (" date 2023-09 Un texte lu sur l’entrée standard.", ["stdin"]),
        ('{"id": "s1", "text": "Un."}\n{"id": "s2", "text": "Deux."}\n', ["s1", "s2"]),
    ],
)
def test_stdin(monkeypatch, data, ids):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("cp1252"))))
    articles = load_articles(["-"])
    assert [a.id for a in articles] == ids
    if ids == ["stdin"]:
        assert articles[0].date == "2023-09" and articles[0].text.endswith("l’entrée standard.")


# --- clusters --------------------------------------------------------------------------------


def test_cluster_jsonl_one_cluster_per_line(tmp_path):
    lines = [
        json.dumps({"id": "kim", "articles": [{"text": "Un.", "id": "a"}, {"article": "Deux."}]}),
        json.dumps({"id": "bad", "articles": []}),
        "{oops",
        json.dumps({"articles": [{"text": "Trois.", "title": "T", "date": "2023-09"}]}),
    ]
    path = write(tmp_path / "clusters.jsonl", "\n".join(lines))
    warnings = Warnings()
    clusters = load_clusters([str(path)], warn=warnings)
    assert [(cid, [(a.id, a.text) for a in arts]) for cid, arts in clusters] == [
        ("kim", [("a", "Un."), ("kim-2", "Deux.")]),
        ("clusters-4", [("clusters-4-1", "Trois.")]),
    ]
    assert clusters[1][1][0].title == "T" and clusters[1][1][0].date == "2023-09"
    assert [w.split(": ")[0] for w in warnings] == [f"{path}:2", f"{path}:3"]
    with pytest.raises(UserError, match="clusters.jsonl:2"):
        load_clusters([str(path)], strict=True)


def test_plain_inputs_form_one_cluster(tmp_path, seeds_dir):
    [(cid, articles)] = load_clusters([str(seeds_dir)])
    assert cid == "seeds" and len(articles) == 5
    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))[:2]
    [(cid, articles)] = load_clusters(files)
    assert cid == "cluster" and len(articles) == 2
    plain = write(tmp_path / "plain.jsonl", json.dumps({"text": "Un."}) + "\n")
    [(cid, articles)] = load_clusters([str(plain)])
    assert cid == "plain" and [a.text for a in articles] == ["Un."]


def test_clusters_mixed_with_plain_files(tmp_path):
    cl = write(tmp_path / "c.jsonl", json.dumps({"id": "x", "articles": [{"text": "Un."}]}))
    txt = write(tmp_path / "t.txt", "Deux.")
    clusters = load_clusters([str(cl), str(txt)])
    assert [(cid, [a.text for a in arts]) for cid, arts in clusters] == [
        ("x", ["Un."]), ("cluster", ["Deux."])]
    with pytest.raises(UserError, match="no such file"):
        load_clusters([str(tmp_path / "nope.jsonl")])


# --- writing back ----------------------------------------------------------------------------


def test_dump_txt_round_trips_the_date(tmp_path):
    path = write(tmp_path / "a.txt", dump_txt("Le texte.", "2023-09-14"))
    [article] = load_articles([str(path)])
    assert (article.date, article.text.strip()) == ("2023-09-14", "Le texte.")
    assert dump_txt("Le texte.", "mardi") == dump_txt("Le texte.") == "Le texte.\n"


def test_output_paths_are_safe_unique_and_never_clobber(tmp_path):
    paths = output_paths(str(tmp_path / "out"), ["a/b", "A_b", "..", "x"], ".txt")
    assert [p.name for p in paths] == ["a_b.txt", "A_b-2.txt", "article.txt", "x.txt"]
    assert all(p.parent == tmp_path / "out" for p in paths)
    write(tmp_path / "out" / "x.txt", "déjà là")
    with pytest.raises(UserError, match="x.txt exists"):
        output_paths(str(tmp_path / "out"), ["x"], ".txt")
    assert output_paths(str(tmp_path / "out"), ["x"], ".txt", force=True)[0].name == "x.txt"
    with pytest.raises(UserError, match="not a folder"):
        output_paths(str(tmp_path / "out" / "x.txt"), ["y"], ".txt")


def test_bad_article_dates_are_named_and_the_article_kept_undated(tmp_path):
    rows = [{"id": "a", "date": "99999-01-01", "text": "Un."}, {"id": "b", "date": "31 février 2020",
            "text": "Deux."}, {"id": "c", "date": "2999-01-01", "text": "Trois."},
            {"id": "d", "date": "2020-08-06T10:00:00Z", "text": "Quatre."}]
    path = write(tmp_path / "dates.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    warnings = Warnings()
    articles = load_articles([str(path)], warn=warnings)
    assert [a.date for a in articles] == [None, None, None, "2020-08-06"]
    assert len(warnings) == 3 and all(w.endswith("kept undated") for w in warnings)
    assert "impossible" in warnings[0] and "future" in warnings[2]
    clusters = load_clusters([str(path)], warn=Warnings())
    assert [a.date for a in clusters[0][1]] == [None, None, None, "2020-08-06"]


def test_article_texts_reads_any_split_by_id(orangesum_dir):
    from summarize.text.datasets import article_texts, load_orangesum

    [example] = load_orangesum(orangesum_dir, "abstract-valid", limit=1)
    texts = article_texts([example.id, "no-such-id"], orangesum_dir)
    assert texts == {example.id: example.article.text}


def test_text_with_no_french_words_is_skipped_in_one_line(tmp_path):
    import base64
    import random

    blob = base64.encodebytes(random.Random(0).randbytes(3000)).decode()
    (tmp_path / "blob.txt").write_text(blob)
    (tmp_path / "lorem.txt").write_text("Lorem ipsum dolor sit amet, consectetur adipiscing elit, "
                                        "sed do eiusmod tempor incididunt ut labore. " * 4)
    (tmp_path / "names.txt").write_text(  # French, dense with names CLD2 may not place
        "Jean-Luc Mélenchon, Marine Le Pen et Emmanuel Macron ont débattu jeudi à Paris avec "
        "Olivier Faure, Fabien Roussel et Yannick Jadot devant les électeurs de Seine-Saint-Denis.")
    said = []
    kept = load_articles([str(tmp_path)], lang_check=True, warn=said.append)
    assert [a.id for a in kept] == ["names"]
    assert any("blob.txt: not French (" in s and "first words French" in s for s in said)
    assert any("lorem.txt: not French (" in s for s in said)
