"""gunicorn access log as JSON lines (``logger_class`` in gunicorn.conf.py).

gunicorn's ``access_log_format`` is printf-style: to keep its quoted fields parseable it
backslash-escapes every ``"`` in the values (``SafeAtoms``), so a user agent
``bot "x"`` would be logged as ``bot \\"x\\"`` — a different value. Here each line is
one JSON object built with ``json.dumps`` from the raw values: JSON's own escaping keeps
the line parseable (quotes, backslashes and control characters included) and a log
reader gets back exactly what the client sent.
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


def access_entry(atoms: dict) -> dict:
    """The JSON object for one request from gunicorn's raw (unescaped) atoms; header
    atoms are keyed in lower case by gunicorn, absent values become "-"."""
    entry = {field: atoms.get(atom, "-") for atom, field in ACCESS_FIELDS.items()}
    for number_field in ("status", "duration_us"):
        with contextlib.suppress(TypeError, ValueError):
            entry[number_field] = int(entry[number_field])
    return entry


class JsonAccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        try:
            entry = access_entry(self.atoms(resp, req, environ, request_time))
            self.access_log.info(json.dumps(entry, ensure_ascii=False))
        except Exception:
            self.error(traceback.format_exc())
