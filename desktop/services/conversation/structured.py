"""Structured output (JSON mode): schema templates, the meta-schema check, and answer validation.

No Qt, no I/O. ``jsonschema`` is imported on first use (it is not needed at start-up). The wire
form is ``response_format: {"type": "text", "mime_type": "application/json", "schema": …}``
(``interactions-api.md`` §1.3).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop import errors as app

# Starting points offered by the schema editor (name → JSON Schema).
TEMPLATES: dict[str, dict[str, Any]] = {
    "List": {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": {"type": "string"}, "description": "The items, one per entry"}
        },
        "required": ["items"],
    },
    "Key-value extraction": {
        "type": "object",
        "properties": {
            "fields": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"key": {"type": "string"}, "value": {"type": "string"}},
                    "required": ["key", "value"],
                },
            }
        },
        "required": ["fields"],
    },
    "Classification": {
        "type": "object",
        "properties": {
            "label": {"type": "string", "enum": ["positive", "neutral", "negative"]},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        },
        "required": ["label"],
    },
}

JSON_MIME_TYPE = "application/json"


class InvalidSchemaError(app.InvalidRequestError):
    """The JSON Schema of structured output is not valid JSON or not a valid schema; nothing was sent.

    ``location`` is where the problem is (e.g. ``properties → label → enum``; empty for the root).
    """

    title = "Invalid JSON Schema"

    def __init__(self, message: str, *, location: str = "") -> None:
        super().__init__(message)
        self.location = location


def _where(path: Any) -> str:
    return " → ".join(str(p) for p in path)


def parse_schema(text: str) -> dict[str, Any]:
    """Parse the editor's text and check it (``check_schema``); raises ``InvalidSchemaError``."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        line, column = getattr(exc, "lineno", 0), getattr(exc, "colno", 0)
        reason = getattr(exc, "msg", str(exc))
        raise InvalidSchemaError(
            f"The schema is not valid JSON: {reason} (line {line}, column {column}).", location=f"line {line}"
        ) from exc
    check_schema(value)
    return value  # type: ignore[no-any-return]


def check_schema(schema: Any) -> None:
    """Check ``schema`` against its JSON Schema meta-schema (draft 2020-12 unless ``$schema`` says otherwise).

    Raises ``InvalidSchemaError`` naming the first problem and where it is.
    """
    if not isinstance(schema, dict):
        raise InvalidSchemaError('The schema must be a JSON object, for example {"type": "object"}.')
    import jsonschema  # type: ignore[import-untyped]
    from jsonschema.exceptions import SchemaError  # type: ignore[import-untyped]

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except SchemaError as exc:
        where = _where(exc.absolute_path)
        at = f" at {where}" if where else ""
        raise InvalidSchemaError(f"The schema is invalid{at}: {exc.message}", location=where) from exc


def response_format(schema: dict[str, Any] | None) -> dict[str, Any]:
    """The ``response_format`` entry of JSON mode (no ``schema`` key when there is none)."""
    entry: dict[str, Any] = {"type": "text", "mime_type": JSON_MIME_TYPE}
    if schema:
        entry["schema"] = schema
    return entry


@dataclass(frozen=True, slots=True)
class JsonCheck:
    """How a structured answer fared: parsed value, whether it is valid, and the first error.

    ``parsed`` is False when the text is not JSON at all (then ``value`` is None).
    """

    parsed: bool
    valid: bool
    value: Any = None
    error: str = ""


def check_answer(text: str, schema: dict[str, Any] | None) -> JsonCheck:
    """Parse an answer as JSON and validate it against ``schema`` (no schema: any JSON is valid)."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        return JsonCheck(False, False, None, f"Not JSON: {getattr(exc, 'msg', exc)}")
    if not schema:
        return JsonCheck(True, True, value)
    import jsonschema

    try:
        cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
        error = jsonschema.exceptions.best_match(cls(schema).iter_errors(value))
    except jsonschema.exceptions.SchemaError as exc:
        return JsonCheck(True, False, value, f"The schema is invalid: {exc.message}")
    if error is None:
        return JsonCheck(True, True, value)
    where = _where(error.absolute_path)
    return JsonCheck(True, False, value, f"{where}: {error.message}" if where else error.message)


def pretty(value: Any) -> str:
    """``value`` as indented JSON (non-ASCII kept)."""
    return json.dumps(value, indent=2, ensure_ascii=False)
