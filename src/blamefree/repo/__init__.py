"""Many records in a repository: find, list, action-item roll-up, report, related
incidents, full-text search (`blamefree.repo.search`).

Standard library only, and each name imported when first used (a command answered in
SQL from the index, `blamefree.repo.queries`, needs none of the in-memory roll-ups):
the summaries of unchanged files come from the on-disk index
(`DIR/.blamefree/index.sqlite`, `blamefree.repo.db`) without TOML parsing or pydantic;
the store is imported only when a file has to be read again.

    from blamefree.repo import load_repo, records_dir, list_records, all_actions, report
    repo = load_repo(records_dir())
    for summary in list_records(repo.summaries, severity=["high"]):
        ...
"""

from __future__ import annotations

import sys as _sys
import types as _types

from blamefree.lazy import lazy_exports

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)

#: Where each public name lives (imported on first use).
_WHERE = {
    "Action": "blamefree.repo.actions",
    "actions_csv": "blamefree.repo.actions",
    "agenda_markdown": "blamefree.repo.actions",
    "all_actions": "blamefree.repo.actions",
    "group_by_owner": "blamefree.repo.actions",
    "open_actions_for_services": "blamefree.repo.actions",
    "create_record": "blamefree.repo.folder",
    "newest_record": "blamefree.repo.folder",
    "slugify": "blamefree.repo.folder",
    "ActionSummary": "blamefree.repo.summary",
    "IndexStats": "blamefree.repo.loaded",
    "Repo": "blamefree.repo.loaded",
    "RepoError": "blamefree.repo.files",
    "Summary": "blamefree.repo.summary",
    "find_records": "blamefree.repo.files",
    "index_path": "blamefree.repo.index",
    "load_repo": "blamefree.repo.index",
    "records_dir": "blamefree.repo.files",
    "summarize": "blamefree.repo.summary",
    "list_records": "blamefree.repo.listing",
    "matches_text": "blamefree.repo.listing",
    "Candidate": "blamefree.repo.related",
    "RelatedWarning": "blamefree.repo.related",
    "check_related": "blamefree.repo.related",
    "related_candidates": "blamefree.repo.related",
    "related_problems": "blamefree.repo.related",
    "report": "blamefree.repo.report",
    "report_markdown": "blamefree.repo.report",
}

if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    from blamefree.repo.actions import Action as Action
    from blamefree.repo.actions import actions_csv as actions_csv
    from blamefree.repo.actions import agenda_markdown as agenda_markdown
    from blamefree.repo.actions import all_actions as all_actions
    from blamefree.repo.actions import group_by_owner as group_by_owner
    from blamefree.repo.actions import open_actions_for_services as open_actions_for_services
    from blamefree.repo.files import RepoError as RepoError
    from blamefree.repo.files import find_records as find_records
    from blamefree.repo.files import records_dir as records_dir
    from blamefree.repo.folder import create_record as create_record
    from blamefree.repo.folder import newest_record as newest_record
    from blamefree.repo.folder import slugify as slugify
    from blamefree.repo.index import index_path as index_path
    from blamefree.repo.index import load_repo as load_repo
    from blamefree.repo.listing import list_records as list_records
    from blamefree.repo.listing import matches_text as matches_text
    from blamefree.repo.loaded import IndexStats as IndexStats
    from blamefree.repo.loaded import Repo as Repo
    from blamefree.repo.related import Candidate as Candidate
    from blamefree.repo.related import RelatedWarning as RelatedWarning
    from blamefree.repo.related import check_related as check_related
    from blamefree.repo.related import related_candidates as related_candidates
    from blamefree.repo.related import related_problems as related_problems
    from blamefree.repo.report import report as report
    from blamefree.repo.report import report_markdown as report_markdown
    from blamefree.repo.summary import ActionSummary as ActionSummary
    from blamefree.repo.summary import Summary as Summary
    from blamefree.repo.summary import summarize as summarize

__all__ = [
    "Action",
    "ActionSummary",
    "Candidate",
    "IndexStats",
    "RelatedWarning",
    "Repo",
    "RepoError",
    "Summary",
    "actions_csv",
    "agenda_markdown",
    "all_actions",
    "check_related",
    "create_record",
    "find_records",
    "group_by_owner",
    "index_path",
    "list_records",
    "load_repo",
    "matches_text",
    "newest_record",
    "open_actions_for_services",
    "records_dir",
    "related_candidates",
    "related_problems",
    "report",
    "report_markdown",
    "slugify",
    "summarize",
]


__getattr__ = lazy_exports(__name__, _WHERE, globals())


class _RepoPackage(_types.ModuleType):
    """`blamefree.repo.report` is the function, as it was when every name was imported at
    once: importing the submodule of the same name sets this attribute, and is ignored."""

    @property
    def report(self) -> Any:
        from blamefree.repo.report import report

        return report

    @report.setter
    def report(self, value: Any) -> None:
        pass  # the submodule `blamefree.repo.report`, set by the import system


_sys.modules[__name__].__class__ = _RepoPackage
