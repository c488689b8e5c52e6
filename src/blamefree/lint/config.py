"""A team's additions to the shipped rules: `.blamefree/rules.toml`.

Found by walking up from the linted file (or the current folder). Every key is optional:

```toml
people = ["Dana Ito", "@kim"]            # extra people (beyond each record's own)
not_people = ["Hal", "Marvin"]           # services and bots named like people
disable = ["hindsight.clearly", "minimizing"]   # rule ids or whole families
skip_fields = ["appendix.logs", "appendix.communication_log"]   # record fields not linted

[words]                                  # extra words, per family
judgement = ["cowboy", "yolo"]
blame-word = ["layer 8"]

[severity]                               # rule id or family -> error | warning | info
"counterfactual" = "info"

[[rule]]                                 # extra rules, same shape as the shipped ones;
id = "team.hero"                         # an id that exists replaces the shipped rule
family = "judgement"
patterns = ['''\\bheroics?\\b''']
message = "Heroics hide a missing system."
```
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blamefree.problems import Problem
from blamefree.tomlmap import key_positions, position_of

CONFIG_DIR = ".blamefree"
CONFIG_NAME = "rules.toml"
DEFAULT_SKIP_FIELDS = ("appendix.logs", "appendix.communication_log")
_KEYS = {"people", "not_people", "disable", "skip_fields", "words", "severity", "rule"}


class ConfigError(ValueError):
    """The team's rules file cannot be read or has mistakes; says where.

    `problems` are `blamefree.problems.Problem`s pointing into the rules file
    (`rules.toml:8:3: rule[0].patterns[1]: message`); `str()` lists them one a line.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
_LIST_KEYS = ("people", "not_people", "disable", "skip_fields")


def _key_name(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out or "rules"


@dataclass(frozen=True)
class LintConfig:
    """Team configuration (hashable, so compiled rules can be cached per configuration)."""

    people: tuple[str, ...] = ()
    not_people: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()
    skip_fields: tuple[str, ...] = DEFAULT_SKIP_FIELDS
    words: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    rules: tuple[str, ...] = field(default=(), repr=False)  # each extra rule as JSON text
    source: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any], source: str = "", text: str = "") -> LintConfig:
        """A configuration from parsed TOML; ConfigError lists every mistake, each at its
        line in `text` (the file's source, when known)."""
        from blamefree.lint.rules import RuleError, check_rule, known_names

        label = source or "<config>"
        positions = key_positions(text) if text else {}
        problems: list[Problem] = []

        def problem(loc: tuple[str | int, ...], message: str) -> None:
            line, column = position_of(positions, loc)
            problems.append(Problem(label, line, column, _key_name(loc), message))

        for key in sorted(set(data) - _KEYS):
            problem((key,), f"unknown key (known: {', '.join(sorted(_KEYS))})")

        def strings(loc: tuple[str | int, ...], value: Any) -> tuple[str, ...]:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                example = f'{loc[-1]} = ["{value}"]' if isinstance(value, str) else f'{loc[-1]} = ["..."]'
                problem(loc, f"must be a list of strings, e.g. {example}")
                return ()
            return tuple(value)

        lists = {key: strings((key,), data[key]) for key in _LIST_KEYS if key in data}
        words = data.get("words", {})
        severity = data.get("severity", {})
        rules = data.get("rule", [])
        if not isinstance(words, dict):
            problem(("words",), "must be a table: [words] with a list of words per family")
            words = {}
        if not isinstance(severity, dict):
            problem(("severity",), "must be a table: [severity] with a level per rule id or family")
            severity = {}
        if not isinstance(rules, list) or not all(isinstance(rule, dict) for rule in rules):
            problem(("rule",), "must be an array of tables: [[rule]]")
            rules = []
        shipped_ids, families = known_names()
        word_lists = []
        for family, value in words.items():
            if family not in families:
                problem(("words", family), f"unknown family (one of {', '.join(sorted(families))})")
            word_lists.append((family, strings(("words", family), value)))
        for index, rule in enumerate(rules):
            try:
                check_rule(rule)
            except RuleError as error:
                problem(("rule", index, *error.key), str(error))
        known = shipped_ids | families | {str(rule.get("id", "")) for rule in rules} | {f"team.{f}" for f in words}
        for index, name in enumerate(lists.get("disable", ())):
            if name not in known:
                problem(("disable", index), f"unknown rule or family {name!r} (`python -m blamefree.lint.rules` lists the rules)")
        for key, level in severity.items():
            if key not in known:
                problem(("severity", key), f"unknown rule or family {key!r}")
            elif level not in ("error", "warning", "info"):
                problem(("severity", key), "must be error, warning or info")
        if problems:
            raise ConfigError(sorted(problems, key=lambda p: (p.line, p.column)))
        return cls(
            people=lists.get("people", ()),
            not_people=lists.get("not_people", ()),
            disabled=lists.get("disable", ()),
            skip_fields=lists.get("skip_fields", DEFAULT_SKIP_FIELDS),
            words=tuple(sorted(word_lists)),
            severity=tuple(sorted((str(k), str(v)) for k, v in severity.items())),
            rules=tuple(json.dumps(rule, sort_keys=True, default=str) for rule in rules),
            source=source,
        )

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> LintConfig:
        """Read one rules file; ConfigError says what is wrong and where."""
        label = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError([Problem(label, 1, 1, "file", f"cannot read: {error}")]) from None
        text = text.removeprefix("\ufeff")
        import tomllib  # only with a rules file: most runs have none

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            found = _TOML_POSITION.search(message)
            line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
            raise ConfigError(
                [Problem(label, line, column, "toml", f"not valid TOML: {_TOML_POSITION.sub('', message)}")]
            ) from None
        config = cls.from_data(data, label, text)
        # Compile the whole set now, so any remaining mistake is reported against this
        # file, not on first use.
        from blamefree.lint.rules import RuleError, compile_rules

        try:
            compile_rules(config)
        except RuleError as error:
            raise ConfigError([Problem(label, 1, 1, "rules", str(error))]) from None
        return config

    def with_people(self, people: tuple[str, ...]) -> LintConfig:
        return LintConfig(**{**self.__dict__, "people": self.people + tuple(people)})


_found: dict[tuple[str, int, int], LintConfig] = {}


def find_config_file(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest `.blamefree/rules.toml` at or above `start` (a file or a folder)."""
    # os.path on strings: this runs once per linted record, and pathlib's objects cost
    # more than the stat calls themselves.
    try:
        here = os.path.realpath(os.fspath(start) if start else os.getcwd())
    except (OSError, ValueError):
        return None
    if not os.path.isdir(here):
        here = os.path.dirname(here)
    while True:
        candidate = os.path.join(here, CONFIG_DIR, CONFIG_NAME)
        if os.path.isfile(candidate):
            return Path(candidate)
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def find_config(start: str | os.PathLike[str] | None = None) -> LintConfig:
    """The team config for a file (cached until the rules file changes), or the default."""
    path = find_config_file(start)
    if path is None:
        return LintConfig()
    try:
        info = path.stat()
    except OSError:
        return LintConfig()
    key = (str(path), info.st_mtime_ns, info.st_size)
    config = _found.get(key)
    if config is None:
        config = LintConfig.load(path)
        _found[key] = config
    return config
