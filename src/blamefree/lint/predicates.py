"""Whether what follows an agent is a failure: slips, failure verbs, omissions, neutral
verbs with a failure object or a result clause, and passives with a failure participle."""

from __future__ import annotations

from blamefree.lint.lexicon import (
    _ADJECTIVAL,
    _ADVERBS,
    _ALERT_WORDS,
    _APPROVAL,
    _APPROVE_HEADS,
    _BELIEF,
    _BOUNDARY,
    _BROAD,
    _CAUSED_AND,
    _CHECK_FIRST,
    _CHECK_ING,
    _CHECK_NOUN,
    _CHECKED,
    _COMMON_VERBS,
    _CONSEQUENCE,
    _CONSEQUENTIAL,
    _DAMAGE_VERBS,
    _DATA_NOUNS,
    _DEAD_TARGET,
    _DEFECTS,
    _DESTROY_LIVE,
    _DESTRUCTIVE_JOBS,
    _DETERMINERS,
    _DISPOSABLE,
    _DISTRACTED,
    _ENV_LIVE,
    _ENV_TEST,
    _ENV_THINGS,
    _EXPOSED_PLACES,
    _FAILURE_OBJECT,
    _FILLERS,
    _FLEET_CHANGES,
    _HARDWARE,
    _HURRY,
    _LAPSE,
    _LEAK_VERBS,
    _LEFT_STATE,
    _LINES,
    _LIVE,
    _LURED,
    _MANY,
    _MISS_NOT,
    _MISTAKE_NOUNS,
    _MITIGATORS,
    _MODALS,
    _MOVE_VERBS,
    _NEGATORS,
    _NEUTRAL_NEGATED,
    _OUT_PHRASES,
    _OUTCOME,
    _OUTCOME_NOUNS,
    _OVER_TARGETS,
    _OVER_VERBS,
    _OVERWRITE,
    _PASSIVE_AUX,
    _PERCEIVE,
    _PHONE,
    _PREPOSITIONS,
    _PRIVILEGE,
    _RECOVERY,
    _RECOVERY_ASSETS,
    _RELATIVE_DAMAGE,
    _REMEDY,
    _REPAIR_ACTS,
    _REPEATABLE,
    _REPORTING,
    _RESOURCES,
    _RESULT_ING,
    _RESULT_STATE,
    _RESULT_VERBS,
    _RULES,
    _RUN_VERBS,
    _SAFEGUARDS,
    _SAFETY,
    _SANCTIONED,
    _SECRETS,
    _SENSITIVE,
    _SILENCE,
    _SLIP_ADVERBS,
    _SLIP_NOUNS,
    _SLO,
    _STALE_SOURCE,
    _STUCK_STATES,
    _SYSTEM_FAIL,
    _SYSTEMS,
    _TEST_GATES,
    _THING_ASIDE,
    _UNFINISHED,
    _UNFINISHED_BUILDS,
    _WITHOUT_GOOD,
    Lexicon,
    Tok,
    _is_past,
    _verbish,
)


def _skip_aside(toks: list[Tok], j: int) -> int:
    """Past ", who was on call," / ", the DBA on duty," / "(on call)"."""
    n = len(toks)
    if j < n and toks[j].low == "(":
        for k in range(j + 1, min(n, j + 16)):
            if toks[k].low == ")":
                return k + 1
        return j
    if j < n and toks[j].low == ",":
        for k in range(j + 1, min(n, j + 16)):
            if toks[k].low == ",":
                return k + 1
            if toks[k].low in ";:.":
                break
    return j


def _window(toks: list[Tok], j: int, limit: int = 22) -> int:
    n = len(toks)
    end = min(n, j + limit)
    for k in range(j, end):
        low = toks[k].low
        if low == ":" and 0 < k < n - 1 and toks[k - 1].low.isdigit() and toks[k + 1].low.isdigit():
            continue  # a clock time ("at 01:10") is not a clause boundary
        if low in ";:!?)" or (low in _BOUNDARY and k > j and not (low == "once" and toks[k - 1].low == "at")):
            return k
    return end


def _aside_is_thing(toks: list[Tok], j: int, stop: int) -> bool:
    """ ", the deploy bot," / ", our deploy butler,": the name before it is a thing."""
    return j < stop and toks[j].low in (",", "(") and any(t.low in _THING_ASIDE for t in toks[j + 1 : stop])


def _head(toks: list[Tok], j: int, lex: Lexicon) -> tuple[int, bool]:
    """Past adverbs, auxiliaries and negations: (index of the verb, negated)."""
    n = len(toks)
    negated = False
    k = j
    while k < n and (
        toks[k].low in _ADVERBS
        or toks[k].low in _NEGATORS
        or toks[k].low in ("did", "had", "has", "have", "does", "do", "'d")
        or (toks[k].low.endswith("ly") and len(toks[k].low) > 4 and toks[k].low not in lex.lemma_of)
    ):
        if toks[k].low in ("had", "has", "have", "did", "does", "do") and k + 1 < n:
            nxt = toks[k + 1].low
            if not (
                nxt in _NEGATORS
                or nxt in _ADVERBS
                or _verbish(nxt, lex)
                or nxt in lex.lemma_of
                or (toks[k].low in ("did", "does", "do") and nxt.isalpha() and nxt not in _DETERMINERS)
            ):
                break  # "never had access": "had" is the verb
        if toks[k].low in _NEGATORS:
            negated = True
        k += 1
    return k, negated


#: After "and"/"but", the start of another predicate read on its own: "... and did not restart".
_NEGATED_JOINT = _NEGATORS | {"did", "then"}


def predicate_failure(
    toks: list[Tok], j: int, agent_kind: str, lex: Lexicon, *, present_ok: bool = True
) -> tuple[int, str] | None:
    """If the predicate starting at token j is a failure: (index of its last cue token, strength)."""
    n = len(toks)
    aside_end = _skip_aside(toks, j)
    if _aside_is_thing(toks, j, aside_end):
        return None
    # ", believing the replica was idle,": a belief the act rested on
    aside_belief = aside_end > j and any(t.low in _BELIEF for t in toks[j:aside_end])
    j = aside_end
    if agent_kind == "indefinite" and j > 0 and toks[j - 1].low == "whoever":
        for r in range(j + 1, min(n, j + 10)):
            if (
                toks[r].low in _NEGATORS
                or toks[r].low in lex.slip
                or toks[r].low in _MODALS
                or (r > j + 1 and toks[r].low in ("had", "has", "was", "is", "clearly", "obviously"))
                or (
                    r > j + 2
                    and _is_past(toks[r].low, lex)
                    and toks[r - 1].low.isalpha()
                    and toks[r - 1].low not in _DETERMINERS
                    and toks[r - 1].low not in _PREPOSITIONS
                    and not _is_past(toks[r - 1].low, lex)
                )
            ):
                j = r
                break
    if j < n and toks[j].low in ("who", "that") and agent_kind in ("role", "team", "indefinite", "person"):
        # "The developers who built the cart service never added a check": past the
        # relative clause to a negation or a slip.
        later = None
        for r in range(j + 2, min(n, j + 12)):
            low = toks[r].low
            if low in ";:,":
                break
            if low in _NEGATORS or low in lex.slip:
                later = r
                break
        # No omission later on: read the relative clause itself ("who pushed the change that broke search").
        j = later if later is not None else j + 1
    k, negated = _head(toks, j, lex)
    if k >= n:
        return None
    head = toks[k].low
    if (
        head in ("needs", "need", "should", "must", "has", "have")
        and k + 3 < n
        and toks[k + 1 + (toks[k + 1].low == "to")].low == "stop"
    ):
        after = k + 2 + (toks[k + 1].low == "to")
        if after < n and toks[after].low.endswith("ing"):
            found = predicate_failure(toks, after, agent_kind, lex, present_ok=True)
            return found if found is not None else (after, "strong")  # "someone needs to stop merging untested stuff"
    if head in _MODALS or head in _PASSIVE_AUX:
        if (
            head in ("was", "were")
            and k + 3 < n
            and toks[k + 1].low == "too"
            and toks[k + 2].low in ("busy", "lazy", "tired", "distracted")
            and toks[k + 3].low == "to"
        ):
            return k + 2, "strong"  # "was too busy to look at the alert"
        if head in ("was", "were") and k + 1 < n and toks[k + 1].low == "asleep":
            return k + 1, "strong"  # "whoever approved that change was asleep"
        if (
            head == "was"
            and k + 2 < n
            and toks[k + 1].low == "supposed"
            and any(t.low in ("didn't", "never", "forgot", "not") for t in toks[k + 3 : min(n, k + 14)])
        ):
            return k + 1, "strong"  # "was supposed to renew the domain and didn't"
        # "staff had been warned repeatedly but failed to act"
        end = _window(toks, k + 1)
        for idx in range(k + 1, min(n - 1, k + 14)):
            if toks[idx].low in (";", ":"):
                break
            if (
                toks[idx].low == "and"
                and _is_past(toks[idx + 1].low, lex)
                and (toks[idx + 1].low in lex.breaks or toks[idx + 1].low in lex.slip or toks[idx + 1].low in _DESTROY_LIVE)
            ):
                return idx + 1, "weak"  # "was allowed to run migrations unsupervised and wiped the audit log"
            if toks[idx].low in _PHONE and _on_the_phone(toks, idx, k):
                return idx, "strong"  # "had been using his phone at the time of the crash"
            if (
                toks[idx].low == "distracted"
                and idx <= k + 2
                and not any(t.low in ("nothing", "no", "none") for t in toks[idx + 1 : idx + 3])
            ):
                return idx, "strong"  # "had been distracted by a phone call"
            if (
                toks[idx].low == "and"
                and toks[idx + 1].low in ("made", "makes")
                and any(t.low in _MISTAKE_NOUNS for t in toks[idx + 2 : idx + 5])
            ):
                return idx + 1, "weak"  # "has been with the company for years and made an honest mistake"
            if (
                toks[idx].low in ("and", "but")
                and _is_past(toks[idx + 1].low, lex)
                and idx + 2 < n
                and toks[idx + 2].low in ("nothing", "anyway")
                and not _exonerates(toks, idx + 3)
            ):
                return idx + 2, "strong"  # "was warned about the expiry and renewed nothing"
            if (
                toks[idx].low in ("and", "but")
                and toks[idx + 1].low == "still"
                and idx + 2 < n
                and _is_past(toks[idx + 2].low, lex)
            ):
                return idx + 2, "strong"  # "had been told twice to drain the node and still rebooted it"
            if (
                toks[idx].low == "and"
                and toks[idx + 1].low == "did"
                and idx + 2 < n
                and toks[idx + 2].low == "nothing"
                and not _exonerates(toks, idx + 3)
            ):
                return idx + 2, "strong"  # "had been told about the expiry twice and did nothing"
        if (
            end < n
            and toks[end].low == "but"
            and end + 1 < n
            and toks[end + 1].low in ("failed", "did", "didn't", "never", "still")
        ):
            return predicate_failure(toks, end + 1, agent_kind, lex, present_ok=present_ok)
        return None
    if (
        head in ("decided", "thought", "figured", "reckoned")
        and k + 4 < n
        and toks[k + 1].low == "it"
        and toks[k + 2].low in ("was", "would")
        and (
            toks[k + 3].low in ("fine", "ok", "okay", "smart", "clever") or (toks[k + 3].low == "a" and toks[k + 4].low == "good")
        )
    ):
        return k + 3, "strong"  # "decided it was fine to test in production"
    if aside_belief and not negated and _is_past(head, lex) and not recovery_head(head):
        return k, "strong"  # "the DBA, believing the replica was idle, dropped its tables"
    if head in _REPORTING and not negated:
        return None  # "Shreya says she didn't touch it": the reported clause is read on its own
    present = head.endswith("s") and not head.endswith("ss") and head not in lex.irregular_past
    if present and not present_ok:
        return None
    if head.startswith("force-push"):
        return k, "strong"  # "force-pushed over the release branch"
    if head == "force" and k + 1 < n and toks[k + 1].low.startswith("push"):
        return k + 1, "strong"
    if not (_verbish(head, lex) or head in lex.lemma_of or present or head in _COMMON_VERBS) and not negated:
        return None
    end = _window(toks, k + 1)
    lemma = lex.lemma_of.get(head)
    if negated:
        base = lemma or head
        explained = head in ("see", "hear", "get", "receive", "notice") and any(
            t.low in ("because", "since", "as") for t in toks[k + 1 : k + 8]
        )
        if (
            base.isalpha()
            and base not in _NEUTRAL_NEGATED
            and base not in ("know", "recall", "remember")
            and agent_kind != "they"
            and not explained
        ):
            return k, "strong" if base in lex.attend else "weak"
    # One pass in C over the words, the "after checking" test only when "after" is there.
    stop = min(n, end + 12)
    nearby = [t.low for t in toks[k:stop]]
    mitigated = not _MITIGATORS.isdisjoint(nearby) or (
        "after" in nearby
        and any(toks[i].low == "after" and i + 1 < n and toks[i + 1].low in _CHECK_FIRST for i in range(k, stop))
    )
    for idx in range(k, end):
        low = toks[idx].low
        if low in _ADJECTIVAL and idx > 0 and toks[idx - 1].low in _DETERMINERS:
            continue  # "the broken build", "the missing index": a state, judged below
        if (low in lex.slip or low in lex.breaks) and idx > k and low.endswith("ed") and toks[idx - 1].low in _DETERMINERS:
            continue  # "spotted the misrouted traffic": a state of the object, judged below
        if low in ("and", "but") and idx > k and idx + 1 < n and toks[idx + 1].low in _NEGATED_JOINT:
            found = predicate_failure(toks, idx + 1, agent_kind, lex, present_ok=present_ok)
            if found is not None:
                return found
        if low == "force" and idx + 1 < n and toks[idx + 1].low.startswith("push"):
            return idx + 1, "strong"
        if low in lex.slip:
            return idx, "strong"
        if (
            low in _SILENCE
            and any(t.low in _ALERT_WORDS for t in toks[idx + 1 : idx + 4])
            and any(t.low in ("until", "overnight", "without", "instead") for t in toks[idx + 2 : idx + 7])
            and not any(
                t.low in ("maintenance", "planned", "window", "temporarily", "fixed", "resolved") for t in toks[idx + 1 :]
            )
        ):
            return idx, "strong"  # "snoozed the disk alert until morning", "muted the pager overnight"
        if low in lex.miss:
            if mitigated or (low.endswith("ing") and idx > 0 and toks[idx - 1].low in _DETERMINERS):
                continue  # "the missing index": an adjective
            nxt = toks[idx + 1].low if idx + 1 < n else ""
            next_words = [t.low for t in toks[idx + 1 : idx + 4]]
            if nxt in _MISS_NOT or any(a in _SLO for a in next_words):
                continue
            return idx, "strong"
        if low in lex.breaks:
            nxt = toks[idx + 1].low if idx + 1 < n else ""
            if nxt in ("down", "up", "even", "into", "ground", "free", "away", "glass") or any(
                t.low == "into" for t in toks[idx + 1 : idx + 6]
            ):
                continue
            return idx, "weak"
        if low in ("failed", "fails", "fail") and idx + 2 < n and toks[idx + 1].low == "to":
            if toks[idx + 2].low in _PERCEIVE or (
                toks[idx + 2].low in ("follow", "obey", "heed", "comply", "adhere")
                and not (idx + 3 < n and toks[idx + 3].low == "up")
            ):
                return idx + 2, "strong"  # "failed to notice", "failed to follow procedures": only people
            if toks[idx + 2].low not in _SYSTEM_FAIL:
                return idx + 2, "weak"
    if head in ("slept", "sleeps") and k + 1 < n and toks[k + 1].low == "through":
        return k + 1, "strong"
    for idx in range(k, min(n - 3, end)):
        if (
            toks[idx].low in ("went", "goes", "go")
            and toks[idx + 1].low == "back"
            and toks[idx + 2].low == "to"
            and toks[idx + 3].low in ("bed", "sleep")
        ):
            return idx + 3, "strong"  # "assumed it was a false alarm and went back to bed"
    if head in ("chose", "opted", "decided", "elected") and k + 2 < n and toks[k + 1].low == "not" and toks[k + 2].low == "to":
        return k + 2, "strong"  # "opted not to run the pre-flight checks"
    if (
        head in ("refused", "declined")
        and k + 1 < n
        and toks[k + 1].low == "to"
        and not any(t.low in ("until", "because", "since", "unless") for t in toks[k + 2 : min(n, k + 12)])
    ):
        return k + 1, "strong"
    if head in ("widened", "raised", "escalated", "elevated", "expanded", "changed", "set", "bumped") and any(
        toks[i].low == "to" and i + 1 < n and toks[i + 1].low in _PRIVILEGE for i in range(k + 1, min(n - 1, k + 10))
    ):
        return k, "weak"  # "widened the OAuth scope for the reporting app to full admin"
    if any(
        toks[i].low == "to"
        and toks[i + 1].low in ("get", "make")
        and any(t.low in ("test", "tests", "build", "ci", "check", "checks", "pipeline") for t in toks[i + 2 : i + 5])
        and any(t.low in ("pass", "passing", "green") for t in toks[i + 3 : i + 6])
        for i in range(k + 1, min(n - 3, k + 10))
    ) and not recovery_head(head):
        return k, "strong"  # "disabled the circuit breaker to get the test passing"
    if (
        head in ("had", "has", "have")
        and k + 3 < n
        and toks[k + 1].low == "no"
        and toks[k + 2].low in ("idea", "clue")
        and toks[k + 3].low in ("what", "how", "why", "which")
    ):
        return k + 2, "strong"  # "clearly had no idea what a lock is"
    if head == "did" and k + 1 < n and toks[k + 1].low == "nothing" and not _exonerates(toks, k + 2):
        return k + 1, "strong"  # "had been told about the expiry twice and did nothing"
    if head in ("took", "takes") and k + 2 < n and toks[k + 1].low == "no" and toks[k + 2].low == "action":
        return k + 2, "strong"
    if head in ("dismissed", "dismisses", "waved", "brushed") and any(
        t.low in ("as", "off", "aside") for t in toks[k + 1 : min(n, k + 7)]
    ):
        return k, "strong"  # "dismissed the page as a false alarm"
    if (
        head in ("gave", "granted", "gives", "grants")
        and any(t.low in _PRIVILEGE for t in toks[k + 1 : min(n, k + 7)])
        and any(t.low in ("access", "rights", "permissions", "privileges") for t in toks[k + 1 : min(n, k + 9)])
    ):
        return k, "weak"  # "gave the contractor full access to the billing system"
    if any(
        toks[i].low == "default" and toks[i + 1].low in _SECRETS for i in range(k + 1, min(n - 1, k + 6))
    ) and not recovery_head(head):
        return k, "weak"  # "used the default password"
    if (
        head in ("muted", "silenced", "snoozed", "disabled")
        and any(t.low in ("whole", "entire", "all") for t in toks[k + 2 : min(n, k + 9)])
        and any(t.low in ("weekend", "week", "day", "night", "month", "weekends", "days") for t in toks[k + 2 : min(n, k + 10)])
    ):
        return k, "strong"  # "muted the alerts for the whole weekend"
    if (
        head in lex.destroy
        and not mitigated
        and any(
            toks[i].low in ("depended", "relied", "depends", "relies")
            and toks[i + 1].low == "on"
            and toks[i - 1].low not in ("no", "nothing")
            and toks[i - 2].low not in ("no", "nothing")
            and not any(t.low in ("unused", "checking", "confirming", "verifying") for t in toks[k + 1 : i])
            for i in range(k + 2, min(n - 1, k + 12))
        )
    ):
        return k, "weak"  # "removed the index that the reporting queries depended on"
    if head in _LURED and any(
        t.low in ("phishing", "malicious", "fake", "spoofed", "fraudulent", "scam") for t in toks[k + 1 : min(n, k + 6)]
    ):
        return k, "strong"  # "clicked a phishing link", "fell for the phishing email"
    if head in ("tripped", "spilled", "spilt", "kicked", "bumped", "knocked") and any(
        t.low in _HARDWARE or t.low in ("over", "out", "coffee", "water") for t in toks[k + 1 : min(n, k + 5)]
    ):
        return k, "strong"  # "tripped over the power cable", "spilled coffee on the switch"
    if head in _DAMAGE_VERBS and any(t.low in _LINES for t in toks[k + 1 : min(n, k + 6)]):
        return k, "weak"  # "cut through the fibre", "severed a power cable"
    if head == "dropped" and any(t.low in _HARDWARE for t in toks[k + 1 : min(n, k + 7)]):
        return k, "weak"  # "the movers dropped one of the disk shelves"
    if (
        head in ("keeps", "kept")
        and agent_kind in ("role", "team")
        and k + 1 < n
        and toks[k + 1].low.endswith("ing")
        and toks[k + 1].low not in _CHECK_ING
    ):
        return k + 1, "weak"  # "the helpdesk team keeps resetting MFA for anyone who calls"
    if head in ("lost", "loses", "lose") and k + 1 < n and toks[k + 1].low in ("track", "sight"):
        return k + 1, "strong"  # "lost track of which terminal was production"
    if head in ("sat", "sits") and k + 1 < n and toks[k + 1].low == "on":
        return k + 1, "strong"
    if head in ("dropped", "drops") and k + 2 < n and toks[k + 1].low == "the" and toks[k + 2].low == "ball":
        return k + 2, "strong"
    if head in ("took", "takes", "brought", "brings", "knocked", "knocks"):
        for idx in range(k + 1, min(end, k + 6)):
            if toks[idx].low in ("down", "out", "offline") and any(t.low in _SYSTEMS for t in toks[k + 1 : min(end, k + 8)]):
                return idx, "weak"
    if (
        k > 0
        and toks[k - 1].low in ("accidentally", "mistakenly", "inadvertently", "carelessly", "wrongly")
        and (verb_like_head := _is_past(head, lex) or head in lex.lemma_of)
    ):
        del verb_like_head
        return k, "strong"  # a slip only people make, even for "a worker"
    if lemma == "make" or head in ("made", "makes", "make"):
        for idx in range(k + 1, min(end, k + 5)):
            if toks[idx].low in _MISTAKE_NOUNS:
                return idx, "weak"
    verb_like = _is_past(head, lex) or head in lex.lemma_of or present or head in _COMMON_VERBS
    if not verb_like:
        return None
    if head in _DESTROY_LIVE and any(
        toks[i].low in ("only", "last", "previous", "remaining") and i + 1 < n and toks[i + 1].low in _RECOVERY_ASSETS
        for i in range(k + 1, min(n - 1, k + 5))
    ):
        return k, "weak"  # "had deleted the previous image to save space"
    if head in ("assumed", "presumed") and any(
        toks[i].low == "and" and i + 1 < n and _is_past(toks[i + 1].low, lex) for i in range(k + 2, min(n, k + 16))
    ):
        return k, "strong"  # "assumed the flag was off in production and deployed"
    if head in ("mixed", "mixes", "mix") and k + 1 < n and any(t.low == "up" for t in toks[k + 1 : min(n, k + 5)]):
        return k + 1, "strong"  # "mixed up the two clusters"
    if head in ("left", "leaves") and k + 1 < n and toks[k + 1].low == "out" and k + 2 < n and toks[k + 2].low != "of":
        return k + 1, "strong"  # "left out the step that drains traffic"
    recovery = (
        head in _RECOVERY
        or (head.endswith("s") and (head[:-1] + "ed" in _RECOVERY or head[:-1] + "d" in _RECOVERY))
        or any(t.low in ("intentionally", "deliberately", "purposely") for t in toks[k:end])
    )
    for idx in range(k + 1, end):
        low = toks[idx].low
        if low in _SLIP_ADVERBS and not recovery:
            return idx, "strong"  # "deleted the topic accidentally"
        if low == "by" and idx + 1 < n and toks[idx + 1].low in ("mistake", "accident") and not recovery:
            return idx + 1, "strong"  # "ran the cleanup against the archive by mistake"
        if (
            low == "in"
            and idx + 1 < n
            and toks[idx + 1].low == "error"
            and (
                idx + 2 >= n
                or not toks[idx + 2].low.isalpha()
                or toks[idx + 2].low in ("and", "when", "while", "during", "on", "after")
            )
            and not recovery
        ):
            return idx + 1, "strong"  # "deleted the records in error"
        if low == "over" and head in _OVER_VERBS and any(t.low in _OVER_TARGETS for t in toks[idx + 1 : idx + 4]):
            return idx + 1, "weak"  # "restored last week's snapshot over today's data"
        if idx > k + 1 and low.endswith("ed") and toks[idx - 1].low in _DETERMINERS and low in lex.slip and not recovery:
            return idx, "weak"  # "pushed the misconfigured file"
        if (
            low in ("from", "off")
            and idx + 2 < n
            and toks[idx + 1].low in ("an", "a", "his", "her", "their", "the", "my")
            and toks[idx + 2].low in _STALE_SOURCE
            and not recovery
            and not (low == "off" and idx == k + 1)  # "switched off the old rules": a particle
        ):
            return idx + 2, "weak"  # "ran terraform apply from an old branch", "tagged the release from his local branch"
        if low == "wrong" and recovery and head in _REPAIR_ACTS and idx <= k + 3 and toks[idx - 1].low in _DETERMINERS:
            return idx, "strong"  # "rolled back the wrong deploy", "restored the wrong snapshot"
        if low in ("told", "tells", "informed", "warned") and idx + 1 < n and toks[idx + 1].low in ("no", "nobody"):
            return idx + 1, "strong"  # "... and told no one"
        if (
            low in ("into", "to", "onto", "in")
            and not recovery
            and idx + 1 < n
            and any(t.low in _ENV_LIVE for t in toks[idx + 1 : idx + 4])
        ):
            env_source = [t.low for t in toks[k + 1 : idx]]
            env_target = [t.low for t in toks[idx + 1 : idx + 4]]
            # Only into production: the other way is usually on purpose ("to reproduce the bug").
            for env_a, env_b in ((_ENV_TEST, _ENV_LIVE),):
                if any(
                    w in env_a
                    and r + 1 < len(env_source)
                    and env_source[r + 1] in _ENV_THINGS
                    and (r == 0 or env_source[r - 1] != "from")
                    for r, w in enumerate(env_source)
                ) and any(w in env_b for w in env_target):
                    return idx, "weak"  # "copied the staging credentials into the production manifest"
        if low == "with" and (head in _OVERWRITE or (head in lex.destroy and head.startswith("over"))):
            if any(t.low in _FILLERS for t in toks[idx + 1 : idx + 4]):
                return idx, "weak"  # "overwrote last month's report with test data"
        if (
            low in _BROAD
            and head in ("granted", "gave", "grants", "gives", "shared")
            and any(t.low in ("access", "rights", "permissions", "privileges") for t in toks[idx + 1 : idx + 6])
            and any(t.low in _PRIVILEGE or t.low in ("write", "production", "prod", "live") for t in toks[idx + 1 : idx + 9])
        ):
            return idx, "weak"  # "granted every intern write access to the production bucket"
        if (
            low == "two"
            and head in ("swapped", "switched", "transposed", "reversed", "crossed", "confused")
            and not any(t.low in ("failed", "faulty", "broken", "dead", "worn", "defective") for t in toks[idx + 1 : idx + 4])
        ):
            return idx, "weak"  # "swapped the cables on the two uplinks"
        if low in _PHONE and _on_the_phone(toks, idx, k):
            return idx, "strong"  # "was texting at the time of the crash"
        if (
            low in ("around", "round")
            and head in ("went", "goes", "got", "worked", "skirted", "dodged", "routed")
            and any(t.low in _RULES or t.low in _CHECK_NOUN for t in toks[idx + 1 : idx + 5])
        ):
            return idx, "strong"  # "went around the change freeze"
        if (
            low == "before"
            and (head in _CONSEQUENTIAL or head in lex.ship or head in _APPROVE_HEADS or head in ("started", "signed"))
            and any(t.low in _UNFINISHED for t in toks[idx + 1 : idx + 8])
        ):
            return idx, "strong"  # "started the deploy before the previous one had finished"
        if (
            low in _EXPOSED_PLACES
            and head in _MOVE_VERBS
            and idx > 0
            and toks[idx - 1].low in ("a", "an", "the", "his", "her", "their", "my", "our", "your")
            and any(t.low in _DATA_NOUNS or t.low in _SECRETS for t in toks[k + 1 : idx])
            and (low != "shared" or any(t.low in _SENSITIVE for t in toks[k + 1 : idx]))
        ):
            return idx, "weak"  # "copied the database to a personal laptop", "stored every password in a spreadsheet"
        if (
            low in _SAFETY
            and head in ("disabled", "bypassed", "overrode", "defeated", "removed", "turned", "switched")
            and (head not in ("turned", "switched") or (k + 1 < n and toks[k + 1].low == "off"))
        ):
            return idx, "weak"  # "had disabled a key safety system"
        if (
            low == "with"
            and head in ("ran", "executed", "started", "launched", "kicked")
            and any(t.low in _DESTRUCTIVE_JOBS for t in toks[k + 1 : idx])
            and any(t.low in ("production", "prod", "live") for t in toks[idx + 1 : idx + 4])
        ):
            return idx, "weak"  # "ran the purge job with the production credentials"
        if (
            low in ("rm", "drop", "truncate", "destroy", "alter", "delete")
            and head in ("ran", "executed", "issued", "typed", "entered", "run")
            and any(t.low in _LIVE or t.low in ("peak", "day", "hours") for t in toks[idx + 1 : min(n, idx + 15)])
        ):
            return idx, "weak"  # "ran rm -rf on the shared NFS mount", "ran an ALTER TABLE ... in the middle of the day"
        if (
            low == "and"
            and idx + 2 < n
            and (head in lex.ship or head in _CONSEQUENTIAL)
            and (
                (toks[idx + 1].low in ("went", "headed") and toks[idx + 2].low in ("home", "offline"))
                or (
                    toks[idx + 1].low in ("logged", "signed")
                    and toks[idx + 2].low == "off"
                    and "for" in [t.low for t in toks[idx + 3 : idx + 5]]
                )
                or (toks[idx + 1].low == "left" and toks[idx + 2].low == "for")
            )
            and not any(t.low in ("once", "after") for t in toks[idx + 3 : idx + 6])
        ):
            return idx + 2, "strong"  # "pushed to main at 6pm and went home", not "... went home once it was flat"
        if (
            low in _HARDWARE
            and head in ("unplugged", "disconnected", "unracked")
            and idx <= k + 4
            and not mitigated
            and not any(
                t.low in ("failed", "faulty", "dead", "spare", "old", "retired", "decommissioned") for t in toks[k + 1 : idx]
            )
        ):
            return idx, "weak"  # "unplugged the switch to plug in the printer"
        if (
            low in ("directly", "manually")
            and head
            in ("patched", "hot-patched", "hotpatched", "hotfixed", "hot-fixed", "edited", "modified", "changed", "tweaked")
            and any(t.low in _LIVE or t.low in ("server", "servers", "box", "host", "hosts") for t in toks[idx + 1 : idx + 4])
        ):
            return idx, "weak"  # "hot-patched the billing service directly on the server"
        if (
            low in ("into", "in")
            and head in ("typed", "pasted", "entered", "put", "wrote", "hard-coded", "hardcoded", "set")
            and any(
                t.low in _ENV_LIVE and r + 1 < idx and toks[r + 1].low in _ENV_THINGS
                for r, t in enumerate(toks[k + 1 : idx], start=k + 1)
            )
            and any(t.low in _ENV_TEST for t in toks[idx + 1 : idx + 4])
        ):
            return idx, "weak"  # "typed the production hostname into the staging script"
        if (
            low == "first"
            and idx + 1 < n
            and toks[idx + 1].low in ("day", "week", "shift")
            and toks[idx - 1].low in ("his", "her", "their")
            and (head in lex.ship or head in _CONSEQUENTIAL)
        ):
            return idx + 1, "weak"  # "pushed to prod on his first day"
        if (
            low in _UNFINISHED_BUILDS
            and (head in lex.ship or head in ("pushed", "released"))
            and any(t.low in ("every", "all", "production", "prod") for t in toks[idx + 1 : idx + 6])
        ):
            return idx, "weak"  # "deployed the experimental branch to every region"
        if (
            low in _EXPOSED_PLACES
            and idx + 1 < n
            and toks[idx + 1].low in _SECRETS
            and head in ("used", "put", "added", "configured", "embedded", "stored", "hard-coded", "hardcoded")
            and any(
                t.low in ("ci", "pipeline", "production", "prod", "shared", "repo", "repository") for t in toks[idx + 2 : idx + 7]
            )
        ):
            return idx + 1, "weak"  # "used his personal token in the CI pipeline"
        if (
            low in ("nobody", "no")
            and idx > k + 1
            and idx + 2 < n
            and (low == "nobody" or toks[idx + 1].low == "one")
            and (head in _APPROVE_HEADS or head in ("signed", "reviewed"))
            and any(_is_past(t.low, lex) for t in toks[idx + 1 : idx + 5])
        ):
            return idx, "weak"  # "signed off on a build nobody had actually installed"
        if low in ("anyway", "regardless") and _is_past(toks[idx - 1].low, lex) and not recovery:
            return idx, "strong"  # "knew the risks and deployed anyway"
        if (
            low == "allow"
            and head in ("configured", "set", "changed", "opened", "updated")
            and idx + 1 < n
            and toks[idx + 1].low in ("all", "any", "everyone", "everything", "public")
        ):
            return idx + 1, "weak"  # "configured the firewall to allow all inbound traffic"
        if (
            low == "with"
            and idx + 2 < n
            and (toks[idx + 1].low == "nobody" or (toks[idx + 1].low == "no" and toks[idx + 2].low == "one"))
            and any(
                t.low in ("call", "watching", "around", "available", "monitoring", "oncall", "on-call")
                for t in toks[idx + 2 : idx + 5]
            )
        ):
            return idx + 1, "weak"  # "deployed the change on Christmas Eve with no one on call"
        if low in _DEFECTS and head in ("introduced", "introduces", "caused", "created", "reintroduced") and idx <= k + 4:
            return idx, "weak"  # "introduced a bug in the retry logic"
        if low == "than" and idx + 1 < n and toks[idx + 1].low == "intended":
            return idx + 1, "strong"  # "entered an order a thousand times larger than intended"
        if (
            low == ","
            and idx + 2 < n
            and toks[idx + 1].low == "not"
            and toks[idx + 2].low in ("the", "a", "an")
            and head in _CONSEQUENTIAL
            and agent_kind == "they"  # said to someone: "you restarted the primary, not the replica"
        ):
            return idx + 1, "strong"  # "restarted the primary, not the replica"
        if (low in _FAILURE_OBJECT or (low == "bad" and toks[idx - 1].low in _DETERMINERS)) and not recovery:
            if low == "regression" and idx + 1 < n and toks[idx + 1].low.startswith(("test", "suite")):
                continue
            return idx, "strong" if low == "wrong" else "weak"
        if mitigated:
            continue
        if (
            (low == "instead" and idx + 1 < n and toks[idx + 1].low == "of")
            or (low == "rather" and idx + 1 < n and toks[idx + 1].low == "than")
        ) and (idx + 2 >= n or toks[idx + 2].low != "waiting"):
            return idx + 1, "strong"
        if low == "against" and any(t.low in _RULES for t in toks[idx + 1 : idx + 4]):
            return idx, "strong"  # "against the change policy"
        if (
            low == "with"
            and idx + 2 < n
            and (
                (toks[idx + 1].low == "no" and any(t.low in _CHECK_NOUN for t in toks[idx + 2 : idx + 5]))
                or (
                    toks[idx + 1].low in ("failing", "red", "broken")
                    and toks[idx + 2].low in ("tests", "checks", "ci", "build", "pipeline", "builds")
                )
                or (
                    toks[idx + 1].low in ("the", "a")
                    and toks[idx + 2].low in ("failing", "red", "broken")
                    and any(t.low in ("tests", "checks", "ci", "build", "pipeline", "builds") for t in toks[idx + 3 : idx + 6])
                )
            )
        ):
            return idx + 2, "strong"  # "with no changelog review", "merged with failing tests"
        if low == "distracted" and toks[idx - 1].low in ("was", "were"):
            return idx, "strong"
        if (
            low == "second"
            and idx > 0
            and toks[idx - 1].low == "a"
            and idx + 1 < n
            and toks[idx + 1].low == "time"
            and head in _REPEATABLE
        ):
            return idx + 1, "strong"  # "ran the migration script a second time"
        if low == "twice" and head in _REPEATABLE:
            return idx, "strong"  # "ran the migration twice"
        if (
            low == "time"
            and idx > k + 3
            and toks[idx - 1].low == "same"
            and toks[idx - 3].low == "at"
            and (head in _REPEATABLE or head in _FLEET_CHANGES or head in lex.ship)
            and any(t.low in _MANY for t in toks[k + 1 : idx])
        ):
            return idx, "strong"  # "rebooted both controllers at the same time"
        if (
            low in _TEST_GATES
            and head in ("disabled", "skipped", "removed", "bypassed", "commented", "turned")
            and idx <= k + 5
            and any(t.low in _HURRY for t in toks)
            and any(t.low in ("to", "in", "because", "so") for t in toks)
        ):
            return idx, "strong"  # "to speed up the release, the team lead disabled the integration tests"
        if (
            low == "once"
            and toks[idx - 1].low == "at"
            and (head in _REPEATABLE or head in lex.ship or head in _FLEET_CHANGES)
            and any(t.low in _MANY for t in toks[k + 1 : idx])
        ):
            return idx, "strong"  # "restarted all the brokers at once", "drained three nodes at once"
        if (
            low == "during"
            and idx + 2 < n
            and toks[idx + 1].low == "the"
            and toks[idx + 2].low in ("sale", "launch", "peak", "busiest")
            and head in _CONSEQUENTIAL
        ):
            return idx + 2, "strong"  # "restarted the entire fleet during the sale"
        if low in ("during", "at") and idx + 1 < n and toks[idx + 1].low == "peak":
            return idx + 1, "strong"
        if (
            low == "still"
            and idx + 1 < n
            and (
                toks[idx + 1].low in _LEFT_STATE
                or toks[idx + 1].low in ("exported", "attached", "mounted", "serving", "live", "pointing")
            )
            and any(t.low in ("with", "while") for t in toks[k + 1 : idx])
        ):
            return idx + 1, "strong"  # "shipped the update with the debug endpoint still enabled"
        if low in _SECRETS and head in _LEAK_VERBS:
            return idx, "weak"  # "committed the .env file with the production secrets"
        if low in ("never", "not", "didn't") and idx > k + 1 and toks[idx - 1].low in ("had", "they", "he", "she", "hadn't"):
            return idx, "weak"  # "signed off on a build they had never installed"
        if low == "despite" or (low == "even" and idx + 1 < n and toks[idx + 1].low == "though"):
            return idx, "strong"
        if low in _BELIEF and idx > k + 1:
            return idx, "strong"
        if low == "public" and (
            head in _LEAK_VERBS
            or head
            in ("configured", "set", "made", "left", "opened", "committed", "pushed", "posted", "published", "uploaded", "shared")
            or any(t.low in _SECRETS for t in toks[k + 1 : idx])
        ):
            return idx, "weak"
        if (
            low == "own"
            and head in ("approved", "approves", "merged", "reviewed")
            and toks[idx - 1].low in ("his", "her", "their")
        ):
            return idx, "strong"
        if (
            low in ("straight", "directly")
            and idx + 2 < n
            and toks[idx + 1].low in ("to", "into", "on")
            and toks[idx + 2].low in _LIVE
        ):
            return idx + 2, "strong"
        if low in ("against", "on") and (head in _RUN_VERBS or any(t.low in _RUN_VERBS for t in toks[k:idx])) and idx + 1 < n:
            target = toks[idx + 2].low if toks[idx + 1].low == "the" and idx + 2 < n else toks[idx + 1].low
            if target in ("prod", "production", "live", "primary"):
                return idx + 1, "weak"
    for idx in range(k + 1, min(n, end + 3)):
        low = toks[idx].low
        if (
            low == "before"
            and (head in _CONSEQUENTIAL or head in lex.ship or head in _APPROVE_HEADS or head in ("started", "signed"))
            and any(t.low in _UNFINISHED for t in toks[idx + 1 : idx + 8])
        ):
            return idx, "strong"  # "signed off on the build before the regression suite had finished"
        if low == "before" and any(t.low in _APPROVAL for t in toks[idx + 1 : idx + 5]) and head in lex.ship:
            return idx, "strong"  # "shipped the build before QA signed off"
        if low in ("glancing", "glanced", "skimming", "skimmed", "eyeballing", "eyeballed") and (
            head in _APPROVE_HEADS or head in ("reviewed", "signed")
        ):
            return idx, "strong"  # "approved the change after glancing at the title"
        if low == "without" and idx + 1 < n:
            next_words = [t.low for t in toks[idx + 1 : idx + 4]]
            if (
                next_words[0] in _CHECK_ING
                or next_words[0] in _CHECK_NOUN
                or (
                    next_words[0] in ("a", "an", "any", "first", "proper", "properly", "even")
                    and len(next_words) > 1
                    and next_words[1] in _CHECK_NOUN | _CHECK_ING
                )
                or (len(next_words) > 2 and next_words[2] in _CHECK_NOUN and next_words[0] in ("a", "any"))
                or (
                    next_words[0] in ("changing", "adjusting", "editing", "renaming", "replacing")
                    and len(next_words) > 1
                    and next_words[1] in ("the", "its", "their", "his", "her")
                )
            ):
                return idx + 1, "strong"  # "copied the command from the wiki without changing the cluster name"
        if low == "before" and idx + 1 < n and toks[idx + 1].low in _CHECK_FIRST and head in _CONSEQUENTIAL:
            return idx + 1, "strong"
        if (
            low == "without"
            and idx + 2 < n
            and toks[idx + 1].low in ("a", "an", "any")
            and (head in _CONSEQUENTIAL or head in lex.ship or head in _APPROVE_HEADS)
            and not any(t.low in _WITHOUT_GOOD for t in toks[idx + 2 : idx + 5])
            and not mitigated
        ):
            return idx + 2, "strong"  # "wrote the manifest without a disruption budget", "deployed without a canary"
        if (
            low in ("on", "during")
            and idx + 2 < n
            and (
                (low == "on" and toks[idx + 1].low == "a" and toks[idx + 2].low == "friday")
                or (
                    low == "during"
                    and (
                        (toks[idx + 1].low in ("business", "working", "office") and toks[idx + 2].low == "hours")
                        or (toks[idx + 1].low in ("the", "a", "our") and toks[idx + 2].low in ("freeze", "code"))
                    )
                )
            )
            and (head in _CONSEQUENTIAL or head in lex.ship)
            and not mitigated
            and not any(t.low in _SANCTIONED or t.low in ("approval", "exception", "sign-off", "signoff") for t in toks[k + 1 :])
        ):
            return idx + 2, "strong"  # "deployed on a Friday evening", "rebooted the switch during business hours"
    if not recovery and not mitigated:
        for idx in range(k + 2, min(n, k + 14)):
            if toks[idx].low in _DEAD_TARGET and any(
                t.low in ("at", "to", "into", "against") for t in toks[max(k + 1, idx - 3) : idx]
            ):
                return (
                    idx,
                    "weak",
                )  # "pointed the record at the decommissioned load balancer", "a config that still pointed at the retired upstream"
    if head in _DESTROY_LIVE:
        for idx in range(k + 1, min(end, k + 7)):
            if toks[idx].low in _LIVE:
                return idx, "weak"
            if (
                toks[idx].low in _RECOVERY_ASSETS
                and not mitigated
                and not any(t.low in _DISPOSABLE for t in toks[k + 1 : min(n, idx + 3)])
            ):
                return idx, "weak"  # "deleted the backups", "wiped the snapshots": what recovery needs
        if end < n and toks[end].low == "before" and agent_kind in ("indefinite", "person", "role"):
            return end, "weak"
    if head == "left" and not mitigated:
        for idx in range(k + 1, min(end, k + 6)):
            if toks[idx].low in _LEFT_STATE:
                return idx, "strong"
            if toks[idx].low in ("pointing", "pointed") and any(
                t.low in _STALE_SOURCE or t.low in _DEAD_TARGET or t.low in ("previous", "former")
                for t in toks[idx + 1 : idx + 5]
            ):
                return idx, "strong"  # "left the load balancer pointing at the old pool"
    if head == "let":
        for idx in range(k + 1, min(end, k + 6)):
            word = toks[idx].low
            if word in _LAPSE or (word.endswith("s") and word[:-1] in _LAPSE):
                return idx, "strong"
    for idx in range(k + 1, min(n, end + 2)):
        low = toks[idx].low
        if (
            low in ("that", "which")
            and head in _DESTROY_LIVE
            and idx + 1 < n
            and toks[idx + 1].low in ("held", "contained", "stored", "had", "kept", "hosted")
            and any(
                t.low in _RECOVERY_ASSETS or t.low in ("data", "production", "customer", "customers", "records")
                for t in toks[idx + 2 : idx + 6]
            )
        ):
            return idx + 1, "weak"  # "deleted the bucket that held the nightly backups"
        if (
            low in ("that", "which")
            and head in _DESTROY_LIVE
            and any(
                t.low == "still"
                and r + 1 < n
                and toks[r + 1].low in ("needed", "used", "required", "in", "relied", "depended", "read")
                for r, t in enumerate(toks[idx + 1 : min(n, idx + 7)], start=idx + 1)
            )
        ):
            return idx + 1, "weak"  # "deleted the write-ahead logs that the database still needed"
        if (
            low == "that"
            and not recovery
            and idx + 1 < n
            and (head in _APPROVE_HEADS or head in lex.ship or head in ("issued", "ran", "executed", "typed", "entered"))
            and _is_past(toks[idx + 1].low, lex)
            and (
                toks[idx + 1].low in _DESTROY_LIVE
                or toks[idx + 1].low in lex.breaks
                or toks[idx + 1].low in _RELATIVE_DAMAGE
                or (
                    toks[idx + 1].low == "locked"
                    and any(
                        t.low in ("table", "tables", "database", "db", "out", "everything", "rows")
                        for t in toks[idx + 2 : idx + 6]
                    )
                )
            )
        ):
            return idx + 1, "weak"  # "approved a pull request that deleted the rate limits"
        if (
            low in ("that", "which")
            and not recovery
            and (head in _APPROVE_HEADS or head in lex.ship)
            and any(
                (t.low in ("rejected", "flagged", "vetoed", "blocked") and r > idx + 1)  # a checker between
                or (t.low == "failed" and (r + 1 >= n or toks[r + 1].low not in ("over", "to")))
                for r, t in enumerate(toks[idx + 1 : min(n, idx + 5)], start=idx + 1)
            )
        ):
            return idx + 1, "weak"  # "deployed the build that QA had rejected", "signed off on a build that had failed"
        if (
            low == "that"
            and not recovery
            and idx + 1 < n
            and toks[idx + 1].low in ("broke", "took", "brought", "knocked", "wiped", "corrupted", "crashed", "caused")
        ):
            return idx + 1, "weak"  # "pushed the change that broke search"
        if low == "which" and idx > 0 and toks[idx - 1].low == ",":
            for r in range(idx + 1, min(n, idx + 4)):
                if toks[r].low in _RESULT_VERBS:
                    return r, "weak"
            break
        if low in _RESULT_ING and idx > 0 and toks[idx - 1].low == ",":
            if low in ("filling", "consuming"):
                if any(t.low in _RESOURCES for t in toks[idx + 1 : idx + 5]):
                    return idx, "weak"  # ", filling the disks within an hour" (not ", filling in for Sam")
            elif low != "leaving" or any(t.low in _RESULT_STATE for t in toks[idx + 1 : idx + 7]):
                return idx, "weak"
        if low == "and" and idx + 1 < n:
            nxt = toks[idx + 1].low
            if nxt in (
                "wiped",
                "corrupted",
                "erased",
                "broke",
                "overwrote",
                "crashed",
                "froze",
                "took",
                "knocked",
                "brought",
                "locked",
                "forgot",
            ) or (
                nxt in _DESTROY_LIVE
                and any(t.low in ("every", "all", "entire", "whole", "everything") for t in toks[idx + 2 : idx + 5])
            ):
                if nxt not in ("took", "knocked", "brought", "locked") or any(
                    t.low in _RESULT_STATE for t in toks[idx + 2 : idx + 7]
                ):
                    return idx + 1, "weak"
            for r in range(idx + 1, min(n, idx + 4)):
                if toks[r].low in _CONSEQUENCE and toks[idx + 1].low in (
                    "everything",
                    "it",
                    "prod",
                    "production",
                    "checkout",
                    "everyone",
                ):
                    return r, "weak"
    # "lowered the retention while freeing disk space and wiped a day of orders"
    for idx in range(end, min(n - 1, end + 14)):
        if toks[idx].low in (";", ":", "."):
            break
        if (
            toks[idx].low == "and"
            and (toks[idx + 1].low in lex.breaks or toks[idx + 1].low in lex.slip)
            and _is_past(toks[idx + 1].low, lex)
        ):
            return idx + 1, "weak"
        if (
            toks[idx].low == "and"
            and toks[idx + 1].low in ("took", "brought", "knocked")
            and any(t.low in _RESULT_STATE for t in toks[idx + 2 : idx + 8])
        ):
            return idx + 1, "weak"  # "while cleaning up old entries and took the docs site offline"
        if (
            toks[idx].low == "and"
            and toks[idx + 1].low in _DESTROY_LIVE
            and _is_past(toks[idx + 1].low, lex)
            and any(t.low in ("every", "all", "entire", "whole", "everything") for t in toks[idx + 2 : idx + 5])
        ):
            return idx + 1, "weak"  # "synced the empty directory to the bucket and deleted every object"
    # "configured the alert to page only in business hours, so the outage went unnoticed"
    if (
        end < n
        and toks[end].low == "so"
        and any(t.low in ("unnoticed", "undetected", "corrupted", "wiped", "crashed") for t in toks[end + 1 : end + 10])
    ):
        return end, "weak"
    if (
        end + 3 < n
        and toks[end].low in ("while", "when")
        and toks[end + 1].low in ("he", "she", "they", "i")
        and toks[end + 2].low in ("was", "were")
        and toks[end + 3].low in _DISTRACTED
    ):
        return end + 3, "strong"  # "approved the deploy while she was distracted"
    if (
        end + 1 < n
        and toks[end].low == "that"
        and not recovery
        and toks[end + 1].low in _DESTROY_LIVE
        and any(t.low == "still" for t in toks[end + 2 : end + 8])
    ):
        return end + 1, "weak"  # "pushed a schema change that dropped a column still in use"
    # "removed the flag while it was still serving half of the traffic"
    if end < n and toks[end].low == "while" and any(t.low == "still" for t in toks[end + 1 : end + 7]):
        return end, "strong"
    # "... but did not remove the old cron entry", "... but failed to act"
    if end < n and toks[end].low in ("but", "and") and end + 1 < n:
        nxt = toks[end + 1].low
        if nxt in _NEGATORS or nxt in ("never", "failed", "then", "forgot", "still", "did", "had", "does", "do"):
            return predicate_failure(toks, end + 1, agent_kind, lex, present_ok=present_ok)
    failover = head == "failed" and any(t.low in ("over", "back") for t in toks[k + 1 : min(n, k + 6)])
    if _is_past(head, lex) and not recovery and not mitigated and not failover:
        found = _later_omission(toks, k + 1, lex) or _result_clause(toks, k + 1, lex)
        if found is not None:
            return found
    return None


def _never_checked(toks: list[Tok], j: int) -> tuple[int, str] | None:
    """A person's change that "was never tested" / "wasn't reviewed"."""
    n = len(toks)
    for idx in range(j, min(n - 1, j + 8)):
        low = toks[idx].low
        if low in ",;:":
            return None
        if low in ("was", "were", "wasn't", "weren't"):
            tail = [t.low for t in toks[idx + 1 : idx + 5]]
            negated = low.endswith("n't") or (bool(tail) and tail[0] in ("never", "not"))
            for offset, word in enumerate(tail):
                if negated and word in _CHECKED:
                    return idx + 1 + offset, "weak"
            return None
    return None


def _on_the_phone(toks: list[Tok], idx: int, k: int) -> bool:
    """ "was using his phone", "had been texting", "was on her phone" (not "saw the alert on
    her phone")."""
    low = toks[idx].low
    if low == "texting":
        return True
    if low not in ("phone", "phones"):
        return False
    before = [t.low for t in toks[max(k, idx - 3) : idx]]
    return any(w in ("using", "checking", "playing") for w in before) or (
        "on" in before and any(w in ("was", "were", "been") for w in before)
    )


def _safeguard_off(toks: list[Tok], k: int) -> bool:
    """Is the verb at k a safeguard switched off for good ("turned off the backups"), not
    for a window ("switched off the alerting for the maintenance and back on afterwards")?"""
    return (
        toks[k].low in ("disabled", "turned", "switched", "shut", "removed", "deleted")
        and any(t.low in _SAFEGUARDS for t in toks[k + 1 : k + 6])
        and not any(
            t.low in ("back", "again", "re-enabled", "afterwards", "maintenance", "planned", "temporarily") for t in toks[k + 1 :]
        )
    )


def _exonerates(toks: list[Tok], j: int) -> bool:
    """ "did nothing wrong", "did nothing unusual": not an omission."""
    return j < len(toks) and toks[j].low in ("wrong", "unusual", "improper", "unsafe", "different", "that")


def recovery_head(head: str) -> bool:
    return head in _RECOVERY or (head.endswith("s") and (head[:-1] + "ed" in _RECOVERY or head[:-1] + "d" in _RECOVERY))


def _later_omission(toks: list[Tok], start: int, lex: Lexicon) -> tuple[int, str] | None:
    """ "disabled the alert because it was noisy and never turned it back on": an
    omission joined to the same subject after a subordinate clause."""
    n = len(toks)
    for idx in range(start, min(n - 2, start + 16)):
        low = toks[idx].low
        if low in (";", ":", "."):
            return None
        if (
            low == "and"
            and toks[idx + 1].low == "left"
            and (
                any(t.low in _LEFT_STATE for t in toks[idx + 2 : idx + 5])
                or (
                    toks[idx + 2].low in ("it", "them")
                    and toks[idx + 3].low in ("there", "behind")
                    and any(t.low in ("testing", "test", "debugging", "debug") for t in toks[:idx])
                )
            )
        ):
            return idx + 1, "strong"  # "disabled the rate limiter for the load test and left it off"
        if (
            low in ("and", "but")
            and toks[idx + 1].low == "did"
            and toks[idx + 2].low == "nothing"
            and not _exonerates(toks, idx + 3)
        ):
            return idx + 2, "strong"  # "and did nothing"
        if low in ("and", "but") and toks[idx + 1].low == "still" and _is_past(toks[idx + 2].low, lex):
            if any(t.low in ("told", "warned", "knew", "asked", "reminded") for t in toks[start - 1 : idx]):
                return idx + 2, "strong"  # "was warned about the expiry and still shipped"
        if (
            low == "and"
            and toks[idx + 1].low in ("it", "they")
            and toks[idx + 2].low in ("stayed", "remained")
            and idx + 3 < n
            and toks[idx + 3].low in ("off", "down", "disabled", "broken", "offline", "on")
        ):
            return idx + 3, "weak"  # "switched off the alerting during the maintenance and it stayed off"
        if (
            low in ("and", "but")
            and toks[idx + 1].low in ("never", "didn't", "forgot", "neglected")
            and toks[idx + 2].low.isalpha()
        ):
            if toks[idx + 1].low in ("never", "didn't") and (
                lex.lemma_of.get(toks[idx + 2].low, toks[idx + 2].low) in _NEUTRAL_NEGATED
            ):
                return None
            return idx + 2, "strong"
    return None


def _result_clause(toks: list[Tok], start: int, lex: Lexicon) -> tuple[int, str] | None:
    """A failure result joined to a person's act: ", which broke the export", "so the
    reporting queries timed out", ", and every request began failing", "causing an
    outage"."""
    n = len(toks)
    for idx in range(start, min(n, start + 24)):
        low = toks[idx].low
        if low in (";", ":"):
            return None
        joined = (
            (low == "which" and toks[idx - 1].low == ",")
            or low in ("causing", "so", "resulting", "leading")
            or (low == "and" and toks[idx - 1].low == ",")
            or (low == "and" and idx + 1 < n and toks[idx + 1].low in ("the", "every", "all", "each"))
        )
        if not joined:
            continue
        plain_and = low == "and"
        for r in range(idx + 1, min(n, idx + 9)):
            word = toks[r].low
            if word in (",", ";", ":") or (word in _BOUNDARY and word not in ("so", "that")):
                break
            if "-" in word and word.rsplit("-", 1)[1] in _OUTCOME:
                word = word.rsplit("-", 1)[1]  # "OOM-killed"
            if word in _OUTCOME_NOUNS and not plain_and:
                if any(t.low in _REMEDY or recovery_head(t.low) for t in toks[idx + 1 : min(n, r + 6)]):
                    break  # ", which resolved the errors", "so the duplicate messages stopped"
                return r, "weak"  # ", resulting in a 40-minute outage", ", which led to stale prices"
            if word in _OUTCOME and (
                not plain_and
                or word in _CAUSED_AND
                or (word in ("failing", "failed") and toks[r - 1].low in ("began", "started", "kept"))
            ):
                if word == "failed" and r + 1 < n and toks[r + 1].low == "over":
                    continue  # "failed over": the remedy working
                return r, "weak"
            follow = _OUT_PHRASES.get(word)
            if follow and r + 1 < n and toks[r + 1].low in follow:
                return r + 1, "weak"
            if word in ("filled", "exhausted", "saturated", "maxed") and any(t.low in _RESOURCES for t in toks[r + 1 : r + 4]):
                return r, "weak"  # "turned on debug logging and filled the disk"
            if (
                word in ("stayed", "remained", "kept")
                and not plain_and
                and any(t.low in _STUCK_STATES for t in toks[r + 1 : r + 4])
            ):
                return r, "weak"  # "so the bad record stayed cached for days", "so clients kept the old address"
    return None


def passive_failure(toks: list[Tok], by_index: int, lex: Lexicon) -> bool:
    """Is "... was <pp> by" before token `by_index` a failure (a slip verb, a failure
    object, a destructive verb)?"""
    k = by_index - 1
    if k < 1:
        return False
    pp = toks[k].low
    if pp.endswith("ly") and k > 1:
        k -= 1
        pp = toks[k].low
    if k > 1 and toks[k - 1].low in _SLIP_ADVERBS and toks[k - 2].low in _PASSIVE_AUX:
        return pp not in _RECOVERY  # "was accidentally deleted by a junior engineer"
    if toks[k - 1].low not in _PASSIVE_AUX:
        return False
    if pp in _RECOVERY:
        return False
    if pp in lex.slip or pp in lex.breaks or pp in lex.miss:
        return True
    if (
        pp in lex.destroy
        and pp.endswith(("ed", "en"))
        and pp not in ("restarted", "rebooted", "reverted", "flushed", "disabled", "removed")
    ):
        return True
    # the subject: back to the clause start
    for idx in range(k - 2, max(-1, k - 10), -1):
        low = toks[idx].low
        if low in ",;:(":
            break
        if low in _FAILURE_OBJECT or (low == "bad" and idx > 0 and toks[idx - 1].low in _DETERMINERS):
            return True
        if (
            low in ("that", "which")
            and idx + 1 < k
            and toks[idx + 1].low in ("broke", "took", "brought", "knocked", "wiped", "corrupted", "crashed", "caused")
        ):
            return True  # "The config that took down checkout was pushed by Adaeze"
    return False


def after_agent_slip(toks: list[Tok], j: int, lex: Lexicon) -> bool:
    """After a by-agent: "..., who had shipped dozens before, without a second review",
    "and never re-enabled"."""
    n = len(toks)
    for idx in range(j, min(n, j + 16)):
        low = toks[idx].low
        if low in (";", ":", "."):
            return False
        if low == "without" and idx + 1 < n:
            nxt = [t.low for t in toks[idx + 1 : idx + 4]]
            if nxt[0] in _CHECK_ING or any(w in _CHECK_NOUN for w in nxt):
                return True
        if low == "instead" and idx + 1 < n and toks[idx + 1].low == "of":
            return True
        if low == "before" and any(t.low in _UNFINISHED for t in toks[idx + 1 : idx + 8]):
            return True  # "started by Tom before the previous one had finished"
        if low == "who" and idx + 1 < n and toks[idx + 1].low in _BELIEF:
            return True  # "removed by a contractor who thought it was unused"
        if low == "who" and predicate_failure(toks, idx, "person", lex) is not None:
            return True  # "reviewed by Elif, who missed the join condition", "by Jonas, who did not tell anyone"
        if low in ("neither", "none") and [t.low for t in toks[idx + 1 : idx + 3]] == ["of", "whom"]:
            return True  # "approved by two reviewers, neither of whom noticed"
        if (
            low in ("from", "off")
            and idx + 2 < n
            and toks[idx + 1].low in ("an", "a", "his", "her", "their", "the", "my")
            and toks[idx + 2].low in _STALE_SOURCE
        ):
            return True  # "overwritten by Jonas, who was working from an old copy"
        if low == "and" and idx + 1 < n and toks[idx + 1].low in ("never", "not"):
            return True
        if (
            low == "who"
            and idx + 1 < n
            and toks[idx + 1].low == "had"
            and any(t.low in ("before", "times", "years") for t in toks[idx + 2 : idx + 9])
        ):
            return True  # "shipped by Lena, who had shipped dozens before": experience held against her
    return False


def _reduced_passive_failure(toks: list[Tok], by_index: int, words: set[str]) -> bool:
    """ "an incorrect change made by a member of our team", "a misconfigured router set
    up by a third-party technician" after "blamed on": a failure noun phrase whose
    participle names the maker."""
    k = by_index - 1
    if k >= 1 and toks[k].low in ("up", "out", "in"):
        k -= 1
    if k >= 1 and not _looks_pp(toks[k].low):
        # "an unapproved change by a network administrator", "a lapse by the controller"
        phrase = [t.low for t in toks[max(0, by_index - 4) : by_index]]
        return any(w in _FAILURE_OBJECT or w in _SLIP_NOUNS for w in phrase) and not any(
            w in _PASSIVE_AUX or w in ",;:" for w in phrase
        )
    if k < 1 or toks[k - 1].low in _PASSIVE_AUX or toks[k].low in _RECOVERY:
        return False
    before = [t.low for t in toks[max(0, k - 5) : k]]
    return any(
        w in _FAILURE_OBJECT or w in _SLIP_NOUNS or w in ("bad", "wrong", "faulty", "botched") for w in before
    ) or not words.isdisjoint({"blamed", "attributed", "pinned", "traced"})


def _passive_at(toks: list[Tok], by_index: int) -> bool:
    k = by_index - 1
    return k >= 1 and _looks_pp(toks[k].low) and toks[k - 1].low in _PASSIVE_AUX


def _looks_pp(low: str) -> bool:
    return low.endswith(("ed", "en", "wn", "ut", "ent", "ipped", "pped")) or low in (
        "shipped",
        "run",
        "made",
        "done",
        "set",
        "put",
        "sent",
        "built",
    )
