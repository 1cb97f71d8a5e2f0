#!/usr/bin/env python3
"""Sends exactly N keep-alive GET requests over C connections, one in flight per connection.

A fixed count rather than a duration, so that an instruction count (bench/request_cost.sh,
under callgrind) divides by a known number of requests. Exits non-zero if any answer is not
200 or a connection closes early.

Usage: fixed_requests.py PORT PATH REQUESTS [CONNECTIONS]
"""
import selectors
import socket
import sys


def main() -> int:
    port, path, total = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    connections = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: fixed_requests\r\n\r\n"
    request = request.encode()
    selector = selectors.DefaultSelector()
    sent = done = 0
    buffers = {}
    for _ in range(min(connections, total)):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setblocking(False)
        buffers[sock] = b""
        selector.register(sock, selectors.EVENT_READ)
        sock.sendall(request)
        sent += 1
    while done < total:
        for key, _ in selector.select():
            sock = key.fileobj
            chunk = sock.recv(65536)
            if not chunk:
                print("fixed_requests: connection closed early", file=sys.stderr)
                return 1
            data = buffers[sock] + chunk
            while True:
                end = data.find(b"\r\n\r\n")
                if end < 0:
                    break
                head = data[:end].decode("latin-1").split("\r\n")
                if head[0].split(" ")[1] != "200":
                    print(f"fixed_requests: {head[0]}", file=sys.stderr)
                    return 1
                length = 0
                for line in head[1:]:
                    name, _, value = line.partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                if len(data) < end + 4 + length:
                    break
                data = data[end + 4 + length:]
                done += 1
                if sent < total:
                    sock.sendall(request)
                    sent += 1
            buffers[sock] = data
    for sock in buffers:
        sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
