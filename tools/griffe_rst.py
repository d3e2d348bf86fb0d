"""A griffe extension for the docs site: render the reST that cspcore's docstrings keep for ``help()``.

The docstrings follow the project style (docs/quality.md, "Docstrings on the site"): Google sections,
version notes as Sphinx directives and references to other names as Sphinx roles, because they read well
in ``help()`` and in an editor. Markdown shows both as literal text, so before mkdocstrings renders a
docstring this rewrites

* ``.. versionadded:: X`` (and ``versionchanged``, ``deprecated``), with its optional text on the
  same line and its indented body, into an admonition: ``!!! note "Added in X"``,
  ``!!! info "Changed in X"``, ``!!! warning "Deprecated since X"``;
* a role such as ``:class:`~cspcore.money.Money``` or ``:func:`allocate``` into inline code linked to
  the object's reference entry when the site has one (a name is resolved in the docstring's scope;
  a ``~`` shows only the last part, as Sphinx does).

The source keeps one convention (the reST forms); the site shows them one way.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)\.\. (?P<kind>versionadded|versionchanged|deprecated)::[ \t]*(?P<rest>.*)$"
)
_TITLES = {
    "versionadded": ("note", "Added in {}"),
    "versionchanged": ("info", "Changed in {}"),
    "deprecated": ("warning", "Deprecated since {}"),
}
_ROLE = re.compile(r":(?:py:)?(?:mod|class|func|meth|attr|data|exc|obj|const|type):`(?P<target>[^`]+)`")


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def version_notes(text: str) -> str:
    """Turn each version directive of ``text`` into a Markdown admonition at the same indentation.

    The version is the directive's first word; the rest of its line and its indented body (which may
    hold blank lines) become the admonition's body, re-indented four spaces under ``!!!``.
    """
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        match = _DIRECTIVE.match(lines[index])
        if match is None:
            out.append(lines[index])
            index += 1
            continue
        indent = match["indent"]
        version, _, same_line = match["rest"].strip().partition(" ")
        kind, title = _TITLES[match["kind"]]
        body = [same_line.strip()] if same_line.strip() else []
        index += 1
        block: list[str] = []
        while index < len(lines) and (not lines[index].strip() or _indent_of(lines[index]) > len(indent)):
            block.append(lines[index])
            index += 1
        while block and not block[-1].strip():  # trailing blank lines stay outside the admonition
            block.pop()
            index -= 1
        if block:
            margin = min(_indent_of(line) for line in block if line.strip())
            body.extend(line[margin:] if line.strip() else "" for line in block)
        out.append(f'{indent}!!! {kind} "{title.format(version)}"')
        out.extend(f"{indent}    {line}" if line else "" for line in body)
    return "\n".join(out)


def roles(text: str, resolve: Any = None) -> str:
    """Turn each Sphinx role of ``text`` into inline code, a link to the object's entry when it resolves.

    ``resolve`` maps a name as written to a full dotted path (or raises ``LookupError``/``ValueError``);
    the link is an optional cross-reference, so a name the site does not document stays plain code.
    """

    def replace(match: re.Match[str]) -> str:
        target = match["target"].strip()
        short = target.startswith("~")
        target = target.lstrip("~.!")
        title = target.rsplit(".", 1)[-1] if short else target
        path = target
        if resolve is not None:
            try:
                path = resolve(target)
            except (LookupError, ValueError, griffe.NameResolutionError):
                path = target
        return f'<autoref identifier="{path}" optional><code>{title}</code></autoref>'

    return _ROLE.sub(replace, text)


def _resolver(obj: griffe.Object) -> Any:
    def resolve(name: str) -> str:
        if name.startswith("cspcore."):
            return name
        head, dot, tail = name.partition(".")
        scope: griffe.Object = obj if isinstance(obj, griffe.Module | griffe.Class) else obj.parent  # type: ignore[assignment]
        return scope.resolve(head) + dot + tail

    return resolve


def _apply(obj: griffe.Object, seen: set[str]) -> None:
    if obj.path in seen:
        return
    seen.add(obj.path)
    if obj.docstring is not None:
        obj.docstring.value = roles(version_notes(obj.docstring.value), _resolver(obj))
    for member in list(obj.members.values()):
        if not member.is_alias:
            _apply(member, seen)  # type: ignore[arg-type]


class RstDirectives(griffe.Extension):
    """Rewrite the version notes and roles of every docstring, once the whole package is loaded.

    (After loading, so that a role naming something defined further down a module still resolves.)
    """

    def on_package(self, *, pkg: griffe.Module, **_: Any) -> None:
        """Rewrite every docstring of ``pkg`` in place."""
        _apply(pkg, set())
