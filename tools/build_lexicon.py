"""Build `src/blamefree/data/lexicon.json`, the linter's word lists, from maintained sources.

Run by hand when a list changes (the linter itself only reads the JSON, so neither
package is a dependency of blamefree):

    python -m venv /tmp/lex && /tmp/lex/bin/pip install lemminflect==0.2.3 names==0.3.0 faker==40.54.0
    /tmp/lex/bin/python tools/build_lexicon.py

- Verb inflections: lemminflect (MIT; its tables come from the SPECIALIST Lexicon of the
  US National Library of Medicine), every form of each lemma listed below; lemmas it
  does not know (misconfigure, fat-finger) are inflected by its out-of-vocabulary rules.
- Given names: the `names` package (MIT), which ships the US Census Bureau's 1990
  frequency lists of first names (public domain), and the first names of every locale of
  Faker (MIT; about 60 locales with Latin-script names: Polish, Turkish, German, Nordic,
  Spanish, Portuguese, Irish, Indian, Kenyan, Nigerian, Ghanaian, Vietnamese, romanised
  Chinese and Japanese...), for the teams whose names a 1990 US list does not know
  (Tomasz, Björn, Zainab, Kofi). Names in other scripts are left out (the capital-word
  check in `people.name_like` handles them). A name that lemminflect also knows as an
  English word (Will, Mark, Grant, Rose, Amber) goes to `ordinary_names`: it is a person
  only with more evidence (the roster, or a slip only people make).
- Role nouns and their plurals: the list below, plurals by lemminflect.
"""

from __future__ import annotations

import json
from pathlib import Path

import names as names_package
from lemminflect import getAllInflections, getAllLemmas, getInflection

OUT = Path(__file__).resolve().parent.parent / "src" / "blamefree" / "data" / "lexicon.json"

# Failure predicates only people have: attention and judgement slips.
SLIP = """forget ignore overlook neglect disregard misread misjudge misunderstand misinterpret mistype misspell
misconfigure mislabel misname misroute mishandle misapply botch bungle fumble fat-finger rubber-stamp bypass circumvent
overrule override sidestep disobey flout rush yolo misclick misplace mismanage misremember misdiagnose miscalculate
miscount misconstrue mishear misidentify""".split()
# Failure verbs that a system can also be the subject of ("the deploy broke checkout").
BREAK = """break corrupt wipe nuke bork trash clobber wreck ruin sabotage reintroduce hose brick mangle""".split()
# Destructive actions: a slip when the object is something live ("deleted the prod bucket").
DESTROY = """delete drop truncate purge erase overwrite destroy kill terminate unplug remove reboot restart
shut disable revoke revert flush format""".split()
# Attention verbs: "nobody looked at the dashboards", "no one checked the logs".
ATTEND = """look check read notice watch review test ask tell answer respond follow catch verify escalate update monitor
bother listen reply warn inform notify confirm question spot care mention report acknowledge investigate heed
communicate announce document validate coordinate double-check""".split()
# Verbs of a slip that are fine on their own but a failure with no/nothing after them.
MISS = """miss skip""".split()

ROLES = """engineer developer dev programmer coder operator admin administrator sysadmin technician tech staffer
employee contractor subcontractor consultant freelancer founder cofounder co-founder ceo cto cio ciso vp director
manager supervisor coordinator lead architect analyst scientist designer tester author reviewer approver committer
maintainer contributor intern trainee apprentice newcomer hire joiner starter junior rookie newbie dba sre on-call oncall
on-caller responder commander dispatcher trader clerk officer staff personnel teammate colleague coworker
co-worker person individual guy mover installer electrician owner executive specialist integrator moderator helper
practitioner professional expert member people captain worker workman crewman volunteer pilot driver guard
janitor cleaner auditor accountant cashier receptionist nurse doctor folks peeps
signaller signaler signalman signalwoman mechanic pharmacist surgeon physician paramedic medic firefighter conductor
motorman foreman welder plumber lineman linesman machinist inspector surveyor webmaster sysop netadmin secretary
representative salesperson banker teller underwriter lawyer attorney official caretaker custodian attendant trucker
labourer laborer insider researcher student co-pilot""".split()
# Left out, as they name software as often as people: broker, planner, scheduler, handler, loader, agent, master,
# copilot, courier, vendor, user, customer.
ROLE_PHRASES = """new hire|new guy|new girl|new joiner|new starter|team member|staff member|release manager|release engineer|
site reliability engineer|duty manager|shift supervisor|shift lead|office manager|project manager|product manager|
incident commander|on-call engineer|support agent|support engineer|field engineer|network engineer|database administrator|
system administrator|systems administrator|data analyst|data engineer|security engineer|facilities coordinator|
maintenance worker|shift worker|office worker|air traffic controller|flight controller|member of staff|civil servant|
public servant|government employee|bank employee|it worker|it staff|service desk|baggage handler|crew member|
night watchman|duty officer|first officer|ground crew|cabin crew""".replace("\n", "").split("|")
TEAM_WORDS = """team squad department crew rotation shift""".split()
TEAM_NAMES = """qa ops operations infra infrastructure it support security devops sre noc helpdesk help-desk facilities
legal finance management leadership networking platform engineering product marketing sales hr""".split()


def forms(lemma: str) -> list[str]:
    found = {lemma}
    for tag in ("VBD", "VBN", "VBG", "VBZ"):
        for form in getAllInflections(lemma, upos="VERB").get(tag, ()) or getInflection(lemma, tag, inflect_oov=True):
            if "-" in form and "-" not in lemma:
                continue  # "over-rode" beside "overrode": the spelling we want is there already
            found.add(form.lower())
    return sorted(found)


def plural(noun: str) -> list[str]:
    head = noun.split()[-1]
    out = {noun}
    for form in getInflection(head, "NNS", inflect_oov=True) or ():
        if form.lower() != head:
            out.add(" ".join(noun.split()[:-1] + [form.lower()]))
    return sorted(out)


def irregular_past() -> list[str]:
    """Every past tense and past participle lemminflect knows that does not end in -ed
    (ran, took, sent, overwrote): with the -ed rule, what can follow a subject as its verb."""
    from lemminflect import Inflections

    out: set[str] = set()
    for tags in Inflections()._getInflDict().values():
        for tag in ("VBD", "VBN"):
            for form in tags.get(tag, ()):
                form = form.lower()
                if form.isalpha() and not form.endswith("ed") and len(form) > 2:
                    out.add(form)
    return sorted(out)


_FAKER_ATTRS = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
    "first_romanized_names",
    "first_names_male_romanized",
    "first_names_female_romanized",
)


def _latin(name: str) -> bool:
    import unicodedata

    return all("LATIN" in unicodedata.name(c, "") or c in "-'" for c in name)


def faker_given_names() -> set[str]:
    """First names of every Faker locale, Latin script only, one word of 2+ letters."""
    import importlib
    import pkgutil

    from faker.providers import person

    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in _FAKER_ATTRS:
            # The locale's own lists only (a class attribute, not a property or a method).
            value = next((cls.__dict__[attr] for cls in provider.__mro__ if attr in cls.__dict__), None)
            if value is None or isinstance(value, property) or callable(value):
                continue
            for name in value.keys() if isinstance(value, dict) else value:
                if isinstance(name, str) and len(name) > 1 and " " not in name and name[:1].isupper() and _latin(name):
                    found.add(name.lower())
    return found


def given_names() -> tuple[list[str], list[str]]:
    folder = Path(names_package.__file__).resolve().parent
    found: set[str] = set()
    for file in ("dist.male.first", "dist.female.first"):
        for line in (folder / file).read_text(encoding="ascii").splitlines():
            if line.strip():
                found.add(line.split()[0].lower())
    found |= faker_given_names()
    # Words of this trade that are also someone's name somewhere (a role is found as a role).
    found -= {r for r in ROLES} | set(TEAM_NAMES) | set(TEAM_WORDS)
    plain = sorted(n for n in found if not getAllLemmas(n))
    ordinary = sorted(n for n in found if getAllLemmas(n))
    return plain, ordinary


def main() -> None:
    plain, ordinary = given_names()
    data = {
        "_about": "Generated by tools/build_lexicon.py; do not edit by hand. Verb forms: lemminflect 0.2.3 (MIT; SPECIALIST "
        "Lexicon). Given names: US Census 1990 first-name lists (public domain) as shipped by the names 0.3.0 package (MIT), "
        "and the Latin-script first names of every Faker 40.54.0 locale (MIT).",
        "verbs": {
            group: {lemma: forms(lemma) for lemma in lemmas}
            for group, lemmas in (("slip", SLIP), ("break", BREAK), ("destroy", DESTROY), ("attend", ATTEND), ("miss", MISS))
        },
        "roles": sorted({form for noun in ROLES + ROLE_PHRASES for form in plural(noun)}),
        "team_words": sorted({form for noun in TEAM_WORDS for form in plural(noun)}),
        "team_names": sorted(TEAM_NAMES),
        "irregular_past": irregular_past(),
        "given_names": plain,
        "ordinary_names": ordinary,
    }
    OUT.write_text(json.dumps(data, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    verbs = sum(len(v) for group in data["verbs"].values() for v in group.values())
    print(
        f"{OUT}: {verbs} verb forms, {len(data['roles'])} role nouns, {len(plain)} given names, {len(ordinary)} ordinary-word names, {len(data['irregular_past'])} irregular past forms"
    )


if __name__ == "__main__":
    main()
