"""The handreiking as a Word document (DOCX), for municipalities that adapt the text into
their own policy documents. Named `word` so that it does not shadow the `docx` package."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from flask_babel import force_locale, format_datetime

from consult.exports import DOCUMENT_LOCALE
from consult.exports.queries import Agenda
from consult.speerpunten.models import SECTIONS

LANGUAGE = "nl-NL"
# The elements that follow w:updateFields in w:settings (ECMA-376, CT_Settings).
_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)
ACCENT = RGBColor(0x15, 0x42, 0x73)


def _date(value) -> str:
    return format_datetime(value, "d MMMM yyyy")


def _paragraphs(text: str) -> list[str]:
    # Paragraphs are separated by a blank line, as on the site; a single line break inside
    # a paragraph is collapsed to a space there too.
    return [" ".join(p.split("\n")).strip() for p in (text or "").split("\n\n") if p.strip()]


def _fld_char(paragraph: Paragraph, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(element)


def _instruction(paragraph: Paragraph, instruction: str) -> None:
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = f" {instruction} "
    paragraph.add_run()._r.append(element)


def _simple_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A field such as PAGE whose value Word fills in; the placeholder shows until it does."""
    _fld_char(paragraph, "begin")
    _instruction(paragraph, instruction)
    _fld_char(paragraph, "separate")
    paragraph.add_run(placeholder)
    _fld_char(paragraph, "end")


def _set_language(document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)


def _update_fields_on_open(document) -> None:
    # Asks Word to compute the table of contents and page numbers when the file is opened.
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    # Word refuses a settings part whose elements are out of the schema's order.
    document.settings.element.insert_element_before(element, *_AFTER_UPDATE_FIELDS)


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.4)
    section.left_margin, section.right_margin = Cm(2.4), Cm(2.0)
    # The title page has no page number.
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Pagina ")
    _simple_field(footer, "PAGE", "1")
    footer.add_run(" van ")
    _simple_field(footer, "NUMPAGES", "1")
    for style_name in ("Heading 1", "Heading 2", "Title"):
        document.styles[style_name].font.color.rgb = ACCENT
    document.styles["Normal"].font.size = Pt(10.5)


def _title_page(document, agenda: Agenda) -> None:
    kicker = document.add_paragraph("Handreiking voor gemeenten")
    kicker.paragraph_format.space_before = Pt(120)
    document.add_paragraph("Gemeenschappelijke Integratieagenda", style="Title")
    document.add_paragraph("Rijk, provincies en gemeenten schrijven samen één integratieagenda: "
                           "niet opleggen, maar afstemmen.", style="Subtitle")
    if agenda.all_adopted:
        document.add_paragraph("Vastgestelde tekst van alle opgenomen speerpunten.")
    elif agenda.speerpunten:
        document.add_paragraph("Stand van zaken: niet alle opgenomen speerpunten zijn "
                               "vastgesteld. Bij elk speerpunt staat de fase en de versie van "
                               "de tekst.")
    document.add_paragraph(f"Samengesteld op {_date(agenda.generated_at)} uit het "
                           "consultatieplatform.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _table_of_contents(document, agenda: Agenda) -> None:
    document.add_paragraph("Inhoud", style="TOC Heading")
    if not agenda.speerpunten:
        document.add_paragraph("Er zijn nog geen speerpunten die u kunt inzien. Zodra "
                               "speerpunten zijn vastgesteld, verschijnen ze in deze "
                               "handreiking.")
        return
    # A Word table of contents over headings 1 and 2. Until Word updates it, it shows the
    # speerpunten without page numbers, so the document reads well in any program.
    entries = [f"{index}. {sp.title}" for index, sp in enumerate(agenda.speerpunten, start=1)]
    first = document.add_paragraph()
    _fld_char(first, "begin")
    _instruction(first, 'TOC \\o "1-2" \\h \\z \\u')
    _fld_char(first, "separate")
    first.add_run(entries[0])
    last = first
    for entry in entries[1:]:
        last = document.add_paragraph(entry)
    _fld_char(last, "end")


def _speerpunt(document, index: int, sp) -> None:
    heading = document.add_heading(f"{index}. {sp.title}", level=1)
    heading.paragraph_format.page_break_before = True
    meta = [f"Fase: {sp.phase.label}",
            f"Tekst: versie {sp.version} van {_date(sp.version_date)}"]
    if sp.responsible:
        meta.append("Verantwoordelijke departementen: " + ", ".join(sp.responsible))
    document.add_paragraph("\n".join(meta), style="No Spacing")
    if not sp.adopted:
        notice = document.add_paragraph()
        notice.paragraph_format.space_before = Pt(6)
        notice.add_run("Deze tekst is nog niet vastgesteld en kan nog veranderen.").italic = True
    for key, section_heading in SECTIONS.items():
        document.add_heading(section_heading, level=2)
        for paragraph in _paragraphs(sp.sections[key]):
            document.add_paragraph(paragraph)
    document.add_heading("Overgenomen amendementen", level=2)
    if not sp.changes:
        document.add_paragraph("Er zijn geen amendementen op dit speerpunt overgenomen.")
        return
    columns = ["Versie", "Sectie", "Amendement", "Ingediend door", "Besluit"]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = document.styles["Light List Accent 1"]
    for cell, label in zip(table.rows[0].cells, columns, strict=True):
        cell.text = label
    _repeat_as_header(table.rows[0])
    for change in sp.changes:
        cells = table.add_row().cells
        cells[0].text = str(change.version)
        cells[1].text = change.section_heading
        cells[2].text = f"Amendement {change.amendment_id}"
        cells[3].text = f"{change.organisation.name} ({change.organisation.tier_label})"
        cells[4].text = f"{change.decision_label}, {_date(change.decided_at)}"


def agenda_docx(agenda: Agenda) -> bytes:
    """The handreiking as DOCX: title page, a table of contents, every speerpunt with its
    four sections under Word headings, and per speerpunt the accepted amendments."""
    # Labels (phases, tiers, section headings) and dates follow the locale of the moment.
    with force_locale(DOCUMENT_LOCALE):
        return _build(agenda)


def _build(agenda: Agenda) -> bytes:
    document = Document()
    _set_language(document)
    _update_fields_on_open(document)
    properties = document.core_properties
    properties.title = "Gemeenschappelijke Integratieagenda – Handreiking"
    properties.subject = "De speerpunten van de Gemeenschappelijke Integratieagenda"
    properties.author = "Gemeenschappelijke Integratieagenda: rijk, provincies en gemeenten"
    properties.keywords = "integratie, integratieagenda, rijk, provincies, gemeenten"
    properties.language = LANGUAGE
    properties.created = agenda.generated_at
    _page_setup(document)
    _title_page(document, agenda)
    _table_of_contents(document, agenda)
    for index, sp in enumerate(agenda.speerpunten, start=1):
        _speerpunt(document, index, sp)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
