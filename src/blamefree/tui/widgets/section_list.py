"""The record screen's list of sections, each with its checklist mark and finding count."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from blamefree.sections import SECTIONS
from blamefree.tui.widgets.steady_static import same_content

#: Real styles: a made-up name such as "mark-gaps" fails to parse on every render (and
#: Textual then spends milliseconds suggesting a colour name).
MARK_STYLES = {"complete": "$success", "gaps": "$warning", "not-started": "dim"}


class SectionList(OptionList):
    """The template's sections, each with its mark; enter shows one."""

    def show_sections(self, marks: dict[str, str], counts: dict[str, int], *, ascii: bool, current: str = "") -> None:
        """Show each section's mark and unaccepted findings `counts` (by section id).

        Only the prompts that changed are replaced: rebuilding the list laid out the
        screen once per section (twelve layouts at 120x40 when a mark changed).
        """
        from blamefree.marks import MARK_GLYPHS, NOT_STARTED  # not checklist: no pydantic before the record loads

        prompts = []
        for section in SECTIONS:
            mark = marks.get(section.id, "")
            glyph = MARK_GLYPHS[mark or NOT_STARTED][1 if ascii else 0]
            count = counts.get(section.id, 0)
            # Unaccepted findings, before the title so that a cut title never hides them;
            # the "!" says it without colour.
            flag = Content.assemble((f"!{count}", "bold $warning"), " ") if count else Content("")
            prompts.append(Content.assemble((glyph, MARK_STYLES[mark or "not-started"]), " ", flag, section.title))
        if self.option_count == len(SECTIONS):
            for index, prompt in enumerate(prompts):
                if not same_content(self.get_option_at_index(index).prompt, prompt):
                    self.replace_option_prompt_at_index(index, prompt)
            return
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([Option(prompt, id=section.id) for prompt, section in zip(prompts, SECTIONS, strict=True)])
        if highlighted is not None:
            self.highlighted = highlighted
        elif current:
            self.highlighted = [s.id for s in SECTIONS].index(current)
        else:
            self.highlighted = 0
