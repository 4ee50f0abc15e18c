# SPDX-License-Identifier: MIT
"""Where a storage class's steward texts are written in a module's source: the class statement,
its ``__metatable_description__`` / ``__metatable_labels__`` assignments and each column's
``info=`` keyword, as character spans of the file's text (``ast`` gives UTF-8 byte columns)."""

from __future__ import annotations

import ast
import bisect
import re
from dataclasses import dataclass

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what Python's tokenizer ends a line with
COLUMN_FACTORIES = {"Column", "mapped_column"}
# Body statements a new class attribute goes after (the class's identity), in the order written.
DESCRIPTION_ANCHORS = (
    "__tablename__",
    "__metatable_namespace__",
    "__metatable_identifier__",
)
LABELS_ANCHORS = DESCRIPTION_ANCHORS + ("__metatable_description__",)


@dataclass
class Edit:
    """Replace text[start:end] with ``text`` (an insertion when start == end)."""

    start: int
    end: int
    text: str


class NotPatchable(Exception):
    """A class whose edits cannot all be placed; the message is the reason the response gives."""


class SourceText:
    """A module's text with its line starts, to turn ast positions into string offsets."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        first_break = _LINE_BREAK.search(text)
        self.newline = first_break.group() if first_break else "\n"

    def line(self, lineno: int) -> str:
        start = self.line_starts[lineno - 1]
        end = self.line_starts[lineno] if lineno < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    def offset(self, lineno: int, col_bytes: int) -> int:
        line = self.line(lineno)
        return self.line_starts[lineno - 1] + len(line.encode("utf-8")[:col_bytes].decode("utf-8"))

    def start(self, node: ast.AST) -> int:
        return self.offset(node.lineno, node.col_offset)

    def end(self, node: ast.AST) -> int:
        return self.offset(node.end_lineno, node.end_col_offset)

    def segment(self, node: ast.AST) -> str:
        return self.text[self.start(node):self.end(node)]

    def indent(self, lineno: int) -> str:
        line = self.line(lineno)
        return line[: len(line) - len(line.lstrip(" \t"))]

    def indent_width(self, lineno: int) -> int:
        pad = self.indent(lineno)
        if "\t" in pad:
            raise NotPatchable(f"line {lineno} is indented with tabs; paste the snippet by hand")
        return len(pad)

    def lineno_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def column(self, offset: int) -> int:
        """The character column of an offset on its line."""
        return offset - self.line_starts[bisect.bisect_right(self.line_starts, offset) - 1]

    def after_line(self, lineno: int) -> int:
        """The offset where the line after ``lineno`` starts (the end of the text at the end)."""
        return self.line_starts[lineno] if lineno < len(self.line_starts) else len(self.text)


def find_class(tree: ast.Module, qualname: str) -> ast.ClassDef | None:
    """The ``class`` statement a qualname names (``Outer.Inner`` through nested classes); the last
    one at its level when a name is defined twice, as Python binds the last."""
    body = tree.body
    found = None
    for part in qualname.split("."):
        found = None
        for stmt in body:
            if isinstance(stmt, ast.ClassDef) and stmt.name == part:
                found = stmt
        if found is None:
            return None
        body = found.body
    return found


def module_assignment(tree: ast.Module, name: str) -> ast.stmt | None:
    """A module-level ``name = ...``: how a factory-made class gets its name."""
    found = None
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in stmt.targets
        ):
            found = stmt
    return found


def _target_name(stmt: ast.stmt) -> str | None:
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        target = stmt.target
    else:
        return None
    return target.id if isinstance(target, ast.Name) else None


def class_attribute(cls: ast.ClassDef, name: str) -> ast.stmt | None:
    found = None
    for stmt in cls.body:
        if _target_name(stmt) == name:
            found = stmt
    return found


def attribute_anchor(cls: ast.ClassDef, names: tuple[str, ...]) -> ast.stmt | None:
    """The last of the docstring and the named attribute assignments: a new attribute goes
    after it. None when the class has none of them."""
    anchor = None
    for index, stmt in enumerate(cls.body):
        is_docstring = (
            index == 0
            and isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
        )
        if is_docstring or _target_name(stmt) in names:
            anchor = stmt
    return anchor


def _factory_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def column_call(cls: ast.ClassDef, column: str) -> ast.Call | None:
    """The ``Column(...)`` / ``mapped_column(...)`` call of a column in the class body: by its
    explicit name (``Column("name", ...)``) or, without one, by the attribute it is assigned to."""
    found = None
    for stmt in cls.body:
        target = _target_name(stmt)
        call = stmt.value if target else None
        if not isinstance(call, ast.Call) or _factory_name(call.func) not in COLUMN_FACTORIES:
            continue
        first = call.args[0] if call.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            name = first.value
        else:
            name = target
        if name == column:
            found = call
    return found


def info_keyword(call: ast.Call) -> ast.keyword | None:
    for keyword in call.keywords:
        if keyword.arg == "info":
            return keyword
    return None
