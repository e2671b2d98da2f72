"""Execute the notebooks in place (cwd = notebooks/), refreshing notebooks/figures/.

    python notebooks/run_notebooks.py            # all notebooks, in order
    python notebooks/run_notebooks.py 03_corpus  # just one (name with or without .ipynb)

Each notebook runs top to bottom in a fresh ``python3`` kernel of this interpreter. The
executed notebooks are *not* saved, so the committed files stay without outputs; only the
figures the notebooks write change. Exit status 1 if a cell fails (its traceback is printed).

nbclient's stand-in for the ipywidgets Output widget is switched off: it sends comm messages
on the kernel's shell socket while the reply to the cell is awaited on that same socket, which
now and then stalls a widget cell (05_explorer) until the cell timeout. Without it the widget
outputs land in the cell, which is all a batch run needs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(path: Path, timeout: int = 240) -> float:
    """Execute one notebook with its folder as working directory; return the seconds it took."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=timeout,
                            resources={"metadata": {"path": str(path.parent)}})
    client.widget_registry = {}
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    from nbclient.exceptions import CellExecutionError

    names = [a if a.endswith(".ipynb") else f"{a}.ipynb" for a in argv]
    paths = [HERE / n for n in names] if names else sorted(HERE.glob("*.ipynb"))
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        valid = ", ".join(p.stem for p in sorted(HERE.glob("*.ipynb")))
        print(f"no such notebook: {', '.join(missing)}; valid: {valid}", file=sys.stderr)
        return 2
    for path in paths:
        try:
            seconds = run(path)
        except CellExecutionError as err:
            print(f"{path.name}: FAILED\n{err}", file=sys.stderr)
            return 1
        print(f"{path.name}: {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
