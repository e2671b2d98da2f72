"""Turn what a user passes (a dict, a list, a CSV path or a DataFrame) into gazetteer rows.

Used by :meth:`regionkit.Gazetteer.with_aliases` and its siblings; every function
returns a DataFrame of strings and raises :class:`regionkit.RegionkitError`
subclasses on bad input (``TypeError`` for a wrong type of argument).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regionkit._errors import MissingInputError, SchemaError, UnknownCountryError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["as_frame", "alias_rows", "membership_rows", "ALIAS_COLUMNS", "MEMBERSHIP_COLUMNS", "ALL_KINDS"]

ALIAS_COLUMNS = ("surface", "iso3", "kind", "group", "case", "source")
MEMBERSHIP_COLUMNS = ("group_id", "group_name", "iso3", "member_since", "member_until", "source_url", "notes")
#: every kind a gazetteer row can have, in match priority order (a blocker beats a name on the same key)
ALL_KINDS = ("blocker", "name", "demonym", "capital", "metonym", "place", "organisation", "group", "historical",
             "person")
#: kinds whose rows carry no country code
CODELESS_KINDS = frozenset({"group", "organisation", "historical", "blocker"})
_NEEDS_CODE = frozenset({"name", "demonym", "capital", "metonym", "place"})  # a country word must name one


def as_frame(value: Any, what: str, *, dict_columns: tuple[str, str], list_column: str | None = None) -> pd.DataFrame:
    """A dict (two columns), a list of str (one column), a CSV path or a DataFrame -> DataFrame of str.

    Parameters
    ----------
    value
        The user's table.
    what
        What it is, for messages ("alias", "group", ...).
    dict_columns
        Column names for the keys and values of a dict.
    list_column
        Column name for a list/tuple/set of strings (None: lists are not accepted).
    """
    import pandas as pd

    if isinstance(value, dict):
        return pd.DataFrame({dict_columns[0]: [str(k) for k in value],
                             dict_columns[1]: ["" if v is None else str(v) for v in value.values()]}, dtype=object)
    if list_column and isinstance(value, (list, tuple, set, frozenset)):
        return pd.DataFrame({list_column: [str(v) for v in value]}, dtype=object)
    if isinstance(value, (str, Path)):
        path = Path(value)
        if not path.is_file():
            raise MissingInputError(f"{what} file not found: {path}", path=path)
        try:
            return pd.read_csv(path, dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            from regionkit._errors import InputFileError

            reason = " ".join(str(exc).split()) if not isinstance(exc, UnicodeDecodeError) else "not valid UTF-8"
            raise InputFileError(f"{what} file {path}: malformed CSV ({reason})", path=path) from None
    if isinstance(value, pd.DataFrame):
        return value.fillna("").astype(str)
    accepted = "a dict, a list of str, a CSV path or a DataFrame" if list_column else "a dict, a CSV path or a DataFrame"
    raise TypeError(f"{what}s must be {accepted}, not {type(value).__name__}")


def alias_rows(df: pd.DataFrame, *, kind: str, case: str, resolve: Callable[[str], str | None]) -> pd.DataFrame:
    """Check and complete alias rows: columns :data:`ALIAS_COLUMNS`, codes resolved, ``source`` = ``user``.

    Parameters
    ----------
    df
        Rows with at least ``surface`` (and usually ``iso3``: a code or a country name).
    kind, case
        Defaults for rows without a ``kind`` / ``case``.
    resolve
        Name or code -> ISO3 (None when unknown).
    """
    if "surface" not in df:
        raise SchemaError(f"alias table needs a 'surface' column; it has {list(df.columns)}")
    df = df.copy()
    for col, default in (("iso3", ""), ("kind", kind), ("group", ""), ("case", case), ("source", "user")):
        if col not in df:
            df[col] = default
    bad_kind = sorted(set(df["kind"]) - set(ALL_KINDS))
    if bad_kind:
        raise SchemaError(f"unknown kind {bad_kind}; use one of {', '.join(ALL_KINDS)}")
    bad_case = sorted(set(df["case"]) - {"exact", "title", "any"})
    if bad_case:
        raise SchemaError(f"unknown case rule {bad_case}; use exact, title or any")
    codes = []
    for surface, value, k in zip(df["surface"], df["iso3"], df["kind"]):
        if not value and k in _NEEDS_CODE:
            raise SchemaError(f"alias {surface!r} has no country: give an ISO3 code or a country name "
                              f"(to make a phrase produce no mention, add it as a blocker)")
        if not value or k in CODELESS_KINDS:
            codes.append("")
            continue
        code = resolve(value)
        if code is None:
            raise UnknownCountryError(f"alias target {value!r} is not a known country (give an ISO3 code or a country name)")
        codes.append(code)
    df["iso3"] = codes
    df["source"] = "user"
    extra = [c for c in df.columns if c not in ALIAS_COLUMNS]
    return df[[*ALIAS_COLUMNS, *extra]].reset_index(drop=True)


def membership_rows(df: pd.DataFrame, *, resolve: Callable[[str], str | None]) -> pd.DataFrame:
    """Check and complete membership rows: columns :data:`MEMBERSHIP_COLUMNS`, members resolved to ISO3."""
    if not {"group_id", "iso3"} <= set(df.columns):
        raise SchemaError(f"group table needs columns group_id and iso3; it has {list(df.columns)}")
    codes = [resolve(v) for v in df["iso3"]]
    unknown = [v for v, c in zip(df["iso3"], codes) if c is None]
    if unknown:
        raise UnknownCountryError(f"unknown countries in group table: {unknown}")
    df = df.assign(iso3=codes)
    for col in MEMBERSHIP_COLUMNS:
        if col not in df:
            df[col] = df["group_id"] if col == "group_name" else ""
    df["source_url"] = df["source_url"].replace("", "user")
    return df[list(MEMBERSHIP_COLUMNS)].reset_index(drop=True)


NATIVE_COLUMNS = ("lang", "surface", "iso3", "kind", "group", "source", "note")


def native_rows(df: pd.DataFrame, *, lang: str | None, kind: str, resolve: Callable[[str], str | None]) -> pd.DataFrame:
    """Rows of ``lang/curated.csv`` (names in the region's languages) from a user's table, checked."""
    from regionkit.lang._morph import SPECS

    df = df.copy()
    if "surface" not in df:
        raise SchemaError(f"a table of native names needs a 'surface' column; it has {list(df.columns)}")
    for col, default in (("lang", lang), ("kind", kind), ("group", ""), ("source", "user"), ("note", ""), ("iso3", "")):
        if col not in df:
            df[col] = default or ""
        elif default:  # fill the empty cells
            df[col] = df[col].where(df[col].astype(str) != "", default)
    bad = sorted({str(x) for x in df["lang"] if x not in SPECS})
    if bad:
        raise SchemaError(f"unknown language {', '.join(map(repr, bad))} for native names; use one of {', '.join(SPECS)}")
    wrong = sorted({str(k) for k in df["kind"] if k not in ALL_KINDS})
    if wrong:
        raise SchemaError(f"unknown kind {', '.join(map(repr, wrong))}; use one of {', '.join(ALL_KINDS)}")
    codes = []
    for value in df["iso3"].astype(str):
        code = resolve(value) if value else ""
        if code is None:
            raise UnknownCountryError(f"unknown country {value!r} for a native name; give an ISO3 code or an English name")
        codes.append(code)
    df["iso3"] = codes
    return df[list(NATIVE_COLUMNS)].astype(str).reset_index(drop=True)
