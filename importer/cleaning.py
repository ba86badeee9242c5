"""Turning a scraped page (text or HTML) into the release's own paragraphs.

Site furniture is recognised by its shape, not by the site it came from: link
lists under a heading ("Baca Juga", "Berita Terkait", "Terpopuler", …), comment
prompts, copyright lines, hashtag lines and page timestamps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Headings that open a list of links to other stories; everything up to the end
# of the page (or the next paragraph that reads like prose) belongs to the list.
LINK_LIST_HEADINGS = re.compile(
    r"^(baca juga|berita terkait|artikel terkait|terpopuler|populer|pilihan|"
    r"pilihan redaksi|terkini|berita terkini|berita lainnya|berita lain|baca lainnya|"
    r"rekomendasi|lihat juga|simak juga|tag|tags|topik|share|bagikan)\s*:?\s*$",
    re.IGNORECASE,
)
# "Baca Juga: <headline>" on one line is a single link.
INLINE_LINK = re.compile(r"^(baca juga|lihat juga|simak juga|baca)\s*:\s*\S", re.IGNORECASE)
COMMENT_PROMPT = re.compile(
    r"^(tulis komentar|komentar|kirim komentar|beri komentar|tinggalkan komentar|"
    r"\d+\s+komentar|komentar\s*\(\d+\)|leave a (comment|reply))\s*:?\s*$",
    re.IGNORECASE,
)
COPYRIGHT = re.compile(r"(©|\(c\)\s*\d{4}|copyright|hak cipta)", re.IGNORECASE)
HASHTAGS_ONLY = re.compile(r"^(#\w+\s*)+$")
TRAILING_HASHTAGS = re.compile(r"(\s+#\w+)+\s*$")
# "Kamis, 28 November 2024 - 10:12:36 WIB", "28/11/2024 10:12", "10:12 WIB" alone.
PAGE_TIMESTAMP = re.compile(
    r"^((senin|selasa|rabu|kamis|jum'?at|sabtu|minggu),?\s*)?"
    r"(\d{1,2}\s+\w+\s+\d{4}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4})?\s*[-|,]?\s*"
    r"\d{1,2}[:.]\d{2}([:.]\d{2})?\s*(wib|wita|wit)?\s*$",
    re.IGNORECASE,
)
# "Ditulis oleh Biro Humas | Kamis, 9 November 2023 | 13:05 WIB": a page's meta line.
META_WITH_TIME = re.compile(r"\d{1,2}[:.]\d{2}\s*(wib|wita|wit)\b", re.IGNORECASE)
# "Kamis, 9 November 2023" alone on a line: the page's date, not a sentence.
DATE_ONLY = re.compile(
    r"^((senin|selasa|rabu|kamis|jum'?at|sabtu|minggu),?\s*)?\d{1,2}\s+[a-z]+\s+\d{4}$",
    re.IGNORECASE,
)
# "Siaran Pers No. 212/HM/KOMINFO/11/2023", "Nomor: 45/SP/2024"
RELEASE_NUMBER = re.compile(
    r"^(siaran pers\s+)?(no\.?|nomor)\s*:?\s*[\w./-]+$|^siaran pers\s+(no\.?|nomor)\b",
    re.IGNORECASE,
)
CONTACT_LINE = re.compile(
    r"^(untuk )?(informasi lebih lanjut|narahubung|kontak media|contact person)\b", re.IGNORECASE
)
# "Penulis: …", "Editor: …", "Tags: …" lines of the page, not of the release.
CREDIT_LINE = re.compile(
    r"^(penulis|editor|reporter|pewarta|fotografer|redaktur|sumber|tags?|topik|kategori)"
    r"\s*:\s*\S",
    re.IGNORECASE,
)
DASH_ONLY = re.compile(r"^[-–—•*·|]+$")
# "Beranda / Berita / Pemerintahan", "Home › News": the page's breadcrumb trail.
BREADCRUMB = re.compile(
    r"^(beranda|home|index|halaman utama)\s*[/›>»|]\s*[^.]{0,120}$", re.IGNORECASE
)
CAPTION = re.compile(r"^(teks foto|keterangan foto|foto|caption)\s*:\s*(.+)$", re.IGNORECASE)
# A source credit on its own line: "(Indonesiatech)", "(ant)", "(hms/kominfo)".
SOURCE_CREDIT = re.compile(r"^\(([\w .&/-]{2,60})\)\s*$")

# Scraping artifacts inside words: "ya+ng" -> "yang". Only a "+" between two
# lower-case letters is removed; sums such as "2+3" or "C+" are left alone.
PLUS_IN_WORD = re.compile(r"(?<=[a-z])\+(?=[a-z])")
SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass
class CleanedRelease:
    paragraphs: list[str]
    caption: str = ""
    source_credit: str = ""
    # Copyright and similar page footers: removed, but they name the publisher.
    footer: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # Date lines of the page ("Kamis, 9 November 2023"): removed, kept for the date.
    page_dates: list[str] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


class _ParagraphExtractor(HTMLParser):
    """Collects block-level text as separate lines; drops scripts, styles, nav."""

    BLOCKS = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "figcaption",
        "blockquote",
        "ul",
        "ol",
        "table",
    }
    SKIP = {
        "head",
        "script",
        "style",
        "noscript",
        "nav",
        "iframe",
        "svg",
        "form",
        "button",
        "select",
        "aside",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        # Open elements whose text is not the release's (scripts, navigation …).
        self.skipped: list[str] = []
        self.in_content = 0

    def _flush(self) -> None:
        text = SPACES.sub(" ", "".join(self.current)).strip()
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if "head" in self.skipped and (tag == "body" or tag in self.BLOCKS):
            # Malformed pages leave <head> open: the body starts anyway.
            del self.skipped[self.skipped.index("head") :]
        if tag in ("article", "main"):
            self.in_content += 1
        if tag in self.SKIP or (tag == "header" and not self.in_content):
            # A site's header (logo, menu) is not the release; an article's header
            # (its headline) is.
            self.skipped.append(tag)
        elif tag in self.BLOCKS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in ("article", "main"):
            self.in_content = max(0, self.in_content - 1)
        if tag in self.SKIP or tag == "header":
            # Close the element and whatever was left open inside it; a stray
            # closing tag is ignored.
            if tag in self.skipped:
                index = len(self.skipped) - 1 - self.skipped[::-1].index(tag)
                del self.skipped[index:]
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self.skipped:
            self.current.append(data.replace("\n", " "))

    def close(self):
        super().close()
        self._flush()


def html_to_text(html: str) -> str:
    """Block elements become lines; everything else is text."""
    parser = _ParagraphExtractor()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.lines)


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(p|div|html|body|article|br)\b", text[:5000], re.IGNORECASE))


def _is_link_item(line: str) -> bool:
    """A headline in a link list: short, no sentence-final full stop."""
    return len(line) <= 200 and not line.rstrip().endswith((".", '"', "”"))


def _is_page_meta(line: str) -> bool:
    """A short line with a clock time that is a page's meta line, not a sentence
    ("Rapat dimulai pukul 09.00 WIB" is long or goes on after the time)."""
    time = META_WITH_TIME.search(line)
    return bool(time) and len(line) <= 100 and ("|" in line or time.end() == len(line))


def clean_release(raw: str) -> CleanedRelease:
    """Paragraphs of the release with the page furniture removed."""
    if looks_like_html(raw):
        raw = html_to_text(raw)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = [SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    result = CleanedRelease(paragraphs=[])
    in_link_list = False
    for line in lines:
        if not line:
            continue
        if LINK_LIST_HEADINGS.match(line):
            in_link_list = True
            result.removed.append(line)
            continue
        if in_link_list and (COPYRIGHT.search(line) or CREDIT_LINE.match(line)):
            in_link_list = False  # the page footer, which names the publisher
        if in_link_list:
            if DASH_ONLY.match(line) or line.startswith(("-", "•", "*")) or _is_link_item(line):
                result.removed.append(line)
                continue
            in_link_list = False
        if (
            DASH_ONLY.match(line)
            or BREADCRUMB.match(line)
            or INLINE_LINK.match(line)
            or COMMENT_PROMPT.match(line)
            or HASHTAGS_ONLY.match(line)
            or PAGE_TIMESTAMP.match(line)
            or _is_page_meta(line)
            or (RELEASE_NUMBER.match(line) and len(line) <= 80)
            or CONTACT_LINE.match(line)
        ):
            result.removed.append(line)
            continue
        if DATE_ONLY.match(line):
            result.removed.append(line)
            result.page_dates.append(line)
            continue
        if COPYRIGHT.search(line) and len(line) < 200:
            result.removed.append(line)
            result.footer.append(line)
            continue
        if CREDIT_LINE.match(line) and len(line) < 120 and not CAPTION.match(line):
            result.removed.append(line)
            result.footer.append(line)
            continue
        caption = CAPTION.match(line)
        if caption and not result.caption:
            result.caption = caption.group(2).strip()
            continue
        credit = SOURCE_CREDIT.match(line)
        if credit:
            result.source_credit = credit.group(1).strip()
            result.removed.append(line)
            continue
        tags = TRAILING_HASHTAGS.search(line)
        if tags:
            result.removed.append(tags.group(0).strip())
            line = line[: tags.start()].rstrip()
        fixed = PLUS_IN_WORD.sub("", line)
        if fixed != line:
            result.fixes.append("“+” removed inside a word")
            line = fixed
        result.paragraphs.append(line)
    return result
