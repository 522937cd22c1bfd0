"""Lint cloud "create image" API requests against every documented constraint before they
are sent: Huawei Cloud IMS, OpenStack Nova ``createImage`` and Alibaba Cloud ECS
``CreateImage``.

The call a service makes just before it submits::

    import reqlint

    reqlint.check(request)   # raises reqlint.InvalidRequest when the cloud would refuse it

``request`` is a ``dict``, JSON text (``str`` or ``bytes``), or a request object of the clouds'
Python SDKs, read the way each SDK sends it. The engine is reqlint's Rust engine; it never
touches the network and never writes files.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from . import _reqlint

__all__ = [
    "Finding",
    "InvalidRequest",
    "Label",
    "OnlineNote",
    "add_pack",
    "apis",
    "check",
    "lint",
    "rules",
    "__version__",
]

__version__: str = _reqlint.__version__

#: What ``lint`` and ``check`` accept besides SDK request objects.
Request = Union[Mapping[str, Any], str, bytes, bytearray]


@dataclass(frozen=True)
class Label:
    """A related place of a finding (the member that wins, the first duplicate)."""

    pointer: str
    message: str
    #: 1-based line and column when the request was text, else ``None``.
    line: Optional[int]
    column: Optional[int]


@dataclass(frozen=True)
class Finding:
    """One problem of a request: what reqlint's JSON output calls a diagnostic."""

    #: Stable rule code, e.g. ``"IMS006"``.
    code: str
    #: Kebab-case rule name, e.g. ``"min-disk-out-of-range"``.
    name: str
    #: ``"error"`` (the cloud refuses the request), ``"warning"`` or ``"advice"``.
    severity: str
    #: What is wrong, with the offending value.
    message: str
    #: RFC 6901 JSON Pointer of the value at fault, in the request body.
    pointer: str
    #: What to do about it.
    help: Optional[str]
    #: The rule's documentation.
    url: str
    #: The cloud's own error code for this problem, where one is documented.
    cloud_error: Optional[str]
    labels: Tuple[Label, ...]
    #: 1-based line and column when the request was text, else ``None``.
    line: Optional[int]
    column: Optional[int]
    _raw: Dict[str, Any] = field(repr=False, compare=False)

    def to_dict(self) -> Dict[str, Any]:
        """The JSON output's diagnostic object (``reqlint check --format json``)."""
        return json.loads(json.dumps(self._raw))

    def __str__(self) -> str:
        return f"{self.code} {self.message} at {self.pointer or '/'}"


class OnlineNote(UserWarning):
    """A cloud that ``online=True`` could not ask (no credentials, unreachable, refused): the
    request was not checked against it. One per cloud and call."""


class InvalidRequest(ValueError):
    """The request has at least one error: the cloud would refuse it.

    ``findings`` holds every finding (errors, warnings, advice); the message lists the errors,
    one per line.
    """

    def __init__(self, findings: List[Finding]) -> None:
        self.findings: List[Finding] = findings
        errors = [str(f) for f in findings if f.severity == "error"]
        super().__init__("\n".join(errors))


def lint(
    request: Any,
    api: Optional[str] = None,
    *,
    config: Optional[str] = None,
    filename: Optional[str] = None,
    online: Optional[bool] = None,
) -> List[Finding]:
    """Every finding of ``request``, in the order of the JSON output.

    ``request``: a ``dict``, JSON text (``str`` or ``bytes``), or an SDK request object
    (``alibabacloud_ecs20140526.models.CreateImageRequest``,
    ``aliyunsdkecs.request.v20140526.CreateImageRequest.CreateImageRequest``,
    ``huaweicloudsdkims.v2`` ``CreateImageRequest(Body)`` / ``CreateWholeImageRequest(Body)``),
    which decides the API. ``api``: an API id (see ``apis()``) when the request is not an SDK
    object; ``None`` lets reqlint detect it. ``config``: a path to a ``reqlint.toml`` (or a
    ``pyproject.toml`` with ``[tool.reqlint]``); ``filename``: the name used in messages and for
    the configuration's ``[api]`` globs, whose nearest configuration applies when ``config`` is
    not given (as for ``reqlint check``).

    ``online=True`` also asks the cloud what only it knows (the instance exists and can be
    imaged, the name is free, ...) by read-only calls, with the credentials of the cloud's
    usual places (``reqlint check --online``); ``None`` leaves it to the configuration's
    ``[online] enabled``; ``False`` never connects. A cloud that cannot be asked is an
    ``OnlineNote`` warning, never an exception.

    Raises ``TypeError`` for anything else, and ``ValueError`` for an unknown API id, an API id
    that contradicts the SDK object, or an invalid configuration.
    """
    text, sdk_api, is_text, supplied = _to_json(request)
    if sdk_api is not None:
        if api is not None and api != sdk_api:
            raise ValueError(f"the request is a {sdk_api} request, not {api}")
        api = sdk_api
    out = json.loads(_reqlint.lint_json(text, api, config, filename, supplied, online))
    for note in out.get("notes", []):
        warnings.warn(note, OnlineNote, stacklevel=2)
    diagnostics = out["files"][0]["diagnostics"]
    return [_finding(d, is_text) for d in diagnostics]


def check(
    request: Any,
    api: Optional[str] = None,
    *,
    config: Optional[str] = None,
    filename: Optional[str] = None,
    online: Optional[bool] = None,
) -> List[Finding]:
    """``lint``, raising ``InvalidRequest`` when a finding is an error; else the findings
    (warnings and advice). ``online=True``: the cloud is asked too, just before submitting."""
    findings = lint(request, api, config=config, filename=filename, online=online)
    if any(f.severity == "error" for f in findings):
        raise InvalidRequest(findings)
    return findings


def add_pack(path: str) -> str:
    """Adds the API pack in the folder ``path`` (a team's own API: ``pack.toml``, ``schema.json``,
    ``constraints.toml``, as under reqlint's ``rules/``) and returns its API id. Call it before
    the first lint; a bad pack raises ``ValueError`` with the reason."""
    return _reqlint.add_pack(str(path))


def apis() -> List[str]:
    """The API ids reqlint knows."""
    return list(_reqlint.apis())


def rules() -> List[Dict[str, Any]]:
    """Every rule, as ``reqlint rules --format json`` lists them."""
    return json.loads(_reqlint.rules_json())


#: Where a finding is in the text: meaningless for a request that was not text.
_POSITION = ("line", "column", "end_line", "end_column", "offset", "length")


def _finding(d: Dict[str, Any], is_text: bool) -> Finding:
    def at(key: str, item: Dict[str, Any]) -> Optional[int]:
        return item.get(key) if is_text else None

    if not is_text:
        d = {k: v for k, v in d.items() if k not in _POSITION}
        d["labels"] = [
            {k: v for k, v in label.items() if k not in _POSITION} for label in d.get("labels", [])
        ]

    labels = tuple(
        Label(
            pointer=label.get("pointer", ""),
            message=label.get("message", ""),
            line=at("line", label),
            column=at("column", label),
        )
        for label in d.get("labels", [])
    )
    return Finding(
        code=d["code"],
        name=d["name"],
        severity=d["severity"],
        message=d["message"],
        pointer=d["pointer"],
        help=d.get("help"),
        url=d["url"],
        cloud_error=d.get("cloud_error"),
        labels=labels,
        line=at("line", d),
        column=at("column", d),
        _raw=d,
    )


# SDK request objects: which classes send which API's request, and how each is read, are data
# beside each API (rules/<api>/sdk.json), read once from the extension module.
_SDK_CLASSES: Optional[List[Dict[str, Any]]] = None


def _sdk_classes() -> List[Dict[str, Any]]:
    global _SDK_CLASSES
    if _SDK_CLASSES is None:
        _SDK_CLASSES = json.loads(_reqlint.sdk_classes())
    return _SDK_CLASSES


def _to_json(request: Any) -> Tuple[bytes, Optional[str], bool, Optional[List[str]]]:
    """The request as JSON text, the API its SDK object decides, whether it was text, and the
    members the SDK's client fills in when it sends it."""
    if isinstance(request, str):
        return request.encode("utf-8", "surrogatepass"), None, True, None
    if isinstance(request, (bytes, bytearray)):
        return bytes(request), None, True, None
    if isinstance(request, Mapping):
        return _dumps(dict(request)), None, False, None
    body, api, supplied = _sdk_body(request)
    return _dumps(body), api, False, supplied


def _dumps(body: Dict[str, Any]) -> bytes:
    try:
        return json.dumps(body, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as e:
        raise TypeError(f"the request cannot be written as JSON: {e}") from None


def _sdk_body(request: Any) -> Tuple[Dict[str, Any], str, Optional[List[str]]]:
    kind = type(request)
    module = kind.__module__ or ""
    name = kind.__name__
    for sdk in _sdk_classes():
        if name != sdk["class"] or not module.startswith(sdk["module"]):
            continue
        supplied = sdk["supplied"] or None
        read = sdk["read"]
        # The Tea SDK (alibabacloud_ecs20140526): what `to_map()` gives is what it sends.
        if read == "tea":
            return request.to_map(), sdk["api"], supplied
        # The core SDK (aliyunsdkecs): its query parameters, in the flattened form.
        if read == "query":
            return dict(request.get_query_params() or {}), sdk["api"], supplied
        # The Huawei SDK (huaweicloudsdkims.v2): a request's body, or a body model, without
        # the members set to None.
        if read == "huawei-request":
            body = request.body
            return ({} if body is None else _huawei(body)), sdk["api"], supplied
        if read == "huawei-model":
            return _huawei(request), sdk["api"], supplied
    modules = sorted({sdk["module"] for sdk in _sdk_classes()})
    raise TypeError(
        "reqlint.lint() takes a dict, JSON text (str or bytes), or a create-image request "
        f"object of {', '.join(modules)}; not {module}.{name}"
    )


def _huawei(value: Any) -> Any:
    """A Huawei SDK model as the SDK serialises it: members by their wire names, `None` left
    out."""
    if isinstance(value, list):
        return [_huawei(v) for v in value]
    if isinstance(value, dict):
        return {k: _huawei(v) for k, v in value.items() if v is not None}
    types = getattr(value, "openapi_types", None)
    names = getattr(value, "attribute_map", None)
    if isinstance(types, dict) and isinstance(names, dict):
        out = {}
        for attribute in types:
            v = getattr(value, attribute, None)
            if v is not None:
                out[names.get(attribute, attribute)] = _huawei(v)
        return out
    return value
