"""Every page is valid HTML: the Nu HTML Checker (vnu.jar, the W3C's own) reports no error.

Browsers forgive invalid markup each in their own way, and assistive technology reads what the
browser made of it: valid pages are read the same everywhere. The checker is a Java program that
takes seconds to start, so it runs once over every page of every language, written to files.
`make test` installs it (npm's vnu-jar) and Java (Debian's default-jre-headless) when missing.
"""

import json
import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import translation

from guide import content, views
from guide.models import Venue

VNU = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def pages_beyond_the_sitemap(client, language):
    """(path, HTML) of each page the sitemap leaves out, in one language."""
    with translation.override(language):
        query = content.section_pages(language, "guide")[0].title.split()[0]
    paths = [
        f"/{language}/offline/",
        f"/{language}/venues/",
        f"/{language}/search/",
        f"/{language}/search/?q={query}",  # a search that finds pages
        f"/{language}/search/?q=xylophone",  # and one that finds nothing
    ]
    pages = [(path, client.get(path)) for path in paths]
    pages.append((f"/{language}/no-such-page/", client.get(f"/{language}/no-such-page/")))
    error = views.server_error(RequestFactory().get(f"/{language}/now/"))
    pages.append((f"/{language}/now/ (500)", error))
    return pages


@pytest.mark.django_db
def test_every_page_in_every_language_is_valid_html(demo_venues, sitemap_paths, client, tmp_path):
    assert VNU.exists(), "vnu.jar is missing: `make test` installs it (npm's vnu-jar)"
    assert shutil.which("java"), "Java is missing: `make test` installs default-jre-headless"
    answers = [(path, client.get(path)) for path in sitemap_paths]
    for language in content.languages():
        answers += pages_beyond_the_sitemap(client, language)
    answers += [(v.get_poster_url(), client.get(v.get_poster_url())) for v in Venue.objects.all()
                if v.published]  # fmt: skip
    answers += [("/offline/", client.get("/offline/"))]
    answers += [("(400)", client.get("/en/", headers={"host": "evil.example"}))]
    files = {}
    for number, (path, response) in enumerate(answers):
        assert response["Content-Type"].startswith("text/html"), path
        assert response.status_code in (200, 400, 404, 500), path
        page = tmp_path / f"page-{number}.html"
        page.write_bytes(response.content)
        files[page.name] = path
    assert len(files) >= 100
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout",
         *(str(tmp_path / f"page-{n}.html") for n in range(len(answers)))],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    messages = json.loads(checked.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in messages
        if m["type"] != "info"
    ]
    assert errors == [], "\n".join(errors)
    assert re.search(r"^\s*$", checked.stderr) or not checked.stderr.strip(), checked.stderr
