"""Diplomatic ties: from the record (dated, sourced facts) and from the text (sentences).

Three public functions:

* :func:`reference_ties` — the record in ``data/reference/`` as one table
  ``source, target, type, start, end, source_url, note``;
* :func:`extract_ties` — one row per country pair per sentence (or paragraph)
  that mentions both, with the sentence as evidence, a ``relation`` read from
  cue words (:data:`CUE_TABLE`, shipped as ``data/ties/cues.csv``) and a
  ``negated`` flag;
* :func:`tie_table` — direction-free pair weights for charts and maps.

Ties from text use only *direct* country mentions (``rk.DIRECT_KINDS``), so tie
precision follows mention precision: a pair is never made from a person, an
organisation, a group or a historical state (unless ``expand_groups=`` asks
for a group's members, and then the row says which group in ``via_group``).
"""

from regionkit.ties._common import (
    CUE_RELATIONS,
    REFERENCE_COLUMNS,
    RELATIONS,
    TIES_META,
    _check_groups,
    _check_relations,
)
from regionkit.ties._cues import CUE_TABLE, _is_negated, cue_table
from regionkit.ties._extract import extract_ties
from regionkit.ties._record import _date_floor, reference_ties
from regionkit.ties._table import tie_table

__all__ = [
    "RELATIONS",
    "CUE_RELATIONS",
    "REFERENCE_COLUMNS",
    "TIES_META",
    "CUE_TABLE",
    "cue_table",
    "reference_ties",
    "extract_ties",
    "tie_table",
]
