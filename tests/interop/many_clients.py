"""Many clients at once against an endpoint, for a bounded time, over loopback only.

    many_clients.py URL CLIENTS SECONDS

Each client thread asks GET URL again and again until SECONDS have passed; prints a JSON object
{"statuses": {status: count}, "errors": [message, ...], "per_client": [answers of each client]}.
"""

import collections
import json
import sys
import threading
import time
import urllib.error
import urllib.request


def main():
    url, clients, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    statuses = collections.Counter()
    errors = []
    per_client = [0] * clients
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def client(i):
        while time.monotonic() < end:
            try:
                with urllib.request.urlopen(url, timeout=60) as answer:
                    answer.read()
                    status = answer.status
            except urllib.error.HTTPError as e:
                status = e.code
            except Exception as e:  # a lost request: refused, reset, timed out
                with lock:
                    errors.append(repr(e))
                continue
            with lock:
                statuses[status] += 1
                per_client[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    json.dump({"statuses": statuses, "errors": errors[:20], "per_client": per_client}, sys.stdout)


if __name__ == "__main__":
    main()
