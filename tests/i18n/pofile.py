"""A small reader for gettext .po files: enough for what `makemessages` writes
(comments, flags, msgctxt, msgid, msgid_plural, msgstr and msgstr[n], quoted
continuation lines, obsolete "#~" entries). The project has no polib; this keeps
the catalog tests free of a dependency."""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")


@dataclass
class PoEntry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    # One item for a singular entry; one per plural form (msgstr[0], msgstr[1]…).
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    # The entry's lines in the file, as written (to rewrite it in place).
    lines: list[str] = field(default_factory=list)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr)


def unquote(text: str) -> str:
    """A PO string literal ("…" with C escapes) to its text."""
    return ast.literal_eval(text)


def quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def parse_po(text: str) -> list[PoEntry]:
    entries: list[PoEntry] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        entry = PoEntry(lines=lines)
        current: tuple[str, int | None] | None = None
        for raw in lines:
            line = raw
            if line.startswith("#~"):
                entry.obsolete = True
                line = line[2:].strip()
                if not line or line.startswith("#"):
                    continue
            elif line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
                continue
            elif line.startswith("#"):
                continue
            match = KEYWORD.match(line)
            if match:
                keyword, index, literal = match.groups()
                value = unquote(literal)
                if keyword.startswith("msgstr"):
                    position = int(index) if index is not None else 0
                    while len(entry.msgstr) <= position:
                        entry.msgstr.append("")
                    entry.msgstr[position] = value
                    current = ("msgstr", position)
                else:
                    setattr(entry, keyword, value)
                    current = (keyword, None)
            elif line.startswith('"') and current is not None:
                value = unquote(line)
                keyword, position = current
                if keyword == "msgstr":
                    entry.msgstr[position] += value
                else:
                    setattr(entry, keyword, getattr(entry, keyword) + value)
            else:
                raise ValueError(f"Unexpected line in .po file: {raw!r}")
        entries.append(entry)
    return entries


def read_po(path: Path) -> list[PoEntry]:
    return parse_po(Path(path).read_text(encoding="utf-8"))


def header_fields(entries: list[PoEntry]) -> dict[str, str]:
    header = next(entry for entry in entries if entry.is_header)
    pairs = (line.split(":", 1) for line in header.msgstr[0].splitlines() if ":" in line)
    return {name.strip(): value.strip() for name, value in pairs}
