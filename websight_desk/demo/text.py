"""Customer-side demo text: how people really write — with or without Turkish letters, in
capitals, in English or mixed, calm, heated, abusive or hard to understand."""

from __future__ import annotations

import random
import re
from enum import StrEnum

from websight_desk.demo.slots import Slots
from websight_desk.demo.topics import Topic
from websight_desk.domain.turkish import tr_lower, tr_upper

_ASCII = str.maketrans("çğıöşüÇĞİÖŞÜâîû", "cgiosuCGIOSUaiu")


class Lang(StrEnum):
    TR = "tr"
    TR_ASCII = "tr_ascii"  # Turkish typed on a keyboard without Turkish letters
    TR_CAPS = "tr_caps"
    EN = "en"
    MIXED = "mixed"


class Tone(StrEnum):
    CALM = "calm"
    HEATED = "heated"  # angry but not insulting: never grounds for ending a ticket
    ABUSIVE = "abusive"  # insults or profanity aimed at the team
    UNCLEAR = "unclear"  # garbled; a phone call would help


TR_OPEN = ("Merhaba,", "İyi günler,", "Selamlar,", "Merhabalar,", "Sayın yetkili,", "Kolay gelsin,")
TR_CLOSE = (
    "Teşekkürler.",
    "İyi çalışmalar.",
    "Yardımcı olursanız sevinirim.",
    "Dönüşünüzü bekliyorum.",
    "Şimdiden teşekkürler.",
)
EN_OPEN = ("Hi,", "Hello,", "Dear support,", "Hi team,", "Good morning,")
EN_CLOSE = ("Thanks.", "Thank you in advance.", "Regards,", "Best regards,", "Cheers,")
MIXED_EXTRA = ("Please check asap.", "It's urgent, thanks!", "FYI customers are complaining.")
HEATED_TR = (
    "Bu kaçıncı kez yazıyorum!",
    "{days} gündür cevap yok, bu kabul edilemez.",
    "Müşteri kaybediyorum, zararımı kim karşılayacak?",
    "Hizmetinizden hiç memnun değilim, iptal etmeyi düşünüyorum.",
    "HÂLÂ ÇÖZÜLMEDİ!!!",
    "Her ay aynı sorunu yaşıyoruz, artık yeter.",
)
HEATED_EN = (
    "This is unacceptable.",
    "I have been waiting for {days} days!",
    "I am losing customers because of this outage.",
    "Third time I'm writing about this. Seriously?",
)
ABUSE_TR = (
    "Aptal mısınız siz? Beceriksiz herifler!",
    "Siz ne biçim firmasınız lan, şerefsizler!",
    "Gerizekalılar, hâlâ düzeltemediniz mi?",
    "Amk firması, siktirin gidin!",
    "Salak mısınız kardeşim, okuduğunuzu anlamıyor musunuz?",
    "Dolandırıcı şerefsizler, paramı geri verin!",
    "Allah belanızı versin, beceriksizler.",
)
ABUSE_EN = (
    "You are fucking useless idiots.",
    "What a bunch of incompetent morons.",
    "Piece of shit company, fix it now you clowns.",
    "Are you all brain-dead? Go to hell.",
)
UNCLEAR_SUBJECTS = ("acil", "yardım", "sorun var", "??", "merhaba", "bakarmısınız", "hata", "slm")
UNCLEAR_BODIES = (
    "dün konuştuğumuz şey yine oldu o ayar neydi bilmiyorum",
    "sizin arkadaş bişey dedi yaptım ama şimdi öbürü de açılmıyor",
    "o kod geldi yine ama telefona değil bilgisayarda",
    "şifre mi ne istiyor girdim olmadı bide",
    "site mi mail mi bilmiyorum ama bi sorun var müşteri aradı",
)
_SLANG = {
    "merhaba": "mrb",
    "değil": "diil",
    "bir": "bi",
    "geliyor": "geliyo",
    "olmuyor": "olmuyo",
    "yapıyor": "yapıyo",
    "teşekkürler": "tşk",
    "misiniz": "mısınz",
    "lütfen": "lütfn",
    "şey": "şey",
}
_PUNCT = re.compile(r"[.,;:!?'()]")


def ascii_turkish(text: str) -> str:
    return text.translate(_ASCII)


def pick_lang(rng: random.Random, english_person: bool) -> Lang:
    if english_person:
        return Lang.EN if rng.random() < 0.8 else Lang.MIXED
    r = rng.random()
    if r < 0.45:
        return Lang.TR
    if r < 0.75:
        return Lang.TR_ASCII
    if r < 0.81:
        return Lang.TR_CAPS
    return Lang.EN if r < 0.92 else Lang.MIXED


def pick_tone(rng: random.Random) -> Tone:
    r = rng.random()
    if r < 0.045:
        return Tone.ABUSIVE
    if r < 0.13:
        return Tone.HEATED
    return Tone.UNCLEAR if r < 0.19 else Tone.CALM


def garble(text: str, rng: random.Random) -> str:
    """Lower case, no punctuation, slang and typos: the ticket nobody can quite read."""
    words = []
    for raw in _PUNCT.sub("", tr_lower(text)).split():
        word = _SLANG.get(raw, raw)
        if len(word) > 4 and rng.random() < 0.15:
            i = rng.randrange(len(word) - 1)
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        words.append(word)
    return " ".join(words)


def style(text: str, lang: Lang, rng: random.Random) -> str:
    if lang is Lang.TR_ASCII:
        text = ascii_turkish(text)
        return tr_lower(text) if rng.random() < 0.4 else text
    if lang is Lang.TR_CAPS:
        return tr_upper(text)
    return text


def first_message(
    topic: Topic, lang: Lang, tone: Tone, slots: Slots, *, signature: str, rng: random.Random
) -> tuple[str, str]:
    """(subject, body) of the message that opens a ticket."""
    english = lang is Lang.EN
    subject = slots.fill(rng.choice(topic.en_subjects if english else topic.tr_subjects))
    core = slots.fill(rng.choice(topic.en_bodies if english else topic.tr_bodies))
    if lang is Lang.MIXED:
        subject = slots.fill(rng.choice(topic.en_subjects))
        core = f"{core} {rng.choice(MIXED_EXTRA)}"
    if tone is Tone.UNCLEAR and not english:
        subject = rng.choice(UNCLEAR_SUBJECTS)
        core = garble(f"{rng.choice(UNCLEAR_BODIES)} {core}", rng)
    elif tone is Tone.HEATED:
        core = f"{core} {slots.fill(rng.choice(HEATED_EN if english else HEATED_TR))}"
        subject = tr_upper(subject) if rng.random() < 0.5 else subject + "!!!"
    elif tone is Tone.ABUSIVE:
        insult = rng.choice(ABUSE_EN if english else ABUSE_TR)
        core = f"{insult} {core}" if rng.random() < 0.5 else f"{core}\n\n{insult}"
    opener = rng.choice(EN_OPEN if english else TR_OPEN)
    closer = rng.choice(EN_CLOSE if english else TR_CLOSE)
    parts = [opener, core, closer] if rng.random() < 0.8 else [core]
    if tone is not Tone.UNCLEAR:
        parts.append(signature)
    body = "\n\n".join(p for p in parts if p)
    if tone is not Tone.UNCLEAR:
        body = style(body, lang, rng)
        subject = style(subject, lang, rng)
    return subject, body


def follow_up(lang: Lang, tone: Tone, slots: Slots, rng: random.Random) -> tuple[str, bool]:
    """A later customer message (without the quoted history) and whether it says "solved"."""
    from websight_desk.demo.replies import CUSTOMER_FOLLOW_EN, CUSTOMER_FOLLOW_TR

    english = lang is Lang.EN
    options = CUSTOMER_FOLLOW_EN if english else CUSTOMER_FOLLOW_TR
    i = rng.randrange(len(options))
    return _follow_text(slots.fill(options[i]), lang, tone, slots, rng), i == 0


def _follow_text(text: str, lang: Lang, tone: Tone, slots: Slots, rng: random.Random) -> str:
    english = lang is Lang.EN
    if tone is Tone.ABUSIVE and rng.random() < 0.6:
        text = f"{text} {rng.choice(ABUSE_EN if english else ABUSE_TR)}"
    elif tone is Tone.HEATED and rng.random() < 0.5:
        text = f"{text} {slots.fill(rng.choice(HEATED_EN if english else HEATED_TR))}"
    if tone is Tone.UNCLEAR and not english:
        return garble(text, rng)
    return style(text, lang, rng)
