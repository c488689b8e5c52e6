"""Who is made the agent of a failure: a shallow reading of one sentence's clauses.

The pattern rules in `data/rules.toml` know phrases; this module knows roles in a
clause. It finds an agent in subject position (a name, an @handle, a pronoun, an
indefinite pronoun such as "someone" or "nobody", a role or job title, a team, a
possessive "Priya's team") and reads the predicate that follows it, up to the end of
its clause. The sentence is blamed when that predicate is a failure:

- a slip verb in any inflection (forgot, ignored, misconfigured, rubber-stamped);
- a failure verb a system could share (broke, corrupted, wiped);
- an omission: a negated action (did not restart, never opened), "failed to" + an act;
- a neutral verb with a failure object ("merged a broken migration", "pulled the wrong
  disk") or a destructive verb aimed at something live ("deleted the prod bucket");
- a slip construction: instead of, without checking, before confirming, despite the
  alert, thinking it was..., straight to production, left it on, let it lapse;
- a failure result clause ("..., which locked out support", "and wiped a day of
  orders", "leaving the API open").

The passive with a by-agent counts too ("the index was deleted by Omar"), as do
mistake nouns with an agent ("an error by one administrator", "made a typo").

This module is the detector itself (`detect`); it reads agents with `agents`, predicates
with `predicates`, and word lists from `lexicon` (the generated `data/lexicon.json`, built
by `tools/build_lexicon.py` from lemminflect and first-name lists: every inflection of
each verb, given names, role nouns and their plurals). Everything here is plain Python
over one list of tokens per sentence; a sentence without any cue word costs one set
intersection.
"""

from __future__ import annotations

from blamefree.lint.agents import Agent, _at_clause_start, _capital_agent, find_agents, find_agents_after_by
from blamefree.lint.lexicon import (
    _ACCOUNT_PREPS,
    _ACCOUNTS,
    _ADMIT,
    _ADVICE,
    _AGENT_ACTS,
    _ANON_CHANGES,
    _APPROVE_HEADS,
    _BOUNDARY,
    _CHANGE_NOUNS,
    _CHANGE_RESULTS,
    _CHECK_ING,
    _CHECK_NOUN,
    _DEFECTS,
    _DEFINITE,
    _DESTROY_LIVE,
    _DUTY,
    _FAILURE_OBJECT,
    _FRONT_SLIPS,
    _INTERJECTIONS,
    _MACHINE_ROLES,
    _MID_SLIPS,
    _MODALS,
    _MONTHS,
    _OPENERS,
    _OWNED_BY,
    _PASSIVE_AUX,
    _RECOVERY,
    _REPORTING,
    _SANCTIONED,
    _SLIP_NOUNS,
    Lexicon,
    Tok,
    _is_past,
    _worth_reading,
    lexicon,
    tokenize,
)
from blamefree.lint.people import Names, Roster, check_person, name_like
from blamefree.lint.predicates import (
    _head,
    _never_checked,
    _passive_at,
    _reduced_passive_failure,
    _safeguard_off,
    _skip_aside,
    after_agent_slip,
    passive_failure,
    predicate_failure,
    recovery_head,
)


def _person_ok(toks: list[Tok], agent: Agent, strength: str, roster: Roster, names: Names, lex: Lexicon) -> bool:
    if agent.kind != "person" or agent.strength == "strong":
        return True
    text = " ".join(t.text for t in toks[agent.start : agent.end])
    first = toks[agent.start].low
    if first.endswith(("'s", "’s")):
        # "Mikkel's cleanup script": the person is the possessor.
        text = toks[agent.start].text[:-2]
        first = first[:-2]
    if first in lex.given and first not in names.not_people and first not in names.common and first not in names.ordinary:
        return True
    if check_person(text, strength, roster, names) is not None:
        return True
    # A name that is also a word (Victor, Lee, Mark, Grant), capitalised, then an act only an
    # agent does: "Victor ran the cleanup with the production credentials" (LINTER.md: a
    # name-word is a person with a past-tense verb after it; not "Page failed to load").
    if (
        agent.end == agent.start + 1
        and first in names.ordinary
        and first not in names.not_people
        and first not in _MONTHS
        and toks[agent.start].text[:1].isupper()
        and check_person(text, "strong", roster, names) is not None
    ):
        k, _negated = _head(toks, _skip_aside(toks, agent.end), lex)
        return k < len(toks) and toks[k].low in _AGENT_ACTS
    return False


def _present_predicate(toks: list[Tok], agent: Agent, lex: Lexicon) -> bool:
    """Is the agent's verb in the present tense ("does not acknowledge", "misses")?"""
    k, _negated = _head(toks, _skip_aside(toks, agent.end), lex)
    if any(t.low in ("does", "doesn't", "do", "don't") for t in toks[agent.end : k]):
        return True
    if k >= len(toks):
        return False
    head = toks[k].low
    return head in ("does", "doesn't", "do", "don't") or (
        head.endswith("s") and not head.endswith("ss") and head not in lex.irregular_past
    )


def detect(sentence: str, words: set[str], roster: Roster, names: Names) -> list[tuple[str, int, int, str]]:
    """Failures with an agent in one sentence: (agent kind, start, stop, strength), where
    strength is "strong" for slips only people make and "weak" for failures a system
    could share."""
    lex = lexicon()
    if not _worth_reading(words, lex):
        return []
    if (
        words.isdisjoint(lex.agent_words)
        and "@" not in sentence
        and not ("no" in words and "one" in words)
        and (words.isdisjoint(_OWNED_BY) or (words.isdisjoint(_SLIP_NOUNS) and words.isdisjoint(_CHANGE_NOUNS)))
        and not _capital_agent(sentence, names, lex)
    ):
        return []  # nobody who could be an agent: no name, role, team or pronoun
    toks = tokenize(sentence)
    out: list[tuple[str, int, int, str]] = []
    taken_until = -1
    if toks and toks[0].low in ("saying", "claiming", "calling", "blaming", "assuming", "writing"):
        return []  # "Saying that someone made a mistake explains nothing": a mention
    if toks and toks[0].low in ("if", "when", "whenever") and _advice_after_comma(toks):
        return []  # "If the on-call missed the page, look at how pages are delivered": advice
    hypothetical = (
        bool(toks)
        and toks[0].low in ("if", "when", "whenever")
        and any(
            t.low.endswith("s")
            and not t.low.endswith("ss")
            and t.low not in lex.irregular_past
            and (t.low in lex.lemma_of or t.low in ("says", "deletes", "does", "makes", "runs", "pushes"))
            for t in toks[1:12]
        )
    )
    cue_tokens = lex.cue_tokens
    last_cue = max((i for i, t in enumerate(toks) if t[1] in cue_tokens), default=-1)
    if "-" in sentence:  # "OOM-killed" counts as "killed"
        hyphened = (i for i, t in enumerate(toks) if "-" in t[1] and t[1].rsplit("-", 1)[1] in cue_tokens)
        last_cue = max(last_cue, max(hyphened, default=-1))
    # A slip clause before the subject: "Despite the freeze, Matteo pushed", ", and despite
    # two warnings in the channel, the release manager approved".
    front = None
    if not words.isdisjoint(_FRONT_SLIPS):
        front = next((i for i, t in enumerate(toks) if t[1] in _FRONT_SLIPS and (i == 0 or t[1] in _MID_SLIPS)), None)
    if front is not None or not words.isdisjoint(_ADMIT):
        last_cue = len(toks)  # "Despite the freeze, Matteo pushed ...": the cue comes first
    for agent in find_agents(toks, roster, names, lex, last_cue):
        if agent.start < taken_until:
            continue
        first = toks[agent.start].low
        if first in ("nobody", "no"):
            continue  # "nobody missed the alert": handled below, for verbs of attention only
        known = agent.kind != "person" or agent.strength == "strong" or first in lex.given or roster.knows(toks[agent.start].text)
        timeline = bool(toks) and toks[0].low[:1].isdigit()
        found = predicate_failure(toks, agent.end, agent.kind, lex, present_ok=known or timeline)
        if (
            found is not None
            and agent.start > 0
            and toks[agent.start - 1].low in ("if", "unless", "whenever")
            and _present_predicate(toks, agent, lex)
        ):
            continue  # "Page the secondary if the primary on-call does not acknowledge": a condition
        if (
            found is None
            and agent.kind in ("person", "role", "team")
            and any(t.low in _ADMIT for t in toks[max(0, agent.start - 5) : agent.start])
        ):
            k, negated = _head(toks, _skip_aside(toks, agent.end), lex)
            if k < len(toks) and not negated and _is_past(toks[k].low, lex) and not recovery_head(toks[k].low):
                found = (k, "weak")  # "admitted that a contractor had disconnected the power supply"
        if found is not None and agent.kind in ("role", "team", "indefinite") and not timeline and _generic(toks, agent, lex):
            continue  # "Engineers forget things", "An operator who ignores alarms...": people in general
        if (
            found is not None
            and hypothetical
            and (agent.start == 0 or toks[agent.start - 1].low in ("if", "when", "whenever", "says", "say", "said"))
        ):
            continue  # "When an engineer deletes the wrong table, ...": a case, not an account
        if (
            found is None
            and front is not None
            and agent.kind in ("person", "role", "team")
            and agent.start > front + 1
            and any(t.low == "," for t in toks[front : agent.start])
        ):
            k, _negated = _head(toks, _skip_aside(toks, agent.end), lex)
            if (
                k < len(toks)
                and _is_past(toks[k].low, lex)
                and (front == 0 or (toks[k].low in _AGENT_ACTS and not recovery_head(toks[k].low)))
            ):
                found = (k, "strong")
        if found is None and agent.kind == "indefinite" and first in ("someone", "somebody"):
            # Someone nobody names destroyed something or switched a safeguard off:
            # "Someone deleted the DNS zone", "somebody turned off the backups".
            k, negated = _head(toks, _skip_aside(toks, agent.end), lex)
            if k < len(toks) and not negated:
                head = toks[k].low
                if head in ("is", "was", "keeps", "kept") and k + 1 < len(toks) and toks[k + 1].low in _CHANGE_RESULTS:
                    found = (k + 1, "weak")  # "someone is hammering the api with a script"
                anonymous = (agent.end == agent.start + 1 or toks[agent.start + 1].low == "with") and not any(
                    t.low in _SANCTIONED for t in toks[k + 1 :]
                )
                if (
                    (head in _DESTROY_LIVE and _is_past(head, lex))
                    or _safeguard_off(toks, k)
                    or (anonymous and head in _ANON_CHANGES)
                ):
                    found = (k, "weak")
        if found is None and agent.kind in ("person", "role", "team") and toks[agent.start].low.startswith("@"):
            k, negated = _head(toks, _skip_aside(toks, agent.end), lex)
            if (
                k < len(toks)
                and not negated
                and _safeguard_off(toks, k)
                and not any(t.low in ("to", "because", "while", "for", "during", "until", "so") for t in toks[k + 1 :])
            ):
                found = (k, "weak")  # "pretty sure @maria.k disabled the health check"
        if found is None and toks[agent.end - 1].low in _SLIP_NOUNS:
            # "Her typo in the bucket policy made every object public", "his mistake cost us"
            for r in range(agent.end, min(len(toks), agent.end + 9)):
                if toks[r].low in ",;:" or toks[r].low in _BOUNDARY:
                    break
                if _is_past(toks[r].low, lex) and not recovery_head(toks[r].low):
                    found = (r, "weak")
                    break
        if found is None and toks[agent.end - 1].low in _CHANGE_NOUNS:
            # "your migration locked the whole db", "somebody's cron job filled the disk"
            k, negated = _head(toks, _skip_aside(toks, agent.end), lex)
            if k < len(toks) and toks[k].low in ("is", "was", "keeps", "kept") and k + 1 < len(toks):
                k += 1
            if k < len(toks) and not negated and (toks[k].low in _CHANGE_RESULTS or toks[k].low in lex.breaks):
                found = (k, "weak")
            elif (
                k < len(toks)
                and not negated
                and toks[k].low in ("introduced", "caused", "created", "reintroduced")
                and any(t.low in _DEFECTS for t in toks[k + 1 : k + 5])
            ):
                found = (k, "weak")  # "Elif's commit introduced a memory leak"
            if found is None:
                found = _never_checked(toks, agent.end)  # "Rosa's change to the rate limiter was never load tested"
        if found is None:
            continue
        cue, strength = found
        if agent.kind == "they" and strength != "strong" and not (toks[agent.start].low == "you" and toks[cue].low in lex.breaks):
            continue
        if agent.kind == "person" and not _person_ok(
            toks, agent, "strong" if strength == "strong" else "weak", roster, names, lex
        ):
            continue
        if agent.kind == "indefinite" and toks[agent.start].low in ("everyone", "everybody") and strength != "strong":
            continue
        if agent.kind == "role" and strength != "strong" and toks[agent.end - 1].low in _MACHINE_ROLES:
            continue  # "Celery workers failed to acknowledge tasks": a worker may be a process
        out.append((agent.kind, toks[agent.start].start, toks[cue].stop, strength))
        taken_until = cue + 1
    # Chat: an act held against someone ("I bet Shreya changed the sender domain again",
    # "Once again, Bruno deployed on a Friday afternoon").
    if not out and "again" in words and _accusing(sentence, toks):
        for agent in find_agents(toks, roster, names, lex):
            if agent.kind not in ("person", "role", "team") or not _person_ok(toks, agent, "weak", roster, names, lex):
                continue
            k, negated = _head(toks, _skip_aside(toks, agent.end), lex)
            if k >= len(toks) or negated:
                continue
            head = toks[k].low
            following = toks[k + 1].low if k + 1 < len(toks) else ""
            if (
                (_is_past(head, lex) and head not in _RECOVERY and head not in _REPORTING)
                or (
                    head in ("is", "are", "keeps", "kept", "was")
                    and following.endswith("ing")
                    and (following not in _CHECK_ING or any(t.low in _CHANGE_RESULTS for t in toks[k + 2 :]))
                )
                or head in ("asleep", "with")
            ):
                out.append((agent.kind, toks[agent.start].start, toks[k].stop, "weak"))
                break
    # "who dropped the prod index", "who the hell keeps merging without a review??"
    w0 = 0
    while w0 < min(3, len(toks)) and toks[w0].low != "who" and (toks[w0].low in _OPENERS or toks[w0].low in _INTERJECTIONS):
        w0 += 1  # "lmao who merged this without running the tests"
    if w0 < len(toks) - 2 and toks[w0].low == "who":
        j = w0 + 1
        if toks[j].low == "the" and toks[j + 1].low in ("hell", "heck", "fuck"):
            j += 2
        if (
            j < len(toks)
            and toks[j].low in ("keeps", "kept")
            and any(
                toks[r].low == "without"
                and r + 1 < len(toks)
                and (toks[r + 1].low in _CHECK_ING or toks[r + 1].low in _CHECK_NOUN or toks[r + 1].low in ("a", "any"))
                for r in range(j + 1, min(len(toks) - 1, j + 8))
            )
        ):
            out.append(("indefinite", toks[w0].start, toks[j].stop, "strong"))  # "who keeps merging without a review??"
        elif j < len(toks) and (_is_past(toks[j].low, lex) or toks[j].low in ("keeps", "kept")):
            found = predicate_failure(toks, j if toks[j].low not in ("keeps", "kept") else j + 1, "indefinite", lex)
            if found is not None:
                out.append(("indefinite", toks[w0].start, toks[found[0]].stop, "strong"))
            elif _accused_act(toks, j, lex):
                out.append(("indefinite", toks[w0].start, toks[j + 1].stop, "strong"))  # "ok who approved this PR"
    # "@sam why did you merge that": a question that holds an act against someone
    if "why" in words and "you" in words:
        for index in range(len(toks) - 3):
            if (
                toks[index].low == "why"
                and toks[index + 1].low in ("did", "didn't", "would")
                and toks[index + 2].low == "you"
                and _accused_act(toks, index + 3, lex)
            ):
                out.append(("they", toks[index].start, toks[index + 4].stop, "strong"))
                break
    # "nobody looked at the dashboards", "no one checked the logs"
    for index, tok in enumerate(toks):
        if tok.low in ("nobody", "one") and (tok.low == "nobody" or (index > 0 and toks[index - 1].low == "no")):
            opening = index if tok.low == "nobody" else index - 1
            question = opening > 1 and toks[opening - 1].low in ("did", "didn't") and toks[opening - 2].low in ("why", "how")
            if (
                opening > 0
                and not question
                and (toks[opening - 1].low in ("which", "that", "where", "whom") or not _at_clause_start(toks, opening))
            ):
                continue  # "a channel nobody reads": a condition of the channel
            k = index + 1
            while k < len(toks) and toks[k].low in (
                "else",
                "had",
                "has",
                "ever",
                "even",
                "actually",
                "really",
                "there",
                "here",
                "clearly",
                "on",
                "the",
                "team",
                "my",
                "our",
                "at",
                "all",
                "call",
                "duty",
                "shift",
                "site",
                "that",
                "rotation",
                "there",
            ):
                k += 1
            if (
                k + 1 < len(toks)
                and toks[k].low in ("was", "were")
                and toks[k + 1].low.endswith("ing")
                and toks[k + 1].low in lex.attend
            ):
                k += 1  # "nobody was watching the channel"
            if (
                k < len(toks)
                and (
                    (toks[k].low in lex.attend and (question or toks[k].low != lex.lemma_of.get(toks[k].low)))
                    or toks[k].low in _DUTY
                    or (toks[k].low in ("thought", "knew") and k + 1 < len(toks) and toks[k + 1].low in ("to", "how"))
                )
                and not (k + 1 < len(toks) and toks[k + 1].low in ("because", "since", "until"))
            ):
                start = toks[index - 1].start if tok.low == "one" else tok.start
                if not any(a <= start < b for _k, a, b, _s in out):
                    out.append(("indefinite", start, toks[k].stop, "strong"))
    # a passive whose agent is named by the account it used: "the index was deleted from
    # Priya's terminal", "the bad config was pushed under Lena's account"
    if not words.isdisjoint(_ACCOUNTS) and not words.isdisjoint(_PASSIVE_AUX):
        for index in range(2, len(toks) - 1):
            tok = toks[index]
            if not (tok.low.endswith("'s") and toks[index + 1].low in _ACCOUNTS and toks[index - 1].low in _ACCOUNT_PREPS):
                continue
            name = tok.text[:-2]
            if not (name[:1].isupper() and name_like(name) and check_person(name, "weak", roster, names) is not None):
                continue
            for k in range(index - 2, max(0, index - 6), -1):
                pp = toks[k].low
                if toks[k - 1].low in _PASSIVE_AUX and (
                    pp in lex.destroy
                    or pp in lex.slip
                    or pp in lex.breaks
                    or pp in lex.ship
                    or any(t.low in _FAILURE_OBJECT or t.low == "bad" for t in toks[:k])
                ):
                    if pp in lex.ship and not any(t.low in _FAILURE_OBJECT or t.low == "bad" for t in toks[:k]):
                        break  # "the fix was pushed from Lena's laptop": nothing failed
                    if pp not in _RECOVERY and not any(a <= tok.start < b for _k, a, b, _s in out):
                        out.append(("person", tok.start, toks[index + 1].stop, "weak"))
                    break
    # passive with a by-agent
    if "by" in words:
        for index, tok in enumerate(toks):
            if tok.low != "by" or index + 1 >= len(toks):
                continue
            agents = find_agents_after_by(toks, index + 1, roster, names, lex)
            if agents is None:
                continue
            kind, end = agents
            if (
                passive_failure(toks, index, lex)
                or (_passive_at(toks, index) and after_agent_slip(toks, end, lex))
                or _reduced_passive_failure(toks, index, words)
            ):
                start = tok.start
                if not any(a <= start < b for _k, a, b, _s in out):
                    out.append((kind, start, toks[end - 1].stop, "weak"))
    return out


def _accused_act(toks: list[Tok], j: int, lex: Lexicon) -> bool:
    """Is toks[j] a change or an approval aimed at "this"/"that" thing ("approved this
    PR", "merge that"): in a who- or why-question, an act held against someone."""
    if j + 1 >= len(toks):
        return False
    verb = toks[j].low
    lemma = lex.lemma_of.get(verb, verb)
    acts = (
        verb in _APPROVE_HEADS
        or verb in _ANON_CHANGES
        or verb in lex.destroy
        or lemma in ("approve", "merge", "deploy", "push", "ship", "release", "delete", "drop", "change", "break")
    )
    return acts and toks[j + 1].low in ("this", "that", "these", "those")


def _accusing(sentence: str, toks: list[Tok]) -> bool:
    """ "once again", "yet again" anywhere ("as usual" is as often a routine), or a chat
    line (no full stop, no clock time) with "again" in it."""
    lows = [t.low for t in toks]
    for index in range(len(lows) - 1):
        if (lows[index], lows[index + 1]) in (("once", "again"), ("yet", "again")):
            return True
    chat = not sentence.rstrip().endswith(".") and not any(c.isdigit() for c in sentence)
    return bool(lows) and chat and "again" in lows


def _advice_after_comma(toks: list[Tok]) -> bool:
    """Does the main clause after the first comma start with an imperative ("..., look at")?"""
    for index, tok in enumerate(toks[:-1]):
        if tok.low == ",":
            return toks[index + 1].low in _ADVICE
    return False


def _generic(toks: list[Tok], agent: Agent, lex: Lexicon) -> bool:
    """A statement about people in general: the present tense, and no definite article
    or possessive before the role ("an operator ignores", "engineers forget")."""
    j = _skip_aside(toks, agent.end)
    if j < len(toks) and toks[j].low in ("who", "that"):
        j += 1  # "an engineer who forgets a step ...": the relative verb's tense decides
    k, _negated = _head(toks, j, lex)
    if k >= len(toks) or agent.start >= len(toks):
        return False
    head = toks[k].low
    following = toks[k + 1].low if k + 1 < len(toks) else ""
    past = (
        head in lex.irregular_past
        or head.endswith(("ed", "'d"))
        or following in lex.irregular_past
        or following.endswith("ed")
        or any(t.low in ("did", "didn't", "had", "hadn't") for t in toks[j:k])
    )
    present = (head.isalpha() and not past and not head.endswith("ing") and head not in _MODALS) or head in ("don't", "doesn't")
    if toks[agent.start].low in ("every", "all", "each") and (
        head in ("has", "have") or any(t.low in ("has", "have") for t in toks[j:k])
    ):
        return True  # "every engineer has, at some point, run a command in the wrong terminal"
    if not present or head in ("was", "has", "is", "keep", "keeps"):
        return False  # "devs keep shipping without tests": a habit, not a generality
    first = toks[agent.start]
    if first.low in _DEFINITE:
        return False
    if first.low in ("a", "an", "someone", "somebody", "anyone", "everyone", "everybody", "most", "many", "some", "any"):
        return True
    return first.text.islower() or first.low in lex.role_heads  # "engineers forget", not "QA ignores"
