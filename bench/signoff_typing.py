"""Typing a participant's name against typing the title (issue 15 walk f): main-thread
CPU per key, in one app run at 80x24.

A draft of the complete test record (four participants). Each round types one word
into the title (Summary) and one into a new participant's name (Sign-off), as a burst
of keys, then lets the app settle (the live lint, the marks, the approval gate and the
name lists, which wait for a pause in the typing, all run). Rounds alternate, so load
on the machine falls on both alike. Prints the CPU per key of each and the ratio, and
the whole-screen layouts per key of each (counted from `Widget.refresh(layout=True)`).

    python bench/signoff_typing.py [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

WORDS = ["Alexandra", "Boutros", "Chiamaka", "Dominique", "Evangelos", "Francesca", "Guillermo", "Hortensia"]
SETTLE = 1.0


async def run(rounds: int) -> dict[str, tuple[list[float], list[int]]]:
    from textual.widget import Widget

    from app_support import wait_until
    from checklist_records import complete_record, make_app, update

    layouts = [0]
    refresh = Widget.refresh

    def counted(self, *regions, repaint=True, layout=False, recompose=False):
        if layout or recompose:
            layouts[0] += 1
        return refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

    Widget.refresh = counted  # type: ignore[method-assign]
    results: dict[str, tuple[list[float], list[int]]] = {"title": ([], []), "participant": ([], [])}
    app = make_app(update(complete_record(), stage="draft", signoff={}), start_section="summary")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.record_screen
        for n in range(rounds):
            word = WORDS[n % len(WORDS)]
            for where in ("title", "participant"):
                if where == "title":
                    form = screen.show_section("summary", focus=True)
                    await pilot.pause(0.5)
                    field = form.query_one("#field-title")
                    field.focus()
                    await wait_until(pilot, lambda field=field: app.focused is field)
                    await pilot.press("end", "space")
                    done = lambda word=word: app.document.record.title.endswith(word)  # noqa: E731
                else:
                    form = screen.show_section("signoff", focus=True)
                    await pilot.pause(0.5)
                    editor = form.query_one("#field-participants")
                    editor.items_list.focus()
                    count = len(app.document.record.participants)
                    await pilot.press("end", "a")
                    await wait_until(pilot, lambda count=count: len(app.document.record.participants) == count + 1)
                    await pilot.pause(0.3)
                    done = lambda word=word: app.document.record.participants[-1].name == word  # noqa: E731
                await pilot.pause(SETTLE)
                layouts[0] = 0
                cpu = time.thread_time()
                await pilot.press(*word)
                await wait_until(pilot, done)
                await pilot.pause(SETTLE)
                cpu = time.thread_time() - cpu
                results[where][0].append(cpu / len(word))
                results[where][1].append(layouts[0])
    Widget.refresh = refresh  # type: ignore[method-assign]
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    results = asyncio.run(run(args.rounds))
    title, participant = (statistics.median(results[k][0]) for k in ("title", "participant"))
    print(f"main-thread CPU per key (median of {args.rounds} words, each followed by {SETTLE:g} s settling)")
    print(f"  title       {title * 1000:7.2f} ms   layouts per word: {results['title'][1]}")
    print(f"  participant {participant * 1000:7.2f} ms   layouts per word: {results['participant'][1]}")
    print(f"  ratio participant / title: {participant / title:.2f}")


if __name__ == "__main__":
    main()
