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
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_DIR = ".blamefree"
CONFIG_NAME = "rules.toml"
DEFAULT_SKIP_FIELDS = ("appendix.logs", "appendix.communication_log")
_KEYS = {"people", "not_people", "disable", "skip_fields", "words", "severity", "rule"}


class ConfigError(ValueError):
    """The team's rules file cannot be read or has a mistake; says where."""


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
    def from_data(cls, data: dict[str, Any], source: str = "") -> "LintConfig":
        label = source or "<config>"
        unknown = set(data) - _KEYS
        if unknown:
            raise ConfigError(f"{label}: unknown keys {sorted(unknown)} (known: {sorted(_KEYS)})")

        def strings(key: str, value: Any = None) -> tuple[str, ...]:
            value = data.get(key, []) if value is None else value
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{label}: {key} must be a list of strings")
            return tuple(value)

        words = data.get("words", {})
        severity = data.get("severity", {})
        rules = data.get("rule", [])
        if not isinstance(words, dict) or not isinstance(severity, dict) or not isinstance(rules, list):
            raise ConfigError(f"{label}: [words] and [severity] are tables, [[rule]] an array of tables")
        for key, level in severity.items():
            if level not in ("error", "warning", "info"):
                raise ConfigError(f"{label}: severity.{key} must be error, warning or info")
        return cls(
            people=strings("people"),
            not_people=strings("not_people"),
            disabled=strings("disable"),
            skip_fields=strings("skip_fields") if "skip_fields" in data else DEFAULT_SKIP_FIELDS,
            words=tuple(sorted((family, strings(f"words.{family}", value)) for family, value in words.items())),
            severity=tuple(sorted((str(k), str(v)) for k, v in severity.items())),
            rules=tuple(json.dumps(rule, sort_keys=True, default=str) for rule in rules),
            source=source,
        )

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> "LintConfig":
        """Read one rules file; ConfigError says what is wrong and where."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: cannot read: {error}") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None
        config = cls.from_data(data, str(path))
        # Compile now, so a bad regex is reported against this file, not on first use.
        from blamefree.lint.rules import RuleError, compile_rules

        try:
            compile_rules(config)
        except RuleError as error:
            raise ConfigError(f"{path}: {error}") from None
        return config

    def with_people(self, people: tuple[str, ...]) -> "LintConfig":
        return LintConfig(**{**self.__dict__, "people": self.people + tuple(people)})


_found: dict[tuple[str, int, int], LintConfig] = {}


def find_config_file(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest `.blamefree/rules.toml` at or above `start` (a file or a folder)."""
    here = Path(start) if start else Path.cwd()
    try:
        here = here.resolve()
    except OSError:
        return None
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_DIR / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


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
