"""The tables of the records folder's index (`blamefree.repo.db`), as SQL.

`files` holds each file's stat and its summary (or its problems); `prose` and its FTS5
index what full-text search looks at; `records`, `services`, `items`, `texts` and
`related` the columns `list`, `actions` and `report` ask in SQL (`blamefree.repo.rows`
computes them); `months` the report's aggregates per month; `results` the kept output
of the repo-wide commands. Changing any of these means bumping `db.SCHEMA`.
"""

from __future__ import annotations

TABLES = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE files(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, ino INTEGER NOT NULL,
    racy INTEGER NOT NULL,
    summary BLOB,      -- marshal of Summary.to_row(), or NULL when the file is invalid
    crc INTEGER,       -- zlib.crc32 of summary: a damaged blob is read again, not trusted
    problems TEXT,     -- JSON list of problems when the file is invalid
    rid TEXT           -- the record's id (duplicate ids are found without decoding)
)""",
    # `listing`: every file's path and stat when the rows were last found to match them
    # all (none racy), for this generation: a run whose listing is the same needs no row.
    "CREATE TABLE generation(n INTEGER NOT NULL, listing TEXT)",
    "INSERT INTO generation(n) VALUES (0)",
    # Output of a repo-wide command for a generation of the files (blamefree.cli.repo_options).
    "CREATE TABLE results(key TEXT PRIMARY KEY, generation INTEGER NOT NULL, stdout TEXT NOT NULL, stderr TEXT NOT NULL, code INTEGER NOT NULL)",
    "CREATE TABLE prose(id INTEGER PRIMARY KEY, title TEXT NOT NULL, tags TEXT NOT NULL, body TEXT NOT NULL)",
    # What `list`, `actions` and `report` ask, as columns (blamefree.repo.rows, .queries):
    # one row per valid file, its services, action items, factors and lessons, related ids.
    """CREATE TABLE records(
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, rid TEXT NOT NULL, title TEXT NOT NULL, date TEXT NOT NULL,
    sort_at TEXT NOT NULL, severity TEXT, status TEXT, stage TEXT NOT NULL,
    duration REAL, mttd REAL, mtta REAL, mttr REAL, actions INTEGER NOT NULL, open_actions INTEGER NOT NULL,
    services TEXT NOT NULL, related TEXT NOT NULL, haystack TEXT NOT NULL
)""",
    "CREATE INDEX records_sort ON records(sort_at, rid, path)",
    "CREATE INDEX records_date ON records(date)",
    "CREATE TABLE services(record INTEGER NOT NULL, pos INTEGER NOT NULL, name TEXT NOT NULL, fold TEXT NOT NULL, stripped TEXT NOT NULL, key TEXT NOT NULL, norm TEXT NOT NULL)",
    "CREATE INDEX services_record ON services(record)",
    # rid, path, prank (priority's rank) and open are the record's and the item's, kept
    # here so that `actions` walks an index in its own order and stops at --limit.
    """CREATE TABLE items(
    record INTEGER NOT NULL, pos INTEGER NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, owner TEXT NOT NULL,
    owner_key TEXT NOT NULL, due TEXT, status TEXT NOT NULL, priority TEXT, category TEXT, tracker TEXT NOT NULL,
    rid TEXT NOT NULL, path TEXT NOT NULL, prank INTEGER NOT NULL, open INTEGER NOT NULL
)""",
    "CREATE INDEX items_record ON items(record)",
    "CREATE INDEX items_order ON items(due IS NULL, coalesce(due, ''), prank, rid, id, path, pos)",
    "CREATE INDEX items_open_order ON items(open, due IS NULL, coalesce(due, ''), prank, rid, id, path, pos)",
    # kind: 0 contributing factor, 1-3 technical, process, cultural lesson; norm: the report's key
    "CREATE TABLE texts(record INTEGER NOT NULL, kind INTEGER NOT NULL, pos INTEGER NOT NULL, text TEXT NOT NULL, norm TEXT NOT NULL)",
    "CREATE INDEX texts_record ON texts(record)",
    "CREATE TABLE related(record INTEGER NOT NULL, pos INTEGER NOT NULL, value TEXT NOT NULL)",
    "CREATE INDEX related_record ON related(record)",
    # The report's aggregates per month (blamefree.repo.report_months), kept in step by `write`.
    "CREATE TABLE months(month TEXT PRIMARY KEY, place TEXT NOT NULL, data BLOB NOT NULL)",
    # Found at each write, so that a warm run asks no question whose cost grows with the files.
    "CREATE INDEX files_rid ON files(rid) WHERE rid IS NOT NULL",
    "CREATE INDEX files_invalid ON files(path) WHERE problems IS NOT NULL",
    "CREATE TABLE duplicates(path TEXT NOT NULL, rid TEXT NOT NULL)",
)

#: The tables holding a record's columns, keyed by `record` = files.id.
RECORD_TABLES = ("services", "items", "texts", "related")

FTS = (
    """CREATE VIRTUAL TABLE prose_fts USING fts5(
    title, tags, body, content='prose', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
)""",
    """CREATE TRIGGER prose_ai AFTER INSERT ON prose BEGIN
    INSERT INTO prose_fts(rowid, title, tags, body) VALUES (new.id, new.title, new.tags, new.body);
END""",
    """CREATE TRIGGER prose_ad AFTER DELETE ON prose BEGIN
    INSERT INTO prose_fts(prose_fts, rowid, title, tags, body) VALUES ('delete', old.id, old.title, old.tags, old.body);
END""",
)
