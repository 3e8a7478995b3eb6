"""Links in content: the internal `section:slug` form, page URLs, the addresses allowed."""

import re

from django.urls import NoReverseMatch, reverse
from django.utils import translation

# Pages with no slug of their own: [home](home:), [how current the advice is](reviews:).
PAGES_WITHOUT_SLUG = ("home", "reviews")
# [text](guide:slug), (now:water), (water:index), (home:), (reviews:)
INTERNAL_LINK = re.compile(r"\]\(((?:home|reviews|now|guide|water):[a-z0-9-]*)\)")
# [«Свело ногу в воде»](now:water): the words a link shows and the page it opens.
NAMED_LINK = re.compile(r"\[([^\]]+)\]\((now|guide|water):([a-z0-9-]+)\)")
INTERNAL_TARGET = re.compile(r"\A(home|reviews|now|guide|water):([a-z0-9-]*)\Z")
# Where a Markdown link's address stands: [text](address "title"), [id]: address, <address>.
INLINE_DESTINATION = re.compile(r"\]\(\s*<?([^)\s>]*)")
REFERENCE_DESTINATION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)")
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
IMAGE = re.compile(r"!\[")
# Any tag, comment or processing instruction once autolinks are taken out.
RAW_HTML = re.compile(r"<[a-zA-Z/!?]")


def page_url(section, slug, language):
    """The public URL of a page, or of a page with no slug ("home", "reviews"), in a language.

    URL names follow the link form: `now:water` is `guide:now-water` where such a name exists
    (the emergency screens, the water pack's index), otherwise `guide:now-page` with the slug.
    """
    with translation.override(language):
        if not slug:
            return reverse(f"guide:{section}")
        try:
            return reverse(f"guide:{section}-{slug}")
        except NoReverseMatch:
            return reverse(f"guide:{section}-page", kwargs={"slug": slug})


def internal_links(markdown):
    """(section, slug) of every internal link in a Markdown text."""
    return [tuple(m[1].split(":", 1)) for m in INTERNAL_LINK.finditer(markdown)]


def named_links(markdown):
    """(shown words, section, slug) of every link to a page with a slug."""
    return [(m[1], m[2], m[3]) for m in NAMED_LINK.finditer(markdown)]


def with_page_urls(markdown, language):
    """The Markdown with every internal link replaced by its URL in that language."""
    return INTERNAL_LINK.sub(lambda m: f"]({page_url(*m[1].split(':', 1), language)})", markdown)


def is_allowed(address):
    """An https:// address, or an internal `section:slug` one."""
    return address.startswith("https://") or bool(INTERNAL_TARGET.match(address))


def unsafe_markup(markdown):
    """(line, what is wrong) for each raw HTML tag, image or link to a forbidden address."""
    found = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        addresses = [m[1] for m in INLINE_DESTINATION.finditer(line)]
        addresses += [m[1] for m in REFERENCE_DESTINATION.finditer(line)]
        addresses += [m[1] for m in AUTOLINK.finditer(line)]
        for address in addresses:
            if not is_allowed(address):
                found.append((number, f"link to {address!r}: only https:// and section:slug links"))
        if IMAGE.search(line):
            found.append((number, "an image: content has no images (illustrations go in steps)"))
        if RAW_HTML.search(AUTOLINK.sub("", line)):
            found.append((number, "raw HTML: write Markdown (HTML is shown as text)"))
    return found
