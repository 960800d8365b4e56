"""The map's bundle as the app serves it: built from the atlas and the basemap, kept on disk by the
content it was made from (geo/cache.py; the atlas's validation is kept the same way by
:func:`geo.atlas.load_atlas`), so a restart on unchanged data reads it back instead of building again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

from geo.atlas import Atlas, paused_gc
from geo.bundle import build_bundle, bundle_bytes
from geo.cache import DiskCache, code_version, digest
from geo.offline import write_generated
from geo.parts import Manifest, manifest_bytes, part_names, split_bundle

PROJECT_DATA = Path(__file__).resolve().parent.parent / "data"
BASEMAP_LAYERS = ("land", "rivers")


def basemap_bytes(folder: Path) -> dict[str, bytes | None]:
    """Land and rivers as stored: the folder's own ``basemap/``, else the project's (test fixtures have none)."""
    out: dict[str, bytes | None] = {}
    for name in BASEMAP_LAYERS:
        out[name] = None
        for path in (Path(folder) / "basemap" / f"{name}.geojson", PROJECT_DATA / "basemap" / f"{name}.geojson"):
            try:
                out[name] = path.read_bytes()
                break
            except OSError:
                continue
    return out


def _layer(raw: bytes | None) -> Any:
    """A basemap layer's GeoJSON, or None when it is missing or broken (the map then draws no land)."""
    try:
        return json.loads(raw) if raw is not None else None
    except ValueError:
        return None


def prepared_bundle(atlas: Atlas, folder: Path, cache: DiskCache | None) -> bytes:
    """The map's bundle (geo/bundle.py) for ``atlas``, with the land and rivers of ``folder``.

    Cached under the atlas's key and the basemap's bytes: a new border, event or river gives a new key,
    so the bundle served is always the one the data makes.
    """
    layers = basemap_bytes(folder)

    def make() -> bytes:
        with paused_gc():
            land, rivers = (_layer(layers[name]) for name in BASEMAP_LAYERS)
            return bundle_bytes(build_bundle(atlas.polities, atlas.events, atlas.places, atlas.sources, land, rivers))

    if cache is None or not atlas.key:  # an atlas made by hand has no key to file its bundle under
        return make()
    key = digest(atlas.key, code_version(), *(layers[name] for name in BASEMAP_LAYERS))
    return cache.get_or_make("bundle", key, make)


def prepared_parts(atlas: Atlas, folder: Path, cache: DiskCache | None, gen_dir: Path) -> Manifest:
    """The bundle for ``atlas`` split into parts (geo/parts.py), written to ``gen_dir`` under their
    content-addressed names; the manifest that lists them.

    A restart on the same atlas and basemap finds the manifest in ``cache`` and every part already in
    ``gen_dir``, and builds nothing; a part that has gone missing has everything built again.
    """
    layers = basemap_bytes(folder)
    key = digest(atlas.key, code_version(), *(layers[name] for name in BASEMAP_LAYERS)) if atlas.key else None
    if cache is not None and key is not None:
        raw = cache.load("parts", key)
        try:
            manifest = cast(Manifest, json.loads(raw)) if raw is not None else None
        except ValueError:
            manifest = None
        if manifest is not None and all((Path(gen_dir) / n).is_file() for n in part_names(manifest)):
            return manifest
    manifest, files = split_bundle(json.loads(prepared_bundle(atlas, folder, None)))
    for name, data in files.items():
        write_generated(Path(gen_dir), name, data)
    if cache is not None and key is not None:
        cache.save("parts", key, manifest_bytes(manifest))
    return manifest
