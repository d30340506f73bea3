"""OFAC's SDN.XML / CONSOLIDATED.XML read into plain records; `ofac.py` turns them into entities.

The schema (sdnList > publshInformation, sdnEntry*) has kept its element names since the 2000s
while its namespace moved (`http://tempuri.org/sdnList.xsd`, then
`https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML`), so elements are
matched by local name. Read with lxml's iterparse, one sdnEntry at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from watchlist.errors import SourceFormatError

SDN_TYPES = ("individual", "entity", "vessel", "aircraft")


@dataclass(frozen=True, slots=True)
class XmlAka:
    type: str  # a.k.a., f.k.a., n.k.a.
    category: str  # strong, weak
    last_name: str
    first_name: str | None


@dataclass(frozen=True, slots=True)
class XmlAddress:
    address1: str | None = None
    address2: str | None = None
    address3: str | None = None
    city: str | None = None
    state_or_province: str | None = None
    postal_code: str | None = None
    country: str | None = None
    region: str | None = None


@dataclass(frozen=True, slots=True)
class XmlId:
    id_type: str
    id_number: str
    id_country: str | None = None
    issue_date: str | None = None
    expiration_date: str | None = None


@dataclass(frozen=True, slots=True)
class XmlEntry:
    line: int
    uid: str
    sdn_type: str  # lower case, one of SDN_TYPES
    last_name: str
    first_name: str | None = None
    title: str | None = None
    remarks: str | None = None
    programs: tuple[str, ...] = ()
    akas: tuple[XmlAka, ...] = ()
    addresses: tuple[XmlAddress, ...] = ()
    ids: tuple[XmlId, ...] = ()
    dates_of_birth: tuple[str, ...] = ()
    places_of_birth: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    citizenships: tuple[str, ...] = ()
    vessel: dict[str, str] = field(default_factory=dict)  # callSign, vesselType, ... as given
    unknown: tuple[tuple[str, str], ...] = ()  # elements this reader does not know, kept


@dataclass
class XmlHeader:
    published_on: date | None = None
    record_count: int | None = None


def _local(element: etree._Element) -> str:
    return str(etree.QName(element).localname)


def _text(element: etree._Element) -> str | None:
    text = element.text
    if text is None:
        return None
    text = text.strip()
    return text or None


def _children(element: etree._Element | None) -> list[etree._Element]:
    """Child elements, without comments and processing instructions."""
    if element is None:
        return []
    return [child for child in element if isinstance(child.tag, str)]


def _fields(element: etree._Element) -> dict[str, str]:
    return {
        _local(child): text
        for child in element
        if isinstance(child.tag, str) and (text := _text(child)) is not None
    }


def _items(element: etree._Element, item: str, value: str) -> tuple[str, ...]:
    """`dateOfBirthList/dateOfBirthItem/dateOfBirth` and friends, in document order."""
    found: list[str] = []
    for child in element:
        if isinstance(child.tag, str) and _local(child) == item:
            text = _fields(child).get(value)
            if text:
                found.append(text)
    return tuple(found)


def _entry(element: etree._Element, path: Path) -> XmlEntry:
    line = element.sourceline or 0
    values: dict[str, str] = {}
    lists: dict[str, etree._Element] = {}
    for child in element:
        if not isinstance(child.tag, str):
            continue  # a comment
        name = _local(child)
        if len(child):
            lists[name] = child
        elif (text := _text(child)) is not None:
            values[name] = text
    uid = values.pop("uid", None)
    if uid is None or not uid.isdigit():
        raise SourceFormatError(
            f"sdnEntry without a numeric uid ({uid!r}); the file is damaged, download it again",
            path=path,
            line=line,
        )
    sdn_type = values.pop("sdnType", "").lower()
    if sdn_type not in SDN_TYPES:
        raise SourceFormatError(
            f"sdnEntry {uid}: unknown sdnType {sdn_type!r}; expected one of "
            + ", ".join(t.title() for t in SDN_TYPES),
            path=path,
            line=line,
        )
    last_name = values.pop("lastName", None)
    if last_name is None:
        raise SourceFormatError(f"sdnEntry {uid} has no lastName", path=path, line=line)
    first_name = values.pop("firstName", None)
    title = values.pop("title", None)
    remarks = values.pop("remarks", None)

    programs: tuple[str, ...] = ()
    if (program_list := lists.pop("programList", None)) is not None:
        programs = tuple(
            text for child in program_list if isinstance(child.tag, str) and (text := _text(child))
        )
    akas: list[XmlAka] = []
    for aka in _children(lists.pop("akaList", None)):
        fields = _fields(aka)
        if "lastName" not in fields:
            raise SourceFormatError(
                f"sdnEntry {uid}: an aka without lastName", path=path, line=aka.sourceline
            )
        akas.append(
            XmlAka(
                type=fields.get("type", "a.k.a."),
                category=fields.get("category", "strong"),
                last_name=fields["lastName"],
                first_name=fields.get("firstName"),
            )
        )
    addresses = [
        XmlAddress(
            address1=fields.get("address1"),
            address2=fields.get("address2"),
            address3=fields.get("address3"),
            city=fields.get("city"),
            state_or_province=fields.get("stateOrProvince"),
            postal_code=fields.get("postalCode"),
            country=fields.get("country"),
            region=fields.get("region"),
        )
        for fields in (_fields(address) for address in _children(lists.pop("addressList", None)))
    ]
    ids: list[XmlId] = []
    for item in _children(lists.pop("idList", None)):
        fields = _fields(item)
        if "idType" not in fields or "idNumber" not in fields:
            raise SourceFormatError(
                f"sdnEntry {uid}: an id without idType or idNumber",
                path=path,
                line=item.sourceline,
            )
        ids.append(
            XmlId(
                id_type=fields["idType"],
                id_number=fields["idNumber"],
                id_country=fields.get("idCountry"),
                issue_date=fields.get("issueDate"),
                expiration_date=fields.get("expirationDate"),
            )
        )
    empty = etree.Element("empty")
    entry = XmlEntry(
        line=line,
        uid=uid,
        sdn_type=sdn_type,
        last_name=last_name,
        first_name=first_name,
        title=title,
        remarks=remarks,
        programs=programs,
        akas=tuple(akas),
        addresses=tuple(addresses),
        ids=tuple(ids),
        dates_of_birth=_items(
            lists.pop("dateOfBirthList", empty), "dateOfBirthItem", "dateOfBirth"
        ),
        places_of_birth=_items(
            lists.pop("placeOfBirthList", empty), "placeOfBirthItem", "placeOfBirth"
        ),
        nationalities=_items(lists.pop("nationalityList", empty), "nationality", "country"),
        citizenships=_items(lists.pop("citizenshipList", empty), "citizenship", "country"),
        vessel=_fields(lists.pop("vesselInfo", empty)),
        unknown=tuple(values.items())
        + tuple(
            (f"{name}/{_local(child)}", etree.tostring(child, method="text", encoding="unicode"))
            for name, element_list in lists.items()
            for child in element_list
        ),
    )
    return entry


def read_sdn_xml(path: Path, header: XmlHeader) -> Iterator[XmlEntry]:
    """The entries of an SDN.XML-schema file, in order; `header` is filled as it is read.

    Raises SourceFormatError (with the line) for XML that is not well formed, a root that is not
    sdnList, or an entry without uid, lastName or a known sdnType.
    """
    context = etree.iterparse(
        str(path), events=("start", "end"), resolve_entities=False, no_network=True
    )
    root_seen = False
    try:
        for event, element in context:
            name = _local(element)
            if event == "start":
                if not root_seen and name != "sdnList":
                    raise SourceFormatError(
                        f"root element is <{name}>, not <sdnList>: not an OFAC SDN.XML or "
                        "CONSOLIDATED.XML file",
                        path=path,
                        line=element.sourceline,
                    )
                root_seen = True
                continue
            if name == "sdnEntry":
                yield _entry(element, path)
                element.clear(keep_tail=False)
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
            elif name == "Publish_Date":
                text = _text(element)
                try:
                    header.published_on = (
                        datetime.strptime(text, "%m/%d/%Y").date() if text else None
                    )
                except ValueError:
                    raise SourceFormatError(
                        f"Publish_Date {text!r} is not MM/DD/YYYY",
                        path=path,
                        line=element.sourceline,
                    ) from None
            elif name == "Record_Count":
                text = _text(element)
                if text is not None and text.isdigit():
                    header.record_count = int(text)
    except etree.XMLSyntaxError as exc:
        raise SourceFormatError(
            f"not well-formed XML ({exc.msg}); is the file truncated? Download it again",
            path=path,
            line=exc.lineno,
        ) from None
