"""One form per template section. `sections/base.py` holds the base class and the
registry that maps `blamefree.sections.SECTIONS` ids to form classes."""
