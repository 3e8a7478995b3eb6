"""A page's Markdown body as HTML: raw HTML escaped, only https:// and internal links kept."""

from functools import cache

import markdown
from django.utils.safestring import mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .links import with_page_urls

# Internal links arrive here already replaced by their URLs ("/en/guide/causes/").
SAFE_ADDRESS_STARTS = ("https://", "/")


class KeepOnlySafeLinks(Treeprocessor):
    """Drops images and any address the loader would refuse: a second line of defence."""

    def run(self, root):
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    parent.remove(child)
                elif child.tag == "a":
                    href = child.get("href", "")
                    if not href.startswith(SAFE_ADDRESS_STARTS) or href.startswith("//"):
                        child.attrib.pop("href", None)


class EscapeHtml(Extension):
    """Markdown without its raw HTML: tags in the text come out as text (&lt;script&gt;)."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(KeepOnlySafeLinks(md), "keep_only_safe_links", 0)


def to_html(text):
    """Markdown text to HTML that holds no markup of the author's own."""
    html = markdown.markdown(
        text, extensions=[EscapeHtml(), "tables", "sane_lists"], output_format="html"
    )
    # Tables scroll sideways on a narrow phone instead of widening the page.
    html = html.replace("<table>", '<div class="table-scroll" tabindex="0"><table>')
    return html.replace("</table>", "</table></div>")


@cache
def render_body(page):
    """The page's body as HTML, with internal links in the page's language."""
    # The one mark_safe on content: to_html escapes every tag the text holds.
    return mark_safe(to_html(with_page_urls(page.body_markdown, page.language)))
