"""Who is a person, without a language model.

Evidence, strongest first: the roster (the record's participants, timeline `who`,
owners and sign-off names, `--people`, the team's config), `@handles` and he/she, and
last a capitalised name-like word in subject position next to a failure predicate. How
much a bare capitalised word needs depends on the predicate:

- "strong" predicates only people have (forgot, ignored, pushed the wrong config):
  any name-like word that is not a known service or a common sentence-starter will do,
  even one that is also an ordinary word ("Will forgot", "Mark pushed the wrong...").
- "weak" predicates systems share (failed to, broke, caused): ordinary words that are
  also names (Will, Mark, Grant, Page...) need the roster.
- "known": only the roster, @handles and he/she/him.

Services and products named like people (Jenkins, Cassandra, Travis...) are never
people unless the roster says so; "Sarah Jenkins" is a person (a given name first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_PRONOUNS = frozenset({"he", "she", "him"})
_SUFFIXES = (
    "tion",
    "sion",
    "ment",
    "ness",
    "ship",
    "ism",
    "ware",
    "ics",
    "ogy",
    "ers",
    "ors",
    "ies",
    "ups",
    "ets",
    "ops",
    "ads",
    "ods",
    "eds",
    "ages",
)
_NAME_PART = re.compile(r"^(?:Mc|Mac|O['’]|D['’])?[^\W\d_][^\W\d_]*(?:[-'’][^\W\d_]+)*$")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SENTENCE_PERSON = re.compile(r"@[A-Za-z0-9][\w-]*|\b(?:he|she|him|his|her)\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"(?<![\w@])[^\W\d_a-z][\w'’-]*")


def name_like(token: str) -> bool:
    """A capitalised word shaped like a given or family name (Dana, O'Brien, Jean-Luc, Łukasz)."""
    if len(token) < 2 or not token[0].isupper():
        return False
    if not _NAME_PART.match(token):
        return False
    body = token
    for prefix in ("Mc", "Mac", "O'", "O’", "D'", "D’"):
        if token.startswith(prefix) and len(token) > len(prefix) and token[len(prefix)].isupper():
            body = token[len(prefix) :]
            break
    # After the first letter (and after a hyphen or apostrophe) only lowercase letters.
    for index, char in enumerate(body[1:], 1):
        if char.isupper() and body[index - 1] not in "-'’":
            return False
    return True


@dataclass(frozen=True)
class Names:
    """Word lists from the rules file and the team config (all casefolded)."""

    not_people: frozenset[str]
    ordinary: frozenset[str]
    common: frozenset[str]
    given_s: frozenset[str] = frozenset()
    #: Given names from the generated lexicon that are not also words (Priya, Tomasz).
    given: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Roster:
    """The people a text is known to mention."""

    full: frozenset[str]
    parts: frozenset[str]
    handles: frozenset[str]

    @classmethod
    def build(cls, people: Iterable[str], names: Names) -> Roster:
        full: set[str] = set()
        parts: set[str] = set()
        handles: set[str] = set()
        for raw in people:
            if not isinstance(raw, str):
                continue
            entry = _PARENS.sub(" ", raw).strip()
            if not entry:
                continue
            if entry.startswith("@"):
                handles.add(entry[1:].casefold())
                continue
            tokens = entry.split()
            if entry.casefold() in names.not_people:
                continue
            if not any(name_like(token) for token in tokens):
                # "monitoring", "checkout-api", "on-call": a handle at most.
                if len(tokens) == 1:
                    handles.add(entry.casefold())
                continue
            full.add(" ".join(tokens).casefold())
            for token in tokens:
                folded = token.casefold()
                if name_like(token) and folded not in names.not_people and folded not in names.common:
                    parts.add(folded)
        return cls(frozenset(full), frozenset(parts), frozenset(handles))

    def knows(self, name: str) -> bool:
        tokens = name.split()
        folded = name.casefold()
        if folded in self.full:
            return True
        return bool(tokens) and tokens[0].casefold() in self.parts and (len(tokens) == 1 or name_like(tokens[-1]))


def check_person(who: str, strength: str, roster: Roster, names: Names) -> int | None:
    """If `who` is a person, the offset where the name starts inside `who`; else None.

    A leading sentence-starter is dropped ("Then Sergei" -> "Sergei", offset 5).
    """
    if who.startswith("@"):
        handle = who[1:].casefold()
        return None if handle in names.not_people else 0
    if who.casefold() in _PRONOUNS:
        return 0
    tokens = who.split()
    offset = 0
    while tokens and tokens[0].casefold() in names.common:
        offset = who.index(tokens[1], offset + len(tokens[0])) if len(tokens) > 1 else len(who)
        tokens.pop(0)
    if not tokens:
        return None
    if tokens[0].casefold() in _PRONOUNS and len(tokens) == 1:
        return offset
    name = " ".join(tokens)
    if roster.knows(name):
        return offset
    if len(tokens) == 2 and _sentence_adverb(tokens[0]):
        # "Obviously Sam", "Apparently Priya": the adverb opens the clause, the name follows.
        offset = who.index(tokens[1], offset + len(tokens[0]))
        tokens.pop(0)
        name = tokens[0]
        if roster.knows(name):
            return offset
    if strength == "known":
        # A given name the lexicon knows and that is no word or thing ("Priya could have
        # caught it"); "Will", "Mark" and "Jenkins" still need the roster.
        folded = tokens[0].casefold()
        if (
            len(tokens) <= 2
            and folded in names.given
            and folded not in names.ordinary
            and folded not in names.not_people
            and folded not in names.common
            and all(name_like(token) for token in tokens)
        ):
            return offset
        return None
    first = tokens[0]
    folded_first = first.casefold()
    if name.casefold() in names.not_people or folded_first in names.not_people:
        return None
    if not all(name_like(token) for token in tokens):
        return None
    if folded_first in names.common or _common_shape(folded_first):
        return None
    if len(tokens) > 1 and (tokens[-1].casefold() in names.common or folded_first in names.ordinary):
        return None  # "Rich Text", "Chase Bank": a thing, unless the roster says otherwise
    if strength == "weak":
        if folded_first in names.ordinary:
            return None
        if len(tokens) == 1 and _plural_shape(folded_first) and folded_first not in names.given_s:
            return None  # "Replicas failed", "Notifications failed to send"
    return offset


def _sentence_adverb(token: str) -> bool:
    """An -ly adverb capitalised at a sentence start ("Obviously", "Apparently"), not a
    given name that ends in -ly (Emily, Kelly, Beverly: short, or known as names)."""
    folded = token.casefold()
    return len(folded) >= 6 and folded.endswith("ly") and folded not in _LY_NAMES


_LY_NAMES = frozenset(
    {"beverly", "kimberly", "shelly", "charly", "nelly", "aly", "reilly", "o'reilly", "o’reilly", "kelly", "emily", "molly"}
)


def _plural_shape(folded: str) -> bool:
    return len(folded) > 3 and folded.endswith("s") and not folded.endswith(("ss", "us", "is"))


def _common_shape(folded: str) -> bool:
    """Suffixes of common nouns and plurals that names rarely have (Replication, Backups)."""
    if len(folded) <= 5:
        return False
    if folded.endswith("ing") and len(folded) > 6:
        return True
    return folded.endswith(_SUFFIXES)


def sentence_names_person(sentence: str, roster: Roster, names: Names) -> bool:
    """Does the sentence mention a person at all (a pronoun, a handle, a roster name)?"""
    for match in _SENTENCE_PERSON.finditer(sentence):
        text = match.group()
        if text.startswith("@"):
            if text[1:].casefold() not in names.not_people:
                return True
        else:
            return True
    if roster.full or roster.parts:
        for match in _CAPITALISED.finditer(sentence):
            if roster.knows(match.group()):
                return True
    return False
