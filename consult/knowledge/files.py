"""Checking uploaded documents by what they contain, not by what they are called.

A file is accepted when its extension is one of CONTENT_TYPES and its bytes are what that
extension promises: PDF starts with %PDF-; the Office Open XML formats are ZIP archives with
[Content_Types].xml and the part of their application (word/, xl/, ppt/); OpenDocument is a ZIP
archive whose `mimetype` member names the type; the old Office formats are OLE2 compound files
that hold the application's stream. What the browser claims as content type is ignored: it is
derived from the file name on the sender's machine, so it says nothing the extension doesn't.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext, lazy_gettext

from consult.core.i18n import LabelMap, format_number
from consult.knowledge.models import CONTENT_TYPES, MAX_ATTACHMENT_BYTES

MAX_FILENAME = 200
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# Characters that mean something in paths, headers or shells; never part of a stored name.
_UNSAFE_CHARACTERS = set('"\\/:*?<>|;%')

LABELS: LabelMap[str] = LabelMap({
    "pdf": "PDF", "docx": "Word", "xlsx": "Excel", "pptx": "PowerPoint",
    "odt": lazy_gettext("OpenDocument-tekst"), "ods": lazy_gettext("OpenDocument-rekenblad"),
    "odp": lazy_gettext("OpenDocument-presentatie"), "doc": "Word", "xls": "Excel",
    "ppt": "PowerPoint",
})


@dataclass(frozen=True)
class Upload:
    """A file as it arrived: the name the sender gave it and (at most 10 MB + 1 of) its bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    size: int
    sha256: str
    data: bytes


def _inspect_zip(data: bytes, inspect: Callable[[zipfile.ZipFile], bool]) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return inspect(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            RuntimeError, NotImplementedError, KeyError):
        # Damaged, encrypted or otherwise unreadable: not the document it claims to be.
        return False


def _ooxml(folder: str) -> Callable[[bytes], bool]:
    def check(data: bytes) -> bool:
        def inspect(archive: zipfile.ZipFile) -> bool:
            names = archive.namelist()
            return "[Content_Types].xml" in names and any(
                name.startswith(folder) for name in names)
        return _inspect_zip(data, inspect)
    return check


def _odf(extension: str) -> Callable[[bytes], bool]:
    expected = CONTENT_TYPES[extension].encode("ascii")

    def check(data: bytes) -> bool:
        def inspect(archive: zipfile.ZipFile) -> bool:
            try:
                member = archive.getinfo("mimetype")
            except KeyError:
                return False
            # Only a short member is read, so a crafted archive cannot make us inflate much.
            return member.file_size <= 100 and archive.read(member).strip() == expected
        return _inspect_zip(data, inspect)
    return check


def _ole2(*streams: str) -> Callable[[bytes], bool]:
    # The directory of a compound file names its streams in UTF-16LE; the stream of the
    # application (WordDocument, Workbook, PowerPoint Document) tells the formats apart.
    names = [stream.encode("utf-16-le") for stream in streams]

    def check(data: bytes) -> bool:
        return data.startswith(OLE2_MAGIC) and any(name in data for name in names)
    return check


CONTENT_CHECKS: dict[str, Callable[[bytes], bool]] = {
    "pdf": lambda data: data.startswith(b"%PDF-"),
    "docx": _ooxml("word/"),
    "xlsx": _ooxml("xl/"),
    "pptx": _ooxml("ppt/"),
    "odt": _odf("odt"),
    "ods": _odf("ods"),
    "odp": _odf("odp"),
    "doc": _ole2("WordDocument"),
    "xls": _ole2("Workbook", "Book"),
    "ppt": _ole2("PowerPoint Document"),
}


def clean_filename(raw: str) -> str:
    """The last path component, without control or unsafe characters, at most 200 long."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(" " if unicodedata.category(ch)[0] == "Z" else ch for ch in name
                   if unicodedata.category(ch)[0] != "C")
    name = "".join("_" if ch in _UNSAFE_CHARACTERS else ch for ch in name)
    name = " ".join(name.split()).rstrip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = stem.strip(" .") or "bijlage"
    extension = extension.lower()
    room = MAX_FILENAME - (len(extension) + 1 if extension else 0)
    stem = stem[:room].rstrip(" .") or "bijlage"
    return f"{stem}.{extension}" if extension else stem


def extension_of(filename: str) -> str:
    stem, dot, extension = filename.rpartition(".")
    return extension.lower() if dot and stem else ""


def check_upload(upload: Upload) -> tuple[CheckedFile | None, str | None]:
    """Check one file; returns the file ready to store, or the reason to refuse it in the
    reader's language."""
    filename = clean_filename(upload.filename)
    extension = extension_of(filename)
    shown = filename[:80]
    if extension not in CONTENT_TYPES:
        return None, gettext("‘%(name)s’: dit soort bestand kan niet. Voeg een PDF-, Word-, "
                             "Excel-, PowerPoint- of OpenDocument-bestand toe.", name=shown)
    data = upload.data
    if not data:
        return None, gettext("‘%(name)s’ is leeg.", name=shown)
    if len(data) > MAX_ATTACHMENT_BYTES:
        return None, gettext("‘%(name)s’ is groter dan 10 MB; dat is het maximum per bestand.",
                             name=shown)
    if not CONTENT_CHECKS[extension](data):
        return None, gettext("‘%(name)s’ is geen %(kind)s-bestand: de inhoud past niet bij de "
                             "extensie .%(extension)s.", name=shown, kind=LABELS[extension],
                             extension=extension)
    return CheckedFile(filename=filename, content_type=CONTENT_TYPES[extension], size=len(data),
                       sha256=hashlib.sha256(data).hexdigest(), data=data), None


def describe_size(size: int) -> str:
    """A file size as people read it, in the notation of the reader's language."""
    if size < 1024:
        return gettext("%(size)s bytes", size=format_number(size))
    if size < 1024 * 1024:
        return f"{format_number(round(size / 1024))} kB"
    return f"{format_number(size / (1024 * 1024), '#,##0.0')} MB"
