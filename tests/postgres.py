"""Runs a command against a throwaway PostgreSQL cluster: `python tests/postgres.py CMD ARGS…`.

`make test` runs the database tests through it a second time, with DATABASE_URL naming the
cluster; tests/test_update.py starts one with `cluster()` for the update it deploys. The cluster
comes from Debian's `postgresql` package, lives in a temporary directory, listens only on a Unix
socket there, and is stopped and deleted when the command (or the `with` block) ends. initdb
refuses to run as root, so as root the server runs as `nobody`.
"""

import contextlib
import glob
import os
import pwd
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
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


@contextlib.contextmanager
def cluster():
    """A running cluster with an empty database: `.url` (for DATABASE_URL), `.psql(sql)`."""
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

            def psql(sql):
                """The rows `sql` returns, one string a row (columns joined by |)."""
                return subprocess.run(
                    [bin_dir / "psql", "-h", directory, "-U", USER, "-d", DATABASE,
                     "-X", "-A", "-t", "-c", sql],
                    check=True, capture_output=True, text=True,
                ).stdout.splitlines()  # fmt: skip

            yield SimpleNamespace(
                url=f"postgres://{USER}@{quote(directory, safe='')}/{DATABASE}",
                version=bin_dir.parent.name,
                directory=directory,
                psql=psql,
            )
        finally:
            subprocess.run(
                [*run_as, bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "stop"], **quiet
            )


def main(command):
    with cluster() as database:
        print(f"PostgreSQL {database.version} on {database.directory}: {' '.join(command)}")
        return subprocess.run(command, env={**os.environ, "DATABASE_URL": database.url}).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
