"""`blamefree schema`: the JSON Schema of a record, for editor completion (Taplo etc.)."""

from __future__ import annotations

import argparse

from blamefree.cli.common import EXIT_OK, write_output


def register(sub) -> None:
    parser = sub.add_parser(
        "schema",
        help="print the JSON Schema of a record",
        description="Print the JSON Schema of a record file. TOML editors that speak JSON "
        "Schema (Taplo, Even Better TOML) use it for completion and checks; see "
        "docs/records-repo.md for the association.",
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="write to a file instead of stdout")
    parser.set_defaults(handler=run)


def record_schema() -> dict:
    from blamefree.model import Record

    schema = Record.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "blamefree postmortem record",
    }


def run(args: argparse.Namespace) -> int:
    import json

    write_output(json.dumps(record_schema(), indent=2, sort_keys=False) + "\n", args.output)
    return EXIT_OK
