"""A record as one self-contained HTML page: the Markdown export's layout, with the
timeline drawn under the Timeline heading.

The page is the Markdown export rendered by markdown-it-py (CommonMark plus tables), so
the two exports can never drift apart in layout. User text is already escaped by the
Markdown export (it cannot open a tag there); on top of that the renderer lets through
no raw HTML except the `<br>` the Markdown export writes itself in table cells, and the
drawing's own markup. Anything else that looks like a tag is shown as text.
"""

from __future__ import annotations

import html as _html
from collections.abc import Sequence
from datetime import date
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from blamefree.export.markdown import to_markdown
from blamefree.export.page import page
from blamefree.export.text import visible
from blamefree.export.timeline_svg import timeline_svg
from blamefree.model import Record

#: The only raw HTML the Markdown export writes on its own (line breaks in table cells).
_ALLOWED_INLINE = frozenset({"<br>"})
_OURS = "blamefree"


def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")

    def html_inline(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        return token.content if token.content in _ALLOWED_INLINE else _html.escape(token.content)

    def html_block(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        if token.meta.get(_OURS):
            return str(token.content)
        return "<p>" + _html.escape(token.content) + "</p>\n"

    md.add_render_rule("html_inline", html_inline)
    md.add_render_rule("html_block", html_block)
    return md


def markdown_html(markdown: str, inserts: dict[str, str] | None = None) -> str:
    """Markdown as HTML; `inserts` puts markup of ours right after the level-2 heading
    whose text is the key (user text cannot make a heading, so the key is unambiguous)."""
    md = _renderer()
    tokens = md.parse(markdown)
    inserts = dict(inserts or {})
    out: list[Token] = []
    for index, token in enumerate(tokens):
        out.append(token)
        if token.type == "heading_close" and token.tag == "h2":
            heading = tokens[index - 1].content
            if heading in inserts:
                block = Token("html_block", "", 0)
                block.content = inserts.pop(heading) + "\n"
                block.meta = {_OURS: True}
                out.append(block)
    return str(md.renderer.render(out, md.options, {}))


def to_html(record: Record, *, today: date | None = None) -> str:
    """The record as a complete HTML document (ends with a newline)."""
    body = markdown_html(to_markdown(record, today=today), {"Timeline": timeline_svg(record)})
    title = visible(" ".join(record.title.split())) or record.id
    return page(f"Postmortem: {title}", body)
