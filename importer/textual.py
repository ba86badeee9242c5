"""Recognisers that need only the text: dates, datelines, titles, people, quotes.

Everything here is written for Indonesian government releases in general: the
patterns are the ones newsrooms and Diskominfo offices use, not the wording of
any particular file.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

WEEKDAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
}
MONTHS = {
    "januari": 1,
    "februari": 2,
    "pebruari": 2,
    "maret": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "agustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "nopember": 11,
    "desember": 12,
}
WEEKDAY_RE = r"(?P<weekday>senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)"
# "Selasa (3/1/2023)", "Jumat, (21/07)", "Rabu (18/01)", "Selasa, (11/4/2023)"
NUMERIC_DATE = re.compile(
    WEEKDAY_RE + r"\s*,?\s*\(?\s*(?P<day>\d{1,2})\s*/\s*(?P<month>\d{1,2})"
    r"(?:\s*/\s*(?P<year>\d{2,4}))?\s*\)?",
    re.IGNORECASE,
)
# "Rabu, 10 Juni 2020", "hari Rabu, 14 Februari 2024", "10 Juni 2020"
WRITTEN_DATE = re.compile(
    r"(?:" + WEEKDAY_RE + r"\s*,?\s*(?:tanggal\s+)?)?\(?(?P<day>\d{1,2})\s+"
    r"(?P<monthname>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})\)?",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# A date said to be still to come is a key date of an event, not the day reported.
FUTURE_AFTER = re.compile(r"^\W{0,3}\s*(mendatang|yang akan datang|nanti)", re.IGNORECASE)
FUTURE_BEFORE = re.compile(r"\b(akan|bakal|direncanakan|dijadwalkan)\b[^.]{0,60}$", re.IGNORECASE)


@dataclass
class DateMention:
    date: datetime.date | None
    text: str
    start: int
    weekday: int | None
    year_inferred: bool = False
    future: bool = False
    in_caption: bool = False

    @property
    def weekday_matches(self) -> bool | None:
        if self.weekday is None or self.date is None:
            return None
        return self.date.weekday() == self.weekday


@dataclass
class DateFinding:
    date: datetime.date | None
    confidence: float
    source: str = ""
    warnings: list[str] = field(default_factory=list)
    mentions: list[DateMention] = field(default_factory=list)


def _weekday(name: str | None) -> int | None:
    return WEEKDAYS.get(name.lower().replace("’", "'")) if name else None


def context_years(text: str) -> list[int]:
    """Years named in the text, most frequent first."""
    return [year for year, _ in Counter(int(y) for y in YEAR.findall(text)).most_common()]


def _infer_year(
    day: int, month: int, weekday: int | None, years: list[int], context_year: int | None
) -> tuple[int | None, bool]:
    """The year of a "(21/07)" date: the import's context year if given; else a
    year the text names (or the one before: releases look ahead to coming events)
    whose calendar agrees with the weekday."""
    candidates: list[int] = []
    if context_year:
        candidates.append(context_year)
    for year in years:
        candidates.extend([year, year - 1])
    for year in candidates:
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            continue
        if weekday is None or date.weekday() == weekday:
            return year, True
    return (candidates[0] if candidates else None), True


def find_dates(text: str, *, context_year: int | None = None) -> list[DateMention]:
    years = context_years(text)
    mentions: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for match in WRITTEN_DATE.finditer(text):
        day, month, year = (
            int(match["day"]),
            MONTHS[match["monthname"].lower()],
            int(match["year"]),
        )
        mentions.append(_mention(text, match, day, month, year, False))
        taken.append(match.span())
    for match in NUMERIC_DATE.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        day, month = int(match["day"]), int(match["month"])
        weekday = _weekday(match["weekday"])
        if match["year"]:
            year = int(match["year"])
            year += 2000 if year < 100 else 0
            inferred = False
        else:
            year, inferred = _infer_year(day, month, weekday, years, context_year)
        mentions.append(_mention(text, match, day, month, year, inferred))
    mentions.sort(key=lambda mention: mention.start)
    return mentions


def _mention(text, match, day, month, year, inferred) -> DateMention:
    try:
        date = datetime.date(year, month, day) if year else None
    except ValueError:
        date = None
    after = text[match.end() : match.end() + 30]
    before = text[max(0, match.start() - 80) : match.start()]
    return DateMention(
        date=date,
        text=match.group(0).strip(),
        start=match.start(),
        weekday=_weekday(match["weekday"]),
        year_inferred=inferred,
        future=bool(FUTURE_AFTER.search(after) or FUTURE_BEFORE.search(before)),
    )


def recognise_event_date(
    body: str, *, caption: str = "", context_year: int | None = None
) -> DateFinding:
    """The day the reported event took place, with warnings for the editor."""
    years_text = body + "\n" + caption
    mentions = find_dates(body, context_year=context_year)
    caption_mentions = []
    if caption:
        for mention in find_dates(caption, context_year=context_year or _first(years_text)):
            mention.in_caption = True
            caption_mentions.append(mention)
    warnings: list[str] = []
    for mention in mentions + caption_mentions:
        if mention.date is None:
            warnings.append(f"“{mention.text}” is not a valid date.")
        elif mention.weekday_matches is False:
            warnings.append(
                f"“{mention.text}”: the weekday does not match the calendar "
                f"({mention.date:%Y-%m-%d} is a {mention.date:%A})."
            )
    # The reported day: a dated mention with a weekday that is not a coming event.
    candidates = [m for m in mentions if m.date and not m.future]
    with_weekday = [m for m in candidates if m.weekday is not None]
    chosen = (with_weekday or candidates or [None])[0]
    if chosen is None:
        return DateFinding(None, 0.0, warnings=warnings, mentions=mentions + caption_mentions)
    confidence = 0.9
    if chosen.weekday is None:
        confidence = 0.6
    if chosen.year_inferred:
        confidence -= 0.15
    if chosen.weekday_matches is False:
        confidence = 0.3
    others = [m for m in with_weekday + caption_mentions if m.date and not m.future]
    for other in others:
        if other.date != chosen.date:
            where = "the photo caption" if other.in_caption else "the text"
            warnings.append(
                f"Dates disagree: “{chosen.text}” ({chosen.date:%Y-%m-%d}) but {where} says "
                f"“{other.text}” ({other.date:%Y-%m-%d})."
            )
            confidence = min(confidence, 0.7)
    return DateFinding(
        chosen.date,
        round(confidence, 2),
        source=chosen.text,
        warnings=warnings,
        mentions=mentions + caption_mentions,
    )


def _first(text: str) -> int | None:
    years = context_years(text)
    return years[0] if years else None


# --- Dateline, title, byline -------------------------------------------------

# "BENGKALIS –", "DISKOMINFO INDRAMAYU –", "Suara.com -", "JAKARTA, (ANTARA) -",
# "Semarang, 12/3 –": a short place or outlet before a dash at the very start.
DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][\w.'’/() ,]{1,60}?)\s*[–—-]{1,2}\s+(?=\S)",
)
BYLINE = re.compile(
    r"^(tim|oleh|penulis|reporter|pewarta|editor|redaksi|humas|sumber)\b", re.IGNORECASE
)


def split_dateline(paragraph: str) -> tuple[str, str]:
    """("BENGKALIS", rest) when the paragraph opens with a dateline."""
    match = DATELINE.match(paragraph)
    if not match:
        return "", paragraph
    dateline = match["dateline"].strip(" ,")
    words = dateline.split()
    place, comma, outlet = dateline.partition(",")
    # "Jakarta, Kominfo –", "Semarang, (ANTARA) –": a place, a comma and an outlet.
    place_then_outlet = (
        bool(comma) and len(place.split()) <= 2 and place.istitle() and len(outlet.split()) <= 2
    )
    # A dateline is a place or an outlet: upper case, or a web address.
    if len(words) > 6 or not (
        dateline.isupper() or "." in dateline or len(words) == 1 or place_then_outlet
    ):
        return "", paragraph
    return dateline, paragraph[match.end() :]


def is_headline(line: str) -> bool:
    """A headline: short, no dateline, does not end a sentence."""
    words = line.split()
    return (
        3 <= len(words) <= 25
        and len(line) <= 200
        and not line.rstrip().endswith((".", ":", ",", ";", '"', "”"))
        and not split_dateline(line)[0]
        and not BYLINE.match(line)
    )


SMALL_WORDS = {
    "di",
    "ke",
    "dari",
    "dan",
    "yang",
    "untuk",
    "dalam",
    "pada",
    "dengan",
    "atau",
    "serta",
    "bagi",
    "oleh",
    "se",
}
CUT_BEFORE = re.compile(
    r"\s(dalam rangka|guna|untuk|mengenai|dengan tema|bertema|secara|terutama)\s",
    re.IGNORECASE,
)
# "Kementerian Dalam Negeri (Kemendagri)" -> "Kemendagri" in a suggested headline.
NAME_WITH_ACRONYM = re.compile(
    r"(?:[A-Z][\w/]*\s(?:(?:dan|dalam|pada)\s)?){1,8}"
    r"\((?P<acronym>[A-Z][\w/]{1,15}(?: [A-Z][\w/]{1,10})?)\)"
)
# "Dirjen Polpum Kemendagri, Bahtiar menekankan …" -> "Bahtiar menekankan …"
ROLE_THEN_NAME = re.compile(
    r"^[^,]{15,}?,\s(?P<rest>[A-Z][\w'’]+(?:\s[A-Z][\w'’]+){0,2}\sme\w+\s.*)$"
)
PARENTHESES = re.compile(r"\s*\([^)]*\)")


def suggest_headline(lead: str, *, max_words: int = 16) -> str:
    """A headline built from the lead: its first clause, in title case."""
    _, lead = split_dateline(lead)
    sentence = re.split(r"(?<=[.!?])\s", lead, maxsplit=1)[0]
    sentence = NAME_WITH_ACRONYM.sub(lambda m: m["acronym"] + " ", sentence)
    sentence = PARENTHESES.sub("", sentence)
    sentence = re.sub(r"\s+", " ", sentence)
    role_then_name = ROLE_THEN_NAME.match(sentence)
    if role_then_name:
        sentence = role_then_name["rest"]
    sentence = NUMERIC_DATE.sub("", WRITTEN_DATE.sub("", sentence))
    sentence = sentence.strip(" ,.;:")
    words = sentence.split()
    if len(words) > max_words:
        cut = [m.start() for m in CUT_BEFORE.finditer(sentence) if m.start() > 30]
        commas = [m.start() for m in re.finditer(",", sentence) if m.start() > 30]
        sentence = sentence[: (cut or commas)[0]] if (cut or commas) else sentence
        words = sentence.split()
        if len(words) > max_words:
            words = words[:max_words]
    titled = []
    for index, word in enumerate(words):
        keep = word.isupper() or any(ch.isupper() for ch in word[1:])
        if keep or (index and word in SMALL_WORDS):
            titled.append(word)
        else:
            titled.append(word[:1].upper() + word[1:])
    return " ".join(titled).strip(" ,.;:")


# --- People and their roles --------------------------------------------------

ROLE_WORDS = (
    r"Presiden|Wakil Presiden|Wapres|Menteri|Wamen|Gubernur|Wakil Gubernur|Wagub|Bupati|"
    r"Wakil Bupati|Wabup|Wali ?Kota|Wakil Wali ?Kota|Sekda|Sekretaris Daerah|Sekretaris|"
    r"Asisten|Staf Ahli|Staf Khusus|Kepala|Kadis|Kaban|Kabag|Kabid|Kasubag|Kasi|Kapuspen|"
    r"Karo|Direktur Jenderal|Direktur|Dirjen|Deputi|Inspektur|Camat|Lurah|Ketua|Wakil Ketua|"
    r"Anggota|Komisioner|Plt\.?|Pj\.?|Plh\.?|Kapolda|Kapolres|Kapolri|Pangdam|Dandim|Juru Bicara|"
    r"Jubir|Koordinator|Tenaga Ahli|Rektor|Danrem"
)
ROLE_START = re.compile(r"\b(" + ROLE_WORDS + r")\b")
# Words that belong to names of offices, never to people's names.
ORG_WORDS = frozenset(
    " ".join(
        [
            "Dinas Badan Bagian Bidang Biro Pusat Direktorat Jenderal Kementerian Kemendagri "
            "Sekretariat Setda Setdakab Setdaprov Kabupaten Kab Kota Provinsi Pemkab Pemkot "
            "Pemprov Pemerintah Pemerintahan Daerah Umum Politik Hukum Dalam Negeri Luar "
            "Organisasi Kemasyarakatan Kependudukan Pencatatan Sipil Keuangan Kesatuan Bangsa "
            "Komunikasi Informatika Informasi Publik Humas Hubungan Masyarakat Ekonomi Sosial "
            "Budaya Ketahanan Tata Penerangan Pembangunan Bina Perencanaan Kesehatan Pendidikan "
            "Pekerjaan Perhubungan Pertanian Pariwisata Perindustrian Perdagangan Statistik "
            "Persandian Kominfo Kominfotik Diskominfo Diskominfotik Sekretaris Kepala Ahli Staf "
            "Bupati Gubernur Wali Menteri Direktur Deputi Asisten Republik Indonesia Nasional "
            "Kesbangpol Wilayah Urusan Sub Pelayanan Teknis Pelaksana Tugas Harian Perlindungan "
            "Pemberdayaan Perempuan Anak Desa Lingkungan Hidup Kebudayaan Tenaga Kerja Sumber "
            "Daya Manusia Aparatur Pengawasan Pemilihan Penyelenggara Pemilu Kepolisian Tentara "
            "Kantor Unit Lembaga Komisi Dewan Majelis Presiden Wakil Ketua Serentak Pilkada "
            "Pilpres Pileg Tahun Rapat Acara Kegiatan Program Gerakan "
        ]
    ).split()
)
CONNECTORS = {"dan", "serta", "&", "/", "dari", "pada", "bidang", "se"}
NAME_TOKEN = re.compile(r"^[A-Z][a-z'’]+\.?$|^[A-Z]\.$|^(Moh|Muh|Muhd|Hj?|Dr|Ir|Drs|Prof)\.$")
TOKEN = re.compile(r"[\w'’.()/&-]+|,")


@dataclass
class PersonMention:
    name: str
    role: str
    start: int
    acting: str = ""
    end: int = 0

    @property
    def tokens(self) -> list[str]:
        return self.name.replace(".", " ").split()


# Abbreviations ending in a full stop inside names and role phrases.
ABBREVIATIONS = frozenset(
    [
        "Moh",
        "Muh",
        "Muhd",
        "Mhd",
        "Dr",
        "Ir",
        "Drs",
        "Dra",
        "Prof",
        "Hj",
        "H",
        "St",
        "Plt",
        "Pj",
        "Plh",
        "Kab",
        "Kec",
        "Kel",
        "No",
        "Jl",
    ]
)
ORG_PREFIXES = ("Kemen", "Dinas", "Dis", "Ditjen", "Pemkab", "Pemkot", "Pemprov", "Setda")
# "Hasyim Gautama yang pada kesempatan itu juga mewakili Dirjen IKP Kemenkominfo"
NAME_THEN_ROLE = re.compile(
    r"(?m)^(?P<name>[A-Z][a-z'’]+(?: [A-Z][a-z'’]+){1,3}),? (?:yang\b[^.,]{0,60}?\b)?"
    r"(?P<role>(?:mewakili|selaku|sebagai) (?:[A-Z][\w/.-]*,? ?|dan |serta ){1,10})"
)


def _is_name_token(token: str, region_words: set[str]) -> bool:
    bare = token.rstrip(".")
    return (
        bool(NAME_TOKEN.match(token))
        and bare not in ORG_WORDS
        and not bare.startswith(ORG_PREFIXES)
        and bare.lower() not in region_words
        and not bare.isupper()
    )


def find_role_phrases(text: str, *, region_words: set[str]) -> list[PersonMention]:
    """ "Kepala Dinas Kependudukan dan Pencatatan Sipil Moh. Iskak Iskandar" ->
    name "Moh. Iskak Iskandar", role "Kepala Dinas Kependudukan dan Pencatatan Sipil".

    A role phrase starts at a role word and runs over capitalised words,
    connectors and commas; the person's name is the trailing run of capitalised
    words that are neither office words, region names nor acronyms."""
    found: list[PersonMention] = []
    for match in ROLE_START.finditer(text):
        if found and match.start() < found[-1].end:
            continue
        tokens = []
        for token_match in TOKEN.finditer(text, match.start()):
            token = token_match.group(0)
            gap = text[tokens[-1][2] : token_match.start()] if tokens else ""
            if "\n" in gap or len(tokens) > 22:
                break
            lower = token.lower()
            if token == ",":
                tokens.append((token, token_match.start(), token_match.end()))
                continue
            if (
                token[:1].isupper()
                or token[:1].isdigit()
                or lower in CONNECTORS
                or (token[:1] == "(" and token[1:2].isupper())
            ):
                tokens.append((token, token_match.start(), token_match.end()))
                bare = token.rstrip(".")
                if token.endswith(".") and len(bare) > 1 and bare not in ABBREVIATIONS:
                    break  # "… Ahmad Baehaqi. Turut hadir …": the sentence ended
                continue
            break
        # "… Edi Kusnaedi serta Kepala Bidang …": the next person's role starts.
        for index in range(2, len(tokens) - 1):
            following = index + 1
            while following < len(tokens) - 1 and tokens[following][0] in {"dan", "serta"}:
                following += 1
            if (
                (tokens[index][0] == "," or tokens[index][0].lower() in {"serta", "dan"})
                and ROLE_START.match(text, tokens[following][1])
                and _is_name_token(tokens[index - 1][0], region_words)
            ):
                tokens = tokens[:index]
                break
        while tokens and (tokens[-1][0] == "," or tokens[-1][0].lower() in CONNECTORS):
            tokens.pop()
        # Trailing run of name tokens.
        end = len(tokens)
        start = end
        while start > 0 and _is_name_token(tokens[start - 1][0], region_words):
            start -= 1
        if start == end or start == 0:
            continue
        name_tokens = [t[0] for t in tokens[start:end]][-4:]
        role_tokens = [t[0] for t in tokens[:start]]
        while role_tokens and role_tokens[-1] == ",":
            role_tokens.pop()
        role = " ".join(role_tokens).replace(" ,", ",")
        name = " ".join(name_tokens).rstrip(".,")
        acting_match = re.match(r"^(Plt|Pj|Plh)\.?\s+", role)
        found.append(
            PersonMention(
                name=name,
                role=role,
                start=tokens[start][1],
                acting=acting_match.group(1).lower() if acting_match else "",
                end=tokens[end - 1][2],
            )
        )
    for match in NAME_THEN_ROLE.finditer(text):
        found.append(
            PersonMention(
                name=match["name"],
                role=match["role"].strip(" ,"),
                start=match.start("name"),
                end=match.end(),
            )
        )
    found.sort(key=lambda mention: mention.start)
    return found


# --- Quotes ------------------------------------------------------------------

SPEECH_VERBS = (
    r"kata|ujar|terang|harap|ungkap|jelas|tutur|tegas|imbuh|sambung|tambah|pungkas|papar|"
    r"ucap|sebut|lanjut|pesan|ajak|pinta|seru|tandas|kenang|akui|klaim|urai|beber|katakan"
)
QUOTED = re.compile(r"[“\"](?P<text>[^”\"\n]{12,}?)[”\"]")
NOT_A_QUOTE_BEFORE = re.compile(
    r"(tema|bertema|bertajuk|berjudul|judul|slogan|tagline|motto|tajuk|program|istilah)\s*:?\s*$",
    re.IGNORECASE,
)
AFTER_VERB = re.compile(
    r"^\s*[,.]?\s*(?P<verb>" + SPEECH_VERBS + r")(?P<nya>nya)?\b[ \t]*"
    r"(?P<name>(?:[A-Z][\w'’]*[ \t]?){0,3})"
)
BEFORE_VERB = re.compile(
    r"\b(?P<verb>" + SPEECH_VERBS + r")(?P<nya>nya)\s*[,:]?\s*$", re.IGNORECASE
)
BEFORE_NAME = re.compile(
    r"(?P<name>(?:[A-Z][\w'’.]*[ \t]?){1,3})[ \t]*(?:" + SPEECH_VERBS + r"|menyampaikan|mengatakan|"
    r"menegaskan|menjelaskan|mengungkapkan|berharap|menambahkan)\w*\s*[,:]\s*$"
)


@dataclass
class QuoteMention:
    text: str
    start: int
    speaker_text: str  # a name as written, or "" when the speaker is the last person named
    how: str


def find_quotes(text: str) -> list[QuoteMention]:
    quotes: list[QuoteMention] = []
    for match in QUOTED.finditer(text):
        quoted = match["text"].strip().rstrip(",").strip()
        before = text[max(0, match.start() - 120) : match.start()]
        if NOT_A_QUOTE_BEFORE.search(before) or len(quoted.split()) < 4:
            continue
        after = AFTER_VERB.match(text[match.end() : match.end() + 80])
        if after and after["verb"]:
            if after["nya"]:
                quotes.append(QuoteMention(quoted, match.start(), "", after["verb"] + "nya"))
            else:
                name = after["name"].strip()
                quotes.append(QuoteMention(quoted, match.start(), name, after["verb"]))
            continue
        lead_in = BEFORE_VERB.search(before)
        if lead_in:
            quotes.append(QuoteMention(quoted, match.start(), "", lead_in["verb"] + "nya"))
            continue
        named = BEFORE_NAME.search(before)
        if named:
            quotes.append(QuoteMention(quoted, match.start(), named["name"].strip(), "said"))
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not text[line_start : match.start()].strip():
            # A quotation opening a paragraph belongs to the person last named.
            quotes.append(QuoteMention(quoted, match.start(), "", "paragraph"))
    return quotes
