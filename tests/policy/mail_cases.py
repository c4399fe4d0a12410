"""The mail suite: tickets the way customers really write them, labelled from the policy text.

Written after reading ../shared/seed/ (the support policy), not the rules in policy.toml:
long mails with greetings, signatures, KVKK and virus footers, quoted history in Gmail,
Outlook and mobile forms, typos, no Turkish letters, ALL CAPS, English, two requests in one
mail, negations and "already done". Each case: (id, expected primary clause, subject, body,
ticket context, expectations). Expectations may name `callback` (whether a phone callback is
suggested), `abuse`, `shift`, `also` (more clauses that must be cited) and `at` (received_at).
`python -m tests.policy.mail_cases` writes the cases as JSON Lines for `triage --eval`.
"""

from __future__ import annotations

from typing import Any

from tests.unit.policy.paraphrase_cases import (
    CLOUD,
    CMS,
    DEDI,
    DELIVERY,
    END,
    LIMITS,
    MAILCLIENT,
    MANAGED,
    NEW,
    POST,
    RESELLER,
    SLA,
    SOFTWARE,
    SYNTAX,
    THEMES,
    VDS,
    VPS,
    WITH_SLA,
    C,
)

from .mail_parts import (
    ANDROID,
    AVAST,
    AVG_EN,
    EN_LEGAL,
    IPHONE,
    KVKK,
    KVKK_ASCII,
    OUTLOOK_MOBILE,
    SIG_ASCII,
    SIG_EN,
    SIG_TR,
    SIG_TR2,
    YANDEX,
    gmail_en,
    gmail_tr,
    outlook_en,
    outlook_tr,
    plain_tr,
)

CALLBACK = "other.phone_callback"
RES = {"service": "reseller_hosting"}
SLA_ON = WITH_SLA
NO_CB = {"callback": False}

Case = tuple[str, str, str, str, dict[str, Any], dict[str, Any]]
CASES: list[Case] = [
    # ---------------------------------------------------------------- service continuity
    (
        "m-cont-bugun-sig",
        C,
        "Acil destek",
        "Merhaba,\n\nSitemiz bugün öğleden beri açılmıyor, tarayıcıda 'Bu siteye ulaşılamıyor' "
        "yazıyor. Müşterilerimiz sipariş veremiyor, acil dönüş rica ederim." + SIG_TR + KVKK,
        {},
        NO_CB,
    ),
    (
        "m-cont-bugun-ascii",
        C,
        "site acilmiyor",
        "slm bugun sabahtan beri sitem acilmiyor 508 resource limit diyo bi bakarmisiniz" + IPHONE,
        {},
        NO_CB,
    ),
    (
        "m-cont-caps",
        C,
        "ACİL!!! MAİLLER GELMİYOR",
        "İYİ GÜNLER, DÜNDEN BERİ HİÇBİR MAİL GELMİYOR, MÜŞTERİLERİMİZ GERİ DÖNÜYOR DİYOR. "
        "LÜTFEN ACİL İLGİLENİN." + SIG_TR2,
        {},
        NO_CB,
    ),
    (
        "m-cont-sinirli",
        C,
        "Yeter artık",
        "Gerçekten çok sinirliyim, üçüncü kez yazıyorum. Webmail'e giriş yapamıyorum, şifre "
        "doğru olduğu halde 'login failed' diyor." + ANDROID,
        {},
        NO_CB,
    ),
    (
        "m-cont-header-500",
        C,
        "500 Internal Server Error",
        "Merhaba, sitemizin yalnızca ana sayfası değil tüm sayfaları 500 hatası veriyor, header "
        "kısmı bile yüklenmiyor. Biz dosyalara dokunmadık." + SIG_TR + AVAST,
        {},
        NO_CB,
    ),
    (
        "m-cont-quota-calc",
        C,
        "Disk kotası",
        "Merhabalar, panelde disk kullanımım 9.8 GB görünüyor ama dosyalarımın toplamı 2 GB'ı "
        "geçmiyor. Kotam yanlış hesaplanıyor olabilir mi? Bu yüzden mail de alamıyoruz.",
        {},
        NO_CB,
    ),
    (
        "m-cont-iptal-not",
        C,
        "Alan adı yönlendirme",
        "Merhaba, hesabımı iptal etmek gibi bir niyetim yok, sadece alan adım 2 gündür "
        "çözümlenmiyor, DNS kayıtları boş dönüyor. Kontrol edebilir misiniz?" + SIG_TR2,
        {},
        NO_CB,
    ),
    (
        "m-cont-not-outlook",
        C,
        "Mail sorunu",
        "Merhaba, daha önce yazdığınız gibi bu bir Outlook ayar sorunu değil. Webmail'den de "
        "baktım, sunucuya hiç mail düşmüyor. Gönderenler 'mailbox unavailable' hatası alıyor."
        + SIG_TR
        + gmail_tr(
            "Merhaba,",
            "Outlook kurulumu için makalemizi inceleyebilirsiniz.",
            "Mail istemcisi kurulumu müşteri sorumluluğundadır.",
        ),
        {},
        NO_CB,
    ),
    (
        "m-cont-en-down",
        C,
        "Website down",
        "Hi there,\n\nOur company website has been down since this morning, it just says 503 "
        "Service Unavailable. We haven't changed anything on our side.\n\nThanks"
        + SIG_EN
        + EN_LEGAL,
        {},
        NO_CB,
    ),
    (
        "m-cont-en-mail-bounce",
        C,
        "Emails bouncing",
        "Hello, since yesterday evening every mail sent to our domain bounces with '550 5.1.1 "
        "user unknown', even for mailboxes that exist. Could you look into it urgently?" + AVG_EN,
        {},
        NO_CB,
    ),
    (
        "m-cont-ssl-today",
        C,
        "SSL hatası",
        "Selam, bugün sitemize girenler 'bağlantınız gizli değil' uyarısı alıyor. Sertifikanın "
        "süresi mi doldu, otomatik yenilenmesi gerekmiyor muydu?" + YANDEX,
        {},
        NO_CB,
    ),
    (
        "m-cont-password",
        C,
        "panel sifresi",
        "merhaba cpanel sifremi unuttum, sifremi unuttum linki de mail gelmiyor, sifirlar "
        "misiniz" + SIG_ASCII,
        {},
        NO_CB,
    ),
    (
        "m-cont-phone-writing",
        C,
        "Site",
        "Merhaba telefondan yazıyorum kusura bakmayın, sitem açılmıyor beyaz sayfa geliyor. "
        "Ne olduğunu anlamadım." + IPHONE,
        {},
        NO_CB,
    ),
    (
        "m-cont-anlamadim",
        C,
        "Re: Destek talebi",
        "Anlamadım, yazdığınız şeyleri denedim ama hâlâ FTP'ye bağlanamıyorum. FileZilla "
        "'530 Login incorrect' veriyor."
        + gmail_tr("FTP bilgilerinizi kontrol ediniz.", "Tema kurulumu müşteri sorumluluğundadır."),
        {},
        NO_CB,
    ),
    (
        "m-cont-backup",
        C,
        "Yedekten dönüş",
        "Merhaba, yanlışlıkla public_html içindeki bir klasörü sildim. Dünkü yedekten geri "
        "yükleyebilir misiniz? Teşekkürler." + SIG_TR2,
        {},
        NO_CB,
    ),
    (
        "m-cont-slow-typo",
        C,
        "site cok yavas",
        "Merhba sitem son 3 gundur cok yavs aciliyor bazen timeout veriyo, sunucuda bi sorun "
        "mu var acaba",
        {},
        NO_CB,
    ),
    (
        "m-cont-night",
        C,
        "ACİL - Site kapalı",
        "Gece yarısı kusura bakmayın, e-ticaret sitemiz tamamen kapandı, 'Account suspended' "
        "yazıyor. Faturamız ödendi.",
        {},
        {"shift": "on_call", "at": "2026-11-29T01:20:00+03:00"},
    ),
    (
        "m-cont-weekend-regular",
        C,
        "Mail gönderemiyorum",
        "Cumartesi olduğu için kusura bakmayın, giden maillerimiz karşıya ulaşmıyor, "
        "spam listesine mi girdik?",
        {},
        {"shift": "regular", "at": "2026-11-28T10:30:00+03:00"},
    ),
    (
        "m-cont-utc-evening",
        C,
        "Database error",
        "Our site shows 'Error establishing a database connection' since an hour.",
        {},
        {"shift": "on_call", "at": "2026-11-26T15:30:00+00:00"},
    ),
    (
        "m-cont-res-own",
        C,
        "Bayi hesabı - müşteri sitesi",
        "Merhaba, bayi paketimizdeki müşterilerimizden birinin sitesi sabahtan beri 'Too many "
        "connections' hatası veriyor. WHM'de bir şey göremedim, sunucu tarafını kontrol eder "
        "misiniz?" + SIG_TR,
        RES,
        NO_CB,
    ),
    (
        "m-cont-vps-down",
        C,
        "VPS erişim yok",
        "Merhaba, VPS sunucumuz yaklaşık 40 dakikadır ping'e cevap vermiyor, VNC konsoldan da "
        "bağlanamıyorum. Node tarafında bir sorun mu var?" + SIG_TR2,
        VPS,
        NO_CB,
    ),
    (
        "m-cont-ded-disk-en",
        C,
        "Disk failure",
        "Hi, the iDRAC shows a failed disk in bay 2 on our dedicated server and the array is "
        "degraded. Please replace the drive." + SIG_EN,
        DEDI,
        NO_CB,
    ),
    (
        "m-cont-cloud-network",
        C,
        "Sunucuya ulaşılamıyor",
        "İyi akşamlar, bulut sunucumuza hiçbir yerden erişilemiyor, panelde çalışıyor "
        "görünüyor ama ağ bağlantısı yok gibi.",
        CLOUD,
        NO_CB,
    ),
    (
        "m-cont-quoted-theme",
        C,
        "RE: Tema",
        "Tamam temayı ben hallederim. Ama şimdi asıl sorun şu: site tamamen açılmıyor, "
        "'ERR_CONNECTION_TIMED_OUT' veriyor."
        + outlook_tr(
            "Tema kurulumu",
            "Merhaba,",
            "Tema ve eklenti kurulumu ile ayarları müşterilerimizin sorumluluğundadır.",
            "Saygılarımızla",
        ),
        {},
        NO_CB,
    ),
    (
        "m-cont-angry-noabuse",
        C,
        "Rezalet",
        "Bu ne rezalet bir hizmet, iki gündür mail alamıyoruz ve kimse dönüş yapmıyor! "
        "Yöneticinizle görüşmek istiyorum.",
        {},
        NO_CB,
    ),
    (
        "m-cont-abuse",
        C,
        "SİTE HALA KAPALI",
        "Siz ne biçim salak insanlarsınız, iki gündür siteyi açamadınız. Beceriksizler!",
        {},
        {"abuse": True},
    ),
    (
        "m-cont-abuse-ascii",
        C,
        "mail",
        "mailler hala gelmiyor ya siz ne aptal adamlarsiniz, yazik paramiza",
        {},
        {"abuse": True},
    ),
    (
        "m-cont-abuse-en",
        C,
        "Still down",
        "Your support is a joke, you incompetent morons. The site is STILL down. Fix it.",
        {},
        {"abuse": True},
    ),
    # ---------------------------------------------------------------- reseller's end customer
    (
        "m-res-evidential",
        RESELLER,
        "Sitem açılmıyor",
        "Merhaba, web sitemi yapan ajans sizin bayinizmiş, hosting de onların üzerinden. "
        "Sitem sabahtan beri açılmıyor, yardımcı olabilir misiniz?" + IPHONE,
        {},
        NO_CB,
    ),
    (
        "m-res-en-designer",
        RESELLER,
        "Mailbox full",
        "Hello, my web designer resells your hosting and I'm one of his clients. My mailbox "
        "says it is full and I can't receive anything. Can you increase it?" + SIG_EN,
        {},
        NO_CB,
    ),
    (
        "m-res-requester",
        RESELLER,
        "SSL kurulumu",
        "Merhaba, sitemde SSL sertifikası yok, kurabilir misiniz?" + SIG_TR2,
        END,
        NO_CB,
    ),
    (
        "m-res-ascii",
        RESELLER,
        "hosting",
        "merhaba hostingimi sizin bir bayinizden aldim ama firmaya ulasamiyorum, sitem "
        "acilmiyor ne yapmaliyim",
        {},
        NO_CB,
    ),
    (
        "m-res-caps",
        RESELLER,
        "DESTEK",
        "HOSTİNGİMİZİ SİZİN BAYİNİZ OLAN BİR FİRMADAN ALDIK, MAİLLERİMİZ GELMİYOR",
        {},
        NO_CB,
    ),
    (
        "m-res-firm-name",
        RESELLER,
        "Yardım",
        "İyi günler, Deniz Web Tasarım'dan hosting aldım, onlar sizin altyapınızı kullanıyormuş. "
        "Mail şifremi unuttum, sıfırlayabilir misiniz?" + SIG_TR,
        {},
        NO_CB,
    ),
    (
        "m-res-en-through",
        RESELLER,
        "Site slow",
        "Hi, we purchased our hosting via one of your resellers (they said the servers are "
        "yours). The site is very slow today." + OUTLOOK_MOBILE,
        {},
        NO_CB,
    ),
    ("m-res-requester-cms", RESELLER, "WordPress", "WordPress kurabilir misiniz?", END, NO_CB),
    # ---------------------------------------------------------------- website software
    (
        "m-sw-php",
        SOFTWARE,
        "Sipariş formu",
        "Merhaba,\n\nYazılımcımızın yaptığı PHP sipariş formu gönder'e basınca siparişi "
        "veritabanına kaydetmiyor. Kodda bir mantık hatası olmalı, bakıp düzeltebilir misiniz?"
        + SIG_TR
        + KVKK,
        {},
        NO_CB,
    ),
    (
        "m-sw-calc",
        SOFTWARE,
        "KDV hesabı",
        "Sitemizdeki teklif modülü KDV'yi yanlış hesaplıyor, yüzde 20 yerine 18 ekliyor. "
        "Kodu düzeltmeniz mümkün mü?",
        {},
        NO_CB,
    ),
    (
        "m-sw-en-js",
        SOFTWARE,
        "Contact form",
        "Hi, the contact form our developer built doesn't send anything, the JavaScript "
        "validation seems broken. Could you debug the code?" + SIG_EN + AVG_EN,
        {},
        NO_CB,
    ),
    (
        "m-sw-ascii",
        SOFTWARE,
        "sitedeki hata",
        "kendi yazdigimiz asp.net uygulamasinda login sayfasi hata veriyor kodda sorun var "
        "galiba bakabilirmisiniz",
        {},
        NO_CB,
    ),
    (
        "m-sw-laravel",
        SOFTWARE,
        "Laravel queue",
        "Laravel projemizde queue job'ları çalışıyor ama mail gönderen job exception fırlatıyor, "
        "stack trace ekte. Kodumuzda nerede hata var bulabilir misiniz?" + SIG_TR2,
        {},
        NO_CB,
    ),
    (
        "m-sw-virus-footer",
        SOFTWARE,
        "Ürün filtresi",
        "Merhaba, sitemizdeki ürün filtreleme kodu fiyata göre sıralamayı ters yapıyor. "
        "Geliştiricimiz işten ayrıldı, kodu düzeltebilir misiniz?" + SIG_TR + AVAST,
        {},
        NO_CB,
    ),
    (
        "m-sw-caps",
        SOFTWARE,
        "KOD HATASI",
        "SİTEMİZDEKİ REZERVASYON YAZILIMI TARİHLERİ YANLIŞ KAYDEDİYOR, YAZILIMI DÜZELTİR MİSİNİZ",
        {},
        NO_CB,
    ),
    # ---------------------------------------------------------------- syntax fix
    (
        "m-syn-semicolon",
        SYNTAX,
        "Site açılmıyor",
        "Merhaba, wp-config.php'de bir satır değiştirdim, şimdi 'Parse error: syntax error, "
        "unexpected variable' diyor. Galiba sonda noktalı virgül unuttum, düzeltebilir misiniz?"
        + IPHONE,
        {},
        NO_CB,
    ),
    (
        "m-syn-en",
        SYNTAX,
        "Parse error",
        "Hello, after editing functions.php my site shows 'PHP Parse error: syntax error, "
        "unexpected '}''. I think I deleted a bracket. Can you fix it?" + SIG_EN,
        {},
        NO_CB,
    ),
    (
        "m-syn-ascii",
        SYNTAX,
        "syntax hatasi",
        "merhaba functions.php dosyasinda syntax hatasi var bir parantez eksik kaldi site "
        "beyaz sayfa veriyor duzeltirmisiniz",
        {},
        NO_CB,
    ),
    (
        "m-syn-htaccess",
        SYNTAX,
        "Tırnak eksik",
        "İyi günler, config dosyasında bir tırnak işareti eksik kalmış, 'unexpected end of "
        "file' hatası alıyoruz. Ufak bir karakter hatası, rica etsek düzeltir misiniz?" + SIG_TR2,
        {},
        NO_CB,
    ),
    (
        "m-syn-caps",
        SYNTAX,
        "PARSE ERROR",
        "SİTEDE PARSE ERROR: SYNTAX ERROR, UNEXPECTED ';' HATASI VAR, LÜTFEN DÜZELTİN",
        {},
        NO_CB,
    ),
    # ---------------------------------------------------------------- CMS install
    (
        "m-cms-wp-sig",
        CMS,
        "WordPress kurulumu",
        "Merhaba,\n\nYeni aldığımız hosting paketine WordPress kurulumunu yapabilir misiniz? "
        "Alan adımız arslantekstil.com.tr, yönetici e-postası olarak bu adresi kullanabilirsiniz."
        + SIG_TR
        + KVKK,
        {},
        NO_CB,
    ),
    (
        "m-cms-already-wp-no",
        THEMES,
        "Tema",
        "WordPress zaten kurulu, lütfen onu yeniden kurmayın. Sadece satın aldığım Astra "
        "temasını yükleyip renklerini ayarlar mısınız?",
        {},
        NO_CB,
    ),
    (
        "m-cms-joomla-ascii",
        CMS,
        "joomla",
        "merhaba yeni hostinge joomla kurarmisiniz ben kuramadim" + SIG_ASCII,
        {},
        NO_CB,
    ),
    (
        "m-cms-en-subdomain",
        CMS,
        "Install WordPress",
        "Hi, could you please set up a fresh WordPress on the subdomain blog.example.com? "
        "Thanks a lot." + SIG_EN,
        {},
        NO_CB,
    ),
    (
        "m-cms-caps",
        CMS,
        "KURULUM",
        "SİTEMİZE WORDPRESS KURULUMU YAPILMASINI RİCA EDİYORUZ",
        {},
        NO_CB,
    ),
    (
        "m-cms-opencart-typo",
        CMS,
        "e-ticaret",
        "Merhaba opencart kurulumu yapabilirmisiniz, e-ticarete başlicaz",
        {},
        NO_CB,
    ),
    (
        "m-cms-theme-later",
        CMS,
        "Kurulum talebi",
        "Merhaba, alan adımıza Joomla kurulmasını rica ediyorum. Şablonu ve eklentileri "
        "daha sonra kendimiz yükleyeceğiz, siz sadece kurulumu yapın." + SIG_TR2,
        {},
        NO_CB,
    ),
    (
        "m-cms-reinstall-prestashop",
        CMS,
        "PrestaShop",
        "İyi günler, PrestaShop'u kendi başıma kurmaya çalıştım ama yarıda kaldı. Temiz bir "
        "kurulum yapabilir misiniz?" + ANDROID,
        {},
        NO_CB,
    ),
    # ---------------------------------------------------------------- themes and plugins
    (
        "m-thm-avada",
        THEMES,
        "Tema kurulumu",
        "Merhaba, Themeforest'tan aldığım temayı siteme yükleyip demo içeriğini içe aktarır "
        "mısınız? Logo ve renkleri de ayarlarsanız çok memnun olurum." + SIG_TR,
        {},
        NO_CB,
    ),
    (
        "m-thm-plugin-config",
        THEMES,
        "Eklenti ayarı",
        "WooCommerce kargo ayarlarını yapamadım, desi hesaplı kargo ücretlerini sizin "
        "girmenizi rica ediyorum.",
        {},
        NO_CB,
    ),
    (
        "m-thm-en-yoast",
        THEMES,
        "SEO plugin",
        "Hi, could your team install Rank Math and set up the sitemap and meta titles for us? "
        "We're not very technical." + SIG_EN + EN_LEGAL,
        {},
        NO_CB,
    ),
    (
        "m-thm-ascii",
        THEMES,
        "eklenti",
        "merhaba contact form 7 eklentisini kurup formu ayarlar misiniz mailler bana gelsin",
        {},
        NO_CB,
    ),
    (
        "m-thm-elementor-header",
        THEMES,
        "Header düzenleme",
        "Elementor ile header kısmına telefon numarası ve WhatsApp butonu eklemenizi rica "
        "ediyorum, ben beceremedim." + IPHONE,
        {},
        NO_CB,
    ),
    (
        "m-thm-caps",
        THEMES,
        "EKLENTİ",
        "SİTEME ÜYELİK EKLENTİSİ KURUP AYARLARINI YAPAR MISINIZ",
        {},
        NO_CB,
    ),
    (
        "m-thm-quoted-cms",
        THEMES,
        "Re: WordPress kurulumu",
        "Teşekkürler kurulum için. Şimdi de Yoast SEO eklentisini kurup ayarlarını yapabilir "
        "misiniz?"
        + gmail_tr(
            "Merhaba,", "WordPress kurulumunuz tamamlanmıştır.", "Yönetici bilgileriniz ektedir."
        ),
        {},
        NO_CB,
    ),
    (
        "m-thm-wpml",
        THEMES,
        "Çoklu dil",
        "Merhaba, sitemize İngilizce dil seçeneği eklemek istiyoruz. WPML'yi kurup çeviri "
        "ayarlarını siz yapabilir misiniz?" + SIG_TR2 + KVKK,
        {},
        NO_CB,
    ),
    # ---------------------------------------------------------------- CMS limits
    (
        "m-lim-memory",
        LIMITS,
        "Eklenti kurulamıyor",
        "Merhaba, Elementor Pro'yu etkinleştirirken 'Allowed memory size exhausted' hatası "
        "alıyorum. Paketimin bellek limiti yetmiyor olabilir mi?" + SIG_TR,
        {},
        NO_CB,
    ),
    (
        "m-lim-upload-en",
        LIMITS,
        "Theme upload",
        "Hi, I can't upload my theme because of 'The uploaded file exceeds the "
        "upload_max_filesize directive in php.ini'. Could you raise the limit?" + SIG_EN,
        {},
        NO_CB,
    ),
    (
        "m-lim-php-version",
        LIMITS,
        "PHP sürümü",
        "Aldığım tema en az PHP 8.1 istiyor, hostingimde 7.4 var, bu yüzden temayı "
        "kuramıyorum. Sürümü yükseltebilir misiniz?",
        {},
        NO_CB,
    ),
    (
        "m-lim-ascii",
        LIMITS,
        "eklenti yuklenmiyor",
        "eklentiyi yuklerken max execution time hatasi aliyorum yukleyemiyorum limit "
        "arttirabilirmisiniz",
        {},
        NO_CB,
    ),
    (
        "m-lim-ioncube",
        LIMITS,
        "ionCube",
        "Merhaba, satın aldığımız eklenti ionCube Loader gerektiriyor, paketimizde yüklü "
        "olmadığı için kurulum yapamıyoruz. Aktif edebilir misiniz?" + SIG_TR2 + AVAST,
        {},
        NO_CB,
    ),
    (
        "m-lim-inode",
        LIMITS,
        "Dosya limiti",
        "Temanın demo içeriğini yüklemeye çalışırken dosya sayısı (inode) limitine takılıyorum, "
        "yükleme yarıda kalıyor.",
        {},
        NO_CB,
    ),
    # ---------------------------------------------------------------- mail client setup
    (
        "m-mail-iphone",
        MAILCLIENT,
        "Telefona mail",
        "Merhaba, yeni telefonuma kurumsal mail hesabımı kuramadım. Siz kurabilir misiniz "
        "yoksa ayarları gönderebilir misiniz?" + IPHONE,
        {},
        NO_CB,
    ),
    (
        "m-mail-accounts-tanimla",
        MAILCLIENT,
        "Outlook",
        "İyi günler, muhasebe bölümündeki 4 bilgisayarın Outlook'una kurumsal mail "
        "hesaplarını tanımlayabilir misiniz?" + SIG_TR + KVKK,
        {},
        NO_CB,
    ),
    (
        "m-mail-en-mac",
        MAILCLIENT,
        "Apple Mail",
        "Hello, how do I add my info@ mailbox to Apple Mail on my MacBook? Which IMAP and SMTP "
        "ports should I use?" + SIG_EN,
        {},
        NO_CB,
    ),
    (
        "m-mail-ascii",
        MAILCLIENT,
        "mail kurulum",
        "android telefonuma mail hesabimi ekleyemedim gelen sunucu ne yazmam gerekiyor",
        {},
        NO_CB,
    ),
    (
        "m-mail-caps",
        MAILCLIENT,
        "OUTLOOK KURULUMU",
        "OUTLOOK'A MAİL HESABIMI KURMAMA YARDIM EDER MİSİNİZ, AYARLARI BİLMİYORUM",
        {},
        NO_CB,
    ),
    (
        "m-mail-thunderbird-typo",
        MAILCLIENT,
        "thunderbird",
        "Thunderbirde hesap eklerken smtp ayarlarını yanlıs giriyorm galiba, dogru ayarlar "
        "nelerdir?",
        {},
        NO_CB,
    ),
    (
        "m-mail-tablet",
        MAILCLIENT,
        "Tablet",
        "Merhaba, iPad'imdeki Mail uygulamasına şirket e-postamı eklemek istiyorum, adım adım "
        "nasıl yapacağımı anlatır mısınız?" + YANDEX,
        {},
        NO_CB,
    ),
    (
        "m-mail-quoted-outage",
        MAILCLIENT,
        "RE: Mail gelmiyor",
        "Sorun çözüldü teşekkürler. Bir de yeni başlayan personelimizin telefonuna mail "
        "hesabını kurmak istiyoruz, ayarları gönderebilir misiniz?"
        + outlook_en(
            "Mail gelmiyor",
            "Hello,",
            "The mail server issue is resolved.",
            "Mails are not arriving due to a queue problem, fixed now.",
        ),
        {},
        NO_CB,
    ),
    # ---------------------------------------------------------------- server delivery
    (
        "m-del-migrate",
        DELIVERY,
        "Taşıma",
        "Merhaba, yeni aldığım VPS henüz teslim edilmedi sanırım. Teslimden önce eski "
        "hosting firmasındaki 2 sitemi taşıyabilir misiniz?" + SIG_TR2,
        VPS | NEW,
        NO_CB,
    ),
    (
        "m-del-os-en",
        DELIVERY,
        "New server",
        "Hi, before you hand over our new dedicated server, could you install Debian 12 "
        "instead of Ubuntu and tune it for a PHP workload?" + SIG_EN,
        DEDI | NEW,
        NO_CB,
    ),
    (
        "m-del-ascii",
        DELIVERY,
        "vds kurulum",
        "yeni vds aldim teslim edilmeden once cpanel kurulup optimize edilebilir mi",
        VDS | NEW,
        NO_CB,
    ),
    (
        "m-del-cloud",
        DELIVERY,
        "Bulut sunucu",
        "İyi günler, bulut sunucu siparişimiz henüz hazırlanıyor. Kurulumda AlmaLinux 9 ve "
        "Plesk olmasını, mevcut sitemizin de taşınmasını rica ederiz.",
        CLOUD | NEW,
        NO_CB,
    ),
    (
        "m-del-caps",
        DELIVERY,
        "SUNUCU TESLİMATI",
        "SUNUCUMUZ TESLİM EDİLMEDEN ÖNCE SİTELERİMİZİ TAŞIYABİLİR MİSİNİZ",
        VPS | NEW,
        NO_CB,
    ),
    # ---------------------------------------------------------------- after delivery, no SLA
    (
        "m-post-nginx",
        POST,
        "nginx",
        "Merhaba,\n\nVPS'imde nginx reverse proxy ayarlarını yaptım ama 502 Bad Gateway "
        "alıyorum. Konfigürasyonu kontrol edip düzeltebilir misiniz?" + SIG_TR + KVKK,
        VPS,
        NO_CB,
    ),
    (
        "m-post-ssh-port",
        POST,
        "SSH bağlanamıyorum",
        "Merhaba, sunucumda SSH portunu 22'den 2222'ye değiştirdim, firewall'a eklemeyi "
        "unuttum galiba, şimdi hiç bağlanamıyorum. Açabilir misiniz?" + IPHONE,
        VPS,
        NO_CB,
    ),
    (
        "m-post-ssh-port-en",
        POST,
        "Locked out",
        "Hi, I changed the SSH port in sshd_config and restarted, now I'm locked out of my "
        "server. Can you revert it?" + SIG_EN,
        VDS,
        NO_CB,
    ),
    (
        "m-post-php-upgrade-downtime",
        POST,
        "PHP yükseltme",
        "Merhaba, sunucumuzdaki PHP 7.4'ü 8.2'ye yükseltmenizi istiyoruz. Planlı bir kesinti "
        "olacaksa gece yapılmasını tercih ederiz." + SIG_TR2,
        DEDI,
        NO_CB,
    ),
    (
        "m-post-docker",
        POST,
        "Docker",
        "docker compose ile kurdugum konteynerler birbirine ulasamiyor ag ayarlarina bakar misiniz",
        CLOUD,
        NO_CB,
    ),
    (
        "m-post-mysql-en",
        POST,
        "MySQL tuning",
        "Hello, MySQL on our VPS uses too much memory. Could you tune my.cnf for us?" + AVG_EN,
        VPS,
        NO_CB,
    ),
    (
        "m-post-mailserver",
        POST,
        "Postfix",
        "Merhaba, VDS üzerinde kurduğum Postfix mail sunucusu maillerimi spam'e düşürüyor, "
        "SPF DKIM ayarlarını sunucuda yapar mısınız?",
        VDS,
        NO_CB,
    ),
    (
        "m-post-caps",
        POST,
        "FIREWALL",
        "SUNUCUMA CSF FIREWALL KURUP KURALLARI AYARLAR MISINIZ",
        DEDI,
        NO_CB,
    ),
    (
        "m-post-wp-on-vps",
        POST,
        "WordPress",
        "Merhaba, VPS sunucuma WordPress kurabilir misiniz? Panel yok, sadece SSH var.",
        VPS,
        NO_CB,
    ),
    (
        "m-post-service-down",
        POST,
        "Apache durdu",
        "Sunucumda Apache servisi kendiliğinden durdu, yeniden başlatınca da hata veriyor, "
        "log'larda 'AH00558' görüyorum.",
        VPS,
        NO_CB,
    ),
    # ---------------------------------------------------------------- SLA or managed
    (
        "m-sla-nginx",
        SLA,
        "nginx",
        "Merhaba, nginx'te yeni bir virtual host tanımlamanız gerekiyor, alan adı ektedir."
        + SIG_TR,
        VPS | SLA_ON,
        NO_CB,
    ),
    (
        "m-sla-ssh-port",
        SLA,
        "SSH",
        "SSH portunu değiştirdikten sonra sunucuya bağlanamıyorum, kontrol edebilir misiniz?",
        VDS | MANAGED,
        NO_CB,
    ),
    (
        "m-sla-en-upgrade",
        SLA,
        "PHP upgrade",
        "Hi, please upgrade PHP to 8.3 on our managed server. Planned downtime at night is "
        "fine for us." + SIG_EN + EN_LEGAL,
        DEDI | MANAGED,
        NO_CB,
    ),
    (
        "m-sla-mysql",
        SLA,
        "MySQL",
        "Merhaba, SLA kapsamında MySQL'in yavaş sorgularını inceleyip my.cnf ayarlarını "
        "optimize eder misiniz?",
        CLOUD | SLA_ON,
        NO_CB,
    ),
    (
        "m-sla-ascii",
        SLA,
        "redis",
        "sunucuya redis kurup php ile calisir hale getirebilir misiniz",
        VPS | SLA_ON,
        NO_CB,
    ),
    # ---------------------------------------------------------------- phone callback
    (
        "m-cb-asked",
        C,
        "Lütfen arayın",
        "Merhaba, sorunu yazarak anlatmakta zorlanıyorum, sitede bir şeyler bozuk ama tam "
        "olarak ne olduğunu ifade edemiyorum. Beni telefonla arayabilir misiniz? 0532 111 22 33",
        {},
        {"callback": True},
    ),
    (
        "m-cb-en",
        C,
        "Please call me",
        "Hi, it's hard to explain this by e-mail. Could someone from your team give me a call "
        "on +90 532 000 00 00? Something is wrong with our hosting account.",
        {},
        {"callback": True},
    ),
    (
        "m-cb-ascii",
        C,
        "telefon",
        "yazisarak anlasamiyoruz beni telefonla arar misiniz lutfen 05321112233",
        {},
        {"callback": True},
    ),
    (
        "m-cb-not-asked-number",
        C,
        "Site",
        "Sitem açılmıyor. Telefon numaram imzada.\n\nAhmet Kaya\nGSM: 0532 444 55 66",
        {},
        NO_CB,
    ),
    # ---------------------------------------------------------------- two requests in one mail
    (
        "m-two-cms-mail",
        CMS,
        "İki konu",
        "Merhaba, iki ricam olacak: yeni alan adımıza WordPress kurulumu yapabilir misiniz? "
        "Ayrıca Outlook'a mail hesabı kurulumu için ayarları da gönderirseniz sevinirim." + SIG_TR2,
        {},
        NO_CB | {"also": [MAILCLIENT]},
    ),
    (
        "m-two-outage-theme",
        C,
        "Site + tema",
        "Merhaba, sitemiz sabahtan beri açılmıyor, önce bunu acil çözmeniz lazım. Açıldıktan "
        "sonra da müsaitseniz temanın ayarlarına bakarsınız." + SIG_TR,
        {},
        NO_CB,
    ),
    (
        "m-two-en",
        MAILCLIENT,
        "Two things",
        "Hi, two quick things: how do I set up my new mailbox in Outlook on my laptop, and "
        "which SMTP port should I use on my phone?" + SIG_EN,
        {},
        NO_CB,
    ),
    (
        "m-two-server",
        POST,
        "Sunucu işleri",
        "Merhaba, sunucuya Node.js 20 kurmanızı ve PM2 ile uygulamamızı servis olarak "
        "ayarlamanızı rica ediyoruz. Bir de nginx'e SSL tanımlarsanız iyi olur.",
        VPS,
        NO_CB,
    ),
    # ---------------------------------------------------------------- negations, already done
    (
        "m-neg-no-theme",
        C,
        "Hata",
        "Tema veya eklenti kurmadık, hiçbir ayar değiştirmedik. Site dün geceden beri 'Service "
        "Unavailable' veriyor." + SIG_TR + KVKK,
        {},
        NO_CB,
    ),
    (
        "m-neg-phone-set",
        C,
        "Mail",
        "Telefonuma mail hesabını kurdum, ayarlar doğru. Sorun kurulumda değil, hiç mail "
        "gelmiyor; webmailde de gelen kutusu boş.",
        {},
        NO_CB,
    ),
    (
        "m-neg-en-not-outlook",
        C,
        "Not an Outlook issue",
        "This is not an Outlook configuration problem: webmail can't send either, every "
        "message fails with 'relay access denied'." + SIG_EN,
        {},
        NO_CB,
    ),
    (
        "m-neg-wp-installed",
        THEMES,
        "Eklenti",
        "WordPress kurulumu tamam, kurulumla ilgili sorun yok. Sadece WooCommerce eklentisini "
        "kurup ödeme ayarlarını yapmanızı rica ediyorum.",
        {},
        NO_CB,
    ),
    (
        "m-neg-no-code",
        C,
        "Site açılmıyor",
        "Kodda herhangi bir değişiklik yapmadık, yazılımla ilgili bir durum değil bence. Site "
        "ansızın 'Internal Server Error' vermeye başladı.",
        {},
        NO_CB,
    ),
    (
        "m-neg-ascii",
        CMS,
        "kurulum",
        "tema yuklemenize gerek yok onu ben yaparim, sadece wordpress kurar misiniz",
        {},
        NO_CB,
    ),
    (
        "m-neg-en-no-plugin",
        CMS,
        "Fresh install",
        "Please do not install any plugins or themes, just a clean WordPress install on "
        "shop.example.com." + SIG_EN,
        {},
        NO_CB,
    ),
    (
        "m-neg-already-delivered-migrated",
        POST,
        "Cron",
        "Sitelerin taşınması zaten tamamlandı, teşekkürler. Şimdi sunucuda cron job'ları "
        "ayarlayıp supervisor kurmanızı istiyoruz.",
        VPS,
        NO_CB,
    ),
    # ---------------------------------------------------------------- quoted history traps
    (
        "m-q-outlook-en-theme",
        SOFTWARE,
        "RE: Site down",
        "Thanks, the site is up again. But our booking script now calculates the prices "
        "wrong, I think the PHP code has a bug. Can you check the code?"
        + SIG_EN
        + outlook_en(
            "Site down",
            "Hello,",
            "Your website was down due to a server outage.",
            "It is working again, apologies.",
        ),
        {},
        NO_CB,
    ),
    (
        "m-q-plain-mobile",
        CMS,
        "Ynt: Kurulum",
        "Tamam anladım, o zaman WordPress kurulumunu sizden rica ediyorum."
        + IPHONE
        + plain_tr(
            "Merhaba,",
            "Tema kurulumu ve eklenti ayarları müşteri sorumluluğundadır.",
            "Outlook kurulumu için makalemizi inceleyebilirsiniz.",
        ),
        {},
        NO_CB,
    ),
    (
        "m-q-gmail-en-cms",
        LIMITS,
        "Re: Plugin",
        "I tried again, the plugin still fails: 'exceeds the maximum upload size for this "
        "site'. Can you raise the limit on my account?"
        + gmail_en(
            "Hi,",
            "Installing and configuring plugins is the customer's responsibility.",
            "Please see our guide.",
        ),
        {},
        NO_CB,
    ),
    (
        "m-q-outage-in-quote",
        MAILCLIENT,
        "YNT: Site açılmıyor",
        "Site açıldı, teşekkürler. Bir de Outlook'a yeni mail adresimi eklemek istiyorum, "
        "ayarları gönderebilir misiniz?"
        + outlook_tr(
            "Site açılmıyor",
            "Merhaba,",
            "Sitenizin açılmama sorunu giderilmiştir.",
            "Sunucu kaynaklı bir kesinti yaşanmıştır.",
        ),
        {},
        NO_CB,
    ),
    (
        "m-q-en-reseller-quote",
        C,
        "Re: your hosting",
        "Our site is down again since an hour, please check."
        + SIG_EN
        + gmail_en(
            "Hi,",
            "We do not provide support to the customers of our resellers.",
            "Please contact your reseller.",
        ),
        RES,
        NO_CB,
    ),
    (
        "m-q-kvkk-cms",
        CMS,
        "Kurulum",
        "Sayın yetkili,\n\nYeni açtığımız alan adına Joomla kurulumu talep ediyoruz.\n\n"
        "Bilgilerinize sunarız." + SIG_TR + KVKK_ASCII,
        {},
        NO_CB,
    ),
    # ---------------------------------------------------------------- English and mixed
    (
        "m-en-reseller-client",
        RESELLER,
        "Email problem",
        "Hi, I'm a client of a company that resells your hosting. Our emails are not being "
        "delivered. Can you help?" + OUTLOOK_MOBILE,
        {},
        NO_CB,
    ),
    (
        "m-en-continuity-dns",
        C,
        "DNS",
        "Hi, my domain stopped resolving today, nslookup returns SERVFAIL. Can you check the "
        "nameservers?" + SIG_EN,
        {},
        NO_CB,
    ),
    (
        "m-mixed-tr-en",
        C,
        "site down",
        "Merhaba, site down, 'ERR_SSL_PROTOCOL_ERROR' veriyor bugün. Please check asap." + SIG_EN,
        {},
        NO_CB,
    ),
    (
        "m-en-theme-demo",
        THEMES,
        "Theme demo import",
        "Hi, could you import the demo content of my theme and set up the homepage like the "
        "preview?" + SIG_EN,
        {},
        NO_CB,
    ),
    (
        "m-en-post-cpanel",
        POST,
        "Install cPanel",
        "Hi, we got the VPS yesterday. Please install cPanel and configure the backups for "
        "us." + SIG_EN,
        VPS,
        NO_CB,
    ),
    (
        "m-en-delivery-migrate",
        DELIVERY,
        "Migration",
        "Hello, our new cloud server is not ready yet. Could you migrate our three sites from "
        "our old provider before delivery?" + SIG_EN,
        CLOUD | NEW,
        NO_CB,
    ),
    (
        "m-en-syntax-typo",
        SYNTAX,
        "syntax eror",
        "hi after i edited wp-config i get a syntax eror unexpected '=' , probably a missing "
        "semicolon. can u fix pls",
        {},
        NO_CB,
    ),
    (
        "m-en-limits-memory",
        LIMITS,
        "Memory limit",
        "Hi, Elementor says the PHP memory limit of 128M is too low and the theme can't be "
        "activated. Can you raise it on my plan?" + AVG_EN,
        {},
        NO_CB,
    ),
    # ---------------------------------------------------------------- more everyday traps
    (
        "m-trap-ip-block",
        C,
        "IP engeli",
        "Merhaba, ofis IP adresimiz engellenmiş galiba, cPanel'e ve maile ofisten "
        "bağlanamıyoruz, evden bağlanabiliyoruz.",
        {},
        NO_CB,
    ),
    (
        "m-trap-sinir-limit",
        C,
        "Mail gönderim",
        "Günlük mail gönderim sınırına takıldık sanırım, saat 11'den beri mail gidemiyor.",
        {},
        NO_CB,
    ),
    (
        "m-trap-bugun-cms",
        CMS,
        "WordPress",
        "Bugün yeni domain aldım, WordPress kurabilir misiniz?",
        {},
        NO_CB,
    ),
    (
        "m-trap-yazilim-hosting",
        C,
        "Hesap askıda",
        "Yazılım firmamız sitenin askıya alındığını söyledi, hesabımız neden askıda?" + SIG_TR2,
        {},
        NO_CB,
    ),
    (
        "m-trap-kodu-verify",
        C,
        "Doğrulama kodu",
        "Panele giriş yaparken SMS doğrulama kodu gelmiyor, giriş yapamıyorum.",
        {},
        NO_CB,
    ),
    (
        "m-trap-tema-renk-outage",
        C,
        "Site bozuldu",
        "Sitenin renkleri ve teması dün akşamdan beri bozuk görünüyor, CSS dosyaları 403 "
        "veriyor. Hiçbir şey değiştirmedik.",
        {},
        NO_CB,
    ),
    (
        "m-trap-renew",
        C,
        "Domain süresi",
        "Alan adımızın süresi dolmuş, yeniledik ama site hâlâ açılmıyor.",
        {},
        NO_CB,
    ),
    (
        "m-trap-kurulu-mail",
        C,
        "Mail kutusu",
        "Telefonumda ve bilgisayarımda mail kurulu, ikisinde de 'mailbox full' hatası alıyorum. "
        "Kotayı artırabilir misiniz?",
        {},
        NO_CB,
    ),
    # ---------------------------------------------------------------- second batch, written
    # after the engine changes above and scored once before any further change
    (
        "m2-cont-ascii-today",
        C,
        "ACIL",
        "iyi aksamlar bugun ogleden sonra mailler gitmemeye basladi hepsi geri donuyo lutfen "
        "bakin" + ANDROID,
        {},
        NO_CB,
    ),
    (
        "m2-cont-en-login",
        C,
        "Can't log in",
        "Hi, I can't log into cPanel anymore, it says my IP has been blocked after a few "
        "attempts. Could you unblock it?" + SIG_EN,
        {},
        NO_CB,
    ),
    (
        "m2-cont-outlook-quoted-tr",
        C,
        "YNT: Outlook",
        "Makaleyi okudum, ayarlarım zaten makaledekiyle aynı. Sorun bende değil, sunucu "
        "'535 authentication failed' diyor, şifre de doğru."
        + outlook_tr("Outlook", "Merhaba,", "Outlook kurulumu için ilgili makalemizi iletiyoruz."),
        {},
        NO_CB,
    ),
    (
        "m2-res-en-agency",
        RESELLER,
        "Hosting issue",
        "Hello, our hosting is managed by an agency that is a reseller for you. Our site "
        "shows a database error, can you fix it?" + EN_LEGAL,
        {},
        NO_CB,
    ),
    (
        "m2-res-tr-uzerinden",
        RESELLER,
        "Site",
        "Merhabalar, hostingimizi bayiniz üzerinden almıştık, SSL sertifikamız yenilenmemiş.",
        {},
        NO_CB,
    ),
    (
        "m2-sw-ascii-caps",
        SOFTWARE,
        "FORM",
        "SITEMIZDEKI KENDI YAZDIGIMIZ PHP FORMU MAIL ATMIYOR, KODU KONTROL EDER MISINIZ",
        {},
        NO_CB,
    ),
    (
        "m2-syn-en-bracket",
        SYNTAX,
        "White screen",
        "Hi, I edited my theme's functions.php and now get 'syntax error, unexpected end of "
        "file'. Missing bracket I guess, could you fix that one character?",
        {},
        NO_CB,
    ),
    (
        "m2-cms-drupal-kvkk",
        CMS,
        "Drupal",
        "Merhaba, yeni sitemiz için Drupal kurulumu yapılabilir mi? Teşekkürler." + SIG_TR + KVKK,
        {},
        NO_CB,
    ),
    (
        "m2-thm-en-woo",
        THEMES,
        "Shop setup",
        "Hi, could you set up the WooCommerce payment and shipping settings for our store? "
        "WordPress itself is already installed." + SIG_EN,
        {},
        NO_CB,
    ),
    (
        "m2-lim-tr-upload",
        LIMITS,
        "Tema yükleyemiyorum",
        "Tema dosyası 80 MB, yüklerken 'dosya çok büyük' hatası veriyor. Yükleme limitini "
        "artırabilir misiniz?" + IPHONE,
        {},
        NO_CB,
    ),
    (
        "m2-mail-ascii-phone",
        MAILCLIENT,
        "mail",
        "yeni aldigim telefona sirket mailimi nasil kurarim ayarlari atabilir misiniz",
        {},
        NO_CB,
    ),
    (
        "m2-del-en",
        DELIVERY,
        "Before handover",
        "Hi, please make sure our new VPS comes with cPanel installed and our site migrated "
        "before you deliver it.",
        VPS | NEW,
        NO_CB,
    ),
    (
        "m2-post-tr-ssl",
        POST,
        "SSL kurulumu",
        "Merhaba, VPS'imdeki nginx'e Let's Encrypt sertifikası kurup otomatik yenilemeyi "
        "ayarlar mısınız?" + SIG_TR2,
        VPS,
        NO_CB,
    ),
    (
        "m2-post-port-lock",
        POST,
        "Bağlanamıyorum",
        "ufw'yi aktif ettim ama ssh portuna izin vermeyi unuttum, sunucuya giremiyorum",
        CLOUD,
        NO_CB,
    ),
    (
        "m2-sla-managed-tr",
        SLA,
        "Güncelleme",
        "Yönetimli sunucumuzda MariaDB'yi 10.11'e güncellemenizi rica ederiz, gece yapılabilir.",
        DEDI | MANAGED,
        NO_CB,
    ),
    (
        "m2-cont-vps-hw",
        C,
        "Sunucu kapandı",
        "Sunucumuz gece 3'te kendiliğinden kapandı ve açılmıyor, panelden başlatınca hata "
        "veriyor. Donanımsal bir sorun olabilir mi?",
        DEDI,
        NO_CB,
    ),
    # ---------------------------------------------------------------- third batch: the traps
    # of issue 15 in new words, written before running them
    (
        "m3-bugun-caps",
        C,
        "MAİL",
        "BUGÜN SABAHTAN BERİ MAİL GÖNDEREMİYORUZ, ACİL DÖNÜŞ BEKLİYORUZ." + SIG_TR2,
        {},
        NO_CB,
    ),
    (
        "m3-bugun-en-mixed",
        C,
        "bugün site",
        "Selam, bugün itibarıyla sitemiz 'Index of /' gösteriyor, dosyalar silinmiş olabilir mi? "
        "Dünkü yedekten dönebilir misiniz?",
        {},
        NO_CB,
    ),
    (
        "m3-sinir-ascii",
        C,
        "sinirlendim artik",
        "cok sinirlendim 4 gundur ftp ye baglanamiyorum kimse de cevap vermiyor",
        {},
        NO_CB,
    ),
    (
        "m3-iptal-renew",
        C,
        "İptal değil",
        "Paketimi iptal etmedim ama panelde 'hesap askıya alındı' yazıyor, ödeme de yapıldı.",
        {},
        NO_CB,
    ),
    (
        "m3-header-ascii",
        C,
        "header",
        "sitenin header ve footer kismi gelmiyor sadece beyaz sayfa var, 500 hatasi gozukuyor",
        {},
        NO_CB,
    ),
    (
        "m3-hesap-bandwidth",
        C,
        "Trafik",
        "Aylık trafik kullanımım yanlış hesaplanmış olmalı, site trafik limiti aşıldı diye "
        "kapandı. Kontrol eder misiniz?",
        {},
        NO_CB,
    ),
    (
        "m3-virus-footer-cms",
        CMS,
        "Kurulum",
        "Merhaba, alan adımıza WordPress kurulumu rica ediyoruz."
        + SIG_TR
        + "\n\nBu ileti virüslere karşı Kaspersky ile taranmıştır.",
        {},
        NO_CB,
    ),
    (
        "m3-zaten-kurulu-plugin",
        THEMES,
        "Eklenti kurulumu",
        "Sitemde Joomla zaten yüklü, tekrar kurulum yapmanıza gerek yok. Sadece bir galeri "
        "eklentisi kurup ayarlamanızı istiyorum.",
        {},
        NO_CB,
    ),
    (
        "m3-not-outlook-ascii",
        C,
        "mail sorunu",
        "outlook ile ilgili degil telefonda da webmailde de ayni, mail gelmiyor",
        {},
        NO_CB,
    ),
    (
        "m3-hesaplarini-ascii",
        MAILCLIENT,
        "mail hesaplari",
        "personelin bilgisayarlarina mail hesaplarini tanimlayabilir misiniz 6 kisiyiz",
        {},
        NO_CB,
    ),
    (
        "m3-hesaplarini-kur",
        MAILCLIENT,
        "Telefonlara mail",
        "Satış ekibimizin telefonlarına e-posta hesaplarını kurabilir misiniz?" + SIG_TR2,
        {},
        NO_CB,
    ),
    (
        "m3-bayiniz-mis",
        RESELLER,
        "Mail",
        "Merhaba, bize hosting satan firma bayinizmiş, mail şifremizi sıfırlamanız mümkün mü?",
        {},
        NO_CB,
    ),
    (
        "m3-designer-resells-en",
        RESELLER,
        "SSL",
        "Hi, the guy who built our website resells your hosting to us. Our SSL certificate "
        "has expired, can you renew it?" + IPHONE,
        {},
        NO_CB,
    ),
    (
        "m3-ssh-port-ascii",
        POST,
        "ssh",
        "ssh portunu degistirdim sonra sunucuya baglanamaz oldum yardim",
        VPS,
        NO_CB,
    ),
    (
        "m3-ssh-port-sla",
        SLA,
        "SSH",
        "Hi, I changed the SSH port and now I can't connect, can you fix it?",
        DEDI | SLA_ON,
        NO_CB,
    ),
    (
        "m3-planned-ram",
        C,
        "RAM yükseltme",
        "Merhaba, paketimizi bir üst pakete yükseltmek istiyoruz. Planlı bir kesinti gerekirse "
        "hafta sonu olabilir.",
        {},
        NO_CB,
    ),
    (
        "m3-planned-os-vps",
        POST,
        "OS upgrade",
        "Hi, please upgrade the OS on our VPS from Ubuntu 20.04 to 22.04, some planned "
        "downtime is acceptable.",
        VPS,
        NO_CB,
    ),
    (
        "m3-telefondan",
        CMS,
        "wp",
        "telefondan yaziyorum kusura bakmayin, yeni hostinge wordpress kurabilir misiniz" + IPHONE,
        {},
        NO_CB,
    ),
    (
        "m3-anlamadim-en",
        MAILCLIENT,
        "Re: Outlook",
        "I didn't understand your last reply. Which outgoing server and port do I type into "
        "Outlook?" + gmail_en("Hi,", "Please see our Outlook article attached."),
        {},
        NO_CB,
    ),
    (
        "m3-anlamadim-tr",
        C,
        "Anlamadım",
        "Anlamadım, neden sitem kapandı? Hiçbir bildirim gelmedi, acilen açılmasını istiyorum.",
        {},
        NO_CB,
    ),
]

_VERDICTS = {
    C: "in_scope",
    RESELLER: "redirect",
    SOFTWARE: "out_of_scope",
    SYNTAX: "in_scope",
    CMS: "in_scope",
    THEMES: "out_of_scope",
    LIMITS: "in_scope",
    MAILCLIENT: "out_of_scope",
    DELIVERY: "in_scope",
    POST: "out_of_scope",
    SLA: "in_scope",
}
NOON = "2026-11-26T11:00:00+03:00"


def as_case_line(case: Case) -> dict[str, Any]:
    """The case as a `triage --eval` line (the dev set's form, plus `callback` and `also`)."""
    case_id, clause, subject, body, context, flags = case
    ticket = {
        "subject": subject,
        "body": body,
        "service": context.get("service", "shared_hosting"),
        "requester": context.get("requester", "customer"),
        "server_delivered": context.get("server_delivered", True),
        "has_sla": context.get("has_sla", False),
        "managed": context.get("managed", False),
        "received_at": flags.get("at", NOON),
    }
    expect: dict[str, Any] = {
        "verdict": _VERDICTS[clause],
        "clause": clause,
        "abuse": flags.get("abuse", False),
    }
    for key in ("shift", "callback", "also"):
        if key in flags:
            expect[key] = flags[key]
    return {"id": case_id, "ticket": ticket, "expect": expect}


if __name__ == "__main__":
    import json

    for case in CASES:
        print(json.dumps(as_case_line(case), ensure_ascii=False))
