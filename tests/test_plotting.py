"""Tests of blogcode.plotting: the house style."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from blogcode.plotting import HOUSE_STYLE, OKABE_ITO, new_figure, use_house_style  # noqa: E402


def test_style_is_applied() -> None:
    use_house_style()
    assert plt.rcParams["figure.facecolor"] == "white"
    assert tuple(plt.rcParams["figure.figsize"]) == HOUSE_STYLE["figure.figsize"]


def test_lines_differ_by_more_than_colour() -> None:
    """Consecutive lines get different colours *and* different dash patterns."""
    fig, (ax,) = new_figure()
    lines = [ax.plot([0, 1], [i, i])[0] for i in range(len(OKABE_ITO))]
    assert len({ln.get_color() for ln in lines}) == len(lines)
    assert len({str(ln.get_linestyle()) + str(ln.get_dashes() if hasattr(ln, "get_dashes") else "")
                for ln in lines}) >= 4
    plt.close(fig)


def test_markers_option() -> None:
    fig, axes = new_figure(2, markers=True)
    line = axes[1].plot([0, 1], [0, 1])[0]
    assert line.get_marker() == "o"
    plt.close(fig)


@pytest.mark.parametrize("ncols", [0, 5, 1.5, True])
def test_bad_ncols(ncols: object) -> None:
    with pytest.raises(ValueError, match="ncols must be an integer from 1 to 4"):
        new_figure(ncols)  # type: ignore[arg-type]


def test_bad_size() -> None:
    with pytest.raises(ValueError, match="must be positive"):
        new_figure(width=-1)
