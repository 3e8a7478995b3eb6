"""A production install (`pip install --group app`) runs every management command it lists."""

import os
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions

from django.conf import settings

# Run in a fresh process where the test group's own packages cannot be imported.
SCRIPT = """
import sys, importlib.abc

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name} is in the test group, not in the app group")

BLOCKED = set(sys.argv[1:])
sys.meta_path.insert(0, Refuse())
import django
django.setup()
from django.core.management import get_commands, load_command_class
for name, app in sorted(get_commands().items()):
    load_command_class(app, name)
    print("loaded", name)
"""


def group(name, groups):
    """The distribution names in a dependency group, with the groups it includes."""
    names = set()
    for item in groups[name]:
        if isinstance(item, dict):
            names |= group(item["include-group"], groups)
        else:
            names.add(item.split("[")[0].split("=")[0].split(">")[0].strip().lower())
    return names


def test_every_command_runs_without_the_test_groups_packages():
    groups = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())["dependency-groups"]
    test_only = group("test", groups) - group("app", groups)
    blocked = sorted(
        module
        for module, distributions in packages_distributions().items()
        if any(d.lower() in test_only for d in distributions)
    )
    assert {"playwright", "PIL", "pytest"} <= set(blocked)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *blocked],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cramps_site.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.split()
    for command in ("migrate", "collectstatic", "compilemessages", "load_demo_venues"):
        assert command in loaded
    assert "draw_icons" not in loaded  # tooling: `make icons` runs tests/draw_icons.py
