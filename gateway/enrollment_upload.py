"""`POST /enrollment/imports`: a university uploads its OneRoster zip.

The university is the one the bearer token's partner speaks for, never
one named in the request. The body is spooled to a temporary file as it
arrives, so memory stays flat whatever its size, and imported in one
transaction like the CLI does. `?dryRun=true` and `?strict=true` work as
the CLI's options.

Limitation: the import runs inside the request (bounded by
MAX_UPLOAD_BYTES); very large rosters belong on the CLI.
"""

from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import Response

from auth.caller import Caller
from auth.scopes import ENROLLMENT_WRITE
from auth.verify import AccessTokenVerifier, InvalidToken
from connectors.oneroster import ImportOptions, RosterError, RosterSource, import_source
from gateway.db.engine import RequestDatabase
from gateway.settings import Settings

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
# Unpacked CSV a single upload may hold: room for a few hundred thousand
# students; larger rosters go through the CLI.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
REALM = "alumni-gateway"


def _error(status: int, code: str, message: str, **headers: str) -> Response:
    body = {"error": {"code": code, "message": message}}
    return Response(
        json.dumps(body), status, media_type="application/json", headers=headers
    )


class EnrollmentUpload:
    """The upload endpoint: authenticate, spool, import, answer with the run."""

    def __init__(self, settings: Settings, engine: AsyncEngine) -> None:
        self.engine = engine
        self.verifier = AccessTokenVerifier(settings, engine)

    async def handle(self, request: Request) -> Response:
        """Handle one upload."""
        caller = await self._caller(request)
        if isinstance(caller, Response):
            return caller
        if not caller.can(ENROLLMENT_WRITE):
            return _error(403, "FORBIDDEN", f"The token lacks {ENROLLMENT_WRITE}.")
        if caller.university_id is None:
            return _error(403, "FORBIDDEN", "Only universities import enrollment.")
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES:
            return _too_large()

        try:
            options = ImportOptions(
                dry_run=_flag(request, "dryRun"), strict=_flag(request, "strict")
            )
        except ValueError as exc:
            return _error(400, "BAD_REQUEST", str(exc))
        with tempfile.TemporaryDirectory(prefix="roster-") as folder:
            path = Path(folder) / "upload.zip"
            size = 0
            with path.open("wb") as spool:
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > MAX_UPLOAD_BYTES:
                        return _too_large()
                    spool.write(chunk)
            try:
                source = RosterSource(path, max_unpacked_bytes=MAX_UNPACKED_BYTES)
            except RosterError as exc:
                return _error(400, "BAD_REQUEST", f"The body is not usable: {exc}")
            try:
                report = await import_source(
                    self.engine, source, caller.university_id, options
                )
            except RosterError as exc:
                return _error(422, "ROSTER_REFUSED", str(exc))
            finally:
                source.close()

        body: dict[str, Any] = report.as_dict()
        status = 422 if report.status == "rejected" else 200
        return Response(json.dumps(body), status, media_type="application/json")

    async def _caller(self, request: Request) -> Caller | Response:
        header = request.headers.get("authorization", "")
        kind, _, token = header.partition(" ")
        if kind.lower() != "bearer" or not token.strip():
            return _error(
                401,
                "UNAUTHENTICATED",
                "Use `Authorization: Bearer <access token>`.",
                **{"WWW-Authenticate": f'Bearer realm="{REALM}"'},
            )
        database = RequestDatabase(self.engine)
        try:
            return await self.verifier.verify(token.strip(), database)
        except InvalidToken as exc:
            return _error(
                401,
                "UNAUTHENTICATED",
                f"Invalid access token: {exc.reason}.",
                **{
                    "WWW-Authenticate": f'Bearer realm="{REALM}", error="invalid_token"'
                },
            )
        finally:
            await database.close()


def _flag(request: Request, name: str) -> bool:
    value = request.query_params.get(name, "").lower()
    if value in ("", "0", "false", "no"):
        return False
    if value in ("1", "true", "yes"):
        return True
    # Guessing would be worst for dryRun: an unclear value must not write.
    raise ValueError(f"`{name}` must be true or false")


def _too_large() -> Response:
    return _error(
        413, "PAYLOAD_TOO_LARGE", f"Uploads are capped at {MAX_UPLOAD_BYTES} bytes."
    )
