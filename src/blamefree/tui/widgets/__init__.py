"""Reusable widgets of the app: bound fields and the list editor."""
