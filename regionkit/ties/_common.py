"""Relations, output schema, validation helpers shared by the tie modules."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

_S = pd.StringDtype()

#: Relations a tie can carry, in the order used for tie-breaking and columns.
#: The first seven are read from cue words and their arguments (:data:`CUE_TABLE`);
#: ``co_mention`` (two countries in one sentence, no tie read) and ``co_member``
#: (two countries listed together, "the United Arab Emirates, Bahrain, Morocco and
#: Sudan") are not ties: ``extract_ties`` gives them only when asked (``include=``).
RELATIONS = (
    "normalisation",
    "treaty",
    "conflict",
    "meeting",
    "mediation",
    "trade_energy",
    "other",
    "co_mention",
    "co_member",
)
#: Relations that come from cue words (interacting ties).
CUE_RELATIONS = RELATIONS[:7]
#: Relations that are only given when asked for (``include=``).
OPTIONAL_RELATIONS = RELATIONS[7:]
#: How a party of a tie was found (``a_via`` / ``b_via``).
VIAS = ("name", "demonym", "capital", "metonym", "place", "leader", "official", "coreference", "implied", "group")

#: Columns of :func:`reference_ties`.
REFERENCE_COLUMNS = ("source", "target", "type", "start", "end", "source_url", "note")

_I = pd.Int64Dtype()
_TIES_COLUMNS = {
    "article_id": _S,
    "sentence": _I,
    "a": _S,
    "b": _S,
    "source": _S,
    "target": _S,
    "relation": _S,
    "status": _S,
    "negated": bool,
    "evidence": _S,
    "evidence_start": _I,
    "evidence_end": _I,
    "a_start": _I,
    "a_end": _I,
    "b_start": _I,
    "b_end": _I,
    "a_via": _S,
    "b_via": _S,
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
    from regionkit.groups import list_groups

    return sorted(list_groups()["group_id"].astype(str).unique())


def _check_groups(groups: Iterable[str]) -> list[str]:
    groups = list(groups)
    valid = _valid_group_ids()
    bad = [g for g in groups if g not in valid]
    if bad:
        raise ValueError(f"unknown group {', '.join(map(repr, bad))}; valid groups: {', '.join(valid)}")
    return groups

