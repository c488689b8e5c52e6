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

Word lists come from `data/lexicon.json` (built by `tools/build_lexicon.py` from
lemminflect and the US Census first-name lists): every inflection of each verb, given
names, role nouns and their plurals. Everything here is plain Python over one list of
tokens per sentence; a sentence without any cue word costs one set intersection.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from blamefree.lint.people import Names, Roster, check_person, name_like
from blamefree.resources import data_file

_CAPITAL = re.compile(r"(?<![\w@'’])[^\W\d_a-z][\w'’-]*")
_TOKEN = re.compile(r"@?[^\W_]+(?:[-'’._][^\W_]+)*+|[,;:()\[\]—–!?\"“”]")

#: Words after which a subject may start (clause openers and reporting verbs).
_OPENERS = frozenset(
    """and but so then when because after before while since as until once if that which who although though where
    whereas yet also later eventually finally meanwhile unfortunately apparently however instead first next today
    yesterday tonight again or nor thus hence therefore subsequently afterwards said says say told tells claimed claims
    admitted admits concluded found reported confirmed believe believes believed think thinks thought bet noted notes
    revealed alleged explained suggested acknowledged added insisted stated states according us me utc gmt am pm
    bruh omg lol ugh yeah ahh ok honestly tbh sadly sure guess seems looks like clearly obviously simply just man
    bro lmao rip smh oof yikes dude wtf
    wow welp sigh""".split()
)
#: Chat openers before a subject ("ffs marco pushed...", "yo @nate your migration...").
_INTERJECTIONS = frozenset("ffs lmao yo hmm um uh ngl idk imo fwiw btw wait jeez smdh".split())
_DETERMINERS = frozenset("the a an our their his her its that this one another some several two three both every each".split())
_PRONOUNS = frozenset({"he", "she"})
#: Words that can start an agent phrase (besides capitals, handles, roles, teams, names).
#: Words that are never an agent's head, whatever name or role they are a part of.
_FUNCTION_WORDS = frozenset("the and a an to on in of is be as so or at by for it its no one all can may us do re".split())
#: Possessives that can own a change: "your migration", "somebody's cron job".
_OWNERS = frozenset({"your", "his", "her", "their", "somebody's", "someone's"})
#: What a change did when it is the subject ("your migration locked the whole db").
_CHANGE_RESULTS = frozenset(
    """locked filled flooded spammed spamming hammered hammering flooding locking broke crashed wiped corrupted
    overloaded saturated exhausted overwrote emptied""".split()
)
_CANDIDATE_WORDS = frozenset(
    "your somebody's someone's you he she they someone somebody nobody whoever everyone everybody no one the a an our their his her its that this another some several two three both every each".split()
)
_THEY = frozenset({"they"})
_INDEFINITE = frozenset({"someone", "somebody", "nobody", "whoever", "everyone", "everybody"})
_NEGATORS = frozenset({"not", "never", "didn't", "hadn't", "hasn't", "doesn't", "don't", "wasn't", "weren't", "haven't"})
_AUX = frozenset({"did", "had", "has", "have", "does", "do", "'d", "was", "were", "is", "are", "got", "been"})
_MODALS = frozenset({"could", "should", "would", "might", "must", "can", "will", "may", "shall", "ought", "need", "needs"})
_ADVERBS = frozenset(
    """just then also again still once even already reportedly apparently accidentally inadvertently mistakenly
    simply later first somehow clearly obviously really actually probably quickly immediately promptly else
    themselves himself herself personally""".split()
)
#: Negated verbs that are facts, not omissions ("didn't need to page anyone").
_NEUTRAL_NEGATED = frozenset(
    """need have get receive hear expect want mean seem appear happen exist occur matter affect touch lose break cause
    had has got gets needed needs received heard expected wanted meant seemed appeared happened existed occurred
    mattered affected touched lost caused knew known know be been""".split()
)
#: "failed to" + one of these is a system's failure even after a person-like word.
_SYSTEM_FAIL = frozenset(
    """start boot load connect respond return reach compile resolve bind mount launch initialise initialize come
    schedule sync register recover restart render serve complete parse authenticate elect converge reproduce replicate
    find identify determine locate pinpoint isolate diagnose explain""".split()
)
_FAILURE_OBJECT = frozenset(
    """wrong broken untested faulty incorrect buggy erroneous bogus regression typo unreviewed outdated half-finished
    misconfigured mistyped unpatched invalid corrupt out-of-date unsecured unencrypted unprotected insecure untrained
    unvalidated unapproved unverified unsigned""".split()
)
#: Role words that also name processes or machines: a person only with a slip only people make.
_MACHINE_ROLES = frozenset("worker workers controller controllers driver drivers guard guards cleaner cleaners".split())
#: A sentence that opens on the slip: "Despite the freeze, Matteo pushed ...", "Thinking
#: he was in the staging shell, Rohan dropped the orders table".
_FRONT_SLIPS = frozenset("despite instead rather thinking assuming believing mistaking forgetting ignoring".split())
_LURED = frozenset("clicked opened fell downloaded installed entered answered replied followed trusted approved".split())
_APPROVE_HEADS = frozenset("approved merged reviewed shipped deployed pushed released accepted signed".split())
_PRIVILEGE = frozenset("full admin administrator owner root unrestricted superuser god-mode".split())
_HARDWARE = frozenset(
    """server servers disk disks drive drives shelf shelves rack racks laptop laptops cable cables switch switches router
    routers chassis blade blades ups psu""".split()
)
_RECOVERY_ASSETS = frozenset(
    "backup backups snapshot snapshots image images copy copies replica replicas dump dumps archive".split()
)
_STALE_SOURCE = frozenset("old stale outdated local personal forked unmerged wrong".split())
_DISTRACTED = frozenset("distracted asleep tired exhausted multitasking busy drunk".split())
#: Fine to delete, wrong to point at: "pointed the DNS record at the decommissioned load balancer".
_DEAD_TARGET = frozenset("decommissioned deprecated obsolete expired stale retired nonexistent old-style".split())
#: Verbs that report speech or belief: the clause after them has its own subject
#: ("Shreya says she didn't touch it"), read on its own.
_REPORTING = frozenset(
    """says said say claims claimed told tells thinks thought believes believed insists insisted reckons reckoned
    swears swore admits admitted concluded concludes found finds reported reports noted notes determined alleged
    alleges argued argues suggested suggests stated states explained explains""".split()
)
#: Slips named by a phrase after the verb ("deleted it by mistake", "ran it in error").
_SLIP_ADVERBS = frozenset(
    {"accidentally", "mistakenly", "inadvertently", "unintentionally", "unknowingly", "wrongly", "carelessly"}
)
#: Acts that put one thing over another ("restored last week's snapshot over today's data").
_OVER_VERBS = frozenset(
    """copied copy copies restored restore restores wrote write writes synced sync syncs rsynced pushed deployed applied
    uploaded imported loaded replayed replicated pasted moved""".split()
)
_OVER_TARGETS = frozenset("prod production live primary current today's today newer new real good working".split())
#: What a failure did, in a result clause after a person's act ("..., which broke the
#: export", "so the queries timed out", "and every request began failing").
_OUTCOME = frozenset(
    """broke crashed failed failing errored erroring emptied wiped corrupted leaked exposed overloaded saturated
    unreachable unavailable outage outages stalled froze hung deadlocked lost rejected killed evicted""".split()
)
#: Outcomes that read as caused even after a plain "and" (a timeline's "and then" is not).
_CAUSED_AND = frozenset("broke emptied wiped corrupted leaked exposed failing".split())
_OUT_PHRASES = {
    "ran": ("out",),
    "run": ("out",),
    "timed": ("out",),
    "went": ("down", "offline", "dark"),
    "locked": ("out",),
    "took": ("down", "out", "offline"),
    "knocked": ("out", "down", "offline"),
    "stopped": ("working", "serving", "responding", "processing"),
}
_LIVE = frozenset("prod production live primary main master entire whole all every customer customers shared users".split())
_CHECK_ING = frozenset(
    """checking testing reviewing reading confirming verifying validating telling asking notifying coordinating
    realising realizing running looking migrating draining announcing consulting noticing warning informing
    backing updating escalating syncing waiting""".split()
)
_CHECK_NOUN = frozenset(
    """review reviews approval testing tests test check checks backup backups sign-off signoff permission canary
    validation plan notice warning announcement confirmation ticket tickets""".split()
)
#: "before confirming": a check that was put after the act.
_CHECK_FIRST = frozenset("checking testing reviewing reading confirming verifying validating telling asking notifying".split())
_BELIEF = frozenset({"thinking", "thought", "believing", "assuming", "convinced", "believed", "assumed", "presumed"})
_RESULT_VERBS = frozenset(
    """broke locked took brought knocked stopped corrupted wiped erased deleted overwrote caused crashed froze
    exposed leaked saturated exhausted flooded overloaded overwhelmed filled stalled degraded maxed""".split()
)
_RESULT_ING = frozenset(
    {
        "flooding",
        "saturating",
        "overloading",
        "exhausting",
        "overwhelming",
        "overwriting",
        "breaking",
        "locking",
        "taking",
        "wiping",
        "deleting",
        "erasing",
        "leaving",
        "knocking",
        "bringing",
        "crashing",
        "corrupting",
    }
)
_RESULT_STATE = frozenset({"down", "out", "offline", "open", "exposed", "broken", "unreachable", "empty"})
_CONSEQUENCE = frozenset({"froze", "crashed", "broke", "stalled", "died", "collapsed", "failed"})
_LAPSE = frozenset({"lapse", "expire", "rot", "slip", "die", "drift"})
_RULES = frozenset("policy policies process procedure procedures rules advice guidance recommendation runbook checklist".split())
_APPROVAL = frozenset(
    "signed approved reviewed tested finished passed completed merged sign-off signoff approval review tests".split()
)
_RUN_VERBS = frozenset("ran run runs pointed executed applied".split())
_REPEATABLE = frozenset(
    "ran run executed applied sent triggered started submitted pushed deployed charged restarted issued processed paid billed imported refunded".split()
)
#: Changes that should not reach everything at once ("installed the update on every ward computer at once").
_FLEET_CHANGES = frozenset(
    "installed updated upgraded patched rotated rebooted restarted changed migrated flashed reimaged reset".split()
)
#: Nobody did what someone owns: "nobody renewed the certificate", "no one rotated the keys".
_DUTY = frozenset(
    "renewed rotated updated patched upgraded documented owned maintained cleaned tested reviewed approved followed".split()
)
_LEAK_VERBS = frozenset(
    "committed pushed pasted posted uploaded shared leaked published emailed sent hard-coded hardcoded embedded reused".split()
)
#: Words that say the act was planned or permitted: no slip then.
#: Acts whose consequences a check should come before ("deleted before confirming").
_CONSEQUENTIAL = frozenset(
    """deleted dropped truncated purged erased overwrote wiped removed approved merged promoted closed changed restarted
    rebooted rotated renamed upgraded applied ran deployed pushed shipped released executed terminated killed""".split()
)
_MITIGATORS = frozenset("allows permits fallback precaution planned intentionally deliberately".split())
_SECRETS = frozenset("key keys secret secrets password passwords token tokens credential credentials".split())
_LEFT_STATE = frozenset({"on", "running", "enabled", "unlocked", "unattended", "exposed", "disabled", "off"})
#: Failure participles that read as a state after a determiner ("the broken build").
_SYSTEMS = frozenset(
    """prod production staging site api apis cluster service services checkout database db network payments login
    everything website app search""".split()
)
_PERCEIVE = frozenset("notice spot realise realize see hear read check look".split())
_ADJECTIVAL = frozenset(
    {
        "broken",
        "corrupted",
        "missing",
        "forgotten",
        "ignored",
        "skipped",
        "wiped",
        "misconfigured",
        "mislabeled",
        "mislabelled",
        "botched",
    }
)
#: Words that end a predicate: a new clause starts.
_BOUNDARY = frozenset(
    """because since although though so whereas if unless until when while after before that which who whom where once
    but yet""".split()
)
_MISTAKE_NOUNS = frozenset(
    {"mistake", "mistakes", "error", "errors", "typo", "typos", "slip", "blunder", "oversight", "misstep", "goof"}
)
_PASSIVE_AUX = frozenset({"was", "were", "been", "got", "is", "are", "be", "being"})
_MISS_NOT = frozenset({"no", "none", "nothing", "zero"})
_SLO = frozenset({"slo", "slos", "sla", "slas", "target", "targets", "deadline", "budget", "objective"})


@dataclass(frozen=True)
class Lexicon:
    slip: frozenset[str]
    breaks: frozenset[str]
    destroy: frozenset[str]
    attend: frozenset[str]
    miss: frozenset[str]
    roles: frozenset[str]
    role_heads: frozenset[str]
    two_word_roles: frozenset[str]
    team_words: frozenset[str]
    team_names: frozenset[str]
    given: frozenset[str]
    ordinary_names: frozenset[str]
    irregular_past: frozenset[str]
    lemma_of: dict[str, Any]
    cues: frozenset[str]
    agent_words: frozenset[str] = frozenset()
    #: Tokens an agent phrase can start with, and role or team heads (for "backend team").
    agent_starts: frozenset[str] = frozenset()
    agent_heads: frozenset[str] = frozenset()
    #: Past forms of shipping a change ("shipped the build before QA signed off").
    ship: frozenset[str] = frozenset(
        {"shipped", "deployed", "merged", "released", "pushed", "published", "rolled", "applied", "launched"}
    )
    #: Words one of which a passive with a by-agent needs to be a failure.
    passive_cues: frozenset[str] = frozenset()
    #: Cue words as whole tokens (with their hyphens and apostrophes).
    cue_tokens: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, kept on disk between processes (building it costs 0.1-0.2 s)."""
    from blamefree.lint.built import kept

    return kept("lexicon", Lexicon, lambda: (Path(__file__), data_file("lexicon.json")), build_lexicon)


def build_lexicon() -> Lexicon:
    data = json.loads(data_file("lexicon.json").read_text(encoding="utf-8"))
    verbs = data["verbs"]
    lemma_of: dict[str, str] = {}
    groups: dict[str, set[str]] = {}
    for group, lemmas in verbs.items():
        forms: set[str] = set()
        for lemma, inflected in lemmas.items():
            for form in inflected:
                forms.add(form)
                lemma_of.setdefault(form, lemma)
            if group in ("slip", "break") and lemma.isalpha():
                forms.add(f"{lemma}'d")  # chat: "yolo'd", "nuke'd"
                lemma_of.setdefault(f"{lemma}'d", lemma)
        groups[group] = forms
    roles = frozenset(data["roles"])
    # Words without which no detection below can fire ("by" and "one" are checked apart:
    # a passive needs its auxiliary, "no one" its "no").
    words = (
        groups["slip"]
        | groups["break"]
        | groups["miss"]
        | _DESTROY_LIVE
        | _FAILURE_OBJECT
        | _NEGATORS
        | _BELIEF
        | _RESULT_ING
        | _RESULT_VERBS
        | _CHECK_FIRST
        | _SECRETS
        | {
            "distracted",
            "failing",
            "no",
            "with",
            "refused",
            "declined",
            "busy",
            "lazy",
            "track",
            "sight",
            "bed",
            "sleep",
            "once",
            "unnoticed",
            "undetected",
            "twice",
            "peak",
            "still",
            "supposed",
            "before",
            "rather",
            "accidentally",
            "wrongly",
            "thought",
            "sat",
            "sits",
            "bad",
            "never",
            "instead",
            "without",
            "despite",
            "though",
            "failed",
            "fails",
            "fail",
            "nobody",
            "straight",
            "directly",
            "against",
            "left",
            "let",
            "made",
            "make",
            "makes",
            "slept",
            "sleeps",
            "own",
            "force",
            "took",
            "brought",
            "knocked",
            "public",
            "mistakenly",
            "inadvertently",
            "ball",
            "shut",
        }
        | _SLIP_ADVERBS
        | _OUTCOME
        | _DEAD_TARGET
        | {
            "mistake",
            "accident",
            "error",
            "over",
            "up",
            "out",
            "assumed",
            "presumed",
            "primary",
            "production",
            "prod",
            "live",
            "ran",
            "timed",
            "went",
            "stopped",
        }
        | _STALE_SOURCE
        | _DISTRACTED
        | {
            "wrong",
            "who",
            "fine",
            "ok",
            "okay",
            "good",
            "smart",
            "clever",
            "only",
            "last",
            "previous",
            "remaining",
            "again",
            "stop",
            "tripped",
            "spilled",
            "spilt",
            "kicked",
            "bumped",
            "keeps",
            "kept",
            "asleep",
            "phishing",
            "malicious",
            "spoofed",
            "fraudulent",
            "scam",
            "nothing",
            "action",
            "dismissed",
            "dismisses",
            "waved",
            "brushed",
            "default",
            "stayed",
            "remained",
            "ticket",
            "tickets",
            "second",
            "sale",
            "launch",
            "busiest",
            "muted",
            "silenced",
            "snoozed",
            "depended",
            "relied",
            "depends",
            "relies",
            "passing",
        }
        | _PRIVILEGE
    )
    # Cue words as the engine tokenises them (letters and digits only): "rubber-stamped"
    # gives "rubber" and "stamped", "didn't" gives "didn" and "t".
    cues = {max(re.findall(r"[a-z0-9]+", word), key=len) for word in words}
    return Lexicon(
        slip=frozenset(groups["slip"]),
        breaks=frozenset(groups["break"]),
        destroy=frozenset(groups["destroy"]),
        attend=frozenset(groups["attend"]),
        miss=frozenset(groups["miss"]),
        roles=roles,
        role_heads=frozenset(r for r in roles if " " not in r),
        two_word_roles=frozenset(r for r in roles if " " in r),
        team_words=frozenset(data["team_words"]),
        team_names=frozenset(data["team_names"]),
        given=frozenset(data["given_names"]),
        ordinary_names=frozenset(data["ordinary_names"]),
        irregular_past=frozenset(data["irregular_past"]),
        lemma_of=lemma_of,
        cues=frozenset(cues),
        agent_starts=_CANDIDATE_WORDS
        | frozenset(r for r in roles if " " not in r)
        | frozenset(data["team_words"])
        | frozenset(data["team_names"])
        | frozenset(data["given_names"]),
        agent_heads=frozenset(r for r in roles if " " not in r) | frozenset(data["team_words"]),
        passive_cues=frozenset(
            max(re.findall(r"[a-z0-9]+", w), key=len)
            for w in groups["slip"]
            | groups["break"]
            | groups["miss"]
            | groups["destroy"]
            | _FAILURE_OBJECT
            | {"bad", "without", "instead", "never"}
        ),
        cue_tokens=frozenset(words)
        | {
            "didn't",
            "wasn't",
            "hadn't",
            "weren't",
            "isn't",
            "don't",
            "doesn't",
            "haven't",
            "hasn't",
            "not",
            "and",
            "but",
            "which",
            "by",
            "before",
        },
        # Words that can be (part of) an agent, as the engine tokenises them.
        # Of a phrase, its head (the last word; the longest part of a hyphenated one):
        # "on" from "on-call" or "of" from "member of staff" would let every sentence in.
        agent_words=frozenset(
            max(re.findall(r"[a-z0-9]+", word.split()[-1]), key=len)
            for word in roles
            | set(data["team_words"])
            | set(data["team_names"])
            | (_CANDIDATE_WORDS - _DETERMINERS)
            # A name with letters outside ASCII is split by the engine's words ("käthe" gives
            # "k" and "the"): only a name whose longest ASCII part is a name-sized word
            # ("gülçin" gives none: the capital-word check finds it).
            | {
                name
                for name in data["given_names"]
                if len(name) > 3 and len(max(re.findall(r"[a-z0-9]+", name) or [""], key=len)) > 3
            }
            if word not in ("it", "no", "one")
        )
        - _FUNCTION_WORDS
        | {"who"},
    )


class Tok(NamedTuple):
    text: str
    low: str
    start: int
    stop: int


def tokenize(sentence: str) -> list[Tok]:
    lowered = sentence.lower()
    if "’" in lowered:
        lowered = lowered.replace("’", "'")
    new = tuple.__new__  # a Tok without NamedTuple's Python-level __new__: a third faster
    out = []
    for m in _TOKEN.finditer(sentence):
        a, b = m.span()
        out.append(new(Tok, (m.group(), lowered[a:b], a, b)))
    return out


def _is_past(low: str, lex: Lexicon) -> bool:
    if low in lex.irregular_past or low in lex.lemma_of:
        return True
    if low.endswith("'d") and len(low) > 3:
        return True  # chat: "rm'd", "nuke'd"
    return len(low) > 3 and low.endswith("ed") and low.replace("-", "").isalpha()


def _verbish(low: str, lex: Lexicon) -> bool:
    return (
        _is_past(low, lex)
        or low in _NEGATORS
        or low in _AUX
        or low in _MODALS
        or low in {"keeps", "kept", "reads", "checks", "looks", "ignores", "forgets", "strikes", "runs", "pushes", "sits"}
    )


# Agents ----------------------------------------------------------------------------------


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


_CHANGE_NOUNS = frozenset(
    """change changes commit commits script scripts deploy deployment config configuration migration migrations query
    command patch push merge release rollout cleanup hotfix fix update upgrade apply job edit tweak refactor""".split()
)


def _change_after(toks: list[Tok], j: int) -> int | None:
    """After a possessive: the index past "cleanup script", "config push" (up to two
    modifiers and a change noun), or None."""
    found = None
    for k in range(j, min(len(toks), j + 3)):
        if toks[k].low in _CHANGE_NOUNS:
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
            if low.startswith(("rotation", "shift", "crew")) and (j == i or toks[j - 1].low in _DETERMINERS):
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
            if j + 1 < n and _noun_after(toks[j + 1], lex):
                j += 1  # "Guy wires", "engineer onboarding": the role word modifies a noun
                continue
            return _role_tail(toks, j + 1, lex), "role"
        if low in lex.team_names and (j + 1 >= n or not toks[j + 1].low.isalpha() or _verbish(toks[j + 1].low, lex)):
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


_PREPOSITIONS = frozenset(
    """between of in on at for from with to by about over under into during across through and or against behind after
    before without within near like via per toward towards onto upon around above below beyond despite instead""".split()
)


_COMMON_VERBS = frozenset("keep need want have do get make go take know think say let put use try seem".split())


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
    """Past "of staff", "on duty", "on call", "at the hosting company", "on their side"."""
    n = len(toks)
    if j < n and toks[j].low.endswith("ing") and toks[j].low not in ("during",) and j + 1 < n:
        # "the engineer making the change did not announce it"
        for k in range(j + 1, min(n, j + 6)):
            if toks[k].low in _NEGATORS or toks[k].low in ("did", "had", "never") or _is_past(toks[k].low, lex):
                return k
        return j
    if j < n and toks[j].low in ("of", "on", "at", "from", "in", "with") and j + 1 < n:
        for k in range(j + 1, min(n, j + 6)):
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
            if end < n and toks[end].low in ("on", "at", "from", "in"):
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
    return check_person(text, strength, roster, names) is not None


# Predicates --------------------------------------------------------------------------------


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
        if low in ";:!?)" or (low in _BOUNDARY and k > j and not (low == "once" and toks[k - 1].low == "at")):
            return k
    return end


_RECOVERY = frozenset(
    """noticed spotted found saw caught flagged reported identified fixed reverted rolled removed replaced corrected
    confirmed discovered detected investigated debugged traced diagnosed located isolated repaired restored rejected
    helped wrote added reviewed explained described documented noted asked warned announced suspected tested checked
    verified questioned blocked replayed recovered rebuilt paused stopped cancelled""".split()
)
_DESTROY_LIVE = frozenset(
    """delete deletes deleted deleting drop drops dropped dropping truncate truncated truncates purge purged purges
    erase erased erases overwrite overwrote overwritten overwrites destroy destroyed destroys wipe wiped wipes format
    formatted unplug unplugged""".split()
)
_THING_ASIDE = frozenset(
    """bot butler service scheduler daemon tool job script pipeline system server agent assistant robot cron
    controller operator plugin app""".split()
)


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


def predicate_failure(
    toks: list[Tok], j: int, agent_kind: str, lex: Lexicon, *, present_ok: bool = True
) -> tuple[int, str] | None:
    """If the predicate starting at token j is a failure: (index of its last cue token, strength)."""
    n = len(toks)
    aside_end = _skip_aside(toks, j)
    if _aside_is_thing(toks, j, aside_end):
        return None
    j = aside_end
    if agent_kind == "indefinite" and j > 0 and toks[j - 1].low == "whoever":
        for r in range(j + 1, min(n, j + 10)):
            if toks[r].low in _NEGATORS or toks[r].low in lex.slip or toks[r].low in _MODALS:
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
    mitigated = any(
        (toks[i].low == "after" and i + 1 < n and toks[i + 1].low in _CHECK_FIRST) or toks[i].low in _MITIGATORS
        for i in range(k, min(n, end + 12))
    )
    for idx in range(k, end):
        low = toks[idx].low
        if low in _ADJECTIVAL and idx > 0 and toks[idx - 1].low in _DETERMINERS:
            continue  # "the broken build", "the missing index": a state, judged below
        if (
            idx > k
            and low.endswith("ed")
            and idx > 0
            and toks[idx - 1].low in _DETERMINERS
            and (low in lex.slip or low in lex.breaks)
        ):
            continue  # "spotted the misrouted traffic": a state of the object, judged below
        if low in ("and", "but") and idx > k and idx + 1 < n and toks[idx + 1].low in _NEGATORS | {"did", "then"}:
            found = predicate_failure(toks, idx + 1, agent_kind, lex, present_ok=present_ok)
            if found is not None:
                return found
        if low == "force" and idx + 1 < n and toks[idx + 1].low.startswith("push"):
            return idx + 1, "strong"
        if low in lex.slip:
            return idx, "strong"
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
        return k, "weak"
    if lemma == "make" or head in ("made", "makes", "make"):
        for idx in range(k + 1, min(end, k + 5)):
            if toks[idx].low in _MISTAKE_NOUNS:
                return idx, "weak"
    verb_like = _is_past(head, lex) or head in lex.lemma_of or present or head in _COMMON_VERBS
    if not verb_like:
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
        ):
            return idx + 2, "weak"  # "ran terraform apply from an old branch", "tagged the release from his local branch"
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
            low == "once"
            and toks[idx - 1].low == "at"
            and (head in _REPEATABLE or head in lex.ship or head in _FLEET_CHANGES)
            and any(t.low in ("all", "every", "both") for t in toks[k + 1 : idx])
        ):
            return idx, "strong"  # "restarted all the brokers at once"
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
        if low == "before" and any(t.low in _APPROVAL for t in toks[idx + 1 : idx + 5]) and head in lex.ship:
            return idx, "strong"  # "shipped the build before QA signed off"
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
            ):
                return idx + 1, "strong"
        if low == "before" and idx + 1 < n and toks[idx + 1].low in _CHECK_FIRST and head in _CONSEQUENTIAL:
            return idx + 1, "strong"
    if not recovery:
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
        if end < n and toks[end].low == "before" and agent_kind in ("indefinite", "person", "role"):
            return end, "weak"
    if head == "left" and not mitigated:
        for idx in range(k + 1, min(end, k + 6)):
            if toks[idx].low in _LEFT_STATE:
                return idx, "strong"
    if head == "let":
        for idx in range(k + 1, min(end, k + 6)):
            word = toks[idx].low
            if word in _LAPSE or (word.endswith("s") and word[:-1] in _LAPSE):
                return idx, "strong"
    for idx in range(k + 1, min(n, end + 2)):
        low = toks[idx].low
        if (
            low == "that"
            and not recovery
            and idx + 1 < n
            and head in _APPROVE_HEADS
            and _is_past(toks[idx + 1].low, lex)
            and (
                toks[idx + 1].low in _DESTROY_LIVE
                or toks[idx + 1].low in lex.breaks
                or toks[idx + 1].low in ("removed", "disabled")
            )
        ):
            return idx + 1, "weak"  # "approved a pull request that deleted the rate limits"
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
            if low != "leaving" or any(t.low in _RESULT_STATE for t in toks[idx + 1 : idx + 7]):
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
    if end < n and toks[end].low == "while" and any(t.low == "still" for t in toks[end + 1 : end + 5]):
        return end, "strong"
    # "... but did not remove the old cron entry", "... but failed to act"
    if end < n and toks[end].low in ("but", "and") and end + 1 < n:
        nxt = toks[end + 1].low
        if nxt in _NEGATORS or nxt in ("never", "failed", "then", "forgot", "still", "did", "had"):
            return predicate_failure(toks, end + 1, agent_kind, lex, present_ok=present_ok)
    if _is_past(head, lex) and not recovery and not mitigated:
        found = _later_omission(toks, k + 1, lex) or _result_clause(toks, k + 1, lex)
        if found is not None:
            return found
    return None


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
            or low in ("causing", "so")
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
        and pp.endswith("ed")
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
    last_cue = max((i for i, t in enumerate(toks) if t[1] in lex.cue_tokens), default=-1)
    if toks and toks[0][1] in _FRONT_SLIPS:
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
        if found is not None and agent.kind in ("role", "team", "indefinite") and _generic(toks, agent, lex):
            continue  # "Engineers forget things", "An operator who ignores alarms...": people in general
        if (
            found is not None
            and hypothetical
            and (agent.start == 0 or toks[agent.start - 1].low in ("if", "when", "whenever", "says", "say", "said"))
        ):
            continue  # "When an engineer deletes the wrong table, ...": a case, not an account
        if (
            found is None
            and toks
            and toks[0].low in _FRONT_SLIPS
            and agent.kind in ("person", "role", "team")
            and agent.start > 1
        ):
            k, _negated = _head(toks, _skip_aside(toks, agent.end), lex)
            if k < len(toks) and _is_past(toks[k].low, lex):
                found = (k, "strong")
        if found is None and toks[agent.end - 1].low in _CHANGE_NOUNS:
            # "your migration locked the whole db", "somebody's cron job filled the disk"
            k, negated = _head(toks, _skip_aside(toks, agent.end), lex)
            if k < len(toks) and toks[k].low in ("is", "was", "keeps", "kept") and k + 1 < len(toks):
                k += 1
            if k < len(toks) and not negated and (toks[k].low in _CHANGE_RESULTS or toks[k].low in lex.breaks):
                found = (k, "weak")
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
    if not out and _accusing(sentence, toks):
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
                or (head in ("is", "are", "keeps", "kept", "was") and following.endswith("ing") and following not in _CHECK_ING)
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
    # "nobody looked at the dashboards", "no one checked the logs"
    for index, tok in enumerate(toks):
        if tok.low in ("nobody", "one") and (tok.low == "nobody" or (index > 0 and toks[index - 1].low == "no")):
            opening = index if tok.low == "nobody" else index - 1
            if opening > 0 and (
                toks[opening - 1].low in ("which", "that", "where", "whom") or not _at_clause_start(toks, opening)
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
                k < len(toks)
                and (
                    (toks[k].low in lex.attend and toks[k].low != lex.lemma_of.get(toks[k].low))
                    or toks[k].low in _DUTY
                    or (toks[k].low in ("thought", "knew") and k + 1 < len(toks) and toks[k + 1].low in ("to", "how"))
                )
                and not (k + 1 < len(toks) and toks[k + 1].low in ("because", "since", "until"))
            ):
                start = toks[index - 1].start if tok.low == "one" else tok.start
                if not any(a <= start < b for _k, a, b, _s in out):
                    out.append(("indefinite", start, toks[k].stop, "strong"))
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


#: Cue words that count only beside one of these words ("not" beside an auxiliary of
#: a negated act, "took" beside "down", "left" beside "on"...): a cheap test that spares
#: most sentences the reading.
_CUE_NEEDS = {
    "not": frozenset({"did", "had", "has", "have", "does", "do", "chose", "opted", "decided", "elected"}),
    "took": frozenset({"down", "out", "offline"}),
    "brought": frozenset({"down", "out", "offline"}),
    "knocked": frozenset({"down", "out", "offline", "over"}),
    "left": _LEFT_STATE | {"there", "behind"},
    "let": frozenset({w + s for w in ("lapse", "expire", "rot", "slip", "die", "drift") for s in ("", "s")}),
    "made": frozenset(
        {"mistake", "mistakes", "error", "errors", "typo", "typos", "slip", "blunder", "oversight", "misstep", "goof"}
    ),
    "own": frozenset({"approved", "approves", "merged", "reviewed"}),
    "against": frozenset({"prod", "production", "live", "primary"}),
    "straight": frozenset({"prod", "production", "main", "master", "live"}),
    "directly": frozenset({"prod", "production", "main", "master", "live"}),
    "force": frozenset({"pushed", "push", "pushing", "pushes"}),
    "ball": frozenset({"dropped", "drops", "drop"}),
    "sat": frozenset({"on"}),
    "sits": frozenset({"on"}),
    "slept": frozenset({"through"}),
    "sleeps": frozenset({"through"}),
    "shut": frozenset({"accidentally", "mistakenly", "inadvertently"}),
    "public": frozenset(
        {
            "configured",
            "set",
            "made",
            "left",
            "opened",
            "committed",
            "pushed",
            "posted",
            "published",
            "uploaded",
            "shared",
            "pasted",
            "leaked",
            "emailed",
            "sent",
            "key",
            "keys",
            "secret",
            "secrets",
            "password",
            "passwords",
            "token",
            "tokens",
            "credentials",
        }
    ),
}
_CUE_NEEDS["make"] = _CUE_NEEDS["makes"] = _CUE_NEEDS["made"]
_CUE_NEEDS["rather"] = frozenset({"than"})
_CUE_NEEDS["twice"] = _REPEATABLE
_CUE_NEEDS["once"] = frozenset({"all", "every", "both"})
_CUE_NEEDS["with"] = frozenset({"no", "failing", "red", "broken"})
_CUE_NEEDS["no"] = _CHECK_NOUN
_CUE_NEEDS["failing"] = frozenset({"tests", "checks", "ci", "build", "pipeline", "builds"})
_CUE_NEEDS["busy"] = _CUE_NEEDS["lazy"] = frozenset({"too"})
_CUE_NEEDS["track"] = _CUE_NEEDS["sight"] = frozenset({"lost", "lose", "loses"})
_CUE_NEEDS["bed"] = _CUE_NEEDS["sleep"] = frozenset({"went", "goes", "go"})
for _secret in _SECRETS:
    # "hard-coded" is two words as the sentence's words are split.
    _CUE_NEEDS[_secret] = _LEAK_VERBS | {max(re.findall(r"[a-z0-9]+", verb), key=len) for verb in _LEAK_VERBS}
_CUE_NEEDS["peak"] = frozenset({"during", "at"})
_CUE_NEEDS["still"] = frozenset({"with", "while"})
_CUE_NEEDS["supposed"] = frozenset({"didn", "never", "forgot", "not"})
_CUE_NEEDS["against"] = _CUE_NEEDS["against"] | _RULES
_CUE_NEEDS["before"] = _APPROVAL | _CHECK_FIRST
_CUE_NEEDS["mistake"] = _CUE_NEEDS["accident"] = frozenset({"by"})
for _fine in ("fine", "ok", "okay", "good", "smart", "clever"):
    _CUE_NEEDS[_fine] = frozenset({"decided", "thought", "figured", "reckoned"})
_CUE_NEEDS["nothing"] = frozenset({"did"})
_CUE_NEEDS["passing"] = frozenset({"get", "make"})
_CUE_NEEDS["second"] = frozenset({"time"})
_CUE_NEEDS["sale"] = _CUE_NEEDS["launch"] = _CUE_NEEDS["busiest"] = frozenset({"during"})
_CUE_NEEDS["muted"] = _CUE_NEEDS["silenced"] = _CUE_NEEDS["snoozed"] = frozenset({"whole", "entire", "all"})
_CUE_NEEDS["depended"] = _CUE_NEEDS["relied"] = _CUE_NEEDS["depends"] = _CUE_NEEDS["relies"] = frozenset({"on"})
_CUE_NEEDS["action"] = frozenset({"no"})
_CUE_NEEDS["default"] = _SECRETS
_CUE_NEEDS["stayed"] = _CUE_NEEDS["remained"] = frozenset({"off", "down", "disabled", "broken", "offline", "on"})
_CUE_NEEDS["ticket"] = _CUE_NEEDS["tickets"] = frozenset({"without", "no"})
for _privilege in _PRIVILEGE:
    _CUE_NEEDS[_privilege] = frozenset(
        {"access", "rights", "permissions", "privileges", "scope", "role", "widened", "escalated", "elevated"}
    )
for _lure in ("phishing", "malicious", "spoofed", "fraudulent", "scam"):
    _CUE_NEEDS[_lure] = _LURED
for _physical in ("tripped", "spilled", "spilt", "kicked", "bumped"):
    _CUE_NEEDS[_physical] = _HARDWARE | {"over", "out", "coffee", "water"}
for _asset in ("only", "last", "previous", "remaining"):
    _CUE_NEEDS[_asset] = _RECOVERY_ASSETS
_CUE_NEEDS["again"] = frozenset({"once", "yet"})

for _stale in _STALE_SOURCE - {"wrong"}:
    _CUE_NEEDS[_stale] = frozenset({"from", "off"})
for _tired in _DISTRACTED - {"distracted", "busy"}:
    _CUE_NEEDS[_tired] = frozenset({"was", "were"})
_CUE_NEEDS["who"] = frozenset({"hell", "heck", "keeps", "kept"})  # the other who-questions have a cue of their own
_CUE_NEEDS["error"] = frozenset({"in"})
_CUE_NEEDS["over"] = _OVER_VERBS
_CUE_NEEDS["up"] = frozenset({"mixed", "mix", "mixes"})
_CUE_NEEDS["assumed"] = _CUE_NEEDS["presumed"] = frozenset({"and"})
for _target in ("primary", "production", "prod", "live"):
    _CUE_NEEDS[_target] = _RUN_VERBS
for _dead in _DEAD_TARGET:
    _CUE_NEEDS[_dead] = frozenset({"at", "into", "against", "pointed", "pointing", "deployed", "routed", "sent", "migrated"})
#: A result clause needs its joint: ", which", "so", "causing", "and".
_RESULT_JOINTS = frozenset({"which", "so", "causing", "and"})
#: Words that were cues on their own before the result clauses: they keep needing nothing.
_FREE_CUES = (
    frozenset("broke corrupted crashed exposed failed froze leaked overloaded saturated stalled stopped wiped".split())
    | _RESULT_VERBS
)
for _outcome in _OUTCOME - _FREE_CUES:
    # Common nouns and states ("outage", "lost", "unavailable") need a joint other than a
    # plain "and": most postmortem sentences have one, and the reading is not free.
    joints = (
        _RESULT_JOINTS - {"and"}
        if _outcome in ("outage", "outages", "lost", "unavailable", "unreachable", "hung")
        else _RESULT_JOINTS
    )
    _CUE_NEEDS[_outcome] = _CUE_NEEDS.get(_outcome, frozenset()) | joints
_CUE_NEEDS["out"] = frozenset({"left", "leaves", "ran", "run", "timed", "locked", "took", "knocked"})
_CUE_NEEDS["ran"] = _CUE_NEEDS["timed"] = frozenset({"out"})  # "ran out of memory", "timed out"
_CUE_NEEDS["went"] = frozenset({"down", "offline", "dark", "back"})
_CUE_NEEDS["keeps"] = _CUE_NEEDS["kept"] = frozenset(
    "team teams ops qa devs engineers people folks he she they someone somebody who staff".split()
)


def _accusing(sentence: str, toks: list[Tok]) -> bool:
    """ "once again", "yet again" anywhere ("as usual" is as often a routine), or a chat
    line (no full stop, no clock time) that ends in "again"."""
    lows = [t.low for t in toks]
    for index in range(len(lows) - 1):
        if (lows[index], lows[index + 1]) in (("once", "again"), ("yet", "again")):
            return True
    chat = not sentence.rstrip().endswith(".") and not any(c.isdigit() for c in sentence)
    return bool(lows) and chat and "again" in (lows[0], lows[-1])


def _worth_reading(words: set[str], lex: Lexicon) -> bool:
    """Could the sentence hold a detection at all? Set operations only."""
    found = words & lex.cues
    for word in found:
        needed = _CUE_NEEDS.get(word)
        if needed is None or not words.isdisjoint(needed):
            return True
    if (
        "by" in words
        and not words.isdisjoint(_PASSIVE_AUX)
        and (not words.isdisjoint(lex.passive_cues) or ("who" in words and "had" in words))
    ):
        return True
    if "again" in words:
        return True  # "... changed the sender domain again": _accusing decides
    return "one" in words and "no" in words


_PRESENT_VERBS = frozenset(
    "forgets ignores misses skips breaks deletes drops pushes runs reverts restarts resumes continues starts".split()
)
_FIRST_WORD = re.compile(r"[\W\d_]*+")
_NEXT_WORD = re.compile(r"[\s,]+([\w'’-]+)")


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
            if _verbish(following, lex) or following in lex.lemma_of or following in _PRESENT_VERBS:
                return True
    return False


_DEFINITE = frozenset("the our their his her its this that these those my your".split())


_ADVICE = frozenset(
    "look ask check make add consider find write describe start focus treat fix review replace remember note see".split()
)


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
    if not present or head in ("was", "has", "is", "keep", "keeps"):
        return False  # "devs keep shipping without tests": a habit, not a generality
    first = toks[agent.start]
    if first.low in _DEFINITE:
        return False
    if first.low in ("a", "an", "someone", "somebody", "anyone", "everyone", "everybody", "most", "many", "some", "any"):
        return True
    return first.text.islower() or first.low in lex.role_heads  # "engineers forget", not "QA ignores"


def _reduced_passive_failure(toks: list[Tok], by_index: int, words: set[str]) -> bool:
    """ "an incorrect change made by a member of our team", "a misconfigured router set
    up by a third-party technician" after "blamed on": a failure noun phrase whose
    participle names the maker."""
    k = by_index - 1
    if k >= 1 and toks[k].low in ("up", "out", "in"):
        k -= 1
    if k < 1 or not _looks_pp(toks[k].low) or toks[k - 1].low in _PASSIVE_AUX:
        return False
    before = [t.low for t in toks[max(0, k - 5) : k]]
    return any(w in _FAILURE_OBJECT or w in ("bad", "wrong", "faulty", "botched") for w in before) or not words.isdisjoint(
        {"blamed", "attributed", "pinned", "traced"}
    )


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
