"""Work that depends only on the data, kept on disk by the content it was made from.

Validation and the map's bundle are functions of the data files' bytes (and of the code that makes
them). A server start used to redo both (33 s at the 100x benchmark data); now each result is
stored under a key made of the SHA-256 of everything it was made from, so a restart with unchanged
data reads it back, and a changed file changes the keys of exactly the results made from it:

* a data file's schema problems: that file, the schemas;
* the cross-reference checks: ``events`` its file, the places, the sources and seeds, the polity
  ids; ``polities`` its file, the place ids, the sources and seeds; ``places`` its file, the sources;
* the bundle: the atlas (every input above and ``polities.display.geojson``), land and rivers.

Every key also holds :func:`code_version` (the source that makes the result: the validator's for a
validation, all of ``geo/``'s Python for the bundle; and the versions of the libraries that judge the
data), so a changed rule or popup never meets a result of the old one.
A key is never reused for other content, so a result is never stale; an entry that cannot be read
back is a miss. The folder is ``$ATLAS_CACHE_DIR`` or ``.cache/atlas/`` (git-ignored); an empty
``ATLAS_CACHE_DIR`` turns the cache off. When the folder cannot be written the atlas is served all
the same, computed as before, with one warning on stderr.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = PROJECT_ROOT / ".cache" / "atlas"
CACHE_ENV = "ATLAS_CACHE_DIR"
#: Entries kept per kind; older ones (by last use) are removed, so edits do not fill the disk.
KEEP_PER_KIND = 12
#: Libraries whose answers are part of a result: a new version may judge or draw the data differently.
_LIBRARIES = ("edtf", "jsonschema", "jsonschema-rs", "shapely", "referencing")


def digest(*parts: bytes | str | None) -> str:
    """SHA-256 (hex) of ``parts`` in order; each is length-prefixed, so ``("ab", "c")`` differs from ``("a", "bc")``,
    and None (a missing file) differs from every text."""
    h = hashlib.sha256()
    for part in parts:
        if part is None:
            h.update(b"N")
            continue
        raw = part.encode("utf-8") if isinstance(part, str) else part
        h.update(b"B" + len(raw).to_bytes(8, "big"))
        h.update(raw)
    return h.hexdigest()


#: The source files whose change can change a validation: the validator, the time model, the quotations.
VALIDATION_CODE = ("validate/*.py", "timemodel.py", "sources.py")
#: ... and a bundle: everything in geo/ that is Python (the drawing code, JavaScript, reads the bundle only).
BUNDLE_CODE = ("*.py", "validate/*.py")


@cache
def code_version(patterns: tuple[str, ...] = BUNDLE_CODE) -> str:
    """A digest of the files of ``geo/`` that match ``patterns`` and of the judging libraries' versions."""
    geo = Path(__file__).resolve().parent
    parts: list[str | bytes] = []
    for path in sorted({p for pattern in patterns for p in geo.glob(pattern)}):
        parts += [path.relative_to(geo).as_posix(), path.read_bytes()]
    for lib in _LIBRARIES:
        try:
            parts += [lib, metadata.version(lib)]
        except metadata.PackageNotFoundError:
            parts += [lib, "-"]
    return digest(*parts)


class DiskCache:
    """Bytes by (kind, key) in a folder; never raises: an unreadable entry is a miss, an unwritable folder is
    reported once and then left alone."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.hits = 0
        self.misses = 0
        self._warned = False

    @classmethod
    def default(cls) -> DiskCache:
        """The app's cache: ``$ATLAS_CACHE_DIR`` (empty: none) or ``.cache/atlas/`` in the project."""
        env = os.environ.get(CACHE_ENV)
        if env is None:
            return cls(DEFAULT_DIR)
        return cls(Path(env) if env.strip() else None)

    def _path(self, kind: str, key: str) -> Path | None:
        return None if self.folder is None else self.folder / kind / key

    def load(self, kind: str, key: str) -> bytes | None:
        """The bytes stored under ``(kind, key)``, or None."""
        path = self._path(kind, key)
        try:
            if path is None:
                raise FileNotFoundError(kind)
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        try:
            os.utime(path)  # last use: what pruning goes by
        except OSError:
            pass  # a read-only cache still answers
        return data

    def save(self, kind: str, key: str, data: bytes) -> None:
        """Store ``data`` under ``(kind, key)`` atomically (a reader never sees half an entry)."""
        path = self._path(kind, key)
        if path is None:
            return
        tmp = path.with_name(f".{key}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError as exc:
            self._warn(f"cannot write the cache at {path.parent} ({exc.strerror or exc}); results are not kept")
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
            return
        self._prune(path.parent)

    def get_or_make(self, kind: str, key: str, make: Callable[[], bytes]) -> bytes:
        """The stored bytes for ``(kind, key)``, or ``make()``'s, stored for the next time."""
        data = self.load(kind, key)
        if data is None:
            data = make()
            self.save(kind, key, data)
        return data

    def _prune(self, folder: Path) -> None:
        try:
            entries = sorted(
                (p for p in folder.iterdir() if not p.name.startswith(".")), key=lambda p: p.stat().st_mtime
            )
            for old in entries[:-KEEP_PER_KIND]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # another process pruned first: nothing lost

    def _warn(self, message: str) -> None:
        if not self._warned:
            print(f"atlas: {message}", file=sys.stderr)
            self._warned = True


def file_digests(paths: Iterable[Path]) -> list[str]:
    """``name:sha256`` of each existing file (``name:-`` for a missing one), in the given order."""
    out = []
    for path in paths:
        try:
            out.append(f"{path.name}:{hashlib.sha256(path.read_bytes()).hexdigest()}")
        except OSError:
            out.append(f"{path.name}:-")
    return out
