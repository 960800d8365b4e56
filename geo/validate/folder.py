"""Validating a whole data folder: every file, in the order the cross-references need."""

from __future__ import annotations

from pathlib import Path

from geo.validate.events import check_events
from geo.validate.features import id_problems
from geo.validate.files import DATA_DIR, FILES, LoadedFile, read_json
from geo.validate.places import check_places
from geo.validate.polities import check_polities, polity_ids
from geo.validate.problems import Problem, Report
from geo.validate.schema import SCHEMA_UNUSABLE, FileSchema, load_validators, schema_dir_for, schema_problems
from geo.validate.sources import check_sources


def validate_folder(data_dir: Path = DATA_DIR, root: Path | None = None) -> Report:
    """Check every data file in ``data_dir``; ``root`` is where ``seeds/`` lives (its parent by default).

    The schemas are ``data_dir/schema/`` when that folder exists, else the project's ``data/schema/``.
    """
    data_dir = Path(data_dir)
    root = Path(root) if root is not None else data_dir.parent
    loaded = {key: read_json(data_dir / fname, fname) for key, fname in FILES.items()}
    validators = load_validators(schema_dir_for(data_dir))
    # every file's own problems first: a file whose schema is unusable is dropped before others refer to it
    opening = {key: _file_problems(key, lf, validators[key]) for key, lf in loaded.items()}

    src_problems, seeds, catalogue = check_sources(loaded["sources"], root)
    place_problems, places = check_places(loaded["places"], seeds)
    known_polities = polity_ids(loaded["polities"].doc)
    problems = opening["sources"] + src_problems
    problems += opening["places"] + place_problems
    problems += opening["events"] + check_events(loaded["events"], seeds, catalogue, places, known_polities)
    problems += opening["polities"] + check_polities(loaded["polities"], seeds, places)
    return Report(problems=problems, docs={key: lf.doc for key, lf in loaded.items()}, seeds=seeds)


def _file_problems(key: str, loaded: LoadedFile, validator: FileSchema | str) -> list[Problem]:
    """How the file reads, its schema errors and its feature ids; forgets a file its schema cannot check."""
    problems = list(loaded.problems)
    if not loaded.ok:
        return problems
    if isinstance(validator, str):
        # data no schema has checked could crash the app: serve nothing from this file
        message = f"cannot be checked ({validator}); nothing from it is served"
        loaded.doc = None
        return problems + [SCHEMA_UNUSABLE(loaded.name, None, None, message)]
    problems += schema_problems(loaded.name, loaded.doc, key, validator)
    if key != "sources":
        problems += id_problems(loaded.name, loaded.doc)
    return problems
