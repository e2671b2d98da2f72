"""``@takes_gazetteer``: give a function that resolves names a ``gazetteer=`` keyword.

For functions (the plot functions) whose helpers call :func:`regionkit.normalize`,
:func:`regionkit.group_members` ... with ``gazetteer=None``: the keyword runs the call
inside :func:`regionkit.gazetteer.using_gazetteer`, so every helper sees the value
without threading it through each signature.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from regionkit.gazetteer import using_gazetteer

__all__ = ["takes_gazetteer"]

F = TypeVar("F", bound=Callable[..., Any])

_DOC = """
    The keyword ``gazetteer=`` (a :class:`regionkit.Gazetteer` or a folder; None: the current
    one) sets the gazetteer used to resolve country names and groups for this call."""


def takes_gazetteer(fn: F) -> F:
    """Decorate ``fn`` so that it accepts ``gazetteer=`` (see the module docstring)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, gazetteer: Any = None, **kwargs: Any) -> Any:
        if gazetteer is None:
            return fn(*args, **kwargs)
        with using_gazetteer(gazetteer):
            return fn(*args, **kwargs)

    sig = inspect.signature(fn)
    params = list(sig.parameters.values())
    extra = inspect.Parameter("gazetteer", inspect.Parameter.KEYWORD_ONLY, default=None)
    at = next((i for i, p in enumerate(params) if p.kind is inspect.Parameter.VAR_KEYWORD), len(params))
    wrapper.__signature__ = sig.replace(parameters=[*params[:at], extra, *params[at:]])  # type: ignore[attr-defined]
    wrapper.__doc__ = (fn.__doc__ or "").rstrip() + "\n" + _DOC
    return wrapper  # type: ignore[return-value]
