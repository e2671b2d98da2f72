"""The alias table: every surface form regionkit knows, with its ISO3 code, kind and source.

Built once per process from the CSV tables in ``data/gazetteer/`` (see
``data/README.md``) and cached; users extend it with :func:`add_aliases` and
:func:`add_groups` without editing the package.

Tables (one fact per row, each with a ``source``):

=====================  ===========================================================
``countries.csv``      ISO 3166-1 (pycountry) plus Kosovo: codes and display name
``generated.csv``      names, demonyms and capitals from pycountry/world-countries
``aliases.csv``        curated names and abbreviations (US, U.K., Holland, ...)
``demonyms.csv``       curated adjectives and nouns (Kazakh, Emirati, Saudi, ...)
``capitals.csv``       curated capitals and seats of government
``metonyms.csv``       the Kremlin, the White House, Downing Street, ...
``places.csv``         places standing for a country (Gaza, Karabakh, US states)
``groups.csv``         regions and groupings (Central Asia, South Caucasus, ...)
``organisations.csv``  EU, UN, NATO, CSTO, ...
``historical.csv``     Soviet Union, Yugoslavia, Ottoman Empire, ...
``people.csv``         leaders the package knows (never count as the country)
``blockers.csv``       phrases that contain a country word but mean something else
=====================  ===========================================================
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regionkit._resources import data_path

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["gazetteer", "add_aliases", "add_groups", "reset_gazetteer", "fold", "Gazetteer", "Entry"]

#: file name -> kind of its rows (generated.csv carries its own kind column)
TABLES = {
    "aliases.csv": "name",
    "demonyms.csv": "demonym",
    "capitals.csv": "capital",
    "metonyms.csv": "metonym",
    "places.csv": "place",
    "groups.csv": "group",
    "organisations.csv": "organisation",
    "historical.csv": "historical",
    "people.csv": "person",
    "blockers.csv": "blocker",
}
KIND_PRIORITY = {"blocker": 0, "name": 1, "demonym": 2, "capital": 3, "metonym": 4, "place": 5,
                 "organisation": 6, "group": 7, "historical": 8, "person": 9}
ALL_KINDS = tuple(KIND_PRIORITY)

# Length-preserving folding: same length in and out, so offsets stay valid.
_FOLD_CHARS = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " ", "\n": " ", "\r": " ",
}
_FOLD_TABLE = str.maketrans(_FOLD_CHARS)


def fold(text: str) -> str:
    """Lower-case ``text`` and unify quotes, dashes and spaces, keeping its length.

    Parameters
    ----------
    text
        Any string.

    Returns
    -------
    str
        A string of the same length, so an offset into it is an offset into ``text``.
    """
    low = text.lower()
    if len(low) != len(text):  # 'İ' and a few others lower-case to two characters
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for src, dst in _FOLD_CHARS.items():
        if src in low:
            low = low.replace(src, dst)
    return low


@dataclass(frozen=True)
class Entry:
    """One surface form: what it refers to and how strictly its case must match."""

    surface: str
    iso3: str | None
    kind: str
    group: str | None
    case: str  # "exact" (US, EU), "title" (first letter upper or all caps), "any"
    source: str

    def case_ok(self, found: str) -> bool:
        """Return True when ``found`` (the text as written) has acceptable case for this entry."""
        if self.case == "any":
            return True
        found_f = found.translate(_FOLD_TABLE)
        surface_f = self.surface.translate(_FOLD_TABLE)
        if self.case == "exact":
            if found_f == surface_f:
                return True
            # 'the States' / 'The States': only the first letter may differ, and only for long forms
            return len(surface_f) > 4 and found_f[1:] == surface_f[1:] and found_f[0].lower() == surface_f[0].lower()
        letters = [c for c in found if c.isalpha()]
        if not letters:
            return False
        if found.isupper():
            return True
        first = next(c for c in found if c.isalpha())
        return first.isupper() and _words_capitalised(found_f, found, surface_f, self.surface)


def _words_capitalised(found_f: str, found: str, surface_f: str, surface: str) -> bool:
    """Every word capitalised in the alias must be capitalised in the text ('United states' fails)."""
    for i, (a, b) in enumerate(zip(found, surface)):
        if b.isupper() and not a.isupper() and (i == 0 or not surface[i - 1].isalpha()):
            return False
    return True


@dataclass
class Gazetteer:
    """The compiled alias table: entries by folded key, an Aho-Corasick automaton, names by ISO3."""

    table: Any  # pandas DataFrame of all rows
    by_key: dict[str, tuple[Entry, ...]]
    names: dict[str, str]  # iso3 -> display name
    countries: Any  # DataFrame from countries.csv
    max_len: int
    _automaton: Any = field(default=None, repr=False)
    #: memo of (key, surface as written) -> accepted Entry or None; lives and dies with this gazetteer
    case_cache: dict = field(default_factory=dict, repr=False)

    @property
    def automaton(self) -> Any:
        """The pyahocorasick automaton over the folded keys (built on first use)."""
        if self._automaton is None:
            import ahocorasick

            auto = ahocorasick.Automaton()
            for key in self.by_key:
                auto.add_word(key, key)
            auto.make_automaton()
            self._automaton = auto
        return self._automaton


_LOCK = threading.Lock()
_CACHE: dict[str, Gazetteer] = {}
_USER_ROWS: list[dict[str, Any]] = []


def _read_tables() -> pd.DataFrame:
    import pandas as pd

    root = data_path("gazetteer")
    frames = []
    gen = pd.read_csv(root / "generated.csv", dtype=str, keep_default_na=False)
    gen["group"] = ""
    frames.append(gen)
    for fname, kind in TABLES.items():
        df = pd.read_csv(root / fname, dtype=str, keep_default_na=False)
        df["kind"] = kind
        for col in ("iso3", "group"):
            if col not in df:
                df[col] = ""
        frames.append(df)
    if _USER_ROWS:
        frames.append(pd.DataFrame(_USER_ROWS).astype(str))
    table = pd.concat(frames, ignore_index=True)[["surface", "iso3", "kind", "group", "case", "source"]]
    table = table[table["surface"].str.len() > 0]
    return table.reset_index(drop=True)


def gazetteer() -> Gazetteer:
    """Return the cached, compiled gazetteer (built on first call, then reused).

    Returns
    -------
    Gazetteer
        ``.table`` is a DataFrame with one row per surface form (``surface, iso3,
        kind, group, case, source``); ``.names`` maps ISO3 to the display name.
    """
    gaz = _CACHE.get("default")
    if gaz is not None:
        return gaz
    with _LOCK:
        gaz = _CACHE.get("default")
        if gaz is None:
            gaz = _build()
            _CACHE["default"] = gaz
    return gaz


def _build() -> Gazetteer:
    import pandas as pd

    table = _read_tables()
    countries = pd.read_csv(data_path("gazetteer", "countries.csv"), dtype=str, keep_default_na=False)
    names = dict(zip(countries["iso3"], countries["name"]))
    by_key: dict[str, list[Entry]] = {}
    seen: set[tuple] = set()
    # user rows last in the table but first in priority: they override shipped rows
    order = sorted(range(len(table)), key=lambda i: (table.at[i, "source"] != "user", KIND_PRIORITY.get(table.at[i, "kind"], 99)))
    for i in order:
        row = table.iloc[i]
        entry = Entry(
            surface=row["surface"],
            iso3=row["iso3"] or None,
            kind=row["kind"],
            group=row["group"] or None,
            case=row["case"] or "title",
            source=row["source"],
        )
        key = fold(entry.surface)
        ident = (key, entry.case, entry.surface if entry.case == "exact" else "")
        if ident in seen:
            continue
        seen.add(ident)
        by_key.setdefault(key, []).append(entry)
    frozen = {k: tuple(v) for k, v in by_key.items()}
    return Gazetteer(table=table, by_key=frozen, names=names, countries=countries, max_len=max(map(len, frozen)))


def reset_gazetteer() -> None:
    """Forget user additions (aliases and groups) and rebuild from the shipped tables on next use."""
    with _LOCK:
        _USER_ROWS.clear()
        _CACHE.clear()
    _clear_dependents()
    from regionkit import groups

    with groups._LOCK:
        groups._USER.clear()


def _clear_dependents() -> None:
    import sys

    norm = sys.modules.get("regionkit.normalize")
    if norm is not None:
        norm._index.cache_clear()


def add_aliases(aliases: dict[str, str] | str | Path | pd.DataFrame, *, kind: str = "name", case: str = "title") -> int:
    """Add user aliases to the gazetteer (they take priority over shipped rows).

    Parameters
    ----------
    aliases
        A dict ``{surface: iso3_or_name}``, a CSV path or a DataFrame with columns
        ``surface`` and ``iso3`` (optional ``kind``, ``group``, ``case``, ``source``).
    kind
        Kind for rows that do not give one: one of name, demonym, capital, metonym,
        place, person, group, organisation, historical, blocker.
    case
        ``title`` (first letter upper case, or all caps), ``exact`` or ``any``.

    Returns
    -------
    int
        The number of rows added.
    """
    import pandas as pd

    from regionkit.normalize import normalize

    if isinstance(aliases, dict):
        df = pd.DataFrame({"surface": list(aliases), "iso3": list(aliases.values())})
    elif isinstance(aliases, (str, Path)):
        path = Path(aliases)
        if not path.exists():
            raise FileNotFoundError(f"alias file not found: {path}")
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    elif isinstance(aliases, pd.DataFrame):
        df = aliases.astype(str)
    else:
        raise TypeError(f"aliases must be a dict, a CSV path or a DataFrame, not {type(aliases).__name__}")
    if "surface" not in df:
        raise ValueError(f"alias table needs a 'surface' column; it has {list(df.columns)}")
    df = df.copy()
    for col, default in (("iso3", ""), ("kind", kind), ("group", ""), ("case", case), ("source", "user")):
        if col not in df:
            df[col] = default
    bad_kind = sorted(set(df["kind"]) - set(ALL_KINDS))
    if bad_kind:
        raise ValueError(f"unknown kind {bad_kind}; use one of {', '.join(ALL_KINDS)}")
    bad_case = sorted(set(df["case"]) - {"exact", "title", "any"})
    if bad_case:
        raise ValueError(f"unknown case rule {bad_case}; use exact, title or any")
    codes = []
    for value, k in zip(df["iso3"], df["kind"]):
        if not value or k in {"group", "organisation", "historical", "blocker"}:
            codes.append("")
            continue
        code = normalize(value)
        if code is None:
            raise ValueError(f"alias target {value!r} is not a known country (give an ISO3 code or a country name)")
        codes.append(code)
    df["iso3"] = codes
    df["source"] = "user"
    with _LOCK:
        _USER_ROWS.extend(df[["surface", "iso3", "kind", "group", "case", "source"]].to_dict("records"))
        _CACHE.clear()
    _clear_dependents()
    return len(df)


def add_groups(groups: dict[str, list[str]] | str | Path | pd.DataFrame, *, aliases: dict[str, str] | None = None) -> int:
    """Add user groups (members, optionally dated) and the words that name them.

    Parameters
    ----------
    groups
        ``{group_id: [iso3 or name, ...]}``, or a CSV/DataFrame with columns
        ``group_id, iso3`` and optional ``group_name, member_since, member_until``.
    aliases
        ``{surface: group_id}``: words that name the group in text (kind ``group``).

    Returns
    -------
    int
        The number of membership rows added.
    """
    from regionkit.groups import _add_user_members

    n = _add_user_members(groups)
    if aliases:
        import pandas as pd

        add_aliases(pd.DataFrame({"surface": list(aliases), "group": list(aliases.values()), "kind": "group"}))
    return n
