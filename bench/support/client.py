"""A bounded HTTP load on loopback from Python threads (no internet, no extra tool): each
thread sends GETs one after another (gunicorn's sync workers close each connection) until the
time is up. Returns the latencies and the errors."""

import http.client
import itertools
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Result:
    seconds: float
    latencies: list[float] = field(default_factory=list)  # ms, successful requests
    errors: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


def hammer(base: str, paths: list[str], *, connections: int, seconds: float) -> Result:
    """`connections` threads cycling through `paths` for `seconds`."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    result, lock = Result(seconds), threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(offset: int) -> None:
        latencies, errors = [], 0
        for path in itertools.islice(itertools.cycle(paths), offset, None):
            if time.monotonic() >= deadline:
                break
            start = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(host, port, timeout=30)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status == 200:  # noqa: PLR2004
                    latencies.append((time.perf_counter() - start) * 1000)
                else:
                    errors += 1
            except OSError:
                errors += 1
        with lock:
            result.latencies.extend(latencies)
            result.errors += errors

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result
