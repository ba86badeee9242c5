"""How many fields the importer gets right on the seeds and on the extra samples.

Run on a database holding the reference data (``make run`` loads it), e.g.:

    DJANGO_SETTINGS_MODULE=newsroom.settings.dev .venv/bin/python bench/importer_accuracy.py

Only the recognisers run: nothing is saved. The expected facts are those
of fixtures/scraped/README.md; the extra samples' facts are in their text.
"""

import datetime
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")

import django  # noqa: E402

django.setup()

from importer.gazetteer import Gazetteer  # noqa: E402
from importer.recognition import recognise  # noqa: E402

D = datetime.date
# file: (title or None when it must be suggested, date, region code, publisher region
# code or None for a national outlet, [(person, role words expected)], [event words],
# [quote speakers in order])
SEEDS = {
    "000": (
        "Pemkab Muara Enim Ikuti Rapat Koordinasi Gerakan Pembagian 10 Juta Bendera Merah "
        "Putih Tahun 2023",
        D(2023, 7, 21),
        "16.03",
        "16.03",
        [("Aang Witarsa Rofik", "Plt."), ("Bahtiar", "Direktur Jenderal Politik")],
        ["Bendera"],
        ["Aang Witarsa Rofik", "Bahtiar"],
    ),
    "001": (
        None,
        D(2023, 1, 3),
        "32.12",
        "32.12",
        [
            ("Bahtiar", "Direktur Jenderal Politik"),
            ("Nina Agustina", "Bupati"),
            ("Sugeng Heryanto", "Staf Ahli"),
            ("Moh. Iskak Iskandar", "Kepala Dinas Kependudukan"),
            ("Budi Setiawan", "Sekretaris Badan Kesatuan Bangsa"),
            ("Amrullah", "Sekretaris Badan Keuangan"),
            ("Edi Kusnaedi", "Kepala Bagian Tata Pemerintahan"),
            ("Agus Rohani", "Kepala Bidang Politik"),
            ("Joko Widodo", "Presiden"),
        ],
        ["Pemilu"],
        ["Bahtiar"],
    ),
    "002": (
        None,
        D(2023, 4, 11),
        "74.71",
        None,
        [("Bahtiar", "Direktur Jenderal Politik")],
        ["Pemilu"],
        ["Bahtiar"] * 4,
    ),
    "003": (
        "Kadis Kominfotik Bengkalis Ikuti Rapat Konsolidasi Pelaksanaan Sosialisasi Pilkada "
        "Serentak 2020",
        D(2020, 6, 10),
        "14.03",
        "14.03",
        [("Bahtiar", "Plt. Direktur Jenderal Politik"), ("Johansyah Syafri", "Kepala Dinas")],
        ["Pilkada"],
        ["Bahtiar", "Bahtiar"],
    ),
    "004": (
        None,
        D(2023, 1, 18),
        "21",
        "21",
        [
            ("Hasan", "Kepala Dinas"),
            ("Aludin Andi", "Sekretaris"),
            ("Hasyim Gautama", ""),
            ("Robby Leo", "Kepala Bagian Humas"),
            ("Joko Widodo", "Presiden"),
        ],
        ["Pemilu"],
        ["Hasyim Gautama", "Hasyim Gautama", "Robby Leo"],
    ),
}
EXPANSIONS = {"Kabag": "Kepala Bagian", "Kadis": "Kepala Dinas", "Dirjen": "Direktur Jenderal"}


def expand(role: str) -> str:
    for short, long in EXPANSIONS.items():
        role = role.replace(short, long)
    return role


def score(prefix: str, text: str, gazetteer: Gazetteer) -> dict[str, tuple[int, int]]:
    title, date, region, publisher_region, people, events, speakers = SEEDS[prefix]
    rec = recognise(text, gazetteer=gazetteer)
    got: dict[str, tuple[int, int]] = {}
    title_ok = (
        rec.title.label == title
        if title
        else bool(rec.title.label) and not (rec.title.label.isupper() or "–" in rec.title.label)
    )
    got["title"] = (int(title_ok), 1)
    got["event date"] = (int(rec.event_date.value == date), 1)
    got["region"] = (int(bool(rec.region.value) and rec.region.value.code == region), 1)
    publisher = rec.publisher.value
    publisher_ok = publisher is not None and (
        (publisher.region.code == publisher_region)
        if publisher_region
        else publisher.kind == "media_outlet"
    )
    got["publisher"] = (int(publisher_ok), 1)
    known = {f.official.name: f for f in rec.officials}
    proposed = {p["name"]: p["role_as_written"] for p in rec.proposed_officials}
    right = 0
    for name, role in people:
        if name in known:
            finding = known[name]
            shown = " ".join(a.role_display for a in finding.held_that_day) or expand(
                finding.role_as_written
            )
            right += role in shown
        elif name in proposed:
            right += role in expand(proposed[name])
    got["officials + role"] = (right, len(people))
    event_text = " ".join(e.name for e in rec.events)
    got["events"] = (sum(word in event_text for word in events), len(events))
    found = [q.speaker.name if q.speaker else q.speaker_name for q in rec.quotes]
    got["quotes + speaker"] = (
        sum(a == b for a, b in zip(found, speakers, strict=False))
        - max(0, len(found) - len(speakers)),
        len(speakers),
    )
    return got


def main() -> None:
    gazetteer = Gazetteer()
    seeds = ROOT / "fixtures" / "scraped"
    columns = [
        "title",
        "event date",
        "region",
        "publisher",
        "officials + role",
        "events",
        "quotes + speaker",
    ]
    print("| seed | " + " | ".join(columns) + " | total |")
    print("|---" * (len(columns) + 2) + "|")
    grand = [0, 0]
    for prefix in SEEDS:
        text = next(seeds.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
        got = score(prefix, text, gazetteer)
        right = sum(r for r, _ in got.values())
        total = sum(t for _, t in got.values())
        grand[0] += right
        grand[1] += total
        cells = [f"{got[c][0]}/{got[c][1]}" for c in columns]
        print(f"| {prefix} | " + " | ".join(cells) + f" | {right}/{total} |")
    print(f"| all | {' | '.join([''] * len(columns))} | {grand[0]}/{grand[1]} |")


if __name__ == "__main__":
    main()
