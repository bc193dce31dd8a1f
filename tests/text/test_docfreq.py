"""Document frequencies of the training articles: the weights the story rule compares with."""

from __future__ import annotations

import gzip

from summarize.text.datasets import write_table
from summarize.text.docfreq import cosine, docfreq, idf, vector
from summarize.text.tokenize import content_words


def test_the_bundled_table_counts_the_training_articles():
    n, table = docfreq()
    assert n == 20448
    assert table["coronavirus"] > 1000 and "masbat" not in table  # Masbate: in no training article


def test_a_word_every_article_shares_weighs_less_than_a_rare_name():
    assert idf("gouvern") < idf("masbat") == idf("a-stem-no-article-has")


def test_cosine_of_normalised_vectors():
    a = vector(content_words("Le séisme de Masbate a fait trois morts aux Philippines."))
    assert abs(cosine(a, a) - 1.0) < 1e-9
    b = vector(content_words("Le gouvernement a présenté son budget mardi."))
    assert 0.0 <= cosine(a, b) < 0.2


def test_a_rebuilt_table_is_written_whole_and_with_the_same_bytes(tmp_path):
    target = tmp_path / "table.tsv.gz"
    target.write_text("the user's old table")
    write_table(target, "#articles\t2\nmasbat\t1\n")
    first = target.read_bytes()
    write_table(target, "#articles\t2\nmasbat\t1\n")
    assert target.read_bytes() == first  # no timestamp in the header
    assert gzip.decompress(first).decode("utf-8") == "#articles\t2\nmasbat\t1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.tsv.gz"]  # no temporary file left
