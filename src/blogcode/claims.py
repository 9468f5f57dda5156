"""Claims checked by the articles, and the tables that show them.

Every article ends with a table of the concrete claims of the original post: what the
post says, what our code computed, and a verdict. A claim is recorded with
:meth:`ClaimsTable.check`, which *asserts* the evidence behind its verdict, so an
article whose numbers drift fails when it is executed (by the book build or by nbval).

The same records feed the book's reproducibility ledger: the HTML rendering of a
table carries its rows as JSON, which the Sphinx extension ``blogcode.bookext``
collects from every executed article and renders again, with totals, on the ledger page.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

__all__ = [
    "VERDICTS",
    "Claim",
    "ClaimCheckError",
    "ClaimsTable",
    "render_claims_html",
    "claims_from_html",
    "count_verdicts",
]

#: The three verdicts, each with the label and the symbol shown beside it (so that
#: colour is never the only cue).
VERDICTS: dict[str, tuple[str, str]] = {
    "holds": ("holds", "\u2714"),
    "caveat": ("holds with a caveat", "\u26a0"),
    "fails": ("does not hold", "\u2718"),
}

_MARKER = "blogcode-claims"
_JSON_RE = re.compile(
    r'<script type="application/json" class="' + _MARKER + r'">(.*?)</script>', re.S
)
_INLINE_MATH_RE = re.compile(r"(?<![\\$])\$([^$]+?)\$")


class ClaimCheckError(AssertionError):
    """The check behind a claim's verdict came out false."""


@dataclass(frozen=True)
class Claim:
    """One checked claim of an original post.

    Attributes
    ----------
    article : str
        Slug of the article that checks the claim.
    cid : str
        The claim's number or short identifier within the article.
    statement : str
        What the original post claims (our own words; ``$...$`` for inline math).
    computed : str
        What our code computed, as shown in the table.
    verdict : str
        One of ``"holds"``, ``"caveat"``, ``"fails"`` (see :data:`VERDICTS`).
    reason : str
        Why the verdict is what it is; required for ``"caveat"`` and ``"fails"``.
    """

    article: str
    cid: str
    statement: str
    computed: str
    verdict: str
    reason: str = ""

    @property
    def verdict_label(self) -> str:
        """The verdict in words, with its symbol."""
        label, symbol = VERDICTS[self.verdict]
        return f"{symbol} {label}"


@dataclass
class ClaimsTable:
    """The claims of one article, checked one by one.

    Explained in the article *Even Taylor polynomials of exp are positive*
    (``taylor-exp-positive``), which is the model for every other article.

    Parameters
    ----------
    article : str
        The article's slug, for example ``"taylor-exp-positive"``.

    Examples
    --------
    >>> table = ClaimsTable("demo")
    >>> c = table.check("1", "$1 + 1 = 2$", computed="2", verdict="holds",
    ...                 evidence=1 + 1 == 2)
    >>> c.verdict_label
    '✔ holds'
    >>> table.check("2", "$2 > 3$", computed="2 < 3", verdict="holds", evidence=2 > 3)
    Traceback (most recent call last):
    ...
    blogcode.claims.ClaimCheckError: claim 2 of 'demo' ($2 > 3$): the check behind the verdict 'holds' came out false (computed: 2 < 3)
    >>> count_verdicts(table.claims)
    {'holds': 1, 'caveat': 0, 'fails': 0}
    """

    article: str
    claims: list[Claim] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not isinstance(self.article, str) or not self.article.strip():
            raise ValueError(f"article must be a non-empty slug, got {self.article!r}")

    def check(
        self,
        cid: str,
        statement: str,
        *,
        computed: str,
        verdict: str,
        evidence: bool,
        reason: str = "",
    ) -> Claim:
        """Record a claim and assert the evidence behind its verdict.

        Parameters
        ----------
        cid : str
            The claim's number in the article's brief (unique within the table).
        statement : str
            The claim of the original post, in our words (``$...$`` for math).
        computed : str
            The value our code computed, formatted for the table.
        verdict : {"holds", "caveat", "fails"}
            The verdict the evidence supports.
        evidence : bool
            The outcome of the check on which the verdict rests: for ``"holds"`` the
            check of the claim itself, for ``"fails"`` the check that exhibits the
            failure (a counterexample, a measured discrepancy). It must be true.
        reason : str, optional
            Why; required when the verdict is ``"caveat"`` or ``"fails"``.

        Returns
        -------
        Claim
            The recorded claim.

        Raises
        ------
        ValueError
            If the verdict is unknown, a required text is empty, ``cid`` is repeated, or
            a ``"caveat"``/``"fails"`` verdict comes without a reason.
        TypeError
            If ``evidence`` is not a boolean (Python or NumPy).
        ClaimCheckError
            If ``evidence`` is false: the verdict is no longer supported.
        """
        if verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {sorted(VERDICTS)}, got {verdict!r}")
        for name, value in (("cid", cid), ("statement", statement), ("computed", computed)):
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{name} must be a non-empty string, got {value!r}")
        if verdict != "holds" and not reason.strip():
            raise ValueError(f"a {verdict!r} verdict needs a reason (claim {cid})")
        if any(c.cid == cid for c in self.claims):
            raise ValueError(f"claim id {cid!r} is already used in {self.article!r}")
        if type(evidence).__name__ not in ("bool", "bool_"):
            raise TypeError(
                f"evidence must be a bool (the outcome of a check), got {type(evidence).__name__}"
            )
        if not evidence:
            raise ClaimCheckError(
                f"claim {cid} of {self.article!r} ({statement}): the check behind the "
                f"verdict {verdict!r} came out false (computed: {computed})"
            )
        claim = Claim(self.article, cid, statement, computed, verdict, reason)
        self.claims.append(claim)
        return claim

    def counts(self) -> dict[str, int]:
        """Number of claims per verdict."""
        return count_verdicts(self.claims)

    def sorted_claims(self) -> list[Claim]:
        """The claims in the natural order of their ids (``2`` before ``10``)."""
        def key(c: Claim) -> list[tuple[int, int | str]]:
            return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", c.cid) if p]

        return sorted(self.claims, key=key)

    def _repr_html_(self) -> str:
        return render_claims_html(self.sorted_claims())

    def __repr__(self) -> str:
        lines = [f"Claims of {self.article}:"]
        lines += [f"  {c.cid}. {c.statement} -> {c.computed} [{c.verdict_label}]" for c in self.claims]
        return "\n".join(lines)


def count_verdicts(claims: Iterable[Claim]) -> dict[str, int]:
    """Count claims per verdict, in the order of :data:`VERDICTS`."""
    counts = dict.fromkeys(VERDICTS, 0)
    for claim in claims:
        counts[claim.verdict] += 1
    return counts


def _inline_math(text: str) -> str:
    """Escape text for HTML and turn ``$...$`` into MathJax's ``\\(...\\)``."""
    parts = _INLINE_MATH_RE.split(text)
    out = []
    for i, part in enumerate(parts):
        out.append(html.escape(part) if i % 2 == 0 else r"\(" + html.escape(part) + r"\)")
    return "".join(out)


def render_claims_html(claims: Sequence[Claim], *, with_article: bool = False) -> str:
    """Render claims as an accessible HTML table that carries its rows as JSON.

    Parameters
    ----------
    claims : sequence of Claim
        The rows.
    with_article : bool, optional
        Add a first column naming the article (used by the ledger).

    Returns
    -------
    str
        The HTML: a ``<table class="claims-table">`` (math typeset by MathJax, verdicts
        shown with a symbol and words) followed by a JSON ``<script>`` element that
        :func:`claims_from_html` reads back.

    Examples
    --------
    >>> c = Claim("demo", "1", "$x^2 \\\\ge 0$", "true for 10^6 samples", "holds")
    >>> html_text = render_claims_html([c])
    >>> claims_from_html(html_text) == [c]
    True
    """
    head = ["Article"] if with_article else []
    head += ["#", "Claim of the original post", "What we computed", "Verdict"]
    rows = []
    for c in claims:
        cells = []
        if with_article:
            cells.append(f'<td><a href="{{ARTICLE:{html.escape(c.article)}}}">{html.escape(c.article)}</a></td>')
        reason = f'<br><span class="claims-reason">{_inline_math(c.reason)}</span>' if c.reason else ""
        cells += [
            f"<td>{html.escape(c.cid)}</td>",
            f"<td>{_inline_math(c.statement)}</td>",
            f"<td>{_inline_math(c.computed)}</td>",
            f'<td class="claims-verdict claims-{c.verdict}">'
            f"<strong>{html.escape(c.verdict_label)}</strong>{reason}</td>",
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    payload = json.dumps([asdict(c) for c in claims], ensure_ascii=False).replace("</", "<\\/")
    return (
        '<table class="claims-table mathjax_process">'
        "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table>"
        f'<script type="application/json" class="{_MARKER}">{payload}</script>'
    )


def claims_from_html(text: str) -> list[Claim]:
    """Read back the claims embedded by :func:`render_claims_html` (empty if none)."""
    claims: list[Claim] = []
    for match in _JSON_RE.finditer(text):
        for row in json.loads(match.group(1).replace("<\\/", "</")):
            claims.append(Claim(**row))
    return claims
