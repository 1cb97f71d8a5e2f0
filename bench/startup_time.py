"""Time from starting `hearth serve` to its first 200 on /readyz, median of five runs, in ms.

Usage: startup_time.py HEARTH_BIN DATA_DIR PORT
Polls with a fresh loopback connection every millisecond; the server is stopped with SIGTERM
after each run.
"""
import http.client
import statistics
import subprocess
import sys
import time


def once(binary: str, data: str, port: int) -> float:
    started = time.monotonic()
    proc = subprocess.Popen(
        ["taskset", "-c", "0", binary, "serve", "--data", data, "--port", str(port),
         "--threads", "1", "--log-level", "warn", "--static", "web/dist"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = started + 10
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                conn.request("GET", "/readyz")
                if conn.getresponse().status == 200:
                    return (time.monotonic() - started) * 1000
            except OSError:
                pass
            time.sleep(0.001)
        raise SystemExit("hearth did not become ready within 10 s")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    binary, data, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    runs = [once(binary, data, port) for _ in range(5)]
    print(f"{statistics.median(runs):.0f}")


if __name__ == "__main__":
    main()
