# SPDX-License-Identifier: MIT
"""Edits of one column's ``info=`` dict for new label and description texts.

An existing dict literal is edited in place: a text's value replaced, a missing key appended
after the last entry, so comments, other keys and their layout stay byte for byte. Only taking
a key out (a text set to none) rewrites the dict, since removing an entry from hand-formatted
source cleanly is guesswork; the other entries are then kept as written, their comments not.
"""

from __future__ import annotations

import ast

from . import pyliteral
from .sourcespans import Edit, NotPatchable

TEXT_KEYS = ("label", "description")


def _key_name(key) -> str | None:
    return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None


def wanted_entries(texts: dict, info: dict, written: ast.Dict | None, src) -> list:
    """The dict as it should read, entry by entry (for the snippet and for a rewrite): keys
    written in the source keep their source, the texts take their place or go at the end, and
    keys only the manifest knows (``info``) are added."""
    entries = []
    seen = set()
    if written is not None:
        for key, value in zip(written.keys, written.values):
            name = _key_name(key)
            seen.add(name)
            if key is None:
                entries.append((None, pyliteral.Source(src.segment(value))))
            elif name in texts:
                if texts[name] is not None:
                    entries.append((pyliteral.quote(name), texts[name]))
            else:
                entries.append((pyliteral.Source(src.segment(key)), pyliteral.Source(src.segment(value))))
    extra = [(k, v) for k, v in info.items() if k not in texts] + list(texts.items())
    for name, value in extra:
        if name not in seen and value is not None:
            entries.append((pyliteral.quote(name), value))
            seen.add(name)
    return entries


def _value_end(src, key, value) -> int | None:
    """The end of an entry's value, past the closing parenthesis of a parenthesized one (whose
    parentheses lie outside the value's span); None when something other than spaces lies
    between (a comment), which in-place editing leaves to a rewrite."""
    end = src.end(value)
    between = src.text[src.end(key):src.start(value)]
    if "".join(between.split()) != ":(":
        return end if "".join(between.split()) == ":" else None
    rest = src.text[end:]
    stripped = rest.lstrip(" \t\r\n")
    return end + len(rest) - len(stripped) + 1 if stripped.startswith(")") else None


def _rewrite(src, node: ast.Dict, entries: list) -> list[Edit]:
    indent = src.indent_width(node.lineno)
    lines = pyliteral.dict_lines(entries, indent, "", "", node.lineno == node.end_lineno)
    return [Edit(src.start(node), src.end(node), src.newline.join(lines)[indent:])]


def _append(src, node: ast.Dict, new: list) -> list[Edit] | None:
    """New entries after the last one, in the dict's own layout; None when the last entry has
    a comment inside it (the caller rewrites the dict)."""
    if not node.keys:
        indent = src.indent_width(node.lineno)
        lines = pyliteral.dict_lines(new, indent, "", "", True)
        return [Edit(src.start(node), src.end(node), src.newline.join(lines)[indent:])]
    last_key, last_value = node.keys[-1], node.values[-1]
    end = src.end(last_value) if last_key is None else _value_end(src, last_key, last_value)
    if end is None:
        return None
    if node.lineno == node.end_lineno:
        text = "".join(
            ", " + pyliteral.value_lines(v, 0, pyliteral.entry_prefix(k), "")[0] for k, v in new
        )
        return [Edit(end, end, text)]
    indent = src.indent_width((last_key or last_value).lineno)
    rest = src.text[end:]
    gap = len(rest) - len(rest.lstrip(" \t"))
    lines = []
    for key, value in new:
        lines += pyliteral.value_lines(value, indent, pyliteral.entry_prefix(key), ",")
    after_comma = rest[gap + 1:].split("\n", 1)[0].strip()
    if rest[gap:gap + 1] == "," and (not after_comma or after_comma.startswith("#")):
        # A trailing comma, perhaps a comment, then the line ends: whole new lines after it.
        line_end = src.after_line(src.lineno_of(end))
        return [Edit(line_end, line_end, src.newline.join(lines) + src.newline)]
    lines[-1] = lines[-1][:-1]  # no trailing comma: keep the dict's style
    return [Edit(end, end, "," + src.newline + src.newline.join(lines))]


def info_edits(src, node: ast.Dict, texts: dict, info: dict) -> list[Edit]:
    """The edits that make the dict literal ``node`` carry ``texts`` (label, description)."""
    written = {_key_name(k): (k, v) for k, v in zip(node.keys, node.values) if k is not None}
    if any(texts[name] is None and name in written for name in TEXT_KEYS):
        return _rewrite(src, node, wanted_entries(texts, info, node, src))
    edits = []
    new = []
    for name in TEXT_KEYS:
        if texts[name] is None:
            continue
        if name not in written:
            new.append((pyliteral.quote(name), texts[name]))
            continue
        key, value = written[name]
        end = _value_end(src, key, value)
        if end is None:
            return _rewrite(src, node, wanted_entries(texts, info, node, src))
        start = src.start(key)
        prefix = src.segment(key) + ": "
        tail = len(src.line(src.lineno_of(end)).rstrip("\r\n")) - src.column(end)
        lines = pyliteral.string_lines(texts[name], src.indent_width(key.lineno), prefix, "",
                                       column=src.column(start), tail=tail)
        edits.append(Edit(start, end, src.newline.join(lines)))
    new += [(pyliteral.quote(k), v) for k, v in info.items()
            if k not in TEXT_KEYS and k not in written and v is not None]
    if new:
        appended = _append(src, node, new)
        if appended is None:
            return _rewrite(src, node, wanted_entries(texts, info, node, src))
        edits += appended
    return edits


def column_info_edits(src, call: ast.Call, texts: dict, info: dict) -> list[Edit]:
    """The edits that give a ``Column(...)`` call an ``info=`` carrying ``texts``."""
    keyword = next((k for k in call.keywords if k.arg == "info"), None)
    if keyword is not None:
        if not isinstance(keyword.value, ast.Dict):
            raise NotPatchable(
                f"the info= on line {keyword.lineno} is not a dict literal; set the label and "
                f"description where that value is made"
            )
        return info_edits(src, keyword.value, texts, info)
    entries = wanted_entries(texts, info, None, src)
    arguments = call.args + call.keywords
    if not arguments:
        opening = src.text.index("(", src.end(call.func))
        lines = pyliteral.dict_lines(entries, src.indent_width(call.lineno), "info=", "", True)
        return [Edit(opening + 1, opening + 1, src.newline.join(lines).lstrip(" "))]
    last = max(arguments, key=lambda node: (node.end_lineno, node.end_col_offset))
    at = src.end(last)
    if call.lineno == call.end_lineno:
        indent = src.indent_width(call.lineno)
        lines = pyliteral.dict_lines(entries, indent, "info=", "", one_line=True)
        return [Edit(at, at, ", " + src.newline.join(lines)[indent:])]
    # One argument per line: a new last line, with a trailing comma when the others have one.
    rest = src.text[at:]
    gap = len(rest) - len(rest.lstrip(" \t"))
    has_comma = rest[gap:gap + 1] == ","
    indent = src.indent_width(last.lineno)
    lines = pyliteral.dict_lines(entries, indent, "info=", "," if has_comma else "", one_line=False)
    if has_comma:
        at += gap + 1
    return [Edit(at, at, ("" if has_comma else ",") + src.newline + src.newline.join(lines))]
