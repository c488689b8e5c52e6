"""Rules as data: load the shipped rules file and a team's additions, compile them once.

`compile_rules(config)` is cached per configuration, so the per-keystroke path only
looks things up. The shipped rules' patterns are compiled on first use (only the rules
a sentence's words trigger: a short file compiles a few); a team's at once, so that a
bad one is reported where it is written. Every pattern is compiled case-insensitively
after its placeholders are filled in (see the header of `data/rules.toml`); `\\s+`
becomes the possessive `\\s++` so no pattern can backtrack through a long run of spaces.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# The regex parser `re` itself uses, for the backtracking check (Python 3.11+; its old
# name sre_parse warns DeprecationWarning).
from re import _parser as _sre_parse  # type: ignore[attr-defined]  # typeshed has no stub for re._parser
from typing import Any

from blamefree.kept_patterns import regex  # re.compile(source, re.IGNORECASE), kept on disk
from blamefree.lint.config import LintConfig
from blamefree.lint.people import Names
from blamefree.resources import data_file

LEVELS = ("error", "warning", "info")
PERSON_STRENGTHS = ("strong", "weak", "known")


class RuleError(ValueError):
    """A rule in a rules file is malformed (bad regex, unknown key, missing field).

    `key` is where, inside the rule: `("patterns", 1)`, `("family",)`; empty when unknown.
    """

    def __init__(self, message: str, key: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.key = tuple(key)


# Letters that can start a name: ASCII and Latin-1 capitals, then whole blocks where
# case is checked in Python (people.name_like): Latin Extended, Greek, Cyrillic capitals.
# A short class keeps every pattern quick to compile.
_UP = "[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u0370-\u03ff\u0400-\u042f\u1e00-\u1eff]"
_TOKEN = rf"{_UP}(?:\w|[-'’](?![sS]\b)(?=\w))*"
# A person: an @handle, one or two capitalised tokens not inside a word, or he/she/him.
# The first character is consumed by one case-sensitive class before the alternatives
# (each then checks it with a lookbehind): a pattern that starts with a plain class lets
# `re` skip to the positions where it can match instead of trying every character
# (about a third less time for the person rules; same matches on the bench corpus).
PERSON = (
    rf"(?P<p>(?-i:[@{_UP[1:-1]}hHsS])"
    r"(?:(?<=@)(?-i:[A-Za-z0-9])(?:[\w-]|\.(?=\w))*"
    rf"|(?<=(?-i:{_UP}))(?<![\w@'’.\-].)(?-i:(?:\w|[-'’](?![sS]\b)(?=\w))*(?:[ \t]+{_TOKEN})?)"
    r"|(?<!\w.)(?:(?<=[hH])(?:e|im)|(?<=[sS])he)\b))"
)
WE = r"(?P<w>\b(?:we|i|you|they)\b)"
TEAM_WORDS = "Security|Ops|Operations|Networking|QA|Support|Legal|Finance|Marketing|Sales|Product|Engineering|IT|Infra|Infrastructure|Platform|SRE|DevOps|NOC|Management|Leadership"


def _role(vocab: dict[str, str]) -> str:
    # Only the head noun: the engine extends the phrase back over a determiner and up to
    # two modifiers ("the on-call engineer") when it checks the subject position, which
    # is much cheaper than letting the regex try every word as a phrase start.
    return (
        rf"(?P<r>\b{vocab['role_noun']}\b"
        r"(?:\s+(?:on\s+(?:duty|call|shift)|responsible|in\s+charge|involved|at\s+the\s+time))?)"
    )


TEAM = rf"(?P<t>\bteams?\b|(?-i:\b(?:{TEAM_WORDS})\b))"

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_CLASS = re.compile(r"(?<!\\)(?<!\(\?-i:)\[\^?\]?(?:\\.|[^\]\\])*\]")


def _fold_free(match: re.Match[str]) -> str:
    """Compile a character class with letters or non-ASCII characters case-sensitively.

    Case-insensitive classes cost milliseconds each to compile (Unicode case folding:
    the Kelvin sign, the long s, curly quotes); a lowercase range gets its capitals
    added so the meaning stays case-insensitive.
    """
    text = match.group()
    if not re.search(r"[a-zA-Z]-[a-zA-Z]|[^\x00-\x7f]", text):
        return text
    for low, high in (("a-z", "A-Z"), ("a-f", "A-F")):
        if low in text and high not in text:
            text = text.replace(low, low + high, 1)
    return f"(?-i:{text})"


@dataclass(frozen=True)
class Rule:
    """One compiled rule."""

    id: str
    family: str
    level: str
    message: str
    suggestion: str
    reference: str
    #: The expanded regular expressions, compiled on first use (`patterns` and the
    #: others below): a sentence compiles only the rules its words trigger, so a
    #: one-off `blamefree lint` of a short file skips most of the 0.1-0.3 s.
    sources: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
    triggers: frozenset[str] = frozenset()
    also: frozenset[str] = frozenset()
    #: Per pattern: the words one of which the sentence must hold (empty: the rule's).
    pattern_triggers: tuple[frozenset[str], ...] = ()
    #: Per pattern: words one of which the sentence must also hold (empty: no condition).
    pattern_also: tuple[frozenset[str], ...] = ()
    person: str = "weak"
    subject: bool = False
    needs_person: bool = False
    negated: str = ""
    family_by_agent: tuple[tuple[str, str], ...] = ()
    fire: tuple[str, ...] = ()
    clean: tuple[str, ...] = ()
    order: int = 0
    #: A detector in code instead of patterns (`structure.*`: an agent tied to a failure,
    #: split into slips people make, failures with a person, and roles or teams).
    detector: str = ""
    #: The compiled patterns, filled on first use (shared by copies with another level).
    compiled: dict[int, tuple[re.Pattern[str], ...]] = field(default_factory=dict, compare=False, hash=False, repr=False)
    #: Patterns compiled one by one before all of them were (`pattern`).
    single: dict[int, re.Pattern[str]] = field(default_factory=dict, compare=False, hash=False, repr=False)
    #: For a rule of many patterns: which patterns each trigger word brings in (`patterns_for`).
    by_word: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def patterns_for(self, words: set[str]) -> list[int]:
        """The indices of the patterns a sentence with these words runs, in order: those
        without trigger words, and those one of whose trigger words it holds (and one of
        whose `also` words, when they have some). One set intersection instead of a test
        per pattern: judgement.words alone has thirty patterns."""
        by_word = self.by_word
        if not by_word:
            built: dict[str, tuple[int, ...]] = {}
            for index, needed in enumerate(self.pattern_triggers):
                for word in needed or ("",):  # "": the patterns every sentence runs
                    built[word] = built.get(word, ()) + (index,)
            by_word.update(built)  # whole at once: another thread never sees half of it
        chosen = set(by_word.get("", ()))
        for word in words.intersection(by_word):
            chosen.update(by_word[word])
        also = self.pattern_also
        return sorted(i for i in chosen if not (also and also[i] and also[i].isdisjoint(words)))

    def _compiled(self, which: int) -> tuple[re.Pattern[str], ...]:
        found = self.compiled.get(which)
        if found is None:
            # re.compile is thread-safe; two threads compiling at once store equal tuples.
            found = self.compiled[which] = tuple(regex(source) for source in self.sources[which])
        return found

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        return self._compiled(0)

    @property
    def exceptions(self) -> tuple[re.Pattern[str], ...]:
        return self._compiled(1)

    @property
    def requires(self) -> tuple[re.Pattern[str], ...]:
        return self._compiled(2)

    @property
    def forbids(self) -> tuple[re.Pattern[str], ...]:
        return self._compiled(3)

    def pattern(self, index: int) -> re.Pattern[str]:
        """The `index`th pattern, compiled alone on first use: a sentence that holds the
        trigger words of one pattern of a rule compiles only that one."""
        every = self.compiled.get(0)
        if every is not None:
            return every[index]
        found = self.single.get(index)
        if found is None:
            found = self.single[index] = regex(self.sources[0][index])
        return found

    def compile_all(self) -> None:
        for which in range(4):
            self._compiled(which)


@dataclass(frozen=True, eq=False)
class RuleSet:
    """Everything the engine needs, compiled: rules, trigger index, names, family defaults."""

    rules: tuple[Rule, ...]
    always: tuple[Rule, ...]
    by_trigger: dict[str, tuple[Rule, ...]] = field(hash=False, compare=False)
    names: Names
    families: dict[str, dict[str, str]] = field(hash=False, compare=False)
    #: The rules whose detector is code, and the words one of which brings them in (the
    #: structure detector's cues: hundreds of words, checked once per sentence instead
    #: of once per word through `by_trigger`).
    detector_rules: tuple[Rule, ...] = ()
    detector_triggers: frozenset[str] = frozenset()
    #: The keys of `by_trigger` as a set: a sentence's words meet them in one intersection.
    trigger_words: frozenset[str] = frozenset()

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)


@lru_cache(maxsize=1)
def shipped_rules() -> dict[str, Any]:
    """The parsed rules file shipped in the package."""
    from blamefree.lint.built import kept

    return kept("rules", dict, lambda: (data_file("rules.toml"),), _parse_shipped)


def _parse_shipped() -> dict[str, Any]:
    import tomllib  # kept parsed on disk (blamefree.lint.built): most runs import no TOML parser

    return tomllib.loads(data_file("rules.toml").read_text(encoding="utf-8"))


def _alternation(items: list[str]) -> str:
    return "(?:" + "|".join(items) + ")"


def _expand(pattern: str, vocab: dict[str, str], rule_id: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "person":
            return PERSON
        if name == "we":
            return WE
        if name == "role":
            return _role(vocab)
        if name == "team":
            return TEAM
        if name == "human":
            return f"(?:{PERSON}|{_role(vocab)}|{TEAM}|{WE})"
        if name in vocab:
            return vocab[name]
        raise RuleError(f"rule {rule_id}: unknown placeholder {{{name}}}")

    expanded = _PLACEHOLDER.sub(replace, pattern)
    expanded = _CLASS.sub(_fold_free, expanded)
    # Possessive whitespace: every pattern follows a run of spaces with a non-space.
    return re.sub(r"(?<!\\)\\s\+(?!\+)", r"\\s++", expanded)


_GREEDY_REPEATS = (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT)
#: A repeat allowed more than this many times counts as unbounded.
_WIDE = 10


def nested_quantifier(expanded: str) -> bool:
    """Does the pattern repeat a group (unbounded, or more than ten times) that holds a
    quantifier of its own, as in `(a+)+$` or `(?:\\w+\\s?)*`? On text that almost matches,
    such a pattern tries every way of splitting the run between the two loops: time
    exponential in the length. Possessive repeats and atomic groups cannot backtrack, so
    they are allowed."""
    try:
        tree = _sre_parse.parse(expanded, re.IGNORECASE)
    except re.error:
        return False  # compiling reports it

    def walk(items: Any, inside_wide: bool) -> bool:
        for op, av in items:
            if op in _GREEDY_REPEATS:
                _low, high, sub = av
                if inside_wide and high > 1:
                    return True
                if walk(sub, inside_wide or high == _sre_parse.MAXREPEAT or high > _WIDE):
                    return True
            elif op == _sre_parse.SUBPATTERN:
                if walk(av[-1], inside_wide):
                    return True
            elif op == _sre_parse.BRANCH:
                if any(walk(branch, inside_wide) for branch in av[1]):
                    return True
            elif op in (_sre_parse.ASSERT, _sre_parse.ASSERT_NOT):
                if walk(av[1], inside_wide):
                    return True
            elif op == _sre_parse.GROUPREF_EXISTS:
                if any(branch is not None and walk(branch, inside_wide) for branch in av[1:]):
                    return True
            # POSSESSIVE_REPEAT and ATOMIC_GROUP never give back what they matched.
        return False

    return walk(tree, False)


def _compile(
    pattern: str, vocab: dict[str, str], rule_id: str, key: tuple[str | int, ...] = (), strict: bool = False, lazy: bool = False
) -> str:
    """The expanded pattern, checked: compiled now unless `lazy` (the shipped rules,
    whose patterns the tests compile; a team's are compiled at once, so a bad one is
    reported with its place in the file)."""
    try:
        expanded = _expand(pattern, vocab, rule_id)
    except RuleError as error:
        raise RuleError(str(error), key) from None
    if lazy:
        return expanded
    try:
        re.compile(expanded, re.IGNORECASE)
    except re.error as error:
        raise RuleError(f"rule {rule_id}: bad pattern {pattern!r}: {error}", key) from None
    if strict and nested_quantifier(expanded):
        raise RuleError(
            f"rule {rule_id}: pattern {pattern!r} has nested quantifiers (a repeated group holding a "
            "quantifier, like (a+)+): it can backtrack catastrophically on long text; bound the outer "
            "repeat, or make the inner one possessive (a++) or atomic ((?>...))",
            key,
        )
    return expanded


_RULE_KEYS = {
    "id",
    "family",
    "level",
    "patterns",
    "exceptions",
    "requires",
    "forbids",
    "triggers",
    "also",
    "person",
    "subject",
    "needs_person",
    "negated",
    "family_by_agent",
    "message",
    "suggestion",
    "reference",
    "examples",
    "detector",
}
DETECTORS = ("structure.slip", "structure.failure", "structure.role")


def _build_rule(
    spec: dict[str, Any],
    vocab: dict[str, str],
    families: dict[str, dict[str, str]],
    order: int,
    *,
    strict: bool = False,
    lazy: bool = False,
) -> Rule:
    """One rule compiled; `strict` (a team's rules) also rejects patterns that can
    backtrack catastrophically (the shipped ones are tested against hostile input)."""
    rule_id = str(spec.get("id", "")).strip()
    if not rule_id:
        raise RuleError("a rule without an id", ("id",))
    unknown = set(spec) - _RULE_KEYS
    if unknown:
        raise RuleError(f"rule {rule_id}: unknown keys {sorted(unknown)}", (min(unknown),))
    family = str(spec.get("family", "")).strip()
    if family not in families:
        raise RuleError(f"rule {rule_id}: unknown family {family!r} (one of {sorted(families)})", ("family",))
    defaults = families[family]
    level = spec.get("level", defaults.get("level", "warning"))
    if level not in LEVELS:
        raise RuleError(f"rule {rule_id}: level must be one of {LEVELS}", ("level",))
    patterns = spec.get("patterns") or []
    if isinstance(patterns, (str, dict)):
        patterns = [patterns]
    detector = str(spec.get("detector", ""))
    if detector and detector not in DETECTORS:
        raise RuleError(f"rule {rule_id}: detector must be one of {DETECTORS}", ("detector",))
    if not patterns and not detector:
        raise RuleError(f"rule {rule_id}: no patterns", ("patterns",))
    # A pattern is a string, or a table { re = '...', triggers = [...], also = [...] }
    # whose own trigger words decide whether it runs on a sentence, and whose `also`
    # words must be in the sentence as well (fewer searches per sentence).
    pattern_texts: list[str] = []
    pattern_words: list[frozenset[str]] = []
    pattern_also: list[frozenset[str]] = []
    for index, item in enumerate(patterns):
        if isinstance(item, dict):
            if "re" not in item or set(item) - {"re", "triggers", "also"}:
                raise RuleError(
                    f"rule {rule_id}: a pattern table has `re` and optional `triggers` and `also`", ("patterns", index)
                )
            pattern_texts.append(str(item["re"]))
            pattern_words.append(frozenset(str(w).lower() for w in item.get("triggers") or []))
            pattern_also.append(frozenset(str(w).lower() for w in item.get("also") or []))
        else:
            pattern_texts.append(str(item))
            pattern_words.append(frozenset())
            pattern_also.append(frozenset())
    person = spec.get("person", "weak")
    if person not in PERSON_STRENGTHS:
        raise RuleError(f"rule {rule_id}: person must be one of {PERSON_STRENGTHS}", ("person",))
    examples = spec.get("examples") or {}

    def many(key: str) -> tuple[str, ...]:
        items = spec.get(key) or []
        if isinstance(items, str):
            items = [items]
        return tuple(_compile(item, vocab, rule_id, (key, index), strict, lazy) for index, item in enumerate(items))

    triggers = frozenset(str(word).lower() for word in spec.get("triggers") or [])
    if detector.startswith("structure"):
        from blamefree.lint.lexicon import lexicon

        triggers = lexicon().cues | {"by", "one"}  # the detector checks the rest
    if triggers:
        triggers = triggers.union(*pattern_words)
    also = frozenset(str(word).lower() for word in spec.get("also") or [])
    for key, words in (("triggers", triggers), ("also", also.union(*pattern_also))):
        bad = sorted(word for word in words if not re.fullmatch(r"[a-z0-9]+", word))
        if bad:
            raise RuleError(f"rule {rule_id}: {key} are single lowercase words, not {bad}", (key,))
    return Rule(
        id=rule_id,
        family=family,
        level=level,
        message=str(spec.get("message") or defaults.get("message", "")),
        suggestion=str(spec.get("suggestion") or defaults.get("suggestion", "")),
        reference=str(spec.get("reference", "")),
        sources=(
            tuple(_compile(item, vocab, rule_id, ("patterns", index), strict, lazy) for index, item in enumerate(pattern_texts)),
            many("exceptions"),
            many("requires"),
            many("forbids"),
        ),
        pattern_triggers=tuple(pattern_words),
        pattern_also=tuple(pattern_also),
        triggers=triggers,
        also=also,
        person=person,
        subject=bool(spec.get("subject", False)),
        needs_person=bool(spec.get("needs_person", False)),
        negated=str(spec.get("negated", "")),
        family_by_agent=tuple(sorted((spec.get("family_by_agent") or {}).items())),
        fire=tuple(examples.get("fire") or ()),
        clean=tuple(examples.get("clean") or ()),
        order=order,
        detector=detector,
    )


@lru_cache(maxsize=1)
def _shipped_parts() -> tuple[dict[str, dict[str, str]], dict[str, str], frozenset[str]]:
    """The shipped families, vocab alternations and rule ids."""
    data = shipped_rules()
    families = {name: dict(value) for name, value in data.get("family", {}).items()}
    vocab = {name: _alternation([str(v) for v in values]) for name, values in data.get("vocab", {}).items()}
    # Every role noun and its plural from the generated lexicon (`{role_any}`).
    from blamefree.lint.lexicon import lexicon

    roles = sorted(lexicon().roles, key=lambda r: (-len(r), r))
    vocab["role_any"] = _alternation([r"\s+".join(re.escape(part) for part in role.split()) for role in roles])
    return families, vocab, frozenset(str(spec.get("id", "")) for spec in data.get("rule", []))


def check_rule(spec: dict[str, Any]) -> None:
    """Raise RuleError (with the key inside the rule) when a team's rule is malformed or
    has a pattern that can backtrack catastrophically."""
    families, vocab, _ids = _shipped_parts()
    _build_rule(spec, vocab, families, 0, strict=True)


def known_names() -> tuple[frozenset[str], frozenset[str]]:
    """(shipped rule ids, family names): what `disable` and `[severity]` may name."""
    families, _vocab, ids = _shipped_parts()
    return ids, frozenset(families)


def _word_rule(family: str, words: tuple[str, ...]) -> dict[str, Any]:
    """A team's extra words for a family, as a rule."""
    escaped = [r"\s+".join(re.escape(part) for part in word.split()) for word in words if word.strip()]
    return {
        "id": f"team.{family}",
        "family": family,
        "patterns": [r"\b(?:" + "|".join(escaped) + r")\b"],
        "reference": "the team's .blamefree/rules.toml",
    }


#: The fields of a Rule not kept on disk (its compiled patterns).
_NOT_KEPT = ("compiled", "single", "by_word")


def _shipped_built() -> dict[str, Any]:
    """Every shipped rule built (patterns expanded, not compiled), as plain fields by id."""
    families, vocab, _ids = _shipped_parts()
    out = {}
    for spec in shipped_rules().get("rule", []):
        rule = _build_rule(dict(spec), vocab, families, 0, lazy=True)
        out[rule.id] = {name: value for name, value in rule.__dict__.items() if name not in _NOT_KEPT}
    return out


@lru_cache(maxsize=1)
def shipped_built() -> dict[str, Any]:
    """`_shipped_built`, kept on disk between processes (blamefree.lint.built): expanding
    the shipped rules needs the lexicon's roles and costs more than linting a short file.
    Its sources: the rules file, the lexicon and the linter's code."""
    from blamefree.lint.built import kept

    def sources() -> tuple[Path, ...]:
        here = Path(__file__).parent
        return (data_file("rules.toml"), data_file("lexicon.json"), *sorted(here.glob("*.py")))

    return kept("rules-built", dict, sources, _shipped_built)


@lru_cache(maxsize=16)
def compile_rules(config: LintConfig) -> RuleSet:
    """The shipped rules plus the team's, compiled (cached per configuration)."""
    data = shipped_rules()
    families = {name: dict(value) for name, value in data.get("family", {}).items()}
    built = shipped_built()
    specs: list[dict[str, Any]] = [dict(spec) for spec in data.get("rule", [])]
    team: set[int] = set()  # ids of the team's specs: compiled at once, the shipped ones lazily
    for raw in config.rules:
        extra = json.loads(raw)
        specs = [spec for spec in specs if spec.get("id") != extra.get("id")]
        specs.append(extra)
        team.add(id(extra))
    for family, words in config.words:
        if words:
            specs.append(_word_rule(family, words))
            team.add(id(specs[-1]))
    disabled = set(config.disabled)
    overrides = dict(config.severity)
    rules: list[Rule] = []
    for order, spec in enumerate(specs):
        if spec.get("id") in disabled or spec.get("family") in disabled:
            continue
        fields = built.get(spec.get("id", "")) if id(spec) not in team else None
        if fields is not None:
            rule = Rule(**{**fields, "order": order})
        else:
            _families, vocab, _ids = _shipped_parts()
            rule = _build_rule(spec, vocab, families, order, lazy=id(spec) not in team)
        level = overrides.get(rule.id) or overrides.get(rule.family)
        if level in LEVELS:
            rule = Rule(**{**rule.__dict__, "level": level})
        rules.append(rule)
    by_trigger: dict[str, list[Rule]] = {}
    always = []
    detector_rules = [rule for rule in rules if rule.detector and rule.triggers and not rule.also]
    for rule in rules:
        if rule in detector_rules:
            continue
        if not rule.triggers:
            always.append(rule)
        for word in rule.triggers:
            by_trigger.setdefault(word, []).append(rule)
    names_data = data.get("names", {})
    not_people = {str(n).casefold() for n in names_data.get("not_people", [])} | {n.casefold() for n in config.not_people}
    names = Names(
        not_people=frozenset(not_people - {p.casefold() for p in config.people}),
        ordinary=frozenset(str(n).casefold() for n in names_data.get("ordinary", [])),
        common=frozenset(str(n).casefold() for n in names_data.get("common", [])),
        given_s=frozenset(str(n).casefold() for n in names_data.get("given_s", [])),
        given=_given_names(),
    )
    return RuleSet(
        rules=tuple(rules),
        always=tuple(always),
        by_trigger={word: tuple(found) for word, found in by_trigger.items()},
        names=names,
        families=families,
        detector_rules=tuple(detector_rules),
        detector_triggers=frozenset().union(*(rule.triggers for rule in detector_rules)),
        trigger_words=frozenset(by_trigger),
    )


if __name__ == "__main__":  # pragma: no cover - `python -m blamefree.lint.rules` lists the rules
    for rule in compile_rules(LintConfig()).rules:
        print(f"{rule.id:40} {rule.family:18} {rule.level}", file=sys.stdout)


def _given_names() -> frozenset[str]:
    """The generated lexicon's given names (for rules whose person must be "known")."""
    from blamefree.lint.lexicon import lexicon

    return lexicon().given
