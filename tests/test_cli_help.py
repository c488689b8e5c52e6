"""`blamefree --help` wraps as argparse does, without importing shutil (issue 16)."""

from __future__ import annotations


def test_help_is_wrapped_as_argparse_wraps_it(monkeypatch):
    import argparse

    from blamefree.cli import build_parser

    for columns in ("50", "80", "200"):
        monkeypatch.setenv("COLUMNS", columns)
        ours = build_parser()
        assert ours.formatter_class is not argparse.HelpFormatter
        theirs = build_parser()
        theirs.formatter_class = argparse.HelpFormatter  # its width from shutil
        assert ours.format_help() == theirs.format_help()
