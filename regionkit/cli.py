"""Command line: ``regionkit {extract,map,ties,demo} ...`` (also ``python -m regionkit``).

Each subcommand lives in ``regionkit/commands/<name>.py`` and exposes
``register(subparsers)`` and ``run(args) -> int``. Errors that come from bad
input or a failed output are raised as :class:`regionkit.RegionkitError` (its
subclasses, or :class:`UsageError` for a bad option) and printed as one line on
stderr with exit status 2 — never a traceback. An ``OSError`` reaching the top
(permission denied, full disk) is printed the same way.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from regionkit._errors import RegionkitError, UsageError

__all__ = ["main", "UsageError"]

COMMANDS = ("extract", "map", "ties", "demo")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every available subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="regionkit",
        description="Find the countries news articles refer to, and map the ties between them.",
    )
    parser.add_argument("--version", action="version", version=f"regionkit {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        try:
            module = import_module(f"regionkit.commands.{name}")
        except ModuleNotFoundError as exc:  # a command not built yet, or its extra missing
            if exc.name and exc.name.startswith("regionkit.commands"):
                continue
            raise
        module.register(sub)
    return parser


def _version() -> str:
    from regionkit._version import package_version

    return package_version()


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except (RegionkitError, ValueError, KeyError, UnicodeDecodeError) as exc:
        # ValueError/KeyError: modules not yet moved to RegionkitError (transition).
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"regionkit {args.command}: error: {_one_line(message)}", file=sys.stderr)
        return 2
    except OSError as exc:  # permission denied, disk full, a folder where a file goes
        print(f"regionkit {args.command}: error: {_os_message(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("regionkit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `regionkit extract ... | head`: the reader left; not an error
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # keep the interpreter from complaining at exit
        return 0


def _one_line(message: object) -> str:
    """Return ``message`` as one line (newlines folded, never empty)."""
    text = " ".join(str(message).split())
    return text or "failed (no details)"


def _os_message(exc: OSError) -> str:
    """Return 'PATH: REASON' for an OSError (e.g. 'out.csv: Permission denied')."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    where = exc.filename if exc.filename is not None else None
    return _one_line(f"{where}: {reason}" if where else reason)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
