"""The dashboard's figures as tables: one definition serves the page, its charts and the CSV
downloads, so the three cannot disagree."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from flask import url_for
from flask_babel import format_decimal
from flask_babel import gettext as _

from consult.amendments.models import AmendmentStatus
from consult.dashboard import queries
from consult.organisations.models import SizeClass, Tier
from consult.speerpunten.models import SECTIONS

Number = int | float | None


@dataclass(frozen=True)
class Cell:
    """A value as the page shows it (`text`) and as the CSV file holds it (`raw`)."""

    value: Number | str
    text: str
    raw: str

    @property
    def is_number(self) -> bool:
        return not isinstance(self.value, str)


def count(value: int) -> Cell:
    return Cell(value, str(value), str(value))


def decimal(value: float | None) -> Cell:
    # One decimal: days and percentages are not more precise than that. The page writes
    # Dutch numbers (2,5); the CSV file machine-readable ones (2.5).
    if value is None:
        return Cell(None, _("geen"), "")
    rounded = round(value, 1)
    return Cell(rounded, format_decimal(rounded, "#,##0.0"), f"{rounded:.1f}")


def text(value: str) -> Cell:
    return Cell(value, value, value)


@dataclass(frozen=True)
class Row:
    header: str
    cells: list[Cell]
    href: str | None = None
    # Rows about a tier keep the tier's colour in the charts.
    tier: Tier | None = None


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    caption: str
    explanation: str
    columns: list[str]  # the first heads the row headers
    rows: list[Row]
    # Indexes into `columns` of the columns that get a bar chart.
    charted: list[int] = field(default_factory=list)
    # Chart titles where "<column> per <row heading>" does not read well.
    chart_titles: dict[int, str] = field(default_factory=dict)
    # Why a table has no chart, where it has none.
    note: str = ""
    # At most this many rows on the page (the CSV file has them all), for lists that grow
    # with the activity: at national scale thousands of amendments.
    shown: int | None = None
    # The number of rows of the whole table, where `rows` holds only the page's (see build).
    row_count: int | None = None

    @property
    def page_rows(self) -> list[Row]:
        return self.rows if self.shown is None else self.rows[: self.shown]

    @property
    def total_rows(self) -> int:
        return len(self.rows) if self.row_count is None else self.row_count

    @property
    def truncated(self) -> bool:
        return len(self.page_rows) < self.total_rows

    @property
    def numeric_columns(self) -> list[bool]:
        """Per column, whether it holds numbers (aligned to the right, headings too)."""
        first = self.rows[0].cells if self.rows else []
        return [False] + [cell.is_number for cell in first]

    @property
    def filename(self) -> str:
        return f"afstemmingsmonitor-{self.slug}.csv"

    def csv_rows(self) -> list[list[str]]:
        return [self.columns] + [[row.header, *(cell.raw for cell in row.cells)]
                                 for row in self.rows]


def tier_label(tier: Tier) -> str:
    # Only the label asked for is translated: the CSV download asks once per amendment.
    if tier == Tier.RIJK:
        return _("Rijk")
    if tier == Tier.PROVINCIE:
        return _("Provincie")
    if tier == Tier.GEMEENTE:
        return _("Gemeente")
    return _("Partner")


def tiers_text(tiers: tuple[Tier, ...]) -> str:
    return ", ".join(tier_label(t) for t in tiers) or _("geen")


def status_label(status: AmendmentStatus) -> str:
    return {AmendmentStatus.PENDING: _("In behandeling"),
            AmendmentStatus.ACCEPTED: _("Overgenomen"),
            AmendmentStatus.REJECTED: _("Niet overgenomen"),
            AmendmentStatus.WITHDRAWN: _("Ingetrokken")}[status]


def _participation_table(slug: str, title: str, caption: str, explanation: str, heading: str,
                         rows: list[queries.Participation], label, with_total: bool,
                         tiers: bool = False) -> Table:
    columns = [heading, _("Actieve organisaties")]
    if with_total:
        columns.append(_("Organisaties in totaal"))
    columns += [_("Reacties"), _("Amendementen"), _("Steunbetuigingen")]
    table_rows = []
    for row in rows:
        cells = [count(row.organisations_active)]
        if with_total:
            cells.append(count(row.organisations_total))
        cells += [count(row.comments), count(row.amendments), count(row.supports)]
        table_rows.append(Row(label(row.key), cells, tier=row.key if tiers else None))
    # Every column but the total of organisations gets a chart.
    charted = [1, 3, 4, 5] if with_total else [1, 2, 3, 4]
    return Table(slug, title, caption, explanation, columns, table_rows, charted)


def build(figures: queries.Figures, page_only: bool = False) -> list[Table]:
    """Every table of the dashboard, in the order of the page. With `page_only`, a table
    that the page truncates gets only the rows the page shows (and their number in all):
    formatting thousands of rows per request that nobody sees made the page slow."""
    speerpunten = figures.speerpunt_by_id
    per_amendment = queries.support_per_amendment(figures)
    amendment_rows_shown = 50
    listed_amendments = per_amendment[:amendment_rows_shown] if page_only else per_amendment
    active = _("Een organisatie is actief als zij minstens één reactie, amendement of "
               "steunbetuiging inbracht.")

    def region_label(key: Hashable) -> str:
        return _("Landelijk (geen regio)") if key is queries.NO_REGION else str(key)

    def size_label(key: Hashable) -> str:
        return {SizeClass.KLEIN: _("Kleine gemeenten"), SizeClass.GROOT: _("Grote gemeenten")
                }.get(key, _("Grootte onbekend"))  # type: ignore[call-overload]

    tables = [
        _participation_table(
            "deelname-per-bestuurslaag", _("Deelname per bestuurslaag"),
            _("Deelname per bestuurslaag: actieve organisaties en hun inbreng"), active,
            _("Bestuurslaag"), queries.participation_by_tier(figures), tier_label,
            with_total=True, tiers=True),
        _participation_table(
            "deelname-per-regio", _("Deelname per regio"),
            _("Deelname per regio: actieve organisaties en hun inbreng"),
            _("Ministeries en landelijke organisaties horen bij geen regio."),
            _("Regio"), queries.participation_by_region(figures), region_label,
            with_total=True),
        _participation_table(
            "deelname-per-grootteklasse", _("Deelname van kleine en grote gemeenten"),
            _("Deelname van gemeenten naar grootteklasse"),
            _("Alleen gemeenten: kleine en grote gemeenten overleggen per thema apart."),
            _("Grootteklasse"), queries.participation_by_size_class(figures), size_label,
            with_total=True),
        _participation_table(
            "deelname-per-speerpunt", _("Deelname per speerpunt"),
            _("Deelname per speerpunt: actieve organisaties en hun inbreng"), active,
            _("Speerpunt"), queries.participation_by_speerpunt(figures),
            lambda key: speerpunten[key].title, with_total=False),
    ]

    tables.append(Table(
        "onderschrijvingen-per-bestuurslaag", _("Onderschrijvingen per bestuurslaag"),
        _("Onderschrijvingen van vastgestelde speerpunten per bestuurslaag"),
        _("Een organisatie onderschrijft een vastgesteld speerpunt één keer."),
        [_("Bestuurslaag"), _("Onderschrijvingen"), _("Organisaties die onderschreven"),
         _("Organisaties in totaal")],
        [Row(tier_label(r.tier), [count(r.endorsements), count(r.organisations_endorsing),
                                  count(r.organisations_total)], tier=r.tier)
         for r in queries.endorsements_by_tier(figures)],
        charted=[1]))

    # The order of the chart titles below.
    statuses = [AmendmentStatus.PENDING, AmendmentStatus.ACCEPTED, AmendmentStatus.REJECTED,
                AmendmentStatus.WITHDRAWN]
    tables.append(Table(
        "amendementen-per-status", _("Amendementen per status en bestuurslaag"),
        _("Amendementen naar status, per bestuurslaag van de indiener"),
        _("Ingetrokken amendementen tellen mee: ook die waren inbreng."),
        [_("Bestuurslaag")] + [status_label(s) for s in statuses] + [_("Totaal")],
        [Row(tier_label(r.tier), [count(r.by_status[s]) for s in statuses] + [count(r.total)],
             tier=r.tier)
         for r in queries.amendments_by_status(figures)],
        charted=list(range(1, len(statuses) + 1)),
        chart_titles=dict(enumerate([
            _("Amendementen in behandeling per bestuurslaag"),
            _("Overgenomen amendementen per bestuurslaag"),
            _("Niet overgenomen amendementen per bestuurslaag"),
            _("Ingetrokken amendementen per bestuurslaag")], start=1))))

    tables.append(Table(
        "overgenomen-wijzigingen", _("Overgenomen wijzigingen"),
        _("Overgenomen amendementen per bestuurslaag van de indiener"),
        _("Welke bestuurslagen de wijzigingen aandroegen die in de tekst terechtkwamen."),
        [_("Bestuurslaag"), _("Overgenomen"), _("Waarvan met wijzigingen"),
         _("Aandeel van alle overgenomen (%)")],
        [Row(tier_label(r.tier), [count(r.accepted), count(r.modified), decimal(r.share)],
             tier=r.tier)
         for r in queries.accepted_by_tier(figures)],
        charted=[1]))

    tables.append(Table(
        "steun-per-speerpunt", _("Steun over de bestuurslagen heen, per speerpunt"),
        _("Steun voor amendementen per speerpunt, naar bestuurslaag van de steunbetuigers"),
        _("De bestuurslaag van de indiener telt niet mee: alleen wie een amendement van een "
          "ander steunt."),
        [_("Speerpunt"), _("Amendementen"), _("Met steun"),
         _("Met steun uit twee of meer bestuurslagen"), _("Steunende bestuurslagen"),
         _("Welke bestuurslagen")],
        [Row(r.speerpunt.title, [count(r.amendments), count(r.supported),
                                 count(r.across_tiers), count(len(r.tiers)),
                                 text(tiers_text(r.tiers))])
         for r in queries.support_per_speerpunt(figures, per_amendment)],
        charted=[4, 3]))

    tables.append(Table(
        "steun-per-amendement", _("Steun per amendement"),
        _("Steun per amendement, breedst gesteund eerst"),
        _("De bestuurslaag van de indiener telt niet mee als steunende bestuurslaag."),
        [_("Amendement"), _("Speerpunt"), _("Sectie"), _("Status"), _("Indiener"),
         _("Bestuurslaag indiener"), _("Steunbetuigingen"), _("Steunende organisaties"),
         _("Steunende bestuurslagen"), _("Welke bestuurslagen")],
        [Row(_("Amendement %(id)s", id=r.amendment.id),
             [text(speerpunten[r.amendment.speerpunt_id].title),
              text(SECTIONS[r.amendment.section]), text(status_label(r.amendment.status)),
              text(figures.organisations[r.amendment.organisation_id].name),
              text(tier_label(r.proposer_tier)), count(r.supports), count(r.organisations),
              count(len(r.tiers)), text(tiers_text(r.tiers))],
             href=url_for("amendments.detail", amendment_id=r.amendment.id))
         for r in listed_amendments],
        # A chart of a list that grows with every amendment would not stay readable.
        note=_("Deze tabel heeft geen grafiek: de lijst groeit met elk amendement."),
        shown=amendment_rows_shown, row_count=len(per_amendment)))

    tables.append(Table(
        "reactietijden-ministeries", _("Reactietijden van de ministeries"),
        _("Formele reacties van de ministeries: mediane reactietijd en verstreken termijnen"),
        _("De reactietijd loopt van het indienen van een amendement tot de eerste formele "
          "reactie van het ministerie. Termijn verstreken: amendementen in behandeling op de "
          "speerpunten van het ministerie, zonder reactie van het ministerie na afloop van de "
          "reactietermijn."),
        [_("Ministerie"), _("Verantwoordelijk voor"), _("Beantwoorde amendementen"),
         _("Mediaan reactietijd (dagen)"), _("Termijn verstreken zonder reactie")],
        [Row(r.organisation.name,
             [text(", ".join(sp.title for sp in r.speerpunten) or _("geen")),
              count(r.responded), decimal(r.median_days), count(r.overdue)])
         for r in queries.response_times(figures)],
        charted=[3, 4]))
    return tables
