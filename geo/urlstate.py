"""The shareable URL: one table of query parameters, read from a link and written back.

Each row of :data:`PARAMS` says what a parameter is called in the URL, which :class:`UrlState`
attribute holds it, how a string from a link is checked (a parser returning ``None`` for anything
invalid), why an invalid value was refused, and when the parameter is left out of a written URL.
:func:`parse_url_state` and :func:`url_params` both walk that table, so a new parameter is one row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from geo.render import MAX_ZOOM, MIN_ZOOM
from geo.timemodel import YEAR_MAX, YEAR_MIN
from geo.tours import STEPS_MAX
from geo.windows import WINDOW_MODES, WINDOW_N_MAX

PAGES = ("atlas", "sources")
#: A search longer than this is cut: a link is not a place for essays.
SEARCH_MAX = 200


@dataclass
class UrlState:
    """Everything a shared link can carry, validated; ``None`` means "not in the link"."""

    year: int | None = None
    window: str | None = None
    n: int | None = None
    kinds: list[str] | None = None
    polities: list[str] | None = None
    sources: list[str] | None = None
    hide_unreliable: bool | None = None
    q: str | None = None
    event: str | None = None
    page: str | None = None
    source: str | None = None
    cite: int | None = None
    view: str | None = None  #: the map's "lat,lon,zoom", written and read by the map itself (atlasInit viewParam)
    relations: bool | None = None
    tour: str | None = None
    step: int | None = None
    tour_paused: bool | None = None
    #: parameter name -> why it was ignored
    invalid: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Choices:
    """What this atlas has, for the parameters that must name something in it."""

    event_ids: frozenset[str]
    kinds: frozenset[str]
    polities: frozenset[str]
    sources: frozenset[str]
    #: tour id -> its number of steps
    tour_steps: Mapping[str, int] = field(default_factory=dict)


Parser = Callable[[str, Choices], Any]

_INT = re.compile(r"^-?[0-9]{1,6}$")


def _int_in(lo: int, hi: int) -> Parser:
    def parse(value: str, _choices: Choices) -> int | None:
        if not _INT.match(value.strip()):
            return None
        v = int(value.strip())  # int() accepts fewer spaces than str.strip() removes (\x1c..\x1f)
        return v if lo <= v <= hi else None

    return parse


def _one_of(allowed: Iterable[str]) -> Parser:
    allowed = tuple(allowed)
    return lambda value, _choices: value if value in allowed else None


def _tour_of(value: str, choices: Choices) -> str | None:
    return value if value in choices.tour_steps else None


def _in_a_tour(state: UrlState) -> bool:
    return state.tour is not None


def _member(choice: str) -> Parser:
    return lambda value, choices: value if value in getattr(choices, choice) else None


def _list_of(choice: str) -> Parser:
    def parse(value: str, choices: Choices) -> list[str] | None:
        items = [v for v in value.split(",") if v]
        if not items or any(v not in getattr(choices, choice) for v in items):
            return None
        return list(dict.fromkeys(items))

    return parse


def _flag(value: str, _choices: Choices) -> bool | None:
    return {"1": True, "0": False}.get(value)


_VIEW = re.compile(r"^(-?[0-9]{1,2}(?:\.[0-9]{1,6})?),(-?[0-9]{1,3}(?:\.[0-9]{1,6})?),([0-9]{1,2})$")
#: The zooms the map allows (geo/livemap.py live_base_map).
VIEW_ZOOMS = (MIN_ZOOM, MAX_ZOOM)


def parse_view(value: str, _choices: Choices | None = None) -> str | None:
    """The map view ``"lat,lon,zoom"`` if it is one the map can show (as given), else None."""
    m = _VIEW.match(value.strip())
    if not m:
        return None
    lat, lon, zoom = float(m[1]), float(m[2]), int(m[3])
    ok = -85 <= lat <= 85 and -180 <= lon <= 180 and VIEW_ZOOMS[0] <= zoom <= VIEW_ZOOMS[1]
    return value.strip() if ok else None


def _text(value: str, _choices: Choices) -> str:
    return value[:SEARCH_MAX]


def _written(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ",".join(value)
    return str(value)


@dataclass(frozen=True)
class Param:
    """One query parameter of the atlas."""

    name: str  #: in the URL
    attr: str  #: on UrlState
    parse: Parser  #: the checked value, or None when invalid
    why: str  #: shown when a link's value is invalid
    omit: Any = None  #: a value a written URL leaves out (``None`` always is): keeps links short
    only_if: Callable[[UrlState], bool] | None = None  #: written only in this state


def _on_sources_page(state: UrlState) -> bool:
    return state.page == "sources"


PARAMS: tuple[Param, ...] = (
    Param("year", "year", _int_in(YEAR_MIN, YEAR_MAX), f"must be a year from {YEAR_MIN} to {YEAR_MAX}"),
    Param("window", "window", _one_of(WINDOW_MODES), "must be one of " + ", ".join(WINDOW_MODES), omit="year"),
    Param(
        "n",
        "n",
        _int_in(1, WINDOW_N_MAX),
        f"must be a number of years from 1 to {WINDOW_N_MAX}",
        only_if=lambda state: state.window == "around",
    ),
    Param("kind", "kinds", _list_of("kinds"), "names something this atlas does not have", omit=[]),
    Param("polity", "polities", _list_of("polities"), "names something this atlas does not have", omit=[]),
    Param("source_filter", "sources", _list_of("sources"), "names something this atlas does not have", omit=[]),
    Param("hide_unreliable", "hide_unreliable", _flag, "must be 1 or 0", omit=False),
    Param("q", "q", _text, "", omit=""),  # any text is a valid search
    Param("event", "event", _member("event_ids"), "is not an event of this atlas", omit=""),
    Param("page", "page", _one_of(PAGES), "must be " + " or ".join(PAGES), omit="atlas"),
    Param("source", "source", _member("sources"), "is not a source of this atlas", omit="", only_if=_on_sources_page),
    Param("cite", "cite", _int_in(0, 999), "must be a citation number", only_if=_on_sources_page),
    Param(
        "view",
        "view",
        parse_view,
        f"must be latitude,longitude,zoom (zoom {VIEW_ZOOMS[0]} to {VIEW_ZOOMS[1]})",
        omit="",  # kept on the sources page too, so the way back opens the map where the reader left it
    ),
    Param("relations", "relations", _flag, "must be 1 or 0", omit=False),
    Param("tour", "tour", _tour_of, "is not a tour of this atlas"),
    Param("step", "step", _int_in(1, STEPS_MAX), f"must be a step number from 1 to {STEPS_MAX}", only_if=_in_a_tour),
    Param("paused", "tour_paused", _flag, "must be 1 or 0", omit=False, only_if=_in_a_tour),
)
#: Every parameter name a link of this atlas may carry.
PARAM_NAMES = tuple(p.name for p in PARAMS)


def parse_url_state(
    params: Mapping[str, str],
    *,
    event_ids: Iterable[str],
    kinds: Iterable[str],
    polities: Iterable[str],
    sources: Iterable[str],
    tour_steps: Mapping[str, int] | None = None,
) -> UrlState:
    """Validate query parameters; anything invalid lands in ``.invalid`` (name -> why) and is ignored.

    ``tour_steps`` gives each tour's number of steps: a ``step`` must be one of its tour's, and needs a tour.
    """
    choices = Choices(
        frozenset(event_ids), frozenset(kinds), frozenset(polities), frozenset(sources), dict(tour_steps or {})
    )
    parsed = UrlState()
    for name in params:
        if name not in PARAM_NAMES:
            parsed.invalid[name] = "is not a parameter of this atlas"
    for param in PARAMS:
        if param.name not in params:
            continue
        value = param.parse(str(params[param.name]), choices)
        setattr(parsed, param.attr, value)
        if value is None:
            parsed.invalid[param.name] = param.why
    _check_step(parsed, params, choices)
    return parsed


def _check_step(parsed: UrlState, params: Mapping[str, str], choices: Choices) -> None:
    """A step belongs to a tour. A bad tour or a bad step gives the plain atlas (and the notice says why)."""
    if parsed.tour is None:
        if "step" in params and "tour" not in params:
            parsed.invalid["step"] = "needs a tour (tour=…)"
        parsed.step, parsed.tour_paused = None, None
        return
    count = choices.tour_steps[parsed.tour]
    if "step" in params and (parsed.step is None or parsed.step > count):
        parsed.invalid["step"] = f"must be a step of this tour, from 1 to {count}"
        parsed.tour, parsed.step, parsed.tour_paused = None, None, None


def url_params(state: UrlState) -> dict[str, str]:
    """The query parameters that reproduce ``state``; defaults are left out to keep links short."""
    out: dict[str, str] = {}
    for param in PARAMS:
        value = getattr(state, param.attr)
        if isinstance(value, tuple):
            value = list(value)
        if value is None or value == param.omit or (param.only_if is not None and not param.only_if(state)):
            continue
        out[param.name] = _written(value)
    return out
