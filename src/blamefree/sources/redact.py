"""Secrets in shell commands replaced by `[redacted]` before they reach a record (which
lands in git): tokens, passwords, Authorization headers, `-pSECRET`, credentials in
URLs, and well-known token shapes. Conservative: it would rather hide a harmless
value than publish a password."""

from __future__ import annotations

import re

MARK = "[redacted]"

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization / token headers: everything after the header name up to the quote.
    (re.compile(r"(?i)((?:proxy-)?authorization\s*:\s*)(?:(bearer|basic|token|geniekey|digest)\s+)?[^'\"\n]+"), r"\1\2 " + MARK),
    (re.compile(r"(?i)((?:x-[\w-]*(?:token|key|secret)|private-token|api-key)\s*:\s*)[^'\"\n]+"), r"\1" + MARK),
    # --password=x, --token x, --api-key=x, --client-secret x ...
    (
        re.compile(
            r"(?i)(--?[\w-]*(?:password|passwd|pass|token|secret|api-?key|credentials?)(?:=|\s+))(?!-)('[^']*'|\"[^\"]*\"|\S+)"
        ),
        r"\1" + MARK,
    ),
    # NAME=value where NAME looks secret (PGPASSWORD=, GITHUB_TOKEN=, AWS_SECRET_ACCESS_KEY=).
    (
        re.compile(r"(?i)\b([\w]*(?:password|passwd|token|secret|api_?key|access_key)[\w]*=)('[^']*'|\"[^\"]*\"|\S+)"),
        r"\1" + MARK,
    ),
    # mysql -pSECRET (a bare -p asks for the password, and `-p 8080` is not glued on).
    (re.compile(r"(?<=\s)(-p)(?=[^\s-])\S+"), r"\1" + MARK),
    # curl -u user:password / --user user:password
    (re.compile(r"((?:-u|--user)\s+['\"]?[^:\s'\"]+:)[^\s'\"]+"), r"\1" + MARK),
    # scheme://user:password@host
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]+:)[^@\s]+(@)", re.IGNORECASE), r"\1" + MARK + r"\2"),
    # Token shapes: GitHub, GitLab, Slack, AWS access key ids, JWTs, PagerDuty/Opsgenie-like keys.
    (
        re.compile(
            r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|glpat-[\w-]{20}|xox[abprs]-[\w-]{10,}|AKIA[0-9A-Z]{16}|eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,})"
        ),
        MARK,
    ),
)


def redact(command: str) -> str:
    for pattern, replacement in _RULES:
        command = pattern.sub(replacement, command)
    return command.replace(" " + MARK, " " + MARK).replace("  " + MARK, " " + MARK)
