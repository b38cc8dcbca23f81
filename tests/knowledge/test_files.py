"""Attachments are judged by their content: the bytes must be what the extension promises."""

import pytest

from consult.knowledge.files import Upload, check_upload, clean_filename
from consult.knowledge.models import CONTENT_TYPES, MAX_ATTACHMENT_BYTES
from tests.knowledge import documents


@pytest.mark.parametrize("extension", sorted(documents.VALID))
def test_every_accepted_type_passes_with_its_own_content(extension):
    data = documents.VALID[extension]()
    checked, problem = check_upload(Upload(f"Verslag.{extension.upper()}", data))
    assert problem is None
    assert checked.content_type == CONTENT_TYPES[extension]
    assert checked.filename == f"Verslag.{extension}"
    assert checked.size == len(data) and len(checked.sha256) == 64


@pytest.mark.parametrize("filename, make", [
    ("notities.pdf", lambda: b"Dit is gewone tekst, geen PDF."),
    ("plan.docx", documents.zip_without_word),
    ("plan.docx", lambda: b"%PDF-1.4 pretending"),
    ("begroting.xlsx", documents.docx),
    ("dia.pptx", documents.xlsx),
    ("tekst.odt", lambda: documents.odf("ods")),
    ("rekenblad.ods", documents.docx),
    ("oud.doc", lambda: documents.ole2("Workbook")),
    ("oud.xls", lambda: documents.ole2("WordDocument")),
    ("oud.ppt", documents.pdf),
    ("kapot.docx", lambda: b"PK\x03\x04 not really a zip archive"),
])
def test_content_that_is_not_the_claimed_type_is_refused(filename, make):
    checked, problem = check_upload(Upload(filename, make()))
    assert checked is None
    assert "past niet bij de extensie" in problem and filename in problem


@pytest.mark.parametrize("filename", ["script.exe", "pagina.html", "foto.jpg", "zonder-extensie",
                                      "archief.zip", ".htaccess"])
def test_other_kinds_of_files_are_refused_by_name(filename):
    checked, problem = check_upload(Upload(filename, documents.pdf()))
    assert checked is None and "dit soort bestand kan niet" in problem


def test_files_over_ten_megabytes_and_empty_files_are_refused():
    exactly = b"%PDF-" + bytes(MAX_ATTACHMENT_BYTES - 5)
    assert check_upload(Upload("groot.pdf", exactly))[1] is None
    _checked, problem = check_upload(Upload("te-groot.pdf", exactly + b"x"))
    assert "groter dan 10 MB" in problem
    assert "is leeg" in check_upload(Upload("leeg.pdf", b""))[1]


@pytest.mark.parametrize("raw, clean", [
    ("C:\\Users\\anouk\\Aanpak taalcafé.PDF", "Aanpak taalcafé.pdf"),
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ('plan"; filename=evil.exe.pdf', "plan__ filename=evil.exe.pdf"),
    ("re\u202eport\r\n.pdf", "report.pdf"),
    ("  .pdf", "bijlage.pdf"),
    ("x" * 300 + ".docx", "x" * 195 + ".docx"),
])
def test_stored_file_names_are_safe(raw, clean):
    assert clean_filename(raw) == clean
