"""Diplomatic ties: from the record (dated, sourced facts) and from the text (who did what with whom).

Three public functions:

* :func:`reference_ties` — the record in ``data/reference/`` as one table
  ``source, target, type, start, end, source_url, note``;
* :func:`extract_ties` — one row per tie the text states (pair, sentence,
  relation): the parties are the arguments of a relation cue, with direction,
  status (stated, planned, conditional, negated, reported_denied), evidence and
  the parties' spans and how each was found (name ... leader, official,
  coreference); ``co_mention`` / ``co_member`` pairs only with ``include=``;
* :func:`tie_table` — per pair (or ``directed=True`` per source -> target, or
  ``by_article=True``) counts by relation and status, weight, primary relation.

Modules: ``_common`` (relations, schema), ``_cues`` (the cue table and its
scanner), ``_status`` (modality), ``_actors`` (office terms from
``data/ties/leaders.csv``, epithets, pair phrases, speakers), ``_reading`` (one
sentence: entities, chains, cue arguments), ``_document`` (one article:
coreference across sentences, rows), ``_extract`` (the public function),
``_table`` and ``_record``. The guideline the rules follow is TIES.md (the dev
gold in ``tests/data/ties_gold.jsonl``; scored by ``tests/benchmarks/eval_ties.py``).
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
