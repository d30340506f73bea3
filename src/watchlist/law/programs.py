"""Designations as law: which authority and which instrument stand behind a list's program tag.

OFAC tags each SDN entry with the programs it is listed under (`SDGT`, `SDNTK`, `FTO`,
`RUSSIA-EO14024`); the UN marks each entry with its sanctions regime through the reference
number (`QDi.317` = ISIL (Da'esh) & Al-Qaida, resolutions 1267/1989/2253). This module is the
project's one table from those tags to authority, legal instrument and a human title, and the
rules that tell what kind of list a designation sits on (SDN List, a Non-SDN list, State's FTO
list, a BIS export list, ...), which decides what a hit means (see `consequences`).

Facts come from the public record: OFAC's program tag definitions, the executive orders and
statutes named, and the UN Security Council sanctions committees' pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from watchlist.model import Authority, Designation, Entity

OFAC_TAGS_URL = (
    "https://ofac.treasury.gov/specially-designated-nationals-list-sdn-list/"
    "program-tag-definitions-for-ofac-sanctions-lists"
)
STATE_FTO_URL = "https://www.state.gov/foreign-terrorist-organizations"
UN_SANCTIONS_URL = "https://main.un.org/securitycouncil/en/sanctions/information"
UK_SANCTIONS_URL = "https://www.gov.uk/government/publications/the-uk-sanctions-list"
EU_SANCTIONS_URL = "https://www.sanctionsmap.eu/"
CSL_URL = "https://www.trade.gov/consolidated-screening-list"

FTO_LIST_NAME = "Foreign Terrorist Organizations"
INA_219 = "INA §219"


class Measure(StrEnum):
    """What a UN regime imposes on listed parties (each regime's resolutions say which)."""

    ASSET_FREEZE = "asset freeze"
    TRAVEL_BAN = "travel ban"
    ARMS_EMBARGO = "arms embargo"


@dataclass(frozen=True, slots=True)
class Program:
    """One sanctions program or regime as the law defines it.

    `mapped` is False for a tag that is not in watchlist's table: the record still says who
    listed the party and, where the tag names an executive order (`CUBA-EO14404`), which one.
    """

    tag: str
    authority: Authority
    title: str
    legal_basis: tuple[str, ...] = ()
    regulations: str | None = None  # implementing regulations: "31 CFR part 594"
    measures: tuple[Measure, ...] = ()  # UN regimes only
    url: str | None = None
    note: str | None = None
    mapped: bool = True


def _ofac(
    tag: str,
    title: str,
    basis: tuple[str, ...],
    regulations: str | None = None,
    note: str | None = None,
    authority: Authority = Authority.OFAC,
) -> Program:
    return Program(tag, authority, title, basis, regulations, (), OFAC_TAGS_URL, note)


# Every tag that occurs in the OFAC SDN and Consolidated (Non-SDN) files under shared/data
# (2019, 2021, 2024-05, 2026 excerpt, Consolidated 2025-03 and 2025-12) and the US
# Consolidated Screening List samples; tests/law/test_programs.py checks that none is missing.
_OFAC_PROGRAMS: tuple[Program, ...] = (
    # Terrorism
    _ofac("SDGT", "Specially Designated Global Terrorist", ("EO 13224",), "31 CFR part 594",
          "Designated by the Secretary of State or the Secretary of the Treasury."),
    _ofac("FTO", "Foreign Terrorist Organization", (INA_219,), "31 CFR part 597",
          "Designated by the Secretary of State (8 U.S.C. §1189); OFAC carries the tag on the "
          "SDN List and administers the blocking of funds.", Authority.STATE),
    _ofac("SDT", "Specially Designated Terrorist (Middle East peace process)", ("EO 12947",),
          "31 CFR part 595"),
    _ofac("HIFPAA", "Hizballah International Financing Prevention Act",
          ("Hizballah International Financing Prevention Act of 2015",), "31 CFR part 566"),
    # Narcotics and organised crime
    _ofac("SDNTK", "Specially Designated Narcotics Trafficker Kingpin",
          ("Kingpin Act (21 U.S.C. §1901-1908)",), "31 CFR part 598",
          "Foreign Narcotics Kingpin Designation Act of 1999."),
    _ofac("SDNT", "Specially Designated Narcotics Trafficker", ("EO 12978",), "31 CFR part 536"),
    _ofac("ILLICIT-DRUGS-EO14059", "Illicit drug trade", ("EO 14059",), "31 CFR part 599"),
    _ofac("TCO", "Transnational Criminal Organizations", ("EO 13581",), "31 CFR part 590",
          "EO 13581 as amended by EO 13863."),
    # Venezuela
    _ofac("VENEZUELA", "Venezuela-related", ("EO 13692",), "31 CFR part 591"),
    _ofac("VENEZUELA-EO13850", "Venezuela-related (EO 13850)", ("EO 13850",), "31 CFR part 591"),
    _ofac("VENEZUELA-EO13884", "Government of Venezuela", ("EO 13884",), "31 CFR part 591"),
    # Iran
    _ofac("IRAN", "Iranian Transactions and Sanctions Regulations (Government of Iran)",
          ("EO 13599",), "31 CFR part 560"),
    _ofac("IRGC", "Islamic Revolutionary Guard Corps-related", ("31 CFR part 561",),
          "31 CFR part 561", "Iranian Financial Sanctions Regulations."),
    _ofac("IFSR", "Iranian Financial Sanctions Regulations", ("CISADA §104",), "31 CFR part 561",
          "Foreign financial institutions dealing with the party risk correspondent-account "
          "sanctions (31 CFR 561.201)."),
    _ofac("561-RELATED", "Correspondent or payable-through account sanctions (CAPTA)",
          ("CISADA §104",), "31 CFR part 561", "Listed on the CAPTA List, not the SDN List."),
    _ofac("IFCA", "Iran Freedom and Counter-Proliferation Act",
          ("Iran Freedom and Counter-Proliferation Act of 2012",), "31 CFR part 560"),
    _ofac("ISA", "Iran Sanctions Act", ("Iran Sanctions Act of 1996",)),
    _ofac("IRAN-HR", "Iran human rights abuses", ("EO 13553",), "31 CFR part 562"),
    _ofac("IRAN-TRA", "Iran Threat Reduction (EO 13628)", ("EO 13628",), None,
          "Implements the Iran Threat Reduction and Syria Human Rights Act of 2012."),
    _ofac("IRAN-EO13846", "Iran-related (EO 13846)", ("EO 13846",), "31 CFR part 560"),
    _ofac("IRAN-EO13871", "Iran metals sectors", ("EO 13871",), "31 CFR part 560"),
    _ofac("IRAN-EO13876", "Supreme Leader of Iran and his office", ("EO 13876",),
          "31 CFR part 560"),
    _ofac("IRAN-EO13902", "Iran economic sectors", ("EO 13902",), "31 CFR part 560"),
    _ofac("IRAN-CON-ARMS-EO", "Iran conventional arms", ("EO 13949",)),
    _ofac("CAATSA - IRAN", "CAATSA: Iran", ("CAATSA Title I",), None,
          "Countering America's Adversaries Through Sanctions Act (Pub. L. 115-44)."),
    _ofac("HRIT-IR", "Human rights abuses via information technology: Iran", ("EO 13606",)),
    _ofac("HRIT-SY", "Human rights abuses via information technology: Syria", ("EO 13606",)),
    _ofac("FSE-IR", "Foreign Sanctions Evaders: Iran", ("EO 13608",), None,
          "Listed on the FSE List, not the SDN List."),
    _ofac("FSE-SY", "Foreign Sanctions Evaders: Syria", ("EO 13608",), None,
          "Listed on the FSE List, not the SDN List."),
    # Non-proliferation, North Korea
    _ofac("NPWMD", "Weapons of mass destruction proliferators", ("EO 13382",),
          "31 CFR part 544"),
    _ofac("DPRK", "North Korea", ("EO 13551",), "31 CFR part 510"),
    _ofac("DPRK2", "North Korea (EO 13687)", ("EO 13687",), "31 CFR part 510"),
    _ofac("DPRK3", "North Korea (EO 13722)", ("EO 13722",), "31 CFR part 510"),
    _ofac("DPRK4", "North Korea (EO 13810)", ("EO 13810",), "31 CFR part 510"),
    _ofac("DPRK-NKSPEA", "North Korea Sanctions and Policy Enhancement Act",
          ("North Korea Sanctions and Policy Enhancement Act of 2016",), "31 CFR part 510"),
    # Russia and Ukraine
    _ofac("RUSSIA-EO14024", "Russian harmful foreign activities", ("EO 14024",),
          "31 CFR part 587"),
    _ofac("BPI-RUSSIA-EO14024", "Blocked pending investigation (EO 14024)", ("EO 14024",),
          "31 CFR part 587"),
    _ofac("RUSSIA-EO14065", "Covered regions of Ukraine (EO 14065)", ("EO 14065",),
          "31 CFR part 589"),
    _ofac("UKRAINE-EO13660", "Ukraine-related (EO 13660)", ("EO 13660",), "31 CFR part 589"),
    _ofac("UKRAINE-EO13661", "Ukraine-related (EO 13661)", ("EO 13661",), "31 CFR part 589"),
    _ofac("UKRAINE-EO13662", "Ukraine-related (EO 13662)", ("EO 13662",), "31 CFR part 589",
          "On the Consolidated list this tag marks the Sectoral Sanctions Identifications (SSI) "
          "List and its directives."),
    _ofac("UKRAINE-EO13685", "Crimea region of Ukraine", ("EO 13685",), "31 CFR part 589"),
    _ofac("SSIDES", "Ukraine sovereignty act (SSIDES)",
          ("Sovereignty, Integrity, Democracy, and Economic Stability of Ukraine Act of 2014",),
          "31 CFR part 589"),
    _ofac("CAATSA - RUSSIA", "CAATSA: Russia", ("CAATSA Title II",), None,
          "Countering America's Adversaries Through Sanctions Act (Pub. L. 115-44)."),
    _ofac("PEESA", "Protecting Europe's Energy Security Act",
          ("Protecting Europe's Energy Security Act of 2019",)),
    _ofac("PEESA-EO14039", "European energy security (EO 14039)", ("EO 14039",)),
    _ofac("MAGNIT", "Sergei Magnitsky Act",
          ("Sergei Magnitsky Rule of Law Accountability Act of 2012",), "31 CFR part 584"),
    # Human rights, corruption, cyber, elections
    _ofac("GLOMAG", "Global Magnitsky", ("EO 13818",), "31 CFR part 583",
          "Implements the Global Magnitsky Human Rights Accountability Act."),
    _ofac("CYBER2", "Malicious cyber-enabled activities", ("EO 13694",), "31 CFR part 578",
          "EO 13694 as amended by EO 13757."),
    _ofac("ELECTION-EO13848", "Foreign interference in US elections", ("EO 13848",)),
    _ofac("UHRPA", "Uyghur Human Rights Policy Act", ("Uyghur Human Rights Policy Act of 2020",)),
    _ofac("HK-EO13936", "Hong Kong normalization", ("EO 13936",)),
    _ofac("HOSTAGES-EO14078", "Hostage-taking and wrongful detention", ("EO 14078",)),
    _ofac("CMIC-EO13959", "Chinese Military-Industrial Complex Companies", ("EO 13959",),
          "31 CFR part 586", "EO 13959 as amended by EO 14032; listed on the Non-SDN CMIC List."),
    _ofac("NS-PLC", "Non-SDN Palestinian Legislative Council List",
          ("31 CFR parts 594, 595 and 597",), None,
          "Members of the PLC elected on the slate of Hamas or another designated terrorist "
          "group; not blocked."),
    # Country programs
    _ofac("CUBA", "Cuba", ("Trading with the Enemy Act",), "31 CFR part 515",
          "Cuban Assets Control Regulations."),
    _ofac("SYRIA", "Syria", ("EO 13338",), "31 CFR part 542",
          "The tag also covers later Syria orders (EO 13399, 13460, 13572, 13573, 13582); the "
          "program was terminated by executive order on 30 June 2025."),
    _ofac("SYRIA-CAESAR", "Caesar Act (Syria)", ("Caesar Syria Civilian Protection Act of 2019",)),
    _ofac("SYRIA-EO13894", "Syria-related (EO 13894)", ("EO 13894",)),
    _ofac("IRAQ2", "Iraq (former regime assets)", ("EO 13315",), "31 CFR part 576"),
    _ofac("IRAQ3", "Iraq stabilization", ("EO 13438",), "31 CFR part 576"),
    _ofac("LEBANON", "Lebanon", ("EO 13441",), "31 CFR part 549"),
    _ofac("LIBYA2", "Libya (EO 13566)", ("EO 13566",), "31 CFR part 570"),
    _ofac("LIBYA3", "Libya (EO 13726)", ("EO 13726",), "31 CFR part 570"),
    _ofac("YEMEN", "Yemen", ("EO 13611",), "31 CFR part 552"),
    _ofac("SOMALIA", "Somalia", ("EO 13536",), "31 CFR part 551"),
    _ofac("SOUTH SUDAN", "South Sudan", ("EO 13664",), "31 CFR part 558"),
    _ofac("DARFUR", "Darfur", ("EO 13400",), "31 CFR part 546"),
    _ofac("SUDAN-EO14098", "Sudan (EO 14098)", ("EO 14098",)),
    _ofac("CAR", "Central African Republic", ("EO 13667",), "31 CFR part 553"),
    _ofac("DRCONGO", "Democratic Republic of the Congo", ("EO 13413",), "31 CFR part 547",
          "EO 13413 as amended by EO 13671."),
    _ofac("MALI-EO13882", "Mali", ("EO 13882",)),
    _ofac("ETHIOPIA-EO14046", "Ethiopia", ("EO 14046",)),
    _ofac("BURUNDI", "Burundi", ("EO 13712",), "31 CFR part 554",
          "Program terminated in November 2021."),
    _ofac("BURMA-EO14014", "Burma", ("EO 14014",), "31 CFR part 525"),
    _ofac("BELARUS", "Belarus", ("EO 13405",), "31 CFR part 548"),
    _ofac("BELARUS-EO14038", "Belarus (EO 14038)", ("EO 14038",), "31 CFR part 548"),
    _ofac("BALKANS", "Western Balkans", ("EO 13219",), "31 CFR part 588",
          "EO 13219 as amended by EO 13304."),
    _ofac("BALKANS-EO14033", "Western Balkans (EO 14033)", ("EO 14033",), "31 CFR part 588"),
    _ofac("NICARAGUA", "Nicaragua", ("EO 13851",), "31 CFR part 582"),
    _ofac("NICARAGUA-NHRAA", "Nicaragua Human Rights and Anticorruption Act",
          ("Nicaragua Human Rights and Anticorruption Act of 2018",), "31 CFR part 582"),
    _ofac("ZIMBABWE", "Zimbabwe", ("EO 13288",), "31 CFR part 541",
          "Program terminated on 4 March 2024."),
    _ofac("WEST-BANK-EO14115", "West Bank (EO 14115)", ("EO 14115",), None,
          "EO 14115 was revoked on 20 January 2025."),
    # State Department programs seen on the US Consolidated Screening List
    Program("INKSNA", Authority.STATE, "Iran, North Korea, and Syria Nonproliferation Act",
            ("Iran, North Korea, and Syria Nonproliferation Act",), None, (), CSL_URL),
    Program("CHEMICAL AND BIOLOGICAL WEAPONS ACT", Authority.STATE,
            "Chemical and Biological Weapons Control and Warfare Elimination Act",
            ("Chemical and Biological Weapons Control and Warfare Elimination Act of 1991",),
            None, (), CSL_URL),
)  # fmt: skip


def _un(
    prefix: str,
    title: str,
    basis: tuple[str, ...],
    measures: tuple[Measure, ...],
    note: str | None = None,
) -> Program:
    return Program(prefix, Authority.UN_SC, title, basis, None, measures, UN_SANCTIONS_URL, note)


_ALL_MEASURES = (Measure.ASSET_FREEZE, Measure.TRAVEL_BAN, Measure.ARMS_EMBARGO)
_FREEZE_TRAVEL = (Measure.ASSET_FREEZE, Measure.TRAVEL_BAN)

# UN regimes by the two-letter stem of the reference number (`QDi.317`: stem QD, i for
# individual, e for entity) and by the UN_LIST_TYPE the consolidated XML gives.
_UN_REGIMES: dict[str, tuple[str, Program]] = {
    "QD": ("Al-Qaida", _un("QD", "ISIL (Da'esh) and Al-Qaida sanctions",
                           ("UNSCR 1267", "UNSCR 1989", "UNSCR 2253"), _ALL_MEASURES)),
    "TA": ("Taliban", _un("TA", "Taliban sanctions (resolution 1988)",
                          ("UNSCR 1988",), _ALL_MEASURES)),
    "IR": ("Iran", _un("IR", "Iran sanctions",
                       ("UNSCR 1737", "UNSCR 2231"), _FREEZE_TRAVEL,
                       "Listed under the 2231 list until October 2023; the resolution 1737 "
                       "measures were reinstated in September 2025 under the snapback "
                       "provisions of resolution 2231.")),
    "KP": ("DPRK", _un("KP", "Democratic People's Republic of Korea sanctions",
                       ("UNSCR 1718",), _FREEZE_TRAVEL)),
    "IQ": ("Iraq", _un("IQ", "Iraq sanctions (resolution 1518 list)",
                       ("UNSCR 1483", "UNSCR 1518"), (Measure.ASSET_FREEZE,))),
    "CD": ("DRC", _un("CD", "Democratic Republic of the Congo sanctions",
                      ("UNSCR 1533",), _ALL_MEASURES)),
    "LY": ("Libya", _un("LY", "Libya sanctions", ("UNSCR 1970",), _ALL_MEASURES)),
    "SO": ("Somalia", _un("SO", "Al-Shabaab sanctions",
                          ("UNSCR 751", "UNSCR 2713"), _ALL_MEASURES,
                          "Resolution 2713 (2023) turned the Somalia regime into the "
                          "Al-Shabaab regime.")),
    "CF": ("CAR", _un("CF", "Central African Republic sanctions",
                      ("UNSCR 2127",), _ALL_MEASURES)),
    "HT": ("Haiti", _un("HT", "Haiti sanctions", ("UNSCR 2653",), _ALL_MEASURES)),
    "YE": ("Yemen", _un("YE", "Yemen sanctions",
                        ("UNSCR 2140", "UNSCR 2216"), _ALL_MEASURES)),
    "SD": ("Sudan", _un("SD", "Sudan sanctions", ("UNSCR 1591",), _ALL_MEASURES)),
    "SS": ("SouthSudan", _un("SS", "South Sudan sanctions",
                             ("UNSCR 2206",), _ALL_MEASURES)),
    "GB": ("GB", _un("GB", "Guinea-Bissau sanctions", ("UNSCR 2048",),
                     (Measure.TRAVEL_BAN,))),
    "ML": ("Mali", _un("ML", "Mali sanctions", ("UNSCR 2374",), _FREEZE_TRAVEL,
                       "The Mali regime ended in August 2023.")),
}  # fmt: skip

_UN_REFERENCE = re.compile(r"^([A-Z]{2})[ie](?:\.\d+)?$", re.IGNORECASE)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


_UN_LIST_TYPES = {_letters(list_type): stem for stem, (list_type, _) in _UN_REGIMES.items()}
_UN_LIST_TYPES.update({"isil": "QD", "daesh": "QD", "isildaeshandalqaida": "QD"})

_EO_IN_TAG = re.compile(r"EO\s?-?(\d{5})")


def _tag_key(tag: str) -> str:
    return " ".join(tag.upper().split())


_OFAC_BY_TAG: dict[str, Program] = {_tag_key(p.tag): p for p in _OFAC_PROGRAMS}


def ofac_programs() -> tuple[Program, ...]:
    """The OFAC (and US Consolidated Screening List) program table, in reading order."""
    return _OFAC_PROGRAMS


def un_regimes() -> tuple[Program, ...]:
    return tuple(program for _, program in _UN_REGIMES.values())


def un_regime(code: str) -> Program | None:
    """The UN regime for a reference number (`QDi.317`), its prefix (`KPe`) or a UN_LIST_TYPE
    (`Al-Qaida`, `SouthSudan`); None when the text names no regime."""
    text = code.strip()
    if match := _UN_REFERENCE.match(text):
        stem = match.group(1).upper()
        if stem in _UN_REGIMES:
            return _UN_REGIMES[stem][1]
    stem_for_type = _UN_LIST_TYPES.get(_letters(text))
    if stem_for_type is not None:
        return _UN_REGIMES[stem_for_type][1]
    return None


def _unmapped(tag: str, authority: Authority | None) -> Program:
    basis = tuple(f"EO {number}" for number in _EO_IN_TAG.findall(tag.upper()))
    return Program(
        tag=tag,
        authority=authority or Authority.OTHER,
        title=f"unmapped program {tag!r}",
        legal_basis=basis,
        note="Not in watchlist's program table (src/watchlist/law/programs.py): add it there."
        + (" The instrument is read from the tag itself." if basis else ""),
        mapped=False,
    )


def program_for(tag: str, authority: Authority | None = None) -> Program:
    """The program a list's tag stands for. Never raises: an unknown tag gives an unmapped
    record (`mapped=False`) that still names the authority."""
    if authority is Authority.UN_SC and (regime := un_regime(tag)) is not None:
        return regime
    if authority is Authority.UK:
        return Program(
            tag,
            Authority.UK,
            tag,
            ("Sanctions and Anti-Money Laundering Act 2018",),
            url=UK_SANCTIONS_URL,
            note="UK regime: regulations made under SAMLA 2018.",
        )
    if authority is Authority.EU:
        return Program(
            tag,
            Authority.EU,
            tag,
            ("Article 215 TFEU", "Article 29 TEU"),
            url=EU_SANCTIONS_URL,
            note="EU regime: a Council Decision (CFSP) and a Council Regulation.",
        )
    if authority is Authority.UN_SC:
        return _unmapped(tag, authority)
    program = _OFAC_BY_TAG.get(_tag_key(tag))
    if program is not None:
        return program
    if authority is None and (regime := un_regime(tag)) is not None:
        return regime  # OFAC's own tags (`IRAN`, `DPRK`, `CAR`) win over UN list types
    return _unmapped(tag, authority)


def programs_of(designation: Designation) -> tuple[Program, ...]:
    """The programs of one designation; a UN designation with no tags is read from its
    reference number."""
    found = [program_for(tag, designation.authority) for tag in designation.programs]
    if designation.authority is Authority.UN_SC and designation.reference:
        regime = un_regime(designation.reference)
        if regime is not None and regime not in found:
            found.append(regime)
    return tuple(found)


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))


def is_state_fto(designation: Designation) -> bool:
    return designation.authority is Authority.STATE and (
        "FTO" in designation.programs
        or INA_219 in designation.legal_basis
        or "foreign terrorist" in designation.list_name.lower()
    )


def apply_program_law(entity: Entity) -> Entity:
    """Fill each designation's legal basis from its program tags, and make the State
    Department's FTO designation explicit where OFAC's list carries the `FTO` tag.

    The SDN List tags Foreign Terrorist Organizations `FTO`, but the designation is the
    Secretary of State's under INA §219 and binds on its own (18 U.S.C. §2339B), so an entity
    with that tag gets a State designation too, unless it already has one, which is then marked
    with the tag and instrument. Pure and idempotent.
    """
    designations = [
        replace(d, legal_basis=_unique(d.legal_basis + _basis(d))) for d in entity.designations
    ]
    tagged = [d for d in designations if d.authority is not Authority.STATE and "FTO" in d.programs]
    if tagged:
        existing = [i for i, d in enumerate(designations) if is_state_fto(d)]
        if existing:
            for i in existing:
                d = designations[i]
                designations[i] = replace(
                    d,
                    programs=_unique((*d.programs, "FTO")),
                    legal_basis=_unique((*d.legal_basis, INA_219)),
                )
        else:
            carrier = tagged[0]
            designations.append(
                Designation(
                    authority=Authority.STATE,
                    list_name=FTO_LIST_NAME,
                    programs=("FTO",),
                    legal_basis=(INA_219,),
                    status=carrier.status,
                    delisted_on=carrier.delisted_on,
                    source_url=STATE_FTO_URL,
                    note=(
                        f"Designated by the Secretary of State under {INA_219}; inferred from "
                        f"the FTO tag on OFAC's {carrier.list_name}, which does not give State's "
                        "designation date."
                    ),
                )
            )
    result = tuple(designations)
    if result == entity.designations:
        return entity
    return entity.evolve(designations=result)


def _basis(designation: Designation) -> tuple[str, ...]:
    basis: list[str] = []
    for program in programs_of(designation):
        basis.extend(program.legal_basis)
    return tuple(basis)


class ListKind(StrEnum):
    """What kind of list a designation sits on: this, more than the program, decides what a
    hit obliges a bank to do (an SDN is blocked; an SSI entity is only restricted)."""

    OFAC_SDN = "OFAC SDN List"
    OFAC_SSI = "OFAC Sectoral Sanctions Identifications List"
    OFAC_NS_MBS = "OFAC Non-SDN Menu-Based Sanctions List"
    OFAC_CMIC = "OFAC Non-SDN Chinese Military-Industrial Complex Companies List"
    OFAC_PLC = "OFAC Non-SDN Palestinian Legislative Council List"
    OFAC_CAPTA = "OFAC Correspondent Account or Payable-Through Account Sanctions List"
    OFAC_FSE = "OFAC Foreign Sanctions Evaders List"
    STATE_FTO = "State Department Foreign Terrorist Organizations"
    STATE_ITAR_DEBARRED = "State Department ITAR Debarred"
    STATE_NONPROLIFERATION = "State Department Nonproliferation Sanctions"
    BIS_DPL = "BIS Denied Persons List"
    BIS_ENTITY_LIST = "BIS Entity List"
    BIS_UVL = "BIS Unverified List"
    BIS_MEU = "BIS Military End-User List"
    UN_SC = "UN Security Council Consolidated List"
    UK = "UK Sanctions List"
    EU = "EU Consolidated Financial Sanctions List"
    INTERNAL = "Internal list"
    OTHER = "Other list"


# Markers in list names as the parsers and the Consolidated Screening List write them
# ("Sectoral Sanctions Identifications List (SSI) - Treasury Department").
_NAME_MARKERS: tuple[tuple[ListKind, tuple[str, ...]], ...] = (
    (ListKind.OFAC_SSI, ("sectoral sanctions", "(ssi)", "ssi list")),
    (ListKind.OFAC_NS_MBS, ("menu-based", "ns-mbs")),
    (ListKind.OFAC_CMIC, ("military-industrial complex", "cmic")),
    (ListKind.OFAC_PLC, ("palestinian legislative", "(plc)", "ns-plc")),
    (ListKind.OFAC_CAPTA, ("capta", "payable-through", "(cap)")),
    (ListKind.OFAC_FSE, ("foreign sanctions evaders", "(fse)")),
    (ListKind.BIS_DPL, ("denied persons",)),
    (ListKind.BIS_ENTITY_LIST, ("entity list",)),
    (ListKind.BIS_UVL, ("unverified list",)),
    (ListKind.BIS_MEU, ("military end user", "military end-user")),
    (ListKind.STATE_ITAR_DEBARRED, ("itar debarred", "(dtc)", "debarred parties")),
    (ListKind.STATE_NONPROLIFERATION, ("nonproliferation sanctions", "(isn)")),
)
_NON_SDN_NAMES = ("non-sdn", "consolidated")
_NON_SDN_TAGS: dict[str, ListKind] = {
    "CMIC-EO13959": ListKind.OFAC_CMIC,
    "NS-PLC": ListKind.OFAC_PLC,
    "561-RELATED": ListKind.OFAC_CAPTA,
    "FSE-IR": ListKind.OFAC_FSE,
    "FSE-SY": ListKind.OFAC_FSE,
    "UKRAINE-EO13662": ListKind.OFAC_SSI,
}
# Tags that say why a party is also on the SDN List; on a Non-SDN entry they add no measure.
_BLOCKING_ONLY_TAGS = frozenset({"SDGT", "FTO", "SDT", "SDNTK", "SDNT"})


def list_kinds(designation: Designation, source: str | None = None) -> tuple[ListKind, ...]:
    """The list(s) a designation puts the party on. `source` is the entity's list id
    (`ofac-cons` entries are Non-SDN whatever their list name says)."""
    name = designation.list_name.lower()
    for kind, markers in _NAME_MARKERS:
        if any(marker in name for marker in markers):
            return (kind,)
    authority = designation.authority
    if authority is Authority.OFAC:
        if source == "ofac-cons" or any(marker in name for marker in _NON_SDN_NAMES):
            return _non_sdn_kinds(designation)
        return (ListKind.OFAC_SDN,)
    if authority is Authority.STATE:
        kinds: list[ListKind] = []
        if is_state_fto(designation):
            kinds.append(ListKind.STATE_FTO)
        if "sdn" in name or "specially designated nationals" in name:
            kinds.append(ListKind.OFAC_SDN)  # SDGTs designated by State sit on the SDN List
        return tuple(kinds) or (ListKind.OTHER,)
    simple = {
        Authority.UN_SC: ListKind.UN_SC,
        Authority.UK: ListKind.UK,
        Authority.EU: ListKind.EU,
        Authority.INTERNAL: ListKind.INTERNAL,
    }
    if authority in simple:
        return (simple[authority],)
    if "specially designated nationals" in name or "sdn list" in name:
        return (ListKind.OFAC_SDN,)
    return (ListKind.OTHER,)


def _non_sdn_kinds(designation: Designation) -> tuple[ListKind, ...]:
    kinds: list[ListKind] = []
    other = False
    for tag in designation.programs:
        key = _tag_key(tag)
        if key in _NON_SDN_TAGS:
            kinds.append(_NON_SDN_TAGS[key])
        elif key not in _BLOCKING_ONLY_TAGS:
            other = True
    if other or not kinds:
        kinds.append(ListKind.OFAC_NS_MBS)
    return tuple(dict.fromkeys(kinds))
