"""OpenAPI description: every operation also documents the errors it can answer,
so clients (and the schemathesis run in the suite) know their shapes."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema

DETAIL_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
PARAMETER_ERRORS = {
    "type": "object",
    "description": "Each invalid parameter with its messages.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"date_from": ["Enter a valid date."]},
}


class NewsroomAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        errors = {
            "400": (PARAMETER_ERRORS, "A query parameter is invalid; the body names it."),
            "404": (DETAIL_ERROR, "No such object (or not public)."),
            "429": (DETAIL_ERROR, "Too many requests: retry after `Retry-After` seconds."),
        }
        for code, (schema, description) in errors.items():
            if code not in responses:
                responses[code] = {
                    "description": description,
                    "content": {"application/json": {"schema": schema}},
                }
        if "429" in responses:
            responses["429"]["headers"] = {
                "Retry-After": {
                    "schema": {"type": "integer"},
                    "description": "Seconds to wait before the next request.",
                }
            }
        return responses
