"""The processes of the multi-process test: started in sessions of their own (their children
too), logged to files, and all stopped — TERM, then KILL — whatever happens."""

import contextlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


class Processes:
    def __init__(self, *, root: Path, logs: Path, env: dict):
        self.root, self.logs, self.env = root, logs, env
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, args: list[str]) -> subprocess.Popen:
        with open(self.logs / f"{name}.log", "wb") as log:
            process = subprocess.Popen(  # noqa: S603 (our own commands)
                args,
                cwd=self.root,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.running[name] = process
        return process

    def name_of(self, pid: int) -> str | None:
        return next((name for name, p in self.running.items() if p.pid == pid), None)

    def kill(self, name: str) -> None:
        """SIGKILL, no goodbye: the process and its session."""
        process = self.running[name]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def dead(self) -> list[str]:
        return [name for name, process in self.running.items() if process.poll() is not None]

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def tail(self, name: str, lines: int = 25) -> str:
        return "\n".join(self.log(name).splitlines()[-lines:])

    def stop_all(self, grace: float = 10) -> None:
        for process in self.running.values():
            self._signal(process, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for process in self.running.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
        for process in self.running.values():
            self._signal(process, signal.SIGKILL)  # the session: forked children too
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)

    @staticmethod
    def _signal(process, sig) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
