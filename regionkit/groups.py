"""Regional groupings and organisations with time-aware membership.

Memberships are the gazetteer's ``memberships.csv`` table (shipped as
``data/reference/groups.csv``, each row sourced; dates with reduced precision such
as ``2019-10`` are read as the first day of that period; user groups come from
:meth:`regionkit.Gazetteer.with_groups` or :func:`regionkit.add_groups`).
Groups never expand silently: :func:`expand_groups` does it on request, as of a date.
Every function takes ``gazetteer=`` (None: the current gazetteer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from regionkit._errors import UnknownGroupError
from regionkit.gazetteer import Gazetteer, resolve_gazetteer

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["group_members", "list_groups", "expand_groups", "memberships", "parse_date"]

#: group ids that are not organisations, with their kind for :func:`list_groups`
_KINDS = {"south_caucasus": "region", "central_asia": "region", "abraham_accords": "agreement",
          "abraham_accords_broker": "agreement", "c5_plus_1": "format"}


def parse_date(value: Any) -> Any:
    """A membership date ('2020', '2020-09', '2020-09-15', a Timestamp) -> Timestamp; empty -> NaT."""
    import pandas as pd

    if value is None or (isinstance(value, float) and value != value) or value == "":
        return pd.NaT
    text = str(value)
    if len(text) == 4:
        text += "-01-01"
    elif len(text) == 7:
        text += "-01"
    return pd.Timestamp(text)


def memberships(*, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """All membership rows: ``group_id, group_name, iso3, member_since, member_until, source_url, notes``.

    ``member_until`` is set where the record says membership ended (Russia left the
    Council of Europe on 2022-03-16: ``council_of_europe_former``). ``since`` and
    ``until`` hold the parsed dates. The table is built once per gazetteer; a copy is returned.
    """
    return _memberships(resolve_gazetteer(gazetteer)).copy()


def _memberships(gaz: Gazetteer) -> pd.DataFrame:
    return gaz.memo("groups.memberships", lambda: _build_memberships(gaz))


def _build_memberships(gaz: Gazetteer) -> pd.DataFrame:
    import pandas as pd

    df = gaz.memberships.copy()
    if "member_until" not in df:
        df["member_until"] = ""
    # the former-member row records the end date in its notes; apply it to the main group too
    former = df[df["group_id"] == "council_of_europe_former"]
    extra = [{**row, "group_id": "council_of_europe", "group_name": "Council of Europe", "member_until": "2022-03-16"}
             for row in former.to_dict("records")]
    if extra:
        df = pd.concat([df, pd.DataFrame(extra)], ignore_index=True)
    df["since"] = df["member_since"].map(parse_date)
    df["until"] = df["member_until"].map(parse_date)
    return df


def list_groups(*, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """Every known group id with its name, member count and kind (``region``, ``organisation`` ...)."""
    df = _memberships(resolve_gazetteer(gazetteer))
    out = df.groupby("group_id", sort=True).agg(group_name=("group_name", "first"), members=("iso3", "nunique")).reset_index()
    out["kind"] = out["group_id"].map(lambda g: _KINDS.get(g, "organisation"))
    return out


def group_members(group: str, as_of: Any = None, *, gazetteer: Gazetteer | None = None) -> list[str]:
    """ISO3 codes of the members of ``group`` (as of a date when given).

    Parameters
    ----------
    group
        A group id (see :func:`list_groups`), e.g. ``"central_asia"``, ``"abraham_accords"``.
    as_of
        A date (str, datetime or Timestamp). Members who joined later or left before are
        excluded; members with no recorded date count as members. None: all members ever.
    gazetteer
        A :class:`regionkit.Gazetteer`; None: the current one.

    Returns
    -------
    list of str
        Sorted ISO3 codes (entities without a code, such as Northern Cyprus, are left out).

    Raises
    ------
    regionkit.UnknownGroupError
        When the gazetteer has no such group.

    Examples
    --------
    >>> "KAZ" in group_members("abraham_accords", as_of="2025-01-01")
    False
    >>> "KAZ" in group_members("abraham_accords", as_of="2026-01-01")
    True
    """
    import pandas as pd

    df = _memberships(resolve_gazetteer(gazetteer))
    rows = df[df["group_id"] == group]
    if rows.empty:
        valid = ", ".join(sorted(df["group_id"].unique()))
        raise UnknownGroupError(f"unknown group {group!r}; known groups: {valid}")
    if as_of is not None:
        when = pd.Timestamp(as_of)
        rows = rows[(rows["since"].isna() | (rows["since"] <= when)) & (rows["until"].isna() | (rows["until"] > when))]
    return sorted({c for c in rows["iso3"] if c})


def expand_groups(mentions: pd.DataFrame, *, as_of: Any = None, date_column: str | None = None,
                  articles: pd.DataFrame | None = None, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
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
    gazetteer
        A :class:`regionkit.Gazetteer`; None: the current one.

    Returns
    -------
    pandas.DataFrame
        The mentions plus expanded rows: same columns, ``kind = "member"`` is NOT
        used; expanded rows keep the group's kind and offsets, carry the member's
        ``iso3``/``country``, and have ``expanded_from`` set to the group id
        (``<NA>`` on original rows). Groups without a membership list stay as they are.
    """
    import pandas as pd

    gaz = resolve_gazetteer(gazetteer)
    out = mentions.copy()
    out["expanded_from"] = pd.array([None] * len(out), dtype=pd.StringDtype())
    known = set(_memberships(gaz)["group_id"])
    dates: dict[str, Any] = {}
    if articles is not None and "date" in articles.columns:
        dates = dict(zip(articles["article_id"].astype(str), articles["date"]))
    rows = []
    sel = mentions[mentions["kind"].isin(["group", "organisation"]) & mentions["group"].isin(list(known))]
    for _, row in sel.iterrows():
        when = as_of
        if when is None and date_column:
            when = row[date_column]
        if when is None:
            when = dates.get(str(row["article_id"]))
        if when is not None and pd.isna(when):
            when = None
        for code in group_members(row["group"], when, gazetteer=gaz):
            new = row.to_dict()
            new.update(iso3=code, country=gaz.names.get(code), expanded_from=row["group"])
            rows.append(new)
    if rows:
        out = pd.concat([out, pd.DataFrame(rows).astype(out.dtypes.to_dict())], ignore_index=True)
    return out
