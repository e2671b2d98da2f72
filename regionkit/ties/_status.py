"""Modality of a cue: stated, planned, conditional, negated or reported_denied.

The status of a tie row is read around the cue that made it, inside the cue's
clause (see :func:`cue_status`):

* ``reported_denied`` — a denial governs the cue ("Baku denied it held talks",
  "dismissed reports of a deal");
* ``negated`` — refused, not, never, no, yet to, cancelled, postponed, called off,
  collapsed, or held back until a condition is met ("would only join … once …",
  "only if", "not until": TIES.md §7) ("would not recognise Israel", "no guarantee a deal will be
  reached", "the visit was postponed");
* ``conditional`` — "if", "unless", "provided", "once", "on condition" earlier in
  the sentence ("if a peace deal is signed");
* ``planned`` — will, would, plans to, is expected to, aims to, seeks to, hopes
  to, could, may, possible, proposed, upcoming ("Trump is expected to host");
* ``stated`` — everything else (done or under way).

``negated`` (the bool column) is True for ``negated`` and ``reported_denied``.
"""

from __future__ import annotations

import re

STATUSES = ("stated", "planned", "conditional", "negated", "reported_denied")

_CLAUSE_BREAK = re.compile(r"[,;:.!?()\"\u201c\u201d]|\s[\u2014\u2013]\s|\b(?:but|while|whereas|although|though|however)\b",
                           re.IGNORECASE)
_NEG_BEFORE = re.compile(
    r"\b(?:not|no|never|without|nor|neither|cannot|refus\w*|declin\w*|reject\w*|fail\w*|unwilling|unlikely|"
    r"ruled?\s+out|rules\s+out|won't|wouldn't|didn't|don't|doesn't|isn't|aren't|wasn't|weren't|hasn't|haven't|"
    r"can't|couldn't|shouldn't|\w+n't|cancel\w*|postpon\w*|call\w*\s+off|scrap\w*|abandon\w*|stall\w*|halt\w*|"
    r"froze|freez\w*|opposed?\s+to|yet\s+to)\b",
    re.IGNORECASE,
)
_NEG_FALSE = re.compile(r"\b(?:not\s+only|no\s+doubt|no\s+less|never\s+before|no\s+longer\s+\w+\s+without|"
                        r"not\s+least|fail\w*\s+to\s+stop)\b", re.IGNORECASE)
_NEG_AFTER = re.compile(
    r"^[^,;:.()]{0,80}?\b(?:failed|collapsed|fell\s+through|stalled|(?:was|were|has\s+been|have\s+been|had\s+been)"
    r"\s+(?:rejected|postponed|cancell?ed|called\s+off|delayed|suspended|scrapped|shelved|put\s+off|frozen)|"
    r"broke\s+down|never\s+(?:happened|materiali[sz]ed|took\s+place))\b",
    re.IGNORECASE,
)
_DENIED = re.compile(r"\b(?:den(?:y|ies|ied|ying)|dismiss(?:ed|es)?\s+(?:reports?|claims?|speculation)|"
                     r"rejected\s+(?:reports?|claims?)|refuted)\b", re.IGNORECASE)
_CONDITIONAL = re.compile(r"\b(?:if|unless|provided(?:\s+that)?|once|on\s+condition|as\s+long\s+as|in\s+case|"
                          r"in\s+exchange\s+for|only\s+after|precondition)\b", re.IGNORECASE)
_PLANNED = re.compile(
    r"\b(?:will|would|shall|'ll|going\s+to|plans?|planned|planning|expected|set\s+to|aims?|aimed|aiming|seeks?|"
    r"seeking|sought|hopes?|hoped|hoping|wants?|wanted|intends?|intended|ready\s+to|prepar\w+\s+to|could|may|"
    r"might|possib\w+|potential\w*|propos\w+|upcoming|future|next|prospect\w*|goal|push(?:es|ed|ing)?\s+(?:for|to)|"
    r"invit\w+|offer\w*|call(?:s|ed|ing)?\s+(?:for|on)|urg\w+|to\s+be)\b",
    re.IGNORECASE,
)
# held back until a condition is met (TIES.md s7: negated): "would only join ... once Israel stops the war"
_HELD_BACK = re.compile(r"\b(?:(?:only\s+(?:if|once|when|after|on\s+condition)|not\s+until|not\s+before)\b|"
                        r"only\s+(?:[\w-]+\s+){1,6}?(?:if|once|after)\s+(?:the\s+)?(?-i:[A-Z]))", re.IGNORECASE)
_IF_AFTER = re.compile(r"^\W*(?:\w+\s+){0,6}?(?:if|unless|provided)\b", re.IGNORECASE)
_WINDOW = 8  # words before the cue, inside its clause


def clause_before(text: str, start: int, limit: int = 160) -> str:
    """The part of the cue's clause that precedes it (at most ``limit`` characters)."""
    before = text[max(0, start - limit):start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end():] if breaks else before


def _is_negated(text: str, start: int, end: int) -> bool:
    """True when the cue ``text[start:end]`` is negated or refused.

    Looks at up to five words before the cue inside its clause ("would not
    recognise", "there is no guarantee a deal", "refused to sign") and at the
    few words after it ("talks collapsed", "the visit was postponed").
    """
    words = clause_before(text, start, 120).split()[-5:]
    window = " ".join(words)
    if window and _NEG_BEFORE.search(window) and not _NEG_FALSE.search(window + " " + text[start:end]):
        return True
    return bool(_NEG_AFTER.match(text[end:end + 60]))


def cue_status(sentence: str, start: int, end: int) -> str:
    """Status of the cue at ``sentence[start:end]`` (one of :data:`STATUSES`)."""
    if _DENIED.search(sentence[:start]):
        return "reported_denied"
    if _is_negated(sentence, start, end) or _HELD_BACK.search(sentence, max(0, start - 40), min(len(sentence), end + 80)):
        return "negated"
    if _CONDITIONAL.search(sentence[:start]) or _IF_AFTER.match(sentence[end:end + 60]):
        return "conditional"
    window = " ".join(clause_before(sentence, start).split()[-_WINDOW:])
    if _PLANNED.search(window):
        return "planned"
    return "stated"
