"""The timeline editor, where the app's timeline section looks for it."""

from blamefree.tui.widgets.timeline_editor import TimelineCommands, TimelineEditor

__all__ = ["TimelineCommands", "TimelineEditor"]
