"""One input file read for the build: YAML parsed safely and checked against its schema, every problem a
located issue (file, line, column, field), a draft's ``TODO`` values found, and the statements named by their ``n``."""

from __future__ import annotations

import os
from collections import Counter
from difflib import get_close_matches
from pathlib import Path

from jsonschema.exceptions import ValidationError

from factprov.base.project import Project
from factprov.base.report import Issue, Report, field_path, quoted
from factprov.base.yamlio import Located, YamlError, load_located, load_located_file
from factprov.build.schemas import INPUT_SCHEMAS, MAX_ERRORS, Schemas

TODO = "TODO"  # a value still to decide in a draft; the build refuses it

def issue_at(file: str, doc: Located | None, path: tuple, code: str, message: str, severity: str = "error",
             names: dict[int, str] | None = None) -> Issue:
    """An issue at the value ``path`` of ``doc``; ``names`` (:func:`statement_names`) names its statements."""
    line, column = doc.where(path) if doc is not None else (None, None)
    return Issue(file, line, column, field_path(path, names), code, message, severity)

def statement_names(data: object) -> dict[int, str]:
    """How messages name the statements of a statements.yaml, by position: ``n=8`` where ``n`` is an
    integer that no other statement has; the others keep their 1-based position (``#8``)."""
    items = data.get("statements") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return {}
    numbers = [item.get("n") if isinstance(item, dict) else None for item in items]
    used = Counter(n for n in numbers if type(n) is int)
    return {i: f"n={n}" for i, n in enumerate(numbers) if type(n) is int and used[n] == 1}

def load_yaml(project: Project, path: Path, schema: str, schemas: Schemas, report: Report,
              errors_out: list | None = None, undecided: list | None = None, text: str | None = None) -> Located | None:
    """Parse and schema-check one YAML file; ``None`` if it cannot be used.

    Each value still ``TODO`` is a ``draft`` error, and each schema error elsewhere a ``schema``
    error. With ``errors_out``, a document with schema errors is still returned, and its errors
    are appended there, for a caller that can use the valid parts; with ``undecided``, so is a
    draft, and the paths of its ``TODO`` values are appended there. With ``text``, that is read as
    the file's content (a file not yet written, checked before it is)."""
    rel = project.rel(path)
    if text is None and not os.path.lexists(path):
        report.add(Issue(rel, None, None, "", "file-missing", f"{path.name} is missing"))
        return None
    try:
        if text is None:
            project.check_inside(path)
        doc = load_located_file(path) if text is None else load_located(text)
    except YamlError as exc:
        report.add(Issue(rel, exc.line, exc.column, field_path(exc.path), exc.code, exc.message))
        return None
    names = statement_names(doc.data)
    todo = todo_paths(doc.data)
    for path in todo:
        report.add(issue_at(rel, doc, path, "draft", f"{field_path(path, names)} is still {TODO!r}: a person must "
                                                     "decide it before the article can be released", names=names))
    errors = [e for e in schemas.iter_errors(INPUT_SCHEMAS[schema], doc.data)
              if not any(tuple(e.absolute_path)[:len(p)] == p for p in todo)]
    for error in errors[:MAX_ERRORS]:
        path, message = schema_problem(error)
        report.add(issue_at(rel, doc, path, "schema", message, names=names))
    if len(errors) > MAX_ERRORS:
        report.add(Issue(rel, None, None, "", "schema", f"more than {MAX_ERRORS} schema errors; the first "
                                                        f"{MAX_ERRORS} are listed: fix them and validate again"))
        return None  # too broken for a caller to use the valid parts
    if (todo and undecided is None) or (errors and errors_out is None):
        return None
    if errors_out is not None:
        errors_out.extend(errors)
    if undecided is not None:
        undecided.extend(todo)
    return doc

def todo_paths(data: object, path: tuple = ()) -> list[tuple]:
    """Where a value is the draft mark ``TODO``, which ``factprov suggest`` writes for a person to decide."""
    if data == TODO:
        return [path]
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in todo_paths(value, path + (key,))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in todo_paths(value, path + (i,))]
    return []

def statement_faults(errors: list[ValidationError], todo: list[tuple]) -> dict[int, set[str] | None] | None:
    """Which fields of which statements have a schema error (see :attr:`Seed.faults`); ``None`` when
    the file as a whole cannot be used (its ``statements`` is not a list, or is TODO)."""
    out: dict[int, set[str] | None] = {}

    def add(i: int, name: str | None) -> None:
        if i in out and out[i] is None:
            return
        if name is None:
            out[i] = None
        else:
            out.setdefault(i, set()).add(name)

    for path in todo:
        if len(path) < 2:
            return None
        if len(path) == 2:
            add(path[1], None)  # the whole statement is TODO
    for error in errors:
        path = tuple(error.absolute_path)
        if len(path) < 2:
            return None
        if len(path) > 2:
            add(path[1], path[2])
        elif error.validator == "required" and isinstance(error.instance, dict):
            for name in error.validator_value:
                if name not in error.instance:
                    add(path[1], name)
        elif error.validator != "additionalProperties":  # an unknown key leaves the others usable
            add(path[1], None)
    return out

def _leaves(error: ValidationError) -> list[ValidationError]:
    if not error.context:
        return [error]
    return [leaf for sub in error.context for leaf in _leaves(sub)]

def _unexpected_keys(error: ValidationError) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    if not isinstance(error.instance, dict):
        return []
    return sorted(str(k) for k in error.instance if k not in allowed)  # a YAML key may be an integer

def schema_problem(error: ValidationError) -> tuple[tuple, str]:
    """Where a schema error is best shown, and a message that says what was expected."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = _unexpected_keys(error)
        hints = [f"{k!r} is not a field here" + (f"; did you mean {m[0]!r}?" if (m := get_close_matches(k, allowed, 1))
                                                  else f" (fields: {', '.join(allowed)})") for k in extras]
        return (path + (extras[0],) if len(extras) == 1 else path), "; ".join(hints)
    described = error.schema.get("description") if isinstance(error.schema, dict) else None
    if described and error.validator in ("pattern", "anyOf", "format"):
        return path, f"{quoted(error.instance)} is not valid here: expected {described}"
    if not error.context:
        return path, error.message.replace(repr(error.instance), quoted(error.instance), 1)
    # anyOf: report the alternative that came closest, not "is not valid under any of the given schemas".
    leaves = _leaves(error)
    if all(leaf.validator == "type" for leaf in leaves):
        expected = ", ".join(dict.fromkeys(str(leaf.validator_value) for leaf in leaves))
        return path, f"{quoted(error.instance)} has the wrong type; expected one of: {expected}"
    informative = [leaf for leaf in leaves if leaf.validator != "type"]
    deepest = max(informative, key=lambda leaf: len(leaf.absolute_path))
    return schema_problem(deepest)
