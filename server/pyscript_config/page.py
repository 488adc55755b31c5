"""The parts of an HTML page that PyScript reads, with host-file spans.

Only what PyScript and our rules need is kept: every element (tag name, attributes,
where its start tag, body and end tag are), in document order. Elements inside
comments are absent; elements inside `<template>` are kept but flagged, because
`document.querySelectorAll` (what PyScript uses) does not see template content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import OffsetMap, Span


@dataclass(slots=True)
class Attribute:
    name: str  # lower-cased, as the HTML parser stores it
    value: str | None  # decoded (entities replaced); None when written without `=`
    name_span: Span
    value_span: Span | None  # host span of the value text, quotes excluded
    value_offsets: OffsetMap | None  # decoded value index -> host offset
    quote: str = ""  # '"', "'" or "" (unquoted or no value)

    @property
    def span(self) -> Span:
        """The whole attribute, `name="value"`, quotes included."""
        if self.value_span is None:
            return self.name_span
        return Span(self.name_span.start, self.value_span.end + len(self.quote))


@dataclass(slots=True)
class Element:
    tag: str  # lower-cased
    attributes: list[Attribute]
    start_tag_span: Span  # `<tag ...>`
    name_span: Span  # the tag name inside the start tag
    body_span: Span | None = None  # between start and end tag (None: void / unclosed at EOF)
    end_tag_span: Span | None = None
    in_template: bool = False
    parent: int | None = None  # index of the parent element in `Page.elements`
    # Decoded text content (what `element.textContent` gives) for elements whose body
    # PyScript reads: <py-config>, <mpy-config>, <py-script>, <mpy-script>, <script>.
    text: str | None = None
    text_offsets: OffsetMap | None = None
    has_child_elements: bool = False  # a tag inside the body (py-config truncation, py-script)

    def attr(self, name: str) -> Attribute | None:
        """The first attribute called `name`: browsers ignore later duplicates."""
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None

    def has(self, name: str) -> bool:
        return self.attr(name) is not None

    def value(self, name: str) -> str | None:
        attribute = self.attr(name)
        return None if attribute is None else attribute.value


@dataclass(slots=True)
class Page:
    path: str
    text: str
    elements: list[Element] = field(default_factory=list)
    # `<!-- ... -->` comments in document order (whole comment, delimiters included),
    # for suppression comments; comment-like text inside raw-text elements is not one.
    comments: list[Span] = field(default_factory=list)

    def live(self) -> list[Element]:
        """Elements the runtime can see at load (template content excluded)."""
        return [element for element in self.elements if not element.in_template]
