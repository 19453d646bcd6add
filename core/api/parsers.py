"""The API reads JSON bodies (CSV and files where an endpoint says so), within limits: a body
nested deeper than a person writes is refused with a 400, never a 500."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser as DRFJSONParser

MAX_DEPTH = 32


class JSONParser(DRFJSONParser):
    """JSON, refused when nested deeper than 32 levels (deeper still, Python's parser would run
    out of stack: a 500)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("The JSON is nested too deep.") from exc
        if depth(data) > MAX_DEPTH:
            raise ParseError(f"The JSON is nested deeper than {MAX_DEPTH} levels.")
        return data


def depth(value, level=1):
    """How deeply a parsed JSON value nests (iteratively: no recursion on hostile input)."""
    if not isinstance(value, dict | list):
        return level
    deepest, stack = level, [(value, level)]
    while stack:
        item, at = stack.pop()
        deepest = max(deepest, at)
        if at > MAX_DEPTH:
            return at
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        stack.extend((child, at + 1) for child in children if isinstance(child, dict | list))
    return deepest
