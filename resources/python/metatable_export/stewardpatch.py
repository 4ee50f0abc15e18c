# SPDX-License-Identifier: MIT
"""python -m metatable_export.stewardpatch [REQUEST.json]: a data steward's text edits as
Python source for the project's storage classes.

The request (a file, or standard input) names the classes and the texts that changed::

    {"source_file": "example_project/storage.py" or null,
     "classes": [{"qualname": "DailyMetricsStorage",
                  "description": "..." or null,      (only when it changed)
                  "labels": ["..."],                  (only when they changed)
                  "columns": [{"name": "value", "label": "..." or null,
                               "description": "..." or null, "info": {...}}]}]}

The response (standard output, JSON) gives each class's snippet, the lines a developer pastes,
and, with a source file, the unified diff and the patched text. Patching finds ``class
<qualname>`` with ``ast`` and replaces only the spans of the assignments and ``info=`` values
it changes; every other byte of the file stays. Nothing is imported: no project code, no
backend, no network. Exit status 1 with a message on standard error for a request or file that
cannot be read.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import io
import json
import os
import re
import sys
import tokenize
from dataclasses import dataclass, field

from . import infopatch, pyliteral
from . import sourcespans as spans

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
SNIPPET_INDENT = 4  # a class body's, where the snippet is pasted
_UNSET = object()  # a class text the request leaves as it is


class PatchError(Exception):
    """A request or source file this program cannot work with; the message says how to fix it."""


@dataclass
class ColumnChange:
    name: str
    label: str | None
    description: str | None
    info: dict

    def texts(self) -> dict:
        return {"label": self.label, "description": self.description}


@dataclass
class ClassChange:
    qualname: str
    description: object = _UNSET  # str, None (remove) or _UNSET
    labels: object = _UNSET  # list of str or _UNSET
    columns: list[ColumnChange] = field(default_factory=list)


# --- the request ------------------------------------------------------------------------------


def _text_or_none(value, where: str):
    if value is not None and not isinstance(value, str):
        raise PatchError(f"{where} must be a string or null, not {type(value).__name__}")
    return value


def parse_request(request) -> tuple[str | None, list[ClassChange]]:
    if not isinstance(request, dict) or not isinstance(request.get("classes"), list):
        raise PatchError('the request must be an object with a "classes" list')
    source_file = _text_or_none(request.get("source_file"), '"source_file"')
    changes = []
    for i, entry in enumerate(request["classes"]):
        where = f"classes[{i}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("qualname"), str):
            raise PatchError(f'{where} must be an object with a "qualname" string')
        if any(c.qualname == entry["qualname"] for c in changes):
            raise PatchError(f"{where}: class {entry['qualname']} is listed twice; give each "
                             f"class once with all its changes")
        change = ClassChange(entry["qualname"])
        if "description" in entry:
            change.description = _text_or_none(entry["description"], f"{where}.description")
        if entry.get("labels") is not None:
            labels = entry["labels"]
            if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
                raise PatchError(f"{where}.labels must be a list of strings")
            change.labels = labels
        for j, column in enumerate(entry.get("columns") or []):
            cwhere = f"{where}.columns[{j}]"
            if not isinstance(column, dict) or not isinstance(column.get("name"), str):
                raise PatchError(f'{cwhere} must be an object with a "name" string')
            if any(c.name == column["name"] for c in change.columns):
                raise PatchError(f"{cwhere}: column {column['name']} is listed twice")
            info = column.get("info") or {}
            if not isinstance(info, dict):
                raise PatchError(f"{cwhere}.info must be an object")
            change.columns.append(ColumnChange(
                column["name"],
                _text_or_none(column.get("label"), f"{cwhere}.label"),
                _text_or_none(column.get("description"), f"{cwhere}.description"),
                info,
            ))
        changes.append(change)
    return source_file, changes


# --- rendering --------------------------------------------------------------------------------


def _attribute_lines(name: str, value, indent: int, prefix: str | None = None) -> list[str]:
    prefix = prefix if prefix is not None else f"{name} = "
    if value is None:
        return [" " * indent + prefix + "None"]
    if isinstance(value, list):
        return pyliteral.list_lines(value, indent, prefix)
    return pyliteral.string_lines(value, indent, prefix, "")


def snippet(change: ClassChange, column_entries: dict) -> str:
    """The lines a developer pastes into the class body (or the factory's attributes)."""
    lines = []
    if change.description is not _UNSET:
        lines += _attribute_lines("__metatable_description__", change.description, SNIPPET_INDENT)
    if change.labels is not _UNSET:
        lines += _attribute_lines("__metatable_labels__", change.labels, SNIPPET_INDENT)
    for column in change.columns:
        entries = column_entries.get(column.name) or infopatch.wanted_entries(
            column.texts(), column.info, None, None)
        lines.append(" " * SNIPPET_INDENT + f"# {column.name} = Column(..., info=...):")
        lines += pyliteral.dict_lines(entries, SNIPPET_INDENT, "info=", ",", one_line=False)
    return "\n".join(lines) + "\n"


# --- patching one class -----------------------------------------------------------------------


def _attribute_edit(src, cls, name, value, anchors) -> spans.Edit:
    stmt = spans.class_attribute(cls, name)
    if stmt is not None:
        indent = src.indent_width(stmt.lineno)
        # The whole statement: a parenthesized value's parentheses are outside the value's span.
        start = src.start(stmt)
        head = stmt.annotation if isinstance(stmt, ast.AnnAssign) else stmt.targets[0]
        prefix = src.text[start:src.end(head)] + " = "
        if "\n" in prefix or "\r" in prefix:
            prefix = f"{name} = "
        lines = _attribute_lines(name, value, indent, prefix)
        return spans.Edit(start, src.end(stmt), src.newline.join(lines)[indent:])
    anchor = spans.attribute_anchor(cls, anchors)
    if anchor is None:
        first = cls.body[0]
        if first.lineno == cls.lineno:
            raise spans.NotPatchable(f"the body of class {cls.name} is on its class line")
        at = src.offset(first.lineno, 0)
        indent = src.indent_width(first.lineno)
    else:
        at = src.after_line(anchor.end_lineno)
        indent = src.indent_width(anchor.lineno)
    text = src.newline.join(_attribute_lines(name, value, indent)) + src.newline
    if at == len(src.text) and not src.text.endswith(("\n", "\r")):
        text = src.newline + text
    return spans.Edit(at, at, text)


def _column_edits(src, cls, column: ColumnChange, entries_out: dict) -> list[spans.Edit]:
    call = spans.column_call(cls, column.name)
    if call is None:
        raise spans.NotPatchable(
            f"column {column.name!r} has no `{column.name} = Column(...)` or mapped_column(...) "
            f"in the body of class {cls.name} (inherited from a base class or mixin?); change "
            f"its info= where it is defined, knowing every class that inherits it changes too"
        )
    keyword = spans.info_keyword(call)
    written = keyword.value if keyword is not None and isinstance(keyword.value, ast.Dict) else None
    try:
        edits = infopatch.column_info_edits(src, call, column.texts(), column.info)
    except spans.NotPatchable as reason:
        raise spans.NotPatchable(f"column {column.name!r}: {reason}") from None
    entries_out[column.name] = infopatch.wanted_entries(column.texts(), column.info, written, src)
    return edits


def patch_class(src, cls: ast.ClassDef, change: ClassChange, entries_out: dict) -> list[spans.Edit]:
    edits = []
    if change.description is not _UNSET:
        edits.append(_attribute_edit(src, cls, "__metatable_description__", change.description,
                                     spans.DESCRIPTION_ANCHORS))
    if change.labels is not _UNSET:
        edit = _attribute_edit(src, cls, "__metatable_labels__", change.labels, spans.LABELS_ANCHORS)
        # Both inserted after the same anchor: the labels follow the description.
        if edits and edits[0].start == edits[0].end == edit.start == edit.end:
            edits[0].text += edit.text
        else:
            edits.append(edit)
    for column in change.columns:
        edits += _column_edits(src, cls, column, entries_out)
    return edits


def not_found_reason(tree: ast.Module, qualname: str, source_file: str) -> str:
    name = os.path.basename(source_file)
    head = qualname.split(".")[0]
    assigned = spans.module_assignment(tree, head)
    if assigned is not None:
        call = assigned.value
        maker = ast.unparse(call.func) + "(...)" if isinstance(call, ast.Call) else "an expression"
        return (
            f"{qualname} has no class statement in {name}: it is made at run time by {maker} "
            f"(line {assigned.lineno}); paste the snippet into the factory's class attributes "
            f"by hand, knowing it applies to every class that factory makes"
        )
    return (
        f"{name} has no class statement named {qualname}: the class is made by a factory or "
        f"defined in another module; paste the snippet into its definition by hand"
    )


# --- the file ---------------------------------------------------------------------------------


def read_source(path: str) -> tuple[bytes, str]:
    """The file's bytes and its text. Only UTF-8 (Python's default source encoding): the console
    writes the patched text back as UTF-8."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise PatchError(f"cannot read {path}: {error.strerror}") from error
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        raise PatchError(f"cannot read {path}: {error}") from error
    if encoding not in ("utf-8", "utf-8-sig"):
        raise PatchError(f"{path} declares the encoding {encoding}; only UTF-8 sources are patched, "
                         f"paste the snippets by hand")
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PatchError(f"{path} is not valid UTF-8 at byte {error.start}") from error


def _parse(text: str, path: str) -> ast.Module:
    try:
        return ast.parse(text, filename=path)
    except SyntaxError as error:
        raise PatchError(f"cannot parse {path}, line {error.lineno}: {error.msg}; fix the file "
                         f"or paste the snippets by hand") from error


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return _UNSET


def verify(text: str, path: str, changes: list[ClassChange]) -> None:
    """Reads the patched classes back: each changed text must evaluate to what was asked. A
    mismatch is a bug here, never a file to hand out."""
    tree = _parse(text, path)
    for change in changes:
        cls = spans.find_class(tree, change.qualname)
        wanted = []
        if change.description is not _UNSET:
            stmt = spans.class_attribute(cls, "__metatable_description__")
            wanted.append(("description", _literal(stmt.value), change.description))
        if change.labels is not _UNSET:
            stmt = spans.class_attribute(cls, "__metatable_labels__")
            wanted.append(("labels", _literal(stmt.value), change.labels))
        for column in change.columns:
            info = spans.info_keyword(spans.column_call(cls, column.name)).value
            texts = {
                k.value: _literal(v)
                for k, v in zip(info.keys, info.values)
                if isinstance(k, ast.Constant) and k.value in ("label", "description")
            }
            wanted.append((f"{column.name}.label", texts.get("label"), column.label))
            wanted.append((f"{column.name}.description", texts.get("description"), column.description))
        for what, got, expected in wanted:
            if got != expected:
                raise PatchError(f"internal error: the patched {change.qualname} {what} reads "
                                 f"{got!r}, not {expected!r}; nothing was changed")


def _diff_lines(text: str) -> list[str]:
    """Lines with their endings, split where Python ends a line (not at form feeds or U+2028,
    which str.splitlines() also splits at)."""
    return [m.group() for m in _LINE.finditer(text) if m.group()]


def unified_diff(before: str, after: str, name: str) -> str:
    out = []
    for line in difflib.unified_diff(_diff_lines(before), _diff_lines(after),
                                     f"a/{name}", f"b/{name}"):
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


# --- the response -----------------------------------------------------------------------------


def build_response(request) -> dict:
    source_file, changes = parse_request(request)
    if source_file is None:
        return {"classes": [{"qualname": c.qualname, "snippet": snippet(c, {}), "found": False,
                             "reason": "no source file was given; paste the snippet by hand"}
                            for c in changes]}
    data, text = read_source(source_file)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    src = spans.SourceText(text[len(bom):])
    tree = _parse(src.text, source_file)
    classes = []
    edits = []
    patched_changes = []
    for change in changes:
        entries = {}
        cls = spans.find_class(tree, change.qualname)
        entry = {"qualname": change.qualname, "found": cls is not None}
        try:
            if cls is None:
                raise spans.NotPatchable(not_found_reason(tree, change.qualname, source_file))
            edits += patch_class(src, cls, change, entries)
            patched_changes.append(change)
        except spans.NotPatchable as reason:
            entry["found"] = False
            entry["reason"] = str(reason)
        entry["snippet"] = snippet(change, entries if entry["found"] else {})
        classes.append(entry)
    patched = src.text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        patched = patched[:edit.start] + edit.text + patched[edit.end:]
    verify(patched, source_file, patched_changes)
    name = os.path.basename(source_file)
    return {
        "classes": classes,
        "source_file": source_file,
        "source_sha256": hashlib.sha256(data).hexdigest(),
        "diff": unified_diff(text, bom + patched, name),
        "patched": bom + patched,
    }


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        if args:
            with open(args[0], encoding="utf-8") as handle:
                raw = handle.read()
        else:
            raw = sys.stdin.buffer.read().decode("utf-8")
        try:
            request = json.loads(raw)
        except ValueError as error:
            raise PatchError(f"the request is not JSON: {error}") from error
        response = build_response(request)
    except (PatchError, OSError, UnicodeDecodeError) as error:
        print(f"stewardpatch: {error}", file=sys.stderr)
        return 1
    # ASCII only: any text (lone surrogates included) survives whatever stdout's encoding is.
    sys.stdout.write(json.dumps(response, ensure_ascii=True))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
