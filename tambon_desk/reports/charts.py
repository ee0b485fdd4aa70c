"""Charts with matplotlib, Thai-capable, backend-neutral.

matplotlib is imported inside the functions (0.6-0.8 s; never on the start-up path).
Figures are plain ``matplotlib.figure.Figure`` objects so the GUI can put them in a
FigureCanvasTkAgg and the PDF can rasterise them (reportlab cannot embed PDF/SVG here
without svglib). matplotlib shapes Thai but does not wrap it, so long category labels
are broken with the same segmenter as the PDF text.
"""

from __future__ import annotations

import io

from . import thaiwrap
from .fonts import font_dir
from .model import Chart

PALETTE = [
    "#2f6f9f",
    "#e07b39",
    "#5a9e4b",
    "#c44e52",
    "#8172b2",
    "#937860",
    "#da8bc3",
    "#8c8c8c",
    "#ccb974",
    "#64b5cd",
]

_registered = False


def _setup():
    """Register Sarabun with matplotlib once; return the family name."""
    global _registered
    from matplotlib import font_manager

    if not _registered:
        for name in ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf"):
            font_manager.fontManager.addfont(str(font_dir() / name))
        _registered = True
    return "Sarabun"


def wrap_label(label: str, max_chars: int) -> str:
    """Break a label at Thai word boundaries into lines of about max_chars characters."""
    return "\n".join(thaiwrap.break_lines(label, max_chars, _char_count))


def _char_count(s: str) -> float:
    # marks take no room: count base characters only
    return sum(
        1
        for c in s
        if not ("\u0e31" == c or "\u0e34" <= c <= "\u0e3a" or "\u0e47" <= c <= "\u0e4e")
    )


def figure_for(chart: Chart, width_in: float = 7.0, height_in: float = 3.5):
    """A matplotlib Figure (not pyplot) drawing chart."""
    from matplotlib.figure import Figure

    family = _setup()
    rc = {"font.family": family, "font.size": 9, "axes.unicode_minus": False}
    import matplotlib

    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(width_in, height_in), layout="constrained")
        ax = fig.add_subplot()
        ax.set_title(chart.title, fontsize=11, fontweight="bold", pad=10)
        n = max(len(chart.categories), 1)
        per = max(6, int(width_in * 11 / n))
        cats = [wrap_label(c, per) for c in chart.categories]
        x = list(range(len(cats)))
        if chart.kind == "pie":
            # Labels in a legend beside the pie, percents inside the slices big enough to
            # hold one: names around a pie collide with each other and with the title.
            values = chart.series[0][1] if chart.series else []
            total = sum(v for v in values if v) or 1
            wedges, _texts, _pcts = ax.pie(
                values,
                colors=PALETTE[: len(values)] or None,
                startangle=90,
                counterclock=False,
                pctdistance=0.72,
                textprops={"fontsize": 8},
                autopct=lambda p: f"{p:.1f}%" if p >= 6 else "",
                wedgeprops={"linewidth": 0.8, "edgecolor": "white"},
            )
            ax.legend(
                wedges,
                [
                    f"{c.replace(chr(10), ' ')} ({100 * v / total:.1f}%)"
                    for c, v in zip(chart.categories, values, strict=False)
                ],
                frameon=False,
                fontsize=8,
                loc="center left",
                bbox_to_anchor=(1.0, 0.5),
            )
            ax.axis("equal")
        elif chart.kind == "line":
            for i, (name, values) in enumerate(chart.series):
                ax.plot(x, values, marker="o", color=PALETTE[i % len(PALETTE)], label=name)
        elif chart.kind in ("bar", "stacked_bar"):
            k = len(chart.series) or 1
            bottom = [0.0] * len(cats)
            for i, (name, values) in enumerate(chart.series):
                color = PALETTE[i % len(PALETTE)]
                if chart.kind == "stacked_bar":
                    ax.bar(x, values, bottom=bottom, color=color, label=name)
                    bottom = [b + v for b, v in zip(bottom, values, strict=False)]
                else:
                    w = 0.8 / k
                    ax.bar(
                        [p - 0.4 + w * (i + 0.5) for p in x],
                        values,
                        width=w,
                        color=color,
                        label=name,
                    )
        else:
            raise ValueError(f"unknown chart kind {chart.kind!r}")
        if chart.kind != "pie":
            ax.set_xticks(x, cats)
            _baseline_tick_labels(fig, ax)
            ax.set_ylabel(chart.y_label)
            ax.grid(axis="y", color="#dddddd", linewidth=0.6)
            ax.set_axisbelow(True)
            _headroom(ax, chart)
            ax.yaxis.set_major_formatter(_thousands(ax))
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            if len(chart.series) > 1:
                # outside the axes: inside, it would cover bars
                ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig


def _baseline_tick_labels(fig, ax):
    """Put single-line x labels on one baseline.

    With the default va='top' matplotlib aligns the top of each label's ink, and Thai
    stacked marks (น้ำ, ฝั่ง) make some labels taller, so labels sit at different
    heights. When every label is one line, align baselines instead (the tick pad is
    then measured to the baseline). Multi-line labels keep va='top': a baseline
    alignment would push their upper lines into the axes.
    """
    labels = ax.get_xticklabels()
    if any("\n" in label.get_text() for label in labels):
        return
    size = labels[0].get_fontsize() if labels else 9
    ax.tick_params(axis="x", pad=3.5 + size * 1.05)
    for label in labels:
        label.set_va("baseline")


def _headroom(ax, chart: Chart):
    """Room above the tallest bar (or point) and a sane axis when everything is zero."""
    if chart.kind == "stacked_bar":
        n = len(chart.categories)
        tops = [
            sum(vals[i] for _name, vals in chart.series if i < len(vals) and vals[i] > 0)
            for i in range(n)
        ]
    else:
        tops = [v for _name, vals in chart.series for v in vals]
    top = max([0.0] + [float(v) for v in tops if v is not None])
    low = min([0.0] + [float(v) for _n, vals in chart.series for v in vals if v is not None])
    values = [v for _n, vals in chart.series for v in vals if v is not None]
    if values and all(float(v).is_integer() for v in values):  # counts: whole ticks
        from matplotlib.ticker import MaxNLocator

        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if top <= 0 and low >= 0:
        ax.set_ylim(0, 1)
    else:
        ax.set_ylim(low * 1.12 if low < 0 else 0, top * 1.15 if top > 0 else 0)


def _thousands(ax):
    """One format for every tick of an axis: decimals only when the tick step needs them
    (never "0.0, 0.5, 1, -0.0")."""
    from matplotlib.ticker import FuncFormatter

    def fmt(v, _pos):
        ticks = ax.get_yticks()
        steps = (abs(b - a) for a, b in zip(ticks, ticks[1:], strict=False) if b != a)
        step = min(steps, default=1)
        decimals = 0 if step >= 1 else 1 if step >= 0.1 else 2
        v = 0.0 if abs(v) < 10 ** -(decimals + 1) else v
        return f"{v:,.{decimals}f}"

    return FuncFormatter(fmt)


def chart_png(chart: Chart, dpi: int = 150, width_in: float = 7.0, height_in: float = 3.5) -> bytes:
    """PNG bytes of the chart (Agg canvas, independent of the pyplot backend)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = figure_for(chart, width_in, height_in)
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
