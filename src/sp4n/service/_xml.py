"""Open311 GeoReport v2 in XML: the same payloads as JSON, as the spec's elements.

The spec's XML wraps a list in a plural root (``services``, ``service_requests``,
``errors``) whose children are the singular (``service``, ``request``,
``error``); lists inside an object (a service definition's ``attributes``,
an attribute's ``values``) nest the same way. Booleans are ``true``/``false``,
a missing value is an empty element. Built with the standard library's
ElementTree, which escapes text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final
from xml.etree import ElementTree as ET

from pydantic import JsonValue

__all__ = ["to_xml"]

_CHILD: Final = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
}


def _fill(element: ET.Element, value: JsonValue) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            _fill(ET.SubElement(element, key), item)
    elif isinstance(value, Sequence) and not isinstance(value, str):
        child = _CHILD.get(element.tag, "item")
        for item in value:
            _fill(ET.SubElement(element, child), item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def to_xml(root: str, value: JsonValue) -> bytes:
    """The XML document of ``value`` under the element ``root``.

    >>> print(to_xml("services", [{"service_code": "road", "metadata": True}]).decode())
    <?xml version='1.0' encoding='utf-8'?>
    <services><service><service_code>road</service_code><metadata>true</metadata></service></services>
    """
    element = ET.Element(root)
    _fill(element, value)
    document: bytes = ET.tostring(element, encoding="utf-8", xml_declaration=True)
    return document
