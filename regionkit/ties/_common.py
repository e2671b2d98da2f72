"""Relations, output schema, validation helpers shared by the tie modules."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

_S = pd.StringDtype()

#: Relations a tie can carry, in the order used for tie-breaking and columns.
#: The first six come from cue words (:data:`CUE_TABLE`); ``co_mention`` is a
#: pair in one sentence with no cue; ``co_member`` is two countries listed
#: together ("the United Arab Emirates, Bahrain, Morocco and Sudan").
RELATIONS = (
    "normalisation",
    "treaty",
    "conflict",
    "meeting",
    "mediation",
    "trade_energy",
    "co_mention",
    "co_member",
)
#: Relations that come from cue words.
CUE_RELATIONS = RELATIONS[:6]

#: Columns of :func:`reference_ties`.
REFERENCE_COLUMNS = ("source", "target", "type", "start", "end", "source_url", "note")

_TIES_COLUMNS = {
    "article_id": _S,
    "sentence": pd.Int64Dtype(),
    "a": _S,
    "b": _S,
    "evidence": _S,
    "relation": _S,
    "negated": bool,
    "via_group": _S,
}
#: Empty frame with the exact columns and dtypes of :func:`extract_ties`.
TIES_META = pd.DataFrame({c: pd.Series(dtype=d) for c, d in _TIES_COLUMNS.items()})

_UNITS = ("sentence", "paragraph")
_ISO3 = re.compile(r"^[A-Z]{3}$")


# --------------------------------------------------------------------------------------
# validation helpers
# --------------------------------------------------------------------------------------


def _check_relations(relations: Iterable[str] | str | None, *, what: str = "relation") -> tuple[str, ...]:
    if relations is None:
        return RELATIONS
    if isinstance(relations, str):
        relations = [relations]
    relations = tuple(relations)
    bad = [r for r in relations if r not in RELATIONS]
    if bad:
        raise ValueError(f"unknown {what} {', '.join(map(repr, bad))}; valid relations: {', '.join(RELATIONS)}")
    return relations


def _valid_group_ids() -> list[str]:
    import regionkit as rk

    return sorted(rk.list_groups()["group_id"].astype(str).unique())


def _check_groups(groups: Iterable[str]) -> list[str]:
    groups = list(groups)
    valid = _valid_group_ids()
    bad = [g for g in groups if g not in valid]
    if bad:
        raise ValueError(f"unknown group {', '.join(map(repr, bad))}; valid groups: {', '.join(valid)}")
    return groups

