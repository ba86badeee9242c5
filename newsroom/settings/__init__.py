"""Settings modules: ``base`` (shared), ``dev`` (make run), ``test`` (pytest), ``production``."""
