"""Who can be the agent of a clause: names, @handles, pronouns, indefinite pronouns,
roles and job titles, teams and possessive teams, in subject position or after "by"."""

from __future__ import annotations

from dataclasses import dataclass

from blamefree.lint.lexicon import (
    _ADVERBS,
    _AUX,
    _BOUNDARY,
    _CAPITAL,
    _CHANGE_NOUNS,
    _COMMON_VERBS,
    _DETERMINERS,
    _FIRST_WORD,
    _INDEFINITE,
    _INTERJECTIONS,
    _MODALS,
    _NEGATORS,
    _NEXT_WORD,
    _OPENERS,
    _OWNERS,
    _PREPOSITIONS,
    _PRESENT_VERBS,
    _PRONOUNS,
    _SLIP_ADVERBS,
    _SLIP_NOUNS,
    _THEY,
    Lexicon,
    Tok,
    _is_past,
    _verbish,
)
from blamefree.lint.people import Names, Roster, check_person, name_like


@dataclass(frozen=True)
class Agent:
    kind: str  # person | indefinite | role | team | they
    start: int  # token index where the phrase starts
    end: int  # token index just past the phrase
    strength: str = "weak"


def _at_clause_start(toks: list[Tok], index: int) -> bool:
    """Is token `index` where a clause (and so a subject) can start?"""
    j = index - 1
    while j >= 0:
        t = toks[j]
        if t.low in ',;:(—–["“”':
            return True
        if t.low[0].isdigit() or t.low in ("-", "*", "•"):
            j -= 1
            continue
        if t.low in _OPENERS or t.low in _INTERJECTIONS:
            return True
        if t.low.startswith("@") and (j == 0 or toks[j - 1].low in _INTERJECTIONS or toks[j - 1].low in _OPENERS):
            return True  # "@jonas.b you broke staging": a handle spoken to
        if t.low in ("was", "is", "'s") and j > 0 and toks[j - 1].low in ("it", "it's"):
            return True  # "It was Hyun-woo who pushed ..."
        if t.low.endswith("ly") and len(t.low) > 4:
            j -= 1
            continue
        return False
    return True


def _change_after(toks: list[Tok], j: int) -> int | None:
    """After a possessive: the index past "cleanup script", "config push" (up to two
    modifiers and a change noun), or None."""
    found = None
    for k in range(j, min(len(toks), j + 3)):
        if toks[k].low in _CHANGE_NOUNS or toks[k].low in _SLIP_NOUNS:
            found = k + 1  # the last one: "cleanup script", not "cleanup"
        elif not toks[k].low.isalpha() or found is not None:
            break
    return found


def _role_at(toks: list[Tok], i: int, lex: Lexicon) -> tuple[int, str] | None:
    """A role or team noun phrase starting at token i: (index past it, kind)."""
    n = len(toks)
    j = i
    if toks[j].low == "one" and j + 2 < n and toks[j + 1].low == "of":
        j += 2
    if j < n and toks[j].low in _DETERMINERS:
        j += 1
    # "Priya's team", "the retailer's technology team": a possessive, then the head.
    for _ in range(4):
        if j >= n:
            return None
        low = toks[j].low
        if j + 1 < n and f"{low} {toks[j + 1].low}" in lex.two_word_roles:
            return _role_tail(toks, j + 2, lex), "role"
        if low in lex.team_words:
            if low.startswith(("rotation", "shift")) and (j == i or toks[j - 1].low in _DETERMINERS):
                return None
            if j + 1 < n and toks[j + 1].low in lex.team_words | lex.role_heads:
                j += 1
                continue
            if j + 1 < n and len(toks[j + 1].text) <= 2 and toks[j + 1].text[:1].isupper():
                return j + 2, "team"  # "Team B"
            return _role_tail(toks, j + 1, lex), "team"
        if low.endswith("'s") and low[:-2] in lex.role_heads:
            thing = _change_after(toks, j + 1)
            if thing is not None:
                return thing, "role"  # "the intern's script"
        if low in lex.role_heads:
            if low == "people" and j == i:
                return None  # "People rarely ...": people in general, not an agent
            if (
                j + 1 < n
                and (toks[j + 1].low in lex.role_heads or toks[j + 1].low in lex.team_words)
                and toks[j + 1].low not in ("staff",)
            ):
                j += 1
                continue
            if j + 1 < n and _noun_after(toks[j + 1], lex) and not (j + 2 < n and toks[j + 2].low in _DETERMINERS):
                j += 1  # "Guy wires", "engineer onboarding": the role word modifies a noun
                continue
            return _role_tail(toks, j + 1, lex), "role"
        if low in lex.team_names and (
            j + 1 >= n or not toks[j + 1].low.isalpha() or _verbish(toks[j + 1].low, lex) or toks[j + 1].low == "asleep"
        ):
            text = toks[j].text
            if (
                (len(text) <= 3 and text.isupper())
                or (len(text) > 3 and text[0].isupper())
                or low in ("infra", "ops")
                or (j > i and (toks[i].text[0].isupper() or toks[i].low in _DETERMINERS))
            ):
                return j + 1, "team"
        if (
            not low.replace("-", "").replace("'s", "").isalpha()
            or low in _BOUNDARY
            or low in _NEGATORS
            or low in _AUX
            or low in _MODALS
            or low in _PREPOSITIONS
        ):
            return None
        if j > i and low in _DETERMINERS:
            return None  # "Firing the person ...": a determiner inside is a new phrase
        if j == i and low.endswith("ing") and low not in _DETERMINERS:
            return None
        if _verbish(low, lex) and (low in lex.lemma_of or low in lex.irregular_past or j - i > 2):
            return None
        j += 1
    return None


def _noun_after(tok: Tok, lex: Lexicon) -> bool:
    """Is this word after a role noun more of the noun phrase ("Guy wires") than a verb?"""
    low = tok.low
    if tok.text[:1].isupper() or low.endswith("ing") or low in _COMMON_VERBS:
        return False
    return (
        low.isalpha()
        and not _verbish(low, lex)
        and low not in _ADVERBS
        and low not in _PREPOSITIONS
        and low not in _BOUNDARY
        and low not in lex.lemma_of
        and not low.endswith(("ly", "s"))
    ) or (
        low.endswith("s")
        and low.isalpha()
        and low not in lex.lemma_of
        and not _verbish(low, lex)
        and low not in _ADVERBS
        and len(low) > 3
        and low[:-1] not in lex.lemma_of
        and low not in ("keeps", "reads", "runs", "checks", "looks", "pushes", "sits", "strikes")
    )


def _role_tail(toks: list[Tok], j: int, lex: Lexicon) -> int:
    """Past "of staff", "on duty", "on call", "at the hosting company", "on their side", and
    an anonymising label ("Team member 1", "Engineer A")."""
    n = len(toks)
    if j < n and (toks[j].low.isdigit() or (len(toks[j].text) == 1 and toks[j].text.isupper() and toks[j].text != "I")):
        j += 1
    if j < n and toks[j].low.endswith("ing") and toks[j].low not in ("during",) and j + 1 < n:
        # "the engineer making the change did not announce it"
        for k in range(j + 1, min(n, j + 6)):
            if toks[k].low in _NEGATORS or toks[k].low in ("did", "had", "never") or _is_past(toks[k].low, lex):
                return k
        return j
    if j < n and toks[j].low in ("of", "on", "at", "from", "in", "with") and j + 1 < n:
        # The word right after the preposition is its object ("in question", "on call").
        for k in range(j + 2, min(n, j + 6)):
            if _verbish(toks[k].low, lex) or toks[k].low in ",;:(" or toks[k].low in _SLIP_ADVERBS:
                return k
    return j


def find_agents(toks: list[Tok], roster: Roster, names: Names, lex: Lexicon, limit: int | None = None) -> list[Agent]:
    """Agent phrases in subject position, starting before token `limit` (the last cue)."""
    agents: list[Agent] = []
    n = len(toks) if limit is None else min(len(toks), limit)
    starts = lex.agent_starts
    heads = lex.agent_heads
    # Where an agent phrase can start: a capital, a handle, a person word, or a modifier
    # right before a role or team ("backend team"). One pass in C-speed comprehension.
    candidates = [
        index
        for index in range(n)
        if toks[index][0][0].isupper()
        or toks[index][0][0] == "@"
        or toks[index][1] in starts
        or (toks[index][1].endswith("'s") and toks[index][1][:-2] in starts)
        or (index + 1 < len(toks) and toks[index + 1][1] in heads)
    ]
    i = 0
    for index in candidates:
        if index < i:
            continue
        i = index
        t = toks[i]
        low = t.low
        if not _at_clause_start(toks, i):
            i += 1
            continue
        if low.startswith("@"):
            if low[1:] not in names.not_people and not low.endswith("bot"):
                agents.append(Agent("person", i, i + 1, "strong"))
            i += 1
            continue
        if low in _OWNERS and (thing := _change_after(toks, i + 1)) is not None:
            kind = "indefinite" if low.startswith("some") else "team" if low == "their" else "person"
            agents.append(Agent(kind, i, thing, "strong"))  # "your migration", "somebody's cron job"
            i = thing
            continue
        if low in _PRONOUNS:
            agents.append(Agent("person", i, i + 1, "strong"))
            i += 1
            continue
        if low in _THEY or low == "you":
            agents.append(Agent("they", i, i + 1, "strong"))
            i += 1
            continue
        if low in _INDEFINITE or (low == "no" and i + 1 < n and toks[i + 1].low == "one"):
            end = i + (2 if low == "no" else 1)
            if end < n and toks[end].low in ("on", "at", "from", "in", "with"):
                end = _role_tail(toks, end, lex)
            agents.append(Agent("indefinite", i, end, "strong"))
            i = end
            continue
        role = _role_at(toks, i, lex)
        if role is not None:
            end, kind = role
            # "Mireille's colleague Jonas", "our DBA Sam": the name is the agent.
            if end < n and toks[end].text[:1].isupper() and name_like(toks[end].text) and not _verbish(toks[end].low, lex):
                agents.append(Agent("person", i, end + 1, "strong"))
                i = end + 1
                continue
            agents.append(Agent(kind, i, end, "strong"))
            i = end
            continue
        if (
            low.endswith("'s")
            and t.text.islower()
            and low[:-2] in lex.given
            and low[:-2] not in names.ordinary
            and low[:-2] not in names.common
            and low[:-2] not in names.not_people
            and (thing := _change_after(toks, i + 1)) is not None
        ):
            agents.append(Agent("person", i, thing))  # chat: "priya's migration locked the orders table"
            i = thing
            continue
        if (
            low in lex.given
            and low not in names.ordinary
            and low not in names.common
            and low not in names.not_people
            and t.text.islower()
            and i + 1 < len(toks)
            and (
                _verbish(toks[i + 1].low, lex)
                or toks[i + 1].low == "force"
                or (
                    toks[i + 1].low in _ADVERBS
                    and i + 2 < len(toks)
                    and (_verbish(toks[i + 2].low, lex) or toks[i + 2].low == "force")
                )
            )
        ):
            agents.append(Agent("person", i, i + 1))  # chat: "jules ignored the failed jobs"
            i += 1
            continue
        if (
            t.text[:1].isupper()
            and name_like(t.text.rstrip("."))
            and low not in names.common
            and low not in lex.role_heads
            and not low.startswith("i'")
            and not (len(low) >= 6 and low.endswith("ly") and low not in lex.given)
            and not (low.endswith("ing") and low not in lex.given)
        ):
            end = i + 1
            if end < n and toks[end].text[:1].isupper() and name_like(toks[end].text) and not _verbish(toks[end].low, lex):
                end += 1
            # A possessive team: "Priya's team"; a person's change: "Mikkel's cleanup script".
            if low.endswith(("'s", "’s")) and end < n and toks[end].low in lex.team_words:
                agents.append(Agent("team", i, end + 1))
                i = end + 1
                continue
            if low.endswith(("'s", "’s")):
                thing = _change_after(toks, end)
                if thing is not None:
                    agents.append(Agent("person", i, thing))
                    i = thing
                    continue
            agents.append(Agent("person", i, end))
            i = end
            continue
        i += 1
    return agents


def _capital_agent(sentence: str, names: Names, lex: Lexicon) -> bool:
    """Could a capitalised word be a person? One inside the sentence may be; the first
    word of the sentence only when a verb follows it ("Sergei broke", not "Failover
    setting changed")."""
    opening = _FIRST_WORD.match(sentence)
    first = opening.end() if opening is not None else 0
    for m in _CAPITAL.finditer(sentence):
        word = m.group()
        rest = word[1:].replace("-", "").replace("'", "").replace("’", "")
        if (rest and rest.isupper()) or word.lower() in names.common:
            continue  # "EU", "ERROR", "INC-2026": not names
        if m.start() > first or word.endswith(("'s", "’s")):
            return True  # inside the sentence, or a possessive ("Mikkel's cleanup script")
        after = _NEXT_WORD.match(sentence, m.end())
        if after is not None:
            following = after.group(1).lower()
            following = following.rsplit("-", 1)[-1]  # "force-pushes"
            if _verbish(following, lex) or following in lex.lemma_of or following in _PRESENT_VERBS:
                return True
    return False


def find_agents_after_by(toks: list[Tok], i: int, roster: Roster, names: Names, lex: Lexicon) -> tuple[str, int] | None:
    n = len(toks)
    if i >= n:
        return None
    t = toks[i]
    low = t.low
    if low.startswith("@"):
        return "person", i + 1
    if low in _PRONOUNS or low in ("him", "her"):
        return "person", i + 1
    if low in _INDEFINITE or low in ("someone", "somebody"):
        return "indefinite", i + 1
    role = _role_at(toks, i, lex)
    if role is not None:
        return role[1], role[0]
    if t.text[:1].isupper() and name_like(t.text):
        end = i + 1
        if end < n and toks[end].text[:1].isupper() and name_like(toks[end].text):
            end += 1
        text = " ".join(x.text for x in toks[i:end])
        if (low in lex.given and low not in names.ordinary) or check_person(text, "weak", roster, names) is not None:
            return "person", end
    return None
