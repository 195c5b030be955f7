"""Case endings on query words: `Азербайджан` finds "визит в Азербайджане", `Bakı` "Bakıda".

Russian, Ukrainian and Belarusian decline nouns and adjectives, and Azerbaijani and Turkish
attach case suffixes to them: a Russian article names Azerbaijan as Азербайджан, Азербайджана,
Азербайджану, Азербайджаном or Азербайджане, and a keyword rule that finds one form only
misses most stories (a prefix, `Азербайджан*`, finds the adjective `азербайджанский` as well,
and `Газ*` the gas of `газовый`). So a query word in Cyrillic takes its case endings (and a
Georgian or Armenian word its own), and a word in Latin letters takes Azerbaijani and Turkish
suffixes in an article in those languages.

No stemmer or dictionary: the query word is the nominative a user writes, and its class is
read off its ending (Москва: -а, a feminine noun; восточное: -ое, a neuter adjective; Кремль:
-ь; Азербайджан: a consonant). The endings that class takes (and Ukrainian's, which differ)
are looked for after the stem, at every place the scan finds the stem as the start of a word.
Only whole words are found (`Азербайджан` does not find `азербайджанский`, a different word),
and a feminine ending is not taken after a masculine adjective (`Зеленский` does not find
`Зеленская`, another person). A stem of under four letters takes no endings, since
short ones collide with other words (Газа, Gaza: газу, the dative of gas); nor do terms in
braces (`{...}`, as written), prefixes or terms with punctuation between their words.
A surname's feminine form is its masculine genitive (Алиева: "of Aliyev", or Aliyeva): a
`person` rule, not a keyword, tells those apart.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

# the endings a word of each class takes, folded as the matcher folds text (й is и, ё is е,
# ї is і): Russian's and Ukrainian's, with the ending the class is read from
_NOUN_A = "а я ы и і е у ю ои еи оі іи ою ею ам ям ами ями ах ях"  # Москва, Россия, Україна
_NOUN_O = "о а у ом е ам ами ах і"  # партнерство; Ukrainian місто, місті
_NOUN_E = "е я ю ем и ям ями ях і"  # соглашение, соглашении; море, морем
_SOFT = "ь я ю ем е и і еи ью ям ями ях ем"  # Кремль, власть
_NOUN_I = "и я ю ем е і ев ям ями ях еи ів"  # Сергей, музей, Георгий (and a plural in -и)
_PLURAL = "ы и ов ев ам ями ами ах ях ів"  # выборы, санкции
_CONSONANT = "а у ом ым е і ы ов ам ами ах ові еві ів"  # Азербайджан, Алиев (Алиевым)
# after г к х ж ш ч щ Russian writes и, not ы (рынки, Бишкеки); after ж ш ч щ ц, -ем and -ей
# (Абрамовичем, врачей) where others take -ом and -ов
_AFTER_VELAR = "и"
_AFTER_HUSHING = "и ем еи ев"
VELARS, HUSHING = frozenset("гкх"), frozenset("жшчщц")
# adjectives: a hard stem's endings (-ый: новый, нового, новым), a soft or velar one's (-ий:
# синий, синим; Зеленский, Зеленского, Зеленским), an -ой one's (either: городской, -ским;
# стальной, -ным), with the plural; never the feminine after a masculine (Зеленская)
_ADJ_HARD = "ого ому ым ом ые ых ыми"
_ADJ_SOFT = "ого его ому ему им ем ом ие их ими ім і"  # and Ukrainian -ім, plural -і
# Ukrainian writes every hard adjective with -ий (внутрішній: -ій), Russian only those in к г х
# ж ш ч щ н (elsewhere -ий is a noun's: Георгий, сценарий, whose -ом is another word's)
_ADJ_UKRAINIAN = "ого ому им ім і их ими"
_ADJ_UKRAINIAN_SOFT = "ього ьому ім і іх іми"
_ADJ_EITHER = "ого ому ым им ом ые ие ых их ыми ими"
_ADJ_FEMININE = "ои ую ою оі іи"  # Восточная: -ой, -ую, -ою; Ukrainian -ої, -ій
_ADJ_FEMININE_SOFT = "еи юю ею"  # синяя: синей, синюю
_ADJ_PLURAL_HARD = "ых ым ыми"
_ADJ_PLURAL_SOFT = "их им ими"

# the ending a word is read from -> the endings its class takes (the word's own included, and
# for -а and -о none, the genitive plural: стран, партнерств), longest first; a word can be
# read two ways (Георгий as a noun, -ий -> -ия; Зеленский as an adjective, -ий -> -ого), and is
# then found in either's forms
CYRILLIC_CLASSES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (ending, frozenset({ending, *tails.split()} | ({""} if ending in "ао" else set())))
    for ending, tails in (
        ("ыи", _ADJ_HARD),
        ("ии", _ADJ_SOFT),
        ("іи", _ADJ_UKRAINIAN_SOFT),
        ("ои", _ADJ_EITHER),
        ("ое", _ADJ_EITHER),
        ("ее", _ADJ_SOFT),
        ("ая", _ADJ_FEMININE),
        ("яя", _ADJ_FEMININE_SOFT),
        ("ые", _ADJ_PLURAL_HARD),
        ("ие", _ADJ_PLURAL_SOFT),
        ("а", _NOUN_A),
        ("я", _NOUN_A),
        ("о", _NOUN_O),
        ("е", _NOUN_E),
        ("ь", _SOFT),
        ("и", _NOUN_I),
        ("ы", _PLURAL),
    )
)
CYRILLIC_CONSONANT_TAILS = frozenset({"", *_CONSONANT.split()})
_CONSONANT_VELAR = (CYRILLIC_CONSONANT_TAILS - {"ы"}) | {*_AFTER_VELAR.split()}
_CONSONANT_HUSHING = (CYRILLIC_CONSONANT_TAILS - {"ы"}) | {*_AFTER_HUSHING.split()}
# a neuter in -е after ж ш ч щ ц declines as one in -о (жилище: жилища, жилищу)
_NOUN_E_HUSHING = frozenset({"е", *_NOUN_E.split(), *_NOUN_O.split()}) - {"о"}
# -ий is a Russian adjective's ending after these (русский, великий, свежий, синий); after
# others a Russian noun's (Георгий, сценарий: Георгия, whose -ом would be another word's) or a
# Ukrainian adjective's (внутрішній, новий: нового, новому), so only those endings are taken
ADJECTIVE_II = frozenset("кгхжшчщн")
UKRAINIAN_ADJECTIVE_TAILS = frozenset({"ии", *_ADJ_UKRAINIAN.split()})
INDECLINABLE = ("енко",)  # Ukrainian surnames in -енко (Лукашенко, Шевченко) are not declined
FLEETING = frozenset({"ок", "ек", "ец"})  # folded: ё is е
FLEETING_TAILS = frozenset(["а", "у", "ом", "ем", "е", "и", "ы", "ов", "ев", "ам", "ами", "ах"])
ALTERNATING_TAILS = frozenset(["а", "у", "і", "ом", "ові"])  # Львова, Львову, Львові, Львовом
CYRILLIC_VOWELS = frozenset("аеиоуыэюяіїєь")
MIN_STEM = 4
CYRILLIC_TERM = re.compile(r"[а-яёіїєґў]+(?: [а-яёіїєґў]+)*")
# a word of four letters that declines as a name does (Рада, Дума, Рига, Азия, Русь; folded)
SHORT_NAME = re.compile(r"[а-яёіїєґў]{3}[аяь]")

# Azerbaijani and Turkish suffixes on a word in Latin letters (ə, ı, ü, ö, ş, ç, ğ folded):
# case (genitive -ın/-nın, dative -a/-ya, accusative -ı/-nı, locative -da/-nda, ablative
# -dan/-ndan, comitative -la/-yla), the plural before them, the possessive -sı of compounds
# (Avropa İttifaqı: İttifaqının), the plural and its possessive before them (seçimlerinin), and
# the locative's -ki (Bakıdakı). Turkish writes an apostrophe before them on a proper noun
# (Ermenistan'ın), which the matcher reads as a space.
_TURKIC_CASES = "in nin un nun a e ya ye i u yi yu ni nu da de ta te nda nde dan den tan ten"
_TURKIC_MORE = "ndan nden la le yla yle dir dur tir tur daki deki ndaki ndeki"
TURKIC_TAILS = frozenset(
    {"", *_TURKIC_CASES.split(), *_TURKIC_MORE.split()}
    | {plural + case for plural in ("lar", "ler") for case in ("", "i", "in", "a", "e", "da", "de", "dan", "den", "la", "le")}
    | {"si", "su", "sin", "sun", "sini", "sunu", "sinin", "sunun", "sina", "sine", "suna"}
    | {"sinda", "sinde", "sunda", "sindan", "sinden", "sundan", "siyla", "siyle"}
    # the plural's possessive before a case (seçimlerinin, seçkilərində), and -taki (Irak'taki)
    | {plural + "i" + case for plural in ("lar", "ler") for case in ("n", "ni", "nin", "nda", "nde", "ndan", "nden", "na", "ne")}
    | {"taki", "teki"}
)  # fmt: skip
TURKIC_LANGUAGES = frozenset({"az", "tr"})
TURKIC_REST = re.compile("(?:" + "|".join(sorted(TURKIC_TAILS, key=len, reverse=True)) + r")(?!\w)")
LATIN_TERM = re.compile(r"[a-z]+(?: [a-z]+)*")


@dataclass(frozen=True, slots=True)
class Inflection:
    """How an inflected term is found: its scan key (the letters the stems of its first inflected
    word share, with the words before it), then `rest` matched where the key ends, to the end of
    a word.

    `turkic`: the endings are Azerbaijani and Turkish ones, taken only in articles in those
    languages; elsewhere the term is its words, whole, as any other (its key is then the term).
    """

    key: str
    rest: re.Pattern[str]
    turkic: bool = False
    # Turkic: the key's words as the query spells them (`spelled`); a suffix is taken only after
    # the same letters, as folding makes Kars (a city) of karşı ("against": kars + ı)
    spelled: tuple[str, ...] = ()
    # a name of three letters and its ending (Рада, Дума, Рига), as the query capitalises it:
    # its other forms only where the text capitalises them mid-sentence too, as рады ("glad")
    # is not Рады; the word as written (folded, here) anywhere
    capitalised: str = ""


SENTENCE_OPENERS = " \t\"'«„“‘(—–-"  # between a sentence's end and its first word


def capitalised_mid_sentence(text: str, start: int) -> bool:
    """Is the word at `start` capitalised where a small letter could stand: not at the start
    of a field, a line or a sentence, where a capital says nothing (Ради миру, "for the sake of
    peace", is no form of Рада)?"""
    if not text[start].isupper():
        return False
    before = text[max(0, start - 20) : start].rstrip(SENTENCE_OPENERS)
    return bool(before) and before[-1] not in ".!?…:;\n"


def spelled(word: str) -> str:
    """A word lower-cased with its diacritics kept, but for the dots of i (Turkish writes BAKI
    for Bakı, and many write Baki): what a Turkic stem must be to take a suffix."""
    return word.replace("İ", "i").replace("I", "i").lower().replace("ı", "i").replace("i̇", "i")


BACK_VOWELS = frozenset("aıouAIOU")  # a capital I is the dotless ı's (BAKIDA)
FRONT_VOWELS = frozenset("eəiöüEƏİÖÜ")


def in_harmony(stem: str, suffix: str) -> bool:
    """Does the suffix's vowel agree with the stem's last one, as Azerbaijani and Turkish vowel
    harmony has it (Bakıda, Əliyevə)? Folding loses the difference between -a and -ə, and with
    it the one between Əliyevə, "to Aliyev", and Əliyeva, a woman's name (or Mehriban Aliyeva
    typed without ə); a vowel of neither kind (a foreign letter) settles nothing."""
    last = next(
        (char for char in reversed(stem) if char in BACK_VOWELS or char in FRONT_VOWELS), ""
    )
    first = next((char for char in suffix if char in BACK_VOWELS or char in FRONT_VOWELS), "")
    if not last or not first:
        return True
    return (last in BACK_VOWELS) == (first in BACK_VOWELS)


def _special(ending: str, stem: str, tails: frozenset[str]) -> frozenset[str]:
    """A class's endings where the stem's last letter changes them."""
    if ending == "е" and stem[-1] in HUSHING:
        return _NOUN_E_HUSHING
    if ending == "ии" and stem[-1] not in ADJECTIVE_II:
        return UKRAINIAN_ADJECTIVE_TAILS
    return tails


def cyrillic_forms(word: str, min_stem: int = MIN_STEM) -> list[tuple[str, frozenset[str]]]:
    """The stems a folded Cyrillic word is read with, and the endings each takes (the callers
    know the script: SCRIPTS)."""
    if word.endswith(INDECLINABLE):
        return []
    forms = [
        (stem, _special(ending, stem, tails))
        for ending, tails in CYRILLIC_CLASSES
        if word.endswith(ending) and len(stem := word[: -len(ending)]) >= min_stem
    ]
    if word[-1] not in CYRILLIC_VOWELS and len(word) >= min_stem:
        last = word[-1]
        forms.append(
            (
                word,
                _CONSONANT_VELAR
                if last in VELARS
                else _CONSONANT_HUSHING
                if last in HUSHING
                else CYRILLIC_CONSONANT_TAILS,
            )
        )
        # a fleeting vowel: рынок, рынка; Азербайджанец, азербайджанца (and Восток, Востока
        # as well: both stems are looked for, and one of the two finds nothing)
        if word[-2:] in FLEETING and len(word) - 1 >= min_stem:
            forms.append((word[:-2] + word[-1], FLEETING_TAILS))
        # Ukrainian і of a closed last syllable, о or є when it opens (Львів: Львова, Львові;
        # Київ, folded києв: Києва, Києві)
        if word.endswith("ів"):
            forms += [(word[:-2] + vowel + "в", ALTERNATING_TAILS) for vowel in "оє"]
    return forms


# Georgian: a noun in a consonant writes its nominative with -ი (პარლამენტი), dropped before the
# case endings and the postpositions written onto it (პარლამენტის, -ს, -მა, -ით, -ად, -ში, -ზე,
# -თან, -ისთვის, -იდან), the plural's -ებ- before them; one in a vowel keeps it (საქართველოს,
# საქართველომ, საქართველოში, საქართველოდან), and -ა or -ე gives way to -ის and -ით (დედის)
_KA_CASES = "ი მა ს ის ით ად ო ში ზე თან ისთვის იდან ამდე ისკენ ისა საც"
KA_CONSONANT_TAILS = frozenset(
    {*_KA_CASES.split(), *("ებ" + case for case in _KA_CASES.split() if case != "ო")}
)
KA_VOWEL_TAILS = frozenset(
    ["მ", "ს", "თი", "დ", "ში", "ზე", "თან", "სთვის", "დან", "მდე", "საც", "ც"]
) | {""}
KA_VOWEL_DROPPED_TAILS = frozenset(["ის", "ით", "იდან", "ისთვის"])
GEORGIAN_TERM = re.compile(r"[ა-ჰ]+(?: [ა-ჰ]+)*")


def georgian_forms(word: str, min_stem: int = MIN_STEM) -> list[tuple[str, frozenset[str]]]:
    if len(word) - 1 < min_stem:
        return []
    if word.endswith("ი"):
        return [(word[:-1], KA_CONSONANT_TAILS)]
    forms = [(word, KA_VOWEL_TAILS)]
    if word[-1] in "აე":
        forms.append((word[:-1], KA_VOWEL_DROPPED_TAILS))
    return forms


# Armenian: endings and the plural's -ներ/-եր before them, on the word as written (Հայաստանի,
# Հայաստանը, Հայաստանում, Հայաստանից, Հայաստանով, Երևանին; a vowel's definite article -ն)
_HY_CASES = "ի ը ն ում ից ով ին ու"
HY_TAILS = frozenset(
    {"", *_HY_CASES.split()}
    | {plural + case for plural in ("ներ", "եր") for case in ("", *_HY_CASES.split())}
)
ARMENIAN_TERM = re.compile(r"[ա-ֆև]+(?: [ա-ֆև]+)*")


def armenian_forms(word: str, min_stem: int = MIN_STEM) -> list[tuple[str, frozenset[str]]]:
    if len(word) < min_stem:
        return []
    return [(word, HY_TAILS)]


def word_forms(word: str) -> list[str]:
    """Every form a Cyrillic, Georgian or Armenian word (lower-case, as written) is found in,
    the word first, for a search engine that takes a list of words (`monitor search`: FTS5
    keeps й and ї, which the matcher folds to и and і, so each ending is given in both
    spellings); the word alone for one that takes no endings."""
    from alerts.text import fold

    folded = fold(word)
    script_forms = next((forms for term, forms in SCRIPTS if term.fullmatch(folded)), None)
    if len(folded) != len(word) or script_forms is None:
        return [word]
    # a stem in the word's own letters as far as it is the word (рынок: рын, then к)
    forms = {
        word[: (same := len(os.path.commonprefix([folded, stem])))] + stem[same:] + spelling  # noqa: RUF071
        for stem, tails in script_forms(folded)
        for tail in tails
        for spelling in _spellings(tail, stem[-1:])
    }
    forms.discard(word)
    return [word, *sorted(forms)]


def _spellings(tail: str, after: str) -> set[str]:
    """A folded ending as it may be written after the letter `after`: a final и after a vowel
    as й too (-ой, -ей, -ий; санкций, of санкция), an і as ї too (Ukrainian -ої, -їй)."""
    out = {""}
    for index, char in enumerate(tail):
        letters = "ії" if char == "і" else char
        before = tail[index - 1] if index else after
        if char == "и" and index == len(tail) - 1 and before in CYRILLIC_VOWELS:
            letters = "ий"
        out = {done + letter for done in out for letter in letters}
    return out


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    """Compiled once per pattern: every Turkic term of one word has the same (its suffixes), and
    a watch list of 100,000 terms would otherwise spend seconds compiling them."""
    return re.compile(pattern)


@lru_cache(maxsize=16)
def _alternatives(tails: frozenset[str]) -> str:
    return "|".join(re.escape(tail) for tail in sorted(tails, key=len, reverse=True))


def _word_pattern(word: str, forms: list[tuple[str, frozenset[str]]], skip: int) -> str:
    """A regex for the word in any of its forms, without its first `skip` letters."""
    if not forms:
        return re.escape(word[skip:])
    options = [f"{re.escape(stem[skip:])}(?:{_alternatives(tails)})" for stem, tails in forms]
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


def inflection(
    words: tuple[str, ...], written: tuple[str, ...] | None, *, capitalised: bool = False
) -> Inflection | None:
    """How a term of these folded words (`written`: as the query spells them, lower-cased;
    `capitalised`: one word, written with a capital, the rest small) is found with its case
    endings; None: as written.

    Cyrillic, Georgian, Armenian: every word of four letters or more takes its endings (a
    Russian adjective and noun agree: Восточного партнерства; a Georgian one in some cases:
    ევროპულმა კავშირმა), a capitalised Cyrillic noun of four in -а, -я or -ь too (SHORT_NAME).
    Latin: the last word takes Turkic suffixes (the words before it modify it: Avropa
    İttifaqının).
    """
    joined = " ".join(words)
    if LATIN_TERM.fullmatch(joined):
        # the key is the term; after it, the same suffixes for every term (one pattern)
        if len(words[-1]) < MIN_STEM or not written or len(written) != len(words):
            return None
        return Inflection(joined, TURKIC_REST, turkic=True, spelled=tuple(written))
    script_forms = next((forms for term, forms in SCRIPTS if term.fullmatch(joined)), None)
    if script_forms is None:
        return None
    # in a phrase, the words around a short one tell it from another (Верховна Рада: Верховної
    # Ради, where ради alone is "for the sake of"): stems of three letters take endings there
    min_stem = MIN_STEM if len(words) == 1 else MIN_STEM - 1
    forms = [script_forms(word, min_stem) for word in words]
    first = next((index for index, found in enumerate(forms) if found), None)
    short = ""
    if first is None and capitalised and SHORT_NAME.fullmatch(joined):
        # a stem of three letters alone finds other words' forms (рады, "glad", of Рада): a
        # name's are taken capitalised only, and not the bare stem (рад)
        forms = [[(stem, tails - {""}) for stem, tails in cyrillic_forms(joined, MIN_STEM - 1)]]
        first, short = 0, joined
    if first is None:
        return None
    # the letters every form starts with (character by character, as meant: not a path)
    stem = os.path.commonprefix([stem for stem, _ in forms[first]])  # noqa: RUF071
    key = " ".join([*words[:first], stem])
    parts = [_word_pattern(words[first], forms[first], len(stem))]
    parts += [
        _word_pattern(word, found, 0)
        for word, found in zip(words[first + 1 :], forms[first + 1 :], strict=True)
    ]
    return Inflection(key, _compiled(" ".join(parts) + r"(?!\w)"), capitalised=short)


# the scripts whose words take case endings in every article (a script is its languages)
SCRIPTS = (
    (CYRILLIC_TERM, cyrillic_forms),
    (GEORGIAN_TERM, georgian_forms),
    (ARMENIAN_TERM, armenian_forms),
)
