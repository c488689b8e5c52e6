"""Word lists for the structure detector: the generated lexicon (every inflection of the
verbs, given names, role nouns), the hand-kept lists beside it, tokens, and the cue words a
sentence needs before it is read at all."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

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
    bro lmao rip smh oof yikes dude wtf midnight noon morning afternoon evening overnight monday tuesday wednesday
    thursday friday saturday sunday
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
    overloaded saturated exhausted overwrote emptied eating hogging consuming""".split()
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
    conflicting incompatible malformed
    unvalidated unapproved unverified unsigned unauthorised unauthorized unsanctioned""".split()
)
#: Checks a change can lack: "an untested migration", "a half-reviewed schema change".
_CHECKED = frozenset(
    """tested reviewed approved verified validated checked signed patched vetted audited authorised authorized
    encrypted secured protected documented monitored rehearsed staged canaried""".split()
)
_FAILURE_OBJECT = _FAILURE_OBJECT | {f"un{w}" for w in _CHECKED} | {f"half-{w}" for w in _CHECKED}
#: Repairs aimed at the wrong thing are slips: "rolled back the wrong deploy".
_REPAIR_ACTS = frozenset(
    # Not "reverted/removed/fixed the wrong commit": that undoes the wrong (bad) thing.
    "rolled restored rebuilt paused stopped cancelled blocked replayed recovered repaired restarted".split()
)
#: Environments, and the things that belong to one ("copied the staging credentials into the production manifest").
_ENV_TEST = frozenset("staging stage test testing dev development sandbox qa local".split())
_ENV_LIVE = frozenset("production prod live".split())
_ENV_THINGS = frozenset(
    """credentials credential config configs configuration key keys secret secrets hostname hostnames host url urls
    endpoint endpoints database db data password passwords token tokens manifest settings values variables env file
    files certificate certificates cert dns address addresses connection bucket""".split()
)
#: What a live thing was overwritten with: "overwrote last month's report with test data".
_FILLERS = frozenset("test dummy fake sample stale old empty blank placeholder self-signed junk".split())
_OVERWRITE = frozenset("overwrote overwritten replaced clobbered filled seeded populated".split())
#: Safeguards switched off by someone nobody names: "somebody turned off the backups".
_SAFEGUARDS = frozenset(
    """backup backups alert alerts alerting alarm alarms monitoring check checks health replication firewall logging
    logs mfa 2fa auth authentication pager paging gate gates canary canaries interlock interlocks validation
    scanning scanner protection""".split()
)
_BROAD = frozenset("every everyone everybody anyone anybody all".split())
#: What a shipped change did, in a relative clause: "pushed a BGP change that withdrew our routes".
_RELATIVE_DAMAGE = frozenset("removed disabled withdrew exposed leaked overwrote deleted dropped".split())
#: Changes that nobody names the maker of: "someone changed the retention policy to one day".
_ANON_CHANGES = frozenset(
    """changed modified edited altered tweaked pushed deployed merged hardcoded hard-coded placed renamed lowered
    reduced raised moved reconfigured rewired rewrote""".split()
)
#: Words that say a change was sanctioned: "changed the threshold after the review".
_SANCTIONED = frozenset("after review reviewed approved agreed planned per scheduled requested".split())
#: "before the previous one had finished"
_UNFINISHED = frozenset("finished completed ended drained done synced".split())
#: Where data should not go: "copied the database to a personal laptop" (a shared folder only for
#: sensitive data: "exported everyone's salary data to a shared folder").
_EXPOSED_PLACES = frozenset("personal private home spreadsheet pastebin gist plaintext public shared".split())
_SENSITIVE = frozenset("salary salaries payroll medical passwords password secrets keys credentials ssn personal".split())
_MOVE_VERBS = frozenset(
    "copied exported downloaded uploaded emailed sent forwarded synced moved pasted stored saved posted shared kept".split()
)
_DATA_NOUNS = frozenset(
    """database db data export exports dump dumps backup backups records customer customers salary salaries list lists
    files file spreadsheet table tables details""".split()
)
#: Safety systems a person switched off: "had disabled a key safety system".
_SAFETY = frozenset("safety interlock interlocks safeguard safeguards guardrail guardrails protections".split())
#: Jobs that destroy what they are pointed at.
_DESTRUCTIVE_JOBS = frozenset("purge cleanup decommission deletion delete wipe teardown destroy drop truncate reset".split())
#: What a bad value left things in: "so the bad record stayed cached for days".
_STUCK_STATES = frozenset("cached stale old down broken offline unavailable stuck wrong outdated".split())
#: What a person's act is traced through in a passive: "deleted from Priya's terminal".
_ACCOUNTS = frozenset("terminal laptop account machine shell session credentials keys login workstation desktop".split())
_ACCOUNT_PREPS = frozenset("from under on using via with through".split())
#: Three-letter given names that are also words or abbreviations in operations text.
_SHORT_NOT_NAMES = frozenset(
    """doc del cal dex edu exa ide irl jan jun mac geo gal ima ica les lex kip sys per dom dow eta esa ena isa ira gee
    gro hal lan len lim sal""".split()
)
#: Builds that should not reach everyone: "deployed the experimental branch to every region".
_UNFINISHED_BUILDS = frozenset("experimental unfinished wip draft debug prototype".split())
_MONTHS = frozenset("january february march april may june july august september october november december".split())
#: Acts that need an agent (a page or a bill does not push, deploy or type).
_AGENT_ACTS = frozenset(
    """ran pushed deployed deleted dropped merged rebooted restarted typed applied disabled removed truncated purged
    wiped overwrote approved shipped committed copied executed reverted changed edited modified unplugged""".split()
)
_PHONE = frozenset({"phone", "phones", "texting"})
#: What a hurried act is for: "disabled the integration tests to speed up the release".
_HURRY = frozenset("speed hurry faster quicker deadline rush rushed quickly time".split())
_TEST_GATES = frozenset("tests test checks check review reviews canary validation linter lint ci".split())
#: Possessive pronouns that own a change or a mistake ("his mistake cost us").
_OWNED_BY = frozenset({"his", "her", "their"})
#: Defects a person can introduce.
_DEFECTS = frozenset("bug bugs regression regressions leak leaks vulnerability vulnerabilities deadlock flaw defect".split())
#: Verbs of an admission, news-style: "the firm admitted that a contractor had disconnected ...".
_ADMIT = frozenset("admitted admits conceded concedes confessed confesses".split())
#: Role words that also name processes or machines: a person only with a slip only people make.
_MACHINE_ROLES = frozenset("worker workers controller controllers driver drivers guard guards cleaner cleaners".split())
#: A sentence that opens on the slip: "Despite the freeze, Matteo pushed ...", "Thinking
#: he was in the staging shell, Rohan dropped the orders table".
_FRONT_SLIPS = frozenset("despite instead rather thinking assuming believing mistaking forgetting ignoring".split())
#: Of those, the ones that open a slip clause in mid-sentence too.
_MID_SLIPS = frozenset("despite thinking assuming believing mistaking forgetting ignoring".split())
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
#: What a copy kept for recovery can be that makes deleting it routine: "deleted the old snapshots".
_DISPOSABLE = frozenset(
    "old older stale expired obsolete unused test temporary extra duplicate leftover orphaned redundant outdated".split()
)
#: Physical damage to a line: "a contractor cut through the fibre", "severed the power cable".
_DAMAGE_VERBS = frozenset("cut severed damaged dug sliced nicked snapped crushed".split())
_LINES = frozenset("cable cables fibre fiber fibres fibers wire wires cord cords conduit duct line lines pipe pipes".split())
#: Alerts silenced by a person: "snoozed the disk alert until morning".
_SILENCE = frozenset({"muted", "silenced", "snoozed"})
_ALERT_WORDS = frozenset("alert alerts alarm alarms page pages pager paging notification notifications it them".split())
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
#: Outcomes named as nouns or states after ", which led to", "resulting in", "causing".
_OUTCOME_NOUNS = frozenset(
    """outage outages downtime loss corruption disruption disruptions degradation stale duplicate duplicated twice
    lockout errors failures timeouts crashes""".split()
)
#: Words that make an outcome clause a remedy: ", which resolved the errors", "so the timeouts stopped".
_REMEDY = frozenset(
    """resolved resolving fixed fixing cleared clearing stopped stopping removed removing reduced reducing eliminated
    prevented avoided absorbed ended ending disappeared vanished halted cut cutting recovered recovery restored
    mitigated no fewer less dropped fell decreased subsided improved""".split()
)
#: Outcomes that read as caused even after a plain "and" (a timeline's "and then" is not).
_CAUSED_AND = frozenset("broke emptied wiped corrupted leaked exposed failing".split())
_OUT_PHRASES = {
    "ran": ("out",),
    "run": ("out",),
    "timed": ("out",),
    "went": ("down", "offline", "dark", "read-only", "unresponsive", "silent"),
    "backed": ("up",),
    "fell": ("over",),
    "ground": ("to",),
    "locked": ("out",),
    "took": ("down", "out", "offline"),
    "knocked": ("out", "down", "offline"),
    "stopped": ("working", "serving", "responding", "processing"),
}
_LIVE = frozenset("prod production live primary main master entire whole all every customer customers shared users".split())
_CHECK_ING = frozenset(
    """checking testing reviewing reading confirming verifying validating telling asking notifying coordinating
    realising realizing running looking migrating draining announcing consulting noticing warning informing
    backing updating escalating syncing waiting investigating inspecting examining double-checking considering
    understanding involving alerting paging mentioning documenting recording filing following watching monitoring
    questioning rehearsing staging canarying measuring handing""".split()
)
_CHECK_NOUN = frozenset(
    """review reviews approval testing tests test check checks backup backups sign-off signoff permission canary
    validation plan notice warning announcement confirmation ticket tickets checklist checklists rollback snapshot
    snapshots dry-run heads-up runbook""".split()
)
#: "before confirming": a check that was put after the act.
_CHECK_FIRST = frozenset("checking testing reviewing reading confirming verifying validating telling asking notifying".split())
_BELIEF = frozenset({"thinking", "thought", "believing", "assuming", "convinced", "believed", "assumed", "presumed", "mistaking"})
_RESULT_VERBS = frozenset(
    """broke locked took brought knocked stopped corrupted wiped erased deleted overwrote caused crashed froze
    exposed leaked saturated exhausted flooded overloaded overwhelmed filled stalled degraded maxed""".split()
)
_RESULT_ING = frozenset(
    {
        "filling",
        "consuming",
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
#: What a runaway act fills up.
_RESOURCES = frozenset("disk disks memory quota queue queues volume volumes storage cpu connections pool inodes".split())
_RESULT_STATE = frozenset({"down", "out", "offline", "open", "exposed", "broken", "unreachable", "empty"})
_CONSEQUENCE = frozenset({"froze", "crashed", "broke", "stalled", "died", "collapsed", "failed"})
_LAPSE = frozenset({"lapse", "expire", "rot", "slip", "die", "drift"})
_RULES = frozenset(
    "policy policies process procedure procedures rules advice guidance recommendation runbook checklist freeze".split()
)
_APPROVAL = frozenset(
    "signed approved reviewed tested finished passed completed merged sign-off signoff approval review tests".split()
)
_RUN_VERBS = frozenset("ran run runs pointed executed applied".split())
_REPEATABLE = frozenset(
    "ran run executed applied sent triggered started submitted pushed deployed charged restarted issued processed paid billed imported refunded".split()
)
#: Changes that should not reach everything at once ("installed the update on every ward computer at once").
_FLEET_CHANGES = frozenset(
    """installed updated upgraded patched rotated rebooted restarted changed migrated flashed reimaged reset drained
    stopped terminated cordoned killed rolled released""".split()
)
#: How many things a change reached at once: "drained three nodes at once".
_MANY = frozenset("all every both two three four five six several multiple entire whole 100".split())
#: Nobody did what someone owns: "nobody renewed the certificate", "no one rotated the keys".
_DUTY = frozenset(
    """renewed rotated updated patched upgraded documented owned maintained cleaned tested reviewed approved followed
    moved migrated fixed replaced configured enabled added acted bothered paged escalated retired decommissioned""".split()
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
#: What a change done "without a/any ..." can have lacked that is no safeguard: "without any downtime".
_WITHOUT_GOOD = frozenset(
    """problem problems issue issues incident incidents error errors impact downtime hitch hitches loss interruption
    interruptions trouble fuss delay delays data disruption outage outages complaint complaints restart restarts
    customer customers user users page pages alert alerts word doubt""".split()
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
#: Nouns that name a person's slip, for "a <noun> by <person>".
_SLIP_NOUNS = _MISTAKE_NOUNS | frozenset(
    "misconfiguration misconfigurations lapse lapses negligence carelessness slip-up blunders oversights".split()
)
_PASSIVE_AUX = frozenset({"was", "were", "been", "got", "is", "are", "be", "being"})
_MISS_NOT = frozenset({"no", "none", "nothing", "zero"})
_SLO = frozenset({"slo", "slos", "sla", "slas", "target", "targets", "deadline", "budget", "objective"})
#: Cue words of the round-3 detections below (each needs a companion word: `_CUE_NEEDS`).
_NEW_CUES = (
    frozenset(
        """told tells informed warned rejected flagged vetoed blocked access swapped switched transposed reversed
        crossed confused intended turned disabled phone phones texting idea clue around round skirted dodged
        misconfiguration misconfigurations lapse lapses negligence carelessness oversight oversights eating hogging
        consuming spamming hammering flooding locking rm alter home unplugged disconnected unracked directly manually
        stayed remained kept anyway regardless allow terminal laptop account machine shell session credentials keys login
        workstation desktop first experimental unfinished wip draft debug prototype glancing glanced skimming skimmed eyeballing eyeballed
        pointing pointed""".split()
    )
    | _DAMAGE_VERBS
    | _OUTCOME_NOUNS
    | _CHECKED
    | _DEFECTS
    | _EXPOSED_PLACES
    | _SAFETY
    | _RELATIVE_DAMAGE
    | _ADMIT
    | _ANON_CHANGES
    | _ENV_TEST
    | _ENV_LIVE
    | _OVERWRITE
)


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
        | _OLDER_CUES
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
        | {
            "wrong",
            "who",
            "why",
            "backed",
            "fell",
            "ground",
            "friday",
            "freeze",
            "hours",
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
        | _NEW_CUES
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
            | {"bad", "without", "instead", "never", "not", "didn", "neither"}
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
            # Three-letter names in chat ("tim forgot the flag", "leo rebooted the primary"),
            # less the ones that are also abbreviations of the trade.
            | {name for name in data["given_names"] if len(name) == 3 and name.isascii() and name.isalpha()} - _SHORT_NOT_NAMES
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


_CHANGE_NOUNS = frozenset(
    """change changes commit commits script scripts deploy deployment config configuration migration migrations query
    command patch push merge release rollout cleanup hotfix fix update upgrade apply job edit tweak refactor""".split()
)
_PREPOSITIONS = frozenset(
    """between of in on at for from with to by about over under into during across through and or against behind after
    before without within near like via per toward towards onto upon around above below beyond despite instead""".split()
)
_COMMON_VERBS = frozenset("keep need want have do get make go take know think say let put use try seem".split())
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
_CUE_NEEDS["once"] = _MANY
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
_CUE_NEEDS["muted"] = _CUE_NEEDS["silenced"] = _CUE_NEEDS["snoozed"] = frozenset({"whole", "entire", "all"}) | _ALERT_WORDS
for _damage in _DAMAGE_VERBS:
    _CUE_NEEDS[_damage] = _LINES
_CUE_NEEDS["depended"] = _CUE_NEEDS["relied"] = _CUE_NEEDS["depends"] = _CUE_NEEDS["relies"] = frozenset({"on"})
_CUE_NEEDS["action"] = frozenset({"no"})
_CUE_NEEDS["default"] = _SECRETS
_CUE_NEEDS["stayed"] = _CUE_NEEDS["remained"] = frozenset({"off", "down", "disabled", "broken", "offline", "on"})
_CUE_NEEDS["ticket"] = _CUE_NEEDS["tickets"] = frozenset({"without", "no"})
# A risky time for a change: "deployed on a Friday evening", "during business hours", "during the freeze".
_CUE_NEEDS["friday"] = frozenset({"a"})
_CUE_NEEDS["freeze"] = frozenset({"during", "in"})
_CUE_NEEDS["hours"] = frozenset({"business", "working", "office"})
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
_CUE_NEEDS["who"] = frozenset({"hell", "heck", "keeps", "kept", "this", "these", "those"})  # the others have cues of their own
_CUE_NEEDS["why"] = frozenset({"you"})
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
_CUE_NEEDS["went"] = frozenset({"down", "offline", "dark", "back", "read", "unresponsive", "silent"})
_CUE_NEEDS["backed"] = frozenset({"up"})
_CUE_NEEDS["fell"] = frozenset({"over"})
_CUE_NEEDS["ground"] = frozenset({"halt"})
_CUE_NEEDS["keeps"] = _CUE_NEEDS["kept"] = frozenset(
    "team teams ops qa devs engineers people folks he she they someone somebody who staff".split()
)


def _needs(words: frozenset[str] | set[str] | tuple[str, ...], needed: frozenset[str] | set[str]) -> None:
    """Cue words of the later detections: each counts beside one of `needed` (or beside
    what it needed already); an older cue that needed nothing keeps needing nothing."""
    for word in words:
        if word not in _CUE_NEEDS and (word not in _NEW_CUES or word in _OLDER_CUES):
            continue
        _CUE_NEEDS[word] = _CUE_NEEDS.get(word, frozenset()) | needed


#: Cue words of the earlier detections (those not in `_CUE_NEEDS` need nothing).
_OLDER_CUES = (
    _DESTROY_LIVE
    | _FAILURE_OBJECT
    | _NEGATORS
    | _BELIEF
    | _RESULT_ING
    | _RESULT_VERBS
    | _CHECK_FIRST
    | _SECRETS
    | _SLIP_ADVERBS
    | _OUTCOME
    | _DEAD_TARGET
    | _STALE_SOURCE
    | _DISTRACTED
    | _PRIVILEGE
)
_needs(("told", "tells", "informed", "warned"), {"no", "nobody"})
_needs(("rejected", "flagged", "vetoed", "blocked"), {"that", "which"})
_needs(_ENV_TEST | _ENV_LIVE, {"into", "to", "onto", "in"})
_needs(_OVERWRITE - _DESTROY_LIVE, _FILLERS | {"self"})
_needs(("access",), _BROAD)
_needs(("swapped", "switched", "transposed", "reversed", "crossed", "confused"), {"two"})
_needs(("switched", "turned", "disabled"), _SAFEGUARDS)
_needs(("disabled", "turned", "commented"), _TEST_GATES)
_needs(("intended",), {"than"})
_needs(_CHECKED, {"half"})
_needs(("still",), {"and", "but"})
_needs(_SLIP_NOUNS, {"his", "her", "their", "your", "s"})
_needs(("anyway", "regardless"), {"and", "but"})
_needs(("nothing",), {"and", "but"})
_needs(("first",), {"day", "week", "shift"})
_needs(_UNFINISHED_BUILDS, {"every", "all", "production", "prod"})
_needs(_ACCOUNTS, _PASSIVE_AUX)
_needs(("allow",), {"all", "any", "everyone", "everything", "public"})
_needs(("home",), {"went", "headed"})
_needs(("unplugged", "disconnected", "unracked"), _HARDWARE)
_needs(("directly", "manually"), {"patched", "hot", "hotpatched", "hotfixed", "edited", "modified", "changed", "tweaked"})
_needs(("stayed", "remained", "kept"), {"so", "which", "causing", "resulting", "leading"})
_needs(_DEFECTS, {"introduced", "introduces", "caused", "created", "reintroduced"})
_needs(("glancing", "glanced", "skimming", "skimmed", "eyeballing", "eyeballed"), _APPROVE_HEADS | {"reviewed", "signed"})
_needs(("pointing", "pointed"), {"left"})
_needs(_EXPOSED_PLACES, _MOVE_VERBS | {"used", "put", "added", "configured", "embedded", "hardcoded"})
_needs(_SAFETY, {"disabled", "bypassed", "overrode", "defeated", "removed", "turned", "switched"})
_needs(("rm", "alter"), {"ran", "executed", "issued", "typed", "entered", "run"})
_needs(
    ("eating", "hogging", "consuming", "spamming", "hammering", "flooding", "locking"), _CHANGE_NOUNS | {"someone", "somebody"}
)
_needs(_OUTCOME_NOUNS | _OUTCOME, {"which", "causing", "so", "resulting", "leading"})
_needs(("around", "round"), {"went", "goes", "got", "worked", "skirted", "dodged", "routed"})
_needs(("skirted", "dodged"), _RULES | _CHECK_NOUN)
_needs(("before",), _UNFINISHED)
_needs(_SLIP_NOUNS, {"by"})
_needs(("made", "make", "makes"), _SLIP_NOUNS)
_needs(("not",), _CHECKED)
_needs(_ANON_CHANGES, {"someone", "somebody"})
_needs(("phone", "phones", "texting"), {"using", "on", "checking", "texting"})
_needs(("idea", "clue"), {"no"})
_needs(_RELATIVE_DAMAGE, {"that", "which"})
_needs(_ADMIT, {"had", "that"})
_needs(("not",), _CONSEQUENTIAL)


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
_DEFINITE = frozenset("the our their his her its this that these those my your".split())
_ADVICE = frozenset(
    "look ask check make add consider find write describe start focus treat fix review replace remember note see".split()
)
