"""systemd's part in cramp-aid.socket and cramp-aid.service, done for tests on 127.0.0.1.

There is no systemd to ask in a test, so this does what it does with the two shipped units:
it opens the socket's ListenStream (on a free port instead of 8000) and keeps it open across
restarts; it starts the service's ExecStart in its WorkingDirectory with only its
EnvironmentFile's settings, hands the socket over as socket activation does (LISTEN_FDS,
LISTEN_PID) and waits for READY=1 (Type=notify); it stops the service with SIGTERM to the main
process and then SIGKILL to what is left (KillMode=mixed). `systemctl restart cramp-aid.service`
reaches it through the program `bin/systemctl` it writes into its directory, for update.sh to
find first on its PATH.
"""

import contextlib
import os
import pwd
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from front import DEPLOY

SYSTEMCTL = """#!{python}
# systemctl for tests: asks tests/socket_service.py, which stands in for systemd.
import socket, sys
with socket.socket(socket.AF_UNIX) as connection:
    connection.connect({control!r})
    connection.sendall(" ".join(sys.argv[1:]).encode() + b"\\n")
    connection.shutdown(socket.SHUT_WR)
    status, _, message = connection.makefile().read().partition(" ")
if message:
    print("systemctl:", message, file=sys.stderr)
sys.exit(int(status))
"""
HANDOVER = """import os, sys
fd = int(sys.argv[1])
if fd != 3:
    os.dup2(fd, 3)
    os.close(fd)
os.environ.update(LISTEN_PID=str(os.getpid()), LISTEN_FDS="1")
os.execv(sys.argv[2], sys.argv[2:])
"""
# What systemd gives a service that sets no PATH of its own.
SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def unit_setting(unit, name):
    match = re.search(rf"^{name}=(.*)$", unit, re.MULTILINE)
    assert match, f"the unit has no {name}="
    return match[1]


def environment_file(path):
    """VARIABLE=value lines, as systemd reads an EnvironmentFile (the shipped one has no quotes)."""
    lines = Path(path).read_text().splitlines()
    pairs = [line.split("=", 1) for line in lines if line.strip() and not line.startswith("#")]
    return {name.strip(): value for name, value in pairs}


class SocketService:
    """cramp-aid.socket and cramp-aid.service, with the checkout in `app` and its settings file."""

    def __init__(self, directory, app, settings_file):
        self.directory = Path(directory)
        service = (DEPLOY / "cramp-aid.service").read_text()
        sockets = (DEPLOY / "cramp-aid.socket").read_text()
        assert unit_setting(service, "Type") == "notify"
        assert "cramp-aid.socket" in unit_setting(service, "Requires")
        assert unit_setting(sockets, "ListenStream") == "127.0.0.1:8000"
        assert unit_setting(service, "EnvironmentFile") == "/etc/cramp-aid/env"
        checkout = unit_setting(service, "WorkingDirectory")
        self.command = shlex.split(unit_setting(service, "ExecStart").replace(checkout, str(app)))
        self.working_directory = app
        self.settings_file = settings_file

        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(socket.SOMAXCONN)
        self.port = self.listener.getsockname()[1]
        self.notify_path = str(self.directory / "notify")
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(self.notify_path)
        self.log = self.directory / "service.log"
        self.process = None
        self.restarts = []  # (began, ready) in time.monotonic(), for each restart
        self.calls = []  # systemctl's arguments, each time
        self.lock = threading.Lock()

        control = str(self.directory / "systemctl.sock")
        self.control = socket.socket(socket.AF_UNIX)
        self.control.bind(control)
        self.control.listen()
        self.control.settimeout(0.2)
        self.serving = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()
        self.bin = self.directory / "bin"
        self.bin.mkdir()
        systemctl = self.bin / "systemctl"
        systemctl.write_text(SYSTEMCTL.format(python=sys.executable, control=control))
        systemctl.chmod(0o755)

    def start(self):
        home = pwd.getpwuid(os.getuid())
        environment = {
            "PATH": SYSTEMD_PATH,
            "HOME": home.pw_dir,
            "USER": home.pw_name,
            "NOTIFY_SOCKET": self.notify_path,
            **environment_file(self.settings_file),
        }
        # The socket becomes file descriptor 3 and LISTEN_PID the pid gunicorn will have: the
        # one of this small program, which exec keeps.
        fd = self.listener.fileno()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", HANDOVER, str(fd), *self.command],
                cwd=self.working_directory, env=environment, pass_fds=(fd,),
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        self.notify.settimeout(0.5)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if b"READY=1" in self.notify.recv(4096).split(b"\n"):
                    return
            except TimeoutError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"the service exited with {self.process.returncode}")
        raise RuntimeError("the service sent no READY=1 within 60 s")

    def stop(self):
        """SIGTERM to the main process, then SIGKILL to the rest (KillMode=mixed)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=90)  # systemd's TimeoutStopSec
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def restart(self):
        with self.lock:
            began = time.monotonic()
            self.stop()
            self.start()
            self.restarts.append((began, time.monotonic()))

    def serve(self):
        while self.serving:
            try:
                connection, _ = self.control.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(None)
                with connection.makefile() as request:
                    arguments = request.read().split()
                self.calls.append(arguments)
                if arguments in (["restart", "cramp-aid.service"], ["restart", "cramp-aid"]):
                    try:
                        self.restart()
                        reply = "0"
                    except Exception as error:  # told to systemctl's caller, as systemd would
                        reply = f"1 Job for cramp-aid.service failed: {error}"
                else:
                    reply = f"1 this stand-in for systemd cannot do {' '.join(arguments)!r}"
                connection.sendall(reply.encode())

    def close(self):
        """Stops the service and the socket, as `systemctl stop cramp-aid.socket` does."""
        self.serving = False
        self.thread.join(timeout=5)
        self.stop()
        for sock in (self.control, self.notify, self.listener):
            sock.close()
