"""Checks of single values of a record, as plain functions: the model runs them as
validators, and `blamefree lint` runs the same ones on a record it reads without
building the model. Each returns the value (converted, for `to_utc`) or raises
ValueError with the message the store reports."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TypeVar

from blamefree.limits import EARLIEST, LATEST, RANGE_MESSAGE

Day = TypeVar("Day", date, datetime)


def in_range(value: Day) -> Day:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"{RANGE_MESSAGE} (got {value.isoformat()})")
    return value


def to_utc(value: datetime) -> datetime:
    try:
        converted = value.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError(f"{RANGE_MESSAGE} (got {value.isoformat()})") from None
    return in_range(converted)


def check_zone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # here: most checks need no zone database

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as 'Asia'
        raise ValueError(f"unknown time zone {value!r}: use an IANA name such as 'Europe/Berlin' or 'UTC'") from None
    return value


def check_attachment(value: str) -> str:
    from pathlib import PurePosixPath

    path = PurePosixPath(value.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (value[1:3] == ":\\" or value[1:3] == ":/"):
        raise ValueError(f"attachment {value!r} must be a path relative to the record, inside the repository")
    return value


def check_reason(value: str) -> str:
    if not value.strip():
        raise ValueError("a reason is required: say why the review keeps this finding")
    return value
