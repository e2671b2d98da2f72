"""The cue table (words that name a relation) and the negation window."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pandas as pd

from regionkit._resources import data_path
from regionkit.ties._common import _S, CUE_RELATIONS

# --------------------------------------------------------------------------------------
# cue table
# --------------------------------------------------------------------------------------


def _read_cues(source: str | Path | pd.DataFrame) -> tuple[tuple[str, str, str, str], ...]:
    if isinstance(source, pd.DataFrame):
        frame = source
        missing = {"relation", "pattern"} - set(frame.columns)
        if missing:
            raise ValueError(f"cue table needs columns relation, pattern; missing: {', '.join(sorted(missing))}")
        rows = [
            (str(r["relation"]), str(r["pattern"]), str(r.get("example", "") or ""), str(r.get("note", "") or ""))
            for r in frame.to_dict("records")
        ]
    else:
        with open(source, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = {"relation", "pattern"} - set(reader.fieldnames or ())
            if missing:
                raise ValueError(f"cue table {source} needs columns relation, pattern; missing: {', '.join(sorted(missing))}")
            rows = [(r["relation"], r["pattern"], r.get("example") or "", r.get("note") or "") for r in reader]
    bad = sorted({r[0] for r in rows if r[0] not in CUE_RELATIONS})
    if bad:
        raise ValueError(f"unknown relation {', '.join(map(repr, bad))} in cue table; valid relations: {', '.join(CUE_RELATIONS)}")
    for relation, pattern, _, _ in rows:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"bad cue pattern for {relation} {pattern!r}: {exc}") from None
    return tuple(rows)


#: The shipped cue table, ``data/ties/cues.csv``: tuples ``(relation, pattern,
#: example, note)``. A pattern is a Python regular expression matched
#: case-insensitively at a word start; ``(?-i:...)`` marks a case-sensitive part.
CUE_TABLE: tuple[tuple[str, str, str, str], ...] = _read_cues(data_path("ties", "cues.csv"))


def cue_table() -> pd.DataFrame:
    """Return the cue words that decide a tie's relation, as a DataFrame.

    Returns
    -------
    pandas.DataFrame
        Columns ``relation, pattern, example, note``: one regular expression per
        row (matched case-insensitively at a word start). ``example`` is a real
        phrase the pattern matches. Pass an edited copy to
        ``extract_ties(..., cues=...)`` to use your own cues.
    """
    return pd.DataFrame(list(CUE_TABLE), columns=["relation", "pattern", "example", "note"]).astype(_S)


@cache
def _compiled(cues: tuple[tuple[str, str, str, str], ...]) -> re.Pattern:
    """One regular expression for all cues, a named group per relation (one scan per sentence)."""
    by_relation: dict[str, list[str]] = {}
    for relation, pattern, _, _ in cues:
        by_relation.setdefault(relation, []).append(f"(?:{pattern})")
    alternatives = [f"(?P<{rel}>" + "|".join(by_relation[rel]) + ")" for rel in CUE_RELATIONS if rel in by_relation]
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


# --------------------------------------------------------------------------------------
# negation
# --------------------------------------------------------------------------------------

_NEG_BEFORE = re.compile(
    r"\b(?:not|no|never|without|nor|neither|cannot|nothing|none|refus\w*|declin\w*|reject\w*|"
    r"fail\w*|unwilling|unlikely|ruled?|rules|halt\w*|suspend\w*|\w+n't)\b",
    re.IGNORECASE,
)
_NEG_FALSE = re.compile(r"\b(?:not\s+only|no\s+doubt|no\s+less|never\s+before)\b", re.IGNORECASE)
_NEG_AFTER = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,2}?(?:failed|collapsed|fell\s+through|stalled|was\s+rejected|were\s+rejected|"
    r"was\s+suspended|were\s+suspended|broke\s+down)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\u2014\u2013\"\u201c\u201d]|\bbut\b|\bwhile\b|\bwhereas\b", re.IGNORECASE)
_NEG_WINDOW = 5  # words before the cue, within its clause


def _is_negated(text: str, start: int, end: int) -> bool:
    """True when the cue ``text[start:end]`` is negated or refused.

    Looks at up to five words before the cue, inside the same clause ("would
    not recognise", "there is no guarantee a deal", "refused to sign"), and at
    the two words after it ("talks collapsed").
    """
    before = text[max(0, start - 120) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    words = before.split()[-_NEG_WINDOW:]
    window = " ".join(words)
    if window and _NEG_BEFORE.search(window) and not _NEG_FALSE.search(window + " " + text[start:end]):
        return True
    return bool(_NEG_AFTER.match(text[end : end + 40]))

