"""The benchmarks chart as a plain SVG (no plotting dependency): one row per goal.

Each row has its own scale, from 0 to a little past the largest value shown: octogen's
bar (green when the goal is met, orange when not), a bar per measured peer (grey), and a
dark tick at the goal's bound.
"""

from __future__ import annotations

from html import escape
from typing import Any

WIDTH, LABEL, BAR_AREA, ROW = 900, 330, 430, 20
TIMES = "\u00d7"  # the multiplication sign, spelt out for ruff
COLOURS = {"met": "#2e7d32", "missed": "#ef6c00", "peer": "#9e9e9e"}


def _value(goal: dict[str, Any], value: float) -> str:
    return f"{value:.2f}{TIMES}" if goal["unit"] == TIMES else f"{value:.1f}{goal['unit']}"


def render_svg(goals: list[dict[str, Any]]) -> str:
    """An SVG document charting `goals` (dicts of `run.Goal`'s fields plus `met`)."""
    rows: list[str] = []
    y = 40
    for goal in goals:
        bars = [("octogen", goal["ratio"], COLOURS["met" if goal["met"] else "missed"])]
        bars += [(name, value, COLOURS["peer"]) for name, value in sorted(goal["peers"].items())
                 if isinstance(value, float)]  # fmt: skip
        top = max([goal["bound"], *(value for _, value, _ in bars)]) * 1.1 or 1.0
        scale = BAR_AREA / top
        direction = "≥" if goal["higher_is_better"] else "≤"
        height = ROW * len(bars) + 14
        rows.append(
            f'<text x="8" y="{y + 14}" class="goal">{escape(goal["name"].replace("`", ""))}</text>'
            f'<text x="8" y="{y + 30}" class="note">goal {direction} '
            f"{escape(_value(goal, goal['bound']))}</text>"
        )
        for index, (name, value, colour) in enumerate(bars):
            top_y = y + index * ROW
            rows.append(
                f'<rect x="{LABEL}" y="{top_y + 2}" width="{max(value * scale, 1):.1f}" '
                f'height="{ROW - 6}" fill="{colour}"/>'
                f'<text x="{LABEL + max(value * scale, 1) + 6:.1f}" y="{top_y + 14}" '
                f'class="value">{escape(name)} {escape(_value(goal, value))}</text>'
            )
        tick = LABEL + goal["bound"] * scale
        rows.append(
            f'<line x1="{tick:.1f}" y1="{y - 2}" x2="{tick:.1f}" y2="{y + ROW * len(bars)}" '
            'stroke="#212121" stroke-width="2" stroke-dasharray="4 2"/>'
        )
        y += max(height, 44)
    legend = (
        f'<rect x="8" y="10" width="12" height="12" fill="{COLOURS["met"]}"/>'
        '<text x="26" y="20" class="note">octogen, goal met</text>'
        f'<rect x="160" y="10" width="12" height="12" fill="{COLOURS["missed"]}"/>'
        '<text x="178" y="20" class="note">octogen, goal missed</text>'
        f'<rect x="330" y="10" width="12" height="12" fill="{COLOURS["peer"]}"/>'
        '<text x="348" y="20" class="note">peer</text>'
        '<line x1="410" y1="10" x2="410" y2="22" stroke="#212121" stroke-width="2" '
        'stroke-dasharray="4 2"/><text x="418" y="20" class="note">goal bound</text>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{y + 10}" '
        f'viewBox="0 0 {WIDTH} {y + 10}" role="img" aria-label="octogen benchmark ratios">\n'
        "<style>text{font-family:system-ui,sans-serif;fill:#212121}"
        ".goal{font-size:13px;font-weight:600}.note{font-size:11px;fill:#555}"
        ".value{font-size:11px}</style>\n"
        '<rect width="100%" height="100%" fill="#ffffff"/>\n'
        + legend
        + "\n"
        + "\n".join(rows)
        + "\n</svg>\n"
    )
