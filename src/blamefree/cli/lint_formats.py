"""`blamefree lint --format json|sarif`: the findings as a JSON array or a SARIF 2.1.0 log."""

from __future__ import annotations

from typing import Any

from blamefree.cli.cmd_lint import _STALE_SUGGESTION, STALE_RULE

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _finding_dict(finding, accepted: bool) -> dict[str, Any]:
    data = finding.as_dict()
    data["accepted"] = accepted
    return data


def to_json(findings: list, accepted: list, stale: list | None = None) -> list[dict[str, Any]]:
    """The findings as an array, in file order; `accepted` ones (on request) are flagged;
    `stale` acceptances come as findings of the rule `stale-acceptance` (info).

    Inputs that could not be read are not findings: they are reported on stderr, as
    `path:line:col: field: message`, and make the exit code 2.
    """
    marked = [(f, False) for f in [*findings, *(stale or [])]] + [(f, True) for f in accepted]
    marked.sort(key=lambda pair: (pair[0].path, pair[0].line, pair[0].column))
    return [_finding_dict(finding, is_accepted) for finding, is_accepted in marked]


def _tool_version() -> str:
    from blamefree import __version__  # the package's own: importlib.metadata costs 20-60 ms

    return __version__


def _uri(path: str) -> str:
    from urllib.parse import quote

    if not path or path == "<stdin>":
        return "stdin"
    return quote(path.replace("\\", "/"), safe="/:._-~")


def _sarif_message(finding) -> str:
    if finding.rule == STALE_RULE:  # its message quotes the accepted words already
        return f"{finding.field}: {finding.message}; {finding.suggestion}"
    return f'{finding.message} ("{" ".join(finding.excerpt.split())}") {finding.suggestion}'.strip()


def to_sarif(findings: list, accepted: list, stale: list | None = None) -> dict[str, Any]:
    """A SARIF 2.1.0 log: one run, every shipped rule described, accepted findings
    suppressed, `stale` acceptances as notes of the rule `stale-acceptance`."""
    from blamefree.lint import LintConfig
    from blamefree.lint.rules import compile_rules

    rules = list(compile_rules(LintConfig()).rules)
    known = {rule.id for rule in rules}
    descriptors = [
        {
            "id": rule.id,
            "name": rule.id.replace(".", "/"),
            "shortDescription": {"text": rule.message},
            "fullDescription": {"text": f"{rule.message} {rule.suggestion}".strip()},
            "help": {"text": rule.suggestion or rule.message},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.level]},
            "properties": {"family": rule.family, "tags": ["blameless", rule.family]},
        }
        for rule in rules
    ]
    for finding in findings + accepted:
        if finding.rule not in known:  # a team rule
            known.add(finding.rule)
            descriptors.append(
                {
                    "id": finding.rule,
                    "name": finding.rule.replace(".", "/"),
                    "shortDescription": {"text": finding.message},
                    "help": {"text": finding.suggestion or finding.message},
                    "defaultConfiguration": {"level": _SARIF_LEVEL.get(finding.severity, "warning")},
                    "properties": {"family": finding.family},
                }
            )
    if stale:
        descriptors.append(
            {
                "id": STALE_RULE,
                "name": STALE_RULE,
                "shortDescription": {"text": "A lint.accepted entry keeps nothing quiet any more"},
                "help": {"text": "The accepted words were rewritten or removed; " + _STALE_SUGGESTION},
                "defaultConfiguration": {"level": "note"},
                "properties": {"family": "acceptance"},
            }
        )
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = []
    for finding in [*findings, *accepted, *(stale or [])]:
        end_line = finding.line + finding.excerpt.count("\n")
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": _SARIF_LEVEL.get(finding.severity, "warning"),
            "message": {"text": _sarif_message(finding)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(finding.path)},
                        "region": {
                            "startLine": finding.line,
                            "startColumn": finding.column,
                            "endLine": end_line,
                            "endColumn": max(finding.end, 1),
                            "snippet": {"text": finding.excerpt},
                        },
                    },
                    **({"logicalLocations": [{"fullyQualifiedName": finding.field, "kind": "member"}]} if finding.field else {}),
                }
            ],
            "properties": {"family": finding.family, "field": finding.field},
        }
        if finding in accepted:
            result["suppressions"] = [{"kind": "external", "justification": "accepted in the record's lint.accepted"}]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "blamefree",
                        "version": _tool_version(),
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
