"""The shipped catalogs: Indonesian complete, English left to its msgids, and the
compiled .mo files in step with the .po files (the project ships them, so that
`make run` works without gettext installed)."""

import gettext
import re

import pytest
from django.conf import settings

from .pofile import header_fields, parse_po, read_po

LOCALE = settings.LOCALE_PATHS[0]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w*\}")


def catalog_path(language: str, suffix: str):
    return LOCALE / language / "LC_MESSAGES" / f"django.{suffix}"


def messages(language: str):
    return [
        entry
        for entry in read_po(catalog_path(language, "po"))
        if not entry.is_header and not entry.obsolete
    ]


def describe(entry) -> str:
    return repr(entry.msgid if entry.msgid_plural is None else (entry.msgid, entry.msgid_plural))


def test_the_indonesian_header_has_one_plural_form():
    entries = read_po(catalog_path("id", "po"))
    header = next(entry for entry in entries if entry.is_header)
    assert not header.fuzzy, "a fuzzy header is dropped by msgfmt (and its Plural-Forms)"
    fields = header_fields(entries)
    assert fields["Language"] == "id"
    assert fields["Plural-Forms"] == "nplurals=1; plural=0;"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"


def test_every_indonesian_message_is_translated_and_none_is_fuzzy():
    entries = messages("id")
    assert len(entries) > 400  # the whole interface, not an empty file
    untranslated = [describe(entry) for entry in entries if not entry.translated]
    fuzzy = [describe(entry) for entry in entries if entry.fuzzy]
    assert untranslated == [], "untranslated: run `make messages`, then translate"
    assert fuzzy == [], "fuzzy: check the translation and remove the flag"


def test_indonesian_plural_messages_have_exactly_one_form():
    plurals = [entry for entry in messages("id") if entry.msgid_plural]
    assert plurals
    assert [describe(entry) for entry in plurals if len(entry.msgstr) != 1] == []


def test_indonesian_translations_keep_every_placeholder():
    wrong = []
    for entry in messages("id"):
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in entry.msgstr:
            if sorted(PLACEHOLDER.findall(text)) != expected:
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_the_english_catalog_has_no_fuzzy_entries_and_keeps_the_msgids():
    entries = read_po(catalog_path("en", "po"))
    assert [describe(entry) for entry in entries if entry.fuzzy] == []
    assert header_fields(entries)["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    # The msgids are English; an English msgstr would only duplicate them.
    assert [describe(e) for e in entries if not e.is_header and any(e.msgstr)] == []
    # Both catalogs list the same messages.
    assert {describe(e) for e in messages("en")} == {describe(e) for e in messages("id")}


def compiled_messages(entries) -> dict:
    """What msgfmt puts in a .mo for these entries, keyed as gettext reads them."""
    catalog = {}
    for entry in entries:
        if entry.is_header or entry.obsolete or entry.fuzzy or not entry.translated:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            catalog[key] = entry.msgstr[0]
        else:
            for index, text in enumerate(entry.msgstr):
                catalog[(key, index)] = text
    return catalog


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_compiled_catalog_is_the_po_file_compiled(language):
    with catalog_path(language, "mo").open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    shipped = {key: text for key, text in compiled._catalog.items() if key != ""}
    expected = compiled_messages(read_po(catalog_path(language, "po")))
    missing = sorted(map(str, expected.keys() - shipped.keys()))
    stale = sorted(map(str, shipped.keys() - expected.keys()))
    assert (missing, stale) == ([], []), "run `make messages` to recompile the .mo"
    assert {key: shipped[key] for key in expected} == expected
    assert compiled.plural(5) == (0 if language == "id" else 1)


def test_the_po_reader_reads_what_makemessages_writes():
    entries = parse_po(
        'msgid ""\nmsgstr ""\n"Language: id\\n"\n\n'
        "#: a.py:1\n#, fuzzy, python-format\n"
        'msgid ""\n"Hello %(name)s, "\n"welcome"\nmsgstr "Halo %(name)s, \\"selamat\\""\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "satu"\n\n'
        '#~ msgid "gone"\n#~ msgstr "hilang"\n'
    )
    header, greeting, plural, obsolete = entries
    assert header.is_header and header_fields(entries) == {"Language": "id"}
    assert greeting.msgid == "Hello %(name)s, welcome"
    assert greeting.msgstr == ['Halo %(name)s, "selamat"']
    assert greeting.fuzzy and "python-format" in greeting.flags
    assert (plural.msgid_plural, plural.msgstr, plural.translated) == ("many", ["satu"], True)
    assert obsolete.obsolete and obsolete.msgid == "gone"
