"""The country outlines the portal ships (charts/data/europe_outlines.json), read once per process."""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from charts.projection import Frame

OUTLINES_FILE = Path(__file__).resolve().parent / "data" / "europe_outlines.json"


@dataclass(frozen=True)
class CountryOutline:
    code: str
    path: str  # SVG path data in map units, for the even-odd fill rule
    coarse_path: str  # the same, simplified further, for the small map
    label_x: float  # a point well inside the country's largest part
    label_y: float
    area: float  # map units²


@dataclass(frozen=True)
class Outlines:
    frame: Frame
    countries: dict  # ISO alpha-2 code → CountryOutline
    source: str


@functools.cache
def europe_outlines():
    data = json.loads(OUTLINES_FILE.read_text(encoding="utf-8"))
    countries = {
        code: CountryOutline(code=code, path=entry["d"], coarse_path=entry["coarse_d"], label_x=entry["label"][0],
                             label_y=entry["label"][1], area=entry["area"])
        for code, entry in data["countries"].items()
    }  # fmt: skip
    return Outlines(frame=Frame(**data["frame"]), countries=countries, source=data["source"]["data"])
