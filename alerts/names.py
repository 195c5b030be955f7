"""Person names across spellings, scripts and grammar, without matching namesakes.

A name part (first name, surname) is compared through a *name key*: the folded word written in
Latin letters (Russian Cyrillic transliterated), with the letters that different spellings of one
name swap for each other brought together (Azerbaijani x / English kh / Russian х; c / j / dj / dzh;
q / k / g; ə / a; h / g as in Hasanli / Гасанлы; y inside a word as i; French ou / u),
doubled letters collapsed.
So "Khadija", "Xədicə" and "Хадиджа" all have the key "gadica"; "Ismayilova", "İsmayılova",
"Ismaylova" and "Исмаилова" the key "ismailova".

On top of the key a long part (6+ letters) may differ by one letter, and a text word may carry a
Russian or Azerbaijani case ending ("Исмаиловой", "İsmayılovanın"). The first name must stand
directly before the surname (or after it with a comma, as in registers), which is what keeps
"Leyla Yunus" from matching "Arif Yunus".

Matching has two stages: a *skeleton* of the full name (its key without vowels, which absorbs
most spelling variation and all vowel-only endings) is found for every rule at once with one
Aho-Corasick scan; only those candidates are checked word by word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import compress

import numpy as np

from alerts import east_slavic
from alerts.text import (
    JOINERS,
    Words,
    fold,
    fold_words,
    initial_dots,
    non_ascii,
    within_one_edit,
)

CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "j", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "s", "ъ": "",
    "ы": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    # Azerbaijani Cyrillic (before 1991: Хәдиҹә Исмајылова, Илһам Әлијев), Uzbek, Belarusian
    "ҹ": "c", "ј": "y", "ҝ": "g", "ҳ": "h", "ў": "u",
}  # fmt: skip
# Georgian (Mkhedruli) and Armenian as their national romanisations write them: the aspirated
# and plain stops (თ/ტ, ფ/პ, ქ/კ; թ/տ, փ/պ, ք/կ) alike, digraphs as the English press spells
# them (კობახიძე Kobakhidze, ივანიშვილი Ivanishvili, Փաշինյան Pashinyan), so the same key and
# skeleton come out as from the Latin and the Russian spellings
GEORGIAN = {
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t", "ი": "i",
    "კ": "k", "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p", "ჟ": "zh", "რ": "r", "ს": "s",
    "ტ": "t", "უ": "u", "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q", "შ": "sh", "ჩ": "ch", "ც": "ts",
    "ძ": "dz", "წ": "ts", "ჭ": "ch", "ხ": "kh", "ჯ": "j", "ჰ": "h",
}  # fmt: skip
ARMENIAN = {
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "e", "թ": "t",
    "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h", "ձ": "dz", "ղ": "gh",
    "ճ": "ch", "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o", "չ": "ch", "պ": "p", "ջ": "j",
    "ռ": "r", "ս": "s", "վ": "v", "տ": "t", "ր": "r", "ց": "ts", "ւ": "v", "փ": "p", "ք": "k",
    "օ": "o", "ֆ": "f", "և": "ev",
}  # fmt: skip
ARMENIAN_U = "ու"  # one vowel, u (Մուրադ Murad), before the letters one by one
# Greek (folded: no accents, final ς as σ) as it is said, the way Greek writes foreign names by
# their sound (Ιλχάμ Αλίεφ Ilham Aliyev, Πασινιάν Pashinyan, Ερντογάν Erdogan, Ντόναλντ Τραμπ
# Donald Trump): η, ι, υ, ει, οι are i, ου u, αι e; μπ and ντ are b and d at a word's start or
# after a consonant (Όρμπαν Orban) and mb, nd after a vowel (Κλίντον Clinton), γκ g or ng so;
# a φ that ends a word after a vowel is a Russian name's -v (Αλίεφ Aliyev, Λαβρόφ Lavrov)
GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "ks", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "τ": "t", "υ": "i", "φ": "f", "χ": "kh", "ψ": "ps", "ω": "o",
}  # fmt: skip
GREEK_VOWELS = "αεηιουω"
GREEK_PAIRS = re.compile(
    rf"ου|αι|ει|οι|υι|αυ|ευ|([{GREEK_VOWELS}])?(μπ|ντ|γκ)|γγ|τζ|(?<=[{GREEK_VOWELS}])φ(?!\w)"
)
GREEK_PAIR = {"ου": "u", "αι": "e", "ει": "i", "οι": "i", "υι": "i", "αυ": "av", "ευ": "ev",
              "γγ": "ng", "τζ": "dz"}  # fmt: skip
GREEK_STOPS = {"μπ": ("b", "mb"), "ντ": ("d", "nd"), "γκ": ("g", "ng")}  # alone, after a vowel


def _greek_pair(found: re.Match[str]) -> str:
    if found.group() == "φ":  # a final -εφ, -οφ: Russian -ев, -ов (Αλίεφ Aliyev, Λαβρόφ Lavrov)
        return "v"
    if (stop := found.group(2)) is None:
        return GREEK_PAIR[found.group()]
    vowel = found.group(1)
    return vowel + GREEK_STOPS[stop][1] if vowel else GREEK_STOPS[stop][0]


SCRIPTS = {**CYRILLIC, **GEORGIAN, **ARMENIAN, **GREEK}
SCRIPT_CHARS = frozenset(SCRIPTS)


# Russian е after a vowel (or a hard or soft sign) is said, and written in Latin, ye: Агаев
# Agayev, Алексеев Alekseyev, Гулиев Guliyev (at a word's start it stays e: Елена Elena)
VOWEL_E = re.compile(r"(?<=[аеиоуыэюяьъ])е")


def _transliterate(text: str, chars: set[str] | frozenset[str]) -> str:
    """Cyrillic, Georgian, Armenian and Greek letters in Latin ones; `chars`: the text's
    non-ASCII."""
    if "е" in chars and VOWEL_E.search(text):
        text = VOWEL_E.sub("йе", text)
        chars = chars | {"й"}
    if "ւ" in chars:
        text = text.replace(ARMENIAN_U, "u")
    if not chars.isdisjoint(GREEK):
        text = GREEK_PAIRS.sub(_greek_pair, text)
    for char in SCRIPT_CHARS & chars:
        text = text.replace(char, SCRIPTS[char])
    return text


# longest first; str.replace runs at C speed over a whole text
DIGRAPHS = (("dzh", "j"), ("dsh", "j"), ("tch", "c"), ("dz", "j"), ("dj", "j"), ("zh", "j"),
            ("ks", "x"),
            ("kh", "h"), ("sh", "s"), ("ch", "c"), ("ts", "c"), ("gh", "g"),
            ("ou", "u"))  # fmt: skip
# the velars one letter: Azerbaijani q and x are k, g or kh in Russian and English (Tofiq, Тофик,
# Tofig; Qasımov, Kasumov, Gasimov; Xədicə, Khadija)
LETTERS = str.maketrans({"x": "g", "q": "g", "k": "g", "w": "v", "j": "c", "h": "g", "e": "a"})
Y_BETWEEN_VOWELS = re.compile(r"(?<=[aeiou])y(?=[aeiou])")
# y is i inside a word, and at its start before a vowel, as ICAO's romanisation of Russian
# writes Ю, Я (Yuri / Iurii / Юрий, Yulia / Iuliia, Yakov / Iakov)
Y_INSIDE = re.compile(r"(?<=[^\s])y|\by(?=[aiou])")
# Е at a word's start is e or ye (Elena / Yelena / Елена, Evgeny / Yevgeny, Eltsin / Yeltsin),
# and Ё after a consonant yo or e, as Russian mostly writes it without its dots (Pyotr / Petr /
# Пётр, Fyodor / Fedor, Semyon / Semen, Artyom / Artem): both read as e
YE_AT_START = re.compile(r"\bye")
YO_AFTER_CONSONANT = re.compile(r"(?<=[b-df-hj-np-tv-xz])yo")
# -ий, -ый at a word's end as German, Polish and Czech write them (Zelenskij, Navalnij: Zelensky,
# Navalny, Зеленский, Навальный)
FINAL_IJ = re.compile(r"[iy]j\b")
# the silent u of Spanish, French and Portuguese gu before e or i (Miguel / Мигель, Guevara /
# Гевара, Rodrigues / Родригес, Serguei / Sergei)
SILENT_U = re.compile(r"(?<=g)u(?=[ei])")
# Russian е after a vowel is said, and mostly written, ye (Агаев: Agayev; Алексеев: Alekseyev;
# Синдеева: Sindeyeva), but also written e (Agaev, Alekseev, Sindeeva), and э after a vowel is
# e (Рафаэль: Rafael): every e after a, e, o or u inside a word is read as ye, as
# transliteration reads the Cyrillic (after an i the y merges with it anyway: Guliyev, Guliev).
# Read so, not with the y dropped, the e stays a letter of its own: Mamadayev one letter off
# Mamadov (Mammadov) would be another name taken for it
E_AFTER_VOWEL = re.compile(r"(?<=[aeou])(?=e\w)")
DOUBLE = re.compile(r"(\w)\1+")
FUZZY_MIN = 6  # shorter parts must match exactly: one edit turns "Ali" into "Ari"
# case endings in key space (Russian, Azerbaijani/Turkish after folding), longest first
ENDINGS = sorted(
    {
        # Russian noun and surname cases (e is a in key space), and the feminine adjective's
        # (Политковская, -ой, -ую)
        "a", "u", "i", "oi", "ai", "om", "am", "im", "oiu", "aiu", "ou", "ami", "ag", "ig",
        "ogo", "ago", "omu", "amu", "ia", "iu", "aia", "uiu",
        # Azerbaijani and Turkish case and plural suffixes (ə, ı, ü, ö folded)
        "nin", "nun", "in", "un", "ni", "nu", "na", "da", "dan", "nda", "ndan", "la", "lar",
        "lari", "dir", "dur", "si", "su", "sin", "sun",
        # Uzbek and Kazakh genitive and dative (Mirziyoyevning, Mirziyoyevga, Тоқаевқа)
        "ning", "ga", "ka",
        # Georgian (ergative -მა, dative -ს, genitive -ის, instrumental -ით, adverbial -ად; a
        # final t is d in key space); Armenian -ը, -ի, -ին are the endings above
        "ma", "s", "is", "id", "ad",
        # Lithuanian and Latvian put -as, -is, -us, -s on a man's name, foreign ones too
        # (Vladimiras Putinas, Sergejus Lavrovas, Zelenskis, Putins)
        "as", "us",
        # the dative of a man's name in Ukrainian (Володимирові Зеленському, Сергієві), Czech
        # and Slovak (Petru Novákovi)
        "ovi", "avi",
    },
    key=len,
    reverse=True,
)  # fmt: skip


def _latin(folded: str) -> str:
    latin = folded if folded.isascii() else _transliterate(folded, non_ascii(folded))
    for digraph, letter in DIGRAPHS:
        latin = latin.replace(digraph, letter)
    return latin


# a word-final p or t is the Turkish spelling of a final b or d (Recep / Rəcəb / Реджеп, Ahmet /
# Əhməd, Murat / Murad, Eyüp / Əyyub): written as b and d
DEVOICED = {"p": "b", "t": "d"}
FINAL_DEVOICED = re.compile(r"[pt]\b")


def name_key(text: str) -> str:
    """The key of one word (or of a few words, keeping their spaces)."""
    return DOUBLE.sub(r"\1", _uncollapsed_key(text))


def _uncollapsed_key(text: str) -> str:
    """name_key with its doubled letters still doubled."""
    latin = _latin(fold(text))
    if "y" in latin:
        latin = YO_AFTER_CONSONANT.sub("e", YE_AT_START.sub("e", latin))
    if "gu" in latin:
        latin = SILENT_U.sub("", latin)
    if "j" in latin:
        latin = FINAL_IJ.sub("i", latin)
    if "e" in latin:
        latin = E_AFTER_VOWEL.sub("y", latin)
    latin = latin.translate(LETTERS)
    latin = FINAL_DEVOICED.sub(lambda final: DEVOICED[final.group()], latin)
    # y inside a word is i, between vowels too: Maya = Maia = Майя, and Ismayilova = Ismailova
    # once the doubled i collapses (dropped, "Maya" became "ma" and missed "Maia"); see Y_INSIDE
    return Y_INSIDE.sub("i", latin)


# The skeleton: consonants mapped to classes that spellings of one name swap (b/p, f/v/w, d/t,
# s/c/j/z), every vowel and y written "a" (Mammadov / Мамедов, Leyla / Leila, Hasanly / Hasanli,
# Dmitry / Dmitri: y beside a vowel merges into its run), dropped: the velars and
# h (g, k, q, x, h: Khadija / Xədicə / Хадиджа, Hasanli / Гасанлы) and punctuation; runs of one
# letter collapsed, "ds" read as "s". What remains is what every spelling of a name shares; it is
# found for all person rules at once by one Aho-Corasick scan.
_CLASSES = bytes.maketrans(b"pfwtcjzeiouy", b"bvvdsssaaaaa")
# all but the lower-case letters, the space and what the classes map to: dropped
_DROP = bytes(c for c in range(256) if not (97 <= c <= 122) and c != 32) + b"hgkqx"
SPACE, D, S = ord(" "), ord("d"), ord("s")


RUN = re.compile(r"([^ ])\1+")


def _collapse(skeleton: str) -> str:
    """Runs of one letter collapsed, for keys built from skeleton pieces.

    Most pieces have none: a search (0.6 us) spares them the substitution (2.3 us), and
    compiling 100,000 rules collapses 900,000 pieces."""
    return RUN.sub(r"\1", skeleton) if RUN.search(skeleton) else skeleton


def skeleton_text(flat: str) -> str:
    """The skeleton of a folded text, chunk for chunk (spaces kept, so chunks can be counted)."""
    return skeleton_bytes(flat).decode("ascii")


# what the numpy masks below drop, as a regex: a letter the same letter follows, a "d" an "s"
_COLLAPSE = re.compile(rb"([^ ])(?=\1)|d(?=s)")
SHORT_SKELETON = 256  # bytes: below this the regex is faster (6 us for numpy, 0.6 to 5 us)


def skeleton_bytes(flat: str, chars: set[str] | None = None) -> bytes:
    """`skeleton_text` as ASCII bytes, as the matcher scans it (no decoding, offsets are bytes).

    `chars` (the text's distinct non-ASCII characters, if known) spares a scan for letters to
    transliterate.
    """
    if chars is None:
        chars = set() if flat.isascii() else non_ascii(flat)
    latin = _transliterate(flat, chars) if chars else flat
    data = latin.encode("ascii", "replace").translate(_CLASSES, _DROP)
    if len(data) < 2:
        return data
    if len(data) < SHORT_SKELETON:  # a title, a name: numpy's fixed cost exceeds the regex's
        return _COLLAPSE.sub(b"", data)
    # one mask in numpy instead of a regex and a bytes.replace (a fifth of the matcher's time):
    # a letter goes when the next is the same letter (runs collapse to their last) and a "d"
    # when the next is an "s" (Ц / ts / dz all end up "s")
    codes = np.frombuffer(data, dtype=np.uint8)
    left, right = codes[:-1], codes[1:]
    drop = (left == right) & (left != SPACE)
    drop |= (left == D) & (right == S)
    keep = np.ones(codes.size, dtype=bool)
    np.logical_not(drop, out=keep[:-1])
    return codes[keep].tobytes()


ENDING_SET = frozenset(ENDINGS)
# what case endings leave in a skeleton (vowels and y are a, g and h vanish): Russian -ом/-ым, Azerbaijani
# and Turkish -nın, -da, -dan, -la, -lar, -dır, -sı ...; the last, Czech -ová, -ovou (see
# CZECH_FEMININE)
ENDING_SKELETONS = ("", "a", "am", "an", "nan", "na", "da", "dan", "nda", "ndan", "la", "lar",
                    "lara", "dar", "sa", "san", "v", "va", "ma", "s", "as", "ad",
                    "ava")  # fmt: skip
GIVEN_ENDINGS = ("", "a", "am")  # what Russian case endings leave of a given name: -а, -ом
OPEN_SKELETON = 5  # " " + surname skeletons longer than this are selective enough as a prefix
MIN_SKELETON = 5  # fewer consonant classes in the whole name than this: match it as written
ENDING_LENGTHS = sorted({len(e) for e in ENDINGS})


@lru_cache(maxsize=100_000)
def _forms(key: str) -> frozenset[str]:
    """The key and its stems with a case ending removed."""
    forms = {key}
    for length in ENDING_LENGTHS:
        if len(key) - length >= 3 and key[-length:] in ENDING_SET:
            stem = key[:-length]
            forms.add(stem)
            if stem[-1] in DEVOICED:  # Реджепа: the stem's p ends the word, as in Recep
                forms.add(stem[:-1] + DEVOICED[stem[-1]])
    return frozenset(forms)


@lru_cache(maxsize=100_000)
def word_key(word: str) -> str:
    """name_key, cached: the same words recur in every article."""
    return name_key(word)


# German, Polish and Czech write y as j (Alijew, Ismajilowa); English and Azerbaijani j is the
# sound of c (Khadija, Xədicə). Between vowels a text word is read both ways.
INTERVOCALIC_J = re.compile(r"(?<=[aeiouy])j(?=[aeiou])")


CYRILLIC_VOWELS = frozenset("аеиоуэыюяіїє")
# Russian case endings of a given name in -a (Анна: Анны, Анне, Анну, Анной, Анною), as keys
NOMINATIVE_A_ENDINGS = ("oi", "ou", "a", "i", "u")
DOUBLED_STEM = re.compile(rf"(.*(\w)\2)(?:{'|'.join(NOMINATIVE_A_ENDINGS)})")


@lru_cache(maxsize=100_000)
def word_keys(word: str) -> tuple[str, ...]:
    """The keys a text word may have: its key, with a j between vowels read as y, for a
    case form of a name in -a whose stem ends in a doubled letter, the name's own key, and for
    a short name's -ии (Мзии of Мзия), the key with both its i.

    Collapsed, the stem of Анны or Аллой is too short to take an ending off (an, al: that
    would make Ani another spelling of Anna); with the letter doubled it is long enough.
    """
    keys = [word_key(word)]
    if "j" in word and (as_y := INTERVOCALIC_J.sub("y", word)) != word:
        keys.append(word_key(as_y))
    if len(keys[0]) <= 4:
        uncollapsed = _uncollapsed_key(word)
        if doubled := DOUBLED_STEM.fullmatch(uncollapsed):
            nominative = DOUBLE.sub(r"\1", doubled.group(1)) + "a"
            if nominative not in keys:
                keys.append(nominative)
        if uncollapsed.endswith("ii") and not uncollapsed.endswith("iii"):
            # Мзии, Лии (of Мзия, Лия): the ending's i is not a doubled letter to collapse
            keys.append(DOUBLE.sub(r"\1", uncollapsed[:-1]) + "i")
    return tuple(keys)


# languages that put case endings on given names written in Latin letters too (Romanian a
# woman's: Maiei Sandu, Ursulei von der Leyen)
INFLECTS_GIVEN_NAMES = frozenset({"ru", "uk", "be", "pl", "cs", "sk", "sl", "hr", "sr", "bs",
                                  "lt", "lv", "ro"})  # fmt: skip
FINAL_VOWELS = frozenset("aiou")  # in key space (e is a)


def latin_given_inflected(language: str | None) -> bool:
    """May a text in this language (None: not known) inflect a given name in Latin letters?"""
    return language is None or language in INFLECTS_GIVEN_NAMES


# languages that put no ending on a surname in Latin letters (English, Spanish, Italian,
# Portuguese: a possessive is written "Kerry's") or put it after an apostrophe (Turkish:
# Kaya'nın, Aliyev'in; the apostrophe reads as a space): there a surname with an ending attached
# is another name (Kerry, Adams, Roberts are not Kerr, Adam, Robert; Kayalar, Şimşekler are not
# Kaya, Şimşek). Not French, which adds a silent e to some Russian names (Poutine)
SURNAMES_AS_WRITTEN = frozenset({"en", "es", "it", "pt", "tr"})
# but a surname Turkish does not make (Russian and Azerbaijani -ov, -ev, -ova, -eva; Armenian
# -yan; Georgian -dze, -shvili; Ukrainian -enko; -zade; as name keys) takes its suffixes in a
# Turkish text attached too, as not every writer puts the apostrophe ("İsmayılovanın",
# "Paşinyanın"; Azerbaijani typed without ə reads as Turkish), and no name is such a surname
# with a suffix, as Kayalar is to Kaya
FOREIGN_SURNAME_ENDS = ("ov", "ova", "av", "ava", "ian", "ica", "svili", "anko", "zada")


def surname_as_written(part_key: str, language: str | None) -> bool:
    """Does a text in this language write this surname without an ending attached?"""
    if language not in SURNAMES_AS_WRITTEN:
        return False
    return language != "tr" or not part_key.endswith(FOREIGN_SURNAME_ENDS)


def _as_written(key: str, part_key: str) -> bool:
    """A name part in a language that puts no ending on it: as spelt, or one letter off in a
    long one (Aleksandr, Alexander), but not with a vowel more or less at its end: Emine, Farida,
    Ruslana, İlhami are other names (mostly women's) than Emin, Farid, Ruslan, İlham."""
    if key == part_key:
        return True
    if len(part_key) < FUZZY_MIN or not within_one_edit(key, part_key):
        return False
    shorter, longer = sorted((key, part_key), key=len)
    return not (longer[:-1] == shorter and longer[-1] in FINAL_VOWELS)


# German spells Russian, Ukrainian and Georgian names by its own rules: j for y (й, я, ю, е), w
# for v (which name keys already read as one), sch for sh, tsch for ch, dsch for j, ch for kh,
# ds for dz, s for з. In German text a word of a name is also read as English spells it
# (Iwanischwili: Ivanishvili; Gorbatschow: Gorbachov; Chadidscha: Khadija; Jagublu: Yagublu;
# Alexej: Alexey; Bidsina: Bidzina; Selenskyj: Zelenskyy). One pass: "tsch" is not read again
# as "sch" or "ch", nor the j "dsch" becomes as a y.
GERMAN_SPELLINGS = {"tsch": "ch", "dsch": "j", "sch": "sh", "ch": "kh", "ds": "dz"}
# the languages whose texts are also read so: German, and the others that write y as j (and kh,
# if they write it at all, as ch): Czech, Slovak, Polish, Slovene, Croatian, Serbian, Bosnian,
# Latvian, Lithuanian, Estonian, Finnish, Hungarian, Dutch and the Nordic languages (Alexej
# Navalnyj, Chodorkovskij, Chodorkowski, Nikol Pašinjan, Jelena, Jurij; š, č, ł fold to s, c, l)
J_AS_Y_LANGUAGES = frozenset(
    {"de", "cs", "sk", "pl", "sl", "hr", "sr", "bs", "lv", "lt", "et", "fi", "hu", "nl", "sv",
     "no", "nb", "nn", "da"}
)  # fmt: skip
GERMAN_SPELLING = re.compile("|".join(sorted(GERMAN_SPELLINGS, key=len, reverse=True)))
GERMAN_CH = re.compile(r"(?<![st])ch")


@lru_cache(maxsize=100_000)
def german_keys(word: str) -> tuple[str, ...]:
    """The keys of a (folded) word of a German text read as English spells names; an initial
    s before a vowel also as z (Sacharowa: Zakharova; Sergej stays Sergey)."""
    english = GERMAN_SPELLING.sub(
        lambda found: GERMAN_SPELLINGS[found.group()], word.replace("j", "y")
    )
    readings = [english]
    if english[:1] == "s" and english[1:2] in ("a", "e", "i", "o", "u"):
        readings.append("z" + english[1:])
    return tuple(key for reading in readings if reading != word for key in word_keys(reading))


# Czech and Slovak give a woman's surname -ová, foreign ones too, and decline it (Kaja Kallasová,
# Kallasové, Kallasovou; Giorgia Meloniová; a Russian one twice: Marija Zacharovová): in their
# texts the surname of a rule for a woman is also read without it
CZECH_FEMININE = re.compile(r"(?<=\w\w\w)ov(?:a|ou|ai)$")  # in key space (é is a, ej ai)
FEMININE_IN_OVA = frozenset({"cs", "sk"})
# a rule for a woman, as her given name tells (Kaja, Giorgia, Maia; in key space): not for a man
# (Ivan Novák), whose surname in -ová is his wife's or daughter's
FEMININE_GIVEN_ENDS = ("a", "i")


def feminine_keys(keys: tuple[str, ...], language: str | None) -> tuple[str, ...]:
    """The keys of a Czech or Slovak surname without its feminine -ová, and with a Russian
    woman's -a for the -ov it leaves (Zacharovová: Zakharova); none in other languages."""
    if language not in FEMININE_IN_OVA:
        return ()
    stems = [stem for key in keys if (stem := CZECH_FEMININE.sub("", key)) != key]
    return (*stems, *(stem + "a" for stem in stems))


# French spells a Russian ш ch and ч tch (Choïgou: Shoigu, Tchétchénie); in a French text a word
# of a name is also read as English spells it
FRENCH_SPELLINGS = {"tch": "ch", "ch": "sh"}
FRENCH_SPELLING = re.compile("tch|ch")


@lru_cache(maxsize=100_000)
def french_keys(word: str) -> tuple[str, ...]:
    """The keys of a (folded) word of a French text read as English spells names."""
    if "ch" not in word:
        return ()
    english = FRENCH_SPELLING.sub(lambda found: FRENCH_SPELLINGS[found.group()], word)
    return word_keys(english)


# Spanish writes kh as j (Jodorkovski: Khodorkovsky, Zajárova: Zakharova, Jamenei: Khamenei); in
# a Spanish text a j is also read as h (kh in key space), for the skeleton scan too (h is
# dropped there as the velars are; one letter for one)
@lru_cache(maxsize=100_000)
def spanish_keys(word: str) -> tuple[str, ...]:
    """The keys of a (folded) word of a Spanish text with its j read as kh."""
    return word_keys(word.replace("j", "kh")) if "j" in word else ()


def reading_keys(word: str, language: str | None) -> tuple[str, ...]:
    """The keys of a (folded) word as its text's language spells names, read as English does:
    German (Czech, Slovak, Polish), French or Spanish spellings; none for other languages."""
    if language in J_AS_Y_LANGUAGES:
        return german_keys(word)
    if language == "fr":
        return french_keys(word)
    if language == "es":
        return spanish_keys(word)
    return ()


# Lithuanian and Latvian endings of a man's name (-as, -is, -us, -ys, -s): read off a word's end for
# the skeleton scan, whose keys take a given name with a Russian ending only
BALTIC_ENDING = re.compile(r"(?<=\w\w\w)(?:as|is|us|ys|s)\b")
BALTIC_LANGUAGES = frozenset({"lt", "lv"})
# the dative -ові / -еві of a man's name in Ukrainian, -ovi in Czech and Slovak: read off a
# word's end for the skeleton scan, as the Baltic endings are
DATIVE_OVI = re.compile(r"(?<=\w\w\w)(?:ові|еві|єві|ovi)\b")
DATIVE_OVI_LANGUAGES = frozenset({"uk", "cs", "sk"})


def reading_skeleton_text(flat: str, language: str | None) -> str | None:
    """A text's folded words as English would spell its names, for a second skeleton scan, where
    its language spells them otherwise in a way the skeleton does not already read alike (French
    ch and sh have one skeleton); None: no second scan. Its words are the text's, in order (the
    scan counts them by their spaces)."""
    if language in BALTIC_LANGUAGES:
        # words are counted by their spaces, not their letters: a reading may be shorter
        reading = BALTIC_ENDING.sub("", german_skeleton_text(flat))
    elif language in J_AS_Y_LANGUAGES:
        reading = german_skeleton_text(flat)
        if language in DATIVE_OVI_LANGUAGES:
            reading = DATIVE_OVI.sub("", reading)
    elif language in DATIVE_OVI_LANGUAGES:
        reading = DATIVE_OVI.sub("", flat)
    elif language == "es":
        reading = flat.replace("j", "h")
    else:
        return None
    return reading if reading != flat else None


# Georgian writes a foreign f with ფ, its aspirated p (ოლაფ შოლცი Olaf Scholz, ფრიდრიხ მერცი
# Friedrich Merz, ფონ დერ ლაიენი von der Leyen), as well as a p (ნიკოლ ფაშინიანი Nikol
# Pashinyan): a word with ფ is read both ways, and a text with it scanned both ways. So is
# Greek's ντ, μπ, γκ after a vowel, a foreign d, b, g (Βλαντιμίρ Vladimir, Ρομπέρτο Roberto) as
# well as nd, mb, ng (Κλίντον Clinton), and its γ before a front vowel, a y (Ταγίπ Tayyip, Κάγια
# Kaja, Γιούρι Yuri) as well as a g (Γεραπετρίτης Gerapetritis)
GEORGIAN_PH = "ფ"
SECOND_READING_CHARS = frozenset({GEORGIAN_PH, "γ", "τ", "π"})  # ფ; γ, ντ, μπ
GREEK_SECOND = re.compile(r"ντ|μπ|γκ|γι(?=[αεηιουω])|γ(?=[εηιυ])")
GREEK_SECOND_READING = {"ντ": "d", "μπ": "b", "γκ": "g", "γι": "y", "γ": "y"}


def second_reading_text(flat: str) -> str | None:
    """A (folded) text with its Georgian ფ as f and its Greek ντ, μπ, γκ as d, b, g and γ
    before a front vowel as y; None where that changes nothing."""
    text = flat.replace(GEORGIAN_PH, "f") if GEORGIAN_PH in flat else flat
    text = GREEK_SECOND.sub(lambda found: GREEK_SECOND_READING[found.group()], text)
    return text if text != flat else None


def second_reading_keys(word: str) -> tuple[str, ...]:
    """The keys of a (folded) word read the second way (none where that changes nothing)."""
    if SECOND_READING_CHARS.isdisjoint(word):
        return ()
    reading = second_reading_text(word)
    return word_keys(reading) if reading is not None else ()


def german_skeleton_text(flat: str) -> str:
    """A German text's folded words as English spells names, for the skeleton scan, one letter
    for one: j as y, a ch that is not part of sch as kh (the rest of GERMAN_SPELLINGS has
    the skeleton of its English spelling already)."""
    return GERMAN_CH.sub("kh", flat.replace("j", "y"))


# Across scripts a foreign name is written as it sounds, not as it is spelt: Russian writes
# Trump Трамп, Scholz Шольц, Keir Starmer Кир Стармер, Biden Байден, Josep Borrell Жозеп Боррель,
# Rutte Рютте. The vowels of the two spellings follow the name's language (English u is а, i
# is ай), its sibilants too (French ch is ш, German z is ц, Catalan s is з), and th is т. Across
# scripts a part of a name may therefore be read by its *transcription shape*: its key with
# every run of vowels one vowel, s/z/c one letter, f/v, t/d and p/b one each (a Russian final
# t is a d in key space), th as t; the first letter exact when
# it is a vowel (Anna is not Инна, Elon not Илон). Only a part of two consonants or more ("Ali
# Karimov" is not "Алла Каримова"), and never a surname romanised letter for letter
# (ROMANISED_SURNAME: Guliyev is not Галиев).
LOOSE_LETTERS = str.maketrans({"z": "s", "c": "s", "f": "v", "t": "d", "p": "b"})
VOWEL_RUN = re.compile(r"[aiouy]+")
KEY_VOWELS = frozenset("aiouy")
LOOSE_MIN_CONSONANTS = 2


@lru_cache(maxsize=100_000)
def transcription_shape(key: str) -> str:
    """A key's transcription shape (see LOOSE_LETTERS): Trump and Трамп have the shape tramp."""
    if not key:
        return key
    shape = DOUBLE.sub(r"\1", VOWEL_RUN.sub("a", key.replace("tg", "t").translate(LOOSE_LETTERS)))
    return key[0] + shape if key[0] in KEY_VOWELS else shape


# a name romanised from Russian, Ukrainian, Azerbaijani, Turkish, Georgian or Armenian is
# written letter for letter, its vowels too (Guliyev / Гулиев, Anar / Анар): read by its
# transcription shape it would take another name (Галиев; Айнур, a woman's); so a name whose
# surname ends as such names do is read as usual only, every part of it
ROMANISED_SURNAME = re.compile(
    r"(?:[oe]v|[oe]va|[iy]ev|[iy]eva|[iy]n|[iy]na|l[iyu]|lou|[iy]an|jan|d[zs]e|vili|sk[iy]j?"
    r"|skaya|skaja|sk[ai]|enko|[iy]?uk|vi[cč]h?|[oe]vna|zade?h?|o[gğ]l[uy]|[gqk][iı]z[iı]"
    r"|kyzy|[eu]li|[iu]ani|ava|[aiu]a|aia)$"
)


# the particles of European names, said as their language says them (von der Leyen: фон дер
# Ляйен): read by their transcription shape across scripts besides any other part
PARTICLES = frozenset(
    name_key(word)
    for word in ("von", "van", "vom", "der", "den", "ter", "ten", "zu", "zum", "del", "della")
)


def loose_enough(part_key: str) -> bool:
    """Has a part enough consonants to be read by its transcription shape (two or more)?"""
    shape = transcription_shape(part_key)
    body = shape[1:] if shape[:1] in KEY_VOWELS else shape  # the exact first vowel aside
    return len(body) - body.count("a") >= LOOSE_MIN_CONSONANTS


# languages written in Latin letters that spell a foreign name as it is said, as Russian does:
# Azerbaijani (Donald Tramp, Olaf Şolts, Ursula fon der Lyayen), Uzbek, Turkmen. There the
# surname (and a particle) of a name in Latin letters is read by its sound too, and the name's
# sounded forms count (Co Bayden); a given name is not, as the names of those languages differ
# by a vowel (Leyla, Lalə)
PHONETIC_LATIN = frozenset({"az", "uz", "tk"})


def read_by_sound(word: str, latin: bool, language: str | None, *, given: bool) -> bool:
    """Is a (folded) text word read by its sound against a name (in Latin letters, or not)?
    Across scripts, and a surname's word in a PHONETIC_LATIN text."""
    if across_scripts(word, latin):
        return True
    return latin and not given and language in PHONETIC_LATIN and word.isascii()


def across_scripts(word: str, latin: bool) -> bool:
    """A (folded) text word is in another script than a name written in Latin letters (or
    not): Cyrillic, Georgian or Armenian against Latin, or the other way round."""
    if word.isascii():
        return not latin
    return latin and word[0] in SCRIPT_CHARS


def loosely_matches(keys: tuple[str, ...], part_key: str) -> bool:
    """Does a text word (its keys) have the part's transcription shape, maybe with a case
    ending (Трампа, Шольцем)?"""
    wanted = transcription_shape(part_key)
    return any(transcription_shape(form) == wanted for key in keys for form in _forms(key))


def part_matches(key: str, part_key: str) -> bool:
    """Does a text word (key) spell this name part, maybe with a case ending or one letter off?"""
    if key == part_key:
        return True
    fuzzy = len(part_key) >= FUZZY_MIN
    # one letter off, but not the final a of a woman's name or surname dropped: Исмаилов is
    # Ismayilova's father or brother, Ruslan not Ruslana (the other way, Алиева is a case of
    # Aliyev, and Ruslana of Ruslan)
    if fuzzy and within_one_edit(key, part_key) and part_key != key + "a":
        return True
    part_stems = _forms(part_key)
    for form in _forms(key):
        if form == key:
            continue
        if form in part_stems:
            return True
        # an ending and a letter off, but not a longer word (Kavalalı is not Kavala's case);
        # the name's own last vowel may be what the ending replaced (Georgian ზურაბიშვილმა:
        # Zurabishvil-ma, of Zurabishvili; one letter off Zourabichvili)
        if fuzzy and any(
            within_one_edit(form, stem) and not form.startswith(stem)
            for stem in (part_key, part_key[:-1] if part_key[-1] in FINAL_VOWELS else "")
            if len(stem) >= FUZZY_MIN
        ):
            return True
    return False


# between the words of one name part: a hyphen or an apostrophe ("O'Brien", "Вʼячеслав"), the
# same characters the matcher's text reads as spaces (alerts.text.JOINERS)
JOINER = re.compile(rf"^[\s\u00a0]*[-'{''.join(sorted(JOINERS))}]?[\s\u00a0]*$")
NAME_GAP = re.compile(r"^[\s\u00a0]+$")
LINE_GAP = re.compile(r"^[^\S\n\r]+$")  # spaces within one line
REVERSED_GAP = re.compile(r"^[\s\u00a0]*,[\s\u00a0]+$")
# a patronymic between given name and surname, or after the given name in surname-first order:
# Russian -ович / -евич / -овна / -евна / -ична with a case ending (Ильхам Гейдарович Алиев,
# Ильхама Гейдаровича), as transliterated (Ilham Heydarovich); Azerbaijani and Turkic "father's
# name + oğlu / qızı" (İlham Heydər oğlu Əliyev, Хадиджа Расим кызы; in Russian also as
# Azerbaijani says them, Гейдар оглу, Ариф гызы, and joined by a hyphen, Гейдар-оглы), folded
PATRONYMIC_SUFFIXES = ("ович", "евич", "овна", "евна", "ична", "ovich", "evich", "ovna", "evna",
                       "ichna")  # fmt: skip
SONS_AND_DAUGHTERS = ("oglu", "ogly", "qizi", "kizi", "gizi", "kyzy", "оглы", "оглу", "кызы",
                      "гызы")  # fmt: skip
# between a father's name and oğlu / qızı: spaces, or a hyphen (Гейдар-оглы)
FATHERS_GAP = re.compile(r"^(?:[\s\u00a0]+|[\s\u00a0]*[-‐‑][\s\u00a0]*)$")
PATRONYMIC = re.compile(rf"\w+(?:{'|'.join(PATRONYMIC_SUFFIXES)})\w{{0,3}}")
SON_OR_DAUGHTER = re.compile(rf"(?:{'|'.join(SONS_AND_DAUGHTERS)})\w{{0,5}}")
# the same as literal markers, for the matcher's term scan: where one is found, the words
# around it are looked up as a name (the skeleton scan needs given name and surname adjacent)
PATRONYMIC_MARKERS = PATRONYMIC_SUFFIXES + SONS_AND_DAUGHTERS
HYPHENS = ("-", "‐", "‑")
# a middle initial between given name and surname ("Donald J. Trump", "George H. W. Bush"):
# one capital letter and a full stop, at most two of them; as markers for the term scan (folded:
# space, letter, full stop, space), which finds the few places where one stands, since the
# skeleton scan needs given name and surname side by side. Latin letters only: Russian writes a
# patronymic, not its initial, between the names, and its abbreviations ("в 1990 г. ", "ч. 2")
# would make every Russian article a dozen places to look at
MAX_INITIALS = 2
INITIAL_LETTERS = "abcdefghijklmnopqrstuvwxyz"
INITIAL_MARKERS = tuple(f" {letter}. " for letter in INITIAL_LETTERS)
INITIAL_GAP = re.compile(r"^\.[\s\u00a0]+$")
# Arabic names as the Latin press writes them: "Abd", "Abu" and the article "al" begin one name
# part that is written as one word, hyphenated or as two (Abdulrahman, Abdul-Rahman, Abdul
# Rahman; Abu Bakr, Abubakr; al-Baghdadi, al Baghdadi)
JOINED_PREFIXES = frozenset({"abd", "abdal", "abdel", "abdol", "abdul", "abdur", "abdus", "abou",
                             "abu", "al", "el"})  # fmt: skip
GIVEN_NAME_PREFIXES = frozenset({"al", "el"})  # "Al Gore": first, it is a given name of its own
# the prefixes a name part written as one word is also split at, for the skeleton scan
SPLIT_PREFIXES = tuple(sorted(JOINED_PREFIXES - {"al", "el"}, key=len, reverse=True))
# after a surname: the generation, one person of the name or another ("Donald Trump Jr." is
# not Donald Trump); "Sr." is written of the one people know by the name, so it stays his
GENERATIONS = {"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii",
               "iii": "iii", "iv": "iv"}  # fmt: skip
# Russian and Ukrainian write a generation after a hyphen (Дональд Трамп-младший, folded);
# after a space the word is an adjective as often ("у Трампа младший сын": Trump's youngest son)
HYPHENED_GENERATIONS = {
    f"{stem}{ending}": generation
    for stem, generation in (("младш", "jr"), ("молодш", "jr"), ("старш", "sr"))
    for ending in ("ии", "его", "ему", "им", "ого", "ому")
}
ANOTHER_GENERATION = frozenset({"jr", "ii", "iii", "iv"})
GENERATION_GAP = re.compile(r"^,?[\s\u00a0]+$")


@dataclass(frozen=True, slots=True)
class NamePattern:
    """One written form of a name: its space-separated parts as keys, hyphens removed.

    "Jean-Pierre Dupont" is ("jeanpiere", "dupont"); in a text a part may be written as one word
    or as words joined by a hyphen or a space ("Abdul-Rahman", "Abdul Rahman", "Abdulrahman").
    """

    given: tuple[str, ...]
    surname: str
    raw_parts: tuple[tuple[str, ...], ...]  # folded words of each part, for the skeletons
    patronymic_surname: bool  # the surname itself looks like one (Abramovich)
    generation: str | None = None  # "jr" for "Martin Luther King Jr." (see GENERATIONS)
    # the generations written after the name that make it another person (without one of its own)
    other_generations: frozenset[str] = ANOTHER_GENERATION
    latin: bool = True  # written in Latin letters (see across_scripts)
    # the parts (their keys) also read by their transcription shape in a text word of another
    # script (see transcription_shape)
    loose: frozenset[str] = frozenset()
    sounded: bool = False  # a form as the name is said (SOUNDED): for texts in another script
    # a Greek case form (GREEK_CASES): for words in Greek letters only (its keys are scanned
    # with the sounded forms', in texts with letters of another script)
    greek: bool = False
    # each part's key with its East Slavic key (see `slavic_key`), for a rule whose name
    # Belarusian and Russian may write differently (east_slavic.might_be_both); else empty
    slavic: tuple[tuple[str, str, str], ...] = ()

    @classmethod
    def parse(cls, name: str) -> NamePattern:
        words = name.split()
        generation = GENERATIONS.get(fold(words[-1]).strip(".,")) if len(words) > 2 else None
        if generation is not None:
            words = words[:-1]
        parts = _joined_prefixes([p for w in words if (p := tuple(fold_words(w)))])
        keys = [name_key("".join(p)) for p in parts]
        patronymic_surname = bool(PATRONYMIC.fullmatch("".join(parts[-1])))
        latin = all("".join(part).isascii() for part in parts)
        return cls(
            tuple(keys[:-1]), keys[-1], tuple(parts), patronymic_surname, generation, latin=latin
        )

    def skeletons(self) -> dict[str, frozenset[str] | None]:
        """Keys for the prefilter: " given surname" and " surname given" skeletons, each with
        the tails that may follow it up to the next space (None: any tail).

        A long surname skeleton leaves its key open (any case ending may follow); a short one
        takes only each ending's skeleton, so "Aliyev" does not open a candidate at every word
        whose skeleton starts with "lv". The scan looks for the key alone and the matcher checks
        the tail: one key per spelling instead of one per ending halves a large rule set's
        compiled keys (and its compile time and memory). A name whose skeleton is too
        short to be selective ("Ali Kaya") has none: it is found through `literals` instead.
        """
        given = list(self.raw_parts[:-1])
        surname = self.raw_parts[-1]
        out: dict[str, frozenset[str] | None] = {}
        for given_words in _spellings(given):
            for surname_words in _spellings([surname]):
                given_forms = _skeleton_forms(given_words, given=True)
                surname_forms = _skeleton_forms(surname_words, given=False)
                if not _selective(given_forms[0], surname_forms[0]):
                    return {}
                for given_skeleton in given_forms:
                    for surname_skeleton in surname_forms:
                        if _selective(given_skeleton, surname_skeleton):
                            _add_name_keys(out, given_skeleton, surname_skeleton)
        return out

    def literals(self) -> set[str]:
        """The name as written (folded), for names too short for a skeleton."""
        return {" ".join(words for part in self.raw_parts for words in part)} | {
            " ".join(
                (" ".join(self.raw_parts[-1]), *(w for part in self.raw_parts[:-1] for w in part))
            )
        }

    def find(self, field: Words, start: int) -> tuple[int, int] | None:
        """The name's words (first, last) when it starts at word `start`, in either order."""
        if self.greek:
            if start >= len(field.words) or GREEK.keys().isdisjoint(field.words[start]):
                return None
        elif self.sounded and (
            start >= len(field.words)
            or not read_by_sound(field.words[start], self.latin, field.language, given=False)
        ):
            return None
        return self._forward(field, start) or self._reversed(field, start)

    def _part_at(self, field: Words, i: int, wanted: str, *, given: bool = False) -> int | None:
        """Index of the last word of part `wanted` when it starts at word i (1 to 3 words).

        `given`: a given name, which in Latin letters takes no case ending where the text's
        language puts none on it (see `latin_given_inflected`)."""
        if i >= len(field.words):
            return None
        joined = field.words[i]
        for j in range(i, min(i + 3, len(field.words))):
            if j > i:
                # a part written as several words ("Abdul Rahman") begins with the first: a
                # word before it is another name ("Kaya Yagublu" is not a spelling of Yagublu)
                if not JOINER.match(field.gap(j - 1, j)) or not wanted.startswith(
                    word_key(field.words[i])
                ):
                    return None
                joined += field.words[j]
            keys = word_keys(joined)
            if given and joined[-1:] in ("и", "і"):  # ї folds to і
                if _vowel_and_i(field, j):
                    keys += (keys[0] + "a",)  # the name in -я of which this is a case
                elif _another_name_than_hard_a(field, j, wanted):
                    keys = ()
            keys += reading_keys(joined, field.language) + second_reading_keys(joined)
            if not given and self.given and self.given[0][-1:] in FEMININE_GIVEN_ENDS:
                keys += feminine_keys(keys, field.language)
            uninflected = (
                not latin_given_inflected(field.language)
                if given
                else surname_as_written(wanted, field.language)
            )
            if uninflected and joined.isascii():
                if any(_as_written(key, wanted) for key in keys):
                    return j
            elif any(part_matches(key, wanted) for key in keys):
                return j
            if (
                (wanted in self.loose or wanted in PARTICLES)
                and read_by_sound(
                    joined,
                    self.latin,
                    field.language,
                    given=given and wanted not in PARTICLES,
                )
                and loosely_matches(keys, wanted)
            ):
                return j
            if self.slavic and self._slavic_matches(
                joined, wanted, endings=not (uninflected and joined.isascii()), given=given
            ):
                return j
            if len(joined) > len(wanted) + 6:
                return None
        return None

    def _slavic_matches(self, word: str, wanted: str, *, endings: bool, given: bool) -> bool:
        """Is a text word part `wanted` as Belarusian or Russian writes it (Ціханоўская,
        Tsikhanouskaya, Тихановская, Tikhanovskaya), with a case ending where the text's
        language puts one on it (`endings`)? A given name's final o or a stays as written:
        Belarusian reads an o as a inside a name (Raman, Lukashenka), but Mario is no Maria."""
        for key, slavic, final in self.slavic:
            if key == wanted:
                if given and {final, _slavic_reading(word)[-1:]} == {"a", "o"}:
                    return False
                return slavic_matches(word, slavic, endings=endings)
        return False

    def _given_at(self, field: Words, i: int) -> int | None:
        """The last word of the given names when they start at word i. A one-letter part (a
        variant written with an initial: "I. Aliyev") is a capital letter and a full stop."""
        end = i - 1
        for wanted in self.given:
            if end >= i and not _name_goes_on(field, end):
                return None
            found = self._part_at(field, end + 1, wanted, given=True)
            if found is None or (len(wanted) == 1 and not _initial(field, found)):
                return None
            end = found
        return end

    def _forward(self, field: Words, i: int) -> tuple[int, int] | None:
        last_given = self._given_at(field, i)
        if last_given is None:
            return None
        if not _name_goes_on(field, last_given):
            # Leyla & Arif Yunus: "&" is no word, so it stands in the gap after the given name;
            # Mikheil "Misha" Saakashvili: a nickname in quotes between the names
            second = _ampersand_given(field, last_given)
            if second is not None and not _spaced(field, second):
                return None
            if second is None and (second := _nickname(field, last_given)) is None:
                return None
            end = self._part_at(field, second + 1, self.surname)
            if end is None or _continues(field, end) or _fathers_name(field, end):
                return None
            return self._with_generation(field, i, end)
        surname_at = last_given + 1
        while surname_at - last_given <= MAX_INITIALS and _initial(
            field, surname_at, letters=INITIAL_LETTERS
        ):
            surname_at += 1  # Donald J. Trump
        end = self._part_at(field, surname_at, self.surname)
        if end is None and surname_at == last_given + 1:
            # a patronymic between: Ильхам Гейдарович Алиев; or another given name, the
            # surname theirs both: Leyla and Arif Yunus, Ильхам и Мехрибан Алиевы
            between = patronymic_end(field, last_given + 1)
            if between is None:
                between = _and_another_given(field, last_given)
            if between is None or not _spaced(field, between):
                return None
            end = self._part_at(field, between + 1, self.surname)
        if end is None or _continues(field, end) or _fathers_name(field, end):
            return None
        if end > surname_at and _patronymic_before_surname(field, end):
            return None  # Sevinc Vaqif qızı Məmmədova: Vaqif's daughter, not Sevinj Vagifgizi
        if end == surname_at == last_given + 1 == i + 1 and not self._cases_agree(field, i, end):
            return None  # Эмине Гусейнова (Emine Huseynova) is no case of Эмин Гусейнов
        if PATRONYMIC.fullmatch(field.words[end]) and not self.patronymic_surname:
            return None  # Khadija Ismayilovna: a daughter of Ismayil, not Khadija Ismayilova
        return self._with_generation(field, i, end)

    def _cases_agree(self, field: Words, given: int, surname: int) -> bool:
        """In Russian, a man's given name and surname side by side stand in one case: a
        surname in a woman's form (Алиевой, Зеленской) or in another case than the given name
        (Эмине Гусейнова: a prepositional and a genitive, the nominative of a woman's name) is
        not his. A given name as the rule writes it (foreign names are often not declined:
        Джо Байдена) or a surname as the rule writes it (Ягублу, Гахария) says nothing. In
        Ukrainian, whose given names take more endings (Володимирові, Сергію), only a surname
        in a woman's form is read."""
        if len(self.given) != 1 or field.language not in ("ru", "uk"):
            return True
        declension = surname_declension(" ".join(self.raw_parts[-1]))
        if declension is None:
            return True
        surname_case = _case_of(field.words[surname], SURNAME_CASES[field.language, declension])
        if surname_case == "feminine" or field.language == "uk":  # uk: a woman's form only
            return surname_case != "feminine"
        if surname_case is None or self.given[0][-1:] == "a":
            return True  # Никита, Илья: their endings are other ones (Никите Михалкову)
        given_case = self._given_case(field.words[given], field.language)
        return given_case is None or given_case == surname_case

    def _given_case(self, word: str, language: str | None) -> str | None:
        """The case of a given name in folded Cyrillic: an ending of RUSSIAN_GIVEN_CASES
        whose stem is the rule's given name as written (Ильхама: Ильхам; Сергею: Сергей;
        Игоря: Игорь), read as the word-by-word check reads it."""
        if word.isascii():
            return None
        for ending, case in RUSSIAN_GIVEN_CASES:
            if not word.endswith(ending) or len(word) <= len(ending) + 1:
                continue
            stem = word[: -len(ending)]
            for nominative in (stem, stem + "и", stem + "ь"):
                if (
                    self._part_at(
                        Words(nominative, nominative, 0, len(nominative), language=language),
                        0,
                        self.given[0],
                        given=True,
                    )
                    == 0
                ):
                    return case
        return None

    def _with_generation(self, field: Words, first: int, end: int) -> tuple[int, int] | None:
        """The name's words, with its generation when the rule names one ("Jr."); None when
        the text names another generation than the rule's ("Donald Trump Jr.")."""
        written = _generation_after(field, end)
        if self.generation is not None:
            return (first, end + 1) if written == self.generation else None
        return None if written in self.other_generations else (first, end)

    def _reversed(self, field: Words, i: int) -> tuple[int, int] | None:
        """Surname first: with a comma (registers: "Ismayilova, Khadija"), or without one when
        a patronymic follows the given name (Russian and Azerbaijani official order: "Алиев
        Ильхам Гейдарович"), or as a list's entry (see `_list_entry`)."""
        end = self._part_at(field, i, self.surname)
        if end is None or end + 1 >= len(field.words):
            return None
        gap = field.gap(end, end + 1)
        if REVERSED_GAP.match(gap):
            last = self._given_at(field, end + 1)
            if last is None:
                return None
            return self._with_generation(field, i, last)  # "King, Martin Luther, Jr."
        if not NAME_GAP.match(gap):
            return None
        last = self._given_at(field, end + 1)
        if last is None:
            return None
        patronymic = patronymic_end(field, last + 1) if _spaced(field, last) else None
        if patronymic is not None:
            return (i, patronymic)
        return (i, last) if self._list_entry(field, i, last) else None

    def _list_entry(self, field: Words, first: int, last: int) -> bool:
        """Surname and given name with neither comma nor patronymic ("Алиев Ильхам", "Ismayilova
        Khadija"), as lists of detainees or candidates write them: taken as a list's entry only,
        one word each, on one line, spelt as the rule spells them (no case ending), between a
        line's start, a list mark or a colon, comma or semicolon and a line's end or a comma,
        semicolon or full stop. In running text "Ceyhun Aliyev Ilham Mammadov" is two people."""
        if last != first + 1 or len(self.given) != 1:
            return False
        if LINE_GAP.match(field.gap(first, last)) is None:
            return False
        if not _plain_part(field.words[first], self.surname):
            return False
        if not _plain_part(field.words[last], self.given[0]):
            return False
        text = field.text
        return _entry_starts(text, field.spans[first][0]) and _entry_ends(
            text, field.spans[last][1]
        )


# Russian case endings, as folded Cyrillic (й is и, ё is е), longest first: a man's given name
# ending in a consonant, -й or -ь (Ильхам, Сергей, Игорь) and the surnames declined as
# possessives (-ов, -ев, -ин, -ын) or as adjectives (-ский, -цкий); the nominative is the form
# the rule writes
RUSSIAN_GIVEN_CASES = (("ом", "instrumental"), ("ем", "instrumental"), ("у", "dative"),
                       ("ю", "dative"), ("е", "prepositional"), ("а", "genitive"),
                       ("я", "genitive"))  # fmt: skip
# a surname's endings by the language of the text and how Russian declines the surname;
# in Ukrainian (folded: ї is і, й is и) a woman's forms only, possessive (Лаврової, Лавровій,
# Лавровою) and adjectival (Зеленська, -ої, -ій, -у, -ою; a man's Зеленському is read first)
SURNAME_CASES = {
    ("ru", "possessive"): (("ым", "instrumental"), ("ои", "feminine"), ("ою", "feminine"),
                           ("у", "dative"), ("е", "prepositional"), ("а", "genitive")),
    ("ru", "adjective"): (("ого", "genitive"), ("ому", "dative"), ("им", "instrumental"),
                          ("ом", "prepositional"), ("ая", "feminine"), ("ои", "feminine"),
                          ("ую", "feminine")),
    ("uk", "possessive"): (("оі", "feminine"), ("іи", "feminine"), ("ою", "feminine")),
    ("uk", "adjective"): (("ому", "dative"), ("оі", "feminine"), ("іи", "feminine"),
                          ("ою", "feminine"), ("а", "feminine"), ("у", "feminine")),
}  # fmt: skip
POSSESSIVE_SURNAME = re.compile(r"(?:ov|ev|in|yn|ов|ев|ин|ын)")
ADJECTIVE_SURNAME = re.compile(r"\w+(?:sk|tsk|ck|ск|цк|ськ|цьк)(?:y|iy|ii|i|yi|ии|ыи)")


def surname_declension(surname: str) -> str | None:
    """How Russian declines a man's surname (folded): as a possessive (-ов, -ев, -ин, -ын) or
    an adjective (-ский, -цкий); None for one it does not decline so (a woman's in -ova,
    Yagublu, Gakharia, Donskoy)."""
    if ADJECTIVE_SURNAME.fullmatch(surname):
        return "adjective"
    if len(surname) > 3 and POSSESSIVE_SURNAME.fullmatch(surname[-2:]):
        return "possessive"
    return None


def _case_of(word: str, cases: tuple[tuple[str, str], ...]) -> str | None:
    """The case a Cyrillic word's ending says (None: no ending of the table, or Latin)."""
    if word.isascii():
        return None
    return next((case for ending, case in cases if word.endswith(ending)), None)


def _selective(given_skeleton: str, surname_skeleton: str) -> bool:
    letters = len((given_skeleton + surname_skeleton).replace(" ", ""))
    return letters >= MIN_SKELETON and len(surname_skeleton) >= 3


def _add_name_keys(
    out: dict[str, frozenset[str] | None], given_skeleton: str, surname_skeleton: str
) -> None:
    """The keys of one skeleton spelling: given + surname (the given names with their Russian
    case endings too: Ильхама, Ильхамом, Реджепа Тайипа), and surname + given for register
    order."""
    given_forms = {""}
    for word in given_skeleton.split():  # each word its own ending: Реджепа Тайипа
        given_forms = {
            f"{form} {_collapse(word + end)}" for form in given_forms for end in GIVEN_ENDINGS
        }
    for given_form in given_forms:
        key = _collapse(given_form + surname_skeleton)
        if len(surname_skeleton) > OPEN_SKELETON:
            # open: any ending may follow, also one that replaces the final vowel (Georgian
            # ივანიშვილი, ივანიშვილმა, ივანიშვილს)
            if key.endswith("a") and len(surname_skeleton) - 1 > OPEN_SKELETON:
                key = key[:-1]
            add_key(out, key, None)
            continue
        tails = set()
        for end in ENDING_SKELETONS:
            closed = _collapse(key + end)
            assert closed.startswith(key)  # collapsing only merges across the seam
            tails.add(closed[len(key) :])
        add_key(out, key, frozenset(tails))
    add_key(out, surname_skeleton + given_skeleton, frozenset({""}))


# a cluster + r ending a Russian given name is written with a vowel in English (Aleksandr /
# Alexander, Petr / Peter): in skeleton space, "ndr" and "ndar" both
CLUSTER_R = re.compile(r"(?<=[^a ][^a ])(a?)r(?= |$)")


def _skeleton_forms(words: tuple[str, ...], *, given: bool) -> list[str]:
    """The skeletons one spelling of a name part is written with, its own first.

    English writes Russian "кс" as x (Александр / Alexander, Максим / Maxim, Ксения / Xenia),
    which the skeleton reads as a velar (dropped, as the Azerbaijani x of Xədicə); so a part
    with x or ks also gets the skeleton of the other spelling, one with a y between vowels
    that of the German j (Aliyev / Alijew), one ending in ij that of -iy (Zelenskij /
    Zelensky). A given name ending in a
    consonant cluster and r gets the form with and without a vowel before the r.
    """
    written = " " + " ".join(words)
    latin = _transliterate(written, frozenset(written))
    forms = [skeleton_text(latin)]
    others = (
        latin.replace("ks", "x"),
        latin.replace("x", "ks"),
        Y_BETWEEN_VOWELS.sub("j", latin),
        FINAL_IJ.sub("i", latin),  # Zelenskij: the skeleton of Zelensky (the text's is a prefix)
    )
    for other in others:
        if other != latin:
            forms.append(skeleton_text(other))
    if given:
        forms += [
            CLUSTER_R.sub(lambda m: "r" if m.group(1) else "ar", form)
            for form in forms
            if CLUSTER_R.search(form)
        ]
    return list(dict.fromkeys(forms))


def add_key(keys: dict[str, frozenset[str] | None], key: str, tails: frozenset[str] | None) -> None:
    """Add a prefilter key with the tails it takes (None: any), merged with those it has."""
    known = keys.get(key, frozenset())
    keys[key] = None if known is None or tails is None else known | tails


def _spaced(field: Words, index: int) -> bool:
    """Word `index` is followed by another, apart by spaces only."""
    return index + 1 < len(field.words) and bool(NAME_GAP.match(field.gap(index, index + 1)))


def _fathers_name(field: Words, index: int) -> bool:
    """Word `index` is a father's name: "Leyla Yunus qızı Məmmədova" is not Leyla Yunus."""
    return (
        index + 1 < len(field.words)
        and bool(FATHERS_GAP.match(field.gap(index, index + 1)))
        and bool(SON_OR_DAUGHTER.fullmatch(field.words[index + 1]))
    )


def _patronymic_before_surname(field: Words, index: int) -> bool:
    """Word `index` is a son-or-daughter word ("Vaqif qızı", a surname like Vagifgizi written
    as two words) with a capitalised word after it on the same line: the words were a
    patronymic, and that word is the surname ("Sevinc Vaqif qızı Məmmədova")."""
    if not SON_OR_DAUGHTER.fullmatch(field.words[index]) or index + 1 >= len(field.words):
        return False
    if LINE_GAP.match(field.gap(index, index + 1)) is None:
        return False
    return field.text[field.spans[index + 1][0]].isupper()


def patronymic_end(field: Words, index: int) -> int | None:
    """The last word of a patronymic starting at word `index` (Гейдарович; Heydər oğlu)."""
    if index >= len(field.words):
        return None
    if PATRONYMIC.fullmatch(field.words[index]):
        return index
    if _fathers_name(field, index):
        return index + 1
    return None


def _plain_part(word: str, part_key: str) -> bool:
    """A text word spells a name part without a case ending (maybe one letter off)."""
    return any(
        key == part_key or (len(part_key) >= FUZZY_MIN and within_one_edit(key, part_key))
        for key in word_keys(word)
    )


def _entry_starts(text: str, at: int) -> bool:
    """A list's entry may start at `at`: after a line's start, a list mark ("-", "•", "1.") or
    a colon, comma or semicolon, and spaces."""
    i = at
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i == 0 or text[i - 1] in "\n\r,;:•*-–—":
        return True
    return text[i - 1] in ".)" and i >= 2 and text[i - 2].isdigit()


def _entry_ends(text: str, at: int) -> bool:
    """A list's entry may end at `at`: spaces, then a line's end, a comma, a semicolon or a full
    stop."""
    i = at
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    return i == len(text) or text[i] in "\n\r,;."


# "and" between two given names that share the surname after them (Leyla and Arif Yunus, Leyla
# və Arif Yunus, Лейла и Ариф Юнус, Ильхам и Мехрибан Алиевы), as the text's language writes it
# (English's for a language not listed, every one's for a text of unknown language)
COUPLINGS = {
    "en": ("and",), "ru": ("и",), "uk": ("і", "та"), "be": ("і",), "az": ("və",), "tr": ("ve",),
    "de": ("und",), "fr": ("et",), "es": ("y",), "it": ("e",), "pt": ("e",), "pl": ("i",),
    "hr": ("i",), "sr": ("i",), "bs": ("i",),
}  # fmt: skip
ANY_COUPLING = tuple(dict.fromkeys(c for words in COUPLINGS.values() for c in words))


def couplings(language: str | None) -> tuple[str, ...]:
    """The words for "and" in a text of this language, as written."""
    return ANY_COUPLING if language is None else COUPLINGS.get(language, ("and",))


@lru_cache(maxsize=64)
def _folded_couplings(language: str | None) -> frozenset[str]:
    return frozenset(fold(word) for word in couplings(language))


def _and_another_given(field: Words, given: int) -> int | None:
    """The index of a second given name joined to word `given` by "and" (the surname follows
    it), else None: a capitalised word, spaced, after "and"."""
    second = given + 2
    if (
        second >= len(field.words)
        or field.words[given + 1] not in _folded_couplings(field.language)
        or not NAME_GAP.match(field.gap(given, given + 1))
        or not NAME_GAP.match(field.gap(given + 1, second))
        or not field.text[field.spans[second][0]].isupper()
    ):
        return None
    return second


AMPERSAND_GAP = re.compile(r"^[\s\u00a0]+&[\s\u00a0]+$")


def _ampersand_given(field: Words, given: int) -> int | None:
    """The index of a second given name joined to word `given` by " & " (Leyla & Arif Yunus),
    capitalised, else None."""
    second = given + 1
    if (
        second < len(field.words)
        and AMPERSAND_GAP.match(field.gap(given, second))
        and field.text[field.spans[second][0]].isupper()
    ):
        return second
    return None


NICKNAME_OPENS = re.compile(r"^[\s\u00a0]+[\"“«„]$")
NICKNAME_CLOSES = re.compile(r"^[\"”»“][\s\u00a0]+$")


def _nickname(field: Words, given: int) -> int | None:
    """The index of a nickname in double quotes after word `given` (Mikheil "Misha"
    Saakashvili, Владимир «Вова» Путин, Michail „Mischa“ Saakaschwili): one capitalised word,
    a word after it."""
    nickname = given + 1
    if (
        nickname + 1 < len(field.words)
        and NICKNAME_OPENS.match(field.gap(given, nickname))
        and NICKNAME_CLOSES.match(field.gap(nickname, nickname + 1))
        and field.text[field.spans[nickname][0]].isupper()
    ):
        return nickname
    return None


def _name_goes_on(field: Words, index: int) -> bool:
    """Another word of the name may follow word `index`: apart by spaces, or after the full
    stop of an initial."""
    return _spaced(field, index) or _initial(field, index)


def _initial(field: Words, index: int, *, letters: str | None = None) -> bool:
    """Word `index` is an initial: one capital letter (of `letters`, if given), a full stop,
    spaces, a word; or the full stop against a capitalised word, as Azerbaijani and Russian
    headlines write it ("İ.Əliyev", "И.Алиев")."""
    if not (
        index + 1 < len(field.words)
        and len(field.words[index]) == 1
        and field.words[index].isalpha()
        and (letters is None or field.words[index] in letters)
        and field.text[field.spans[index][0]].isupper()
    ):
        return False
    gap = field.gap(index, index + 1)
    if gap == ".":
        return field.text[field.spans[index + 1][0]].isupper()
    return bool(INITIAL_GAP.match(gap))


def _generation_after(field: Words, end: int) -> str | None:
    """The generation written after word `end` ("Jr.", ", Jr", "III", "-младший"), if any."""
    if end + 1 >= len(field.words):
        return None
    gap, word = field.gap(end, end + 1), field.words[end + 1]
    if gap in HYPHENS:
        return HYPHENED_GENERATIONS.get(word) or GENERATIONS.get(word)
    return GENERATIONS.get(word) if GENERATION_GAP.match(gap) else None


def _joined_prefixes(parts: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A JOINED_PREFIXES word and the word after it as one name part ("Abdul Rahman Yusuf" has
    the parts Abdul-Rahman and Yusuf), as long as the name keeps two parts."""
    out: list[tuple[str, ...]] = []
    i = 0
    while i < len(parts):
        words = parts[i]
        joinable = (
            len(words) == 1
            and words[0] in JOINED_PREFIXES
            and (out or words[0] not in GIVEN_NAME_PREFIXES)
            and len(out) + 1 + len(parts) - i - 2 >= 2
        )
        if joinable:
            out.append(words + parts[i + 1])
            i += 2
        else:
            out.append(words)
            i += 1
    return out


def _continues(field: Words, end: int) -> bool:
    """A hyphenated continuation ('Ismayilova-Aliyeva') is another, longer surname; a
    generation after a hyphen (Трамп-младший) is read as one (see _with_generation), and a
    word in lower case as what it is, a compound's second half (the Aliyev-led government,
    Putin-backed, the Pashinyan-era reforms)."""
    return (
        end + 1 < len(field.words)
        and field.gap(end, end + 1) in HYPHENS
        and field.words[end + 1] not in GENERATIONS
        and field.words[end + 1] not in HYPHENED_GENERATIONS
        and not field.text[field.spans[end + 1][0]].islower()
    )


def _spellings(parts: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Each multi-word part written as separate words or as one: ("abdul", "rahman") /
    ("abdulrahman",); a one-word part that begins with an Arabic prefix also split after it."""
    out: list[tuple[str, ...]] = [()]
    for words in parts:
        options = {words, ("".join(words),)}
        if len(words) == 1:
            word = words[0]
            for prefix in SPLIT_PREFIXES:
                if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                    options.add((prefix, word[len(prefix) :]))
                    break
        out = [prefix + option for prefix in out for option in options]
    return out


# One given name in its Ukrainian and its Russian form (and the Georgian and Russian forms
# that transliteration does not bring together): Russian-language outlets write "Владимир
# Зеленский" for Volodymyr Zelensky, English ones "Volodymyr" or "Vladimir". Each form is
# compared through its name key, so other spellings of a form (Oleksii, Oleksiy) follow.
GIVEN_NAME_FORMS = (
    ("Serzh", "Serge"), ("Volodymyr", "Vladimir"), ("Oleksandr", "Aleksandr"), ("Oleksiy", "Aleksey"),
    ("Mykola", "Nikolay"), ("Mykhailo", "Mikhail"), ("Andriy", "Andrey"), ("Serhiy", "Sergey"),
    ("Dmytro", "Dmitry"), ("Yuriy", "Yury"), ("Petro", "Pyotr"), ("Pavlo", "Pavel"),
    ("Hennadiy", "Gennady"), ("Yevhen", "Yevgeny"), ("Kyrylo", "Kirill"), ("Ihor", "Igor"),
    ("Oleh", "Oleg"), ("Vasyl", "Vasily"), ("Hryhoriy", "Grigory"), ("Olena", "Yelena"),
    ("Kateryna", "Yekaterina"), ("Iryna", "Irina"), ("Tetyana", "Tatyana"),
    ("Svitlana", "Svetlana"), ("Halyna", "Galina"), ("Liudmyla", "Lyudmila"),
    ("Nataliya", "Natalya"), ("Anastasiya", "Anastasia"), ("Giorgi", "Georgy"),
    ("Mikheil", "Mikhail"), ("Ekaterine", "Yekaterina"),
)  # fmt: skip


def _written_end(field: Words, index: int) -> str:
    """The last two letters of a word of three or more as the text writes them (lower case),
    where folding has not yet merged й into и: "" for a shorter word."""
    start, end = field.spans[index]
    return field.text[end - 2 : end].lower() if end - start >= 3 else ""


def _vowel_and_i(field: Words, index: int) -> bool:
    """Does the word end in a vowel and и (Ukrainian ї), as written? Then it may be a case of a
    given name in -я (Каи, Лии, Каї: of Кая, Лия), whose stem is too short to take the ending
    off; not so Кай, a name of its own, which folding writes the same (й is и with a breve)."""
    ending = _written_end(field, index)
    return ending[:1] in CYRILLIC_VOWELS and ending[1:] in ("и", "ї")


# Russian consonants after which a name in -а takes -ы, not -и, in its cases (Лейла: Лейлы, Дина:
# Дины; but Ольга: Ольги, Наташа: Наташи)
HARD_CONSONANTS = frozenset("бвдзлмнпрстфц")


def _another_name_than_hard_a(field: Words, index: int, wanted: str) -> bool:
    """In a Russian text, a given name ending in a hard consonant and и (Лейли, Лали, Нини,
    Тамари) is no case of a name in a hard -а (Leyla, Lala, Nina, Tamara: Лейлы, Лалы, Нины,
    Тамары), whose key it shares (ы and и are both i): it is another name, often a Georgian or
    Azerbaijani one. Names in -я (Katya: Кати) keep their cases."""
    if field.language != "ru" or wanted[-1:] != "a" or wanted[-2:] == "ia":
        return False
    ending = _written_end(field, index)
    return ending[:1] in HARD_CONSONANTS and ending[1:] == "и"


@lru_cache(maxsize=1)
def _given_name_forms() -> dict[str, tuple[str, ...]]:
    """Name key of a form -> the other forms of that given name."""
    out: dict[str, list[str]] = {}
    for forms in GIVEN_NAME_FORMS:
        for form in forms:
            out.setdefault(name_key(form), []).extend(f for f in forms if f != form)
    return {key: tuple(others) for key, others in out.items()}


# Russian case forms of given names that taking an ending off does not give: a vowel that
# drops (Павел: Павла, Лев: Льва, Пётр: Петра) or a stem too short to take one off (Илья: Ильи,
# Зоя: Зои). One way only: Pavla is also a Czech woman's name, and not a form of Pavel.
GIVEN_NAME_CASES = {
    "Pavel": ("Pavla", "Pavlu", "Pavlom", "Pavle"),
    "Lev": ("Lva", "Lvu", "Lvom", "Lve"),
    "Pyotr": ("Petr", "Petra", "Petru", "Petrom", "Petre"),
    "Ilya": ("Ili", "Ile", "Iley", "Ilyu"),
    "Zoya": ("Zoi", "Zoe", "Zoey", "Zoyu"),
    "Giya": ("Gii", "Giyu", "Giey"),
}


@lru_cache(maxsize=1)
def _given_name_cases() -> dict[str, tuple[str, ...]]:
    return {name_key(name): cases for name, cases in GIVEN_NAME_CASES.items()}


# A given name romanised from Russian (or Azerbaijani) with y is written with j by the languages
# that write y so, and their spelling travels into texts in every language with the person
# (Julia Navalnaja, Sergej, Ilja, Natalja, Tatjana, Jelena, Lejla), and Ё after a consonant as io
# or jo (Fiodor, Piotr, Semion; Fjodor): each is another form of the given name. One way only:
# an English j (John, Julia Roberts) is no y.
Y_BY_A_VOWEL = re.compile(r"(?<=[aeiou])y|y(?=[aeiou])", re.IGNORECASE)
YO_AS_IO = re.compile(r"(?<=[b-df-hj-np-tv-z])yo", re.IGNORECASE)


def _central_european_forms(given: str) -> list[str]:
    """A given name's Latin y by a vowel as j (Yulia: Julia), and its yo after a consonant as
    io (Fyodor: Fiodor); none for a name without them or not in Latin letters."""
    if not given.isascii() or "y" not in given.casefold():
        return []
    forms = [Y_BY_A_VOWEL.sub(lambda found: "J" if found[0] == "Y" else "j", given)]
    forms.append(YO_AS_IO.sub("io", given))
    return [form for form in dict.fromkeys(forms) if form != given]


def _other_forms(name: str) -> list[str]:
    """The name with its first given name in its other national forms (GIVEN_NAME_FORMS) and
    in the Russian case forms the endings do not give (GIVEN_NAME_CASES); an Armenian name
    also as Russian and the diaspora write it (_armenian_forms); a name in
    Latin letters with a hard c also with k (HARD_C)."""
    words = name.split()
    if len(words) < 2:
        return []
    others = list(_given_name_forms().get(name_key(words[0]), ()))
    others += _central_european_forms(words[0])
    cases = _given_name_cases()
    others += [case for form in (words[0], *others) for case in cases.get(name_key(form), ())]
    forms = [" ".join([other, *words[1:]]) for other in dict.fromkeys(others)]
    if _armenian_surname(words[-1]):  # with its given name's every form
        forms += [a for form in (name, *forms) for a in _armenian_forms(form.split())]
    if all(ord(char) < 0x250 for char in name) and HARD_C.search(name):
        forms.append(HARD_C.sub(_hard_c, name))
    return forms


# How other languages' Latin letters sound, as Russian writes them: a j before a vowel is
# y in German, Dutch, the Nordic and Slavic languages and Estonian (Jens Stoltenberg: Йенс
# Столтенберг, Kaja Kallas: Кая Каллас; written i, as folding writes й); Italian gi before a
# vowel is j (Giorgia: Джорджа); German, Czech and Polish ch is kh (Friedrich Merz: Фридрих
# Мерц); English leaves a final e and the h of "oh" unsaid (Jake: Джейк, Mike Pence: Майк Пенс,
# Clive: Клайв, Joe: Джо, John: Джон), says a w before a vowel u (Witkoff: Уиткофф, William:
# Уильям), ph f (Stephen: Стивен), a g before e, i or y at a word's start and a final ge after
# r, d, n or a vowel j (George: Джордж, Gina: Джина, Farage: Фарадж), a final ew eu (Matthew:
# Мэттью) and ow after a consonant au (Brown: Браун, Powell: Пауэлл). Each is another form of
# the name, besides the written, for texts in another script (a Latin text that writes "Jak"
# does not name Jake).
SOUNDED = (
    (re.compile(r"\b[Jj](?=[aeiou])|(?<=[aeiou])j(?=[aeiou])"), lambda m: "I" if m[0] == "J" else "i"),
    (re.compile(r"\b([Gg])i(?=[aou])|(g)i(?=[aou])"), lambda m: "J" if m[0][0] == "G" else "j"),
    (re.compile(r"(?<![Ss])([Cc])h"), lambda m: m[1].replace("C", "K").replace("c", "k") + "h"),
    (re.compile(r"\bW(?=[aeiouy])"), lambda m: "U"),
    (re.compile(r"[Pp]h"), lambda m: "F" if m[0][0] == "P" else "f"),
    (re.compile(r"\bG(?=[eiy])|(?<=[rdnaiou])ge\b"), lambda m: "J" if m[0] == "G" else "j"),
    (re.compile(r"(?<=[aeiu])w\b|(?<=[B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z])ow"),
     lambda m: "u" if m[0] == "w" else "au"),
    # a short word's "magic e" (Jake, Mike, Steve), the e of -nce, -rge, -dge, -oe; oh + consonant
    (re.compile(r"\b([A-Za-z]{0,2}[aeiouy][b-df-hj-np-tv-z])e\b|(?<=nc|rg|dg|[A-Za-z]o)e\b"
                r"|(?<=[Oo])h(?![aeiouy])"), lambda m: m[1] or ""),
)  # fmt: skip


# English and French given names that Russian (and Azerbaijani) write as said in a way the
# SOUNDED readings do not give, in Latin letters: Michael Майкл, Elon Илон, Nigel Найджел,
# Charles Чарльз (or, French, Шарль), Jacques Жак, Nicolas Николя
SAID_GIVEN_NAMES = {
    "michael": ("Maykl",), "elon": ("Ilon",), "nigel": ("Naydzhel",),
    "charles": ("Charlz", "Sharl"), "ethan": ("Itan",), "eugene": ("Yudzhin",),
    "hugh": ("Khyu",), "sean": ("Shon",), "ian": ("Ien", "Yan"), "jacques": ("Zhak",),
    "jean": ("Zhan",), "nicolas": ("Nikolya",), "francois": ("Fransua",), "louis": ("Lui",),
    "pierre": ("Per",), "marine": ("Marin",), "yves": ("Iv",), "claude": ("Klod",),
}  # fmt: skip


def _sounded_forms(name: str) -> list[str]:
    """The name as it is said in the other languages that write it in Latin letters: with its
    first given name as said (SAID_GIVEN_NAMES; with a hard c as k too: Zhak Chirak), and
    with each SOUNDED reading alone and all of them (Steve Witkoff: Stev Uitkoff)."""
    if not all(ord(char) < 0x250 for char in name):
        return []
    first, _, rest = name.partition(" ")
    said = [f"{given} {rest}" for given in SAID_GIVEN_NAMES.get(fold(first), ()) if rest]
    said += [HARD_C.sub(_hard_c, form) for form in said if HARD_C.search(form)]
    forms = list(said)
    for base in (name, *said):
        readings, every = [], base
        for pattern, sound in SOUNDED:
            if pattern.search(base):
                readings.append(pattern.sub(sound, base))
                every = pattern.sub(sound, every)
        forms += [*readings, every] if len(readings) > 1 else readings
    return forms


def _hard_c(found: re.Match[str]) -> str:
    return "K" if found.group() == "C" else "k"


# a c before a, o, u, a consonant or the word's end is a k (Macron, Clinton, Scott): Russian
# writes it к (Макрон, Клинтон, Скотт), which neither the skeleton (c reads as s, the c of
# Recep) nor a word's key would take for it; a Latin name with one is also read with k
HARD_C = re.compile(r"[cC](?![eiyhEIYH])")


# Russian writes the h that begins an Armenian name not at all: Hakob Hakobyan is Акоп Акопян,
# Harutyunyan Арутюнян, Hambardzumyan Амбарцумян (an Azerbaijani or Turkish h is Г or Х there:
# Həsənov Гасанов; only a surname in -yan or -ian marks a name as Armenian)
ARMENIAN_SURNAME = re.compile(r"[iy]an$", re.IGNORECASE)
# Western names that end so too, and are surnames as well (Paul Ryan, Tom Christian): not read
# as Armenian, or Tom Ryan would be Dom Ryan
NOT_ARMENIAN = frozenset(
    [
        "ryan",
        "bryan",
        "brian",
        "ian",
        "christian",
        "sebastian",
        "julian",
        "adrian",
        "damian",
        "fabian",
        "vivian",
        "lilian",
        "gillian",
        "jillian",
        "killian",
        "kilian",
        "florian",
        "marian",
        "maximilian",
        "cyprian",
        "dorian",
        "lucian",
        "emilian",
        "aurelian",
        "cassian",
        "tristian",
    ]
)
INITIAL_H = re.compile(r"^[Hh](?=[AEIOUaeiou])")
# nor an h between vowels (Sahakyan: Саакян, Vahagn: Ваагн; where it writes г, Ohanyan:
# Оганян, the skeleton reads h and г alike already)
BETWEEN_VOWELS_H = re.compile(r"(?<=[aeiouy])h(?=[aeiouy])", re.IGNORECASE)
# Name roots Russian (and the diaspora, in Latin letters) spell their own way, from the older
# and the Western Armenian pronunciation: Sargsyan is Саркисян and Sarkissian, Sargis Саркис,
# Hovhannisyan Оганесян, Ованесян and Hovannisian (a vowel between consonants other than the
# first is the skeleton's and the word check's concern, not this table's). Each way round, as
# a rule may be written in either; a word's start only.
ARMENIAN_ROOTS = {
    "sargs": ("sarkis",),
    "sargis": ("sarkis",),
    "sarkis": ("sargs", "sargis"),
    "hovhann": ("ovann", "ogann", "hovann"),
    "hovann": ("hovhann", "ovann", "ogann"),
    "ovann": ("hovhann",),
    "ogan": ("hovhann",),
}


def _armenian_surname(word: str) -> bool:
    """Does a surname (its last part, after a hyphen: Ter-Petrosyan) look Armenian?"""
    last = word.rsplit("-", 1)[-1].casefold()
    return bool(ARMENIAN_SURNAME.search(last)) and len(last) >= 5 and last not in NOT_ARMENIAN


def _armenian_forms(words: list[str]) -> list[str]:
    """An Armenian name as Russian and the diaspora write it: without the H its parts begin
    with and the h between vowels (INITIAL_H, BETWEEN_VOWELS_H), and with each other spelling
    of its roots (ARMENIAN_ROOTS), as written and without those h's."""
    variants: list[list[str]] = [[word] for word in words]
    for word, spellings in zip(words, variants, strict=True):
        key = word.casefold()
        for root, others in ARMENIAN_ROOTS.items():
            if key.startswith(root):
                rest = word[len(root) :]
                spellings += [_cased(other, word) + rest for other in others]
    forms: list[str] = []
    for choice in range(max(len(spellings) for spellings in variants)):
        # the nth spelling of each word (its first where it has fewer): few forms, each word's
        # every spelling among them
        chosen = [spellings[min(choice, len(spellings) - 1)] for spellings in variants]
        forms.append(" ".join(chosen))
        forms.append(" ".join(BETWEEN_VOWELS_H.sub("", INITIAL_H.sub("", w)) for w in chosen))
        forms.append(" ".join(INITIAL_H.sub("", w) for w in chosen))
    if words[-1].endswith("yan"):  # as Eastern romanisation writes it, not the diaspora
        forms.append(WESTERN_STOPS.sub(_western_stop, " ".join(words)))
    return [form for form in dict.fromkeys(forms) if form.split() != words]


# Western Armenian, the diaspora's, says the stops the other way round from Eastern, whose
# romanisation rules write: Petrosyan is Bedrosian, Karapetyan Garabedian, Gevorgyan Kevorkian,
# Hakob Hagop, Tigran Dikran, Ter Der (gh, kh, ph, th stay)
WESTERN_STOPS = re.compile(r"[gkpt]h|[bpdtgk]", re.IGNORECASE)
WESTERN_STOP = dict(zip("bpdtgkBPDTGK", "pbtdkgPBTDKG", strict=True))


def _western_stop(found: re.Match[str]) -> str:
    return WESTERN_STOP.get(found.group(), found.group())


# Greek declines a Greek name: Κυριάκος Μητσοτάκης, του Κυριάκου Μητσοτάκη, τον Κυριάκο
# Μητσοτάκη; Αλέξης Τσίπρας, του Αλέξη Τσίπρα (and a woman's surname is the genitive of her
# father's: Ντόρα Μπακογιάννη, Dora Bakoyannis). A name in Latin letters with a Greek nominative
# ending (or in Greek letters) is also read in its genitive and its accusative, in Greek text
# only (Carlo Santo is no case of Carlos Santos)
GREEK_NOMINATIVE = re.compile(r"(?<=\w\w)(os|is|as|ος|ός|ης|ής|ας|άς)$")
GREEK_CASES = {  # genitive, accusative
    "os": ("ou", "o"), "is": ("i", "i"), "as": ("a", "a"), "ος": ("ου", "ο"), "ός": ("ού", "ό"),
    "ης": ("η", "η"), "ής": ("ή", "ή"), "ας": ("α", "α"), "άς": ("ά", "ά"),
}  # fmt: skip


GREEK_WRITTEN = frozenset(chr(c) for c in range(0x370, 0x400))  # Greek and Coptic, accented


def _greek_case_forms(name: str) -> list[str]:
    """A name's Greek genitive and accusative (none without a Greek nominative ending)."""
    words = name.split()
    latin_or_greek = name.isascii() or all(c.isascii() or c in GREEK_WRITTEN for c in name)
    if len(words) < 2 or not latin_or_greek or not any(map(GREEK_NOMINATIVE.search, words)):
        return []
    forms = [" ".join(_greek_case(word, case) for word in words) for case in (0, 1)]
    return list(dict.fromkeys(forms))


def _greek_case(word: str, case: int) -> str:
    """A word with its Greek nominative ending in a case (0 genitive, 1 accusative)."""
    return GREEK_NOMINATIVE.sub(lambda end: GREEK_CASES[end[1]][case], word)


def _cased(spelling: str, like: str) -> str:
    """A root's other spelling with the capital its word starts with."""
    return spelling[:1].upper() + spelling[1:] if like[:1].isupper() else spelling


@lru_cache(maxsize=100_000)
def slavic_key(word: str) -> str:
    """A folded word's key as read across Belarusian and Russian spellings: consonants and
    pretonic я as Russian writes them (east_slavic.russian_reading), every o as a (Belarusian
    writes an unstressed о as а, and which one is stressed is not written): Лукашэнка,
    Lukashenka, Лукашенко and Lukashenko all read lugasanga."""
    return _slavic_reading(word).replace("o", "a")


@lru_cache(maxsize=100_000)
def _slavic_reading(word: str) -> str:
    """`slavic_key` with its o still o: Russian case endings are known with it (-ого, -ой)."""
    latin = word if word.isascii() else _transliterate(word, non_ascii(word))
    return name_key(east_slavic.russian_reading(latin))


@lru_cache(maxsize=100_000)
def _slavic_forms(word: str) -> frozenset[str]:
    """A text word's East Slavic key and its stems with a case ending removed: the endings
    read before о is read as а (Тихановского: -ого; Лукашенко's -ко is none)."""
    return frozenset(form.replace("o", "a") for form in _forms(_slavic_reading(word)))


def slavic_matches(word: str, part: str, *, endings: bool = True) -> bool:
    """Does a (folded) text word have the East Slavic key `part`, with a case ending where the
    text's language puts one (`endings`)? As `part_matches`: one letter off in a long part,
    but not a woman's name without its final a (Kalesnikava is not Kolesnikov)."""
    key = slavic_key(word)
    if key == part:
        return True
    fuzzy = len(part) >= FUZZY_MIN
    if not endings:  # nor a man's name with a final a: Aleksandra Petrova is not Aleksandr Petrov
        return fuzzy and within_one_edit(key, part) and key + "a" != part and part + "a" != key
    if fuzzy and within_one_edit(key, part) and part != key + "a":
        return True  # Aliaksandr: Alexander
    stems = _forms(part)
    forms = _slavic_forms(word) - {key}
    if not stems.isdisjoint(forms):
        return True
    # an ending and a letter off (Аляксандра: Alexander), not a longer word
    return fuzzy and any(
        within_one_edit(form, stem) and not form.startswith(stem)
        for form in forms
        for stem in (part, part[:-1] if part[-1] in FINAL_VOWELS else "")
        if len(stem) >= FUZZY_MIN
    )


def _slavic_parts(pattern: NamePattern) -> tuple[tuple[str, str, str], ...]:
    """Each part's key, East Slavic key and last letter as read (see `slavic_key`)."""
    keys = (*pattern.given, pattern.surname)
    return tuple(
        (key, slavic_key(word), _slavic_reading(word)[-1:])
        for key, word in zip(keys, ("".join(words) for words in pattern.raw_parts), strict=True)
    )


def _other_skeletons(pattern: NamePattern) -> set[tuple[str, str]]:
    """The (given, surname) skeletons of a name's spellings with Belarusian consonants for
    Russian ones and the other way round (east_slavic.word_forms: Tsikhanouskaya for
    Tikhanovskaya), those its own spellings do not have. Parts of one word only."""
    if any(len(part) != 1 for part in pattern.raw_parts):
        return set()
    given = [east_slavic.word_forms(part[0]) for part in pattern.raw_parts[:-1]]
    surnames = east_slavic.word_forms(pattern.raw_parts[-1][0])
    combinations: list[tuple[str, ...]] = [()]
    for forms in given:
        combinations = [(*done, form) for done in combinations for form in forms]
    own = {
        (g, s)
        for g in _skeleton_forms(combinations[0], given=True)
        for s in _skeleton_forms((surnames[0],), given=False)
    }
    out = set()
    for given_words in combinations:
        given_skeletons = _skeleton_forms(given_words, given=True)
        for surname in surnames:
            for surname_skeleton in _skeleton_forms((surname,), given=False):
                for given_skeleton in given_skeletons:
                    pair = (given_skeleton, surname_skeleton)
                    if pair not in own and _selective(*pair):
                        out.add(pair)
    return out


class PersonMatcher:
    """A person rule: its written forms, and phrases to exclude (e.g. a street named after them)."""

    def __init__(self, person: str, variants: tuple[str, ...] = (), exclude: tuple[str, ...] = ()):
        # "İ.Əliyev" as "İ. Əliyev": an initial against the name, as headlines write it
        given = [_initial_spaced(n) for n in (person, *variants)]
        given += [s for n in given if (s := without_middle(n)) and s not in given]
        written = [n for n in given if len(n.split()) >= 2]
        written += [other for n in written for other in _other_forms(n) if other not in written]
        # the forms of a name as other languages say it, for texts in another script only
        sounded = [s for n in written for s in _sounded_forms(n) if s not in written]
        greek = [g for n in given for g in _greek_case_forms(n) if g not in written]
        self.patterns = (
            [NamePattern.parse(n) for n in written]
            + [replace(NamePattern.parse(n), sounded=True) for n in dict.fromkeys(sounded)]
            + [replace(NamePattern.parse(n), sounded=True, greek=True) for n in greek]
        )
        if any(p.generation for p in self.patterns):
            # a rule that names a generation ("Martin Luther King Jr.") tells the others apart
            # by it, Sr. too: its forms without one take none
            every = frozenset(GENERATIONS.values())
            self.patterns = [
                p if p.generation else replace(p, other_generations=every) for p in self.patterns
            ]
        # Belarusian and Russian spellings of one name (Sviatlana Tsikhanouskaya, Светлана
        # Тихановская): read alike word by word, and their consonants scanned for (the skeleton
        # pairs, given and surname, in the other language's consonants)
        both = [east_slavic.might_be_both(fold(n)) for n in written]
        self.slavic_skeletons: set[tuple[str, str]] = set()
        for pattern in compress(self.patterns, both):  # the first len(written) are theirs
            self.slavic_skeletons |= _other_skeletons(pattern)
        self.patterns = [
            replace(
                p,
                loose=_loose_parts(p),
                slavic=_slavic_parts(p) if any(both) and not p.greek else (),
            )
            for p in self.patterns
        ]
        self.exclude = [tuple(fold_words(e)) for e in exclude if fold_words(e)]
        self._plausible: dict[str, bool] = {}

    def prefilter_keys(self) -> tuple[dict[str, frozenset[str] | None], set[str], set[str]]:
        """(skeleton keys with their tails, literal keys, the skeleton keys of sounded forms
        only): every form is covered by one or the other (see NamePattern.skeletons). The
        sounded forms' own keys need scanning only in a text with letters of another script."""
        skeletons: dict[str, frozenset[str] | None] = {}
        literals: set[str] = set()
        written: set[str] = set()
        for pattern in self.patterns:
            keys = pattern.skeletons()
            if not keys:
                literals |= pattern.literals()
            for key, tails in keys.items():
                add_key(skeletons, key, tails)
            if not pattern.sounded:
                written.update(keys)
        slavic: dict[str, frozenset[str] | None] = {}
        for given, surname in self.slavic_skeletons:
            _add_name_keys(slavic, given, surname)
        for key, tails in slavic.items():
            add_key(skeletons, key, tails)
            written.add(key)
        return skeletons, literals, set(skeletons) - written

    def plausible(self, first_word: str) -> bool:
        """A cheap first look, cached: can a name of this rule start with this (folded) word?"""
        known = self._plausible.get(first_word)
        if known is None:
            known = self._plausible[first_word] = self._opens_with(first_word)
            if len(self._plausible) > 256:
                self._plausible.clear()
        return known

    def _opens_with(self, first_word: str) -> bool:
        # German, French, Spanish, Georgian and Greek readings too, whatever the text's
        # language: a first look only
        readings = (
            german_keys(first_word)
            + french_keys(first_word)
            + spanish_keys(first_word)
            + second_reading_keys(first_word)
        )
        for key in word_keys(first_word) + readings:
            for pattern in self.patterns:
                opener = pattern.given[0] if pattern.given else pattern.surname
                if part_matches(key, opener) or part_matches(key, pattern.surname):
                    return True
                if key and (pattern.surname.startswith(key) or opener.startswith(key)):
                    return True  # the part may be written as several words ("Abdul Rahman")
        for pattern in self.patterns:  # Святлана of Sviatlana, Аляксандр of Aleksandr
            for key, slavic, _final in pattern.slavic:
                if key in (pattern.given[:1] or (pattern.surname,)) and slavic_matches(
                    first_word, slavic
                ):
                    return True
        for pattern in self.patterns:  # Кир of Keir Starmer, Трамп of Trump
            openers = {*pattern.given[:1], pattern.surname} & pattern.loose
            if openers and across_scripts(first_word, pattern.latin):
                keys = word_keys(first_word) + second_reading_keys(first_word)
                if any(loosely_matches(keys, opener) for opener in openers):
                    return True
        return False

    def find(self, field: Words, start: int) -> tuple[int, int] | None:
        """The name's first and last word when it starts at word `start` (either order)."""
        for pattern in self.patterns:
            found = pattern.find(field, start)
            if found and _cased_as_a_name(field, *found) and not self._excluded(field, found):
                return found
        return None

    def _excluded(self, field: Words, span: tuple[int, int]) -> bool:
        """Does an `exclude` phrase cover the name found at `span`, its words as written or
        with a case ending (`Центр Гейдара Алиева` covers `в Центре Гейдара Алиева`,
        `Heydər Əliyev Mərkəzi` covers `Heydər Əliyev Mərkəzində`)?"""
        first, last = span
        for words in self.exclude:
            n = len(words)
            for p in range(max(0, last - n + 1), first + 1):
                window = field.words[p : p + n]
                if (
                    p + n - 1 >= last
                    and len(window) == n
                    and all(map(_word_or_its_case, window, words))
                ):
                    return True
        return False


MAX_CASE_ENDING = 4  # letters a text word may add to an exclude phrase's word (Mərkəzi-ndə)


def _word_or_its_case(found: str, word: str) -> bool:
    """A text word (folded) is an exclude phrase's word, or it with a case ending: a word of
    four letters or more and at most MAX_CASE_ENDING letters after it."""
    return found == word or (
        len(word) >= 4 and found.startswith(word) and len(found) - len(word) <= MAX_CASE_ENDING
    )


def _loose_parts(pattern: NamePattern) -> frozenset[str]:
    """The parts of a pattern that may be read by their transcription shape: none of a
    romanised name (ROMANISED_SURNAME), those with enough consonants of any other."""
    surname = "".join(pattern.raw_parts[-1])
    if not surname.isascii():
        surname = _transliterate(surname, non_ascii(surname))
    if ROMANISED_SURNAME.search(surname):
        return frozenset()
    return frozenset(part for part in (*pattern.given, pattern.surname) if loose_enough(part))


# words inside a name that make the words after them one surname (von der Leyen, da Silva, bin
# Salman): a name with one of them is not shortened by `without_middle`
SURNAME_PARTICLES = frozenset(
    ("von", "van", "vom", "der", "den", "ter", "ten", "zu", "zum", "del", "della", "de", "da",
     "di", "do", "du", "dos", "das", "des", "la", "le", "lo", "bin", "ibn", "ben", "bint", "ould",
     "mac", "st")
) | JOINED_PREFIXES  # fmt: skip


def without_middle(name: str) -> str | None:
    """A name of three parts without its middle one: "Vladimir Vladimirovich Putin", "İlham
    Heydər oğlu Əliyev", "John Fitzgerald Kennedy", "Hillary Rodham Clinton" are written
    without their patronymic or middle name as often as with it ("Vladimir Putin", "John
    Kennedy"; the two-part form then also takes a middle initial or a patronymic between).

    Only a middle of one word (or a father's name and oğlu/qızı); not a name with a particle
    (von der Leyen, Lula da Silva) or an Arabic prefix, nor one whose first or last part is an
    initial or of two letters (Kim Jong Un), nor an East Asian name written surname first (Lee
    Jae Myung, Nguyen Xuan Phuc: EAST_ASIAN_SURNAMES), nor one of four parts or more (José Luis
    Rodríguez Zapatero: which of them are a surname is not knowable from the rule). A Spanish
    name of two surnames (`spanish_surnames`) is shortened to its given name and first surname
    when that one is a patronymic surname (Pedro Sánchez Pérez-Castejón: Pedro Sánchez; Yolanda
    Díaz Pérez: Yolanda Díaz), not at all when only the second is (Teresa Ribera Rodríguez:
    Teresa Ribera's first surname may as well be a middle name, Jennifer Lynn Lopez).
    """
    words = name.split()
    generation = []
    if len(words) > 3 and fold(words[-1]).strip(".,") in GENERATIONS:
        generation = words[-1:]
        words = words[:-1]
    if len(words) == 4 and SON_OR_DAUGHTER.fullmatch(fold(words[2])):
        words = [words[0], " ".join(words[1:3]), words[3]]  # a father's name and oğlu/qızı
    if len(words) != 3 or SON_OR_DAUGHTER.fullmatch(fold(words[-1])):
        return None  # Sevinc Vaqif qızı: a surname of two words
    folded = [fold_words(word) for word in words]
    if any(w in SURNAME_PARTICLES for part in folded for w in part):
        return None
    first, last = "".join(folded[0]), "".join(folded[-1])
    if len(first) < 3 or len(last) < 3 or words[0].endswith("."):
        return None
    if first in EAST_ASIAN_SURNAMES:  # Lee Jae Myung: a given name of two syllables
        return None
    if spanish_surnames(name):  # given name, father's surname, mother's: Pedro Sánchez
        middle = "".join(folded[1])
        if not SPANISH_PATRONYMIC.search(middle) or len(middle) < 3:
            return None
        return " ".join([words[0], words[1], *generation])
    return " ".join([words[0], words[-1], *generation])


# the commonest Chinese, Korean and Vietnamese family names of three letters or more (shorter
# ones are never shortened): a name of three parts that begins with one is written surname
# first, its given name in two syllables, and without one of them it is another name ("Lee
# Myung" of "Lee Jae Myung" opens "Lee Myung-bak", another president; "Nguyen Phuc" of "Nguyen
# Xuan Phuc"). A Western three-part name that begins with one as a given name ("Lee Harvey
# Oswald") is not shortened either.
EAST_ASIAN_SURNAMES = frozenset(
    (
        "wang", "zhang", "liu", "chen", "yang", "huang", "zhao", "zhou", "sun", "zhu", "guo", "lin",
        "gao", "luo", "zheng", "liang", "xie", "tang", "deng", "feng", "cao", "peng", "zeng", "xiao",
        "tian", "dong", "pan", "yuan", "cai", "jiang", "cheng", "wei", "ding", "ren", "yao", "shen",
        "zhong", "cui", "tan", "liao", "shi", "jin", "jia", "xia", "fang", "zou", "xiong", "bai",
        "meng", "qin", "qiu", "hou", "yin", "xue", "yan", "duan", "lei", "hao", "gong", "shao",
        "qian", "dai", "kong", "xiang", "wong", "chan", "leung", "cheung", "lau", "chow", "tsang",
        "chiu", "kwok", "kim", "lee", "park", "choi", "jung", "jeong", "kang", "cho", "yoon", "jang",
        "lim", "han", "shin", "seo", "kwon", "hwang", "ahn", "song", "hong", "jeon", "moon", "bae",
        "baek", "nam", "noh", "roh", "kwak", "ryu", "yoo", "nguyen", "tran", "pham", "hoang", "huynh",
        "phan", "dang", "bui", "ngo", "duong", "trinh", "dinh", "truong", "luong", "vuong",
    )
)  # fmt: skip
# a Spanish patronymic surname (-ez: Sánchez, Rodríguez, Núñez; and Díaz, Ruiz, Muñoz, Ortiz)
SPANISH_PATRONYMIC = re.compile(r"(?:ez|diaz|ruiz|munoz|ortiz)$")


def spanish_surnames(name: str) -> bool:
    """Is a three-part name a given name and two Spanish surnames, the father's first ("Pedro
    Sánchez Pérez-Castejón", "Teresa Ribera Rodríguez")? So when its second or third part is a
    Spanish patronymic surname. Such a name is known by its given name and first surname
    ("Pedro Sánchez", "Teresa Ribera"), and the given name with the second is another person
    (Teresa Rodríguez is another Spanish politician): see `without_middle`."""
    words = [fold("".join(fold_words(word))) for word in name.split()]
    return len(words) == 3 and any(SPANISH_PATRONYMIC.search(w) for w in words[1:])


def by_middle_name(name: str) -> str | None:
    """The middle name and surname of a name `without_middle` shortens, where the middle is a
    given name, not a patronymic: "Tayyip Erdoğan" of "Recep Tayyip Erdoğan". Not a form a
    rule finds (as often another person: Sarah Jessica Parker is not Jessica Parker), but
    `monitor check` names it, for `variants` where the person is known by it."""
    short = without_middle(name)
    if short is None or spanish_surnames(name):
        return None
    words = [w for w in name.split() if w not in short.split()]
    if len(words) != 1 or PATRONYMIC.fullmatch(fold(words[0])):
        return None
    return f"{words[0]} {short.split()[1]}"


def _initial_spaced(name: str) -> str:
    """A space after each initial's full stop written against the name after it."""
    for at in reversed(initial_dots(name)):
        name = f"{name[: at + 1]} {name[at + 1 :]}"
    return name


def _cased_as_a_name(field: Words, first: int, last: int) -> bool:
    """A given name written as a name (a capital, then small letters) is followed by a surname
    written so too: "Emin milli komanda", "Ali kaya tırmandı", "Mehmet demir aldı" put a given
    name before a word of the language (milli: national; kaya: rock; demir: iron), not before
    the surname Milli, Kaya, Demir. A name all in lower or all in capital letters, in mixed
    case (kHaDiJa), or in a script without case, is a name; so is one ending in a lower-case
    "oğlu", "кызы" or "jr."."""
    text, spans, words = field.text, field.spans, field.words
    if not text[spans[first][0] : spans[first][1]].istitle():
        return True
    while last > first and (
        SON_OR_DAUGHTER.fullmatch(words[last])
        or words[last] in GENERATIONS
        or words[last] in HYPHENED_GENERATIONS
    ):
        last -= 1
    return not text[spans[last][0] : spans[last][1]].islower()
