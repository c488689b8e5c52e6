"""Run compiled rules over one text: mask, split into sentences, match, filter, report.

Per sentence, only the rules whose trigger words occur in it run, so ordinary prose
costs one tokenising pass. A match is kept when its agent checks out (a person is a
person, a subject starts its clause), no exception overlaps it, and the sentence meets
the rule's requires/forbids. Overlapping findings keep the most severe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from blamefree.lint.people import Roster, check_person, sentence_names_person
from blamefree.lint.rules import Rule, RuleSet
from blamefree.lint.segment import mask, sentences
from blamefree.lint.structure import detect

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
_WORD = re.compile(r"[a-z0-9]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_NEGATION = re.compile(
    r"\b(?:not|never|no|nothing|nobody|none|without|neither|nor|hardly|wasn['’]t|weren['’]t|isn['’]t|aren['’]t|didn['’]t|doesn['’]t|don['’]t|cannot|can['’]t)\b"
    r"(?:\W+\w+){0,3}\W*$",
    re.IGNORECASE,
)
# Words after which a name or a role still starts its clause.
_CLAUSE_OPENERS = frozenset(
    """and but so then when because after before while since as until once if that which who although though
    where whereas yet also later eventually finally meanwhile unfortunately apparently however instead first next
    utc gmt am pm z today yesterday tonight again or nor thus hence therefore whereupon subsequently afterwards
    monday tuesday wednesday thursday friday saturday sunday reportedly clearly obviously note
    said says told claimed admitted concluded found reported confirmed believed noted alleged explained insisted stated""".split()
)


@dataclass(frozen=True)
class Hit:
    """A raw finding: a rule and a span of the text (offsets into the field text)."""

    rule: Rule
    family: str
    severity: str
    start: int
    stop: int


def tokens_of(sentence: str) -> set[str]:
    return set(_WORD.findall(sentence.lower()))


def _subject_position(sentence: str, start: int) -> bool:
    """Does position `start` begin a clause (modulo times, bullets and openers)?"""
    prefix = sentence[:start].rstrip()
    if not prefix:
        return True
    if prefix[-1] in ",;:([—–-*•>":
        return True
    words = _LETTERS.findall(prefix)
    if not words:
        return True  # only times, numbers, punctuation: "13:05 Dana ..."
    last = words[-1].lower()
    if last in _CLAUSE_OPENERS:
        return True
    if len(last) > 4 and last.endswith("ly"):
        # An adverb that itself opens the clause: "Simply Dana forgot", "Then, sadly, Dana..."
        return _subject_position(sentence, prefix.rindex(words[-1]))
    return False


_DETERMINERS = frozenset("the a an our their one that this some his her its two three several both every each any all".split())
_PHRASE_WORDS = re.compile(r"([\w'’-]+)\s+$")


def _phrase_start(sentence: str, head: int) -> int:
    """Where the noun phrase ending in the head noun at `head` starts: back over up to
    two modifiers and a determiner ("the new on-call engineer"), but only when a
    determiner or the clause start is reached that way."""
    position = head
    best = head
    for _ in range(3):
        found = _PHRASE_WORDS.search(sentence, max(0, position - 40), position)
        if found is None:
            break
        word = found.group(1).lower()
        position = found.start()
        if word in _DETERMINERS:
            return position
        if word in _CLAUSE_OPENERS or not word.replace("-", "").isalpha():
            break
        if _subject_position(sentence, position):
            best = position
    return best


def _agent(match: re.Match[str]) -> tuple[str, int, int] | None:
    for kind in ("p", "r", "t", "w"):
        try:
            start = match.start(kind)
        except IndexError:
            continue
        if start >= 0:
            return kind, start, match.end(kind)
    return None


#: Findings per sentence, so a keystroke re-checks only the sentence it changed.
_SENTENCE_CACHE: dict[tuple[RuleSet, Roster, str], tuple[tuple[Rule, str, str, int, int], ...]] = {}
_SENTENCE_CACHE_SIZE = 20_000
#: Off for benchmarks and timing tests that must measure the matching itself.
SENTENCE_CACHE = True


def scan(text: str, ruleset: RuleSet, roster: Roster, *, dedupe: bool = True) -> list[Hit]:
    """Every finding in `text`, as spans of the original text, most severe kept on overlap."""
    masked = mask(text)
    hits: list[Hit] = []
    cache = _SENTENCE_CACHE
    for start, end in sentences(masked):
        sentence = masked[start:end]
        if not SENTENCE_CACHE:
            found = _scan_sentence(sentence, ruleset, roster)
        else:
            key = (ruleset, roster, sentence)
            cached = cache.get(key)
            found = _scan_sentence(sentence, ruleset, roster) if cached is None else cached
            if cached is None:
                if len(cache) >= _SENTENCE_CACHE_SIZE:
                    cache.clear()
                cache[key] = found
        for rule, family, severity, hit_start, hit_stop in found:
            hits.append(Hit(rule, family, severity, start + hit_start, start + hit_stop))
    return _keep_most_severe(hits) if dedupe else hits


def _scan_sentence(sentence: str, ruleset: RuleSet, roster: Roster) -> tuple[tuple[Rule, str, str, int, int], ...]:
    """The findings of one sentence, as (rule, family, severity, start, stop) in it."""
    names = ruleset.names
    found: list[tuple[Rule, str, str, int, int]] = []
    words = tokens_of(sentence)
    candidates = {rule.order: rule for rule in ruleset.always} if ruleset.always else {}
    by_trigger = ruleset.by_trigger
    for word in words & ruleset.trigger_words:
        for rule in by_trigger[word]:
            if not rule.also or not rule.also.isdisjoint(words):
                candidates[rule.order] = rule
    if ruleset.detector_rules and not words.isdisjoint(ruleset.detector_triggers):
        for rule in ruleset.detector_rules:
            candidates[rule.order] = rule
    if not candidates:
        return ()
    has_person: bool | None = None
    detected: list[tuple[str, int, int, str]] | None = None
    # Exception spans by pattern text: rules share exceptions (the {abstract} macro is in
    # several), and each is searched once per sentence.
    spans: dict[str, list[tuple[int, int]]] = {}
    for order in sorted(candidates):
        rule = candidates[order]
        if rule.detector:
            if detected is None:
                detected = detect(sentence, words, roster, ruleset.names)
            found.extend(_detected(rule, sentence, detected, ruleset, spans))
            continue
        if rule.needs_person:
            if has_person is None:
                has_person = sentence_names_person(sentence, roster, names)
            if not has_person:
                continue
        # The sources say whether a rule has requires/forbids/exceptions without compiling
        # them; compiled patterns are read from the rule's dict (no call once compiled).
        sources = rule.sources
        if sources[2] and not all(p.search(sentence) for p in rule.requires):
            continue
        if sources[3] and any(p.search(sentence) for p in rule.forbids):
            continue
        exceptions: list[tuple[int, int]] | None = None
        triggers = rule.pattern_triggers
        for index in rule.patterns_for(words) if len(triggers) > 6 else range(len(triggers)):
            needed = triggers[index]
            if needed and needed.isdisjoint(words):
                continue
            if rule.pattern_also and rule.pattern_also[index] and rule.pattern_also[index].isdisjoint(words):
                continue
            pattern = rule.pattern(index)  # compiled on first use, alone
            position = 0
            while position <= len(sentence):
                match = pattern.search(sentence, position)
                if match is None:
                    break
                # After a rejected agent ("The" tried as a name in "The employee
                # ...") the search resumes one character on, not after the match.
                position = match.start() + 1
                hit_start, hit_stop = match.span()
                if "hit" in pattern.groupindex and match.start("hit") >= 0:
                    hit_start, hit_stop = match.span("hit")
                if hit_stop <= hit_start:
                    continue
                family = rule.family
                agent = _agent(match)
                if agent is not None:
                    kind, who_start, who_stop = agent
                    if kind == "p":
                        offset = check_person(sentence[who_start:who_stop], rule.person, roster, names)
                        if offset is None:
                            continue
                        who_start += offset
                        if "hit" not in pattern.groupindex and match.start("p") == match.start():
                            hit_start = who_start  # "Then Sergei broke" reports "Sergei broke"
                    if kind in ("r", "t"):
                        who_start = _phrase_start(sentence, who_start)
                        if "hit" not in pattern.groupindex:
                            hit_start = min(hit_start, who_start)
                    if rule.subject and not _subject_position(sentence, who_start):
                        continue
                    mapped = dict(rule.family_by_agent).get({"p": "person", "r": "role", "t": "team", "w": "we"}[kind])
                    if mapped:
                        family = mapped
                position = max(match.end(), match.start() + 1)
                if sources[1]:
                    if exceptions is None:
                        exceptions = _exception_spans(rule, sentence, spans)
                    if any(a < match.end() and match.start() < b for a, b in exceptions):
                        continue
                severity = rule.level
                if family != rule.family:
                    severity = ruleset.families.get(family, {}).get("level", severity)
                if rule.negated and _NEGATION.search(sentence, 0, hit_start):
                    severity = rule.negated
                found.append((rule, family, severity, hit_start, hit_stop))
    return tuple(found)


_DETECTED_AGENT = {"person": "person", "indefinite": "person", "they": "person", "role": "role", "team": "team"}


def _detector_slice(detector: str, kind: str, strength: str) -> bool:
    """Which of the structure detector's findings a rule reports: slips people make
    (`structure.slip`), other failures with a person (`structure.failure`), roles and
    teams (`structure.role`)."""
    if kind in ("role", "team"):
        return detector == "structure.role"
    return detector == ("structure.slip" if strength == "strong" else "structure.failure")


def _exception_spans(rule: Rule, sentence: str, spans: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Where the rule's exceptions match in the sentence, each pattern searched once per
    sentence whichever rules share it."""
    out: list[tuple[int, int]] = []
    for pattern in rule.exceptions:
        found = spans.get(pattern.pattern)
        if found is None:
            found = spans[pattern.pattern] = [m.span() for m in pattern.finditer(sentence)]
        out.extend(found)
    return out


def _detected(
    rule: Rule,
    sentence: str,
    found: list[tuple[str, int, int, str]],
    ruleset: RuleSet,
    spans: dict[str, list[tuple[int, int]]],
) -> list[tuple[Rule, str, str, int, int]]:
    """Findings of a rule whose detector is code, from the sentence's detections."""
    out = []
    exceptions: list[tuple[int, int]] | None = None
    for kind, start, stop, strength in found:
        if not _detector_slice(rule.detector, kind, strength):
            continue
        if rule.exceptions:
            if exceptions is None:
                exceptions = _exception_spans(rule, sentence, spans)
            if any(a < stop and start < b for a, b in exceptions):
                continue
        family = dict(rule.family_by_agent).get(_DETECTED_AGENT[kind], rule.family)
        severity = rule.level if family == rule.family else ruleset.families.get(family, {}).get("level", rule.level)
        out.append((rule, family, severity, start, stop))
    return out


def _keep_most_severe(hits: list[Hit]) -> list[Hit]:
    """Drop hits overlapping a more severe (or, at equal severity, earlier-rule) one.

    Kept spans never overlap, so checking the neighbours in start order is enough.
    """
    import bisect

    starts: list[int] = []
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (SEVERITY_RANK.get(h.severity, 3), h.rule.order, h.start)):
        index = bisect.bisect_left(starts, hit.start)
        if index > 0 and kept[index - 1].stop > hit.start:
            continue
        if index < len(kept) and kept[index].start < hit.stop:
            continue
        starts.insert(index, hit.start)
        kept.insert(index, hit)
    return kept


@lru_cache(maxsize=64)
def roster_for(people: tuple[str, ...], ruleset: RuleSet) -> Roster:
    return Roster.build(people, ruleset.names)
