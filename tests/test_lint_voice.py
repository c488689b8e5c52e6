"""Who tells the story, and constructions of issue 20's fourth round.

The decision on first-person accounts (issue 20): a blameless postmortem asks the people
involved to say what they did, saw and thought, in their own words. "I ran the migration
against prod without checking which cluster my context pointed to" is the account the
review wants, so a first-person account of one's own act, even of a slip, stays clean:
flagging it would teach writers to hide behind the agentless passive. What is still
flagged in the first person is the language LINTER.md names whoever the subject is:
counterfactuals ("we should have checked"), self-blame verbs ("I forgot", "we ignored",
"we neglected"), judgement words and punishment.
"""

from __future__ import annotations

import pytest

from blamefree.lint import lint_text


def flagged(text: str) -> list[str]:
    return [f.rule for f in lint_text(text) if f.severity in ("error", "warning")]


@pytest.mark.parametrize(
    "text",
    [
        "I ran the migration against prod without checking which cluster my context pointed to.",
        "We didn't restart the second replica after the upgrade, so it kept the old certificate.",
        "I approved the change because the diff looked like it only touched staging.",
        "I skipped the staging deploy because the change looked trivial.",
        "I accidentally ran the migration against the wrong database.",
        "I mistyped the instance ID and terminated the wrong machine.",
        "that was me, sorry. I removed the health check path by accident",
        "We deployed the config change at 10:10, believing it affected only the staging pool.",
    ],
)
def test_a_first_person_account_of_ones_own_act_stays_clean(text):
    assert flagged(text) == [], lint_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "We should have checked the context before running the migration.",
        "I forgot to remove the test flag before the release.",
        "We ignored the disk alerts because they had been noisy for months.",
        "We neglected the certificate renewal for two cycles.",
        "I failed to notice the warning in the logs.",
    ],
)
def test_first_person_counterfactuals_and_self_blame_are_still_flagged(text):
    assert flagged(text), lint_text(text)


@pytest.mark.parametrize(
    "text",
    [
        # A by-agent whose relative clause is a slip.
        "The query was reviewed by Elif, who missed the join condition.",
        "The limit was lowered by Jonas, who did not tell anyone.",
        "The change was approved by two reviewers, neither of whom noticed the problem.",
        # Chat accusations.
        "ok who approved this PR",
        "@sam why did you merge that",
        # Indefinite people.
        "Nobody moved the cron job to the new cluster.",
        "We missed the first alert because nobody was watching the channel.",
        "Somebody turned off the crash-rate gate.",
        "Somebody placed both replicas in the same rack.",
        # Ordinary verbs with a bad object or outcome.
        "The sysadmin deleted the backups.",
        "A contractor cut through the power cable.",
        "Dana drained three nodes at once.",
        "Dana dropped the column while the old version was still reading it.",
        "Beatriz saw the disk alert at 01:10 and snoozed it until morning.",
        "Two developers pushed conflicting changes to the same config within a minute.",
        "Dana rebooted the core switch during business hours.",
        "Lena deployed on a Friday evening.",
        "Omar pushed the change without a second review.",
        "Kai copied the command from the wiki without changing the cluster name.",
        "Dana's script emptied the orders table.",
        "Dana changed the retry policy and the queue backed up for an hour.",
        # Judgements of people and groups, sanctions.
        "The ops team is useless.",
        "The contractors on the night shift are a liability.",
        "Honestly, if your senior engineers can't read a drain warning they shouldn't have prod access.",
        "classic ops team move",
        "rookie stuff",
        "Kwame has been removed from the release rota.",
        "Restrict Dana's access until she completes retraining.",
    ],
)
def test_round_four_constructions_are_flagged(text):
    assert flagged(text), lint_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "The fix was deployed by Dana, who had joined the bridge at 14:00.",
        "The incident was reported by a customer who could not log in.",
        "Nobody was hurt.",
        "Nobody was paged because the alert was misrouted.",
        "Dana deleted the old snapshots to free space.",
        "The engineer on call looked into the alert and silenced it with a ticket link.",
        "The on-call muted the alert during the maintenance window.",
        "The old dashboard is useless.",
        "The rollout was a disaster.",
        "Latency was unacceptable for an hour.",
        "That engineer is not a liability.",
        "Who approved the budget for the new cluster is in the appendix.",
        "The ticket was removed from the release rota.",
        "We cut the release branch at noon.",
        "Dana migrated the data without any downtime.",
        "Dana restarted the service without a hitch.",
        "Kai upgraded the cluster without changing any application code.",
        "Mikkel's cleanup script deleted expired sessions only.",
        "Dana rolled back and the errors went down.",
        "Dana deployed the fix during the freeze with approval from the duty manager.",
        "Sam deployed the fix at 18:00 and went home once the error rate was flat.",
    ],
)
def test_round_four_neutral_sentences_stay_clean(text):
    assert flagged(text) == [], lint_text(text)
