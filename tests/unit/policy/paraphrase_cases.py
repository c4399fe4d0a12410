"""The paraphrase suite: every clause of the support policy in realistic phrasings.

Written from the policy text (../shared/seed/), not from the rules: customers' mails with
greetings, signatures, legal footers, quoted history, typos, no Turkish letters, ALL CAPS and
English. Each case: (id, clause, ticket fields, expected flags). The words in
policy/data/policy.toml are not taken from here.
"""

from __future__ import annotations

from typing import Any

SIG = "\n\nSaygılarımla,\nMurat Öztürk\nÖztürk Mimarlık Ltd. Şti.\nTel: 0212 555 12 34"
FOOTER = (
    "\n\nBu e-posta ve ekleri yalnızca alıcısına özeldir ve gizli bilgi içerebilir. Virüslere "
    "karşı taranmıştır."
)
EN_FOOTER = (
    "\n\nThis e-mail and any attachments are confidential and intended solely for the "
    "addressee. If you have received this e-mail in error please notify the sender."
)
IPHONE = "\n\niPhone'umdan gönderildi"
QUOTE = (
    "\n\n27 Kas 2026 Per, 10:14 tarihinde Websight Destek <destek@websight.com.tr> şunu yazdı:\n"
    "> Merhaba, WordPress eklenti ayarları müşteri sorumluluğundadır.\n"
    "> Outlook kurulumu için makalemizi ekte bulabilirsiniz.\n"
)

C = "support.continuity"
RESELLER = "shared.reseller_end_customer"
SOFTWARE = "shared.website_software"
SYNTAX = "shared.website_syntax_fix"
CMS = "shared.cms_install"
THEMES = "shared.cms_themes_plugins"
LIMITS = "shared.cms_limits"
MAILCLIENT = "shared.email_client_setup"
DELIVERY = "server.delivery"
POST = "server.post_delivery"
SLA = "server.sla_managed"

VPS = {"service": "vps"}
VDS = {"service": "vds"}
CLOUD = {"service": "cloud"}
DEDI = {"service": "dedicated"}
NEW = {"server_delivered": False}
MANAGED = {"managed": True}
WITH_SLA = {"has_sla": True}
END = {"requester": "reseller_end_customer"}

# (id, expected primary clause, subject, body, context, flags)
Case = tuple[str, str, str, str, dict[str, Any], dict[str, bool]]
CASES: list[Case] = [
    # --- service continuity (outages, access, items of the hosting service) ----------------
    ("cont-today", C, "Acil", "Merhabalar, sitem bugün sabahtan beri açılmıyor." + SIG, {}, {}),
    ("cont-caps", C, "SITE COKTU", "SITEMIZ 2 SAATTIR ACILMIYOR LUTFEN ACIL BAKIN", {}, {}),
    (
        "cont-header",
        C,
        "500 hatası",
        "İyi günler, sitenin header kısmı yüklenmiyor, sayfa 500 hatası veriyor." + FOOTER,
        {},
        {},
    ),
    ("cont-quota", C, "Kota", "kotam yanlış hesaplanıyor, panelde 10GB dolu diyor", {}, {}),
    (
        "cont-mail-not-outlook",
        C,
        "Mail",
        "Bu Outlook kurulumuyla ilgili bir durum değil, webmailde de hiç mail gelmiyor." + IPHONE,
        {},
        {},
    ),
    ("cont-angry", C, "Yeter", "Çok sinirliyim, üç gündür maillerim gitmiyor!", {}, {}),
    (
        "cont-en",
        C,
        "Site down",
        "Hi team, our website has been returning 503 since this morning." + EN_FOOTER,
        {},
        {},
    ),
    (
        "cont-ssl",
        C,
        "SSL",
        "Merhaba, ssl sertifikamin suresi dolmus, tarayici guvenli degil uyarisi veriyor",
        {},
        {},
    ),
    ("cont-pass", C, "Şifre", "cpanel sifremi unuttum sifirlayabilir misiniz" + SIG, {}, {}),
    ("cont-vps-ping", C, "Sunucu", "VPS'im ping'e yanıt vermiyor, konsol da açılmıyor.", VPS, {}),
    ("cont-ded-disk", C, "Disk", "Fiziksel sunucumda disk arızası var, RAID degrade.", DEDI, {}),
    (
        "cont-quoted",
        C,
        "Re: Outlook kurulumu",
        "Hâlâ çözülmedi, sitem de açılmıyor artık." + QUOTE,
        {},
        {},
    ),
    ("cont-typo", C, "mail", "mailerim gelmiyo yardim edrmisiniz", {}, {}),
    # --- reseller's end customer ------------------------------------------------------------
    (
        "res-evidential",
        RESELLER,
        "Destek",
        "Merhaba, hostingi aldığım firma sizin bayinizmiş, sitem açılmıyor.",
        {},
        {},
    ),
    (
        "res-en",
        RESELLER,
        "Help",
        "My web designer resells your hosting, I'm his client. My mailbox is full.",
        {},
        {},
    ),
    ("res-requester", RESELLER, "Mail", "Mail gönderemiyorum yardım eder misiniz?", END, {}),
    (
        "res-ascii",
        RESELLER,
        "hosting",
        "selam hostingimi bir bayinizden aldim ama ssl kurulu degil",
        {},
        {},
    ),
    (
        "res-through",
        RESELLER,
        "Site",
        "We bought our hosting through a reseller of yours and the site is slow.",
        {},
        {},
    ),
    (
        "res-caps",
        RESELLER,
        "SITE",
        "BAYINIZDEN ALDIGIM HOSTINGDE SITEM ACILMIYOR",
        {"service": "shared_hosting"},
        {},
    ),
    # --- website software ----------------------------------------------------------------------
    (
        "sw-php",
        SOFTWARE,
        "Ödeme",
        "Kendi yazdığımız PHP sepet kodu indirimi yanlış hesaplıyor, düzeltebilir misiniz?" + SIG,
        {},
        {},
    ),
    (
        "sw-bug-today",
        SOFTWARE,
        "Bug",
        "Bugün fark ettim, iletişim formundaki JavaScript kodunda bir bug var, bakar mısınız?",
        {},
        {},
    ),
    (
        "sw-en",
        SOFTWARE,
        "Code",
        "Could you debug our custom Laravel controller? It throws an exception on checkout.",
        {},
        {},
    ),
    (
        "sw-ascii",
        SOFTWARE,
        "sorgu",
        "yazilimcimizin yazdigi sql sorgusu yanlis sonuc donduruyor, kodu inceler misiniz",
        {},
        {},
    ),
    (
        "sw-caps",
        SOFTWARE,
        "KOD",
        "SITEMIZDEKI KENDI KODUMUZDA HATA VAR, FONKSIYONU DUZELTIR MISINIZ",
        {},
        {},
    ),
    # --- syntax fix ---------------------------------------------------------------------------
    (
        "syn-parse",
        SYNTAX,
        "Hata",
        "Sitede 'Parse error: syntax error, unexpected end of file' yazıyor, sanırım bir "
        "parantez eksik kaldı." + SIG,
        {},
        {},
    ),
    (
        "syn-semicolon",
        SYNTAX,
        "noktalı virgül",
        "functions.php'de bir satırda noktalı virgül unutmuşum galiba, site beyaz ekran.",
        {},
        {},
    ),
    (
        "syn-en",
        SYNTAX,
        "Syntax",
        "Hi, I get a syntax error in my config.php, probably a missing quote. Can you fix it?",
        {},
        {},
    ),
    (
        "syn-ascii",
        SYNTAX,
        "syntax hatasi",
        "merhaba index.php de syntax hatasi var tek karakterlik bir sey sanirim",
        {},
        {},
    ),
    (
        "syn-caps",
        SYNTAX,
        "PARSE ERROR",
        "SITEDE PARSE ERROR VAR, UNEXPECTED T_STRING DIYOR",
        {},
        {},
    ),
    # --- CMS install ---------------------------------------------------------------------------
    (
        "cms-wp",
        CMS,
        "Kurulum",
        "Merhaba, yeni aldığım hosting paketine WordPress kurulumu yapabilir misiniz?" + SIG,
        {},
        {},
    ),
    ("cms-ascii", CMS, "joomla", "hesabima joomla kurarmisiniz tesekkurler", {}, {}),
    (
        "cms-en",
        CMS,
        "Install",
        "Hello, could you please install Drupal on our new hosting account?" + EN_FOOTER,
        {},
        {},
    ),
    ("cms-caps", CMS, "OPENCART", "OPENCART KURULUMU RICA EDIYORUM", {}, {}),
    (
        "cms-reinstall-wish",
        CMS,
        "WordPress",
        "Sitemi sıfırdan açacağım, boş bir WordPress kurulumu rica ediyorum.",
        {},
        {},
    ),
    # --- themes and plugins ------------------------------------------------------------------
    (
        "th-astra",
        THEMES,
        "Tema",
        "WordPress zaten kurulu, onu tekrar kurmayın; sadece Astra temasını yükleyip "
        "renklerini ayarlar mısınız?",
        {},
        {},
    ),
    (
        "th-plugin-en",
        THEMES,
        "Plugin",
        "Please install and configure the WPForms plugin for our contact page.",
        {},
        {},
    ),
    (
        "th-ascii",
        THEMES,
        "eklenti",
        "elementor eklentisini kurup ana sayfa tasarimini yapabilir misiniz",
        {},
        {},
    ),
    (
        "th-header",
        THEMES,
        "Tasarım",
        "Temamın header kısmına logo ekleyip menüyü düzenler misiniz?" + SIG,
        {},
        {},
    ),
    ("th-caps", THEMES, "TEMA", "SATIN ALDIGIM TEMAYI YUKLER MISINIZ", {}, {}),
    # --- CMS limits ----------------------------------------------------------------------------
    (
        "lim-memory",
        LIMITS,
        "Eklenti",
        "WooCommerce eklentisini etkinleştirirken bellek sınırı hatası alıyorum, yükleyemiyorum.",
        {},
        {},
    ),
    (
        "lim-upload",
        LIMITS,
        "Tema",
        "Tema zip dosyam çok büyük, yükleme limitine takılıyor. Limiti artırabilir misiniz?",
        {},
        {},
    ),
    (
        "lim-en",
        LIMITS,
        "Plugin",
        "The plugin says it requires PHP 8.1 and I can't activate it on my hosting.",
        {},
        {},
    ),
    (
        "lim-ascii",
        LIMITS,
        "wordpress",
        "wordpress temasini yuklerken max execution time asildi diyor",
        {},
        {},
    ),
    (
        "lim-ioncube",
        LIMITS,
        "Modül",
        "Aldığım eklenti ionCube istiyor, sunucuda eksik olduğu için kuramıyorum.",
        {},
        {},
    ),
    # --- e-mail client setup -------------------------------------------------------------------
    (
        "mc-plural",
        MAILCLIENT,
        "Mail",
        "Şirket mail hesaplarını telefonlarımıza tanımlayabilir misiniz?" + SIG,
        {},
        {},
    ),
    (
        "mc-outlook",
        MAILCLIENT,
        "Outlook",
        "Outlook'a kurumsal mailimi nasıl eklerim? Gelen ve giden sunucu ayarları nedir?",
        {},
        {},
    ),
    (
        "mc-en",
        MAILCLIENT,
        "Email on iPhone",
        "How do I set up my company email account on my iPhone? Which IMAP port?",
        {},
        {},
    ),
    (
        "mc-ascii",
        MAILCLIENT,
        "thunderbird",
        "thunderbirde mail hesabi eklemek istiyorum smtp portu nedir",
        {},
        {},
    ),
    (
        "mc-caps",
        MAILCLIENT,
        "ANDROID MAIL",
        "ANDROID TELEFONUMA E-POSTA HESABIMI KURAMADIM YARDIM",
        {},
        {},
    ),
    # --- server delivery -----------------------------------------------------------------------
    (
        "del-migrate",
        DELIVERY,
        "Taşıma",
        "Yeni VPS'im teslim edilmeden önce eski hostingimdeki siteleri taşıyabilir misiniz?",
        VPS | NEW,
        {},
    ),
    (
        "del-os",
        DELIVERY,
        "Kurulum",
        "Sunucu henüz teslim edilmedi, Ubuntu 24.04 kurulmasını istiyoruz.",
        DEDI | NEW,
        {},
    ),
    (
        "del-en",
        DELIVERY,
        "Setup",
        "Before you hand over the cloud server, please tune it for a busy WordPress site.",
        CLOUD | NEW,
        {},
    ),
    ("del-ascii", DELIVERY, "vds", "vds teslimattan once cpanel kurulumu yapilsin", VDS | NEW, {}),
    (
        "del-cancel-not",
        DELIVERY,
        "Sipariş",
        "Siparişimin iptal edilmesini istemiyorum, sunucu kurulumunu bekliyorum.",
        VPS | NEW,
        {},
    ),
    # --- after delivery, no SLA ----------------------------------------------------------------
    (
        "post-nginx",
        POST,
        "nginx",
        "Sunucuma nginx kurdum, virtual host ayarını yapamadım, yapar mısınız?" + SIG,
        VPS,
        {},
    ),
    (
        "post-ssh-port",
        POST,
        "SSH",
        "SSH portunu 2222 olarak değiştirdim, şimdi sunucuya bağlanamıyorum.",
        VPS,
        {},
    ),
    (
        "post-upgrade",
        POST,
        "Upgrade",
        "We'd like to upgrade our VPS to 16 GB RAM; planned downtime tonight is fine.",
        VPS,
        {},
    ),
    (
        "post-en",
        POST,
        "Docker",
        "Can your team configure Docker networking on my cloud server?",
        CLOUD,
        {},
    ),
    ("post-caps", POST, "MYSQL", "SUNUCUDAKI MYSQL AYARLARINI OPTIMIZE EDER MISINIZ", VDS, {}),
    # --- after delivery, with SLA or managed ---------------------------------------------------
    (
        "sla-nginx",
        SLA,
        "nginx",
        "Sunucumuza nginx reverse proxy kurulumu yapabilir misiniz?",
        VPS | WITH_SLA,
        {},
    ),
    (
        "sla-en",
        SLA,
        "Firewall",
        "Please add a firewall rule to allow port 8443 on our server.",
        DEDI | MANAGED,
        {},
    ),
    ("sla-ascii", SLA, "php", "sunucudaki php surumunu 8.3 yapar misiniz", CLOUD | MANAGED, {}),
    (
        "sla-caps",
        SLA,
        "REDIS",
        "SUNUCUYA REDIS KURULUMU YAPILMASINI RICA EDIYORUZ",
        VDS | WITH_SLA,
        {},
    ),
    (
        "sla-sig",
        SLA,
        "Cron",
        "Merhaba, sunucuda her gece çalışacak bir cron görevi tanımlar mısınız?" + SIG,
        VPS | MANAGED,
        {},
    ),
    # --- phone callback (only when asked for or truly needed) ----------------------------------
    (
        "cb-asked",
        C,
        "Arama",
        "Yazıyla anlatmak zor, beni telefonla arayabilir misiniz? 0532 000 00 00",
        {},
        {"callback": True},
    ),
    (
        "cb-en",
        C,
        "Call",
        "Could you call me back? It is hard to explain by mail.",
        {},
        {"callback": True},
    ),
    (
        "cb-phone-writing",
        C,
        "Mail",
        "Telefondan yazıyorum, kusura bakmayın, mail gelmiyor.",
        {},
        {"callback": False},
    ),
    (
        "cb-did-not-understand",
        C,
        "Site",
        "Anlamadım, sitem neden açılmıyor?",
        {},
        {"callback": False},
    ),
    (
        "cb-ascii",
        C,
        "arayin",
        "beni arayin lutfen numaram 0555 111 22 33",
        {},
        {"callback": True},
    ),
    # --- abuse ------------------------------------------------------------------------------------
    (
        "ab-insult",
        C,
        "SİTE",
        "Beyinsiz herifler, sitem yine kapalı!",
        {},
        {"abuse": True},
    ),
    (
        "ab-threat",
        C,
        "Son kez",
        "Bir daha kapanırsa adresinizi biliyorum, gelip hesabını sorarım.",
        {},
        {"abuse": True},
    ),
    (
        "ab-self",
        C,
        "Paket",
        "Salak gibi kararsızdım, sonunda karar verdim ama sitem açılmıyor.",
        {},
        {"abuse": False},
    ),
    (
        "ab-lookalike",
        C,
        "Sıkıntı",
        "Mail gönderirken sıkıntı yaşıyorum, şikayetimi dikkate alın. Amacım çözüm.",
        {},
        {"abuse": False},
    ),
    (
        "ab-en",
        C,
        "Down again",
        "You are useless idiots, fix my site.",
        {},
        {"abuse": True},
    ),
    # --- long mails, two requests, negations (harder phrasings) ---------------------------
    (
        "hard-mail-no-settings-changed",
        C,
        "Mailler",
        "Merhaba,\n\nİyi çalışmalar dilerim. Dün akşamdan beri dışarıdan gelen mailler "
        "ulaşmıyor, gönderene geri dönüyor. Outlook'ta bir ayar değiştirmedik, telefonlarda da "
        "aynı durum var.\n\nSaygılarımla\nAyşe Kaya\nMuhasebe Müdürü",
        {},
        {},
    ),
    (
        "hard-db-error-untouched-theme",
        C,
        "DB",
        "Selamlar, sitemize girince 'Error establishing a database connection' çıkıyor. "
        "WordPress temasına ya da eklentilere dokunmadık.",
        {},
        {},
    ),
    (
        "hard-setup-done-mail-missing",
        C,
        "Mail",
        "Mail ayarlarını telefonuma kurdum, kurulum tamam. Ancak 2 gündür hiç mail gelmiyor.",
        {},
        {},
    ),
    (
        "hard-cms-theme-myself",
        CMS,
        "Kurulum",
        "Alan adımı yeni taşıdım, sitede hiçbir şey yok. WordPress kurar mısınız? Temayı ben "
        "yüklerim, siz sadece kurulumu yapın.",
        {},
        {},
    ),
    (
        "hard-en-blank-page-quoted",
        C,
        "Blank page",
        "Hello,\n\nOur website shows a blank page since this morning. We did not change "
        "anything.\n\nKind regards,\nAnna Schmidt\n\n-----Original Message-----\n"
        "From: Websight Support\nSent: Monday\nSubject: WordPress theme\n"
        "Theme installation is your responsibility.",
        {},
        {},
    ),
    (
        "hard-theme-site-fine",
        THEMES,
        "Slider",
        "Sitemiz sorunsuz çalışıyor, bir sorun yok. Sadece Elementor ile anasayfadaki "
        "slider'ı değiştirmenizi rica ediyoruz.",
        {},
        {},
    ),
    (
        "hard-mysql-stopped",
        POST,
        "MySQL",
        "Merhaba, sunucuda MySQL servisi durdu, yeniden başlatamıyorum.",
        VPS,
        {},
    ),
    (
        "hard-raid-setup",
        POST,
        "RAID",
        "Hi, we need help setting up a RAID 1 array and installing Proxmox on the server.",
        DEDI,
        {},
    ),
    (
        "hard-fail2ban",
        POST,
        "SSH",
        "Root şifremi değiştirdim ama sonra fail2ban beni banladı, SSH'a giremiyorum.",
        CLOUD,
        {},
    ),
    (
        "hard-reseller-agency",
        RESELLER,
        "Site",
        "Merhaba, ben X Ajans'ın müşterisiyim, onlar da sizden bayilik almış. Sitem açılmıyor.",
        {"service": "unknown"},
        {},
    ),
    (
        "hard-en-upload-size",
        LIMITS,
        "Plugin",
        "I'm unable to install a plugin because of the max upload size. Can you increase it?",
        {},
        {},
    ),
    (
        "hard-en-kernel-reboot",
        SLA,
        "Maintenance",
        "Hi, please update the kernel and reboot the server during the night.",
        DEDI | WITH_SLA,
        {},
    ),
    (
        "hard-en-hacked-restore",
        C,
        "Suspended",
        "Hi, my site has been hacked and suspended by you, please restore it from backup.",
        {},
        {},
    ),
]
