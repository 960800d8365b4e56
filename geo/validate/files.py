"""Reading the data files: every way a JSON file can be broken becomes a Problem."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.validate.problems import Problem, rule

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"

#: The data files, by the name the validator and the app use for each.
FILES = {
    "sources": "sources.json",
    "places": "places.geojson",
    "events": "events.geojson",
    "polities": "polities.geojson",
}
#: Data files a folder may go without: none of it is shown then (a fixture with no tours has no tours).
OPTIONAL_FILES = {
    "tours": "tours.json",
}

FILE_MISSING = rule("file-missing", "a data file is not in the data folder")
FILE_UNREADABLE = rule("file-unreadable", "a data file cannot be read (a folder, no permission)")
FILE_EMPTY = rule("file-empty", "a data file is empty")
NOT_UTF8 = rule("not-utf8", "a data file is not UTF-8 text")
NOT_JSON = rule("not-json", "a data file is not valid JSON, or was cut short")


@dataclass
class LoadedFile:
    """A data file as read from disk: its parsed JSON, or ``None`` with the reason."""

    name: str
    doc: Any = None
    problems: list[Problem] = field(default_factory=list)
    #: SHA-256 of the bytes read (None when there were none): what cached results of this file are keyed by.
    digest: str | None = None

    @property
    def ok(self) -> bool:
        """True when the file parsed as JSON."""
        return self.doc is not None


def read_json(path: Path, name: str) -> LoadedFile:
    """Read one JSON file, turning every way it can be broken into a Problem."""
    loaded = LoadedFile(name=name)
    if not path.exists():
        loaded.problems.append(FILE_MISSING(name, None, None, f"file is missing (expected at {path})"))
        return loaded
    try:
        raw = path.read_bytes()
    except OSError as exc:
        loaded.problems.append(FILE_UNREADABLE(name, None, None, f"cannot be read: {exc.strerror}"))
        return loaded
    loaded.digest = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        loaded.problems.append(FILE_EMPTY(name, None, None, "file is empty (expected JSON)"))
        return loaded
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        loaded.problems.append(NOT_UTF8(name, None, None, f"is not UTF-8 text (byte {exc.start}); expected UTF-8 JSON"))
        return loaded
    try:
        loaded.doc = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = "not valid JSON (truncated?)" if _unclosed(text) else "not valid JSON"
        loaded.problems.append(
            NOT_JSON(name, None, None, f"{hint}: {exc.msg} at line {exc.lineno}, column {exc.colno}")
        )
    return loaded


def _unclosed(text: str) -> bool:
    """True when brackets or a string are still open at the end: the file was cut short."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
    return in_string or depth > 0
