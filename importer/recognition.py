"""Everything the importer recognises in one release, with how sure it is."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from agencies.models import Agency, Appointment, Official

from .cleaning import CleanedRelease, clean_release
from .gazetteer import Gazetteer
from .textual import (
    BYLINE,
    find_quotes,
    find_role_phrases,
    is_headline,
    recognise_event_date,
    split_dateline,
    suggest_headline,
)

# Abbreviations in role phrases, so "Dirjen Polpum" meets "Direktur Jenderal Politik …".
ROLE_ABBREVIATIONS = {
    "dirjen": "direktur jenderal",
    "ditjen": "direktorat jenderal",
    "kadis": "kepala dinas",
    "kaban": "kepala badan",
    "kabag": "kepala bagian",
    "kabid": "kepala bidang",
    "kapuspen": "kepala pusat penerangan",
    "kemendagri": "kementerian dalam negeri",
    "kemenkominfo": "kementerian komunikasi dan informatika",
    "kominfo": "komunikasi dan informatika",
    "mendagri": "menteri dalam negeri",
    "menkominfo": "menteri komunikasi dan informatika",
    "menkes": "menteri kesehatan",
    "mensos": "menteri sosial",
    "menkeu": "menteri keuangan",
    "polpum": "politik dan pemerintahan umum",
    "pum": "pemerintahan umum",
    "ikp": "informasi dan komunikasi publik",
    "sekda": "sekretaris daerah",
    "setda": "sekretariat daerah",
    "wabup": "wakil bupati",
    "wagub": "wakil gubernur",
    "plt": "pelaksana tugas",
}
STOP_WORDS = {"dan", "dalam", "pada", "di", "ri", "yang", "juga", "serta", "the"}
ACTING_WORDS = {"plt": "plt", "pelaksana tugas": "plt", "pj": "pj", "penjabat": "pj", "plh": "plh"}


def role_words(phrase: str) -> set[str]:
    words = re.sub(r"[^\w]+", " ", phrase.lower()).split()
    expanded = " ".join(ROLE_ABBREVIATIONS.get(word, word) for word in words)
    return {word for word in expanded.split() if word not in STOP_WORDS}


def best_appointment(appointments: list[Appointment], phrase: str) -> Appointment | None:
    """The appointment held that day whose title shares most words with the phrase."""
    if not appointments:
        return None
    wanted = role_words(phrase)

    def score(appointment: Appointment) -> float:
        title = role_words(f"{appointment.title} {appointment.agency.name}")
        title |= role_words(appointment.agency.short_name)
        overlap = len(wanted & title) / max(1, len(role_words(appointment.title)))
        says_acting = bool(re.search(r"\b(plt|pelaksana tugas|pj|plh)\b", phrase.lower()))
        if says_acting == bool(appointment.acting):
            overlap += 0.2
        return overlap

    return max(appointments, key=score)


@dataclass
class Recognised:
    value: object
    label: str
    confidence: float
    note: str = ""


@dataclass
class OfficialFinding:
    official: Official
    appointment: Appointment | None
    role_as_written: str
    confidence: float
    held_that_day: list[Appointment] = field(default_factory=list)
    part: str = "mentioned"  # speaker | attendee | mentioned (ArticleOfficial.role)


@dataclass
class QuoteFinding:
    text: str
    speaker: Official | None
    speaker_name: str
    confidence: float


@dataclass
class Recognition:
    cleaned: CleanedRelease
    title: Recognised
    event_date: Recognised
    region: Recognised
    publisher: Recognised
    dateline: str = ""
    byline: str = ""
    venue: str = ""
    body_paragraphs: list[str] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    events: list = field(default_factory=list)
    officials: list[OfficialFinding] = field(default_factory=list)
    proposed_officials: list[dict[str, str]] = field(default_factory=list)
    quotes: list[QuoteFinding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        parts = [self.title, self.event_date, self.region, self.publisher]
        return round(sum(part.confidence for part in parts) / len(parts), 2)

    def as_report(self) -> dict:
        """JSON for ``ImportedSource.report`` and the review page."""

        def field_report(part: Recognised) -> dict:
            return {"value": part.label, "confidence": part.confidence, "note": part.note}

        return {
            "title": field_report(self.title),
            "event_date": field_report(self.event_date),
            "region": field_report(self.region),
            "publisher": field_report(self.publisher),
            "dateline": self.dateline,
            "byline": self.byline,
            "caption": self.cleaned.caption,
            "agencies": [str(agency) for agency in self.agencies],
            "events": [str(event) for event in self.events],
            "officials": [
                {
                    "official": finding.official.name,
                    "role_as_written": finding.role_as_written,
                    "appointment": finding.appointment.role_display if finding.appointment else "",
                    "held_that_day": [a.role_display for a in finding.held_that_day],
                    "confidence": finding.confidence,
                    "part": finding.part,
                }
                for finding in self.officials
            ],
            "proposed_officials": self.proposed_officials,
            "quotes": [
                {
                    "speaker": quote.speaker.name if quote.speaker else quote.speaker_name,
                    "text": quote.text,
                    "confidence": quote.confidence,
                }
                for quote in self.quotes
            ],
            "removed": self.cleaned.removed,
            "fixes": self.cleaned.fixes,
            "warnings": self.warnings,
            "confidence": self.confidence,
        }


VENUE = re.compile(
    r"\b(?:di|bertempat di)\s+(?P<venue>(?:(?:Hotel|Gedung|Ruang|Aula|Pendopo|Balai|Kantor|"
    r"Command Center|Graha|Wisma)\b[^,.;()]{0,60}))",
)


def recognise(
    raw: str,
    *,
    gazetteer: Gazetteer,
    publisher: Agency | None = None,
    context_year: int | None = None,
) -> Recognition:
    cleaned = clean_release(raw)
    paragraphs = list(cleaned.paragraphs)
    warnings: list[str] = []

    # Title: a headline-like first line, else one suggested from the lead.
    if paragraphs and is_headline(paragraphs[0]):
        title = Recognised(paragraphs[0], paragraphs[0], 0.9, "first line")
        paragraphs = paragraphs[1:]
    else:
        suggestion = suggest_headline(paragraphs[0]) if paragraphs else ""
        title = Recognised(suggestion, suggestion, 0.4, "suggested from the lead")
        warnings.append("No headline in the text: the title was suggested from the lead.")

    byline = ""
    if paragraphs and BYLINE.match(paragraphs[0]) and len(paragraphs[0].split()) <= 10:
        byline = paragraphs.pop(0)

    dateline = ""
    for paragraph in paragraphs[:2]:
        dateline, _ = split_dateline(paragraph)
        if dateline:
            break
    body = "\n".join(paragraphs)

    found_date = recognise_event_date(body, caption=cleaned.caption, context_year=context_year)
    if found_date.date is None and cleaned.page_dates:
        # Only the page's own date line gives a day: likely the day of the release.
        found_date = recognise_event_date("\n".join(cleaned.page_dates), context_year=context_year)
        found_date.confidence = min(found_date.confidence, 0.5)
        found_date.source = f"page date {found_date.source}"
    warnings.extend(found_date.warnings)
    event_date = Recognised(
        found_date.date,
        found_date.date.isoformat() if found_date.date else "",
        found_date.confidence,
        found_date.source,
    )
    if found_date.date is None:
        warnings.append("No date of the event found.")

    # Where the publisher names itself: dateline, byline, source credit, footer.
    zone = " \n ".join([dateline, byline, cleaned.source_credit, *cleaned.footer])
    zone_regions = gazetteer.regions.find(zone) + gazetteer.regions.find(title.label)
    zone_agencies = [m.obj for m in gazetteer.agencies.find(zone)]

    chosen_publisher: Recognised
    if publisher is not None:
        chosen_publisher = Recognised(publisher, str(publisher), 1.0, "given")
    elif zone_agencies:
        agency = sorted(zone_agencies, key=lambda a: a.region_id is None)[0]
        chosen_publisher = Recognised(agency, str(agency), 0.8, "named in dateline/byline/footer")
    elif zone_regions and gazetteer.communication_office(zone_regions[0].obj):
        agency = gazetteer.communication_office(zone_regions[0].obj)
        chosen_publisher = Recognised(
            agency, str(agency), 0.7, "communication office of the dateline region"
        )
    else:
        chosen_publisher = _publisher_from_body(body, gazetteer)

    # Region: dateline, then publisher's region, then title, then venue, then first mention.
    region: Recognised | None = None
    dateline_regions = gazetteer.regions.find(dateline) if dateline else []
    if dateline_regions:
        region = Recognised(dateline_regions[0].obj, "", 0.9, f"dateline “{dateline}”")
    elif isinstance(chosen_publisher.value, Agency) and chosen_publisher.value.region_id:
        region = Recognised(chosen_publisher.value.region, "", 0.8, "publisher's region")
    elif zone_regions:
        region = Recognised(zone_regions[0].obj, "", 0.7, "title or byline")
    venue = ""
    venue_match = VENUE.search(body)
    if venue_match:
        venue = venue_match["venue"].strip()
    if region is None:
        for match in re.finditer(r"\b(?:di|bertempat di)\s+([^.;()]{0,90})", body):
            venue_regions = gazetteer.regions.find(match.group(1))
            if venue_regions:
                region = Recognised(venue_regions[0].obj, "", 0.6, "venue")
                break
    if region is None:
        mentioned = gazetteer.regions.find(body)
        if mentioned:
            region = Recognised(mentioned[0].obj, "", 0.4, "first region named")
    if region is None:
        region = Recognised(None, "", 0.0, "not found")
        warnings.append("No region recognised.")
    else:
        region.label = f"{region.value.name} ({region.value.code})"

    recognition = Recognition(
        cleaned=cleaned,
        title=title,
        event_date=event_date,
        region=region,
        publisher=chosen_publisher,
        dateline=dateline,
        byline=byline,
        venue=venue,
        body_paragraphs=paragraphs,
        warnings=warnings,
    )
    recognition.agencies = [m.obj for m in gazetteer.agencies.find(body + "\n" + title.label)]
    recognition.events = [m.obj for m in gazetteer.events.find(body + "\n" + title.label)]
    recognition.events += gazetteer.events_of_the_day(
        event_date.value, body + "\n" + title.label, known=recognition.events
    )
    _recognise_people(recognition, body, gazetteer)
    # An official's office is named by their role phrase ("Kepala Dinas Kependudukan
    # dan Pencatatan Sipil" with Indramayu's officials): the appointment says which.
    for finding in recognition.officials:
        if finding.appointment and finding.appointment.agency not in recognition.agencies:
            recognition.agencies.append(finding.appointment.agency)
    return recognition


def _publisher_from_body(body: str, gazetteer: Gazetteer) -> Recognised:
    """A regional communication office named in the body ("Dinas Kominfo Provinsi Kepri")."""
    for match in re.finditer(
        r"\b(?:Diskominfo\w*|Dinas Kominfo\w*|Dinas Komunikasi dan Informatika|Kominfo\w*)"
        r"\s+((?:Provinsi|Kabupaten|Kab\.?|Kota)?\s*[A-Z][\w]+(?:\s[A-Z][\w]+)?)",
        body,
    ):
        regions = gazetteer.regions.find(match.group(1))
        if regions:
            office = gazetteer.communication_office(regions[0].obj)
            if office:
                return Recognised(office, str(office), 0.5, f"“{match.group(0)}” in the text")
    return Recognised(None, "", 0.0, "not found")


def _recognise_people(recognition: Recognition, body: str, gazetteer: Gazetteer) -> None:
    day: datetime.date | None = recognition.event_date.value
    mentions = find_role_phrases(body, region_words=gazetteer.region_words)
    known = gazetteer.find_officials(body)
    known_ids = {official.pk for official, _, _ in known}
    appointments: dict[int, list[Appointment]] = {}
    if day and known_ids:
        for appointment in (
            Appointment.objects.held_on(day)
            .filter(official_id__in=known_ids)
            .select_related("agency")
        ):
            appointments.setdefault(appointment.official_id, []).append(appointment)

    # Positions at which each person is named, for "katanya" and paragraph quotes.
    people: list[tuple[int, Official | None, str]] = []
    for official, _, name in known:
        phrases = [m.role for m in mentions if m.name.endswith(name) or name.endswith(m.name)]
        phrase = max(phrases, key=len) if phrases else ""
        held = appointments.get(official.pk, [])
        appointment = best_appointment(held, phrase)
        confidence = 0.9 if appointment else 0.6
        if day and not held:
            recognition.warnings.append(
                f"{official.name} held no recorded appointment on {day:%Y-%m-%d}."
            )
        recognition.officials.append(
            OfficialFinding(official, appointment, phrase, confidence, held_that_day=held)
        )
        for token in _name_forms(name):
            for match in re.finditer(r"(?<![\w])" + re.escape(token) + r"(?![\w])", body):
                people.append((match.start(), official, name))
    known_names = {official.name for official, _, _ in known}
    seen_proposals: set[str] = set()
    for mention in mentions:
        if any(mention.name in name or name in mention.name for name in known_names):
            continue
        same = _same_role_as_a_known_official(mention.role, recognition.officials)
        if same is not None:
            # "Presiden Jokowi" after "Presiden RI Joko Widodo": the same person under
            # another name, not a new official.
            for token in _name_forms(mention.name):
                for match in re.finditer(r"(?<![\w])" + re.escape(token) + r"(?![\w])", body):
                    people.append((match.start(), same, same.name))
            continue
        if mention.name not in seen_proposals:
            seen_proposals.add(mention.name)
            recognition.proposed_officials.append(
                {"name": mention.name, "role_as_written": mention.role}
            )
        for token in _name_forms(mention.name):
            for match in re.finditer(r"(?<![\w])" + re.escape(token) + r"(?![\w])", body):
                people.append((match.start(), None, mention.name))
    people.sort(key=lambda item: item[0])

    quotes_found = find_quotes(body)
    for quote in quotes_found:
        speaker: tuple[int, Official | None, str] | None = None
        confidence = 0.8
        if quote.speaker_text:
            first = quote.speaker_text.split()[0]
            for person in people:
                if first in person[2].split():
                    speaker = person
                    break
            if speaker is None:
                # "ujar Menkominfo", "kata Bupati": the person named with that role.
                speaker = _person_by_role(quote.speaker_text, recognition, mentions)
                confidence = 0.6
            if speaker is None:
                speaker = (quote.start, None, quote.speaker_text)
                confidence = 0.5
        else:
            earlier = [person for person in people if person[0] < quote.start]
            if earlier:
                speaker = earlier[-1]
                confidence = 0.7 if quote.how != "paragraph" else 0.6
        if speaker is None:
            recognition.quotes.append(QuoteFinding(quote.text, None, "", 0.2))
            continue
        recognition.quotes.append(QuoteFinding(quote.text, speaker[1], speaker[2], confidence))
    quoted = {quote.speaker.pk for quote in recognition.quotes if quote.speaker}
    for finding in recognition.officials:
        forms = _name_forms(finding.official.name)
        finding.part = _part_in_text(body, forms, quoted=finding.official.pk in quoted)


def _same_role_as_a_known_official(role: str, findings: list[OfficialFinding]) -> Official | None:
    """The one official named in the text whose appointment that day the role phrase
    fully describes ("Presiden" → Presiden Republik Indonesia), if there is one."""
    wanted = role_words(role) - set(ACTING_WORDS)
    if not wanted:
        return None
    matching = []
    for finding in findings:
        appointment = finding.appointment
        if appointment is None:
            continue
        described = role_words(f"{appointment.title} {appointment.agency.name}")
        described |= role_words(appointment.agency.short_name)
        if wanted <= described:
            matching.append(finding.official)
    return matching[0] if len(matching) == 1 else None


def _person_by_role(
    words: str, recognition: Recognition, mentions: list
) -> tuple[int, Official | None, str] | None:
    """The one person the text names with the role ``words`` describe, if only one."""
    wanted = role_words(words) - set(ACTING_WORDS)
    if not wanted:
        return None
    candidates: dict[str, tuple[int, Official | None, str]] = {}
    for finding in recognition.officials:
        held = finding.appointment
        described = role_words(finding.role_as_written)
        if held is not None:
            described |= role_words(f"{held.title} {held.agency.name} {held.agency.short_name}")
        if wanted <= described:
            candidates[finding.official.name] = (0, finding.official, finding.official.name)
    known = {finding.official.name for finding in recognition.officials}
    for mention in mentions:
        if mention.name not in known and wanted <= role_words(mention.role):
            candidates[mention.name] = (mention.start, None, mention.name)
    return next(iter(candidates.values())) if len(candidates) == 1 else None


# What follows a person's name: they speak ("Johan mengatakan"), attend ("Aludin
# Andi menghadiri") or are represented by someone else ("Hasan, diwakili …").
SPEAKS_AFTER = re.compile(
    r"^\s*,?\s*(?:juga\s+)?(?:mengatakan|menyampaikan|menjelaskan|menegaskan|"
    r"mengungkapkan|menambahkan|menuturkan|memaparkan|menekankan|mengimbau|meminta|"
    r"berharap|berpesan|mengajak)\b"
)
ATTENDS_AFTER = re.compile(
    r"^\s*,?\s*(?:juga\s+|turut\s+|pun\s+)?(?:hadir|menghadiri|mengikuti|ikut)\b"
)
REPRESENTED_AFTER = re.compile(r"^\s*,?\s*(?:yang\s+)?diwakili\b")
# Cues earlier in the sentence; the last one before the name counts. Reported
# speech ("… menyampaikan bahwa Presiden …") starts a new clause.
ATTENDANCE_CUE = re.compile(
    r"\b(diwakili(?: oleh)?|didampingi(?: oleh)?|dihadiri(?: oleh)?|turut hadir|tampak hadir|"
    r"nampak hadir|hadir pula|hadir juga|mewakili|bahwa|tentang|arahan|mengatakan|"
    r"menyampaikan)\b",
    re.IGNORECASE,
)
ATTENDING_CUES = ("diwakili", "didampingi", "dihadiri", "turut", "tampak", "nampak", "hadir")


def _part_in_text(body: str, forms: list[str], *, quoted: bool) -> str:
    """speaker, attendee or mentioned, from how the text introduces the person."""
    if quoted:
        return "speaker"
    part = "mentioned"
    for form in forms:
        for match in re.finditer(r"(?<![\w])" + re.escape(form) + r"(?![\w])", body):
            after = body[match.end() : match.end() + 60]
            if SPEAKS_AFTER.match(after):
                return "speaker"
            if REPRESENTED_AFTER.match(after):
                continue
            before = body[_sentence_start(body, match.start()) : match.start()]
            cues = ATTENDANCE_CUE.findall(before)
            if ATTENDS_AFTER.match(after) or (cues and cues[-1].lower().startswith(ATTENDING_CUES)):
                part = "attendee"
    return part


# Full stops that end abbreviations, not sentences: "Moh. Iskak", "Plt. Direktur".
NOT_A_SENTENCE_END = re.compile(
    r"(?:\b(?:Moh|Muh|Muhd|Dr|Ir|Drs|Hj?|Prof|Plt|Pj|Plh|No|St|Jl|Kab|Kec|Kel)|\b[A-Z])\.$"
)


def _sentence_start(body: str, position: int) -> int:
    line_start = body.rfind("\n", 0, position) + 1
    start = line_start
    for end in re.finditer(r"[.!?](?=\s)", body[line_start:position]):
        if not NOT_A_SENTENCE_END.search(body[line_start : line_start + end.end()]):
            start = line_start + end.end()
    return start


def _name_forms(name: str) -> list[str]:
    """ "Hasyim Gautama" is later "Hasyim"; "Aang Witarsa Rofik" is later "Aang"."""
    tokens = [token for token in name.replace(".", " ").split() if len(token) > 2]
    forms = [name]
    if len(tokens) > 1:
        forms.append(tokens[0])
        forms.append(tokens[-1])
    return forms
