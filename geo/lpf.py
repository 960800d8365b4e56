"""The gazetteer as Linked Places Format v2.0 (JSON-LD), the format the World Historical Gazetteer imports.

Every place becomes a Feature with an ``@id`` (``bma:<place id>``, the prefix declared in ``@context``),
``properties.title``, ``names`` (each toponym with the passages of the source texts that use it), its
geometry (for a disputed site, the candidate sites, said to be such), ``when`` (the years in which the
atlas's events use the place), ``types`` and GeoNames ``fclasses``, and ``links`` to Pleiades and Wikidata
where the gazetteer has them. ``data/schema/lpf/`` holds the JSON Schema the export is checked against
and says which requirement of WHG's own schema each constraint encodes.

Command line (the publish step calls it)::

    python -m geo.lpf --out site/data/byzantine-mongol-places.lpf.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from geo.atlas import Atlas, load_atlas
from geo.citation import ATLAS_TITLE, atlas_citation, data_version
from geo.features import PlaceFeature, all_citations
from geo.labels import short_name, with_article
from geo.validate import DATA_DIR

LPF_CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
#: Prefixes of the atlas's own identifiers: ``bma:constantinople`` (a place), ``bmasrc:<source id>`` (a text).
PLACE_PREFIX, SOURCE_PREFIX = "bma", "bmasrc"
DEFAULT_BASE = "urn:byzantine-mongol-atlas:"
DEFAULT_OUT = Path("site/data/byzantine-mongol-places.lpf.json")
SCHEMA_DIR = DATA_DIR / "schema" / "lpf"

#: GeoNames feature classes: P populated place, S spot/building, L area/region, H water, T land form.
FCLASSES = {"city": "P", "court": "P", "fortress": "S", "battlefield": "S", "region": "L", "river": "H", "island": "T"}
#: Getty AAT concepts, only where the id was seen tied to its label in WHG's own code and tests.
AAT_TYPES = {"city": ("aat:300008389", "cities")}
CERTAINTY = {"exact": "certain", "approximate": "less-certain", "region": "less-certain", "disputed": "uncertain"}
#: The gazetteer's authority fields before issue 10, and the LPF prefix of each.
_OLD_AUTHORITY_FIELDS = {"pleiades": "pl", "wikidata": "wd"}
NO_PASSAGE = "The atlas's gazetteer (general scholarship): no cited passage of the four source texts uses this name"
_PARENTHETICAL = re.compile(r"\(([^()]*)\)\s*$")
_WS = re.compile(r"\s+")


def one_line(value: Any) -> str:
    """``value`` as text on one line: WHG's ``^(.*)$`` pattern fails on a line break inside a string."""
    return _WS.sub(" ", "" if value is None else str(value)).strip()


def authority_links(props: Mapping[str, Any]) -> list[dict[str, str]]:
    """A place's authority ids as LPF links, from ``links`` (``pl:520998``) or the older ``pleiades``/``wikidata``.

    Accepts both shapes of the gazetteer, so code reading ids works before and after the move to ``links``.
    """
    out: dict[str, dict[str, str]] = {}
    for link in props.get("links") or []:
        if isinstance(link, Mapping) and isinstance(link.get("identifier"), str) and link["identifier"].strip():
            ident = link["identifier"].strip()
            out.setdefault(ident, {"type": str(link.get("type") or "closeMatch"), "identifier": ident})
    for field, prefix in _OLD_AUTHORITY_FIELDS.items():
        value = props.get(field)
        if isinstance(value, str) and value.strip():
            ident = f"{prefix}:{value.strip()}"
            out.setdefault(ident, {"type": "closeMatch", "identifier": ident})
    return list(out.values())


def name_forms(props: Mapping[str, Any]) -> list[str]:
    """The toponyms of a place: its period name, then a one-word alternative given in brackets.

    "Konya (Iconium)" gives Konya and Iconium; "Karakorum (Mongolia)" gives only Karakorum, because
    Mongolia is the country of its modern name, and a gloss such as "(lower Danube steppe)" is no name.
    """
    name = one_line(props.get("name"))
    forms = [short_name(name)]
    match = _PARENTHETICAL.search(name)
    country = one_line(str(props.get("modern_name") or "").split(",")[-1]).casefold()
    if match:
        for alt in re.split(r",| or |/", match.group(1)):
            alt = alt.strip()
            if alt and " " not in alt and alt[0].isupper() and alt.casefold() != country:
                forms.append(alt)
    return list(dict.fromkeys(f for f in forms if f))


def _place_citations(atlas: Atlas, place_id: str) -> list[tuple[Mapping[str, Any], int, int]]:
    """Citations of the events at the place and of the polities it is the capital of, with their years."""
    out: list[tuple[Mapping[str, Any], int, int]] = []
    for e in atlas.events:
        if any(ref.get("place") == place_id for ref in e["properties"].get("places", [])):
            out += [(c, e["properties"]["start"], e["properties"]["end"]) for c, _label in all_citations(e)]
    for f in atlas.polities:
        pr = f["properties"]
        if pr.get("capital") == place_id:
            out += [(c, pr["start"], pr["end"]) for c in pr.get("citations") or []]
    return out


def _citation_object(citation: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """A CSL-like citation: the source's short title, the locator and the quoted words, and the source's id."""
    sid = str(citation.get("source"))
    title, locator = one_line(sources.get(sid, {}).get("short_title") or sid), one_line(citation.get("locator"))
    head, _sep, tail = title.rpartition(", ")
    if head and locator.startswith(tail):  # "Ciocîltan 2012, p. 246" + "p. 246, n. 414": say the page once
        title = head
    label = f"{title}, {locator}: “{one_line(citation.get('quote'))}”"
    return {"label": label, "@id": f"{SOURCE_PREFIX}:{sid}"}


def _names(atlas: Atlas, place_id: str, props: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each toponym with the cited passages that use it (a whole word, any case: OCR writes "constantinople")."""
    cited = _place_citations(atlas, place_id)
    names = []
    for form in name_forms(props):
        word = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE)
        seen: dict[tuple, dict[str, str]] = {}
        for c, _start, _end in cited:
            if word.search(one_line(c.get("quote"))):
                seen.setdefault((c.get("source"), c.get("locator"), c.get("quote")), _citation_object(c, atlas.sources))
        citations = list(seen.values()) or [{"label": NO_PASSAGE}]
        names.append({"toponym": form, "citations": citations})
    return names


def timespans(years: Iterable[tuple[int, int]]) -> list[dict[str, Any]]:
    """Inclusive year intervals merged where they overlap or touch, as LPF timespans."""
    merged: list[list[int]] = []
    for lo, hi in sorted(years):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [{"start": {"in": str(lo)}, "end": {"in": str(hi)}} for lo, hi in merged]


def _when(atlas: Atlas, place_id: str) -> dict[str, Any]:
    """The years in which the atlas's events use the place; for a capital no event names, the years it is drawn so."""
    used = [
        (e["properties"]["start"], e["properties"]["end"])
        for e in atlas.events
        if any(ref.get("place") == place_id for ref in e["properties"].get("places", []))
    ]
    if used:
        return {"timespans": timespans(used), "label": "years in which the atlas's events take place here"}
    capital_of = [f for f in atlas.polities if f["properties"].get("capital") == place_id]
    if capital_of:
        names = ", ".join(dict.fromkeys(with_article(one_line(f["properties"].get("name"))) for f in capital_of))
        return {
            "timespans": timespans((f["properties"]["start"], f["properties"]["end"]) for f in capital_of),
            "label": f"years in which the atlas draws it as the capital of {names}",
        }
    return {"timespans": timespans([(1240, 1345)]), "label": "the atlas's whole span: no event or border uses it"}


def _geometry(props: Mapping[str, Any], geometry: Mapping[str, Any]) -> dict[str, Any]:
    """A Point with its certainty and coordinate source; for a disputed site, the candidate sites."""
    candidates = props.get("candidates") or []
    if props.get("precision") == "disputed" and candidates:
        return {
            "type": "GeometryCollection",
            "geometries": [
                {
                    "type": "Point",
                    "coordinates": [c["lon"], c["lat"]],
                    "certainty": "uncertain",
                    "citations": [
                        {
                            "label": one_line(
                                f"candidate site: {c.get('name')}"
                                + (f" ({c['modern_name']})" if c.get("modern_name") else "")
                                + f". Who proposes it: {c.get('proposed_by')}"
                            )
                        }
                    ],
                }
                for c in candidates
            ],
        }
    return {
        "type": "Point",
        "coordinates": list(geometry["coordinates"][:2]),
        "certainty": CERTAINTY.get(str(props.get("precision")), "less-certain"),
        "citations": [{"label": one_line(f"coordinates: {props.get('coord_source')}")}],
    }


def place_feature(atlas: Atlas, place: PlaceFeature) -> dict[str, Any]:
    """One gazetteer place as an LPF Feature."""
    props = place["properties"]
    pid = str(place.get("id") or props.get("id"))
    kind = str(props.get("kind") or "")
    ptype: dict[str, str] = {"label": one_line(kind)}
    if kind in AAT_TYPES:
        ptype = {"identifier": AAT_TYPES[kind][0], "label": AAT_TYPES[kind][1]}
    properties: dict[str, Any] = {"title": one_line(props.get("name")) or pid, "precision": props.get("precision")}
    if kind in FCLASSES:
        properties["fclasses"] = [FCLASSES[kind]]
    if props.get("modern_name"):
        properties["modern_name"] = one_line(props["modern_name"])
    descriptions = []
    if props.get("precision") == "disputed" and props.get("candidates"):
        properties["geometry_note"] = "site disputed: the geometry holds the candidate sites scholars propose"
        descriptions.append(
            {"value": "The site is disputed; the geometry lists the candidate sites, none of them known.", "lang": "en"}
        )
    if props.get("note"):
        descriptions.append({"value": one_line(props["note"]), "lang": "en"})
    feature: dict[str, Any] = {
        "@id": f"{PLACE_PREFIX}:{pid}",
        "type": "Feature",
        "properties": properties,
        "geometry": _geometry(props, place["geometry"]),
        "when": _when(atlas, pid),
        "names": _names(atlas, pid, props),
        "types": [ptype],
    }
    links = authority_links(props)
    if links:
        feature["links"] = links
    if descriptions:
        feature["descriptions"] = descriptions
    return feature


def lpf_collection(atlas: Atlas, version: str, base: str = DEFAULT_BASE) -> dict[str, Any]:
    """The whole gazetteer as an LPF FeatureCollection; ``base`` makes the atlas's prefixes into IRIs."""
    if base.startswith(("http://", "https://")):
        prefixes = {PLACE_PREFIX: f"{base}places/", SOURCE_PREFIX: f"{base}?page=sources&source="}
    else:
        prefixes = {PLACE_PREFIX: f"{base}place:", SOURCE_PREFIX: f"{base}source:"}
    return {
        "@context": [LPF_CONTEXT, prefixes],
        "type": "FeatureCollection",
        "atlas": {"title": ATLAS_TITLE, "data_version": version, "citation": atlas_citation(version)},
        "features": [place_feature(atlas, place) for place in atlas.places.values()],
    }


def lpf_bytes(collection: Mapping[str, Any]) -> bytes:
    """Indented UTF-8 JSON with ``<``, ``>`` and ``&`` as ``\\u`` escapes, safe to inline in an HTML page."""
    text = json.dumps(collection, ensure_ascii=False, indent=1)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n").encode("utf-8")


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    root = json.loads((SCHEMA_DIR / "collection.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(root, registry=Registry().with_resources(resources))


def lpf_problems(collection: Any) -> list[str]:
    """Every way ``collection`` breaks ``data/schema/lpf/``, each naming the feature (``@id``) and the field."""
    problems = []
    for err in sorted(_validator().iter_errors(collection), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(err.absolute_path)
        where = "collection"
        if len(path) >= 2 and path[0] == "features" and isinstance(path[1], int):
            feature = collection["features"][path[1]]
            fid = feature.get("@id") if isinstance(feature, dict) else None
            where, path = f"feature {fid or '#' + str(path[1])}", path[2:]
        field = ".".join(str(p) for p in path) or "(whole)"
        problems.append(f"{where}: {field}: {err.message}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the gazetteer as LPF, after checking it against ``data/schema/lpf/``."""
    ap = argparse.ArgumentParser(prog="python -m geo.lpf", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output file (default: {DEFAULT_OUT})")
    ap.add_argument("--base", default=DEFAULT_BASE, help="IRI the bma:/bmasrc: prefixes expand to (e.g. the site URL)")
    args = ap.parse_args(argv)
    atlas = load_atlas(args.data)
    for problem in atlas.problems:
        print(f"left out: {problem}", file=sys.stderr)
    collection = lpf_collection(atlas, data_version(args.data), args.base)
    problems = lpf_problems(collection)
    if problems:
        print(f"{len(problems)} problem(s); {args.out} not written:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(lpf_bytes(collection))
    print(f"{args.out}: {len(collection['features'])} places, data version {collection['atlas']['data_version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
