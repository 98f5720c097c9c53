"""Just enough of (E)WKB, in hexadecimal, to read points and (multi)polygons without GEOS."""

import struct

POINT, POLYGON, MULTIPOLYGON = 1, 3, 6
SRID_FLAG = 0x20000000


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def unpack(self, fmt: str):
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return values

    def header(self) -> tuple[str, int]:
        (order,) = self.unpack("B")
        endian = "<" if order == 1 else ">"
        (kind,) = self.unpack(endian + "I")
        if kind & SRID_FLAG:
            self.unpack(endian + "I")
        return endian, kind & 0xFFFF

    def ring(self, endian: str) -> list[tuple[float, float]]:
        (count,) = self.unpack(endian + "I")
        flat = self.unpack(endian + "d" * 2 * count)
        return list(zip(flat[::2], flat[1::2], strict=True))

    def polygon(self, endian: str) -> list[list[tuple[float, float]]]:
        (rings,) = self.unpack(endian + "I")
        return [self.ring(endian) for _ in range(rings)]


def _reader(hex_text: str) -> _Reader | None:
    if not hex_text or hex_text == "\\N":
        return None
    return _Reader(bytes.fromhex(hex_text))


def parse_point(hex_text: str) -> tuple[float, float] | None:
    """(x, y), that is (longitude, latitude), or None."""
    reader = _reader(hex_text)
    if reader is None:
        return None
    endian, kind = reader.header()
    if kind != POINT:
        raise ValueError(f"point attendu, type WKB {kind}")
    return reader.unpack(endian + "dd")


def parse_polygons(hex_text: str) -> list[list[list[tuple[float, float]]]]:
    """The polygons (each a list of rings) of a Polygon or MultiPolygon; [] when empty."""
    reader = _reader(hex_text)
    if reader is None:
        return []
    endian, kind = reader.header()
    if kind == POLYGON:
        return [reader.polygon(endian)]
    if kind != MULTIPOLYGON:
        raise ValueError(f"polygone attendu, type WKB {kind}")
    (count,) = reader.unpack(endian + "I")
    polygons = []
    for _ in range(count):
        part_endian, _kind = reader.header()
        polygons.append(reader.polygon(part_endian))
    return polygons


def _area_and_centroid(ring):
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, (sum(xs) / len(xs), sum(ys) / len(ys))
    return abs(area), (cx / (6 * area), cy / (6 * area))


def contains(polygons, point) -> bool:
    """Even-odd ray casting over every ring (holes included)."""
    x, y = point
    inside = False
    for polygon in polygons:
        for ring in polygon:
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
                    inside = not inside
    return inside


def interior_point(polygons) -> tuple[float, float]:
    """A point inside the largest polygon, as (x, y): its centroid when that falls inside, else
    the middle of the widest stretch of the horizontal line through the centroid."""
    largest = max(polygons, key=lambda polygon: _area_and_centroid(polygon[0])[0])
    cx, cy = _area_and_centroid(largest[0])[1]
    if contains([largest], (cx, cy)):
        return cx, cy
    y = cy + 1e-9  # off any vertex
    crossings = sorted(
        x0 + (x1 - x0) * (y - y0) / (y1 - y0)
        for ring in largest
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)
        if (y0 > y) != (y1 > y)
    )
    stretches = list(zip(crossings[::2], crossings[1::2], strict=False))
    if not stretches:
        return cx, cy
    left, right = max(stretches, key=lambda s: s[1] - s[0])
    return (left + right) / 2, y
