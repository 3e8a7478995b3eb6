"""Runs a command against a throwaway PostgreSQL cluster: `python tests/postgres.py CMD ARGS…`.

`make test` runs the database tests through it a second time, with DATABASE_URL naming the
cluster. The cluster comes from Debian's `postgresql` package, lives in a temporary directory,
listens only on a Unix socket there, and is stopped and deleted when the command ends. initdb
refuses to run as root, so as root the server runs as `nobody`.
"""

import glob
import os
import pwd
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

USER = "cramp_aid"
DATABASE = "cramp_aid"


def binaries():
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4])
    )
    if not found:
        sys.exit("PostgreSQL is not installed (Debian: apt-get install postgresql).")
    return Path(found[-1]).parent


def main(command):
    bin_dir = binaries()
    with tempfile.TemporaryDirectory(prefix="cramp-aid-pg-") as directory:
        run_as = []
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(directory, nobody.pw_uid, nobody.pw_gid)
            run_as = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        data, log = f"{directory}/data", f"{directory}/server.log"
        quiet = {"stdout": subprocess.DEVNULL, "check": True}
        subprocess.run(
            [*run_as, bin_dir / "initdb", "-D", data, "-U", USER, "--auth=trust",
             "--encoding=UTF8", "--locale=C", "--no-sync"],
            **quiet,
        )  # fmt: skip
        # Durability is not what this cluster is for: skip the disk flushes.
        options = (
            f"-c listen_addresses='' -c unix_socket_directories={directory} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        subprocess.run(
            [*run_as, bin_dir / "pg_ctl", "-D", data, "-l", log, "-w", "-o", options, "start"],
            **quiet,
        )
        try:
            subprocess.run(
                [bin_dir / "createdb", "-h", directory, "-U", USER, DATABASE], check=True
            )
            url = f"postgres://{USER}@{quote(directory, safe='')}/{DATABASE}"
            print(f"PostgreSQL {bin_dir.parent.name} on {directory}: {' '.join(command)}")
            return subprocess.run(command, env={**os.environ, "DATABASE_URL": url}).returncode
        finally:
            subprocess.run(
                [*run_as, bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "stop"], **quiet
            )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
