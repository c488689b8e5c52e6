"""The timeline editor, where the app's timeline section looks for it."""

from blamefree.tui.commands import TimelineCommands
from blamefree.tui.widgets.timeline_editor import TimelineEditor

__all__ = ["TimelineCommands", "TimelineEditor"]
