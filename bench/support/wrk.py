"""The same bounded load as `client.hammer`, from wrk (Debian's `wrk`, C, event loop) when it is
installed: 50 Python threads on the 2 cores the server uses inflate the latencies they measure
(a response waits for its thread to be scheduled) and cap the rate. wrk cycles through the
paths with a Lua script and prints its percentiles in its `done` hook."""

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SCRIPT = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("PTCE %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


@dataclass
class WrkResult:
    seconds: float
    requests: int
    errors: int
    percentiles: dict  # 0.5, 0.95, 0.99 → ms

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        return self.percentiles[p]


def available() -> bool:
    return shutil.which("wrk") is not None


def hammer(base: str, paths: list[str], *, connections: int, seconds: float) -> WrkResult:
    quoted = ", ".join(json.dumps(path) for path in paths)  # a JSON string is a Lua string
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "mix.lua"
        script.write_text(SCRIPT % quoted)
        output = subprocess.run(  # noqa: S603 (our own arguments)
            [
                "wrk",
                "--threads=2",
                f"--connections={connections}",
                f"--duration={max(1, round(seconds))}s",
                "--timeout=30s",
                f"--script={script}",
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    line = next(line for line in output.splitlines() if line.startswith("PTCE "))
    requests, errors, duration_us, p50, p95, p99 = map(int, line.split()[1:])
    return WrkResult(
        seconds=duration_us / 1e6,
        requests=requests - errors,
        errors=errors,
        percentiles={0.5: p50 / 1000, 0.95: p95 / 1000, 0.99: p99 / 1000},
    )
