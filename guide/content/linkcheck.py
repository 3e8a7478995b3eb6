"""Do the addresses Cramp Aid cites still answer? `make check-links`, on a machine with internet."""

import re
import tomllib
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings

from .loader import all_pages
from .validation import where

# The emergency numbers table (the lead's), whose rows cite their sources too. Optional.
NUMBERS_TABLE = Path(settings.BASE_DIR) / "guide" / "emergency" / "numbers.toml"
ADDRESS = re.compile(r"https?://[^\s\"'<>]+")
# Some sites refuse Python's default agent; say who we are instead of pretending to be a browser.
HEADERS = {"User-Agent": "CrampAid-check-links/1 (a health app checking its sources)"}


def cited_addresses(numbers_table=NUMBERS_TABLE):
    """{address: [where it is cited]} for the content's sources and the numbers table's."""
    cited = {}
    for page in all_pages().values():
        for source in page.sources:
            cited.setdefault(source.url, []).append(where(page))
    for address in numbers_table_addresses(numbers_table):
        cited.setdefault(address, []).append(Path(numbers_table).name)
    return {address: sorted(set(places)) for address, places in sorted(cited.items())}


def numbers_table_addresses(path):
    """Every address under a key named like "source" in the table; none if there is no table."""
    path = Path(path)
    if not path.exists():
        return []
    return sorted(set(addresses_in(tomllib.loads(path.read_text(encoding="utf-8")))))


def addresses_in(value, under_source=False):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from addresses_in(item, under_source or "source" in key.lower())
    elif isinstance(value, list):
        for item in value:
            yield from addresses_in(item, under_source)
    elif isinstance(value, str) and under_source:
        yield from (address.rstrip(".,;)") for address in ADDRESS.findall(value))


def answer(address, timeout):
    """The HTTP status after redirects (an int), or why there was none (a str)."""
    request = urllib.request.Request(address, headers=HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError, ValueError) as error:
        return f"no answer ({getattr(error, 'reason', error)})"


def answers(addresses, timeout=20, workers=8):
    """{address: status or reason}, asking a few sites at a time."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(addresses, pool.map(lambda a: answer(a, timeout), addresses), strict=True))


def report(results, cited):
    """(text, exit status): 0 all answered 200, 1 some did not, 2 nothing answered at all."""
    if results and all(isinstance(status, str) for status in results.values()):
        first = next(iter(results.values()))
        return (
            f"No cited site answered ({first}). This machine seems to have no internet: "
            "run make check-links where there is a connection.",
            2,
        )
    failed = {address: status for address, status in results.items() if status != 200}
    lines = [f"Checked {len(results)} addresses: {len(failed)} did not answer 200."]
    for address, status in failed.items():
        lines.append(f"  {status}  {address}")
        lines.append(f"        cited in {', '.join(cited.get(address, ['(given)']))}")
    return "\n".join(lines), 1 if failed else 0
