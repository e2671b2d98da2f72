"""Regional groupings and organisations with time-aware membership.

Memberships come from ``data/reference/groups.csv`` (each row sourced; dates with
reduced precision such as ``2019-10`` are read as the first day of that period).
Groups never expand silently: :func:`expand_groups` does it on request, as of a date.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regionkit._resources import data_path

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["group_members", "list_groups", "expand_groups", "memberships"]

_LOCK = threading.Lock()
_USER: list[dict[str, Any]] = []


def _parse_date(value: Any) -> Any:
    import pandas as pd

    if value is None or (isinstance(value, float) and value != value) or value == "":
        return pd.NaT
    text = str(value)
    if len(text) == 4:
        text += "-01-01"
    elif len(text) == 7:
        text += "-01"
    return pd.Timestamp(text)


@lru_cache(maxsize=1)
def _shipped() -> pd.DataFrame:
    import pandas as pd

    df = pd.read_csv(data_path("reference", "groups.csv"), dtype=str, keep_default_na=False)
    return df


def memberships() -> pd.DataFrame:
    """All membership rows: ``group_id, group_name, iso3, member_since, member_until, source_url, notes``.

    ``member_until`` is set where the record says membership ended (Russia left the
    Council of Europe on 2022-03-16: ``council_of_europe_former``). ``since`` and
    ``until`` hold the parsed dates. The table is built once (again after
    :func:`regionkit.add_groups`); a copy is returned.
    """
    return _memberships(len(_USER)).copy()


@lru_cache(maxsize=4)
def _memberships(n_user: int) -> pd.DataFrame:
    import pandas as pd

    df = _shipped().copy()
    df["member_until"] = ""
    # the former-member row records the end date in its notes; apply it to the main group too
    former = df[df["group_id"] == "council_of_europe_former"]
    extra = []
    for _, row in former.iterrows():
        extra.append({**row.to_dict(), "group_id": "council_of_europe", "group_name": "Council of Europe",
                      "member_until": "2022-03-16"})
    if extra:
        df = pd.concat([df, pd.DataFrame(extra)], ignore_index=True)
    with _LOCK:
        if _USER:
            df = pd.concat([df, pd.DataFrame(_USER)], ignore_index=True)
    df["since"] = df["member_since"].map(_parse_date)
    df["until"] = df["member_until"].map(_parse_date)
    return df


def list_groups() -> pd.DataFrame:
    """Every known group id with its name, member count and kind (``region``, ``organisation`` ...)."""
    df = _memberships(len(_USER))
    kinds = {"south_caucasus": "region", "central_asia": "region", "abraham_accords": "agreement",
             "abraham_accords_broker": "agreement", "c5_plus_1": "format"}
    out = df.groupby("group_id", sort=True).agg(group_name=("group_name", "first"), members=("iso3", "nunique")).reset_index()
    out["kind"] = out["group_id"].map(lambda g: kinds.get(g, "organisation"))
    return out


def group_members(group: str, as_of: Any = None) -> list[str]:
    """ISO3 codes of the members of ``group`` (as of a date when given).

    Parameters
    ----------
    group
        A group id (see :func:`list_groups`), e.g. ``"central_asia"``, ``"abraham_accords"``.
    as_of
        A date (str, datetime or Timestamp). Members who joined later or left before are
        excluded; members with no recorded date count as members. None: all members ever.

    Returns
    -------
    list of str
        Sorted ISO3 codes (entities without a code, such as Northern Cyprus, are left out).

    Examples
    --------
    >>> "KAZ" in group_members("abraham_accords", as_of="2025-01-01")
    False
    >>> "KAZ" in group_members("abraham_accords", as_of="2026-01-01")
    True
    """
    import pandas as pd

    df = _memberships(len(_USER))
    rows = df[df["group_id"] == group]
    if rows.empty:
        valid = ", ".join(sorted(df["group_id"].unique()))
        raise ValueError(f"unknown group {group!r}; known groups: {valid}")
    if as_of is not None:
        when = pd.Timestamp(as_of)
        rows = rows[(rows["since"].isna() | (rows["since"] <= when)) & (rows["until"].isna() | (rows["until"] > when))]
    return sorted({c for c in rows["iso3"] if c})


def _add_user_members(groups: Any) -> int:
    import pandas as pd

    from regionkit.normalize import normalize

    if isinstance(groups, dict):
        rows = [{"group_id": g, "iso3": m} for g, members in groups.items() for m in members]
        df = pd.DataFrame(rows)
    elif isinstance(groups, (str, Path)):
        if not Path(groups).exists():
            raise FileNotFoundError(f"group file not found: {groups}")
        df = pd.read_csv(groups, dtype=str, keep_default_na=False)
    elif isinstance(groups, pd.DataFrame):
        df = groups.astype(str)
    else:
        raise TypeError(f"groups must be a dict, a CSV path or a DataFrame, not {type(groups).__name__}")
    if not {"group_id", "iso3"} <= set(df.columns):
        raise ValueError(f"group table needs columns group_id and iso3; it has {list(df.columns)}")
    codes = normalize(df["iso3"].tolist())
    unknown = df["iso3"][codes.isna().to_numpy()].tolist()
    if unknown:
        raise ValueError(f"unknown countries in group table: {unknown}")
    df = df.assign(iso3=codes.to_numpy())
    for col in ("group_name", "member_since", "member_until", "source_url", "notes"):
        if col not in df:
            df[col] = df["group_id"] if col == "group_name" else ""
    df["source_url"] = df["source_url"].replace("", "user")
    with _LOCK:
        _USER.extend(df[["group_id", "group_name", "iso3", "member_since", "member_until", "source_url", "notes"]].to_dict("records"))
    return len(df)


def expand_groups(mentions: pd.DataFrame, *, as_of: Any = None, date_column: str | None = None,
                  articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add one row per member country for each group mention (kind ``group`` or ``organisation``).

    Parameters
    ----------
    mentions
        Output of :func:`regionkit.extract_mentions`.
    as_of
        Membership date for every row. When None and ``articles`` has dates, each
        article's own date is used; otherwise all members ever.
    date_column
        Name of a date column already in ``mentions`` to use per row.
    articles
        The articles table, to take each article's date.

    Returns
    -------
    pandas.DataFrame
        The mentions plus expanded rows: same columns, ``kind = "member"`` is NOT
        used; expanded rows keep the group's kind and offsets, carry the member's
        ``iso3``/``country``, and have ``expanded_from`` set to the group id
        (``<NA>`` on original rows). Groups without a membership list stay as they are.
    """
    import pandas as pd

    from regionkit.normalize import country_name

    out = mentions.copy()
    out["expanded_from"] = pd.array([None] * len(out), dtype=pd.StringDtype())
    known = set(_memberships(len(_USER))["group_id"])
    dates: dict[str, Any] = {}
    if articles is not None and "date" in articles.columns:
        dates = dict(zip(articles["article_id"].astype(str), articles["date"]))
    rows = []
    sel = mentions[mentions["kind"].isin(["group", "organisation"]) & mentions["group"].isin(list(known))]
    for idx, row in sel.iterrows():
        when = as_of
        if when is None and date_column:
            when = row[date_column]
        if when is None:
            when = dates.get(str(row["article_id"]))
        if when is not None and pd.isna(when):
            when = None
        for code in group_members(row["group"], when):
            new = row.to_dict()
            new.update(iso3=code, country=country_name(code), expanded_from=row["group"])
            rows.append(new)
    if rows:
        out = pd.concat([out, pd.DataFrame(rows).astype(out.dtypes.to_dict())], ignore_index=True)
    return out
