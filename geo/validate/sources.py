"""``sources.json`` and every citation: unique source ids, seeds unchanged, quotes verbatim."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from geo.sources import SeedText, load_seed
from geo.validate.files import LoadedFile
from geo.validate.problems import Problem, excerpt, rule

DUPLICATE_SOURCE_ID = rule("duplicate-source-id", "two sources of sources.json share an id")
SEED_UNREADABLE = rule("seed-unreadable", "a source's seed file is missing or not UTF-8 text")
SEED_CHANGED = rule("seed-changed", "a seed file no longer matches its recorded SHA-256")
UNKNOWN_SOURCE = rule("unknown-source", "a citation names a source that sources.json does not list")
QUOTE_NOT_VERBATIM = rule("quote-not-verbatim", "a citation's quote is not a verbatim span of its seed")


def check_sources(loaded: LoadedFile, root: Path) -> tuple[list[Problem], dict[str, SeedText], dict[str, dict]]:
    """Unique ids, and that each seed file exists (and matches its recorded hash); the seeds, the catalogue."""
    name = loaded.name
    problems: list[Problem] = []
    seeds: dict[str, SeedText] = {}
    catalogue: dict[str, dict] = {}
    for i, src in enumerate(loaded.doc.get("sources", []) if isinstance(loaded.doc, dict) else []):
        if not isinstance(src, dict) or not isinstance(src.get("id"), str):
            continue
        sid = src["id"]
        if sid in catalogue:
            message = f"duplicate source id (also source #{i}); ids must be unique"
            problems.append(DUPLICATE_SOURCE_ID(name, sid, "id", message))
            continue
        path = root / str(src.get("file", ""))
        if not path.is_file():
            problems.append(SEED_UNREADABLE(name, sid, "file", f"seed file {src.get('file')!r} does not exist"))
            continue
        if src.get("sha256"):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != src["sha256"]:
                message = (
                    f"seed file {src['file']} has changed (sha256 {digest[:12]}…, "
                    f"expected {src['sha256'][:12]}…); seeds must stay byte-identical"
                )
                problems.append(SEED_CHANGED(name, sid, "sha256", message))
        try:
            seeds[sid] = load_seed(sid, path)
        except UnicodeDecodeError as exc:
            message = f"seed file {src['file']!r} is not UTF-8 text (byte {exc.start}); quotes cannot be checked"
            problems.append(SEED_UNREADABLE(name, sid, "file", message))
            continue
        catalogue[sid] = src
    return problems, seeds, catalogue


def role_of(citation: dict[str, Any]) -> str:
    """What a citation does for its event's claim (data/README.md, Citations); one that does not say supports it."""
    role = citation.get("role")
    return role if isinstance(role, str) else "supports"


def supporting_citations(citations: Any) -> list[dict[str, Any]]:
    """The citations of a list whose role is ``supports``: the only ones an event's reliability may rest on."""
    if not isinstance(citations, list):
        return []
    return [c for c in citations if isinstance(c, dict) and role_of(c) == "supports"]


def citation_problems(name: str, fid: str, fld: str, citations: Any, seeds: dict[str, SeedText]) -> list[Problem]:
    """Each citation of ``citations`` (at field ``fld``) names a known source and quotes it verbatim."""
    problems: list[Problem] = []
    if not isinstance(citations, list):
        return problems
    for ci, cit in enumerate(citations):
        if not isinstance(cit, dict):
            continue
        sid, quote = cit.get("source"), cit.get("quote")
        path = f"{fld}[{ci}]"
        if sid not in seeds:
            message = f"unknown source {sid!r} (expected one of {', '.join(sorted(seeds))})"
            problems.append(UNKNOWN_SOURCE(name, fid, f"{path}.source", message))
            continue
        if isinstance(quote, str) and not seeds[sid].contains(quote):
            message = (
                f"quote {excerpt(quote, 70)} is not a verbatim span of {seeds[sid].path.name} "
                "(after the whitespace/hyphenation normalisation of data/README.md)"
            )
            problems.append(QUOTE_NOT_VERBATIM(name, fid, f"{path}.quote", message))
    return problems
