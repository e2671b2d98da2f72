"""The record as a dated timeline: :func:`regionkit.plot.timeline` (re-exported by :mod:`regionkit.plot.charts`).

Time runs down the page, one row per event, so a dense period (nine in ten events of the
record fall in 2020-21) gets as much room as it needs, and a long quiet stretch is a
break in the spine ("25 years") instead of empty axis. Events of one day about the same
countries (the same accession from two tables) are one row. Laid out in inches for the
figure's width: ``rk.plot.save(..., preset=...)`` re-wraps the labels and refits the height.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from regionkit._gazetteer_arg import takes_gazetteer
from regionkit.plot._style import INK as _INK
from regionkit.plot._style import MUTED as _MUTED
from regionkit.plot._style import PAGE_WIDTH as _PAGE_WIDTH
from regionkit.plot._style import country_label as _name
from regionkit.plot._style import font_scale as _font_scale
from regionkit.plot._style import figure_of as _figure_of
from regionkit.plot._style import record as _record
from regionkit.plot._style import renderer as _renderer

__all__ = ["timeline"]

# category -> (types, marker, colour, legend label); the order is the priority when records merge
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
_PRIORITY = {c[0]: i for i, c in enumerate(_TIMELINE_CATEGORIES)}
_TYPE_TEXT = {
    "abraham_accords_announced": "accession to the Abraham Accords announced",
    "abraham_accords_signed": "signs the Abraham Accords",
    "abraham_accords_joined": "joins the Abraham Accords",
    "abraham_accords_broker": "signs the Abraham Accords as broker/witness",
    "diplomatic_relations": "diplomatic relations established",
}
_FONT = 8.0  # points at scale 1 (a 7.2 in page)


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


def _parties(row: Any) -> frozenset[str]:
    """The countries of one record row: source and target, or the list of a multilateral note."""
    note = row.note if isinstance(row.note, str) else ""
    if note.startswith("multilateral (") and ": " in note:
        inside = note[len("multilateral ("):].split(")", 1)[0]  # "4 parties: USA;ISR;ARE;BHR"
        codes = inside.split(": ", 1)[-1].split(";")
        return frozenset(c.strip() for c in codes if c.strip())
    return frozenset(p for p in (row.source, row.target) if p)


def _event_text(row: Any, max_chars: int | None) -> str:
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
    if max_chars is not None and len(text) > max_chars:
        text = text[: max_chars - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def _events(frame: pd.DataFrame, max_chars: int | None) -> list[dict]:
    """One event per day and set of countries: rows of two tables about one accession are merged."""
    rows = []
    for r in frame.sort_values("when", kind="stable").itertuples():  # same day: in the record's order
        cat = _TYPE_CATEGORY.get(r.type, "other")
        rows.append({"when": r.when, "raw": str(r.start), "cat": cat, "parties": _parties(r),
                     "text": _event_text(r, max_chars)})
    events: list[dict] = []
    for row in rows:
        same = next((e for e in events if e["when"] == row["when"] and e["parties"] == row["parties"]), None)
        if same is None:
            events.append({**row, "texts": [row["text"]], "cats": [row["cat"]]})
            continue
        if row["text"] not in same["texts"]:
            same["texts"].append(row["text"])
            same["cats"].append(row["cat"])
    for e in events:  # the most telling record names the event; the others are counted
        best = min(range(len(e["cats"])), key=lambda i: (_PRIORITY[e["cats"][i]], i))
        e["cat"], e["text"] = e["cats"][best], e["texts"][best]
        extra = len(e["texts"]) - 1
        e["label"] = e["text"] + (f" (+{extra} record{'s' if extra > 1 else ''} that day)" if extra else "")
        e["date"] = _date_text(e["raw"])
    for prev, e in zip(events, events[1:]):
        e["same_day"] = e["date"] == prev["date"]  # the date is written once per day
    return events


@takes_gazetteer
def timeline(
    ref: pd.DataFrame,
    countries: Sequence[str] | None = None,
    *,
    ax: Axes | None = None,
    today: Any = None,
    since: Any = None,
    involving: str = "all",
    max_chars: int | None = None,
    gap_years: float = 3.0,
) -> Axes:
    """Draw the record as a vertical timeline: one row per event, oldest at the top.

    Each event is a marker on a vertical spine (shape and colour by kind, explained
    in the legend), its date to the left and its label to the right, wrapped to the
    width of the figure. Rows are evenly spaced, so a dense period gets the room it
    needs; a stretch of more than ``gap_years`` without a record is a break in the
    spine that says how long it is. Records of one day about the same countries (an
    accession listed in two tables) are one row, named by the most telling record,
    with the number of the others.

    Parameters
    ----------
    ref : DataFrame
        Output of :func:`regionkit.reference_ties` (``source, target, type,
        start, note``). Rows without a start date are not drawn.
    countries : list of ISO3, optional
        Draw only rows about these countries (see ``involving``); default all.
    ax : matplotlib Axes, optional
        Where to draw; a new figure a page wide, its height fitted to the rows, when omitted.
    today : date-like or True, optional
        Mark this date with a dashed line ("today" when ``True``). Default: no line,
        so the figure is the same every day.
    since : date-like, optional
        Drop rows before this date (default: keep all).
    involving : {"all", "any"}
        ``"all"``: rows whose every party is in ``countries`` (ties among them,
        and one-country events); ``"any"``: rows that involve any of them.
    max_chars : int, optional
        Cut labels longer than this at a word with "…" (default: never cut; labels wrap).
    gap_years : float
        A quiet stretch longer than this is drawn as a break.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax._regionkit["events"]`` lists what was drawn (date, kind, label, merged records).
    """
    import matplotlib.pyplot as plt

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
    if today is True:
        today = pd.Timestamp.today().normalize()
    elif today is not None and today is not False:
        today = pd.Timestamp(today)
    else:
        today = None
    events = _events(frame, max_chars)
    own = ax is None
    if ax is None:
        fig = plt.figure(figsize=(_PAGE_WIDTH, 4.0))
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_axis_off()
    drawn: list = []
    meta = {"events": [{"date": e["date"], "when": e["when"], "kind": e["cat"], "label": e["label"],
                        "records": list(e["texts"])} for e in events], "today": today}

    def relayout() -> None:
        """(Re)draw for the figure's current width; rk.plot.save calls it after resizing."""
        _draw(ax, events, today, gap_years, drawn, own)

    relayout()
    _record(ax).update({**meta, "relayout": relayout})
    return ax


def _rows(events: list[dict], today, gap_years: float) -> list[tuple[str, Any]]:
    """The rows top to bottom: ("event", e), ("break", years) and ("today", date)."""
    items: list[tuple[pd.Timestamp, int, str, Any]] = [(e["when"], 0, "event", e) for e in events]
    if today is not None:
        items.append((today, 1, "today", today))
    items.sort(key=lambda x: (x[0], x[1]))
    rows: list[tuple[str, Any]] = []
    prev = None
    for when, _, kind, item in items:
        if prev is not None and (when - prev).days / 365.25 > gap_years:
            rows.append(("break", (when - prev).days / 365.25))
        rows.append((kind, item))
        prev = when
    return rows


def _wrap(text: str, width_px: float, measure) -> list[str]:
    """Lines of *text* no wider than *width_px* (word wrap, measured)."""
    chars = max(int(len(text) * width_px / max(measure(text), 1.0)), 8)
    while True:
        lines = textwrap.wrap(text, width=chars) or [""]
        if all(measure(line) <= width_px for line in lines) or chars <= 8:
            return lines
        chars -= 2


def _xx_width(probe, renderer) -> float:
    probe.set_text("xx")
    return probe.get_window_extent(renderer).width


def _draw(ax: Axes, events: list[dict], today, gap_years: float, drawn: list, own: bool) -> None:
    for artist in drawn:
        artist.remove()
    drawn.clear()
    fig = _figure_of(ax)
    renderer = _renderer(fig)
    width = fig.get_size_inches()[0] if own else ax.get_position().width * fig.get_size_inches()[0]
    font = _FONT * _font_scale(fig)
    probe = ax.text(0, 0, "", fontsize=font)
    char_w: dict[str, float] = {}

    def measure(s: str) -> float:
        """Width in inches: the sum of the characters' widths (measured once each), 3% for kerning."""
        for ch in set(s) - char_w.keys():
            probe.set_text(f"x{ch}x")
            full = probe.get_window_extent(renderer).width
            char_w[ch] = full - char_w.setdefault("\0xx", _xx_width(probe, renderer))
        return sum(char_w[ch] for ch in s) * 1.03 / fig.dpi

    line_h = font * 1.3 / 72
    pad = 0.05
    date_w = max([measure(e["date"]) for e in events] + [measure("today")]) if events else 0.5
    gap = font * 1.1 / 72  # room for the marker
    spine_x = pad + date_w + gap
    text_x = spine_x + gap
    text_w = max(width - text_x - pad, 1.0)
    rows = _rows(events, today, gap_years)
    y = 0.1
    placed: list[tuple[str, Any, float, list[str]]] = []
    for kind, item in rows:
        if kind == "event":
            lines = _wrap(item["label"], text_w, measure)
            placed.append((kind, item, y, lines))
            y += line_h * len(lines) + line_h * 0.45
        elif kind == "break":
            placed.append((kind, item, y, []))
            y += line_h * 1.6
        else:
            placed.append((kind, item, y, []))
            y += line_h * 1.2
    probe.remove()
    body_h = y
    top_y = placed[0][2] if placed else 0.0
    drawn.append(ax.plot([spine_x, spine_x], [top_y, max(body_h - line_h * 0.45, top_y)], color="#444444",
                         lw=1.0, zorder=1, solid_capstyle="butt")[0])
    geo = {"spine_x": spine_x, "text_x": text_x, "gap": gap, "pad": pad, "width": width, "line_h": line_h}
    labels = _draw_rows(ax, placed, geo, font, drawn)
    if not events:
        drawn.append(ax.text(width / 2, body_h + 0.2, "no dated records for these countries", ha="center",
                             va="center", fontsize=font))
        body_h += 0.4
    legend_h = _draw_legend(ax, events, today, font, pad, body_h, width, drawn)
    # a full-width hairline under everything: the figure's drawn width is the page width
    total = body_h + legend_h + 0.1
    drawn.append(ax.plot([0, width], [total - 0.02, total - 0.02], color="white", lw=0.1, zorder=0)[0])
    if own:
        fig.set_size_inches(width, total)
        ax.set_position((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, width)
    ax.set_ylim(total, 0)
    if hasattr(ax, "_regionkit"):
        _record(ax)["labels"] = labels


def _draw_rows(ax: Axes, placed: list, geo: dict, font: float, drawn: list) -> list:
    """Markers, dates and labels of the events, the breaks and the today line; returns the label texts."""
    spine_x, text_x, gap, pad, width, line_h = (geo[k] for k in ("spine_x", "text_x", "gap", "pad", "width", "line_h"))
    labels = []
    for kind, item, y0, lines in placed:
        yc = y0 + line_h / 2
        if kind == "event":
            marker, color, _ = _CATEGORY_STYLE[item["cat"]]
            drawn.append(ax.scatter([spine_x], [yc], marker=marker, s=(font * (2.0 if marker == "*" else 1.25)) ** 2,
                                    color=color, edgecolors="white", linewidths=0.5, zorder=3))
            date = "" if item.get("same_day") else item["date"]
            drawn.append(ax.text(spine_x - gap, yc, date, fontsize=font, ha="right", va="center",
                                 color=_INK, gid="regionkit-timeline-date"))
            t = ax.text(text_x, y0, "\n".join(lines), fontsize=font, ha="left", va="top", color=_INK,
                        linespacing=1.15, gid="regionkit-timeline-label")
            drawn.append(t)
            labels.append(t)
        elif kind == "break":  # a white gap in the spine with the length of the quiet stretch
            drawn.append(ax.plot([spine_x, spine_x], [y0 + line_h * 0.1, y0 + line_h * 1.1], color="white",
                                 lw=3, zorder=2)[0])
            for dy in (0.15, 1.05):
                drawn.append(ax.plot([spine_x - 0.06, spine_x + 0.06], [y0 + line_h * (dy + 0.08),
                                     y0 + line_h * (dy - 0.08)], color="#444444", lw=0.8, zorder=2)[0])
            years = round(item)
            drawn.append(ax.text(text_x, y0 + line_h * 0.6, f"{years} years without a record here",
                                 fontsize=font * 0.9, style="italic", ha="left", va="center", color=_MUTED))
        else:
            drawn.append(ax.plot([pad, width - pad], [yc, yc], color=_INK, lw=0.9, ls="--", zorder=1)[0])
            drawn.append(ax.text(spine_x - gap, yc, "today", fontsize=font, ha="right", va="center", color=_INK,
                                 bbox=dict(fc="white", ec="none", pad=1)))
            drawn.append(ax.text(text_x, yc, f"{item.day} {item:%b %Y}", fontsize=font, ha="left", va="center",
                                 color=_INK, bbox=dict(fc="white", ec="none", pad=1)))
    return labels


def _draw_legend(ax: Axes, events: list, today, font: float, pad: float, body_h: float, width: float,
                 drawn: list) -> float:
    """The marker legend under the rows, in as many columns as fit; returns its height in inches."""
    fig = _figure_of(ax)
    renderer = _renderer(fig)
    # legend under the rows, in as many columns as fit
    used = [c for c, *_ in _TIMELINE_CATEGORIES if any(e["cat"] == c for e in events)]
    handles = [Line2D([], [], marker=_CATEGORY_STYLE[c][0], ls="", color=_CATEGORY_STYLE[c][1],
                      ms=font * (1.5 if _CATEGORY_STYLE[c][0] == "*" else 0.95), label=_CATEGORY_STYLE[c][2])
               for c in used]
    if today is not None:
        handles.append(Line2D([], [], color=_INK, ls="--", lw=0.9, label="today"))
    legend_h = 0.0
    if handles:
        for ncols in (2, 1):
            leg = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(pad, body_h + 0.08),
                            bbox_transform=ax.transData, ncols=ncols, frameon=False, fontsize=font * 0.95,
                            title="Marker: kind of record", title_fontsize=font, alignment="left",
                            borderaxespad=0, borderpad=0, handletextpad=0.4, columnspacing=1.2)
            if ncols == 1 or leg.get_window_extent(renderer).width / fig.dpi <= width - 2 * pad:
                break
            leg.remove()
        drawn.append(leg)
        legend_h = leg.get_window_extent(renderer).height / fig.dpi + 0.15
    return legend_h
