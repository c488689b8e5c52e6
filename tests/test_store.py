"""The store: deterministic TOML, unknown keys kept, atomic saves, conflicts, errors."""

from __future__ import annotations

import errno
import os
import shutil
import string
import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blamefree import dumps, load, loads, save
from blamefree.limits import EARLIEST, LATEST
from blamefree.model import (
    ActionItem,
    Event,
    EventKind,
    Participant,
    Record,
    SignoffEntry,
    WentWrong,
    Why,
)
from blamefree.store import ConflictError, Origin, RecordError, SaveError, digest, load_with_origin, new_record

UTC = timezone.utc
SAMPLE_FOR_CONTRACT = Path(__file__).parent.parent / "samples" / "2026-11-20-search-latency-draft.toml"

# Strategies ---------------------------------------------------------------------------

# Any unicode text a user could type or paste, quotes, backslashes, newlines, CR and
# control characters included (TOML strings cannot hold lone surrogates; neither can UTF-8).
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
prose = st.one_of(
    texts, st.lists(texts, max_size=4).map("\n".join), st.sampled_from(['"', "\\", '"""', "a\r\nb", "\n", "'''", "x\\\n"])
)
instants = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC))
bare_keys = st.text(string.ascii_letters + "_", min_size=1, max_size=8)
unknown_values = st.recursive(
    st.one_of(texts, st.integers(-(2**40), 2**40), st.booleans(), st.dates(), instants),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(bare_keys, inner, max_size=3)),
    max_leaves=6,
)
_known = set(Record.model_fields) | {"schema"}


@st.composite
def events(draw):
    return Event(
        at=draw(instants),
        kind=draw(st.sampled_from(list(EventKind))),
        what=draw(prose),
        who=draw(texts),
        notes=draw(prose),
        key=draw(st.booleans()),
        source=draw(texts),
    )


@st.composite
def records(draw):
    started = draw(st.one_of(st.none(), instants))
    ended = started + draw(st.timedeltas(timedelta(0), timedelta(days=3))) if started and draw(st.booleans()) else None
    went_wrong = [WentWrong(id=f"W{i + 1}", text=draw(prose)) for i in range(draw(st.integers(0, 3)))]
    targets = [w.id for w in went_wrong] + ["root"]
    actions = [
        ActionItem(
            id=f"A{i + 1}",
            title=draw(texts),
            owner=draw(texts),
            due=draw(st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2099, 1, 1)))),
            addresses=draw(st.lists(st.sampled_from(targets), max_size=3)),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    record = new_record(draw(texts), started=started, today=date(2026, 11, 27))
    record = record.model_copy(
        update={
            "ended": ended,
            "summary": draw(prose),
            "timeline": sorted(draw(st.lists(events(), max_size=6)), key=lambda e: e.at),
            "five_whys": [Why(why=draw(texts), because=draw(prose)) for _ in range(draw(st.integers(0, 5)))],
            "went_wrong": went_wrong,
            "action_items": actions,
            "participants": [Participant(name=draw(texts), role=draw(texts)) for _ in range(draw(st.integers(0, 3)))],
            "related": draw(st.lists(st.just("INC-2026-10-02-9xq1"), max_size=1)),
        }
    )
    record.root_cause.contributing = draw(st.lists(prose, max_size=4))
    record.impact.services = draw(st.lists(texts, max_size=5))
    if draw(st.booleans()):
        record.signoff.prepared_by = SignoffEntry(name=draw(texts), date=draw(st.dates(EARLIEST, LATEST)))
    return record


def with_unknown_keys(text: str, extras: dict, nested: dict) -> str:
    """Add unknown keys at the top level and inside [impact] via a data round trip."""
    data = tomllib.loads(text)
    data.update({k: v for k, v in extras.items() if k not in _known})
    data["impact"].update({k: v for k, v in nested.items() if k not in data["impact"]})
    from blamefree.tomlwrite import dumps_toml

    return dumps_toml(data)


# Round trips --------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_dumps_loads_dumps_is_byte_identical(record):
    text = dumps(record)
    again = loads(text)
    assert dumps(again) == text
    assert again.model_dump() == record.model_dump()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records(), st.dictionaries(bare_keys, unknown_values, max_size=3), st.dictionaries(bare_keys, unknown_values, max_size=3))
def test_unknown_keys_survive_at_any_depth(record, extras, nested):
    text = with_unknown_keys(dumps(record), extras, nested)
    loaded = loads(text)
    assert dumps(loaded) == text
    reloaded = tomllib.loads(dumps(loaded))
    for key, value in extras.items():
        if key not in _known:
            assert reloaded[key] == value
    for key, value in nested.items():
        if key not in Record.model_fields["impact"].annotation.model_fields:
            assert reloaded["impact"][key] == value


def test_unknown_keys_inside_list_items_are_kept():
    record = new_record("t", started=datetime(2026, 11, 27, 14, 0, tzinfo=UTC))
    text = (
        dumps(record)
        + '\n[[timeline]]\nat = 2026-11-27T14:05:00Z\nkind = "alert"\nwhat = "x"\nwho = ""\nseverity_hint = { pager = "p1", count = 3 }\n'
    )
    loaded = loads(text)
    assert loaded.timeline[0].model_extra == {"severity_hint": {"pager": "p1", "count": 3}}
    assert 'severity_hint = { pager = "p1", count = 3 }' in dumps(loaded)


def test_prose_is_written_as_multiline_strings_and_times_as_utc_z():
    record = new_record("t", started=datetime(2026, 11, 27, 15, 2, tzinfo=timezone(timedelta(hours=1))))
    record.summary = "first line\nsecond line"
    text = dumps(record)
    assert 'summary = """\nfirst line\nsecond line"""' in text
    assert "started = 2026-11-27T14:02:00Z" in text


def test_carriage_returns_and_control_characters_survive():
    record = new_record("bell\x07 esc\x1b[2J")
    record.summary = 'windows\r\nline\n\ttab "quote" back\\slash'
    loaded = loads(dumps(record))
    assert loaded.title == "bell\x07 esc\x1b[2J"
    assert loaded.summary == record.summary


def test_samples_round_trip_byte_identical(sample_paths):
    assert sample_paths, "samples/ has no records"
    for path in sample_paths:
        assert dumps(load(path)) == path.read_text(encoding="utf-8"), path


def test_timeline_is_kept_sorted():
    t0 = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    record = Record(id="INC-2026-11-27-abcd", timeline=[Event(at=t0 + timedelta(minutes=5)), Event(at=t0)])
    assert [e.at for e in record.timeline] == [t0, t0 + timedelta(minutes=5)]


# Saving -------------------------------------------------------------------------------


def _saved(tmp_path: Path) -> tuple[Record, Path, Origin]:
    path = tmp_path / "r.toml"
    record = new_record("Checkout", started=datetime(2026, 11, 27, 14, 0, tzinfo=UTC))
    save(record, path)
    return *load_with_origin(path), path


def test_save_then_load_gives_the_same_record(tmp_path):
    record, _origin, path = _saved(tmp_path)
    assert load(path).model_dump() == record.model_dump()


def test_unchanged_save_does_not_touch_the_file(tmp_path):
    record, origin, path = _saved(tmp_path)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    save(record, origin=origin)
    assert path.stat().st_mtime_ns == 1_000_000_000


def test_a_file_changed_on_disk_is_not_overwritten(tmp_path):
    record, origin, path = _saved(tmp_path)
    path.write_text(path.read_text() + "\n# a colleague's edit\n")
    before = path.read_bytes()
    record.title = "mine"
    with pytest.raises(ConflictError) as caught:
        save(record, origin=origin)
    assert "changed on disk" in str(caught.value)
    assert path.read_bytes() == before


def test_a_new_record_does_not_overwrite_an_existing_file(tmp_path):
    _, _, path = _saved(tmp_path)
    other = new_record("other")
    with pytest.raises(ConflictError, match="already exists"):
        save(other, path)
    save(other, path, force=True)
    assert load(path).title == "other"


def test_a_record_not_loaded_from_the_file_does_not_overwrite_it(tmp_path):
    """Only a record `load` or `save` gave knows what the file held: an equal record
    made from the text does not, so it never overwrites the file without an origin."""
    _record, _origin, path = _saved(tmp_path)
    stranger = loads(path.read_text(encoding="utf-8"))
    with pytest.raises(ConflictError, match="already exists"):
        save(stranger, path)
    with pytest.raises(ValueError, match="needs a path"):
        save(stranger)


def test_after_a_save_the_next_save_is_allowed(tmp_path):
    record, origin, path = _saved(tmp_path)
    record.title = "one"
    origin = save(record, origin=origin)
    assert origin.path == path.resolve()
    record.title = "two"
    save(record, origin=origin)
    assert load(path).title == "two"


def test_a_full_disk_leaves_the_original_untouched(tmp_path, monkeypatch):
    record, origin, path = _saved(tmp_path)
    before = path.read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    record.title = "changed"
    with pytest.raises(SaveError, match="disk is full"):
        save(record, origin=origin)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name != ".r.toml.lock"] == ["r.toml"], "temp file left behind"


def test_a_failed_rename_leaves_the_original_untouched(tmp_path, monkeypatch):
    record, origin, path = _saved(tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError(errno.EACCES, "Permission denied")))
    record.title = "changed"
    with pytest.raises(SaveError, match="Permission denied"):
        save(record, origin=origin)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp")) and path.exists()


def test_save_refuses_a_record_that_breaks_a_cross_check(tmp_path):
    record, origin, _path = _saved(tmp_path)
    record.action_items = [ActionItem(id="A1", addresses=["W7"])]
    with pytest.raises(RecordError, match="W7"):
        save(record, origin=origin)


def test_digest_ignores_signoff_and_stage_but_not_content():
    record = new_record("x")
    first = digest(record)
    record.signoff.approved_digest = first
    record.stage = "published"
    assert digest(record) == first
    record.summary = "changed"
    assert digest(record) != first


def test_digest_is_computed_once_per_record_and_follows_changes_made_in_place(monkeypatch):
    from blamefree.store import digests

    record = new_record("x")
    record.timeline = [Event(at=datetime(2026, 1, 1, tzinfo=timezone.utc), what="a")]
    record.impact.services = ["api"]
    first = digest(record)
    serialised = []
    real = digests.record_data
    monkeypatch.setattr(digests, "record_data", lambda r: serialised.append(r) or real(r))
    assert digest(record) == first
    assert serialised == []  # the same record, unchanged: remembered
    changes = [
        lambda: setattr(record.timeline[0], "what", "b"),  # a part assigned to
        lambda: record.timeline.append(Event(at=datetime(2026, 1, 2, tzinfo=timezone.utc))),  # a list grown in place
        lambda: record.impact.services.__setitem__(0, "web"),  # a string swapped in a nested list
        lambda: record.timeline.__setitem__(0, Event(at=datetime(2026, 1, 3, tzinfo=timezone.utc))),  # an event swapped
    ]
    for change in changes:
        before = digest(record)
        change()
        after = digest(record)
        assert after != before
        assert after == real_digest(record)


def real_digest(record):
    """The digest of an equal copy, which no memo knows."""
    return digest(record.model_copy(deep=True))


# Errors -------------------------------------------------------------------------------


def _error(path) -> str:
    with pytest.raises(RecordError) as caught:
        load(path)
    return str(caught.value)


def test_missing_file(tmp_path):
    assert _error(tmp_path / "nope.toml") == f"{tmp_path / 'nope.toml'}:1:1: file: no such file"


def test_directory(tmp_path):
    assert "is a directory" in _error(tmp_path)


def test_empty_file(tmp_path):
    (tmp_path / "e.toml").write_text("  \n")
    assert "the file is empty" in _error(tmp_path / "e.toml")


def test_binary_file(tmp_path):
    (tmp_path / "b.toml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "binary file" in _error(tmp_path / "b.toml")


def test_invalid_utf8_points_at_the_byte(tmp_path):
    (tmp_path / "u.toml").write_bytes(b'id = "INC-2026-11-27-abcd"\ntitle = "caf\xe9"\n')
    assert _error(tmp_path / "u.toml") == f"{tmp_path / 'u.toml'}:2:13: file: not valid UTF-8 (byte 0xe9); records are UTF-8 text"


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("wb") as stream:
        stream.truncate(50 * 1000 * 1000)
    assert "50.0 MB" in _error(path)


def test_syntax_error_has_line_and_column(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('schema = 1\nid = "INC-2026-11-27-abcd"\ntitle = "unterminated\n')
    message = _error(path)
    assert message.startswith(f"{path}:3:")
    assert ": toml: not valid TOML" in message


def test_several_validation_errors_at_once_each_at_its_line(tmp_path):
    path = tmp_path / "v.toml"
    path.write_text(
        'id = "INC-2026-11-27-abcd"\n'
        'severity = "hgih"\n'
        'timezone = "Mars/Olympus"\n'
        "\n"
        "[[timeline]]\n"
        "at = 2026-11-27T14:00:00Z\n"
        "\n"
        "[[timeline]]\n"
        "at = 2026-11-27T14:05:00\n"
        'kind = "oops"\n'
    )
    lines = _error(path).splitlines()
    assert lines[0].startswith(f"{path}:2:1: severity: Input should be 'critical', 'high', 'medium' or 'low'")
    assert lines[1].startswith(f"{path}:3:1: timezone: unknown time zone 'Mars/Olympus'")
    assert lines[2] == f"{path}:9:1: timeline[1].at: needs a UTC offset, e.g. 2026-11-27T14:02:00Z"
    assert lines[3].startswith(f"{path}:10:1: timeline[1].kind: Input should be")


def test_cross_check_errors_point_at_the_key(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        'id = "INC-2026-11-27-abcd"\n'
        "started = 2026-11-27T14:00:00Z\n"
        "ended = 2026-11-27T13:00:00Z\n"
        '\n[[action_items]]\nid = "A1"\naddresses = [\n    "root",\n    "W9",\n]\n'
        '\n[[action_items]]\nid = "A1"\n'
    )
    lines = _error(path).splitlines()
    assert lines[0].startswith(f"{path}:3:1: ended: ends (2026-11-27 13:00Z) before it started")
    assert lines[1].startswith(f"{path}:9:5: action_items[0].addresses[1]: A1 addresses 'W9'")
    assert lines[2].startswith(f"{path}:13:1: action_items[1].id: duplicate id 'A1'")


def test_bad_ids_and_impossible_dates(tmp_path):
    path = tmp_path / "i.toml"
    path.write_text('id = "INC-2026-02-30-abcd"\n')
    assert "impossible date" in _error(path)
    path.write_text('id = "incident 7"\n')
    assert "INC-YYYY-MM-DD-xxxx" in _error(path)
    path.write_text('title = "no id"\n')
    assert _error(path) == f"{path}:1:1: id: required, but missing"


# Key quoting (ours, as tomli-w quoted keys: files written before keep their bytes) ------


@pytest.mark.parametrize(
    ("key", "written"),
    [
        ("plain_key-1", "plain_key-1"),
        ("", '""'),
        ("a b", '"a b"'),
        ("tab\there", '"tab\there"'),
        ('q"\\', '"q\\"\\\\"'),
        ("ctl\x1b", '"ctl\\u001b"'),
        ("é", '"é"'),
    ],
)
def test_keys_are_bare_when_they_can_be_else_quoted_as_before(key, written):
    from blamefree.tomlwrite import format_key

    assert format_key(key) == written


@given(st.text())
def test_any_key_reads_back_as_itself(key):
    import tomllib

    from blamefree.tomlwrite import dumps_toml

    assert tomllib.loads(dumps_toml({key: 1, "t": {key: [key]}})) == {key: 1, "t": {key: [key]}}


def test_the_library_contract_load_then_save_to_the_same_path(tmp_path):
    """DESIGN.md's library example: `record = load(path)`, edit, `save(record, path)`
    writes, and refuses once the file changed on disk since that load."""
    path = tmp_path / "rec.toml"
    shutil.copy(SAMPLE_FOR_CONTRACT, path)
    record = load(path)
    record.title = "Edited through the library"
    save(record, path)
    assert load(path).title == "Edited through the library"
    record.title = "Edited twice"
    save(record, path)  # the record's own last save is its new origin
    assert load(path).title == "Edited twice"
    path.write_text(path.read_text(encoding="utf-8").replace("Edited twice", "Someone else"), encoding="utf-8")
    record.title = "Mine"
    with pytest.raises(ConflictError):
        save(record, path)
    assert load(path).title == "Someone else"


def test_event_texts_remembered_by_identity_never_go_stale():
    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    record = new_record("x")
    record.timeline = [Event(at=at, what="a"), Event.model_validate({"at": at, "what": "b", "tags": ["one"]})]
    assert 'what = "a"' in dumps(record) and '"one"' in dumps(record)
    record.timeline[0].what = "changed"  # assigned in place: the same object, new text
    record.timeline[1].tags.append("two")  # an unknown key's list grown in place
    text = dumps(record)
    assert 'what = "changed"' in text and 'what = "a"' not in text
    assert '"two"' in text
    edited = record.model_copy(update={"title": "new"})  # an edit shares the events
    assert dumps(edited).split("[[timeline]]", 1)[1] == text.split("[[timeline]]", 1)[1]
