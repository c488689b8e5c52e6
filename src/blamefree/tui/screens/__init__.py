"""Full screens of the app (imported only when shown)."""
