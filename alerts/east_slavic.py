"""One name as Belarusian and as Russian write it: Sviatlana Tsikhanouskaya / Светлана Тихановская.

Belarusian spells a name as it is said, Russian by its roots, and the press copies either:
Belarusian-language outlets and the official romanisations write Святлана Ціханоўская,
Sviatlana Tsikhanouskaya, Аляксандр Лукашэнка, Aliaksandr Lukashenka, Марыя Калеснікава; Russian
ones and most wire services Светлана Тихановская, Svetlana Tikhanovskaya, Александр Лукашенко,
Maria Kolesnikova. The differences are regular: a soft т and д are ц and дз (ts, dz) in
Belarusian; в after a vowel before a consonant or at the end is ў (u: -ов is -аў, -au); an
unstressed о is а (akanye: Lukashenka, Kalesnikava), an е before the stress я (Sviatlana,
Aliaksandr, Siarhei); г is said h (Siarhei, Ihar). Consonants change a name's skeleton, so a
rule gets the other language's consonants as extra prefilter forms (`word_forms`); vowels
cannot be restored (which о was stressed is not written), so the word-by-word check compares
both through a *reading* that brings them together (`russian_reading`, then names.slavic_key:
о read as а), for rules whose name may be written both ways (`might_be_both`).
"""

from __future__ import annotations

import re

LATIN_VOWELS = "aeiouy"
CYRILLIC_VOWELS = "аеёиоуыэюяі"

# surnames as Russian, Belarusian and Ukrainian form them, and the Russian-style ones of the
# Caucasus and Central Asia (Aliyev: Belarusian writes Аліеў), in Latin and in (folded)
# Cyrillic letters: -ov/-ev/-au, -in, -sky/-skyi/-skaya, -enko/-enka, -uk, -ak, -ik, -vich,
# -ka/-ko (Babaryka/Babariko, Latushka/Latushko), -ets, -nyi
SURNAME_ENDINGS = re.compile(
    r"(?:[aeoy]va?|[aeo]u|[iy]na?|ynau?|sk[iy]{1,2}j?|sk[aiy]ya|skaja|skaia|ska|[kn][ao]"
    r"|[iy]?uk|[aiy]k|[cv]i[cč]h?|ets|ec|[nr][iy][iy]?"
    r"|ов|ев|ова|ева|ин|ина|ына|ий|ый|ая|ски|скі|ка|ко|ук|ак|ик|іч|ич|ец|ау|оу|еу)$"
)


def might_be_both(name: str) -> bool:
    """Is `name` (folded) one that Belarusian and Russian may both write: does its surname end
    as East Slavic (or Russian-style) surnames do?"""
    words = name.split()
    return len(words) >= 2 and bool(SURNAME_ENDINGS.search(words[-1]))


# Russian consonants as Belarusian writes them, and back, in Latin and in Cyrillic letters
# (folded: ў is у). A v or u counts after a, e or o only: Yulia's or Iuliia's u is a vowel.
TO_BELARUSIAN = (
    (re.compile(r"t(?=[ie])"), "ts"),
    # Dmitry: Dzmitry; soft before a soft v too: Medvedev, Мядзведзеў
    (re.compile(r"d(?=v?[ie])|\bd(?=m)"), "dz"),
    (re.compile(rf"(?<=[aeo])v(?![{LATIN_VOWELS}])"), "u"),
    (re.compile(r"т(?=[иеёюяь])"), "ц"),
    (re.compile(r"д(?=в?[иеёюяь])|\bд(?=м)"), "дз"),
    (re.compile(rf"(?<=[аеоэ])в(?![{CYRILLIC_VOWELS}ь])"), "у"),
)
TO_RUSSIAN = (
    (re.compile(r"ts(?=[iey])"), "t"),
    (re.compile(r"dz(?!h)"), "d"),
    (re.compile(rf"(?<=[aeo])u(?![{LATIN_VOWELS}])"), "v"),
    (re.compile(r"ц(?=[иіеёюяь])"), "т"),
    (re.compile(r"дз"), "д"),
    (re.compile(rf"(?<=[аеоэ])у(?![{CYRILLIC_VOWELS}])"), "в"),
)
# Belarusian я (ia, ya) before the stress where Russian writes е: Святлана, Sviatlana /
# Светлана; Аляксандр / Александр; Сяргей, Siarhei / Сергей (a final -ia, -ya is no such: Maria)
YA_FOR_E = re.compile(r"(?<=[b-df-hj-np-tv-z])[iy]a(?=[b-df-hj-np-tv-z])")


def word_forms(word: str) -> list[str]:
    """A (folded) word, then its spellings with its consonants as the other language writes
    them: with each change alone and with all of them, as the press mixes the two
    (Tsikhanovskaya), for the skeleton prefilter (names._other_skeletons)."""
    forms = [word]
    for table in (TO_BELARUSIAN, TO_RUSSIAN):
        every = word
        changes = 0
        for pattern, replacement in table:
            changed = pattern.sub(replacement, word)
            if changed != word:
                forms.append(changed)
                every = pattern.sub(replacement, every)
                changes += 1
        if changes > 1:
            forms.append(every)
    return list(dict.fromkeys(forms))


# the Latin rules of TO_RUSSIAN, and ц transliterated (c) before a front vowel as т too
READING = (*TO_RUSSIAN[:3], (re.compile(r"c(?=[iey])"), "t"))


def russian_reading(latin: str) -> str:
    """A folded word in Latin letters (Cyrillic transliterated) with Belarusian's consonants and
    pretonic я as Russian writes them: tsikhanouskaya and tihanovskaya both tihanovskaya."""
    for pattern, replacement in READING:
        latin = pattern.sub(replacement, latin)
    return YA_FOR_E.sub("e", latin)
