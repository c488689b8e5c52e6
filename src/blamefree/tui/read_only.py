"""When the open record may not be changed, and what the user is told.

Every edit the app makes goes through `refusal` first, so a refused edit is refused the
same way everywhere (a form field, the timeline, an accepted finding, a related
incident, the scribe): nothing applied, a plain message, the file untouched.
"""

from __future__ import annotations

from typing import Any

READ_ONLY_MESSAGE = "This record is published, so it is read-only. Reopen it in Sign-off (ctrl+t) to change it."


def refusal(document: Any, record: Any) -> str:
    """Why `record` may not replace `document.record` ("" when it may): the file opened
    read-only (no write permission), or a published record the edit would keep
    published. Reopening, which leaves the published stage, goes through."""
    from blamefree.signoff import is_read_only

    if document.read_only_reason:
        return str(document.read_only_reason)
    if is_read_only(document.record) and is_read_only(record):
        return READ_ONLY_MESSAGE
    return ""
