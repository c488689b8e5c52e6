"""What `start`, `status`, `resolve` and `log` (with no PATH) share: the records folder
option and the active incident, or a one-line error with exit 2."""

from __future__ import annotations

import argparse
from pathlib import Path

from blamefree.cli.common import EXIT_USAGE, CliError


def add_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir",
        dest="folder",
        default=None,
        help="the records folder (default: BLAMEFREE_DIR, else postmortems/ at the top of the git repository)",
    )


def folder_of(args: argparse.Namespace) -> Path:
    if getattr(args, "folder", None):
        return Path(args.folder)
    from blamefree.repo.files import records_dir

    return records_dir()


def active_record(args: argparse.Namespace, command: str):
    """The ActiveIncident of the folder, or CliError (exit 2) saying there is none."""
    from blamefree.incident import NoActiveIncident, active

    try:
        return active(folder_of(args))
    except NoActiveIncident as error:
        raise CliError(f"{command}: {error}", EXIT_USAGE) from None


def check_same_incident(record, incident, command: str) -> None:
    """A pointer left at a path now holding another record is not followed."""
    if record.id != incident.id:
        raise CliError(
            f"{command}: {incident.path} is now {record.id}, not the active incident {incident.id}; run blamefree start again",
            EXIT_USAGE,
        )
