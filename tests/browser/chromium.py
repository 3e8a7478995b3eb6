"""How Debian's Chromium is launched here: by `make icons`, the browser tests and `make bench`."""

EXECUTABLE = "/usr/bin/chromium"
# Without the networking flags Chromium keeps calling Google's hosts, which a closed network
# refuses; --no-sandbox because these machines run everything as root.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
