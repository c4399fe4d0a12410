"""Made-up people, companies, domains and phone numbers for the demo workspace.

Every domain is under a reserved example name (`.example`, `example.com.tr`) so no real person
or company is ever addressed; phone numbers are well-formed Turkish numbers in E.164.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from websight_desk.domain.turkish import fold

MALE = [
    "Ahmet",
    "Mehmet",
    "Mustafa",
    "Ali",
    "Hüseyin",
    "Hasan",
    "İbrahim",
    "İsmail",
    "Osman",
    "Yusuf",
    "Murat",
    "Ömer",
    "Ramazan",
    "Halil",
    "Süleyman",
    "Abdullah",
    "Mahmut",
    "Recep",
    "Salih",
    "Fatih",
    "Kadir",
    "Emre",
    "Serkan",
    "Burak",
    "Oğuz",
    "Çağrı",
    "Uğur",
    "Barış",
    "Tolga",
    "Volkan",
    "Gökhan",
    "Erkan",
    "Cem",
    "Kerem",
    "Onur",
    "Tuncay",
    "Selçuk",
    "Şahin",
    "Doğan",
    "Koray",
]
FEMALE = [
    "Ayşe",
    "Fatma",
    "Emine",
    "Hatice",
    "Zeynep",
    "Elif",
    "Meryem",
    "Şerife",
    "Sultan",
    "Hacer",
    "Merve",
    "Büşra",
    "Esra",
    "Özlem",
    "Gülşen",
    "Derya",
    "Ebru",
    "Selin",
    "Dilek",
    "Pınar",
    "Tuğba",
    "Gizem",
    "Cansu",
    "Sevgi",
    "Nur",
    "İpek",
    "Şule",
    "Aslı",
    "Ece",
    "Yağmur",
    "Irmak",
    "Damla",
    "Gamze",
    "Nihan",
    "Öznur",
    "Çiğdem",
]
SURNAMES = [
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Yıldız",
    "Yıldırım",
    "Öztürk",
    "Aydın",
    "Özdemir",
    "Arslan",
    "Doğan",
    "Kılıç",
    "Aslan",
    "Çetin",
    "Kara",
    "Koç",
    "Kurt",
    "Özkan",
    "Şimşek",
    "Polat",
    "Korkmaz",
    "Karakaya",
    "Erdoğan",
    "Güneş",
    "Aksoy",
    "Uçar",
    "Bulut",
    "Avcı",
    "Tekin",
    "Acar",
    "Güler",
    "Kaplan",
    "Türkmen",
    "Işık",
    "Keskin",
    "Ünal",
    "Bozkurt",
    "Sarı",
    "Altun",
    "Ekinci",
    "Başaran",
    "Gündoğdu",
    "Ağaoğlu",
    "Çakır",
    "Sönmez",
    "Erol",
    "Toprak",
    "Ilgaz",
]
EN_FIRST = [
    "James",
    "Emma",
    "Oliver",
    "Sophie",
    "Daniel",
    "Laura",
    "Michael",
    "Anna",
    "David",
    "Kate",
    "Thomas",
    "Maria",
]
EN_LAST = [
    "Smith",
    "Brown",
    "Taylor",
    "Wilson",
    "Evans",
    "Walker",
    "Hughes",
    "Green",
    "Baker",
    "Clarke",
    "Miller",
    "Novak",
]
BUSINESS_WORDS = [
    "Yıldız",
    "Anadolu",
    "Ege",
    "Akdeniz",
    "Marmara",
    "Toros",
    "Karadeniz",
    "Kuzey",
    "Güney",
    "Doğu",
    "Başak",
    "Ozan",
    "Defne",
    "Lale",
    "Çınar",
    "Zirve",
    "Atlas",
    "Nova",
    "Pera",
    "Galata",
    "Kordon",
    "Kapadokya",
    "Safran",
    "Mavi",
    "Altın",
    "Gümüş",
]
BUSINESS_TRADES = [
    "Mobilya",
    "İnşaat",
    "Tekstil",
    "Gıda",
    "Turizm",
    "Otomotiv",
    "Lojistik",
    "Bilişim",
    "Medikal",
    "Kuyumculuk",
    "Mimarlık",
    "Emlak",
    "Eğitim",
    "Danışmanlık",
    "Matbaa",
    "Reklam",
    "Kozmetik",
    "Optik",
    "Hukuk",
    "Bürosu",
    "Diş",
    "Kliniği",
    "Kafe",
    "Pastanesi",
    "Oto",
    "Kiralama",
    "Yazılım",
]
COMPANY_FORMS = ("Ltd. Şti.", "A.Ş.", "Tic. Ltd. Şti.", "San. ve Tic. A.Ş.", "")
EN_COMPANIES = ("Bluewave Studio", "Northwind Labs", "Harbor Digital", "Greenleaf Retail")
DOMAIN_SUFFIXES = (".example", ".example", ".example.com.tr", ".example.net", ".example.org")
MAIL_PROVIDERS = ("posta.example", "eposta.example.com.tr", "mail.example.net")
MOBILE_PREFIXES = [
    "501",
    "505",
    "506",
    "507",
    "530",
    "531",
    "532",
    "533",
    "534",
    "535",
    "536",
    "537",
    "538",
    "539",
    "541",
    "542",
    "543",
    "544",
    "545",
    "546",
    "547",
    "548",
    "549",
    "551",
    "552",
    "553",
    "554",
    "555",
    "559",
]
LANDLINE_AREAS = [
    "212",
    "216",
    "224",
    "232",
    "242",
    "252",
    "258",
    "262",
    "312",
    "322",
    "324",
    "332",
    "342",
    "352",
    "362",
    "384",
    "412",
    "462",
]
RESELLER_BRANDS = ("Host", "Web", "Bilişim", "Net", "Dijital", "Yazılım")


def fast_reduce(obj: Any) -> tuple[Any, ...]:
    """Pickle a slots dataclass as its constructor call (batches go to and from a worker
    process; the dataclass default re-reads its fields for every object, several times slower)."""
    return (type(obj), tuple(getattr(obj, name) for name in obj.__slots__))


@dataclass(frozen=True, slots=True)
class Person:
    first: str
    last: str
    english: bool

    def __reduce__(self) -> tuple[Any, ...]:
        return fast_reduce(self)

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def person(rng: random.Random, english_share: float = 0.06) -> Person:
    if rng.random() < english_share:
        return Person(rng.choice(EN_FIRST), rng.choice(EN_LAST), True)
    first = rng.choice(MALE if rng.random() < 0.55 else FEMALE)
    return Person(first, rng.choice(SURNAMES), False)


def slug(text: str) -> str:
    """ASCII label for domains and mailboxes ("Çınar Mobilya" → "cinarmobilya")."""
    return "".join(ch for ch in fold(text) if ch.isascii() and ch.isalnum())


def company(rng: random.Random) -> str:
    if rng.random() < 0.05:
        return rng.choice(EN_COMPANIES)
    form = rng.choice(COMPANY_FORMS)
    name = f"{rng.choice(BUSINESS_WORDS)} {rng.choice(BUSINESS_TRADES)}"
    return f"{name} {form}".strip()


def reseller_name(rng: random.Random) -> str:
    return f"{rng.choice(BUSINESS_WORDS)} {rng.choice(RESELLER_BRANDS)}"


def domain_for(rng: random.Random, base: str) -> str:
    stem = slug(" ".join(base.split()[:2])) or "site"
    if rng.random() < 0.3:
        stem += str(rng.randint(2, 99))
    return stem + rng.choice(DOMAIN_SUFFIXES)


def email_for(rng: random.Random, who: Person, domain: str | None) -> str:
    local = rng.choice(
        (
            f"{slug(who.first)}.{slug(who.last)}",
            f"{slug(who.first)}{rng.randint(1, 99)}",
            f"{slug(who.first)[0]}{slug(who.last)}",
        )
    )
    if domain and rng.random() < 0.6:
        return f"{local}@{domain}"
    return f"{local}@{rng.choice(MAIL_PROVIDERS)}"


def phone(rng: random.Random) -> str:
    """A Turkish mobile (mostly) or landline number in E.164."""
    prefix = rng.choice(MOBILE_PREFIXES if rng.random() < 0.8 else LANDLINE_AREAS)
    first = rng.randint(2, 9)  # subscriber numbers never start with 0 or 1
    return f"+90{prefix}{first}{rng.randint(0, 999999):06d}"


def server_label(rng: random.Random, kind: str, base: str) -> str:
    tag = {"vps": "vps", "vds": "vds", "cloud": "bulut", "dedicated": "srv"}.get(kind, "host")
    return f"{tag}{rng.randint(100, 99999)}.{slug(base.split(maxsplit=1)[0]) or 'sunucu'}.example"


def ip_address(rng: random.Random) -> str:
    # 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24: documentation ranges (RFC 5737)
    net = rng.choice(("192.0.2", "198.51.100", "203.0.113"))
    return f"{net}.{rng.randint(2, 254)}"
