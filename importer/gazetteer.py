"""Names the archive already knows: regions, agencies, events and officials.

A ``Gazetteer`` is built once per import run (one query per table) and matches
names, short forms, acronyms and the alias lists editors extend in the admin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agencies.models import Agency, AgencyAlias, Official, Region, RegionKind
from articles.models import Event, EventAlias

# Everyday short forms of province names (the archive stores the official name).
PROVINCE_SHORT_FORMS = {
    "11": ["NAD", "Nanggroe Aceh Darussalam"],
    "12": ["Sumut"],
    "13": ["Sumbar"],
    "15": [],
    "16": ["Sumsel"],
    "18": [],
    "19": ["Babel", "Bangka Belitung"],
    "21": ["Kepri"],
    "31": ["DKI Jakarta", "DKI", "Jakarta"],
    "32": ["Jabar"],
    "33": ["Jateng"],
    "34": ["DIY", "Yogyakarta", "Jogja", "Jogjakarta"],
    "35": ["Jatim"],
    "52": ["NTB"],
    "53": ["NTT"],
    "61": ["Kalbar"],
    "62": ["Kalteng"],
    "63": ["Kalsel"],
    "64": ["Kaltim"],
    "65": ["Kaltara"],
    "71": ["Sulut"],
    "72": ["Sulteng"],
    "73": ["Sulsel"],
    "74": ["Sultra"],
    "76": ["Sulbar"],
    "82": ["Malut"],
    "92": ["Pabar"],
}
KIND_PRIORITY = {RegionKind.PROVINCE: 0, RegionKind.CITY: 1, RegionKind.REGENCY: 2}
NON_WORD = re.compile(r"[^\w]+")
COMMUNICATION_OFFICE = re.compile(r"komunikasi|kominfo|informatika", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces, "Tahun 2023" -> "2023", padded with spaces."""
    text = re.sub(r"\btahun\s+(\d{4})\b", r"\1", text.lower())
    return " " + NON_WORD.sub(" ", text).strip() + " "


# Short forms of meeting names, expanded on both sides before names are compared.
MEETING_WORDS = {
    "rakor": "rapat koordinasi",
    "rakornas": "rapat koordinasi nasional",
    "rakorda": "rapat koordinasi daerah",
    "rakornis": "rapat koordinasi teknis",
    "rakorwil": "rapat koordinasi wilayah",
    "ekososbud": "ekonomi sosial budaya",
    "pilkada": "pemilihan kepala daerah",
}
EVENT_STOP_WORDS = {"dan", "dalam", "di", "pada", "yang", "untuk", "tahun", "serta", "ke"}
# A meeting lasts a day or a few: longer events (campaigns, elections) are found by name.
SHORT_EVENT_DAYS = 7


def event_words(text: str) -> list[str]:
    words = normalise(text).split()
    expanded = " ".join(MEETING_WORDS.get(word, word) for word in words).split()
    return [word for word in expanded if word not in EVENT_STOP_WORDS]


def head_forms(name: str) -> list[str]:
    """A Directorate General is named by its head too: "Dirjen Bina Pembangunan Daerah"
    names "Ditjen Bina Pembangunan Daerah"."""
    forms = []
    for office, head in (("Direktorat Jenderal ", "Direktur Jenderal "), ("Ditjen ", "Dirjen ")):
        if name.startswith(office):
            forms.append(head + name[len(office) :])
    # "Kapuspen Kemendagri", "Kadiskominfo": Ka(pala) fused to a Pus…/Dis… short form.
    first, _, rest = name.partition(" ")
    if re.fullmatch(r"(Pus|Dis)[a-z]\w+", first):
        forms.append(f"Ka{first.lower()} {rest}".strip())
    return forms


def is_acronym(name: str) -> bool:
    return name.isupper() and len(name) <= 8 and " " not in name


@dataclass
class Match:
    obj: object
    name: str
    start: int


@dataclass
class NameIndex:
    """Needles (normalised, or exact for acronyms) -> objects, longest first."""

    entries: list[tuple[str, bool, object]] = field(default_factory=list)

    def add(self, name: str, obj: object) -> None:
        name = name.strip()
        if len(name) < 3:
            return
        if is_acronym(name):
            self.entries.append((name, True, obj))
        else:
            self.entries.append((normalise(name), False, obj))

    def finalise(self) -> None:
        self.entries.sort(key=lambda entry: -len(entry[0]))

    def find(self, text: str) -> list[Match]:
        """Every object named in ``text``; a longer name hides the shorter ones inside it."""
        normalised = normalise(text)
        covered: list[tuple[int, int]] = []
        found: dict[int, Match] = {}
        for needle, exact, obj in self.entries:
            if exact:
                spots = [
                    (m.start(), m.end())
                    for m in re.finditer(r"(?<![\w])" + re.escape(needle) + r"(?![\w])", text)
                ]
                positions = [(start, end, start) for start, end in spots]
            else:
                positions = []
                index = normalised.find(needle)
                while index != -1:
                    positions.append((index, index + len(needle), index))
                    index = normalised.find(needle, index + 1)
            for start, end, at in positions:
                if not exact and any(s <= start and end <= e for s, e in covered):
                    continue
                if not exact:
                    covered.append((start, end))
                key = id(obj)
                if key not in found or at < found[key].start:
                    found[key] = Match(obj, needle.strip(), at)
        return sorted(found.values(), key=lambda match: match.start)


class Gazetteer:
    def __init__(self) -> None:
        self.regions = NameIndex()
        self.agencies = NameIndex()
        self.events = NameIndex()
        self.region_words: set[str] = set()
        self.regions_by_code: dict[str, Region] = {}
        self.agencies_by_region: dict[int, list[Agency]] = {}
        self.officials: list[Official] = []
        self._load()

    def _load(self) -> None:
        regions = list(Region.objects.all())
        self.regions_by_code = {region.code: region for region in regions}
        bare: dict[str, list[Region]] = {}
        for region in regions:
            self.regions.add(region.name, region)
            short = re.sub(r"^(Kabupaten|Kota Administrasi|Kota)\s+", "", region.name)
            if region.kind == RegionKind.REGENCY:
                self.regions.add(f"Kab {short}", region)
                self.regions.add(f"Kabupaten {short}", region)
                self.regions.add(f"Pemkab {short}", region)
            elif region.kind == RegionKind.CITY:
                self.regions.add(f"Kota {short}", region)
                self.regions.add(f"Pemkot {short}", region)
            else:
                self.regions.add(f"Provinsi {short}", region)
                self.regions.add(f"Pemprov {short}", region)
                for alias in PROVINCE_SHORT_FORMS.get(region.code, []):
                    self.regions.add(alias, region)
                    self.region_words.update(alias.lower().split())
            bare.setdefault(short, []).append(region)
            self.region_words.update(short.lower().split())
        # A bare name ("Bandung", "Jambi") goes to the province, else the city,
        # else the regency of that name.
        for short, candidates in bare.items():
            candidates.sort(key=lambda region: KIND_PRIORITY[region.kind])
            self.regions.add(short, candidates[0])
        self.regions.finalise()

        agencies = {agency.pk: agency for agency in Agency.objects.select_related("region")}
        names: list[tuple[str, Agency]] = []
        for agency in agencies.values():
            names.append((agency.name, agency))
            if agency.short_name:
                names.append((agency.short_name, agency))
            if agency.region_id:
                self.agencies_by_region.setdefault(agency.region_id, []).append(agency)
        for agency_id, alias in AgencyAlias.objects.values_list("agency_id", "alias"):
            names.append((alias, agencies[agency_id]))
        for name, agency in names:
            self.agencies.add(name, agency)
            for form in head_forms(name):
                self.agencies.add(form, agency)
        self.agencies.finalise()

        events = {event.pk: event for event in Event.objects.all()}
        self.event_names: dict[int, list[str]] = {pk: [e.name] for pk, e in events.items()}
        for event in events.values():
            self.events.add(event.name, event)
        for event_id, alias in EventAlias.objects.values_list("event_id", "alias"):
            self.events.add(alias, events[event_id])
            self.event_names[event_id].append(alias)
        self.events.finalise()
        self.event_list = list(events.values())

        self.officials = list(Official.objects.all())

    def events_of_the_day(self, day, text: str, *, known: list[Event]) -> list[Event]:
        """Meetings held on ``day`` that the text describes in other words: most words
        of the event's name or an alias occur in the text (fewer are needed when the
        text names the event it belongs to)."""
        if day is None:
            return []
        text_words = set(event_words(text))
        known_ids = {event.pk for event in known}
        found = []
        for event in self.event_list:
            end = event.end_date or event.start_date
            if event.pk in known_ids or not (event.start_date <= day <= end):
                continue
            if (end - event.start_date).days > SHORT_EVENT_DAYS:
                continue
            share = 0.0
            for name in self.event_names[event.pk]:
                words = event_words(name)
                if words:
                    share = max(share, sum(word in text_words for word in words) / len(words))
            if share >= (0.6 if event.parent_id in known_ids else 0.8):
                found.append(event)
        return found

    def communication_office(self, region: Region) -> Agency | None:
        """The region's communication office (Diskominfo), else its government."""
        agencies = self.agencies_by_region.get(region.pk, [])
        for agency in agencies:
            if COMMUNICATION_OFFICE.search(f"{agency.name} {agency.short_name}"):
                return agency
        return None

    def find_officials(self, text: str) -> list[tuple[Official, int, str]]:
        """(official, position, name as written) for every known official named."""
        found = []
        for official in self.officials:
            match = re.search(r"(?<![\w])" + re.escape(official.name) + r"(?![\w])", text)
            if match:
                found.append((official, match.start(), official.name))
        return sorted(found, key=lambda item: item[1])
