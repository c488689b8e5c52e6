"""Many records in a repository: find, list, action-item roll-up, report, related
incidents, full-text search (`blamefree.repo.search`).

Standard library only at import time: the summaries of unchanged files come from the
on-disk index (`DIR/.blamefree/index.sqlite`, `blamefree.repo.db`) without TOML parsing
or pydantic; the store is imported only when a file has to be read again.

    from blamefree.repo import load_repo, records_dir, list_records, all_actions, report
    repo = load_repo(records_dir())
    for summary in list_records(repo.summaries, severity=["high"]):
        ...
"""

from blamefree.repo.actions import (
    Action,
    actions_csv,
    agenda_markdown,
    all_actions,
    group_by_owner,
    open_actions_for_services,
)
from blamefree.repo.folder import create_record, newest_record, slugify
from blamefree.repo.index import (
    ActionSummary,
    IndexStats,
    Repo,
    RepoError,
    Summary,
    find_records,
    index_path,
    load_repo,
    records_dir,
    summarize,
)
from blamefree.repo.listing import list_records, matches_text
from blamefree.repo.related import Candidate, RelatedWarning, check_related, related_candidates, related_problems
from blamefree.repo.report import report, report_markdown

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
