"""How to cite the atlas: its title, a short content hash of ``data/`` (the data version), and the citation line.

Slide images (:mod:`geo.figure`) and the Linked Places export (:mod:`geo.lpf`) print the same version, so a
figure or a gazetteer file can be traced to the exact data it was made from ("Cite this view" can reuse it).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

ATLAS_TITLE = "Byzantine–Mongol relations, 1242–1341: an atlas of the sources"
#: The files whose bytes make the data version: the atlas's JSON and GeoJSON, base map included.
DATA_SUFFIXES = (".json", ".geojson")
#: Not data: a schema edit that accepts the same files does not change what the atlas shows.
NOT_DATA_DIRS = ("schema",)


def data_files(data_dir: Path) -> list[Path]:
    """The data files under ``data_dir`` in a stable order (POSIX relative paths, sorted)."""
    data_dir = Path(data_dir)
    files = [
        p
        for p in data_dir.rglob("*")
        if p.is_file()
        and p.suffix in DATA_SUFFIXES
        and not any(part in NOT_DATA_DIRS for part in p.relative_to(data_dir).parts[:-1])
    ]
    return sorted(files, key=lambda p: p.relative_to(data_dir).as_posix())


def data_version(data_dir: Path) -> str:
    """A 12-hex-digit SHA-256 over the data files' names and bytes: the same data gives the same version.

    The relative path is hashed with each file, so renaming or moving a file changes the version too;
    modification times are not used (a fresh clone has the version of the commit it checked out).
    """
    digest = hashlib.sha256()
    for path in data_files(data_dir):
        rel = path.relative_to(data_dir).as_posix().encode("utf-8")
        digest.update(len(rel).to_bytes(4, "big") + rel)
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def atlas_citation(version: str) -> str:
    """The line to cite the atlas by, with its data version."""
    return f"{ATLAS_TITLE}, data version {version}. Every fact cites a verbatim passage of four source texts."
