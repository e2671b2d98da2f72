"""The record as a dated timeline: :func:`regionkit.plot.timeline` (see :mod:`regionkit.plot.charts`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from regionkit.plot._style import INK as _INK
from regionkit.plot._style import PAGE_WIDTH as _PAGE_WIDTH
from regionkit.plot._style import country_label as _name
from regionkit.plot._style import new_ax as _new_ax
from regionkit.plot._style import renderer as _renderer

__all__ = ["timeline"]


# category -> (types, marker, colour, legend label)
_TIMELINE_CATEGORIES = (
    ("accords", ("abraham_accords_announced", "abraham_accords_signed", "abraham_accords_joined",
                 "abraham_accords_broker"), "*", "#009E73", "Abraham Accords: announced, signed, joined"),
    ("relations", ("diplomatic_relations", "normalization"), "o", "#0072B2",
     "diplomatic relations established, normalisation"),
    ("treaty", ("treaty", "agreement"), "s", "#56B4E9", "treaty, agreement"),
    ("summit", ("summit",), "D", "#E69F00", "summit"),
    ("conflict", ("conflict", "displacement"), "X", "#D55E00", "conflict, displacement"),
    ("downgrade", ("diplomatic_downgrade", "diplomatic_break"), "v", "#CC79A7", "relations downgraded or broken"),
    ("other", (), "o", "#777777", "other (independence, recognition, membership, ...)"),
)
_TYPE_CATEGORY = {t: c[0] for c in _TIMELINE_CATEGORIES for t in c[1]}
_CATEGORY_STYLE = {c[0]: c[2:] for c in _TIMELINE_CATEGORIES}
_TYPE_TEXT = {
    "abraham_accords_announced": "accession to the Abraham Accords announced",
    "abraham_accords_signed": "signs the Abraham Accords",
    "abraham_accords_joined": "joins the Abraham Accords",
    "abraham_accords_broker": "signs the Abraham Accords as broker/witness",
    "diplomatic_relations": "diplomatic relations established",
}


def _floor(value: Any) -> pd.Timestamp:
    from regionkit.ties import _date_floor

    return _date_floor(value)


def _date_text(raw: str) -> str:
    raw = str(raw)
    when = _floor(raw)
    if len(raw) == 4:
        return raw
    if len(raw) == 7:
        return f"{when:%b %Y}"
    return f"{when.day} {when:%b %Y}"


def _event_text(row: Any, max_chars: int) -> str:
    """Short label of one record row: parties, then what happened."""
    parties = [p for p in (row.source, row.target) if p]
    who = "–".join(_name(p) for p in parties)
    if row.type in _TYPE_TEXT:
        what = _TYPE_TEXT[row.type]
        if row.type.startswith("abraham_accords") and row.target:
            who = _name(row.source)
    else:
        note = str(row.note) if isinstance(row.note, str) else str(row.type).replace("_", " ")
        note = note.split(" | ")[0]
        for prefix in ("with USA (broker, host or witness): ",):
            note = note.removeprefix(prefix)
        if note.startswith("multilateral ("):
            note = note.split("): ", 1)[-1]
        what = note
        who = ""  # event texts name their parties
    text = f"{who}: {what}" if who else what
    if len(text) > max_chars:
        text = text[: max_chars - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def timeline(
    ref: pd.DataFrame,
    countries: Sequence[str] | None = None,
    *,
    ax: Axes | None = None,
    today: Any = None,
    since: Any = None,
    involving: str = "all",
    max_chars: int = 70,
) -> Axes:
    """Draw the record as a dated timeline: Accords steps, relations established, key events.

    Each row of the record is a marker on the time axis (shape and colour by
    kind, explained in the legend) with a stem to its label ("Israel–Azerbaijan:
    diplomatic relations established", or the event text). Labels are stacked
    above and below the axis so that none overlap. A dashed line marks today.

    Parameters
    ----------
    ref : DataFrame
        Output of :func:`regionkit.reference_ties` (``source, target, type,
        start, note``). Rows without a start date are not drawn.
    countries : list of ISO3, optional
        Draw only rows about these countries (see ``involving``); default all.
    ax : matplotlib Axes, optional
        Where to draw; a new figure (sized to the labels) when omitted.
    today : date-like, optional
        Where to draw the "today" line (default: today's date). Pass a fixed
        date for reproducible figures.
    since : date-like, optional
        Drop rows before this date (default: keep all).
    involving : {"all", "any"}
        ``"all"``: rows whose every party is in ``countries`` (ties among them,
        and one-country events); ``"any"``: rows that involve any of them.
    max_chars : int
        Labels longer than this are cut at a word with "…".

    Returns
    -------
    matplotlib.axes.Axes
    """
    if involving not in ("all", "any"):
        raise ValueError(f"unknown involving {involving!r}; valid: all, any")
    missing = [c for c in ("source", "target", "type", "start") if c not in ref.columns]
    if missing:
        raise ValueError(f"expected rk.reference_ties output; missing columns {missing}")
    frame = ref.copy()
    if "note" not in frame.columns:
        frame["note"] = None
    frame["when"] = frame["start"].map(_floor)
    frame = frame[frame["when"].notna()]
    frame = frame.assign(
        source=frame["source"].astype(object).where(frame["source"].notna(), None),
        target=frame["target"].astype(object).where(frame["target"].notna(), None),
        note=frame["note"].astype(object).where(frame["note"].notna(), None),
        type=frame["type"].astype(str),
    )
    if countries is not None:
        chosen = {str(c) for c in countries}
        test = all if involving == "all" else any
        frame = frame[[test(p in chosen for p in (r.source, r.target) if p) for r in frame.itertuples()]]
    if since is not None:
        frame = frame[frame["when"] >= pd.Timestamp(since)]
    today = pd.Timestamp.today().normalize() if today is None else pd.Timestamp(today)

    events = []
    seen = set()
    for r in frame.sort_values(["when", "type"], kind="stable").itertuples():
        label = f"{_date_text(r.start)}  {_event_text(r, max_chars)}"
        if label in seen:  # a multilateral event drawn once
            continue
        seen.add(label)
        events.append((r.when, _TYPE_CATEGORY.get(r.type, "other"), label))

    own_fig = ax is None
    ax = _new_ax(ax, (_PAGE_WIDTH, 6))
    left = min([e[0] for e in events] + [today]) - pd.DateOffset(months=10)
    right = max([e[0] for e in events] + [today]) + pd.DateOffset(months=10)
    ax.set_xlim(left, right)
    ax.axhline(0, color="#444444", lw=1.2, zorder=1)
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#F0F0F0", lw=0.8)
    ax.set_axisbelow(True)
    used = {cat for _, cat, _ in events}
    handles = [Line2D([], [], marker=_CATEGORY_STYLE[c][0], ls="", color=_CATEGORY_STYLE[c][1],
                      ms=12 if _CATEGORY_STYLE[c][0] == "*" else 7, label=_CATEGORY_STYLE[c][2])
               for c, *_ in _TIMELINE_CATEGORIES if c in used]
    handles.append(Line2D([], [], color=_INK, ls="--", lw=1.2, label="today"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.06), frameon=False, fontsize=8.5,
              ncols=2, title="Marker: kind of record (data/reference)", title_fontsize=9.5)
    if not events:
        ax.text(0.5, 0.5, "no dated records for these countries", ha="center", va="center", transform=ax.transAxes)
    placed: list = []  # artists whose place depends on the label levels

    def place(resize: bool) -> None:
        """(Re)stack the labels for the figure's current size; rk.plot.save calls it after resizing."""
        for artist in placed:
            artist.remove()
        placed.clear()
        texts = [ax.text(when, 0, label, fontsize=8.5, va="center", ha="left", color=_INK, zorder=4,
                         in_layout=False) for when, _, label in events]
        levels = _stack_labels(ax, texts, [e[0] for e in events])
        top = math.ceil(max([abs(v) for v in levels] + [1]))
        if resize:
            ax.figure.set_size_inches(_PAGE_WIDTH, 2.4 + 0.24 * 2 * top)
        placed.extend(texts)
        for (when, cat, _), text, level in zip(events, texts, levels):
            marker, color, _ = _CATEGORY_STYLE[cat]
            text.set_y(level)
            placed.extend(ax.plot([when, when], [0, level], color="#BBBBBB", lw=0.8, zorder=2))
            placed.append(ax.scatter([when], [level], marker=marker, s=130 if marker == "*" else 55, color=color,
                                     edgecolors="white", linewidths=0.5, zorder=3))
            placed.append(ax.scatter([when], [0], marker="|", s=40, color="#444444", zorder=3))
        ax.set_ylim(-(top + 0.8), top + 1.6)
        placed.append(ax.axvline(today, ymax=(2 * top + 1.9) / (2 * top + 2.4), color=_INK, lw=1.2, ls="--",
                                 zorder=1))
        placed.append(ax.text(today, top + 1.55, f"today\n{today.day} {today:%b %Y}", fontsize=8.5, va="top",
                              ha="center", color=_INK))
        ax.spines["bottom"].set_position(("data", -(top + 0.8)))

    place(resize=own_fig)
    ax._regionkit = {**getattr(ax, "_regionkit", {}), "relayout": lambda: place(resize=False)}
    return ax


def _stack_labels(ax: Axes, texts: list, whens: list) -> list[int]:
    """Give each label a level (1, -1, 2, -2, ...) so labels on one level never overlap.

    A label goes right of its date, or left of it when it would run past the right
    end; when it fits on neither side it is wrapped onto more lines. Labels stay
    inside the axes and out of the layout, so a narrow figure never collapses.
    """
    import textwrap

    if not texts:
        return []
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = _renderer(fig)
    inv = ax.transData.inverted()
    x_left, x_right = ax.get_xlim()
    gap = (x_right - x_left) * 0.005  # room for the marker

    def width_of(text) -> float:
        box = text.get_window_extent(renderer)
        (x0, _), (x1, _) = inv.transform([(box.x0, box.y0), (box.x1, box.y1)])
        return x1 - x0

    spans = []
    for text, when in zip(texts, whens):
        text.set_in_layout(False)
        x = _mdates_num(when)
        room_right, room_left = x_right - x - gap, x - gap - x_left
        width = width_of(text)
        raw = text.get_text()
        lines = 1
        while width > max(room_right, room_left) and lines < 4:
            lines += 1
            chars = math.ceil(len(raw) / lines) + 2
            while len(textwrap.wrap(raw, width=chars)) > lines:  # no orphaned last word
                chars += 2
            text.set_text("\n  ".join(textwrap.wrap(raw, width=chars)))
            width = width_of(text)
        if width <= room_right:
            text.set_x(x + gap)
            spans.append((x, x + gap + width, lines))
        else:
            text.set_ha("right")
            text.set_x(x - gap)
            spans.append((x - gap - width, x, lines))
    pad = (x_right - x_left) * 0.006
    occupied: dict[int, list[tuple[float, float]]] = {}
    levels = []
    count = {1: 0, -1: 0}  # labels above / below, to keep the two sides balanced
    for s, e, lines in spans:
        for depth in range(1, 4 * len(spans) + 2):
            sides = (1, -1) if count[1] <= count[-1] else (-1, 1)
            for side in sides:
                rows = [side * (depth + k) for k in range(lines)]  # a wrapped label takes several levels
                if all(all(e + pad < a or s - pad > b for a, b in occupied.get(r, [])) for r in rows):
                    for r in rows:
                        occupied.setdefault(r, []).append((s, e))
                    count[side] += 1
                    levels.append(side * (depth + (lines - 1) / 2))
                    break
            else:
                continue
            break
    return levels


def _mdates_num(when: pd.Timestamp) -> float:
    import matplotlib.dates as mdates

    return float(mdates.date2num(pd.Timestamp(when).to_pydatetime()))
