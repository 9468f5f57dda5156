"""Tests of blogcode.claims: recording, asserting and rendering claims."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blogcode.claims import (
    VERDICTS,
    Claim,
    ClaimCheckError,
    ClaimsTable,
    claims_from_html,
    count_verdicts,
    render_claims_html,
)


def test_check_records_claims_in_order_and_counts_them() -> None:
    table = ClaimsTable("demo")
    table.check("1", "$a$", computed="1", verdict="holds", evidence=True)
    table.check("2", "b", computed="2", verdict="caveat", evidence=np.bool_(True), reason="r")
    table.check("3", "c", computed="3", verdict="fails", evidence=True, reason="counterexample")
    assert [c.cid for c in table.claims] == ["1", "2", "3"]
    assert table.counts() == {"holds": 1, "caveat": 1, "fails": 1}


def test_false_evidence_raises_and_names_the_claim() -> None:
    table = ClaimsTable("demo")
    with pytest.raises(ClaimCheckError, match="claim 7 of 'demo'.*'fails'.*computed: 0.5"):
        table.check("7", "x", computed="0.5", verdict="fails", evidence=False, reason="r")
    assert table.claims == []


def test_claim_check_error_is_an_assertion_error() -> None:
    # nbval and pytest report it as a failed check.
    assert issubclass(ClaimCheckError, AssertionError)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"verdict": "maybe"}, "verdict must be one of"),
        ({"verdict": "caveat"}, "needs a reason"),
        ({"verdict": "fails"}, "needs a reason"),
        ({"computed": ""}, "computed must be a non-empty string"),
        ({"statement": "  "}, "statement must be a non-empty string"),
    ],
)
def test_bad_arguments_raise_value_error(kwargs: dict, message: str) -> None:
    args = {"computed": "1", "verdict": "holds", "evidence": True, "statement": "s"} | kwargs
    statement = args.pop("statement")
    with pytest.raises(ValueError, match=message):
        ClaimsTable("demo").check("1", statement, **args)


def test_evidence_must_be_a_boolean() -> None:
    with pytest.raises(TypeError, match="evidence must be a bool"):
        ClaimsTable("demo").check("1", "s", computed="1", verdict="holds", evidence=1)  # type: ignore[arg-type]


def test_repeated_claim_id_is_rejected() -> None:
    table = ClaimsTable("demo")
    table.check("1", "s", computed="1", verdict="holds", evidence=True)
    with pytest.raises(ValueError, match="already used"):
        table.check("1", "t", computed="1", verdict="holds", evidence=True)


def test_empty_article_slug_is_rejected() -> None:
    with pytest.raises(ValueError, match="non-empty slug"):
        ClaimsTable("")


def test_html_shows_verdicts_in_words_and_math_for_mathjax() -> None:
    claims = [Claim("demo", "1", "$f_n>0$ & <b>", "0.5", "caveat", "only for $n$ even")]
    text = render_claims_html(claims)
    assert r"\(f_n&gt;0\)" in text and "&amp; &lt;b&gt;" in text
    assert "holds with a caveat" in text and VERDICTS["caveat"][1] in text
    assert 'class="claims-table mathjax_process"' in text
    assert '<th scope="col">' in text


def test_ledger_rendering_links_articles() -> None:
    text = render_claims_html([Claim("demo", "1", "s", "c", "holds")], with_article=True)
    assert "{ARTICLE:demo}" in text and "<th scope=\"col\">Article</th>" in text


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(_text, _text, _text, st.sampled_from(sorted(VERDICTS)), _text), min_size=0, max_size=5
    )
)
def test_html_round_trip(rows: list[tuple[str, str, str, str, str]]) -> None:
    """Whatever the text (including ``</script>``), the JSON read back equals the claims."""
    claims = [Claim("a-slug", cid, s + "</script>", c, v, r) for cid, s, c, v, r in rows]
    assert claims_from_html(render_claims_html(claims)) == claims
    assert count_verdicts(claims_from_html(render_claims_html(claims))) == count_verdicts(claims)
