"""The book's house style for matplotlib figures, in one place.

Every article calls :func:`use_house_style` once, before its first figure. The style:

* draws on an opaque white canvas with dark text, so a figure reads the same on the
  light and the dark theme of the site (it shows as a white card in dark mode);
* cycles through the Okabe–Ito colour-blind-safe palette *together with* line styles and
  markers, so that no line is told apart by colour alone;
* sets one figure size, font sizes and line widths for the whole book.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from blogcode.plotting import use_house_style
>>> use_house_style()
>>> import matplotlib.pyplot as plt
>>> plt.rcParams["figure.facecolor"]
'white'
"""

from __future__ import annotations

from cycler import cycler
import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
import matplotlib.pyplot as plt

__all__ = ["OKABE_ITO", "HOUSE_STYLE", "use_house_style", "new_figure"]

#: Okabe–Ito palette (without yellow, which is too light on white).
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
)
_LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)), (0, (8, 2)))
_MARKERS = ("o", "s", "^", "D", "v", "P", "X")

#: rcParams of the house style.
HOUSE_STYLE: dict[str, object] = {
    "figure.figsize": (6.4, 3.8),
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.constrained_layout.use": True,
    "font.size": 11,
    "axes.labelsize": 11,
    "axes.titlesize": 11,
    "legend.fontsize": 9.5,
    "xtick.labelsize": 9.5,
    "ytick.labelsize": 9.5,
    "text.color": "#1a1a1a",
    "axes.labelcolor": "#1a1a1a",
    "axes.edgecolor": "#4d4d4d",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "axes.linewidth": 0.8,
    "lines.linewidth": 1.8,
    "lines.markersize": 5,
    "axes.grid": True,
    "grid.color": "#d9d9d9",
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "mathtext.fontset": "dejavusans",
    "axes.prop_cycle": cycler(color=OKABE_ITO) + cycler(linestyle=_LINESTYLES),
}


def use_house_style() -> None:
    """Apply the book's matplotlib style (see the module docstring).

    Explained in the article *Even Taylor polynomials of exp are positive*
    (``taylor-exp-positive``), the model every article follows.
    """
    mpl.rcParams.update(HOUSE_STYLE)


def new_figure(ncols: int = 1, *, width: float | None = None, height: float | None = None,
               markers: bool = False) -> tuple[Figure, list[Axes]]:
    """Create a figure of ``ncols`` side-by-side axes in the house style.

    Parameters
    ----------
    ncols : int, optional
        Number of panels in one row (1 to 4).
    width, height : float, optional
        Size in inches; by default the house width and height.
    markers : bool, optional
        Add markers to the property cycle (for curves drawn through few points).

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : list of matplotlib.axes.Axes
        One per panel, left to right.

    Raises
    ------
    ValueError
        If ``ncols`` is not an integer from 1 to 4, or a size is not positive.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig, axes = new_figure(2)
    >>> len(axes)
    2
    """
    if isinstance(ncols, bool) or not isinstance(ncols, int) or not 1 <= ncols <= 4:
        raise ValueError(f"ncols must be an integer from 1 to 4, got {ncols!r}")
    w0, h0 = HOUSE_STYLE["figure.figsize"]  # type: ignore[misc]
    w = float(width) if width is not None else w0 * (1 if ncols == 1 else 1.45)
    h = float(height) if height is not None else h0
    if w <= 0 or h <= 0:
        raise ValueError(f"width and height must be positive, got {w} and {h}")
    with mpl.rc_context(HOUSE_STYLE):
        fig, axes = plt.subplots(1, ncols, figsize=(w, h), squeeze=False)
    axes_list = list(axes[0])
    if markers:
        cyc = cycler(color=OKABE_ITO) + cycler(linestyle=_LINESTYLES) + cycler(marker=_MARKERS)
        for ax in axes_list:
            ax.set_prop_cycle(cyc)
    return fig, axes_list
