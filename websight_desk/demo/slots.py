"""Slot values for demo ticket templates: products, error messages, devices, numbers."""

from __future__ import annotations

import random
from collections.abc import Callable

from websight_desk.demo.people import ip_address, reseller_name

Pick = Callable[[random.Random], str]


def _one(*options: str) -> Pick:
    return lambda rng: rng.choice(options)


def _parse_error(rng: random.Random) -> str:
    token = rng.choice(
        ("'}'", "'echo' (T_ECHO)", "end of file", "'$title' (T_VARIABLE)", "')'", "'else'")
    )
    path = rng.choice(
        (
            f"wp-content/themes/{rng.choice(('astra', 'flatsome', 'child'))}/functions.php",
            "wp-config.php",
            "includes/db.php",
            "index.php",
            f"app/Http/Controllers/{rng.choice(('Order', 'Cart', 'User'))}Controller.php",
        )
    )
    user = rng.choice(("user", "webadmin", "site", "musteri"))
    return (
        f"Parse error: syntax error, unexpected {token} in /home/{user}/public_html/{path} "
        f"on line {rng.randint(3, 480)}."
    )


SLOTS: dict[str, Pick] = {
    "http_error": _one(
        "500 Internal Server Error",
        "503 Service Unavailable",
        "403 Forbidden",
        "502 Bad Gateway",
        "508 Resource Limit Is Reached",
        "ERR_CONNECTION_TIMED_OUT",
    ),
    "ip": ip_address,
    "reseller": reseller_name,
    "first": lambda rng: "",
    "agent": lambda rng: "",
    "hours": lambda rng: str(rng.randint(1, 14)),
    "days": lambda rng: str(rng.randint(2, 14)),
    "percent": lambda rng: str(rng.randint(95, 100)),
    "n_sites": lambda rng: str(rng.randint(2, 12)),
    "mail_error": _one(
        "550 5.1.1 User unknown",
        "SMTP Error: Could not authenticate.",
        "554 5.7.1 Message rejected as spam",
        "421 Too many connections from your host",
        "552 Mailbox quota exceeded",
        "535 Incorrect authentication data",
    ),
    "dns_record": _one("MX", "TXT (SPF)", "CNAME", "A", "DKIM", "_dmarc TXT"),
    "panel": _one("cPanel", "Plesk", "DirectAdmin", "müşteri paneli"),
    "cms": _one("WordPress", "WordPress", "Joomla", "OpenCart", "PrestaShop", "Drupal", "Moodle"),
    "theme": _one("Avada", "Astra", "Flatsome", "Divi", "OceanWP", "Porto", "Woodmart"),
    "plugin": _one(
        "WooCommerce",
        "Yoast SEO",
        "Elementor Pro",
        "WPML",
        "Contact Form 7",
        "Wordfence",
        "LiteSpeed Cache",
        "UpdraftPlus",
    ),
    "limit_error": _one(
        "Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes)",
        "The uploaded file exceeds the upload_max_filesize directive in php.ini.",
        "Maximum execution time of 30 seconds exceeded",
        "Your server is running PHP version 7.2 but WordPress requires at least 7.4",
        "PHP Warning: POST Content-Length of 83886080 bytes exceeds the limit of 67108864 bytes",
    ),
    "client": _one("Outlook", "Outlook 2019", "Thunderbird", "Apple Mail", "Windows Posta"),
    "device": _one("iPhone", "iPad", "Android telefon", "Samsung telefon", "Xiaomi telefon"),
    "framework": _one("Laravel", "CodeIgniter", "Symfony", "Yii", "Slim"),
    "code_issue": _one(
        "ödeme sayfasında sepet toplamı yanlış hesaplanıyor",
        "iletişim formundan mail gitmiyor",
        "giriş yapınca oturum hemen düşüyor",
        "ürün filtreleri çalışmıyor",
        "PDF fatura oluşturulurken boş sayfa çıkıyor",
        "kargo ücreti iki kez ekleniyor",
    ),
    "code_issue_en": _one(
        "the cart total is calculated wrongly on the payment page",
        "the contact form does not send mail",
        "users are logged out right after login",
        "the product filters do nothing",
    ),
    "parse_error": _parse_error,
    "hw_fault": _one(
        "RAID dizisindeki bir disk 'degraded' görünüyor",
        "kernel panic hatası alıyoruz",
        "SMART hatası var, disk bozuluyor olabilir",
        "bellek hatası (EDAC) logları düşüyor",
        "güç kaynağı arızası uyarısı var",
    ),
    "hw_fault_en": _one(
        "a degraded RAID array",
        "a kernel panic at boot",
        "SMART errors on the second disk",
        "ECC memory errors",
    ),
    "nginx_error": _one(
        'nginx: [emerg] unknown directive "proxy_pas" in /etc/nginx/sites-enabled/default:14',
        "nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)",
        'nginx: [emerg] "server" directive is not allowed here in /etc/nginx/nginx.conf:88',
        "upstream prematurely closed connection while reading response header",
    ),
    "os": _one(
        "AlmaLinux 9",
        "Ubuntu 22.04",
        "Ubuntu 24.04",
        "Debian 12",
        "Rocky Linux 9",
        "Windows Server 2022",
    ),
    "stack": _one(
        "Node.js ve PM2", "Redis", "PostgreSQL", "Elasticsearch", "GitLab Runner", "LAMP", "Mailcow"
    ),
}


class Slots(dict[str, str]):
    """A template's slot values, drawn on first use so one ticket keeps one value per slot."""

    def __init__(self, rng: random.Random, fixed: dict[str, str]) -> None:
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        value = SLOTS[key](self.rng)
        self[key] = value
        return value

    def fill(self, template: str) -> str:
        return template.format_map(self)
