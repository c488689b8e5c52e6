"""Exports of a record: Markdown in the template's layout, and JSON. No Textual here."""

from blamefree.export.jsonout import JSON_VERSION, to_json
from blamefree.export.markdown import to_markdown

__all__ = ["JSON_VERSION", "to_json", "to_markdown"]
