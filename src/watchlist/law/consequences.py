"""What a hit means for a financial institution, by kind of designation, as data.

An OFAC SDN hit obliges the bank to block and report within 10 business days; a State FTO
designation adds the material-support crime and the duty to retain funds; an SSI or CMIC entry
only restricts certain dealings and must NOT be blocked; a UN listing binds member states, which
implement the freeze in their own law. The table below states each consequence with its legal
citation and official source, so an alert can tell the analyst what to do and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from watchlist.law.asof import designations_in_force
from watchlist.law.programs import (
    CSL_URL,
    ListKind,
    Measure,
    apply_program_law,
    list_kinds,
    programs_of,
    un_regimes,
)
from watchlist.model import Authority, Designation, Entity


class Action(StrEnum):
    BLOCK = "block"  # freeze: hold the funds, do not release
    REJECT = "reject"  # refuse the transaction; nothing is held
    REPORT = "report"  # tell the authority
    REVIEW = "review"  # look into it: the measure is conditional or not a bank's to apply
    RESTRICT = "restrict"  # only some dealings are prohibited or need a licence


@dataclass(frozen=True, slots=True)
class AppliesTo:
    """Which designations a consequence follows from. Every non-empty field must match;
    `programs` matches any one of the designation's program tags or UN regime codes."""

    text: str  # for people: "OFAC SDN List, any program"
    lists: tuple[ListKind, ...] = ()
    programs: tuple[str, ...] = ()
    remark_pattern: str | None = None  # a regular expression the entity's remarks must match
    # A measure the list must state where it states the sanctions imposed (the UK list gives
    # "Asset freeze, Travel Ban, ..." per designation; parsers keep it as `sanctions_imposed`).
    imposed: str | None = None


@dataclass(frozen=True, slots=True)
class Consequence:
    code: str
    title: str
    description: str
    citation: str
    applies_to: AppliesTo
    action: Action
    deadline: str | None = None
    source_url: str | None = None


_ECFR = "https://www.ecfr.gov/current/title-31/section-"
_USC = "https://www.law.cornell.edu/uscode/text/"
# Revised Guidance on Entities Owned by Persons Whose Property and Interests in Property Are
# Blocked (13 Aug 2014); treasury.gov addresses redirect to ofac.treasury.gov.
_OFAC_50 = "https://www.treasury.gov/resource-center/sanctions/Documents/licensing_guidance.pdf"
_NON_SDN = "https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists"
_CSL = CSL_URL
_SDN = (ListKind.OFAC_SDN,)

_TABLE: tuple[Consequence, ...] = (
    # OFAC SDN List, whatever the program
    Consequence(
        "OFAC-SDN-BLOCK",
        "Block property and interests in property",
        "Property and interests in property of the listed person that are in the United States "
        "or in the possession or control of a U.S. person are blocked: they may not be "
        "transferred, paid, exported, withdrawn or otherwise dealt in; hold blocked funds in a "
        "blocked, interest-bearing account. Entities owned 50% or more, in aggregate, by blocked "
        "persons are blocked too (OFAC guidance of 13 August 2014).",
        "IEEPA (50 U.S.C. §1702) and the program's executive order or statute; "
        "31 CFR 501.603; OFAC 50% rule guidance (13 Aug 2014)",
        AppliesTo("OFAC SDN List, any program", _SDN),
        Action.BLOCK,
        None,
        _OFAC_50,
    ),
    Consequence(
        "OFAC-SDN-REPORT",
        "Report blocked property to OFAC",
        "Report the blocked property to OFAC within 10 business days of blocking, and include "
        "it in the annual report of blocked property held as of 30 June, due by 30 September.",
        "31 CFR 501.603(b)",
        AppliesTo("OFAC SDN List, any program", _SDN),
        Action.REPORT,
        "10 business days from the date the property was blocked",
        _ECFR + "501.603",
    ),
    Consequence(
        "OFAC-SDN-REJECT",
        "Reject and prohibit dealings",
        "U.S. persons may not deal with the listed person, directly or indirectly, unless OFAC "
        "authorises it. A prohibited transaction in which there is no blockable interest is "
        "rejected, and the rejection reported to OFAC within 10 business days.",
        "31 CFR 501.604; the program's prohibitions",
        AppliesTo("OFAC SDN List, any program", _SDN),
        Action.REJECT,
        "10 business days from the date of the rejected transaction",
        _ECFR + "501.604",
    ),
    # State Department FTO designation (INA §219)
    Consequence(
        "FTO-MATERIAL-SUPPORT",
        "Material support to an FTO is a federal crime",
        "Knowingly providing material support or resources (any property, currency, financial "
        "services, lodging, training, personnel ...) to a designated Foreign Terrorist "
        "Organization, or attempting or conspiring to do so, is a crime punishable by up to 20 "
        "years' imprisonment (life if a death results). Refuse any service that would reach the "
        "organisation.",
        "18 U.S.C. §2339B(a)(1)",
        AppliesTo("State Department FTO designation (INA §219)", (ListKind.STATE_FTO,)),
        Action.REJECT,
        None,
        _USC + "18/2339B",
    ),
    Consequence(
        "FTO-RETAIN-FUNDS",
        "Retain possession or control of the funds",
        "A financial institution that becomes aware that it has possession or control of funds "
        "in which an FTO or its agent has an interest must retain possession or control of "
        "them; failing to do so carries civil penalties.",
        "18 U.S.C. §2339B(a)(2), (b); 31 CFR part 597",
        AppliesTo("State Department FTO designation (INA §219)", (ListKind.STATE_FTO,)),
        Action.BLOCK,
        None,
        _USC + "18/2339B",
    ),
    Consequence(
        "FTO-REPORT",
        "Report the funds to OFAC",
        "The financial institution must report the existence of such funds to the Secretary of "
        "the Treasury (OFAC), as the regulations prescribe.",
        "18 U.S.C. §2339B(a)(2)(B); 31 CFR part 597",
        AppliesTo("State Department FTO designation (INA §219)", (ListKind.STATE_FTO,)),
        Action.REPORT,
        None,
        _USC + "18/2339B",
    ),
    Consequence(
        "FTO-INADMISSIBILITY",
        "Members and representatives are inadmissible to the United States",
        "Representatives and members of a designated FTO, and those who provide it material "
        "support, are inadmissible to (and may be removed from) the United States: relevant to "
        "customer due diligence on individuals linked to the organisation.",
        "INA §212(a)(3)(B) (8 U.S.C. §1182(a)(3)(B))",
        AppliesTo("State Department FTO designation (INA §219)", (ListKind.STATE_FTO,)),
        Action.REVIEW,
        None,
        _USC + "8/1182",
    ),
    # SDGT (EO 13224)
    Consequence(
        "SDGT-BLOCK",
        "Blocking under EO 13224",
        "Property and interests in property of the Specially Designated Global Terrorist are "
        "blocked, and making or receiving contributions of funds, goods or services to or for "
        "its benefit is prohibited.",
        "EO 13224 §§1-2; 31 CFR part 594",
        AppliesTo("program SDGT", programs=("SDGT",)),
        Action.BLOCK,
        None,
        "https://www.ecfr.gov/current/title-31/subtitle-B/chapter-V/part-594",
    ),
    Consequence(
        "SDGT-SECONDARY-SANCTIONS",
        "Secondary sanctions risk for foreign financial institutions",
        "OFAC's entry states 'Secondary sanctions risk:' under EO 13224: a foreign financial "
        "institution that knowingly conducts or facilitates a significant transaction for or on "
        "behalf of the party risks a prohibition or strict conditions on its U.S. correspondent "
        "or payable-through accounts.",
        "EO 13224, as amended by EO 13886 (as cited in the entry's remarks)",
        AppliesTo(
            "program SDGT, where OFAC's remarks state 'Secondary sanctions risk:'",
            programs=("SDGT",),
            remark_pattern=r"Secondary sanctions risk:[^;]*13224",
        ),
        Action.REVIEW,
        None,
        "https://ofac.treasury.gov/sanctions-programs-and-country-information/counter-terrorism-sanctions",
    ),
    Consequence(
        "OFAC-SECONDARY-SANCTIONS",
        "Secondary sanctions risk (as stated in the entry)",
        "OFAC's entry states 'Secondary sanctions risk:' with the provision it cites: non-U.S. "
        "persons, foreign financial institutions in particular, that deal with the party risk "
        "sanctions themselves.",
        "the provision cited in the entry's remarks",
        AppliesTo(
            "an OFAC entry whose remarks state 'Secondary sanctions risk:' (other than EO 13224)",
            lists=(*_SDN, ListKind.OFAC_SSI, ListKind.OFAC_NS_MBS),
            remark_pattern=r"Secondary sanctions risk:(?![^;]*13224)",
        ),
        Action.REVIEW,
        None,
        "https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists",
    ),
    # Kingpin Act
    Consequence(
        "KINGPIN-BLOCK",
        "Blocking under the Kingpin Act",
        "All property and interests in property of the significant foreign narcotics trafficker "
        "within U.S. jurisdiction are blocked, and U.S. persons may not engage in transactions "
        "with it.",
        "21 U.S.C. §1904(b)-(c); 31 CFR part 598",
        AppliesTo("program SDNTK (Kingpin Act)", programs=("SDNTK",)),
        Action.BLOCK,
        None,
        _USC + "21/1904",
    ),
    Consequence(
        "KINGPIN-PENALTIES",
        "Civil and criminal penalties",
        "Violations carry civil penalties; wilful violations are crimes: entities face fines of "
        "up to $10,000,000, individuals imprisonment of up to 10 years, and officers, directors "
        "or agents who knowingly participate up to 30 years. Do not deal.",
        "21 U.S.C. §1906",
        AppliesTo("program SDNTK (Kingpin Act)", programs=("SDNTK",)),
        Action.REJECT,
        None,
        _USC + "21/1906",
    ),
    # OFAC Non-SDN lists: restrictions, NOT blocking
    Consequence(
        "OFAC-SSI-DIRECTIVE",
        "Sectoral sanctions: only the directive's transactions are prohibited",
        "Not blocking: do not freeze. U.S. persons may not engage in the transactions the "
        "entry's directive prohibits (e.g. new debt or new equity beyond the stated maturity "
        "under Directives 1-4 of EO 13662); other dealings are allowed. Entities owned 50% or "
        "more by SSI parties are subject to the same directive.",
        "EO 13662; Directives 1-4 under EO 13662; 31 CFR part 589",
        AppliesTo("OFAC Sectoral Sanctions Identifications (SSI) List", (ListKind.OFAC_SSI,)),
        Action.RESTRICT,
        None,
        _NON_SDN,
    ),
    Consequence(
        "OFAC-NS-MBS",
        "Menu-based sanctions: only the selected measures apply",
        "Not blocking: do not freeze. Only the measures OFAC selected for the party apply, as "
        "the entry's remarks state (e.g. EO 14024 directives on new debt or equity, CAATSA "
        "section 235 menu measures, foreign-exchange prohibitions).",
        "the authority named in the entry (e.g. EO 14024 directives; CAATSA §235)",
        AppliesTo("OFAC Non-SDN Menu-Based Sanctions (NS-MBS) List", (ListKind.OFAC_NS_MBS,)),
        Action.RESTRICT,
        None,
        _NON_SDN,
    ),
    Consequence(
        "OFAC-CMIC",
        "Securities prohibition (Chinese Military-Industrial Complex Companies)",
        "Not blocking: do not freeze. U.S. persons may not purchase or sell publicly traded "
        "securities of the listed company, or securities derivative of them or designed to give "
        "investment exposure to them; divestment is allowed within the stated wind-down period.",
        "EO 13959, as amended by EO 14032; 31 CFR part 586",
        AppliesTo("OFAC Non-SDN CMIC List", (ListKind.OFAC_CMIC,)),
        Action.RESTRICT,
        None,
        _NON_SDN,
    ),
    Consequence(
        "OFAC-PLC",
        "Palestinian Legislative Council member: review",
        "Not blocking: do not freeze unless the person is also on the SDN List. The person is a "
        "PLC member elected on the slate of Hamas or another designated terrorist group; OFAC's "
        "general licences for dealings with the Palestinian Authority do not reach transactions "
        "with them. Review before processing.",
        "31 CFR parts 594, 595 and 597 (general licences concerning the Palestinian Authority)",
        AppliesTo("OFAC Non-SDN Palestinian Legislative Council List", (ListKind.OFAC_PLC,)),
        Action.REVIEW,
        None,
        _NON_SDN,
    ),
    Consequence(
        "OFAC-CAPTA",
        "No correspondent or payable-through account",
        "Not blocking. U.S. financial institutions may not open or maintain a correspondent "
        "account or payable-through account for the listed foreign financial institution, or "
        "only on the strict conditions the entry states.",
        "31 CFR 561.201 and the other authority named in the entry",
        AppliesTo("OFAC CAPTA List", (ListKind.OFAC_CAPTA,)),
        Action.RESTRICT,
        None,
        _ECFR + "561.201",
    ),
    Consequence(
        "OFAC-FSE",
        "Foreign Sanctions Evader: transactions prohibited, property not blocked",
        "Not blocking: do not freeze. U.S. persons may not engage in transactions with the "
        "listed person involving goods, services or technology in or related to the United "
        "States; reject such transactions.",
        "EO 13608",
        AppliesTo("OFAC Foreign Sanctions Evaders (FSE) List", (ListKind.OFAC_FSE,)),
        Action.REJECT,
        None,
        _NON_SDN,
    ),
    # UK
    Consequence(
        "UK-ASSET-FREEZE",
        "Asset freeze under SAMLA 2018",
        "Freeze funds and economic resources owned, held or controlled by the designated "
        "person, and make none available to them or for their benefit, including to entities "
        "they own or control, unless OFSI licenses it (where the designation imposes an asset "
        "freeze; the UK list states the sanctions imposed).",
        "Sanctions and Anti-Money Laundering Act 2018; the regime's regulations",
        AppliesTo(
            "UK Sanctions List, where the designation imposes an asset freeze",
            (ListKind.UK,),
            imposed="asset freeze",
        ),
        Action.BLOCK,
        None,
        "https://www.gov.uk/government/organisations/office-of-financial-sanctions-implementation",
    ),
    Consequence(
        "UK-REPORT-OFSI",
        "Report to OFSI",
        "A relevant firm must report to OFSI as soon as practicable when it knows or has "
        "reasonable cause to suspect that a person is designated or has breached the "
        "regulations, with the information it holds and the nature and amount of any frozen "
        "funds.",
        "the regime's regulations under SAMLA 2018 (reporting obligations)",
        AppliesTo("UK Sanctions List", (ListKind.UK,)),
        Action.REPORT,
        "as soon as practicable",
        "https://www.gov.uk/government/organisations/office-of-financial-sanctions-implementation",
    ),
    Consequence(
        "UK-STATED-MEASURES",
        "Other sanctions the designation imposes",
        "Apply the other measures the UK list states for the designation under 'Sanctions "
        "Imposed' (trust services sanctions, director disqualification, travel ban, shipping "
        "sanctions, prohibition of port entry, ...). A designation without an asset freeze (e.g. "
        "a ship under shipping sanctions) is not frozen, but these restrictions still apply.",
        "the regime's regulations under SAMLA 2018",
        AppliesTo("UK Sanctions List", (ListKind.UK,)),
        Action.RESTRICT,
        None,
        "https://www.gov.uk/government/publications/the-uk-sanctions-list",
    ),
    # EU
    Consequence(
        "EU-ASSET-FREEZE",
        "Asset freeze under the EU regime",
        "Freeze all funds and economic resources belonging to, owned, held or controlled by the "
        "listed person, and make none available to them, directly or indirectly.",
        "Article 215 TFEU; the regime's Council Regulation",
        AppliesTo("EU Consolidated Financial Sanctions List", (ListKind.EU,)),
        Action.BLOCK,
        None,
        "https://www.sanctionsmap.eu/",
    ),
    Consequence(
        "EU-REPORT",
        "Report to the national competent authority",
        "Report frozen funds and any information that would facilitate compliance to the "
        "competent authority of the member state where you are established.",
        "the regime's Council Regulation (information and reporting article)",
        AppliesTo("EU Consolidated Financial Sanctions List", (ListKind.EU,)),
        Action.REPORT,
        "without delay",
        "https://www.sanctionsmap.eu/",
    ),
    # BIS and State export lists: licence requirements, not blocking
    Consequence(
        "BIS-DPL-DENIAL",
        "Export privileges denied",
        "The person's export privileges are denied: no one may take part in an export, "
        "reexport or transfer of items subject to the EAR involving the denied person. Not a "
        "financial freeze; reject trade transactions that would breach the denial order.",
        "15 CFR part 764; the person's denial order",
        AppliesTo("BIS Denied Persons List", (ListKind.BIS_DPL,)),
        Action.REJECT,
        None,
        "https://www.bis.gov/licensing/guidance-on-end-user-and-end-use-controls-and-us-person-controls",
    ),
    Consequence(
        "BIS-ENTITY-LIST",
        "Licence requirement for items subject to the EAR",
        "Exports, reexports and in-country transfers of items subject to the EAR to the listed "
        "party need a BIS licence, under the licence review policy stated in the entry (often "
        "a presumption of denial). Not blocking: payments are not frozen.",
        "15 CFR 744.11; 15 CFR part 744, Supplement No. 4",
        AppliesTo("BIS Entity List", (ListKind.BIS_ENTITY_LIST,)),
        Action.RESTRICT,
        None,
        "https://www.ecfr.gov/current/title-15/part-744",
    ),
    Consequence(
        "BIS-UVL",
        "Unverified List: statement required, no licence exceptions",
        "Before exporting to the party, obtain its UVL statement; licence exceptions are not "
        "available. Not blocking.",
        "15 CFR 744.15",
        AppliesTo("BIS Unverified List", (ListKind.BIS_UVL,)),
        Action.RESTRICT,
        None,
        "https://www.ecfr.gov/current/title-15/section-744.15",
    ),
    Consequence(
        "BIS-MEU",
        "Military end-user licence requirement",
        "Exports of the items listed in Supplement No. 2 to part 744 to the listed military "
        "end user need a licence. Not blocking.",
        "15 CFR 744.21",
        AppliesTo("BIS Military End-User List", (ListKind.BIS_MEU,)),
        Action.RESTRICT,
        None,
        "https://www.ecfr.gov/current/title-15/section-744.21",
    ),
    Consequence(
        "STATE-ITAR-DEBARRED",
        "Debarred from defence trade",
        "The person may not take part, directly or indirectly, in the export of defence "
        "articles or defence services. Not blocking.",
        "22 CFR 127.7",
        AppliesTo("State Department ITAR Debarred list", (ListKind.STATE_ITAR_DEBARRED,)),
        Action.RESTRICT,
        None,
        "https://www.ecfr.gov/current/title-22/section-127.7",
    ),
    Consequence(
        "STATE-NONPROLIFERATION",
        "Nonproliferation sanctions: measures per determination",
        "The measures depend on the determination under the statute cited (e.g. INKSNA): "
        "typically bans on U.S. government procurement, assistance and export licences. Review "
        "the Federal Register notice. Not blocking unless also on the SDN List.",
        "the statute named in the entry (e.g. INKSNA)",
        AppliesTo("State nonproliferation sanctions", (ListKind.STATE_NONPROLIFERATION,)),
        Action.REVIEW,
        None,
        _CSL,
    ),
    # Lists watchlist has no table for: still never silent
    Consequence(
        "LISTED-REVIEW",
        "Listed: review under your institution's policy",
        "The party is on a list for which watchlist states no legal consequence (an internal "
        "list or another authority's). Review the hit under your institution's policy.",
        "the listing authority's instrument",
        AppliesTo("internal and other lists", (ListKind.INTERNAL, ListKind.OTHER)),
        Action.REVIEW,
    ),
)

_UN_MEASURE_TEXT: dict[Measure, tuple[str, str, Action]] = {
    Measure.ASSET_FREEZE: (
        "Asset freeze",
        "Member states must freeze without delay the funds, financial assets and economic "
        "resources of the listed party and ensure none are made available to it. A bank "
        "applies the freeze through the national law that implements it (an EU regulation, UK "
        "regulations, an OFAC designation).",
        Action.BLOCK,
    ),
    Measure.TRAVEL_BAN: (
        "Travel ban",
        "Member states must prevent the listed individual's entry into or transit through "
        "their territory. Not a bank's measure to apply, but part of the customer's risk.",
        Action.REVIEW,
    ),
    Measure.ARMS_EMBARGO: (
        "Arms embargo",
        "Member states must prevent the supply, sale or transfer of arms and related materiel, "
        "and related technical advice, assistance or training, to the listed party: relevant "
        "to trade finance.",
        Action.RESTRICT,
    ),
}


def _un_consequences() -> tuple[Consequence, ...]:
    made: list[Consequence] = []
    for regime in un_regimes():
        for measure in regime.measures:
            title, description, action = _UN_MEASURE_TEXT[measure]
            citation = ", ".join(regime.legal_basis) + " (UN Charter, Chapter VII)"
            made.append(
                Consequence(
                    code=f"UN-{regime.tag}-{measure.name.replace('_', '-')}",
                    title=f"{title} ({regime.title})",
                    description=description,
                    citation=citation,
                    applies_to=AppliesTo(
                        f"UN Security Council: {regime.title}", (ListKind.UN_SC,), (regime.tag,)
                    ),
                    action=action,
                    source_url=regime.url,
                )
            )
    return tuple(made)


_ALL: tuple[Consequence, ...] = _TABLE + _un_consequences()


def consequence_table() -> tuple[Consequence, ...]:
    """Every consequence watchlist knows, in the order alerts list them."""
    return _ALL


def _keys(designation: Designation) -> frozenset[str]:
    keys = {" ".join(tag.upper().split()) for tag in designation.programs}
    keys.update(program.tag.upper() for program in programs_of(designation))
    return frozenset(keys)


def _applies(
    consequence: Consequence,
    kinds: tuple[ListKind, ...],
    keys: frozenset[str],
    remarks: tuple[str, ...],
    imposed: tuple[str, ...] = (),
) -> bool:
    rule = consequence.applies_to
    if rule.lists and not set(rule.lists) & set(kinds):
        return False
    if rule.programs and not {p.upper() for p in rule.programs} & keys:
        return False
    if rule.imposed and imposed and rule.imposed not in imposed:
        return False
    return not (
        rule.remark_pattern is not None
        and not any(re.search(rule.remark_pattern, remark) for remark in remarks)
    )


_IMPOSED = "sanctions_imposed"


def consequences_of(designation: Designation, entity: Entity) -> tuple[Consequence, ...]:
    """The consequences one designation of `entity` carries."""
    kinds = list_kinds(designation, entity.source)
    keys = _keys(designation)
    if designation.authority is Authority.UN_SC and not any(
        c.applies_to.lists == (ListKind.UN_SC,) and _applies(c, kinds, keys, ()) for c in _ALL
    ):
        kinds = (*kinds, ListKind.OTHER)  # a UN regime watchlist cannot name: still review
    # OFAC's sanctions remarks ("Secondary sanctions risk: ...") may sit in the entity's remarks
    # or in the designation's note, depending on the parser.
    texts = (*entity.remarks, designation.note) if designation.note else entity.remarks
    imposed = tuple(value.strip().lower() for label, value in entity.extra if label == _IMPOSED)
    return tuple(c for c in _ALL if _applies(c, kinds, keys, texts, imposed))


def consequences_for(entity: Entity, as_of: date | None = None) -> list[Consequence]:
    """What a hit on `entity` obliges, from the designations in force on `as_of` (all current
    designations when None), each consequence once, in table order."""
    entity = apply_program_law(entity)
    found: set[str] = set()
    for designation in designations_in_force(entity, as_of):
        found.update(c.code for c in consequences_of(designation, entity))
    return [c for c in _ALL if c.code in found]


def is_blocking(designation: Designation, source: str | None = None) -> bool:
    """Whether the designation blocks property under US law (the SDN List or State's FTO
    designation): the persons whose holdings count under OFAC's 50% rule."""
    return bool({ListKind.OFAC_SDN, ListKind.STATE_FTO} & set(list_kinds(designation, source)))
