"""gunicorn access log as JSON lines (``logger_class`` in gunicorn.conf.py).

gunicorn's own ``access_log_format`` is printf-style and does not escape quotes in the
path or user agent, which would break JSON; this logger builds the object with ``json``.
"""

import contextlib
import json
import traceback

from gunicorn.glogging import Logger

# Atom name in gunicorn's access-log vocabulary → field name in the JSON line.
ACCESS_FIELDS = {
    "t": "time",
    "{x-request-id}o": "request_id",
    "h": "remote",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "D": "duration_us",
    "a": "user_agent",
}


class JsonAccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        atoms = self.atoms_wrapper_class(self.atoms(resp, req, environ, request_time))
        entry = {field: atoms[atom] for atom, field in ACCESS_FIELDS.items()}
        for number_field in ("status", "duration_us"):
            with contextlib.suppress(TypeError, ValueError):
                entry[number_field] = int(entry[number_field])
        try:
            self.access_log.info(json.dumps(entry, ensure_ascii=False))
        except Exception:
            self.error(traceback.format_exc())
