"""Faithfulness check and attribution of summary sentences."""

from __future__ import annotations

from summarize.check import check
from summarize.text.facts import facts, unverified
from summarize.types import Article, RankedSentence

ARTICLES = [
    Article("a", "Kim Jong-un a rencontré Vladimir Poutine mercredi au cosmodrome de Vostochny. "
                 "La fusée Angara mesure 42,7 mètres."),
    Article("b", "Washington craint un accord sur les armes entre la Russie et la Corée du Nord. "
                 "Kim n'a fait que sept voyages à l'étranger en 12 ans."),
]
USED = [
    RankedSentence("Kim Jong-un a rencontré Vladimir Poutine mercredi au cosmodrome de Vostochny.",
                   0.9, "a", 0, ["a"]),
    RankedSentence("Washington craint un accord sur les armes entre la Russie et la Corée du Nord.",
                   0.8, "b", 0, ["b", "a"]),
    RankedSentence("La fusée Angara mesure 42,7 mètres.", 0.5, "a", 1, ["a"]),
]


def test_facts_extracts_numbers_and_names_not_sentence_starts():
    found = facts("Selon la Maison Blanche, Kim Jong-un a vu 42,7 mètres de fusée à Vostochny.")
    assert "Maison Blanche" in found and "Kim Jong-un" in found and "Vostochny" in found
    assert "42,7" in found and "Selon" not in " ".join(found)


def test_supported_summary_is_attributed_and_clean():
    out = check("Kim Jong-un a rencontré Poutine à Vostochny. Washington redoute un accord sur les armes.",
                USED, ARTICLES)
    assert len(out) == 2
    assert out[0].article_ids[0] == "a"
    assert set(out[1].article_ids) == {"b", "a"}
    assert all(not s.unsupported for s in out)


def test_numbers_match_across_formats_and_words():
    out = check("La fusée mesure 42,7 mètres et Kim a fait 7 voyages.", USED, ARTICLES)
    assert out[0].unsupported == []  # "sept" in the source supports 7


def test_unsupported_facts_are_reported_and_strict_replaces_them():
    summary = "Kim Jong-un a rencontré Emmanuel Macron à Vostochny en 2019."
    loose = check(summary, USED, ARTICLES)
    assert "Emmanuel Macron" in loose[0].unsupported and "2019" in loose[0].unsupported
    strict = check(summary, USED, ARTICLES, strict=True)
    assert strict[0].unsupported == [] and strict[0].replaced == summary
    assert strict[0].text == USED[0].text and strict[0].article_ids == ["a"]


def test_accents_and_apostrophes_do_not_cause_false_alarms():
    arts = [Article("c", "L’Élysée a confirmé la visite d’Édouard Philippe à Orléans.")]
    used = [RankedSentence(arts[0].text, 1.0, "c", 0, ["c"])]
    out = check("L'Élysée confirme la venue d'Édouard Philippe à Orléans.", used, arts)
    assert out[0].unsupported == []


def test_verification_replaces_generated_sentences_with_invented_words_or_content():
    source = " ".join(a.text for a in ARTICLES)
    invented = "Kim Jong-un a rencontré Vladimir Poutine au cosmodrome brouzoufique de Vostochny."
    off_topic = "Kim Jong-un a mangé des crêpes bretonnes au caramel avec ses cousins."
    faithful = "Kim Jong-un a rencontré Vladimir Poutine au cosmodrome de Vostochny."
    assert unverified(invented, source) == "word"
    assert unverified(off_topic, source) == "content"
    assert unverified("Kim a rencontré Macron.", source) == "facts"
    assert unverified(faithful, source) == ""
    for bad in (invented, off_topic):
        out = check(bad, USED, ARTICLES, strict=True)[0]
        assert out.replaced == bad and out.text == USED[0].text and out.origin == "extracted"
    kept = check(faithful, USED, ARTICLES, strict=True)[0]
    assert kept.replaced is None and kept.origin == "compressed"  # the source's words, in order
    assert check(off_topic, USED, ARTICLES)[0].text == off_topic  # not verified: kept, flagged


def test_a_sentence_is_checked_against_its_sources_as_cleaning_wrote_them():
    """A sub-heading glued to a sentence ("A NiceFace à …") is split by cleaning: the word it
    hid ("Face") is the source's, not an unsupported name."""
    arts = [Article("n", "Les mesures se durcissent. A NiceFace à une hausse des cas, le maire "
                         "Christian Estrosi a demandé vendredi un arrêté.")]
    said = "Face à une hausse des cas, le maire Christian Estrosi a demandé vendredi un arrêté."
    used = [RankedSentence(said, 1.0, "n", 2, ["n"])]
    out = check(said, used, arts, strict=True)
    assert out[0].unsupported == [] and out[0].replaced is None
    assert check("Face à Donald Trump, le maire a demandé un arrêté.", used, arts)[0].unsupported == ["Donald Trump"]


def test_a_replaced_sentence_falls_back_to_one_that_reads_alone():
    """Verification puts the closest supported source sentence in place of an unsupported one;
    one that points back ("a ensuite annoncé") only when no other can stand alone."""
    dangling = RankedSentence("Kim Jong-un a ensuite rencontré Vladimir Poutine mercredi au cosmodrome.",
                              0.9, "a", 1, ["a"])
    out = check("Kim Jong-un a rencontré Emmanuel Macron mercredi au cosmodrome.", [dangling, *USED],
                ARTICLES, strict=True)
    assert out[0].text == USED[0].text
    alone = check("Kim Jong-un a rencontré Emmanuel Macron mercredi au cosmodrome.", [dangling],
                  ARTICLES, strict=True)
    assert alone[0].text == dangling.text


def test_a_planned_sentence_is_never_split_where_an_ellipsis_would_cut_it():
    title = "Sarkozy, Le Pen, Valls... Les politiques adressent leurs vœux de Noël aux Français."
    used = [RankedSentence(title, 1.0, "t", -1, ["t"])] + USED[:1]
    articles = [Article("t", "Les vœux de Noël des politiques aux Français.", title=title)] + ARTICLES[:1]
    summary = f"{title} {USED[0].text}"
    assert check(summary, used, articles)[0].text == "Sarkozy, Le Pen, Valls..."  # split_sentences alone
    out = check(summary, used, articles, whole=[title, USED[0].text])
    assert [c.text for c in out] == [title, USED[0].text] and out[0].origin == "extracted"


def test_a_dated_sentence_whose_written_date_it_already_said_reads_as_extracted():
    source = ("Un premier Français est mort dans la nuit de mardi à mercredi à Paris, "
              "a annoncé mercredi 26 février le ministère de la Santé.")
    said = ("Un premier Français est mort dans la nuit de mardi 25 février à mercredi 26 février à Paris, "
            "a annoncé mercredi 26 février le ministère de la Santé.")
    edits = [{"type": "date", "from": "mardi", "to": "mardi 25 février"},
             {"type": "date", "from": "mercredi", "to": "mercredi 26 février"}]
    used = [RankedSentence(source, 0.9, "a", 0, ["a"])]
    out = check(said, used, [Article("a", source)], edits={said: edits})
    assert out[0].origin == "extracted" and not out[0].unsupported  # undone at its first "mercredi 26 février"
