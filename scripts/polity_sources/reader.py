"""Read and check the polity source files of this folder (how to edit them: README.md here).

``read_sources()`` parses ``regions.toml``, ``atlases.toml``, ``ranking.toml`` and one
``polities/<id>.toml`` per polity with Python's own ``tomllib``, checks their structure and
their references to each other, and returns plain dataclasses for ``scripts/build_polities.py``.
Like ``geo.validate``, it collects every problem first and raises one error listing them all,
each naming the file, the entry and the field, so a contributor fixes the files in one pass.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.timemodel import YEAR_MAX, YEAR_MIN, DateError, years_of

FOLDER = Path(__file__).resolve().parent
STATUSES = ("sovereign", "vassal", "tributary", "contested")
PRECISIONS = (1, 2, 3)
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_POLITY_FIELDS = ("color", "names_in_texts", "period", "citation", "border")
_PERIOD_FIELDS = ("start", "end", "name", "status", "overlord", "capital")
_BORDER_FIELDS = (
    "start",
    "start_edtf",
    "end",
    "end_edtf",
    "regions",
    "clip",
    "minus",
    "on_top",
    "border_precision",
    "follows",
    "note",
    "citation",
)
_CITATION_FIELDS = ("source", "locator", "quote", "note", "primary_authorities")

Ring = list[tuple[float, float]]
Citation = dict[str, Any]  # the data contract's shape: source, locator, quote, primary_authorities[, note]


class PolitySourceError(ValueError):
    """Problems in the polity source files; ``problems`` lists each, naming file, entry and field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("the polity sources have problems:\n  " + "\n  ".join(problems))


@dataclass(frozen=True)
class Period:
    """A span of years in which a polity's name, status, overlord and capital stay the same."""

    start: int
    end: int
    name: str
    status: str
    overlord: str | None
    capital: str


@dataclass(frozen=True)
class Border:
    """The named regions a polity holds from ``start`` to ``end`` (inclusive years)."""

    polity: str
    start: int
    end: int
    regions: tuple[str, ...]
    border_precision: int
    border_note: str
    start_edtf: str | None = None
    end_edtf: str | None = None
    clip: str | None = None
    minus: str | None = None
    on_top: bool = False
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Polity:
    """One polity file: its colour, names, periods, citations and borders (in file order); made by keyword."""

    id: str
    path: Path
    color: str
    names_in_texts: tuple[str, ...]
    periods: tuple[Period, ...]
    citations: tuple[Citation, ...]
    borders: tuple[Border, ...]

    def period_in(self, year: int) -> Period | None:
        """The period that contains ``year``, or None."""
        return next((p for p in self.periods if p.start <= year <= p.end), None)


@dataclass(frozen=True)
class PolitySources:
    """Everything the build needs: named regions and the polities, highest-ranked first."""

    regions: dict[str, list[Ring]]
    polities: dict[str, Polity]

    @property
    def ranking(self) -> list[str]:
        """Polity ids, highest first (``ranking.toml``)."""
        return list(self.polities)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class _Problems(list[str]):
    """Collects problems; ``where`` names the file and the entry, ``key`` the field."""

    def field(self, where: str, key: str, message: str) -> None:
        self.append(f"{where}: field '{key}': {message}")

    def unknown_fields(self, where: str, table: dict[str, Any], allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                near = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{near[0]}'?" if near else "expected one of " + ", ".join(allowed)
                self.field(where, key, f"unknown field ({hint})")

    def text(self, where: str, table: dict[str, Any], key: str, required: bool = True) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.field(where, key, "missing (expected a text in quotes)")
            return None
        if not isinstance(value, str) or not value.strip():
            self.field(where, key, f"expected a non-empty text in quotes, not {value!r}")
            return None
        return value

    def year(self, where: str, table: dict[str, Any], key: str) -> int | None:
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.field(where, key, "missing (expected a year)" if value is None else f"expected a year, not {value!r}")
            return None
        if not YEAR_MIN <= value <= YEAR_MAX:
            self.field(where, key, f"{value} is outside the atlas's years {YEAR_MIN}–{YEAR_MAX}")
            return None
        return value

    def texts(self, where: str, table: dict[str, Any], key: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.field(where, key, f"expected a list of texts in quotes, not {value!r}")
            return []
        return value

    def tables(self, where: str, table: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.field(where, key, f"expected [[{key}]] blocks, not {value!r}")
            return []
        return value


def _read_toml(path: Path, problems: _Problems) -> dict[str, Any] | None:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        problems.append(f"{_shown(path)}: file missing")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(f"{_shown(path)}: not valid TOML: {exc}")
    return None


def _is_vertex(vertex: Any) -> bool:
    if not isinstance(vertex, list) or len(vertex) != 2:
        return False
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vertex):
        return False
    return -180 <= vertex[0] <= 180 and -90 <= vertex[1] <= 90


def _regions(doc: dict[str, Any], file: str, problems: _Problems) -> dict[str, list[Ring]]:
    regions: dict[str, list[Ring]] = {}
    for name, blocks in doc.items():
        if not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
            problems.append(f"{file}: {name}: expected [[{name}]] blocks, each with an outline")
            continue
        rings: list[Ring] = []
        for n, block in enumerate(blocks, 1):
            where = f"{file}, [[{name}]] #{n}"
            problems.unknown_fields(where, block, ("outline",))
            ring = block.get("outline")
            if not isinstance(ring, list) or len(ring) < 3:
                problems.field(where, "outline", "expected a list of at least 3 [longitude, latitude] vertices")
            elif (bad := next((v for v in ring if not _is_vertex(v)), None)) is not None:
                problems.field(where, "outline", f"vertex {bad!r} is not [longitude, latitude] in degrees")
            else:
                rings.append([(float(lon), float(lat)) for lon, lat in ring])
        regions[name] = rings
    return regions


def _citations(where: str, table: dict[str, Any], problems: _Problems) -> tuple[Citation, ...]:
    out: list[Citation] = []
    for n, cit in enumerate(problems.tables(where, table, "citation"), 1):
        here = f"{where}, citation #{n}"
        problems.unknown_fields(here, cit, _CITATION_FIELDS)
        source, locator = problems.text(here, cit, "source"), problems.text(here, cit, "locator")
        quote, note = problems.text(here, cit, "quote"), problems.text(here, cit, "note", required=False)
        if source is not None and not _SLUG.match(source):
            problems.field(here, "source", f"{source!r} is not a source id of data/sources.json")
        authorities = problems.texts(here, cit, "primary_authorities")
        if source and locator and quote:
            c: Citation = {"source": source, "locator": locator, "quote": quote, "primary_authorities": authorities}
            if note:
                c["note"] = note
            out.append(c)
    return tuple(out)


@dataclass(frozen=True)
class _Context:
    """What a polity file may refer to: the named regions, the atlases and the other polities."""

    regions: dict[str, list[Ring]]
    atlases: dict[str, str]
    polity_ids: frozenset[str]


def _label(file: str, kind: str, n: int, table: dict[str, Any]) -> str:
    """``file, border #3 (1263–1339)``: the entry a problem is in, with its years when they are readable."""
    start, end = table.get("start"), table.get("end")
    years = f" ({start}–{end})" if isinstance(start, int) and isinstance(end, int) else ""
    return f"{file}, {kind} #{n}{years}"


def _years(where: str, table: dict[str, Any], problems: _Problems) -> tuple[int, int] | None:
    start, end = problems.year(where, table, "start"), problems.year(where, table, "end")
    if start is None or end is None:
        return None
    if start > end:
        problems.field(where, "end", f"{end} is before start {start}")
        return None
    return start, end


def _period(where: str, table: dict[str, Any], ctx: _Context, problems: _Problems) -> Period | None:
    problems.unknown_fields(where, table, _PERIOD_FIELDS)
    years = _years(where, table, problems)
    name, capital = problems.text(where, table, "name"), problems.text(where, table, "capital")
    status, overlord = table.get("status"), problems.text(where, table, "overlord", required=False)
    if status not in STATUSES:
        told = "missing" if status is None else f"{status!r} is not valid"
        problems.field(where, "status", f"{told} (expected one of " + ", ".join(STATUSES) + ")")
    elif status in ("vassal", "tributary") and overlord is None:
        problems.field(where, "overlord", f"missing: a {status} names its overlord (a polity id)")
    elif status == "sovereign" and overlord is not None:
        problems.field(where, "overlord", "a sovereign polity has no overlord")
    if overlord is not None and overlord not in ctx.polity_ids:
        problems.field(where, "overlord", f"unknown polity {overlord!r} (expected a file name in polities/)")
    if capital is not None and not _SLUG.match(capital):
        problems.field(where, "capital", f"{capital!r} is not a place id of data/places.geojson")
    if years is None or name is None or capital is None or status not in STATUSES:
        return None
    return Period(years[0], years[1], name, status, overlord, capital)


def _edtf(where: str, table: dict[str, Any], key: str, year: int | None, problems: _Problems) -> str | None:
    value = problems.text(where, table, key, required=False)
    if value is None:
        return None
    try:
        span = years_of(value)
    except DateError as exc:
        problems.field(where, key, str(exc))
        return None
    strict = span.start if key == "start_edtf" else span.end
    bound = "start" if key == "start_edtf" else "end"
    if year is not None and strict != year:
        problems.field(where, key, f"{value!r} gives the year {strict}, but {bound} is {year}: make them agree")
    return value


def _region_names(where: str, table: dict[str, Any], ctx: _Context, problems: _Problems) -> None:
    named = [(k, v) for k in ("clip", "minus") if isinstance(v := table.get(k), str)]
    named += [("regions", v) for v in table.get("regions", []) if isinstance(v, str)]
    for key, name in named:
        if name not in ctx.regions:
            near = difflib.get_close_matches(name, list(ctx.regions), n=1)
            hint = f"did you mean {near[0]}?" if near else "regions.toml names the regions"
            problems.field(where, key, f"unknown region {name!r} ({hint})")


def _border(polity: str, where: str, table: dict[str, Any], ctx: _Context, problems: _Problems) -> Border | None:
    problems.unknown_fields(where, table, _BORDER_FIELDS)
    years = _years(where, table, problems)
    regions = problems.texts(where, table, "regions")
    if "regions" not in table:
        problems.field(where, "regions", "missing (expected a list of region names from regions.toml)")
    elif table["regions"] == []:
        problems.field(where, "regions", "expected at least one region name")
    clip, minus = problems.text(where, table, "clip", False), problems.text(where, table, "minus", False)
    _region_names(where, table, ctx, problems)
    precision = table.get("border_precision")
    if precision not in PRECISIONS or isinstance(precision, bool):
        told = "missing" if precision is None else f"{precision!r} is not valid"
        problems.field(where, "border_precision", f"{told} (expected 1, 2 or 3)")
    follows, note = problems.text(where, table, "follows", False), problems.text(where, table, "note", False)
    if follows is not None and follows not in ctx.atlases:
        keys = ", ".join(ctx.atlases)
        problems.field(where, "follows", f"{follows!r} is not a key of atlases.toml ({keys})")
    if follows is None and note is None:
        problems.field(where, "note", "missing: a border names the atlas it follows (follows) or has a note")
    on_top = table.get("on_top", False)
    if not isinstance(on_top, bool):
        problems.field(where, "on_top", f"expected true or false, not {on_top!r}")
    start_edtf = _edtf(where, table, "start_edtf", years and years[0], problems)
    end_edtf = _edtf(where, table, "end_edtf", years and years[1], problems)
    citations = _citations(where, table, problems)
    if years is None or not regions or precision not in PRECISIONS:
        return None
    # The atlas comes first and the border's own remark continues it: "After X ...; schematic; lost in 1304."
    border_note = "; ".join(t for t in (ctx.atlases.get(follows or ""), note) if t)
    return Border(
        polity, *years, tuple(regions), precision, border_note, start_edtf, end_edtf, clip, minus, on_top, citations
    )


def _spans(years: list[int]) -> str:
    """1262, 1263, 1264, 1300 -> '1262–1264, 1300'."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def _polity(path: Path, doc: dict[str, Any], ctx: _Context, problems: _Problems) -> Polity | None:
    file, pid = _shown(path), path.stem
    if not _SLUG.match(pid):
        problems.append(f"{file}: the file name must be the polity id, lower-case words joined by '-'")
    problems.unknown_fields(file, doc, _POLITY_FIELDS)
    color = problems.text(file, doc, "color")
    if color is not None and not _COLOR.match(color):
        problems.field(file, "color", f'{color!r} is not a colour like "#7b3294"')
    names_in_texts = problems.texts(file, doc, "names_in_texts")
    period_tables = problems.tables(file, doc, "period")
    periods: list[Period] = []
    for n, table in enumerate(period_tables, 1):
        where = _label(file, "period", n, table)
        period = _period(where, table, ctx, problems)
        if period is not None:
            if periods and period.start <= periods[-1].end:
                problems.field(where, "start", f"{period.start} is not after the end of the period before it")
            periods.append(period)
    if not period_tables:
        problems.append(f"{file}: no [[period]] (a polity needs at least one name, status and capital)")
    citations = _citations(file, doc, problems)
    border_tables = problems.tables(file, doc, "border")
    borders: list[Border] = []
    for n, table in enumerate(border_tables, 1):
        where = _label(file, "border", n, table)
        border = _border(pid, where, table, ctx, problems)
        if border is None:
            continue
        borders.append(border)
        # Checked only when every period was readable, so one typo does not report a gap as well.
        uncovered = [y for y in range(border.start, border.end + 1) if not any(p.start <= y <= p.end for p in periods)]
        if uncovered and len(periods) == len(period_tables):
            problems.append(
                f"{where}: {'the year' if len(uncovered) == 1 else 'the years'} {_spans(uncovered)} "
                f"{'falls' if len(uncovered) == 1 else 'fall'} in no [[period]] of this polity "
                "(every year a border is drawn needs a name, status and capital)"
            )
    if not border_tables:
        problems.append(f"{file}: no [[border]] (a polity with no land is not drawn)")
    if color is None:
        return None
    # By name: four of the seven fields are tuples, easy to pass in the wrong order.
    return Polity(
        id=pid,
        path=path,
        color=color,
        names_in_texts=tuple(names_in_texts),
        periods=tuple(periods),
        citations=citations,
        borders=tuple(borders),
    )


def read_sources(folder: Path = FOLDER) -> PolitySources:
    """Read and check every polity source file in ``folder``.

    Raises
    ------
    PolitySourceError
        Listing every problem found, each naming its file, entry and field.
    """
    problems = _Problems()
    regions_doc = _read_toml(folder / "regions.toml", problems) or {}
    regions = _regions(regions_doc, _shown(folder / "regions.toml"), problems)
    atlases_doc = _read_toml(folder / "atlases.toml", problems) or {}
    atlases: dict[str, str] = {}
    for key, text in atlases_doc.items():
        if isinstance(text, str) and text.strip():
            atlases[key] = text
        else:
            problems.field(_shown(folder / "atlases.toml"), key, f"expected a text in quotes, not {text!r}")
    ranking_file = _shown(folder / "ranking.toml")
    ranking_doc = _read_toml(folder / "ranking.toml", problems) or {}
    problems.unknown_fields(ranking_file, ranking_doc, ("ranking",))
    ranking = problems.texts(ranking_file, ranking_doc, "ranking")
    for pid in sorted({p for p in ranking if ranking.count(p) > 1}):
        problems.field(ranking_file, "ranking", f"{pid!r} is listed more than once")

    paths = sorted((folder / "polities").glob("*.toml"))
    ctx = _Context(regions, atlases, frozenset(p.stem for p in paths))
    for path in paths:
        if path.stem not in ranking:
            problems.field(ranking_file, "ranking", f"{path.stem!r} is missing (polities/{path.name} exists)")
    for pid in ranking:
        if pid not in ctx.polity_ids:
            problems.field(ranking_file, "ranking", f"{pid!r} has no file polities/{pid}.toml")

    polities: dict[str, Polity] = {}
    for path in paths:
        doc = _read_toml(path, problems)
        polity = _polity(path, doc, ctx, problems) if doc is not None else None
        if polity is not None:
            polities[polity.id] = polity
    if problems:
        raise PolitySourceError(list(problems))
    return PolitySources(regions, {pid: polities[pid] for pid in ranking})
