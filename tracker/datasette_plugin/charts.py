"""Charts as inline SVG, drawn on the server: no JavaScript library, nothing
fetched by the browser, and the page prints and screenshots as it shows."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

# Okabe-Ito: tells apart for colour-blind readers too.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"]
DASHES = ["", "8 4", "3 3", "12 4 3 4"]
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"'


def bar_chart(bars: list[tuple[str, int, str | None]], title: str, width: int = 640) -> Markup:
    """Horizontal bars, one per (label, value, link); a bar with a link is clickable."""
    if not bars:
        return Markup("")
    label_width, row, top = 190, 24, 30
    height = top + row * len(bars) + 10
    most = max(value for _, value, _ in bars) or 1
    plot = width - label_width - 50
    parts = [_svg_open(width, height, title, "tracker-chart tracker-bars"),
             f'<text x="0" y="18" font-size="14" font-weight="600" {FONT}>{escape(title)}</text>']
    for i, (label, value, href) in enumerate(bars):
        y = top + i * row
        length = max(2, round(plot * value / most))
        bar = (
            f'<g class="bar"><title>{escape(label)}: {value}</title>'
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" font-size="13" {FONT}>{escape(_short(label, 26))}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{length}" height="{row - 7}" rx="2" fill="{PALETTE[0]}"/>'
            f'<text x="{label_width + length + 6}" y="{y + 16}" font-size="12" fill="#444" {FONT}>{value}</text></g>'
        )
        parts.append(f'<a href="{escape(href)}">{bar}</a>' if href else bar)
    parts.append("</svg>")
    return Markup("".join(parts))


def timeline_chart(months: list[str], series: list[tuple[str, list[int]]], title: str,
                   width: int = 760, height: int = 300) -> Markup:
    """Statements per month: one coloured line with points per series, a shared month axis."""
    if not months or not series:
        return Markup("")
    left, right, top = 44, 34, 34
    legend_rows = (len(series) + 2) // 3
    bottom = 46 + 20 * legend_rows
    plot_w, plot_h = width - left - right, height - top - bottom
    most = max(max(counts) for _, counts in series) or 1
    step = plot_w / max(1, len(months) - 1) if len(months) > 1 else 0

    def x(i: int) -> float:
        return left + (i * step if len(months) > 1 else plot_w / 2)

    def y(value: int) -> float:
        return top + plot_h - plot_h * value / most

    parts = [_svg_open(width, height, title, "tracker-chart tracker-timeline"),
             f'<text x="0" y="18" font-size="14" font-weight="600" {FONT}>{escape(title)}</text>']
    for tick in _ticks(most):  # horizontal grid and counts
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="11" fill="#555" {FONT}>{tick}</text>')
    every = max(1, -(-len(months) // 12))  # at most about 12 month labels
    for i, month in enumerate(months):
        if i % every == 0 or i == len(months) - 1:
            anchor = "end" if i == len(months) - 1 and i else "middle"
            parts.append(f'<text x="{x(i):.1f}" y="{top + plot_h + 16}" text-anchor="{anchor}" font-size="11" fill="#555" {FONT}>{month}</text>')
    for n, (name, counts) in enumerate(series):
        color = PALETTE[n % len(PALETTE)]
        points = " ".join(f"{x(i):.1f},{y(c):.1f}" for i, c in enumerate(counts))
        parts.append(f'<g class="series" data-speaker="{escape(name)}">')
        if len(counts) > 1:
            dash = f' stroke-dasharray="{DASHES[n % len(DASHES)]}"' if n % len(DASHES) else ""  # equal lines stay visible
            parts.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2.5"{dash}/>')
        for i, count in enumerate(counts):
            if count:
                parts.append(f'<circle cx="{x(i):.1f}" cy="{y(count):.1f}" r="4" fill="{color}">'
                             f'<title>{escape(name)}, {months[i]}: {count}</title></circle>')
        parts.append("</g>")
        lx = left + (n % 3) * (plot_w / 3)
        ly = height - bottom + 38 + (n // 3) * 20
        parts.append(f'<rect x="{lx:.1f}" y="{ly - 10}" width="12" height="12" fill="{color}"/>'
                     f'<text class="legend" x="{lx + 18:.1f}" y="{ly}" font-size="12" {FONT}>{escape(_short(name, 30))} ({sum(counts)})</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def month_range(first: str, last: str) -> list[str]:
    """Every YYYY-MM from first to last, so quiet months show as zero."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _ticks(most: int) -> list[int]:
    step = max(1, -(-most // 4))
    return list(range(0, most + 1, step))


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _svg_open(width: int, height: int, title: str, css_class: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="img" aria-label="{escape(title)}" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" style="max-width:100%;height:auto">')
