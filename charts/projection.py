"""The map's projection: Lambert azimuthal equal-area on a sphere, centred on Europe.

The centre is EPSG:3035's (52°N 10°E), the projection Eurostat draws Europe in:
areas keep their proportions, so a country's shading is not flattered by its size.
The outline builder and the renderer both project through here, so a city's
point lands exactly where the outlines put its country.
"""

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Frame:
    """Which part of the projected plane the map shows, and at what scale.

    `west` and `north` are the top-left corner in kilometres from the centre
    (east and north positive); one map unit is `km_per_unit` kilometres.
    """

    centre_lat: float
    centre_lon: float
    west: float
    north: float
    km_per_unit: float
    width: float
    height: float

    def project(self, lat, lon):
        """(x, y) in map units, y downwards as in SVG, for a point in degrees."""
        east_km, north_km = lambert_azimuthal_equal_area(lat, lon, self.centre_lat, self.centre_lon)
        return (east_km - self.west) / self.km_per_unit, (self.north - north_km) / self.km_per_unit

    def contains(self, x, y):
        return 0 <= x <= self.width and 0 <= y <= self.height


def lambert_azimuthal_equal_area(lat, lon, centre_lat, centre_lon):
    """(east, north) in kilometres from the centre, on a sphere of the Earth's mean radius."""
    phi, phi0 = math.radians(lat), math.radians(centre_lat)
    delta_lambda = math.radians(lon - centre_lon)
    cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(delta_lambda)
    k = math.sqrt(2 / (1 + cos_c)) if cos_c > -1 else 0.0  # the antipode has no single image
    east = k * math.cos(phi) * math.sin(delta_lambda)
    north = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(delta_lambda))
    return east * EARTH_RADIUS_KM, north * EARTH_RADIUS_KM
