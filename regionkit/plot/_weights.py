"""Input check shared by the tie charts: sentence-level ties or a tie table -> a tie table."""

from __future__ import annotations

import pandas as pd


def as_weights(weights: pd.DataFrame) -> pd.DataFrame:
    """Return ``weights`` as ``rk.tie_table`` output (aggregating sentence-level ties first)."""
    from regionkit.ties import tie_table

    if not isinstance(weights, pd.DataFrame):
        raise ValueError(f"expected rk.tie_table output (a DataFrame), got {type(weights).__name__}")
    if "weight" not in weights.columns and "relation" in weights.columns:
        weights = tie_table(weights)  # sentence-level ties given: aggregate them
    missing = [c for c in ("a", "b", "weight") if c not in weights.columns]
    if missing:
        raise ValueError(f"expected rk.tie_table output (columns a, b, weight, dominant); missing {missing}")
    return weights
