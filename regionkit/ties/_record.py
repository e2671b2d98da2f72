"""Reference ties: the dated, sourced record in ``data/reference/`` as one table."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from regionkit._resources import data_path
from regionkit.ties._common import _ISO3, _S, REFERENCE_COLUMNS

# --------------------------------------------------------------------------------------
# reference ties
# --------------------------------------------------------------------------------------


def _date_floor(value: Any) -> pd.Timestamp:
    """First day of a full or reduced-precision ISO date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``)."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return pd.NaT
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        text += "-01-01"
    elif re.fullmatch(r"\d{4}-\d{2}", text):
        text += "-01"
    elif not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"bad date {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY")
    return pd.Timestamp(text)


def _read_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(data_path("reference", name), dtype=str, keep_default_na=False)


def _blank(value: str | None) -> str | None:
    return value if value not in (None, "") else None


def _record_rows() -> list[dict]:
    rows: list[dict] = []
    # Abraham Accords: each member's announcement / signature / accession, tied to Israel.
    for r in _read_csv("abraham_accords.csv").to_dict("records"):
        iso, mediator = r["iso3"], _blank(r["mediator"])
        note = r["notes"]
        if mediator:
            note = f"mediator: {mediator}. {note}"
        if iso == "USA":
            kind, target = "abraham_accords_broker", None
        else:
            kind, target = f"abraham_accords_{r['event']}", (None if iso == "ISR" else "ISR")
        rows.append(dict(source=iso, target=target, type=kind, start=_blank(r["date"]), end=None,
                         source_url=_blank(r["source_url"]), note=note))
    # Israel's diplomatic relations.
    for r in _read_csv("israel_relations.csv").to_dict("records"):
        iso, status = r["iso3"], r["relations_status"]
        kind = {"none": "no_diplomatic_relations", "severed_1979": "diplomatic_relations_severed"}.get(
            status, "diplomatic_relations"
        )
        emb_in = r["israel_embassy_in_country"] or "not confirmed"
        emb_out = r["country_embassy_in_israel"] or "not confirmed"
        note = (
            f"status: {status}; Israel's mission in {iso}: {emb_in}; {iso}'s mission in Israel: {emb_out}. "
            f"{r['notes']}"
        )
        if r["other_sources"]:
            note += f" Other sources: {r['other_sources']}"
        rows.append(dict(source="ISR", target=iso, type=kind, start=_blank(r["relations_established"]), end=None,
                         source_url=_blank(r["source_url"]), note=note))
    # Dated events.
    for r in _read_csv("events.csv").to_dict("records"):
        parties = [c.strip() for c in r["countries"].split(";") if c.strip()]
        note = r["event"] + (f" | {r['notes']}" if r["notes"] else "")
        base = dict(type=r["kind"], start=_blank(r["date"]), end=None, source_url=_blank(r["source_url"]))
        others = [p for p in parties if p != "USA"]
        if len(parties) == 2:
            rows.append(dict(base, source=parties[0], target=parties[1], note=note))
        elif len(parties) == 3 and len(others) == 2:
            rows.append(dict(base, source=others[0], target=others[1],
                             note=f"with USA (broker, host or witness): {note}"))
        else:  # one party, or a multilateral event: one row per party, no target
            extra = f"multilateral ({len(parties)} parties: {';'.join(parties)}): " if len(parties) > 1 else ""
            for p in parties:
                rows.append(dict(base, source=p, target=None, note=extra + note))
    return rows


def _read_extra(extra: str | Path | pd.DataFrame) -> pd.DataFrame:
    if isinstance(extra, pd.DataFrame):
        frame = extra.copy()
    else:
        path = Path(extra)
        if not path.exists():
            raise FileNotFoundError(f"no such file: {path}")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    unknown = [c for c in frame.columns if c not in REFERENCE_COLUMNS]
    missing = [c for c in ("source", "type", "start") if c not in frame.columns]
    if unknown or missing:
        problem = f"unknown columns {unknown}" if unknown else f"missing columns {missing}"
        raise ValueError(f"extra ties: {problem}; accepted columns: {', '.join(REFERENCE_COLUMNS)} "
                         "(source, type and start are required)")
    frame = frame.reindex(columns=list(REFERENCE_COLUMNS))
    out = []
    for i, r in enumerate(frame.to_dict("records")):
        r = {k: (None if v is None or (not isinstance(v, str) and pd.isna(v)) or str(v).strip() == "" else str(v).strip())
             for k, v in r.items()}
        for col in ("source", "target"):
            if r[col] is not None and not _ISO3.match(r[col]):
                raise ValueError(f"extra ties row {i}: {col} {r[col]!r} is not an ISO3 code (three capital letters)")
        if r["source"] is None or r["type"] is None:
            raise ValueError(f"extra ties row {i}: source and type must not be empty")
        for col in ("start", "end"):
            _date_floor(r[col])  # raises on a bad date
        out.append(r)
    return pd.DataFrame(out, columns=list(REFERENCE_COLUMNS))


def reference_ties(as_of: Any = None, *, extra: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the recorded, sourced diplomatic ties shipped in ``data/reference/``.

    Rows come from three files (see ``data/reference/README.md``):

    * ``abraham_accords.csv`` — type ``abraham_accords_announced``,
      ``abraham_accords_signed`` or ``abraham_accords_joined``; ``source`` is the
      member, ``target`` is Israel (the state the Accords normalise relations
      with; ``note`` says what was signed with whom — Sudan signed the
      Declaration with the US only). Israel's own signature has no target. The
      US is the broker, not a member: its row has type ``abraham_accords_broker``.
    * ``israel_relations.csv`` — ``source`` Israel, ``target`` the country, type
      ``diplomatic_relations`` (start = date established),
      ``no_diplomatic_relations`` or ``diplomatic_relations_severed``; the note
      gives the status and the embassies. Unconfirmed dates stay empty.
    * ``events.csv`` — type is the event kind (``treaty``, ``summit``,
      ``conflict``, ``normalization``, ``recognition``, ...). Two parties give one
      row; three parties of which one is the US give one row for the other two
      (the US as broker, host or witness, said in the note); one party or a
      multilateral event gives one row per party with an empty target.

    Parameters
    ----------
    as_of : date-like, optional
        Keep only what was on record at that date: rows that started on or
        before it and had not ended. Rows with no known start date are dropped.
        Reduced-precision dates (``1992-03``) count from the first day.
    extra : path or DataFrame, optional
        Your own rows (CSV path or DataFrame) with columns ``source, type,
        start`` and optionally ``target, end, source_url, note``; appended after
        validation (ISO3 codes, ISO dates).

    Returns
    -------
    pandas.DataFrame
        Columns ``source, target, type, start, end, source_url, note``, all
        string dtype (dates as ISO strings, keeping reduced precision), sorted
        by date. Empty cells are ``<NA>``.

    Examples
    --------
    >>> ref = rk.reference_ties()
    >>> ref[ref.type.str.startswith("abraham_accords")]  # doctest: +SKIP
    """
    frame = pd.DataFrame(_record_rows(), columns=list(REFERENCE_COLUMNS))
    if extra is not None:
        frame = pd.concat([frame, _read_extra(extra)], ignore_index=True)
    frame = frame.astype(_S)
    starts = frame["start"].map(_date_floor)
    if as_of is not None:
        when = pd.Timestamp(as_of)
        ends = frame["end"].map(_date_floor)
        keep = starts.notna() & (starts <= when) & (ends.isna() | (ends >= when))
        frame, starts = frame[keep.to_numpy()], starts[keep.to_numpy()]
    order = pd.DataFrame({"d": starts.to_numpy(), "i": range(len(frame))}).sort_values(["d", "i"], na_position="last")
    return frame.iloc[order["i"].to_numpy()].reset_index(drop=True)

