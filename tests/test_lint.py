"""The blameless-language linter: rules-file examples, people, offsets, records, config."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blamefree.lint import (
    ConfigError,
    Finding,
    LintConfig,
    find_config,
    is_accepted,
    lint,
    lint_text,
    record_texts,
)
from blamefree.lint.engine import roster_for, scan
from blamefree.lint.rules import RuleError, compile_rules, shipped_rules
from blamefree.lint.segment import FILL, mask, sentences
from blamefree.model import AcceptedFinding, ActionItem, Event, LintSettings, Participant, Record, RootCause
from blamefree.model.record import Lessons

RULESET = compile_rules(LintConfig())
EXAMPLES = [(rule.id, text, True) for rule in RULESET.rules for text in rule.fire] + [
    (rule.id, text, False) for rule in RULESET.rules for text in rule.clean
]


def rules_fired(text: str, people=()) -> set[str]:
    """Rule ids that match `text`, before overlapping findings are merged."""
    return {hit.rule.id for hit in scan(text, RULESET, roster_for(tuple(people), RULESET), dedupe=False)}


def flagged(text: str, people=()) -> list[Finding]:
    return [f for f in lint_text(text, people=people) if f.severity != "info"]


# The rules file ----------------------------------------------------------------------


@pytest.mark.parametrize("rule_id,text,fires", EXAMPLES, ids=[f"{r}:{'fire' if f else 'clean'}:{t[:30]}" for r, t, f in EXAMPLES])
def test_rule_examples(rule_id, text, fires):
    """Every example in rules.toml: `fire` ones give the rule, `clean` ones do not."""
    assert (rule_id in rules_fired(text)) is fires, (rule_id, text, rules_fired(text))


def test_every_rule_has_the_documented_shape():
    data = shipped_rules()
    families = set(data["family"])
    assert {
        "name-blame",
        "blame-word",
        "counterfactual",
        "hindsight",
        "team-blame",
        "role-blame",
        "judgement",
        "minimizing",
        "punitive",
        "be-more-careful",
        "passive-evasive",
    } <= families
    ids = [spec["id"] for spec in data["rule"]]
    assert len(ids) == len(set(ids)), "rule ids are unique"
    for spec in data["rule"]:
        assert spec["family"] in families
        assert spec.get("patterns") or str(spec.get("detector", "")).startswith("structure."), spec["id"]
        assert spec.get("examples", {}).get("fire"), f"{spec['id']} has no example that must fire"
        assert spec.get("examples", {}).get("clean"), f"{spec['id']} has no example that must stay clean"
        assert spec.get("message") or data["family"][spec["family"]].get("message")
    for rule in RULESET.rules:
        assert rule.level in ("error", "warning", "info")
        assert rule.suggestion, rule.id


def test_a_bad_rule_is_reported_with_its_id(tmp_path):
    with pytest.raises(ConfigError, match=r"rule\[0\]\.patterns\[0\]: rule team\.broken: bad pattern"):
        LintConfig.from_data({"rule": [{"id": "team.broken", "family": "judgement", "patterns": ["(unclosed"]}]})
    with pytest.raises(ConfigError, match=r"rule\[0\]\.family: .*unknown family"):
        LintConfig.from_data({"rule": [{"id": "team.x", "family": "nope", "patterns": ["x"]}]})
    # Compiling a configuration made without from_data still says which rule.
    import json

    bad = LintConfig(rules=(json.dumps({"id": "team.broken", "family": "judgement", "patterns": ["(unclosed"]}),))
    with pytest.raises(RuleError, match="team.broken"):
        compile_rules(bad)


@pytest.mark.parametrize(
    "pattern,nested",
    [
        ("(a+)+$", True),
        ("(?:\\w+\\s?)*!", True),
        ("(?:x|(?:ab)+)*c", True),
        ("(?:\\w+\\s+){2,50}z", True),
        ("(?:{adv})+x", True),
        ("\\bhero(?:\\s+\\w+){0,2}\\s+mode\\b", False),
        ("(?:[\\w-]|\\.(?=\\w))*", False),
        ("(?>a+)+$", False),
        ("(?:a++)+$", False),
        ("{person}\\s+{adv}{strong_verb}", False),
    ],
)
def test_nested_quantifiers_are_found(pattern, nested):
    from blamefree.lint.rules import _expand, _shipped_parts, nested_quantifier

    assert nested_quantifier(_expand(pattern, _shipped_parts()[1], "t")) is nested


def test_no_shipped_pattern_has_unbounded_nested_quantifiers():
    from blamefree.lint.rules import check_rule

    for spec in shipped_rules()["rule"]:
        check_rule(spec)


# Families, on sentences not in the rules file ------------------------------------------


@pytest.mark.parametrize(
    "text,family",
    [
        ("Because Priya didn't test the rollback, the outage lasted an hour.", "name-blame"),
        ("The incident was triggered by Raj's change to the retry settings.", "name-blame"),
        ("The QA team missed the regression.", "team-blame"),
        ("The developer forgot to add the index.", "role-blame"),
        ("The incident was caused by human error during the maintenance.", "blame-word"),
        ("The engineer was careless with the production credentials.", "judgement"),
        ("We should have tested the failover.", "counterfactual"),
        ("In retrospect the signs were there all along.", "hindsight"),
        ("It was just a typo.", "minimizing"),
        ("The person responsible has been disciplined.", "punitive"),
        ("Engineers need to be more careful when running migrations.", "be-more-careful"),
        ("The runbook steps weren't followed during the failover.", "passive-evasive"),
    ],
)
def test_each_family_fires_on_fresh_sentences(text, family):
    assert family in {f.family for f in flagged(text)}


@pytest.mark.parametrize(
    "text,families",
    [
        # A person and a negated action: an omission.
        ("Jamal didn't run the migration.", {"name-blame"}),
        ("Priya never ran the smoke tests on the release branch.", {"name-blame"}),
        # An aside between the name and the verb.
        ("Sam, who was on call, missed the page.", {"name-blame"}),
        ("Aiko, the engineer on duty, ignored the disk alert.", {"name-blame"}),
        ("Lars (the release manager) skipped the canary stage.", {"name-blame"}),
        # A neutral verb, then "and" and the failure.
        ("Dana deployed and broke checkout.", {"name-blame"}),
        ("Oren merged the PR and broke the nightly build.", {"name-blame"}),
        # A failure explained by a person's action.
        ("The deploy failed because Lee ran it twice.", {"name-blame"}),
        ("The backfill broke because Nadia ran the script against production.", {"name-blame"}),
        # "failed to" with a verb only people do; an ordinary-word name is enough then.
        ("Drew failed to notice the alert.", {"name-blame"}),
        ("Farah failed to escalate the ticket to the database team.", {"name-blame"}),
        # "should have had".
        ("We should have had an alert for this.", {"counterfactual"}),
        # An inexperience label as the subject of a destructive action.
        ("The new hire deleted the production table.", {"role-blame"}),
        ("An intern dropped the users table during the migration.", {"role-blame"}),
        # An adverb before the name: both the hindsight and the person count.
        ("Obviously Sam broke prod.", {"hindsight", "name-blame"}),
        ("Clearly Mateo missed the warning in the deploy log.", {"hindsight", "name-blame"}),
    ],
)
def test_audit_recall_gaps_are_flagged(text, families):
    assert families <= {f.family for f in flagged(text)}, lint_text(text)


def test_an_adverb_before_a_name_is_not_part_of_it():
    by_family = {f.family: f.excerpt for f in flagged("Obviously Sam broke prod.")}
    assert by_family == {"hindsight": "Obviously", "name-blame": "Sam broke"}


@pytest.mark.parametrize(
    "text",
    [
        "The on-call engineer restarted the service.",
        "We will add an alert for queue age.",
        "We should add an alert for replication lag.",
        "Jamal didn't need to run the migration by hand.",
        "The cron job didn't run the cleanup task because the lock was held.",
        "Sam, who was on call, acknowledged the page within two minutes.",
        "Dana, the incident commander, paged the database team.",
        "Dana deployed the fix and error rates returned to baseline.",
        "The rollout succeeded because Lee ran the migration first.",
        "The deploy failed because the registry ran out of disk.",
        "The health check failed to notice the hung worker.",
        "The alert should have had a lower threshold.",
        "The new hire shadowed the on-call engineer during the incident.",
        "The intern deleted the stale feature branches after the review.",
        "Drew failed over the primary at 14:10.",
        "Will restarted the worker pool after the fix.",
        "In May the disk failed twice.",
    ],
)
def test_near_misses_of_the_audit_gaps_stay_clean(text):
    assert flagged(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The disk failed.",
        "The job failed to start.",
        "The health check didn't fire.",
        "We failed over to the secondary region at 14:12.",
        "The service failed open, so requests were allowed without rate limiting.",
        "Failed requests peaked at 4,000 per second.",
        "Error rates rose just after 14:00.",
        "Dana restarted the pod.",
        "We should add alerting on queue age.",
        "The alert should fire when the queue is older than five minutes.",
        "It could have been much worse.",
        "Don't settle for 'human error' as a root cause.",
        "This was not carelessness: the prompt showed the wrong cluster.",
        "The on-call engineer paged the database team.",
    ],
)
def test_classic_false_positives_stay_clean(text):
    assert flagged(text) == []


def test_a_negated_judgement_is_only_a_suggestion():
    found = lint_text("This was not careless: the prompt showed the wrong cluster.")
    assert [f.severity for f in found] == ["info"]


def test_a_quoted_label_that_is_the_agent_still_counts():
    assert flagged("'Human error' was the root cause.")
    assert not flagged("Avoid 'human error' in the root cause field.")


# People ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Will retry the failed webhook deliveries once the fix is deployed.",
        "Mark the incident resolved once error rates stay low.",
        "Mark failed nodes as unschedulable before draining them.",
        "Bill runs failed for 2% of invoices.",
        "May 3: the nightly backup job failed with a quota error.",
        "Grant failed because the service account lacked the role.",
        "Page the database on-call if replication lag exceeds 60 seconds.",
        "Max connections were exhausted on the primary.",
        "Chase Bank's webhook endpoint returned 503s.",
        "Rich text rendering broke after the editor upgrade.",
        "Drew traffic away from eu-west-1.",
        "Hope is not a strategy.",
    ],
)
def test_name_words_in_their_ordinary_sense_are_clean(text):
    assert flagged(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Jenkins failed to schedule the nightly build.",
        "Cassandra dropped writes when the disk filled up.",
        "Travis failed to deploy the binary.",
        "Gerrit broke after the upgrade.",
        "Prometheus fails to start after upgrade.",
        "Kafka failed to elect a leader.",
        "Oracle failed to accept connections.",
        "Luigi broke the downstream jobs.",
        "Jekyll broke the docs build.",
    ],
)
def test_services_named_like_people_are_clean(text):
    assert flagged(text) == []


def test_a_team_lists_its_own_services_and_people():
    text = "Hal broke the nightly build."
    assert flagged(text)
    config = LintConfig.from_data({"not_people": ["Hal"]})
    assert [f for f in lint_text(text, config=config) if f.severity != "info"] == []
    # ...and a person the config names is a person even with an ordinary-word name.
    assert not flagged("Grant broke the build.")
    assert lint_text("Grant broke the build.", config=LintConfig.from_data({"people": ["Grant Lee"]}))


def test_the_roster_makes_ordinary_words_people():
    assert not flagged("Will failed to drain the node.")
    assert flagged("Will failed to drain the node.", people=["Will Turner"])
    assert flagged("Will forgot to drain the node.")  # a slip only people make


def test_a_role_is_not_a_name_and_a_handle_is():
    assert {f.family for f in flagged("The on-call engineer forgot to drain the node.")} == {"role-blame"}
    assert {f.family for f in flagged("@kim forgot to drain the node.")} == {"name-blame"}
    assert not flagged("@dependabot broke the build.")


def test_people_from_the_record_count():
    record = _record(summary="The deploy failed because Ollie broke the config.")
    assert not [f for f in lint(record) if f.field == "summary"]
    record = record.model_copy(update={"participants": [Participant(name="Ollie Park", role="engineer")]})
    assert [f.excerpt for f in lint(record) if f.field == "summary"] == ["Ollie broke"]


# Offsets and segmentation -----------------------------------------------------------


def test_offsets_point_at_the_excerpt():
    text = "Intro line.\n\nThen, on the second line, Dana forgot to renew the cert."
    [finding] = lint_text(text, field="summary")
    assert text[finding.start : finding.stop] == finding.excerpt == "Dana forgot"
    assert (finding.line, finding.column) == (3, 27)
    assert finding.end == finding.column + len(finding.excerpt)
    assert finding.field == "summary"


def test_markdown_code_urls_and_chat_are_not_prose():
    text = (
        "Deploy notes:\n\n"
        "```\nDana forgot to renew the cert\n```\n"
        "Run `human error` and see https://example.com/sam-broke-it for details.\n"
        "[14:02] <dana> Sam forgot the flag\n"
        "Kim forgot the flag."
    )
    masked = mask(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "Dana forgot" not in masked and "human error" not in masked and "sam-broke" not in masked
    assert [f.excerpt for f in lint_text(text)] == ["Kim forgot"]


def test_sentences_split_on_punctuation_lists_and_blank_lines_but_not_abbreviations():
    text = "First, e.g. this one. Second one!\n- a bullet\n- another\n\nA new paragraph"
    parts = [text[a:b] for a, b in sentences(text)]
    assert parts == ["First, e.g. this one.", "Second one!", "- a bullet", "- another", "A new paragraph"]


@given(st.text(alphabet=st.sampled_from(list("ab `'\"\n.-_[]<>:/@#~*")), max_size=200))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_masking_keeps_length_and_lines(text):
    masked = mask(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert all(m == t or m == FILL for m, t in zip(masked, text))


@given(st.text(max_size=300))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_gives_findings_whose_offsets_hold(text):
    for finding in lint_text(text):
        assert text[finding.start : finding.stop] == finding.excerpt
        assert finding.line == text.count("\n", 0, finding.start) + 1


# Guard against catastrophic backtracking ----------------------------------------------

_PROSE = (
    "At 14:02 the deploy pipeline pushed the new config to every region. Error rates rose to 12% and the "
    "on-call engineer paged the database team. Dana restarted the pod, and latency returned to normal. "
)
_HOSTILE_PIECES = [
    " ",
    "  ",
    "\t",
    "a",
    "A",
    "Dana",
    "Will",
    "The",
    "the",
    "engineer",
    "on-call",
    "team",
    "'",
    "’",
    '"',
    "`",
    "-",
    ",",
    ".",
    "\n",
    "should",
    "have",
    "been",
    "failed",
    "to",
    "forgot",
    "by",
    "mistake",
    "human",
    "error",
    "had",
    "if",
    "only",
    "why",
    "who",
    "?",
    "@",
    "x" * 40,
    "Zz" * 20,
    "http://",
    "<!--",
    "simply",
    "was",
]


def _best_time(text: str, runs: int = 5) -> float:
    """The least CPU time this thread spent linting `text`: other processes on a busy
    machine take wall time, not this thread's CPU time."""
    from blamefree.lint import engine

    best = float("inf")
    engine.SENTENCE_CACHE = False  # time the matching, not the per-sentence cache
    try:
        for _ in range(runs):
            started = time.thread_time()
            lint_text(text)
            best = min(best, time.thread_time() - started)
    finally:
        engine.SENTENCE_CACHE = True
    return best


@given(st.lists(st.sampled_from(_HOSTILE_PIECES), min_size=200, max_size=1200))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_hostile_input_costs_about_as_much_as_prose(pieces):
    """No pattern backtracks catastrophically: hostile text of any shape costs at most a
    small multiple of ordinary prose of the same length (a ratio, not a bare time)."""
    hostile = "".join(pieces)[:6000]
    prose = (_PROSE * (len(hostile) // len(_PROSE) + 1))[: len(hostile)]
    baseline = max(_best_time(prose), 2e-4)
    assert _best_time(hostile, runs=1) < 40 * baseline or _best_time(hostile) < 40 * baseline


@pytest.mark.parametrize(
    "hostile",
    [
        "a" * 20000,
        " " * 20000 + "x",
        "Dana " * 4000,
        "the " * 5000 + "forgot",
        "'" * 5000,
        "`" * 5000,
        "should have " * 2000,
        "Had the, " * 2000,
        "x@" * 5000,
        "A-" * 5000,
        "The cause " + "is " * 4000,
    ],
)
def test_known_hostile_shapes(hostile):
    prose = (_PROSE * (len(hostile) // len(_PROSE) + 1))[: len(hostile)]
    assert _best_time(hostile) < 40 * max(_best_time(prose), 2e-4)


def test_cost_grows_linearly_with_text_and_findings():
    """Four times the text (and the findings) costs about four times as much, not sixteen."""
    unit = "Dana forgot the flag. The disk failed. We should have tested it. Sam broke prod.\n"
    small, large = unit * 250, unit * 1000
    assert len(lint_text(large)) == 4 * len(lint_text(small))
    assert _best_time(large) < 8 * _best_time(small)


@pytest.mark.parametrize("unit", [".", "!?", "a. ", ". ", "...\n", '?!."', "e.g. ", "A. "])
def test_runs_of_sentence_punctuation_cost_linear_time(unit):
    """Twenty times the punctuation costs about twenty times as much (at most 60x: room
    for a loaded machine), not four hundred: a run of dots must not be rescanned from
    each dot."""
    small = unit * (4000 // len(unit))
    large = unit * (80000 // len(unit))
    ratio = _best_time(large) / max(_best_time(small), 1e-4)
    assert ratio <= 60, f"{unit!r}: 20x the text cost {ratio:.0f}x the time"


# Records ---------------------------------------------------------------------------


def _record(**update) -> Record:
    base = Record(id="INC-2026-11-27-7f3k", title="Checkout 5xx")
    return base.model_copy(update=update)


def test_record_texts_lists_every_free_text_field_with_its_key_path():
    record = _record(
        summary="s",
        timeline=[Event(at="2026-11-27T14:00:00Z", what="w0"), Event(at="2026-11-27T14:01:00Z", what="w1", notes="n1")],
        root_cause=RootCause(immediate="i", contributing=["c0", "c1"]),
        action_items=[ActionItem(id="A1", title="t0")],
        lessons=Lessons(cultural=["l0"]),
    )
    paths = [path for path, _ in record_texts(record)]
    assert paths == [
        "title",
        "summary",
        "timeline[0].what",
        "timeline[1].what",
        "timeline[1].notes",
        "root_cause.immediate",
        "root_cause.contributing[0]",
        "root_cause.contributing[1]",
        "action_items[0].title",
        "lessons.cultural[0]",
    ]
    assert dict(record_texts(record))["root_cause.contributing[1]"] == "c1"


def test_lint_of_a_record_reports_fields_and_action_items():
    record = _record(
        root_cause=RootCause(contributing=["The cache was cold.", "Sam forgot to renew the certificate."]),
        action_items=[ActionItem(id="A1", title="Be more careful with certificates")],
    )
    found = lint(record)
    assert [(f.field, f.family) for f in found] == [
        ("root_cause.contributing[1]", "name-blame"),
        ("action_items[0].title", "be-more-careful"),
    ]


def test_a_timeline_line_takes_its_who_as_subject():
    record = _record(
        timeline=[
            Event(at="2026-11-27T14:00:00Z", what="Forgot to drain the node before the reboot", who="Dana Ito"),
            Event(at="2026-11-27T14:01:00Z", what="Restarted the pod", who="Dana Ito"),
            Event(at="2026-11-27T14:02:00Z", what="Failed to start after the upgrade", who="checkout-api"),
        ]
    )
    found = lint(record)
    assert [(f.field, f.excerpt, f.start) for f in found] == [("timeline[0].what", "Forgot", 0)]


def test_accepting_silences_exactly_that_finding():
    record = _record(
        root_cause=RootCause(
            contributing=["The outage could have been caught by canarying.", "We could have caught this in staging."]
        ),
    )
    found = lint(record)
    assert len(found) == 2
    first = next(f for f in found if f.field == "root_cause.contributing[0]")
    accepted = record.model_copy(
        update={
            "lint": LintSettings(
                accepted=[AcceptedFinding(rule="counterfactual", excerpt="could have been caught by canarying", reason="system")]
            )
        }
    )
    assert is_accepted(first, accepted)
    remaining = lint(accepted)
    assert [f.field for f in remaining] == ["root_cause.contributing[1]"]
    assert len(lint(accepted, include_accepted=True)) == 2
    # A field that does not match, or another rule, silences nothing.
    elsewhere = record.model_copy(
        update={
            "lint": LintSettings(accepted=[AcceptedFinding(rule=first.rule, excerpt=first.excerpt, field="summary", reason="r")])
        }
    )
    assert len(lint(elsewhere)) == 2
    other_rule = record.model_copy(
        update={"lint": LintSettings(accepted=[AcceptedFinding(rule="hindsight", excerpt=first.excerpt, reason="r")])}
    )
    assert len(lint(other_rule)) == 2


@pytest.mark.parametrize("reason", [None, "", "  \t"])
def test_an_accepted_finding_needs_a_reason(reason):
    """A reason is what a later reader sees instead of the finding: without one the model
    refuses the entry, and an entry that slipped past validation silences nothing."""
    from pydantic import ValidationError

    given = {} if reason is None else {"reason": reason}
    with pytest.raises(ValidationError, match="reason"):
        AcceptedFinding(rule="name-blame", excerpt="Sam broke", **given)
    record = _record(summary="Sam broke the deploy.")
    (finding,) = lint(record)
    unchecked = AcceptedFinding.model_construct(rule="name-blame", excerpt="Sam broke", reason=reason or "", field="")
    silenced = record.model_copy(update={"lint": LintSettings.model_construct(accepted=[unchecked])})
    assert not is_accepted(finding, silenced)
    assert lint(silenced) == [finding]
    kept = AcceptedFinding(rule="name-blame", excerpt="Sam broke", reason="quoted from the vendor's report")
    assert lint(record.model_copy(update={"lint": LintSettings(accepted=[kept])})) == []


def test_pasted_logs_and_chat_are_skipped_by_default():
    from blamefree.model.record import Appendix

    record = _record(appendix=Appendix(communication_log="dana: Sam forgot the flag", technical="Sam forgot the flag."))
    assert [f.field for f in lint(record)] == ["appendix.technical"]
    everything = LintConfig.from_data({"skip_fields": []})
    assert sorted(f.field for f in lint(record, config=everything)) == ["appendix.communication_log", "appendix.technical"]


def test_the_sentence_cache_gives_the_same_findings():
    from blamefree.lint import engine

    text = "Dana forgot the flag. The disk failed. We should have tested it.\n\nSam broke prod."
    first = lint_text(text, people=["Dana"])
    assert lint_text(text, people=["Dana"]) == first
    engine._SENTENCE_CACHE.clear()
    assert lint_text(text, people=["Dana"]) == first
    # The roster is part of the key: the same sentence, other people, other findings.
    assert not flagged("Grant broke prod.") and flagged("Grant broke prod.", people=["Grant Lee"])


def test_lint_is_the_package_and_the_function():
    import blamefree
    import blamefree.lint.rules  # imports the package first
    from blamefree import lint as lint_name

    assert [f.excerpt for f in lint_name("Sergei broke the build.")] == ["Sergei broke"]
    assert blamefree.lint("Sergei broke the build.")[0].family == "name-blame"


# Team configuration ---------------------------------------------------------------


def test_team_config_is_found_walking_up_and_extends_the_rules(tmp_path):
    team = tmp_path / "repo"
    (team / ".blamefree").mkdir(parents=True)
    (team / ".blamefree" / "rules.toml").write_text(
        'people = ["Grant Lee"]\n'
        'not_people = ["Hal"]\n'
        'disable = ["hindsight"]\n'
        "[words]\n"
        'judgement = ["cowboy move", "yolo"]\n'
        "[severity]\n"
        '"counterfactual" = "info"\n'
        "[[rule]]\n"
        'id = "team.heroics"\n'
        'family = "judgement"\n'
        "patterns = ['\\bheroics\\b']\n"
        'message = "Heroics hide a missing system."\n',
        encoding="utf-8",
    )
    deep = team / "postmortems" / "2026"
    deep.mkdir(parents=True)
    config = find_config(deep / "x.md")
    assert config.source.endswith("rules.toml")
    text = "Hal broke the build. Obviously. That was a yolo deploy and pure heroics. We should have tested it."
    found = {f.rule: f.severity for f in lint(text, config=config)}
    assert "name-blame.failure" not in found and "hindsight.obvious" not in found
    assert found["team.judgement"] == "error" and found["team.heroics"] == "error"
    assert found["counterfactual.should-have"] == "info"
    assert lint_text("Grant broke the build.", config=config)


def test_a_broken_team_config_says_where(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text("[[rule]]\nid = 'x'\nfamily = 'judgement'\npatterns = ['(']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(str(path))):
        LintConfig.load(path)
    path.write_text("colour = 'blue'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="colour: unknown key"):
        LintConfig.load(path)


def test_a_pattern_runs_only_when_its_also_words_are_in_the_sentence():
    import json

    spec = {"id": "team.also", "family": "judgement", "patterns": [{"re": r"\bhero\b", "also": ["mode"]}]}
    config = LintConfig(rules=(json.dumps(spec),))
    assert [f.rule for f in lint_text("Hero mode again: the hero fixed it.", config=config)] == ["team.also", "team.also"]
    assert lint_text("The hero fixed it.", config=config) == []


# Structure: an agent tied to a failure, whatever the words (issue 20) ----------------


@pytest.mark.parametrize(
    "text,family",
    [
        # A plain name and an ordinary verb with a bad object or outcome.
        ("Lena merged a broken migration.", "name-blame"),
        ("Omar shipped a regression that took checkout down.", "name-blame"),
        ("Ines removed the role, which locked out support.", "name-blame"),
        # Indefinite people.
        ("Someone misconfigured the load balancer.", "name-blame"),
        ("Somebody let the certificate lapse.", "name-blame"),
        ("Nobody looked at the dashboards.", "name-blame"),
        # Roles, job titles and teams past the usual few.
        ("The technician pulled the wrong disk from the array.", "role-blame"),
        ("The sysadmin rebooted the hypervisor without migrating the VMs first.", "role-blame"),
        ("Our founder ran the upgrade himself and skipped the backup.", "role-blame"),
        ("A staffer at the hosting company unplugged the wrong rack.", "role-blame"),
        ("Team B deployed the change without coordinating with the platform group.", "team-blame"),
        ("Priya's team missed the announcement about the ingress migration.", "team-blame"),
        # The passive with a by-agent, with or without an aside.
        ("The index was deleted by Omar during the reindex.", "name-blame"),
        ("The hotfix was shipped by Lena, who had shipped dozens before.", "name-blame"),
        # Mistakes as nouns.
        ("Sam made a typo in the hostname.", "name-blame"),
        ("The outage was traced to an error by one administrator.", "name-blame"),
        ("It was a beginner's error.", "blame-word"),
        # Slips without a trigger word.
        ("Haruto pointed the restore at the live bucket instead of the copy.", "name-blame"),
        ("Dmitri did not restart the second replica after the upgrade.", "name-blame"),
        ("Kim ran the migration without checking which cluster it targeted.", "name-blame"),
        ("Lars lost track of which terminal was production.", "name-blame"),
        # Judgements of people or groups.
        ("A senior engineer should know better.", "hindsight"),
        ("Complacency is not acceptable.", "judgement"),
        ("The team cut corners to meet the launch date.", "judgement"),
        # News-style attribution.
        ("The airline blamed the outage on a lone engineer.", "name-blame"),
        ("Executives attributed the failure to an error by a contractor.", "name-blame"),
        ("Union officials said the problems had been pinned on the night shift.", "name-blame"),
    ],
)
def test_an_agent_tied_to_a_failure_is_flagged(text, family):
    assert family in {f.family for f in flagged(text)}, lint_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lena merged the migration after two approvals and a green pipeline.",
        "Someone restarted the job and it completed normally.",
        "Nobody was paged because the alert was informational.",
        "Nobody could log in because the identity provider was down.",
        "The fix was deployed by Farah at 15:20.",
        "The broken build was fixed by Aditi within the hour.",
        "Sofia rolled back the broken release at 10:14.",
        "Sven noticed the wrong timezone in the cron file and fixed it.",
        "Noor deployed the fix without any downtime.",
        "Joon-ho never had access to the production cluster.",
        "Marvin, the deploy bot, ignored the lock on the production environment.",
        "The health check didn't fire because the endpoint returned 200.",
        "The reviewer helped write the regression test.",
        "Guy wires on the antenna mast broke in the storm.",
        "When an engineer deletes the wrong table, the question is why the table was deletable.",
        "Engineers forget steps; checklists should not depend on memory.",
        "Avoid words like careless or negligent: they judge people rather than describe actions.",
        "A culture of blame makes people hide their mistakes.",
        "Deprecation warnings were only printed in the build log, which nobody reads.",
    ],
)
def test_neutral_agents_and_systems_stay_clean(text):
    assert flagged(text) == [], lint_text(text)


@pytest.mark.parametrize(
    "text",
    [
        # Names a 1990 US list does not know (Faker's locales).
        "Tomasz skipped the canary stage to save twenty minutes.",
        "gonna guess kofi forgot to bump the version",
        # A failure result joined to a person's act.
        "Ravi bumped the connection limit and the database ran out of memory within minutes.",
        "Elif scheduled the vacuum for peak hours, so the reporting queries timed out all afternoon.",
        "Keiko renamed the column, which broke the nightly export.",
        # Slips by phrase.
        "Jonas ran the cleanup job against the archive cluster by mistake.",
        "Sven mixed up the two clusters because they had similar names.",
        "The author of the runbook left out the step that drains traffic first.",
        "Zainab assumed the flag was off in production and deployed.",
        "Ivana ran terraform apply from an old branch and reverted three weeks of changes.",
        "Farida approved the deploy while she was distracted by another incident.",
        "Chidi restored last week's snapshot over today's data.",
        "Bjorn pointed the DNS record at the decommissioned load balancer.",
        "Sofia disabled the alert because it was noisy and never turned it back on.",
        "Priya's team disabled the rate limiter for the load test and left it off.",
        "The database team pushed a schema change that dropped a column still in use.",
        "A developer hard-coded the API key in the mobile app.",
        "One of the founders force-pushed over the release branch.",
        "According to the report, a worker at the data centre accidentally cut a fibre cable.",
        # A question that names the act.
        "who the hell dropped the prod index",
        "Nobody on the rotation knew how to fail over the queue.",
        # Judgement, hindsight, labels and remedies in more words.
        "Someone decided it was okay to run the load test on prod.",
        "The report found the operator failed to follow the shutdown procedure.",
        "Everyone knew the cron job was fragile, yet nobody touched it.",
        "Your ops people don't know what they're doing.",
        "The disruption resulted from an employee error during maintenance.",
        "Isabel's misconfiguration of the proxy exposed the admin panel.",
        "Ensure staff are more careful when editing DNS.",
        "The on-call must read every alert carefully.",
        "Dario deleted what he believed were unused DNS records.",
        "Rahel deployed to production without waiting for the canary.",
        # Chat.
        "lol Bea yolo'd the schema change",
        "bet Arjun changed the DNS again",
        "Yet again, Colm merged a change on a Friday night.",
        "omg ahmed just dropped the users table",
        "@jonas.b you broke staging",
        "Recovery was slow because Ines had deleted the last snapshot.",
        # A quote the blame rests on is reported blame, not a mention.
        'Officials blamed the outage on "human error".',
        'The firm attributed the delays to "an individual error in a routine task".',
        "Of course they blame the new guy.",
        "Some orgs hire people who shouldn't be engineers.",
        # More constructions.
        "yo @nate your migration locked the whole db",
        "Somebody's cron job filled the disk.",
        "lmao who merged this without running the tests",
        "The issue was caused by an incorrect change made by a member of our team.",
        "Dana had been told about the expiry twice and did nothing.",
        "The on-call dismissed the page as a false alarm.",
        "The database was accidentally deleted by a junior engineer.",
        "After Sam's change, the queue stopped draining.",
        "Lena was supposed to rotate the keys last week.",
        "It was Jamal's job to check the backups.",
        "Rafael fell for the phishing email.",
        "who keeps deploying without a review??",
        "Noor widened the token scope for the sync job to full admin.",
        "Tom disabled the lint step to get the build passing and merged.",
    ],
)
def test_generalised_structures_are_flagged(text):
    assert flagged(text), lint_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "Shreya says she didn't touch the mail config today.",
        "An engineer on the payments team spotted the misrouted traffic and raised it.",
        "The intern deleted the stale feature branches after the review.",
        "Mikkel's cleanup script deleted expired sessions only.",
        "Celery workers failed to acknowledge tasks after the broker restart.",
        "Omar shipped the fix at 11:02 and error rates returned to normal.",
        "Dana restarted the primary, and the replicas failed over as designed.",
        "Amara reverted the wrong commit within a minute of spotting it.",
        "Ayodele deployed at 10:00 as usual",
        "Dana restarted the pod again at 10:05.",
        "Sam deleted the old snapshots after the retention review.",
        "Everyone knew their role thanks to the incident checklist.",
        "We could have lost far more data if the snapshot had not existed.",
        "Jun decided it was safe to proceed because the canary was green.",
        'Don\'t settle for "human error" as a root cause.',
        "We blame the process, not the person.",
        "Dana had been told the plan and did nothing wrong.",
        "The old cron job no longer works with the new scheduler.",
        "The alert was supposed to fire at 80% of the quota.",
        "Security forwarded the phishing email to every team as a warning.",
        "yo @nate your migration finished, table looks good",
        "Dana widened the scope of the review to the full admin panel code.",
        "Sam fixed the flaky test to get the build green again.",
    ],
)
def test_generalised_structures_keep_neutral_sentences_clean(text):
    assert flagged(text) == [], lint_text(text)


def test_structure_findings_point_at_the_agent_and_the_failure():
    found = flagged("At 14:07 the night on-call ignored the page.")
    assert [(f.family, f.excerpt) for f in found] == [("role-blame", "the night on-call ignored")]
    found = flagged("Then Lena merged a broken migration.")
    assert [f.excerpt for f in found] == ["Lena merged a broken"]


def test_the_lexicon_has_every_inflection_and_the_names():
    from blamefree.lint.lexicon import lexicon

    lex = lexicon()
    assert {"forget", "forgets", "forgot", "forgotten", "forgetting"} <= lex.slip
    assert {"misconfigure", "misconfigured", "misconfigures", "misconfiguring"} <= lex.slip
    assert {"technician", "technicians", "sysadmin", "founder", "new hire", "new hires"} <= lex.roles
    assert {"dana", "maria", "kevin"} <= lex.given
    assert "will" not in lex.given and "will" in lex.ordinary_names  # an English word first
    assert {"ran", "took", "overwrote"} <= lex.irregular_past


def test_rules_compile_only_when_a_sentence_triggers_them():
    """Issue 16: a one-off lint compiles the rules its words trigger, not all of them
    (compiling every pattern cost 0.1-0.3 s of `blamefree lint`); warm_up compiles all."""
    import subprocess
    import sys

    code = (
        "from blamefree.lint import lint_text, warm_up\n"
        "from blamefree.lint.config import LintConfig\n"
        "from blamefree.lint.rules import compile_rules\n"
        "found = lint_text('The disk failed at 14:02. Dana forgot the flag.')\n"
        "rules = compile_rules(LintConfig()).rules\n"
        "print(len(found), sum(1 for r in rules if r.compiled), len(rules))\n"
        "warm_up()\n"
        "print(sum(1 for r in rules if len(r.compiled) == 4))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.split("\n")[:2]
    findings, compiled, total = map(int, first.split())
    assert findings == 1
    assert compiled <= total // 3, (compiled, total)
    assert int(second) == total


def test_an_acceptance_whose_words_were_rewritten_is_stale():
    """Issue 15: an acceptance kept for a sentence since rewritten stayed unnoticed."""
    from blamefree.lint import stale_acceptances

    kept = AcceptedFinding(rule="counterfactual", excerpt="could have been caught by canarying", reason="system")
    gone = AcceptedFinding(rule="counterfactual", excerpt="could have caught this in staging", reason="old text")
    record = _record(
        root_cause=RootCause(contributing=["The outage could have been caught by canarying.", "Staging did not run the check."]),
    ).model_copy(update={"lint": LintSettings(accepted=[kept, gone])})
    assert stale_acceptances(record) == [1]
    assert stale_acceptances(record.model_copy(update={"lint": LintSettings(accepted=[kept])})) == []
