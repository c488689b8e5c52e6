"""Modal dialogs, one module per kind; each is a typed `ModalScreen[T]` that dismisses
with its value. `choices.py`: quit, recovery, conflict and message dialogs."""
