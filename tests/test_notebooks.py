"""The notebooks run top to bottom in a fresh kernel, offline, and are committed without outputs.

Each notebook is executed with nbclient on the ``python3`` kernel of the interpreter running
pytest (jupyter_client starts ``sys.executable -m ipykernel_launcher`` for it). To keep the
checkout clean, the run happens in a mirror of the repository layout in a temp folder:
``<tmp>/notebooks/`` holds copies of the notebooks and their sample files, ``<tmp>/data`` points
at the repository's ``data/``. The relative paths the notebooks use (``../data/articles``,
``data/``, ``figures/``) therefore resolve exactly as in ``notebooks/``, and the figures they
write land in ``<tmp>/notebooks/figures`` instead of over the committed gallery PNGs
(``python3 tasks.py figures`` refreshes those).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))
TIMEOUT = 240  # seconds per cell; whole notebooks take well under a minute

# Figures each notebook must write: the README gallery PNGs (committed, see figures/.gitignore)
# and the exports the notebooks promise (PNG/SVG/PDF in 01, column-width PDF in 04).
EXPECTED_FIGURES = {
    "01_quickstart": ["01_seed_focus_map.png", "01_seed_focus_map.svg", "01_seed_focus_map.pdf"],
    "02_regional_ties": ["02_groups_map.png", "02_timeline.png", "02_tie_network.png", "02_tie_map.png"],
    "03_corpus": ["03_small_multiples_by_year.png", "03_countries_by_year.png"],
    "04_bring_your_own": ["04_israel_relations_year.png", "04_column_width_map.pdf", "04_column_width_map.png"],
}
MAGIC = {".png": b"\x89PNG", ".pdf": b"%PDF", ".svg": b"<?xml"}


def test_there_are_notebooks():
    names = [p.stem for p in NOTEBOOK_FILES]
    assert names[:4] == ["01_quickstart", "02_regional_ties", "03_corpus", "04_bring_your_own"], names


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A temp copy of notebooks/ next to a link to the repository's data/."""
    root = tmp_path_factory.mktemp("nbrun")
    ignore = shutil.ignore_patterns("figures", ".ipynb_checkpoints", "__pycache__")
    shutil.copytree(NOTEBOOKS, root / "notebooks", ignore=ignore)
    try:
        (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
    except OSError:  # no symlinks (e.g. Windows without developer mode)
        shutil.copytree(ROOT / "data", root / "data")
    return root / "notebooks"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=[p.stem for p in NOTEBOOK_FILES])
def test_notebook_runs(path: Path, workspace: Path, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    # The kernel inherits this environment: find regionkit even without an install, and draw
    # with the notebook's own (inline) backend as in JupyterLab, not the test suite's Agg.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    monkeypatch.delenv("MPLBACKEND", raising=False)
    nb = nbformat.read(workspace / path.name, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=TIMEOUT,
        resources={"metadata": {"path": str(workspace)}},
    )
    # nbclient mimics the ipywidgets Output widget (05_explorer) by sending comm messages to the
    # kernel on the shell socket while it awaits the cell's reply on that same socket; now and then
    # the reply is then only seen when the cell timeout expires (a 4-minute stall, no error).
    # Without the mimic the widget's outputs simply land in the cell, which is all a test needs.
    client.widget_registry = {}
    client.execute()  # raises CellExecutionError (with the cell and traceback) on any error

    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    for name in EXPECTED_FIGURES.get(path.stem, []):
        fig = workspace / "figures" / name
        assert fig.is_file(), f"{path.name} did not write figures/{name}"
        head = fig.read_bytes()[:200]
        assert MAGIC[fig.suffix] in head, f"figures/{name} is not a {fig.suffix} file"


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=[p.stem for p in NOTEBOOK_FILES])
def test_committed_notebook_is_stripped(path: Path):
    """Notebooks are committed without outputs or execution counts (strip them before committing)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} have outputs or an execution count; clear them before committing"
    assert "widgets" not in nb.metadata, f"{path.name}: saved widget state in the metadata; clear it"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=[p.stem for p in NOTEBOOK_FILES])
def test_notebook_uses_relative_paths_only(path: Path):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    absolute = re.findall(r"""["'](/(?:home|work|tmp|Users|mnt)/[^"']*|[A-Za-z]:\\[^"']*)["']""", source)
    assert not absolute, f"{path.name} uses absolute paths: {absolute}"
    assert "http://" not in source and "https://" not in source, f"{path.name} reaches for the network"
