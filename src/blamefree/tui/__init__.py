"""The facilitator app: a thin Textual layer over the core (see `tui/app.py`).

Importing this package imports nothing from Textual; `blamefree.tui.app.create_app`
builds the app.
"""
