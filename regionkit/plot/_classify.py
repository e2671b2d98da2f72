"""Values for maps: accepted inputs keyed by ISO3 or names, and their classes (Fisher–Jenks, mapclassify)."""

from __future__ import annotations

import numpy as np
import pandas as pd

_VALUE_TITLES = {
    "articles": "Articles mentioning the country",
    "mentions": "Mentions of the country",
    "share": "Share of articles mentioning the country",
}

_SCHEMES = {
    "fisher_jenks": "FisherJenks",
    "natural_breaks": "NaturalBreaks",
    "quantiles": "Quantiles",
    "equal_interval": "EqualInterval",
    "head_tail_breaks": "HeadTailBreaks",
    "jenks_caspall": "JenksCaspall",
    "max_p": "MaxP",
    "maximum_breaks": "MaximumBreaks",
    "percentiles": "Percentiles",
    "std_mean": "StdMean",
    "user_defined": "UserDefined",
}

def _normalize_keys(keys) -> pd.Series:
    """ISO3 for each key (ISO3 kept as is, names normalised with rk.normalize)."""
    from regionkit.geo import world

    codes = set(world()["iso3"].dropna())
    keys = pd.Series(list(keys), dtype=object)
    out = pd.Series([k.upper() if isinstance(k, str) and k.upper() in codes else None for k in keys], dtype=object)
    todo = out.isna() & keys.notna()
    if todo.any():
        from regionkit.normalize import normalize

        out[todo] = [None if pd.isna(v) else str(v) for v in normalize([str(k) for k in keys[todo]])]
    return out.astype(object).where(out.notna(), None)


def _as_country_table(df: pd.DataFrame) -> pd.DataFrame:
    """A mentions table is counted per country, per-article counts are summed per country; others pass."""
    if {"surface", "kind", "article_id"} <= set(df.columns):  # a mentions table: count it first
        from regionkit.countries import country_counts

        return country_counts(df, by="country")
    if "article_id" in df.columns and "iso3" in df.columns:  # per-article counts: aggregate
        agg = {"articles": ("article_id", "nunique")}
        if "mentions" in df.columns:
            agg["mentions"] = ("mentions", "sum")
        return df.dropna(subset=["iso3"]).groupby("iso3", as_index=False).agg(**agg)
    return df


def _value_column(df: pd.DataFrame, value: str | None) -> str:
    """The column to map: *value*, else articles / mentions / share, else the only numeric column."""
    numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]
    if value is None:
        value = next((c for c in ("articles", "mentions", "share") if c in numeric), None)
        if value == "articles" and "mentions" in numeric and len(df) and df["articles"].max() <= 1:
            value = "mentions"  # a single article: how often each country is named says more
        if value is None:
            if len(numeric) != 1:
                raise ValueError(f"say which column to map with value=; numeric columns: {', '.join(numeric) or 'none'}")
            value = numeric[0]
    if value not in df.columns:
        raise ValueError(f"no column {value!r} to map; numeric columns: {', '.join(map(str, numeric)) or 'none'}")
    if value not in numeric:
        raise ValueError(f"column {value!r} is not numeric; numeric columns: {', '.join(map(str, numeric)) or 'none'}")
    return value


def _values(values, value: str | None) -> tuple[pd.Series, str]:
    """Turn the accepted inputs into a float Series indexed by iso3, and the value's name."""
    if isinstance(values, pd.Series):
        s = pd.to_numeric(values, errors="coerce")
        name = value or (str(values.name) if values.name is not None else "value")
        keys = values.index
    elif isinstance(values, pd.DataFrame):
        df = _as_country_table(values)
        name = _value_column(df, value)
        s = pd.to_numeric(df[name], errors="coerce")
        if "iso3" in df.columns:
            keys = df["iso3"]
        elif "country" in df.columns:
            keys = df["country"]
        else:
            keys = df.index
    else:
        raise TypeError(f"values must be a pandas Series or DataFrame keyed by iso3 or country name, got {type(values).__name__}")
    keys = pd.Series(list(keys), dtype=object)
    iso = _normalize_keys(keys)
    bad = [str(k) for k, i in zip(keys, iso, strict=True) if i is None and k is not None and not pd.isna(k)]
    if bad:
        raise ValueError(f"cannot match {', '.join(map(repr, bad[:5]))} to a country; use ISO3 codes or country names")
    out = pd.Series(np.asarray(s, dtype=float), index=pd.Index(iso, dtype=object))
    out = out[out.index.notna() & np.isfinite(out.to_numpy())]
    if out.index.duplicated().any():
        dups = sorted(set(out.index[out.index.duplicated()]))
        raise ValueError(f"several values for {', '.join(dups[:5])}: give one value per country")
    return out, name


def _is_int(a) -> bool:
    a = np.asarray(a, dtype=float)
    return bool(len(a)) and bool(np.all(np.isclose(a, np.round(a))))


def _fmt(v: float, integer: bool, percent: bool) -> str:
    if percent:
        return f"{v * 100:.0f}%" if v * 100 >= 10 or v == 0 else f"{v * 100:.1g}%"
    if integer:
        n = int(round(v))
        return f"{n:,}" if abs(n) >= 10_000 else str(n)  # 1949 stays a year, 25,000 gets its comma
    return f"{v:.3g}"


def _fisher_jenks(values, k: int) -> np.ndarray:
    """Upper bounds of the optimal *k* classes (Fisher 1958; same result as ``mapclassify.FisherJenks``).

    Exact dynamic programme over the sorted values, O(k n²) with numpy; used for the
    default scheme so the first map does not pay mapclassify's scipy import.
    """
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    k = max(1, min(k, n))
    s1 = np.concatenate([[0.0], np.cumsum(x)])
    s2 = np.concatenate([[0.0], np.cumsum(x * x)])

    def cost(i, j):  # sum of squared deviations of x[i:j+1], vectorised over i
        cnt = j - i + 1
        a = s1[j + 1] - s1[i]
        return (s2[j + 1] - s2[i]) - a * a / cnt

    dp = np.full((k, n), np.inf)
    back = np.zeros((k, n), dtype=int)
    dp[0] = cost(np.zeros(n, dtype=int), np.arange(n))
    for m in range(1, k):
        for j in range(m, n):
            i = np.arange(m, j + 1)  # first index of the last class
            c = dp[m - 1, i - 1] + cost(i, j)
            b = int(np.argmin(c))
            dp[m, j], back[m, j] = c[b], i[b]
    ub, j = [], n - 1
    for m in range(k - 1, -1, -1):
        ub.append(x[j])
        j = back[m, j] - 1
    return np.unique(ub)


def _classify(s: pd.Series, scheme: str | None, k: int, bins, percent: bool):
    """Return (class index per value, upper bounds, legend labels) for the non-zero values."""
    vals = s.to_numpy(dtype=float)
    uniq = np.unique(vals)
    integer = _is_int(vals)
    if bins is not None:
        ub = np.asarray(sorted(bins), dtype=float)
        if ub[-1] < vals.max():
            raise ValueError(f"bins must reach the largest value ({vals.max():g}); last bin is {ub[-1]:g}")
    elif scheme is None and len(uniq) <= k:
        ub = uniq
    elif (scheme or "fisher_jenks").lower().replace("-", "_") in ("fisher_jenks", "fisherjenks"):
        ub = _fisher_jenks(vals, min(k, len(uniq)))
    else:
        import warnings

        import mapclassify

        name = _SCHEMES.get((scheme or "fisher_jenks").lower().replace("-", "_").replace(" ", "_"))
        if name is None and scheme in _SCHEMES.values():
            name = scheme
        if name is None:
            raise ValueError(f"unknown scheme {scheme!r}; valid schemes: {', '.join(_SCHEMES)}")
        if name == "UserDefined":
            raise ValueError("scheme='user_defined' needs bins=[...] (the upper bounds of the classes)")
        kk = min(k, len(uniq))
        kw = {} if name in ("HeadTailBreaks", "StdMean", "MaxP") else {"k": kk}
        with warnings.catch_warnings():  # "Numba not installed. Using slow pure python version."
            warnings.filterwarnings("ignore", message="Numba not installed", category=UserWarning)
            # quantiles on few distinct values: mapclassify lowers k itself and says so; the legend shows the result
            warnings.filterwarnings("ignore", message="Not enough unique values", category=UserWarning)
            ub = np.unique(np.asarray(getattr(mapclassify, name)(vals, **kw).bins, dtype=float))
    idx = np.searchsorted(ub, vals, side="left")
    idx = np.clip(idx, 0, len(ub) - 1)
    labels = []
    lo = vals.min()
    for i, hi in enumerate(ub):
        a = lo if i == 0 else ub[i - 1]
        if bins is not None and i == 0:  # user classes: the same labels whatever the data (small multiples)
            labels.append(f"≤ {_fmt(hi, integer, percent)}")
        elif integer and not percent:
            a_int = int(np.floor(a)) + (1 if i > 0 else 0)
            hi_int = int(np.floor(hi + 1e-9))
            labels.append(_fmt(hi_int, True, False) if a_int >= hi_int else f"{_fmt(a_int, True, False)}–{_fmt(hi_int, True, False)}")
        elif i == 0 and np.isclose(a, hi):
            labels.append(_fmt(hi, integer, percent))
        else:
            labels.append(f"{_fmt(a, integer, percent)}–{_fmt(hi, integer, percent)}")
    if bins is not None:  # keep every user class, so legends and colours agree across maps
        return idx, ub, labels
    used = sorted(set(idx.tolist()))
    remap = {old: new for new, old in enumerate(used)}
    return np.array([remap[i] for i in idx]), ub[used], [labels[i] for i in used]
