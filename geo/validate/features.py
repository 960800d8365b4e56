"""Walking a FeatureCollection: each feature with the label every problem and the app call it by."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from geo.validate.problems import Problem, rule

DUPLICATE_ID = rule("duplicate-id", "two features of a file share an id")
ID_MISMATCH = rule("id-mismatch", "a feature's id and its properties.id differ")


def features(doc: Any) -> list[Any]:
    """The ``features`` list of a FeatureCollection as parsed (items may be anything), else ``[]``."""
    if isinstance(doc, dict) and isinstance(doc.get("features"), list):
        return doc["features"]
    return []


def props_of(feature: dict[str, Any]) -> dict[str, Any]:
    """A feature's ``properties`` object, or ``{}`` when it has none (the schema reports that)."""
    props = feature.get("properties")
    return props if isinstance(props, dict) else {}


def list_at(obj: dict[str, Any], key: str) -> list[Any]:
    """``obj[key]`` when it is a list, else ``[]`` (a wrong type is the schema's to report, not a crash)."""
    value = obj.get(key)
    return value if isinstance(value, list) else []


def feature_label(feature: Any, index: int) -> str:
    """The name a problem gives a feature: its ``id``, else ``properties.id``, else ``#<index>`` in the file."""
    if isinstance(feature, dict):
        for fid in (feature.get("id"), props_of(feature).get("id")):
            if isinstance(fid, str) and fid:
                return fid
    return f"#{index}"


def iter_features(doc: Any) -> Iterator[tuple[dict[str, Any], str, dict[str, Any]]]:
    """``(feature, label, properties)`` for each feature that is a JSON object, in file order."""
    for index, feature in enumerate(features(doc)):
        if isinstance(feature, dict):
            yield feature, feature_label(feature, index), props_of(feature)


def id_problems(name: str, doc: Any) -> list[Problem]:
    """Each feature's id agrees with its ``properties.id`` and is used once in the file."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, feature in enumerate(features(doc)):
        if not isinstance(feature, dict):
            continue
        label = feature_label(feature, index)
        fid, pid = feature.get("id"), props_of(feature).get("id")
        if isinstance(fid, str) and isinstance(pid, str) and fid != pid:
            message = f"is {pid!r} but the feature id is {fid!r} (expected the same slug)"
            problems.append(ID_MISMATCH(name, label, "properties.id", message))
        if label in seen:
            message = f"duplicate id (features #{seen[label]} and #{index}); ids must be unique"
            problems.append(DUPLICATE_ID(name, label, "id", message))
        else:
            seen[label] = index
    return problems
