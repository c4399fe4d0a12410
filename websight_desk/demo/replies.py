"""Agent-side demo text: replies by policy clause, internal notes, and quoted mail history."""

from __future__ import annotations

import random
from datetime import datetime
from zoneinfo import ZoneInfo

from websight_desk.demo.slots import Slots

ISTANBUL = ZoneInfo("Europe/Istanbul")
KB = "https://destek.websight.example/makale"

REPLY_TR: dict[str, tuple[str, ...]] = {
    "support.continuity": (
        "Konuyu inceliyoruz, kısa süre içinde bilgi vereceğiz.",
        "Sorun giderildi; {domain} şu an erişilebilir durumda. Kontrol edip bilgi verir misiniz?",
        "İlgili servis yeniden başlatıldı ve kayıtlar kontrol edildi. Sorun devam ederse "
        "lütfen ekran görüntüsü iletin.",
        "Talebiniz nöbetçi ekibimize aktarıldı, çalışma devam ediyor.",
    ),
    "shared.cms_install": ("{cms} kurulumu tamamlandı, yönetici bilgileri e-postanıza iletildi.",),
    "shared.cms_themes_plugins": (
        "Tema ve eklenti kurulumu ile ayarları müşterilerimizin sorumluluğundadır. Kurulum "
        f"adımları için: {KB}/wordpress-tema-eklenti-kurulumu",
    ),
    "shared.cms_limits": (
        "Hesabınızda memory_limit 256M, upload_max_filesize 128M olarak güncellendi. "
        "Yüklemeyi tekrar dener misiniz?",
        "PHP sürümünüz 8.2'ye yükseltildi, eklenti artık kurulabilir durumda.",
    ),
    "shared.email_client_setup": (
        f"E-posta hesabı kurulumu için doğru ayarlar ve adımlar şu makalede: {KB}/"
        "e-posta-istemci-kurulumu — Gelen sunucu: mail.{domain} (IMAP 993, SSL), "
        "giden sunucu: mail.{domain} (SMTP 465, SSL).",
    ),
    "shared.website_software": (
        "Web sitenizin yazılımındaki hatalar teknik destek kapsamımız dışındadır; "
        "yazılımcınızla görüşmenizi öneririz. Sunucu tarafında bir sorun görünmüyor.",
    ),
    "shared.website_syntax_fix": (
        "Dosyadaki eksik karakter düzeltildi, site tekrar açılıyor. Değişiklikten önce yedek "
        "almanızı öneririz.",
    ),
    "shared.reseller_end_customer": (
        "Hizmetinizi bayimiz {reseller} üzerinden almışsınız; teknik destek için bayinize "
        "başvurmanız gerekiyor. Bayinize de bu konuda bilgi verdik.",
    ),
    "server.delivery": (
        "Kurulum ve taşıma işlemleri teslimat öncesinde tamamlanacak; bittiğinde bilgi vereceğiz.",
        "{os} kurulumu ve optimum ayarlar yapıldı, sunucu teslimata hazır.",
    ),
    "server.post_delivery": (
        "Teslim edilmiş sunucularda yönetimsel destek verilmemektedir; sunucu içindeki "
        "servisler ve yapılandırma sizin sorumluluğunuzdadır. Yönetim için SLA hizmeti "
        "ya da yönetimli sunucu seçeneklerimizi değerlendirebilirsiniz.",
    ),
    "server.sla_managed": ("SLA kapsamında gerekli yapılandırma yapıldı, kontrol eder misiniz?",),
}
REPLY_EN: dict[str, tuple[str, ...]] = {
    "support.continuity": (
        "We are looking into it and will update you shortly.",
        "The issue is fixed and {domain} is reachable again. Could you confirm?",
    ),
    "shared.email_client_setup": (
        f"The correct settings and a step-by-step guide are here: {KB}/email-client-setup — "
        "incoming mail.{domain} (IMAP 993, SSL), outgoing mail.{domain} (SMTP 465, SSL).",
    ),
    "shared.reseller_end_customer": (
        "Your hosting was sold by our reseller {reseller}; please contact them for support. "
        "We have let them know as well.",
    ),
    "server.post_delivery": (
        "Administration inside a delivered server is not covered by our support. For that, "
        "an SLA or one of our managed plans is available.",
    ),
}
ACK_TR = (
    "Konuyu inceliyoruz, kısa süre içinde bilgi vereceğiz.",
    "Talebiniz nöbetçi ekibimize aktarıldı, çalışma devam ediyor.",
    "Kontrol için {domain} hesabınızın loglarını inceliyoruz.",
)
ACK_EN = ("We are looking into it and will update you shortly.",)
GENERIC_EN = ("Thank you for your message, we have updated your request.",)
NOTES = (
    "Nöbetçi mühendise devredildi.",
    "Sunucu loglarına bakıldı, {ip} adresinden yoğun istek var.",
    "Müşteri SLA'sız; inisiyatif kullanılarak yardım edildi.",
    "Vardiya sorumlusuna danışıldı.",
    "Aynı müşteriden mükerrer talep var, bu talep üzerinden devam.",
    "Mesaj anlaşılamadı, müşteriyi telefonla aramak gerekebilir.",
    "Bayi bilgilendirildi.",
    "Disk doluluğu %{percent}, müşteriye bilgi verildi.",
)
ABUSE_NOTE = "Hakaret/küfür içeren mesaj; vardiya sorumlusuna bildirildi."
# The first follow-up of each list means "solved": the thread ends there.
CUSTOMER_FOLLOW_TR = (
    "Teşekkürler, düzeldi.",
    "Hâlâ aynı sorun devam ediyor.",
    "Dediğiniz ayarları yaptım ama olmadı.",
    "Ne zaman çözülecek? Bilgi verebilir misiniz?",
    "Ekran görüntüsünü ekledim, bakabilir misiniz?",
    "Tamam, deneyip dönüş yapacağım.",
    "Şimdi açıldı ama yine yavaş.",
)
CUSTOMER_FOLLOW_EN = (
    "Thanks, it works now.",
    "Still the same problem.",
    "I tried those settings, no luck.",
    "Any update on this?",
)
MONTHS_TR = [
    "Ocak",
    "Şubat",
    "Mart",
    "Nisan",
    "Mayıs",
    "Haziran",
    "Temmuz",
    "Ağustos",
    "Eylül",
    "Ekim",
    "Kasım",
    "Aralık",
]
DAYS_TR = ["Pzt", "Sal", "Çar", "Per", "Cum", "Cmt", "Paz"]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# Not strftime's %a/%b: those follow the process locale, and the demo must be reproducible.
DAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def agent_reply(
    clause: str, english: bool, fill: Slots, rng: random.Random, *, first: bool = False
) -> str:
    table = REPLY_EN if english else REPLY_TR
    options = table.get(clause) or (GENERIC_EN if english else REPLY_TR["support.continuity"])
    if first and clause == "support.continuity" and rng.random() < 0.6:
        options = ACK_EN if english else ACK_TR
    name = fill.get("first", "")
    greet = (f"Hello {name}," if name else "Hello,") if english else f"Merhaba {name},".strip()
    sign = "Websight Support" if english else "Websight Teknik Destek"
    body = rng.choice(options).format_map(fill)
    return f"{greet}\n\n{body}\n\n{fill.get('agent', '')}\n{sign}".replace("\n\n\n", "\n\n")


def note(fill: Slots, abusive: bool, rng: random.Random) -> str:
    return ABUSE_NOTE if abusive else rng.choice(NOTES).format_map(fill)


def quote(reply: str, previous: str, when: datetime, english: bool, rng: random.Random) -> str:
    """`reply` followed by the mail client's attribution line and `previous` quoted."""
    local = when.astimezone(ISTANBUL)
    if english:
        header = (
            f"On {DAYS_EN[local.weekday()]}, {local.day} {MONTHS_EN[local.month - 1]} "
            f"{local.year} at {local:%H:%M}, "
            "Websight Support <support@websight.example> wrote:"
        )
    else:
        header = (
            f"{local.day} {MONTHS_TR[local.month - 1]} {local.year} {DAYS_TR[local.weekday()]}, "
            f"{local:%H:%M} tarihinde Websight Destek <destek@websight.example> şunu yazdı:"
        )
    lines = previous[:1500].splitlines()
    if rng.random() < 0.15 and not english:  # Outlook style: no '>' but a header block
        block = "\n".join(lines)
        return (
            f"{reply}\n\n-----Özgün İleti-----\nKimden: Websight Destek "
            f"<destek@websight.example>\nGönderildi: {local:%d.%m.%Y %H:%M}\n\n{block}"
        )
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return f"{reply}\n\n{header}\n{quoted}"
