"""Where the CSV files come from: a folder or a zip, and its manifest.

OneRoster 1.1 and 1.2 sets carry `manifest.csv` saying, per file, whether
it is `bulk`, `delta` or `absent`; 1.0 sets have none, so every file
present is read as bulk.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from connectors.oneroster.errors import RosterUnreadable

# The files the importer reads, in the order it reads them: every file is
# read after those it refers to.
FILES = (
    "orgs",
    "academicSessions",
    "courses",
    "classes",
    "demographics",
    "roles",
    "users",
    "enrollments",
)

BULK = "bulk"
DELTA = "delta"
ABSENT = "absent"

_CHUNK = 1 << 16


@dataclass
class Manifest:
    """The manifest's properties that matter here."""

    oneroster_version: str = "1.0"
    # Processing mode by file name (without `.csv`), lower-cased keys.
    modes: dict[str, str] = field(default_factory=dict)

    def mode(self, name: str) -> str:
        """`bulk`, `delta` or `absent` for the file `name`."""
        return self.modes.get(name.lower(), BULK)


class RosterSource:
    """A OneRoster CSV set in a folder or a zip; files are opened as text."""

    def __init__(self, path: Path, *, max_unpacked_bytes: int | None = None) -> None:
        """Open `path`; a zip whose CSV files unpack past the cap is refused."""
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._names: dict[str, str] = {}
        if path.is_dir():
            for child in path.iterdir():
                if child.is_file() and child.suffix.lower() == ".csv":
                    self._names[child.stem.lower()] = child.name
        elif path.is_file():
            try:
                self._zip = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError) as exc:
                raise RosterUnreadable(str(path), "not a zip file") from exc
            unpacked = 0
            for info in self._zip.infolist():
                name = info.filename.rsplit("/", 1)[-1]
                if not info.is_dir() and name.lower().endswith(".csv"):
                    self._names[name[:-4].lower()] = info.filename
                    unpacked += info.file_size
            # A few hundred kilobytes of zip can unpack to gigabytes of rows.
            # Limitation: the cap trusts the sizes the zip declares; zipfile
            # itself stops a member that unpacks past its declared size.
            if max_unpacked_bytes is not None and unpacked > max_unpacked_bytes:
                self._zip.close()
                raise RosterUnreadable(
                    str(path), f"unpacks to more than {max_unpacked_bytes} bytes"
                )
        else:
            raise RosterUnreadable(str(path), "no such file or folder")
        if not self._names:
            raise RosterUnreadable(str(path), "no CSV files")

    def close(self) -> None:
        """Release the zip file, if any."""
        if self._zip is not None:
            self._zip.close()

    def has(self, name: str) -> bool:
        """True when the set holds `name`.csv (any letter case)."""
        return name.lower() in self._names

    def file_name(self, name: str) -> str:
        """The member's own spelling, for reject reports."""
        return self._names[name.lower()].rsplit("/", 1)[-1]

    @contextlib.contextmanager
    def open_binary(self, name: str) -> Iterator[IO[bytes]]:
        """The raw bytes of `name`.csv."""
        member = self._names[name.lower()]
        if self._zip is not None:
            with self._zip.open(member) as handle:
                yield handle
        else:
            with (self.path / member).open("rb") as handle:
                yield handle

    @contextlib.contextmanager
    def open_text(self, name: str) -> Iterator[IO[str]]:
        """`name`.csv as text: UTF-8, a BOM dropped, newlines left to csv."""
        with self.open_binary(name) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            try:
                yield text
            finally:
                text.detach()

    def content_hash(self) -> str:
        """SHA-256 over the files the importer reads, read in chunks."""
        digest = hashlib.sha256()
        for name in ("manifest", *FILES):
            if not self.has(name):
                continue
            digest.update(name.lower().encode() + b"\0")
            with self.open_binary(name) as handle:
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
            digest.update(b"\0")
        return digest.hexdigest()

    def manifest(self) -> Manifest:
        """The set's manifest, or the 1.0 default of all-bulk without one."""
        manifest = Manifest()
        if not self.has("manifest"):
            return manifest
        with self.open_text("manifest") as text:
            for row in csv.reader(text):
                if len(row) < 2:
                    continue
                key, value = row[0].strip(), row[1].strip()
                if key == "oneroster.version":
                    manifest.oneroster_version = value
                elif key.startswith("file."):
                    manifest.modes[key[5:].lower()] = value.lower()
        return manifest
