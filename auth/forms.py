"""OAuth2 requests: the form read once on the event loop, handed to authlib.

RFC 6749 §3.2 forbids repeating a parameter; authlib can only see a
repetition if its request keeps every value, so the form is kept as the
list of pairs it was sent as.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import parse_qsl

from authlib.oauth2.rfc6749 import InvalidRequestError, OAuth2Payload, OAuth2Request
from starlette.datastructures import Headers
from starlette.requests import Request

FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
# Token requests are a few short fields; anything bigger is not one.
MAX_FORM_BYTES = 16 * 1024
MAX_FORM_FIELDS = 32


@dataclass(frozen=True)
class FormRequest:
    """An HTTP request to an OAuth endpoint, read and immutable."""

    method: str
    uri: str
    headers: Headers
    form: list[tuple[str, str]]


async def read_form_request(request: Request, uri: str) -> FormRequest:
    """Read `request`'s url-encoded body once; `uri` is the public endpoint URL.

    The public URL (from settings) rather than the one the request came in
    on: behind a TLS-terminating proxy only the former says https.
    """
    media_type = request.headers.get("content-type", "").split(";")[0].strip()
    if media_type.lower() != FORM_MEDIA_TYPE:
        raise InvalidRequestError(f"The body must be {FORM_MEDIA_TYPE}.")
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit() or int(declared) > MAX_FORM_BYTES:
        raise InvalidRequestError("The body is too large.")

    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise InvalidRequestError("The body is too large.")
    try:
        form = parse_qsl(
            body.decode("utf-8"),
            keep_blank_values=True,
            errors="strict",
            max_num_fields=MAX_FORM_FIELDS,
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidRequestError("The body is not a valid form.") from exc
    return FormRequest(request.method, uri, request.headers, form)


def repeated_parameters(form: list[tuple[str, str]]) -> list[str]:
    """Names sent more than once, in order of first repetition."""
    seen: set[str] = set()
    repeated: list[str] = []
    for name, _ in form:
        if name in seen and name not in repeated:
            repeated.append(name)
        seen.add(name)
    return repeated


class FormPayload(OAuth2Payload):  # type: ignore[misc]
    """The parameters as authlib reads them: first values, and every value."""

    def __init__(self, form: list[tuple[str, str]]) -> None:
        self._datalist: defaultdict[str, list[str]] = defaultdict(list)
        for name, value in form:
            self._datalist[name].append(value)
        self._data = {name: values[0] for name, values in self._datalist.items()}

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        return self._datalist


class GatewayOAuth2Request(OAuth2Request):  # type: ignore[misc]
    """authlib's request over a `FormRequest`; built in the worker thread."""

    def __init__(self, request: FormRequest) -> None:
        super().__init__(request.method, request.uri, headers=request.headers)
        self.payload = FormPayload(request.form)

    @property
    def args(self) -> dict[str, str]:
        return {}

    @property
    def form(self) -> dict[str, str]:
        data: dict[str, str] = self.payload.data
        return data
