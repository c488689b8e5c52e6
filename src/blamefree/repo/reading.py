"""Reading and validating record files into summary rows, across the machine's cores
when there are many (workers parse and validate; only the caller writes the index)."""

from __future__ import annotations

import os
from pathlib import Path

from blamefree.repo.summary import record_prose, summarize

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any


def read_record(folder: str, rel: str) -> tuple[str, list[Any] | list[dict[str, Any]], tuple[str, str, str] | None]:
    """Read and validate one record: (rel, its summary row or its problems as dicts
    (path left out), its prose or None). Plain data, so that a worker process can send
    it back."""
    from blamefree.store import RecordError, load

    try:
        record = load(Path(folder) / rel)
    except RecordError as error:
        return rel, [{k: v for k, v in problem.as_dict().items() if k != "path"} for problem in error.problems], None
    return rel, summarize(record, rel).to_row(), record_prose(record)


def _read_chunk(folder: str, rels: list[str]) -> list[tuple[str, Any, Any]]:
    return [read_record(folder, rel) for rel in rels]


#: Fewer files than this are read in this process: starting workers costs more.
PARALLEL_FROM = 64
#: The same when workers must be spawned (each imports pydantic and the model again).
SPAWN_FROM = 1000


def read_records(folder: Path, rels: list[str]) -> list[tuple[str, Any, Any]]:
    """`read_record` of each file, across the machine's cores when there are many.

    Workers parse and validate; only this process writes the index. Forked workers
    inherit the imported store (the cost of a cold start is mostly pydantic); a process
    with other threads running (the app) uses forkserver instead, as forking a threaded
    process can deadlock.
    """
    cores = os.cpu_count() or 1
    if len(rels) < PARALLEL_FROM or cores < 2 or os.environ.get("BLAMEFREE_SERIAL"):
        return [read_record(str(folder), rel) for rel in rels]
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    import blamefree.store  # noqa: F401  (imported once, before forking)

    method = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "spawn" and len(rels) < SPAWN_FROM:
        return [read_record(str(folder), rel) for rel in rels]  # a spawned worker imports everything again
    workers = min(cores, max(1, len(rels) // PARALLEL_FROM))
    size = max(16, len(rels) // (workers * 8))
    chunks = [rels[at : at + size] for at in range(0, len(rels), size)]
    out: list[tuple[str, Any, Any]] = []
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method)) as pool:
            for done in pool.map(_read_chunk, [str(folder)] * len(chunks), chunks):
                out.extend(done)
    except (OSError, RuntimeError, ImportError, ValueError):  # no processes here (a sandbox, odd fds): one by one
        seen = {rel for rel, _, _ in out}
        out.extend(read_record(str(folder), rel) for rel in rels if rel not in seen)
    return out
