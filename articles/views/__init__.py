"""Public pages: ``pages`` (home, release, event and topic pages)."""
