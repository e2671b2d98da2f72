"""Mention columns of the batched scan, gathered batch by batch and turned into one DataFrame.

iso3, country, kind, group and section are codes into small dictionaries (an arrow
dictionary array cast to strings when pandas stores strings in arrow), so no Python
object is built per row for them; the dtypes are exactly those of ``MENTIONS_META``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from regionkit._entry import Entry

__all__ = ["Columns"]


class Columns:
    """Mention columns gathered batch by batch: codes into small dictionaries, then one DataFrame."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.n = 0
        self.codes: dict[int, int] = {}  # id(entry) -> row of self.values
        self.values: list[tuple] = []  # (iso3, country, kind, group) per distinct entry
        self.keep: list[Entry] = []  # the entries coded (keeps their ids unique while we hold the codes)
        self.parts: dict[str, list] = {c: [] for c in ("entry", "article", "ids", "surface", "start", "end",
                                                          "sentence", "boilerplate")}
        self.n_ids = 0

    def add(self, ids: list[str], res: dict[str, Any]) -> None:
        codes, values = self.codes, self.values
        out = np.empty(len(res["entry"]), dtype=np.int32)
        for i, e in enumerate(res["entry"]):
            c = codes.get(id(e))
            if c is None:
                c = codes[id(e)] = len(values)
                values.append((e.iso3, self.names.get(e.iso3) if e.iso3 else None, e.kind, e.group))
                self.keep.append(e)
            out[i] = c
        p = self.parts
        p["entry"].append(out)
        p["article"].append(res["article"] + self.n_ids)
        p["ids"].extend(ids)
        self.n_ids += len(ids)
        p["surface"].extend(res["surface"])
        for c in ("start", "end", "sentence", "boilerplate"):
            p[c].append(res[c])
        self.n += len(out)

    def frame(self) -> Any:
        import pandas as pd

        from regionkit._schema import MENTION_COLUMNS

        p = self.parts
        code = np.concatenate(p["entry"])
        article = np.concatenate(p["article"])
        noisy = np.concatenate(p["boilerplate"])
        iso3, country, kind, group = (list(v) for v in zip(*self.values))
        strings = {
            "article_id": (p["ids"], article),
            "iso3": (iso3, code), "country": (country, code), "kind": (kind, code), "group": (group, code),
            "section": (["body", "boilerplate"], noisy.astype(np.int32)),
        }
        data: dict[str, Any] = {}
        for col, (values, idx) in strings.items():
            data[col] = _string_column([values[i] for i in idx.tolist()] if not _ARROW else None, values, idx)
        data["surface"] = _string_column(p["surface"], None, None)
        for col in ("start", "end", "sentence"):
            data[col] = pd.array(np.concatenate(p[col]).astype(np.int64), dtype=MENTION_COLUMNS[col])
        n = len(data["surface"])  # columns filled later by extract_mentions (language) start as NA
        return pd.DataFrame({col: data[col] if col in data else pd.array([None] * n, dtype=MENTION_COLUMNS[col])
                             for col in MENTION_COLUMNS})


def _arrow_strings() -> bool:
    import pandas as pd

    return getattr(pd.StringDtype(), "storage", "python") == "pyarrow" and pd.StringDtype().na_value is pd.NA


_ARROW = _arrow_strings()


def _string_column(flat: list | None, values: list | None, idx: np.ndarray | None) -> Any:
    """A column of the mentions' string dtype: from a flat list, or from a small dictionary and codes."""
    import pandas as pd

    from regionkit._schema import MENTION_COLUMNS

    dtype = MENTION_COLUMNS["surface"]
    if not _ARROW:
        return pd.array(flat if flat is not None else [values[i] for i in idx.tolist()], dtype=dtype)
    import pyarrow as pa

    if flat is not None:
        return pd.arrays.ArrowStringArray(pa.array(flat, type=pa.large_string()))
    dictionary = pa.array(values, type=pa.large_string())
    arr = pa.DictionaryArray.from_arrays(pa.array(idx.astype(np.int32)), dictionary).cast(pa.large_string())
    return pd.arrays.ArrowStringArray(arr)
