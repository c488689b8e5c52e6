"""`blamefree actions [DIR]`: every action item across records, sorted by due date."""

from __future__ import annotations

import argparse
import json

from blamefree.cli import repo_options
from blamefree.cli.common import add_format_option
from blamefree.text import safe_text


def register(sub) -> None:
    parser = sub.add_parser(
        "actions",
        help="action items across records (open, overdue, by owner)",
        description="Every action item of every record, sorted by due date (items without "
        "one last). --format md prints the agenda of a weekly review; --format csv one row "
        "per item for importing into a tracker. `--overdue` lists overdue items and still "
        "exits 0: overdue items are a finding for the review, not an error of the command. " + repo_options.EXIT_CODES_HELP,
    )
    repo_options.add_repo_arguments(parser)
    parser.add_argument("--open", action="store_true", help="only open or in-progress items")
    parser.add_argument("--overdue", action="store_true", help="only open items due before today")
    parser.add_argument(
        "--owner", metavar="NAME", help="only items whose owner contains NAME (case-insensitive; '' for items with no owner)"
    )
    parser.add_argument("--service", metavar="NAME", help="only items of records listing this service")
    parser.add_argument("--by-owner", action="store_true", help="group by owner")
    repo_options.add_limit_argument(parser, "items (in due-date order)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to a file instead of stdout")
    add_format_option(parser, ("text", "json", "md", "csv"), "text")
    parser.set_defaults(handler=run)


def render_text(actions, today, by_owner: bool) -> str:
    from blamefree.repo.actions import group_by_owner

    if not actions:
        return "No action items.\n"

    def line(action, with_owner: bool) -> str:
        item = action.item
        late = action.days_overdue(today)
        due = (item.due or "no date").ljust(10)
        flag = f"OVERDUE {late}d" if late else item.status
        who = f"  {(item.owner or '(no owner)')[:20].ljust(20)}" if with_owner else ""
        ref = f"{action.record.id} {item.id}".ljust(24)
        title = " ".join(item.title.split()) or "(untitled)"
        return f"{due}  {flag.ljust(12)}  {(item.priority or '-').ljust(2)}{who}  {ref}  {title}"

    if not by_owner:
        return "\n".join(line(a, True) for a in actions) + "\n"
    out = []
    for owner, items in group_by_owner(actions).items():
        out.append(f"{owner} ({len(items)})")
        out += ["  " + line(a, False) for a in items]
        out.append("")
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    repo_options.limit_of(args)  # a negative limit is a usage error before any work
    return repo_options.run_cached(args, "actions", lambda repo, err: produce(args, repo))


def produce(args: argparse.Namespace, repo) -> tuple[str, int]:
    from blamefree.repo import queries
    from blamefree.repo.actions import actions_csv, agenda_markdown, group_by_owner

    today = repo_options.today(args)
    filters = {"today": today, "open_only": args.open, "overdue": args.overdue, "owner": args.owner, "service": args.service}
    limit = repo_options.limit_of(args)
    answer = repo.query(lambda db: queries.all_actions(db, **filters, limit=limit))
    if answer is None:  # no index in step with the files: from the summaries
        from blamefree.repo.actions import all_actions

        every = all_actions(repo.summaries, **filters)
        answer = (every[:limit], len(every))
    actions, total = answer
    if args.format == "json":
        if args.by_owner:
            payload = {owner: [a.as_dict(today) for a in items] for owner, items in group_by_owner(actions).items()}
            data = {"version": 1, "today": today.isoformat(), "by_owner": payload}
        else:
            data = {"version": 1, "today": today.isoformat(), "actions": [a.as_dict(today) for a in actions]}
        if limit is not None:
            data["total"] = total
        data["problems"] = [p.as_dict() for p in repo.problems]
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    elif args.format == "md":
        title = "Overdue action items" if args.overdue else "Action item review"
        text = agenda_markdown(actions, today=today, by_owner=args.by_owner, title=title)
    elif args.format == "csv":
        text = actions_csv(actions, today=today)
    else:
        text = render_text(actions, today, args.by_owner)
        text += repo_options.more_line(len(actions), total)
    if args.format in ("text", "md"):
        text = safe_text(text)  # no terminal escapes from user text (JSON and CSV quote them)
    return text, repo_options.exit_code(repo)
