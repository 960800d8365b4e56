"""Validating a whole data folder: every file, in the order the cross-references need.

With a :class:`~geo.cache.DiskCache`, each step's problems are kept under a digest of exactly what
the step reads (see geo/cache.py), so an unchanged folder is read but not re-judged, and an edited
file re-runs only the steps that read it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from geo.cache import VALIDATION_CODE, DiskCache, code_version, digest, file_digests
from geo.validate.events import check_events
from geo.validate.features import id_problems
from geo.validate.files import DATA_DIR, FILES, OPTIONAL_FILES, LoadedFile, read_json
from geo.validate.places import check_places, place_index
from geo.validate.polities import check_polities, polity_ids, polity_years
from geo.validate.problems import Problem, Report, problems_from_bytes, problems_to_bytes
from geo.validate.schema import SCHEMA_UNUSABLE, FileSchema, load_validators, schema_dir_for, schema_problems
from geo.validate.sources import check_sources
from geo.validate.tours import check_tours
from geo.validate.truth import check_truth


def validate_folder(data_dir: Path = DATA_DIR, root: Path | None = None, cache: DiskCache | None = None) -> Report:
    """Check every data file in ``data_dir``; ``root`` is where ``seeds/`` lives (its parent by default).

    The schemas are ``data_dir/schema/`` when that folder exists, else the project's ``data/schema/``.
    ``cache`` keeps each step's problems by the content it read (none: every step runs).
    """
    data_dir = Path(data_dir)
    root = Path(root) if root is not None else data_dir.parent
    loaded = {key: read_json(data_dir / fname, fname) for key, fname in FILES.items()}
    loaded |= {
        key: read_json(data_dir / fname, fname) for key, fname in OPTIONAL_FILES.items() if _present(data_dir / fname)
    }
    schema_dir = schema_dir_for(data_dir)
    validators = load_validators(schema_dir)
    code = code_version(VALIDATION_CODE)
    schemas = digest(*file_digests(sorted(schema_dir.glob("*.json"))))
    memo = _Memo(cache)
    # every file's own problems first: a file whose schema is unusable is dropped before others refer to it
    opening: dict[str, list[Problem]] = {}
    for key, lf in loaded.items():
        validator = validators[key]
        if lf.ok and isinstance(validator, str):
            # data no schema has checked could crash the app: serve nothing from this file
            message = f"cannot be checked ({validator}); nothing from it is served"
            opening[key] = [*lf.problems, SCHEMA_UNUSABLE(lf.name, None, None, message)]
            lf.doc = None
        elif lf.ok and isinstance(validator, FileSchema):
            opening[key] = memo(f"file-{key}", [code, schemas, lf.digest], _file_step(key, lf, validator))
        else:
            opening[key] = list(lf.problems)
    state = {key: lf.digest if lf.ok else None for key, lf in loaded.items()}  # None: the file is not served

    src_problems, seeds, catalogue = check_sources(loaded["sources"], root)
    sources = digest(state["sources"], *(f"{sid}:{digest(seed.text)}" for sid, seed in sorted(seeds.items())))
    places = place_index(loaded["places"].doc)
    known_polities = polity_ids(loaded["polities"].doc)
    place_problems = memo("places", [code, sources, state["places"]], lambda: check_places(loaded["places"], seeds))
    event_problems = memo(
        "events",
        [code, sources, state["events"], state["places"], ",".join(sorted(known_polities))],
        lambda: check_events(loaded["events"], seeds, catalogue, places, known_polities),
    )
    drawn_years = polity_years(loaded["polities"].doc)
    truth_problems = memo(
        "truth",
        [code, state["events"], repr(sorted(drawn_years.items()))],
        lambda: check_truth(loaded["events"], drawn_years),
    )
    polity_problems = memo(
        "polities",
        [code, sources, state["polities"], ",".join(sorted(places))],
        lambda: check_polities(loaded["polities"], seeds, places),
    )
    problems = opening["sources"] + src_problems
    problems += opening["places"] + place_problems
    problems += opening["events"] + event_problems + truth_problems
    problems += opening["polities"] + polity_problems
    if "tours" in loaded:
        tour_problems = memo(
            "tours",
            [code, sources, state["tours"], state["events"]],
            lambda: check_tours(loaded["tours"], seeds, catalogue, loaded["events"].doc),
        )
        problems += opening["tours"] + tour_problems
    return Report(
        problems=problems,
        docs={key: lf.doc for key, lf in loaded.items()},
        seeds=seeds,
        key=digest(code, schemas, sources, *(f"{k}:{v}" for k, v in sorted(state.items()))),
        digests=state,
    )


class _Memo:
    """Problems of one step: from the cache when its inputs' digest is known there, else computed and kept."""

    def __init__(self, cache: DiskCache | None) -> None:
        self.cache = cache

    def __call__(self, step: str, inputs: list[str | None], compute: Callable[[], list[Problem]]) -> list[Problem]:
        if self.cache is None:
            return compute()
        key = digest(step, *inputs)
        data = self.cache.load(f"validation-{step}", key)
        if data is not None:
            try:
                return problems_from_bytes(data)
            except (ValueError, TypeError):
                pass  # an entry written by something else: judge again
        problems = compute()
        self.cache.save(f"validation-{step}", key, problems_to_bytes(problems))
        return problems


def _file_step(key: str, loaded: LoadedFile, validator: FileSchema) -> Callable[[], list[Problem]]:
    """How the file reads, its schema errors and its feature ids (when called)."""

    def run() -> list[Problem]:
        problems = list(loaded.problems)
        problems += schema_problems(loaded.name, loaded.doc, key, validator)
        if key in FILES and key != "sources":
            problems += id_problems(loaded.name, loaded.doc)
        return problems

    return run


def _present(path: Path) -> bool:
    """An optional file counts as there when anything stands at its path (a folder is reported as unreadable)."""
    return path.exists() or path.is_symlink()
