"""Which ties a figure draws (shared by ``tie_network`` and ``tie_map``).

By default a tie figure draws the ties the text states: the interacting relations
(normalisation, treaty, conflict, meeting, mediation, trade_energy, other) of
pairs whose status is not negated or denied. ``co_mention`` and ``co_member``
pairs (named together, no tie read) are drawn only when ``relations=`` lists
them; negated pairs only when ``statuses=`` lists them.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

#: Statuses drawn by default (a refused or denied tie is not drawn unless asked).
DEFAULT_STATUSES = ("stated", "planned", "conditional")


def drawn_ties(table: pd.DataFrame, relation: str | None, relations: Iterable[str] | str | None = None,
               statuses: Iterable[str] | str | None = None) -> pd.DataFrame:
    """Rows of a tie table to draw: see the module docstring."""
    from regionkit.ties import CUE_RELATIONS, RELATIONS, _check_relations

    keep = CUE_RELATIONS if relations is None else _check_relations(relations)
    out = table
    if relation is not None and relation in out.columns:
        known = out[relation].isin(RELATIONS).to_numpy()  # a user's own labels are drawn as they are
        out = out[(~known) | out[relation].isin(keep).to_numpy()]
    if "status" in out.columns:
        want = DEFAULT_STATUSES if statuses is None else ((statuses,) if isinstance(statuses, str) else tuple(statuses))
        valid = ("stated", "planned", "conditional", "negated", "reported_denied")
        bad = [s for s in want if s not in valid]
        if bad:
            raise ValueError(f"unknown status {', '.join(map(repr, bad))}; valid statuses: {', '.join(valid)}")
        out = out[out["status"].isna().to_numpy() | out["status"].isin(want).to_numpy()]
    return out
