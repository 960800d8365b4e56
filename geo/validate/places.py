"""``places.geojson``, the gazetteer: geometry, candidate sites inside the region, citations, authority ids."""

from __future__ import annotations

from typing import Any

from geo.sources import SeedText
from geo.validate.features import iter_features, list_at
from geo.validate.files import LoadedFile
from geo.validate.geometry import geometry_problems, in_region
from geo.validate.problems import Problem, rule
from geo.validate.sources import citation_problems

CANDIDATE_OUTSIDE_REGION = rule(
    "candidate-outside-region", "a disputed place's candidate site lies outside the atlas region"
)
AUTHORITY_ID_SHARED = rule(
    "authority-id-shared", "two places carry the same authority id: one place drawn twice, or a wrong id"
)


def place_index(doc: Any) -> dict[str, dict[str, Any]]:
    """The places by id (the first of a duplicate), as the other files' checks look them up."""
    places: dict[str, dict[str, Any]] = {}
    for feat, label, _ in iter_features(doc):
        places.setdefault(label, feat)
    return places


def check_places(loaded: LoadedFile, seeds: dict[str, SeedText]) -> list[Problem]:
    """Each place's geometry, candidate sites and citations."""
    name = loaded.name
    problems: list[Problem] = []
    for feat, label, props in iter_features(loaded.doc):
        problems += geometry_problems(name, label, feat.get("geometry"))
        for ci, cand in enumerate(list_at(props, "candidates")):
            if (
                isinstance(cand, dict)
                and isinstance(cand.get("lon"), int | float)
                and isinstance(cand.get("lat"), int | float)
                and not in_region(cand["lon"], cand["lat"])
            ):
                message = (
                    f"candidate site [{cand['lon']}, {cand['lat']}] lies outside the "
                    "atlas region (longitude and latitude swapped?)"
                )
                problems.append(CANDIDATE_OUTSIDE_REGION(name, label, f"properties.candidates[{ci}]", message))
        problems += citation_problems(name, label, "properties.citations", props.get("citations"), seeds)
    return problems + _shared_authority_problems(name, loaded.doc)


def _shared_authority_problems(name: str, doc: Any) -> list[Problem]:
    """No two places share an authority identifier (its format is the schema's ``authority_link``)."""
    owners: dict[str, list[str]] = {}
    for _, label, props in iter_features(doc):
        for link in list_at(props, "links"):
            ident = link.get("identifier") if isinstance(link, dict) else None
            if isinstance(ident, str) and label not in owners.setdefault(ident, []):
                owners[ident].append(label)
    problems = []
    for ident, labels in owners.items():
        for label in labels[1:]:
            message = (
                f"has authority id {ident}, which {labels[0]!r} has too (expected one feature per place: merge "
                "them, or drop the id that names another place)"
            )
            problems.append(AUTHORITY_ID_SHARED(name, label, "properties.links", message))
    return problems
