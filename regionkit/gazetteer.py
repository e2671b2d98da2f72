"""The gazetteer as a value: every table regionkit matches and resolves against.

A :class:`Gazetteer` holds the tables (one fact per row, each with a ``source``)
and compiles what the extractor needs from them on first use. It never changes:
:meth:`~Gazetteer.with_aliases`, :meth:`~Gazetteer.with_groups`,
:meth:`~Gazetteer.with_blockers` and :meth:`~Gazetteer.with_people` return a new
value, :meth:`~Gazetteer.to_disk` / :meth:`Gazetteer.from_disk` write and read a
folder of the same CSVs. Every step takes ``gazetteer=``.

>>> import regionkit as rk
>>> g = rk.default_gazetteer().with_aliases({"Middle Kingdom": "CHN"})
>>> rk.extract_mentions("The Middle Kingdom replied.", gazetteer=g)["iso3"].tolist()
['CHN']
>>> rk.extract_mentions("The Middle Kingdom replied.")["iso3"].tolist()
[]

Tables (file names in ``data/gazetteer/`` and in a :meth:`~Gazetteer.to_disk` folder):

=====================  ===========================================================
``countries.csv``      ISO 3166-1 (pycountry) plus Kosovo: codes and display name
``generated.csv``      names, demonyms and capitals from pycountry/world-countries
``aliases.csv``        curated names and abbreviations (US, U.K., Holland, ...)
``demonyms.csv``       curated adjectives and nouns (Kazakh, Emirati, Saudi, ...)
``capitals.csv``       curated capitals and seats of government
``metonyms.csv``       the Kremlin, the White House, Downing Street, ...
``places.csv``         places standing for a country (Gaza, Karabakh, US states)
``groups.csv``         words naming regions and groupings (Central Asia, ...)
``organisations.csv``  EU, UN, NATO, CSTO, ...
``historical.csv``     Soviet Union, Yugoslavia, Ottoman Empire, ...
``people.csv``         leaders the package knows (never count as the country)
``blockers.csv``       phrases that contain a country word but mean something else
``memberships.csv``    dated group memberships (shipped as ``data/reference/groups.csv``)
``rules/*.csv``        the word lists the context rules read (:mod:`regionkit.rules`)
``lang/*.csv``         names in the region's languages, exonyms and traps (:mod:`regionkit.lang`)
other ``*.csv``        tables that rules read (``admin_areas.csv``, ``given_names.csv``, ...)
=====================  ===========================================================

The process-wide *current* gazetteer is what ``gazetteer=None`` means everywhere.
It is the default one until :func:`add_aliases` or :func:`add_groups` replace it
by an extended value; :func:`reset_gazetteer` goes back to the default. These
three functions are a convenience layer for notebooks; code that wants to be
explicit passes a :class:`Gazetteer`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from regionkit import _names
from regionkit._entry import Entry, fold
from regionkit._errors import InputFileError, MissingInputError, SchemaError
from regionkit._resources import data_path
from regionkit._usertables import ALIAS_COLUMNS, ALL_KINDS, alias_rows, as_frame, membership_rows, native_rows

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Gazetteer", "default_gazetteer", "current_gazetteer", "resolve_gazetteer", "using_gazetteer", "gazetteer",
           "add_aliases", "add_groups", "reset_gazetteer", "fold", "Entry", "TABLES", "ALL_KINDS"]

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
FILE_OF_KIND = {kind: name for name, kind in TABLES.items()}
KIND_PRIORITY = {kind: i for i, kind in enumerate(ALL_KINDS)}
MEMBERSHIPS = "memberships.csv"
_REQUIRED = ("countries.csv",)
#: compiles per gazetteer fingerprint in this process (lets tests check that workers compile once)
COMPILED: dict[str, int] = {}
#: values received by unpickling in this process, by fingerprint (newest last), whose compiled parts are shared
_RECEIVED: dict[str, Gazetteer] = {}
_RECEIVED_MAX = 4
_RECEIVED_LOCK = threading.Lock()


class Gazetteer:
    """An immutable set of gazetteer tables, compiled for matching on first use.

    Build one with :func:`default_gazetteer`, :meth:`from_disk` or the ``with_*``
    methods; do not modify the frames in :attr:`tables` (they are shared).

    Parameters
    ----------
    tables
        ``{file name: DataFrame of str}``, names as in the module docstring
        (``countries.csv`` is required).
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame]) -> None:
        missing = [name for name in _REQUIRED if name not in tables]
        if missing:
            raise InputFileError(f"a gazetteer needs the tables {missing}; it has {sorted(tables)}")
        self._tables = MappingProxyType(dict(sorted(tables.items())))
        self._lock = threading.RLock()
        self._memo: dict[Any, Any] = {}
        #: memo of (key, surface as written) -> accepted Entry or None; lives and dies with this value
        self.case_cache: dict = {}

    # ------------------------------------------------------------ the value
    @property
    def tables(self) -> Mapping[str, pd.DataFrame]:
        """The raw tables, read-only: ``{file name: DataFrame}``."""
        return self._tables

    @property
    def fingerprint(self) -> str:
        """A SHA-1 of every table's CSV text: equal fingerprints, equal gazetteers."""
        def build() -> str:
            import hashlib

            digest = hashlib.sha1()
            for name, df in self._tables.items():
                digest.update(name.encode() + b"\0" + df.to_csv(index=False).encode("utf-8", "surrogatepass"))
            return digest.hexdigest()
        return self.memo("fingerprint", build)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Gazetteer):
            return NotImplemented
        return other is self or other.fingerprint == self.fingerprint

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    def __repr__(self) -> str:
        user = sum(int((df["source"] == "user").sum()) for df in self._tables.values() if "source" in df)
        return f"<Gazetteer {len(self.table)} surface forms, {user} user rows, {self.fingerprint[:10]}>"

    def __dask_tokenize__(self) -> tuple[str, str]:
        return ("regionkit.Gazetteer", self.fingerprint)

    def __getstate__(self) -> dict:
        # compiled parts are rebuilt where the value lands; the fingerprint travels so that a process
        # receiving the same value twice (a Dask worker fetching it again) shares one compiled copy
        return {"tables": dict(self._tables), "fingerprint": self.fingerprint}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["tables"])  # type: ignore[misc]
        fp = state.get("fingerprint")
        if not fp:
            return
        with _RECEIVED_LOCK:
            twin = _RECEIVED.get(fp)
            if twin is None:
                self._memo["fingerprint"] = fp
                _RECEIVED[fp] = self
                while len(_RECEIVED) > _RECEIVED_MAX:  # keep the newest few: memory stays bounded
                    _RECEIVED.pop(next(iter(_RECEIVED)))
            else:  # equal tables: share the compiled parts, the case memo and their lock
                self._memo, self.case_cache, self._lock = twin._memo, twin.case_cache, twin._lock

    def memo(self, key: Any, build: Callable[[], Any]) -> Any:
        """Return ``build()``, computed once per value (thread-safe); for steps that derive tables."""
        try:
            return self._memo[key]
        except KeyError:
            pass
        with self._lock:
            if key not in self._memo:
                self._memo[key] = build()
            return self._memo[key]

    def words(self, name: str) -> frozenset[str]:
        """The word list ``rules/<name>.csv`` (column ``word``) as a frozenset; empty when absent."""
        def build() -> frozenset[str]:
            df = self._tables.get(f"rules/{name}.csv")
            return frozenset() if df is None else frozenset(w for w in df["word"] if w)
        return self.memo(("words", name), build)

    # ------------------------------------------------------------ compiled
    @property
    def table(self) -> pd.DataFrame:
        """Every surface form: ``surface, iso3, kind, group, case, source`` (one row per table row)."""
        return self.memo("table", self._alias_table)

    @property
    def by_key(self) -> dict[str, tuple[Entry, ...]]:
        """Folded surface -> the entries for it, in priority order (user rows first)."""
        return self.memo("by_key", self._compile)

    @property
    def max_len(self) -> int:
        """Length of the longest folded key."""
        return max(map(len, self.by_key))

    @property
    def countries(self) -> pd.DataFrame:
        """The countries table (``iso3, iso2, numeric, name, official_name, source``)."""
        return self._tables["countries.csv"]

    @property
    def names(self) -> dict[str, str]:
        """ISO3 -> short display name."""
        return self.memo("names", lambda: dict(zip(self.countries["iso3"], self.countries["name"])))

    @property
    def memberships(self) -> pd.DataFrame:
        """The raw membership rows (``group_id, group_name, iso3, member_since, ...``)."""
        import pandas as pd

        df = self._tables.get(MEMBERSHIPS)
        return df if df is not None else pd.DataFrame(columns=["group_id", "group_name", "iso3", "member_since"])

    @property
    def automaton(self) -> Any:
        """The pyahocorasick automaton over the folded keys (built on first use)."""
        def build() -> Any:
            import ahocorasick

            auto = ahocorasick.Automaton()
            for key in self.by_key:
                auto.add_word(key, key)
            auto.make_automaton()
            COMPILED[self.fingerprint] = COMPILED.get(self.fingerprint, 0) + 1
            return auto
        return self.memo("automaton", build)

    def resolve(self, value: Any, *, demonyms: bool = False) -> str | None:
        """ISO3 code of a country name, alias or code in this gazetteer (None when unknown)."""
        return _names.lookup(self.name_index(demonyms), value)

    def name_index(self, demonyms: bool = False) -> _names.NameIndex:
        """The exact-match index :func:`regionkit.normalize` uses (built once per value)."""
        def build() -> _names.NameIndex:
            table = self.table
            kinds = {"name", "demonym"} if demonyms else {"name"}
            rows = table[table["kind"].isin(kinds) & (table["iso3"] != "")]
            pairs = list(zip(rows["surface"], rows["iso3"]))
            for name, df in self._tables.items():  # norm_*.csv: World Bank/UN forms, exonyms, former names
                if name.startswith("norm_") and {"surface", "iso3"} <= set(df.columns):
                    pairs += [(a, b) for a, b in zip(df["surface"], df["iso3"]) if a and b]
            return _names.build_index(pairs, self.countries, _names.qualifier_blocklist(self._tables))
        return self.memo(("names", demonyms), build)

    def _alias_table(self) -> pd.DataFrame:
        import pandas as pd

        frames = []
        gen = self._tables.get("generated.csv")
        if gen is not None:
            frames.append(gen.assign(group=""))
        for fname, kind in TABLES.items():
            df = self._tables.get(fname)
            if df is None:
                continue
            df = df.assign(kind=kind)
            for col in ("iso3", "group"):
                if col not in df:
                    df[col] = ""
            frames.append(df)
        if not frames:
            return pd.DataFrame(columns=list(ALIAS_COLUMNS), dtype=object)
        table = pd.concat(frames, ignore_index=True)[list(ALIAS_COLUMNS)]
        table = table[table["surface"].str.len() > 0]
        return table.reset_index(drop=True)

    def _compile(self) -> dict[str, tuple[Entry, ...]]:
        table = self.table
        by_key: dict[str, list[Entry]] = {}
        seen: set[tuple] = set()
        # user rows first in priority: they override shipped rows; then by kind (a blocker beats a name)
        user = (table["source"] != "user").tolist()
        prio = [KIND_PRIORITY.get(k, 99) for k in table["kind"]]
        order = sorted(range(len(table)), key=lambda i: (user[i], prio[i]))
        cols = [table[c].tolist() for c in ALIAS_COLUMNS]
        for i in order:
            surface, iso3, kind, group, case, source = (c[i] for c in cols)
            entry = Entry(surface=surface, iso3=iso3 or None, kind=kind, group=group or None, case=case or "title",
                          source=source)
            key = fold(surface)
            ident = (key, entry.case, surface if entry.case == "exact" else "")
            if ident in seen:
                continue
            seen.add(ident)
            by_key.setdefault(key, []).append(entry)
        return {k: tuple(v) for k, v in by_key.items()}

    # ------------------------------------------------------------ new values
    def _with_rows(self, parts: Mapping[str, pd.DataFrame]) -> Gazetteer:
        """A new value with ``parts[name]`` appended to table ``name`` (missing cells become "")."""
        import pandas as pd

        tables = dict(self._tables)
        for name, part in parts.items():
            old = tables.get(name)
            tables[name] = part.reset_index(drop=True) if old is None else pd.concat(
                [old, part], ignore_index=True).fillna("")
        return Gazetteer(tables)

    def with_aliases(self, aliases: dict[str, str] | str | Path | pd.DataFrame, *, kind: str = "name",
                     case: str = "title") -> Gazetteer:
        """Return a new gazetteer with user aliases added (they take priority over shipped rows).

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
        Gazetteer
            A new value; ``self`` is unchanged.

        Raises
        ------
        regionkit.UnknownCountryError
            When a target is not a known country.
        regionkit.SchemaError
            When the table lacks ``surface`` or has an unknown kind or case rule.
        """
        df = as_frame(aliases, "alias", dict_columns=("surface", "iso3"))
        rows = alias_rows(df, kind=kind, case=case, resolve=self.resolve)
        # each kind has its file (the kind is implied by it); input order is kept within a kind
        return self._with_rows({FILE_OF_KIND[k]: part.drop(columns="kind")
                                for k, part in rows.groupby("kind", sort=False)})

    def with_blockers(self, blockers: list[str] | dict[str, str] | str | Path | pd.DataFrame, *,
                      case: str = "title") -> Gazetteer:
        """Return a new gazetteer where these phrases produce no mention (and hide the country words in them).

        Parameters
        ----------
        blockers
            A list of phrases, a dict ``{phrase: note}``, a CSV path or a DataFrame with ``surface``.
        case
            Case rule for rows that do not give one.
        """
        df = as_frame(blockers, "blocker", dict_columns=("surface", "note"), list_column="surface")
        return self.with_aliases(df.assign(kind="blocker", iso3=""), case=case)

    def with_people(self, people: dict[str, str] | str | Path | pd.DataFrame, *, case: str = "title") -> Gazetteer:
        """Return a new gazetteer that knows these people (kind ``person``; they never count as their country).

        Parameters
        ----------
        people
            A dict ``{name: iso3_or_country}``, a CSV path or a DataFrame with ``surface, iso3``
            (other columns, such as office dates, are kept in ``people.csv``).
        case
            Case rule for rows that do not give one.
        """
        df = as_frame(people, "people", dict_columns=("surface", "iso3"))
        return self.with_aliases(df.assign(kind="person"), case=case)

    def with_groups(self, groups: dict[str, list[str]] | str | Path | pd.DataFrame, *,
                    aliases: dict[str, str] | None = None) -> Gazetteer:
        """Return a new gazetteer with user groups (members, optionally dated) and the words that name them.

        Parameters
        ----------
        groups
            ``{group_id: [iso3 or name, ...]}``, or a CSV/DataFrame with columns
            ``group_id, iso3`` and optional ``group_name, member_since, member_until``.
        aliases
            ``{surface: group_id}``: words that name the group in text (kind ``group``).

        Returns
        -------
        Gazetteer
            A new value; ``self`` is unchanged.
        """
        import pandas as pd

        if isinstance(groups, dict):
            df = pd.DataFrame([{"group_id": str(g), "iso3": str(m)} for g, ms in groups.items() for m in ms],
                              columns=["group_id", "iso3"])
        else:
            df = as_frame(groups, "group", dict_columns=("group_id", "iso3"))
        rows = membership_rows(df, resolve=self.resolve)
        out = self._with_rows({MEMBERSHIPS: rows})
        if aliases:
            out = out.with_aliases(pd.DataFrame({"surface": list(aliases), "group": list(aliases.values()),
                                                 "kind": "group"}))
        return out

    def with_words(self, name: str, words: list[str] | str | Path | pd.DataFrame, *, replace: bool = False) -> Gazetteer:
        """Return a new gazetteer whose rule word list ``name`` (``rules/<name>.csv``) has these words.

        Parameters
        ----------
        name
            A word list a rule reads (see ``rk.rules()``: each rule names its lists).
        words
            Words (a list, a CSV path or a DataFrame with a ``word`` column).
        replace
            Replace the list instead of adding to it.
        """
        df = as_frame(words, "word", dict_columns=("word", "source"), list_column="word")
        if "word" not in df:
            raise SchemaError(f"a word list needs a 'word' column; it has {list(df.columns)}")
        if "source" not in df:
            df["source"] = "user"
        key = f"rules/{name}.csv"
        if replace or key not in self._tables:
            tables = dict(self._tables)
            tables[key] = df[["word", "source"]].reset_index(drop=True)
            return Gazetteer(tables)
        return self._with_rows({key: df[["word", "source"]]})

    def with_native_names(self, names: dict[str, str] | str | Path | pd.DataFrame, *, lang: str | None = None,
                          kind: str = "name") -> Gazetteer:
        """Return a new gazetteer that knows these names in one of the region's languages (``lang/curated.csv``).

        Parameters
        ----------
        names
            ``{surface: iso3_or_name}``, or a CSV path / DataFrame with ``surface, iso3`` (optional
            ``lang``, ``kind``, ``group``, ``source``, ``note``).
        lang
            ISO 639-1 code for rows without one (a language of ``regionkit.lang.LANGUAGES`` other than ``en``).
        kind
            Kind for rows without one (``name``, ``demonym``, ``capital``, ``metonym``, ``place``, ...).

        Returns
        -------
        Gazetteer
            A new value: the article scan of that language and :func:`regionkit.normalize` know the names.
        """
        df = as_frame(names, "native name", dict_columns=("surface", "iso3"))
        return self._with_rows({"lang/curated.csv": native_rows(df, lang=lang, kind=kind, resolve=self.resolve)})

    # ------------------------------------------------------------ disk
    def to_disk(self, folder: str | Path) -> Path:
        """Write every table as a CSV into ``folder`` (created); :meth:`from_disk` reads it back.

        Returns
        -------
        pathlib.Path
            The folder.
        """
        root = Path(folder)
        for name, df in self._tables.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            df.to_csv(path, index=False, lineterminator="\n")
        return root

    @classmethod
    def from_disk(cls, folder: str | Path) -> Gazetteer:
        """Read a gazetteer folder (as written by :meth:`to_disk`: ``countries.csv`` and the other tables).

        Raises
        ------
        regionkit.MissingInputError
            When the folder does not exist.
        regionkit.InputFileError
            When it lacks ``countries.csv``.
        """
        root = Path(folder)
        if not root.is_dir():
            raise MissingInputError(f"gazetteer folder not found: {root}", path=root)
        return cls(dict(_read_folder(root)))


def _read_csv(path: Path) -> pd.DataFrame:
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _read_folder(root: Path) -> Iterator[tuple[str, pd.DataFrame]]:
    # every table travels with the value: the alias tables above, and those that rules read
    # (admin_areas.csv, given_names.csv, ...: see regionkit.rules)
    for path in sorted(root.glob("*.csv")):
        yield path.name, _read_csv(path)
    for path in sorted(root.glob("rules/*.csv")):
        yield f"rules/{path.name}", _read_csv(path)
    for path in sorted(root.glob("lang/*.csv")):  # the region's languages (regionkit.lang)
        yield f"lang/{path.name}", _read_csv(path)


# ---------------------------------------------------------------- the default and the current value
_LOCK = threading.RLock()  # re-entrant: _replace_current builds the default under it
_DEFAULT: list[Gazetteer] = []
_CURRENT: list[Gazetteer] = []
_OVERRIDE: ContextVar[Gazetteer | None] = ContextVar("regionkit_gazetteer", default=None)


def default_gazetteer() -> Gazetteer:
    """Return the gazetteer shipped with regionkit (read once per process, then shared; thread-safe).

    Returns
    -------
    Gazetteer
        The tables of ``data/gazetteer/`` and the memberships of ``data/reference/groups.csv``.
    """
    if _DEFAULT:
        return _DEFAULT[0]
    with _LOCK:
        if not _DEFAULT:
            tables = dict(_read_folder(data_path("gazetteer")))
            tables[MEMBERSHIPS] = _read_csv(data_path("reference", "groups.csv"))
            _DEFAULT.append(Gazetteer(tables))
    return _DEFAULT[0]


def current_gazetteer() -> Gazetteer:
    """Return the current gazetteer: the one of an enclosing :func:`using_gazetteer` block, else the
    process-wide one (the default, plus what :func:`add_aliases`/:func:`add_groups` added)."""
    override = _OVERRIDE.get()
    if override is not None:
        return override
    return _CURRENT[0] if _CURRENT else default_gazetteer()


@contextmanager
def using_gazetteer(gazetteer: Gazetteer | str | Path | None) -> Iterator[Gazetteer]:
    """Within the ``with`` block (this thread or task only), ``gazetteer=None`` means ``gazetteer``.

    >>> g = default_gazetteer().with_aliases({"Middle Kingdom": "CHN"})
    >>> with using_gazetteer(g):
    ...     print(current_gazetteer() is g)
    True
    """
    gaz = resolve_gazetteer(gazetteer)
    token = _OVERRIDE.set(gaz)
    try:
        yield gaz
    finally:
        _OVERRIDE.reset(token)


def resolve_gazetteer(gazetteer: Gazetteer | str | Path | None) -> Gazetteer:
    """``gazetteer=`` as every step takes it: a :class:`Gazetteer`, a folder (:meth:`Gazetteer.from_disk`) or None (current)."""
    if gazetteer is None:
        return current_gazetteer()
    if isinstance(gazetteer, Gazetteer):
        return gazetteer
    if isinstance(gazetteer, (str, Path)):
        return Gazetteer.from_disk(gazetteer)
    raise TypeError(f"gazetteer must be a regionkit.Gazetteer, a folder path or None, not {type(gazetteer).__name__}")


def gazetteer() -> Gazetteer:
    """Return the current gazetteer (kept for older code; prefer :func:`current_gazetteer`)."""
    return current_gazetteer()


def _replace_current(change: Callable[[Gazetteer], Gazetteer]) -> None:
    with _LOCK:
        new = change(_CURRENT[0] if _CURRENT else default_gazetteer())
        _CURRENT[:] = [new]


def reset_gazetteer() -> None:
    """Forget what :func:`add_aliases` and :func:`add_groups` added: the current gazetteer is the default again."""
    with _LOCK:
        _CURRENT.clear()


def add_aliases(aliases: dict[str, str] | str | Path | pd.DataFrame, *, kind: str = "name", case: str = "title") -> int:
    """Add user aliases to the process-wide current gazetteer (see :meth:`Gazetteer.with_aliases`).

    Every later call with ``gazetteer=None`` uses them, until :func:`reset_gazetteer`.

    Returns
    -------
    int
        The number of rows added.
    """
    df = as_frame(aliases, "alias", dict_columns=("surface", "iso3"))
    _replace_current(lambda g: g.with_aliases(df, kind=kind, case=case))
    return len(df)


def add_groups(groups: dict[str, list[str]] | str | Path | pd.DataFrame, *, aliases: dict[str, str] | None = None) -> int:
    """Add user groups to the process-wide current gazetteer (see :meth:`Gazetteer.with_groups`).

    Returns
    -------
    int
        The number of membership rows added.
    """
    before = len(current_gazetteer().memberships)
    _replace_current(lambda g: g.with_groups(groups, aliases=aliases))
    return len(current_gazetteer().memberships) - before
