"""Demo ticket topics for shared hosting (web and reseller hosting), one per policy situation.

Templates use `{slot}` names filled by `demo_text.Slots`; Turkish text is written with Turkish
letters, the ASCII and capitals variants are derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass

SHARED = frozenset({"shared_hosting", "reseller_hosting"})
SERVERS = frozenset({"vps", "vds", "cloud", "dedicated"})
ANY = SHARED | SERVERS


@dataclass(frozen=True)
class Topic:
    key: str
    clause: str  # the policy clause this kind of ticket usually falls under
    kinds: frozenset[str]
    tr_subjects: tuple[str, ...]
    tr_bodies: tuple[str, ...]
    en_subjects: tuple[str, ...]
    en_bodies: tuple[str, ...]
    weight: int = 10
    delivered: bool | None = None  # servers only: None = either
    department: str = "technical"


SHARED_TOPICS = (
    Topic(
        "site_down",
        "support.continuity",
        SHARED,
        ("Site açılmıyor", "{domain} açılmıyor", "ACİL site çöktü", "Sitem {http_error} veriyor"),
        (
            "{domain} adresli sitem {hours} saattir açılmıyor, tarayıcıda {http_error} görünüyor.",
            "Sabahtan beri sitemize girilemiyor. {http_error} hatası alıyoruz, müşterilerimiz "
            "sipariş veremiyor.",
            "Sitede 'Error establishing a database connection' yazıyor, hiçbir şey değiştirmedim.",
        ),
        ("Website down", "{domain} is not loading", "Site returns {http_error}"),
        (
            "Our website {domain} has been down for {hours} hours, it shows {http_error}.",
            "The site loads forever and then times out. Nothing changed on our side.",
        ),
        weight=16,
    ),
    Topic(
        "mail_down",
        "support.continuity",
        SHARED,
        ("Mail gelmiyor", "E-posta gönderemiyorum", "{mailbox} mailleri ulaşmıyor", "Mail sorunu"),
        (
            "{mailbox} adresine dünden beri hiç mail gelmiyor.",
            "Mail gönderirken '{mail_error}' hatası alıyoruz, giden mailler karşıya ulaşmıyor.",
            "Gönderdiğim mailler geri dönüyor: {mail_error}",
        ),
        ("Emails not arriving", "Cannot send email", "Bounce: {mail_error}"),
        (
            "Since yesterday no email reaches {mailbox}.",
            "Outgoing mail fails with '{mail_error}'.",
        ),
        weight=14,
    ),
    Topic(
        "dns",
        "support.continuity",
        SHARED,
        ("DNS sorunu", "Alan adı yönlenmiyor", "{domain} DNS kaydı", "MX kaydı eklenmesi"),
        (
            "{domain} için nameserver'ları değiştirdim ama site hâlâ eski sunucuya gidiyor.",
            "{dns_record} kaydı eklemem gerekiyor, panelde bulamadım.",
            "Alan adım {days} gündür çözülmüyor, DNS_PROBE_FINISHED_NXDOMAIN alıyorum.",
        ),
        ("DNS not resolving", "Add {dns_record} record"),
        ("I changed the nameservers for {domain} but it still points to the old host.",),
    ),
    Topic(
        "password",
        "support.continuity",
        SHARED,
        ("{panel} şifresi", "Şifremi unuttum", "Giriş yapamıyorum", "Mail şifresi sıfırlama"),
        (
            "{panel} giriş şifremi unuttum, sıfırlayabilir misiniz?",
            "{mailbox} hesabının şifresini unuttuk, çalışanımız ayrıldı.",
            "Şifre sıfırlama maili gelmiyor, panele giremiyorum.",
        ),
        ("Password reset", "Locked out of {panel}"),
        ("I forgot my {panel} password and the reset email never arrives.",),
    ),
    Topic(
        "ssl",
        "support.continuity",
        SHARED,
        ("SSL sertifikası", "Güvenli değil uyarısı", "{domain} SSL süresi dolmuş"),
        (
            "Sitemde SSL sertifikasının süresi dolmuş görünüyor, tarayıcı güvenli değil diyor.",
            "Let's Encrypt sertifikası yenilenmemiş, NET::ERR_CERT_DATE_INVALID hatası var.",
        ),
        ("SSL expired", "Not secure warning on {domain}"),
        ("The SSL certificate on {domain} expired, browsers show a security warning.",),
    ),
    Topic(
        "backup",
        "support.continuity",
        SHARED,
        ("Yedekten geri dönüş", "Yedek lazım", "Silinen dosyalar"),
        (
            "Yanlışlıkla public_html içindeki dosyaları sildim, {days} gün önceki yedekten "
            "dönebilir miyiz?",
            "Veritabanı bozuldu, dünkü yedeği yükleyebilir misiniz?",
        ),
        ("Restore from backup", "Need yesterday's backup"),
        ("I deleted files by mistake, can you restore the backup from {days} days ago?",),
    ),
    Topic(
        "quota",
        "support.continuity",
        SHARED,
        ("Disk kotası doldu", "Kota uyarısı", "Mail kutusu dolu"),
        (
            "Hosting paketimde disk kotası %{percent} dolu görünüyor, mailler gelmiyor.",
            "Inode limiti dolmuş diyor, ne yapmam gerekiyor?",
        ),
        ("Disk quota full", "Mailbox over quota"),
        ("The account is at {percent}% of its disk quota and mail bounces.",),
        weight=8,
    ),
    Topic(
        "cms_install",
        "shared.cms_install",
        SHARED,
        ("{cms} kurulumu", "{cms} kurar mısınız", "Hosting'e {cms} kurulumu"),
        (
            "Hosting paketime {cms} kurulumu yapabilir misiniz? Alan adım {domain}.",
            "Yeni aldığım hostinge {cms} kurmak istiyorum, yardımcı olur musunuz?",
        ),
        ("{cms} install", "Please install {cms}"),
        ("Hi, can you install {cms} on my new hosting account? The domain is {domain}.",),
    ),
    Topic(
        "theme_plugin",
        "shared.cms_themes_plugins",
        SHARED,
        ("Tema kurulumu", "{plugin} eklentisi", "{theme} ayarları", "Menü ve header düzenleme"),
        (
            "Satın aldığım {theme} temasını yükleyip demo içeriğini kurar mısınız?",
            "{plugin} eklentisini kurup ayarlarını sizin yapmanızı istiyorum.",
            "{theme} ile sayfa tasarımı yapamıyorum, menü ayarlarını siz düzenler misiniz?",
        ),
        ("Install {plugin}", "{theme} theme setup"),
        ("Please install and configure {plugin} for me, I don't know how to set it up.",),
        weight=9,
    ),
    Topic(
        "cms_limits",
        "shared.cms_limits",
        SHARED,
        ("Eklenti yüklenmiyor", "Tema yüklerken hata", "Upload limiti", "Memory limit hatası"),
        (
            "{plugin} eklentisini yüklerken '{limit_error}' hatası alıyorum, yükleyemiyorum. "
            "Paket limitinden mi kaynaklanıyor?",
            "Tema zip dosyasını yüklerken '{limit_error}' diyor. Limiti artırabilir misiniz?",
        ),
        ("Plugin install fails", "Upload limit too small"),
        ("When I upload my theme zip I get '{limit_error}'. Can you raise the limit?",),
        weight=8,
    ),
    Topic(
        "mail_client",
        "shared.email_client_setup",
        SHARED,
        ("{client} mail kurulumu", "{device} e-posta ayarları", "{client} ayarları"),
        (
            "{device} cihazıma kurumsal mail hesabımı kuramadım. Kurulumu sizin yapmanızı rica "
            "ediyorum.",
            "{client} programına {mailbox} hesabını eklemek istiyorum, gelen ve giden sunucu "
            "ayarları nelerdir?",
            "{client} sürekli şifre soruyor, IMAP mı POP3 mü seçmeliyim? SMTP portu kaç olmalı?",
        ),
        ("{client} setup", "Email on my {device}"),
        ("How do I add {mailbox} to {client}? Which IMAP and SMTP ports should I use?",),
        weight=12,
    ),
    Topic(
        "website_code",
        "shared.website_software",
        SHARED,
        ("Ödeme sayfası hatası", "Formdan mail gitmiyor", "Sitede hata", "{framework} 500 hatası"),
        (
            "Kendi yazdığımız PHP kodunda {code_issue}. Kodu düzeltebilir misiniz?",
            "{framework} projemde bir controller'da 500 hatası alıyorum, log'a göre benim "
            "yazdığım sorguda hata var. Bakabilir misiniz?",
            "Anasayfadaki slider kaymış, CSS kodunda bir sorun olabilir, düzeltir misiniz?",
        ),
        ("Bug in my checkout code", "{framework} error 500"),
        ("In our own PHP code {code_issue_en}. Could you fix the code?",),
        weight=9,
    ),
    Topic(
        "syntax_error",
        "shared.website_syntax_fix",
        SHARED,
        ("Parse error", "Site açılmıyor - syntax error", "functions.php hatası"),
        (
            "Sitede şu hata var: {parse_error} Sanırım bir noktalı virgül eksik, düzeltebilir "
            "misiniz?",
            "Dosyada küçük bir değişiklik yaptım, şimdi beyaz sayfa ve şu yazıyor: {parse_error}",
        ),
        ("Parse error after edit", "Syntax error on my site"),
        ("After a small edit the site shows: {parse_error} Probably a missing semicolon.",),
        weight=7,
    ),
    Topic(
        "reseller_clients",
        "support.continuity",
        frozenset({"reseller_hosting"}),
        ("Müşterimin sitesi", "WHM hesap sorunu", "Bayi paketi limit"),
        (
            "Bayi paketimdeki bir müşterimin sitesi ({domain}) açılmıyor, WHM üzerinden kontrol "
            "ettim ama hesap askıda görünmüyor. Sunucuda sorun var mı?",
            "WHM'de yeni hesap açamıyorum, paket limitine ulaştınız diyor.",
        ),
        ("Client account issue in WHM",),
        ("One of my reseller clients ({domain}) is down, WHM shows the account as active.",),
        weight=6,
    ),
    Topic(
        "billing",
        "support.continuity",
        SHARED,
        ("Fatura talebi", "Alan adı yenileme", "Ödeme yaptım hizmet açılmadı"),
        (
            "Geçen ayın faturasını şirket adına kesebilir misiniz? Vergi no ekte.",
            "{domain} alan adının yenileme ücretini ödedim ama panelde hâlâ süresi dolmuş "
            "görünüyor.",
        ),
        ("Invoice request",),
        ("Could you send the invoice for last month to our accounting address?",),
        weight=3,
        department="billing",
    ),
)
