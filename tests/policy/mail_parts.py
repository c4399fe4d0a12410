"""Pieces of real customers' mails (signatures, footers, quoted history) for the mail suite."""

from __future__ import annotations

SIG_TR = (
    "\n\nSaygılarımla,\n\nSelin Arslan\nİnsan Kaynakları Uzmanı\n"
    "Arslan Tekstil San. ve Tic. A.Ş.\nT: +90 216 444 12 12 | M: +90 532 111 22 33\n"
    "www.arslantekstil.com.tr"
)
SIG_TR2 = "\n\nİyi çalışmalar,\nKemal Yıldırım\nYıldırım Oto Yedek Parça\n0 (312) 385 40 40"
SIG_ASCII = "\n\ntesekkurler\nhakan\n0555 444 33 22"
SIG_EN = (
    "\n\nBest regards,\n\nDaniel Weber\nIT Coordinator | Weber Logistics GmbH\nPhone +49 40 1234567"
)
IPHONE = "\n\niPhone'umdan gönderildi"
ANDROID = "\n\nSamsung Galaxy akıllı telefonumdan gönderildi"
OUTLOOK_MOBILE = "\n\nGet Outlook for Android"
YANDEX = "\n\n--\nYandex.Mail mobil uygulamasından gönderildi"

KVKK = (
    "\n\n---\nYASAL UYARI: Bu e-posta mesajı ve ekleri yalnızca gönderildiği kişi veya kuruma "
    "özeldir ve gizli bilgiler içerebilir. 6698 sayılı Kişisel Verilerin Korunması Kanunu "
    "kapsamında kişisel veri içerebilecek bu iletinin muhatabı değilseniz lütfen gönderene "
    "bildirip mesajı siliniz. Şirketimiz, mesajın içeriğinden ve eklerinden dolayı hiçbir "
    "hukuki sorumluluk kabul etmez. Bu e-posta virüs taramasından geçirilmiştir."
)
KVKK_ASCII = (
    "\n\nKVKK BILGILENDIRME: Bu e-posta icerigindeki kisisel veriler 6698 sayili kanun "
    "kapsaminda islenmektedir. Bu mesaj ve ekleri gizlidir, yanlislikla size ulastiysa "
    "lutfen siliniz. Virus kontrolu yapilmistir ancak ekleri acmadan once kendi "
    "antivirus programinizla taramaniz tavsiye edilir."
)
AVAST = (
    "\n\n--\nBu e-posta Avast antivirüs yazılımı tarafından virüslere karşı kontrol edildi.\n"
    "https://www.avast.com/antivirus"
)
EN_LEGAL = (
    "\n\nCONFIDENTIALITY NOTICE: This e-mail, including any attachments, is intended only for "
    "the named recipient(s) and may contain privileged information. Any unauthorized review, "
    "use or distribution is prohibited. If you are not the intended recipient, please contact "
    "the sender and destroy all copies. This message has been scanned for viruses and "
    "dangerous content."
)
AVG_EN = "\n\n---\nThis email has been checked for viruses by AVG antivirus software.\nwww.avg.com"


def gmail_tr(*lines: str) -> str:
    quoted = "\n".join(f"> {line}" for line in lines)
    return (
        "\n\n25 Kas 2026 Sal, 16:40 tarihinde Websight Teknik Destek <destek@websight.com.tr> "
        f"şunu yazdı:\n{quoted}\n"
    )


def gmail_en(*lines: str) -> str:
    quoted = "\n".join(f"> {line}" for line in lines)
    return (
        "\n\nOn Tue, Nov 25, 2026 at 4:40 PM Websight Support <support@websight.com.tr> "
        f"wrote:\n{quoted}\n"
    )


def outlook_en(subject: str, *lines: str) -> str:
    body = "\n".join(lines)
    return (
        "\n\n-----Original Message-----\nFrom: Websight Support <support@websight.com.tr>\n"
        f"Sent: Tuesday, November 25, 2026 4:40 PM\nTo: info@customer.com\nSubject: {subject}\n\n"
        f"{body}\n"
    )


def outlook_tr(subject: str, *lines: str) -> str:
    body = "\n".join(lines)
    return (
        "\n\n________________________________\nKimden: Websight Destek <destek@websight.com.tr>\n"
        "Gönderildi: 25 Kasım 2026 Salı 16:40\nKime: muhasebe@firma.com.tr\n"
        f"Konu: YNT: {subject}\n\n{body}\n"
    )


def plain_tr(*lines: str) -> str:
    """A quote with no '>' marks, the way some mobile clients reply."""
    body = "\n".join(lines)
    return (
        f"\n\nWebsight Destek <destek@websight.com.tr> şunu yazdı (25.11.2026 16:40):\n\n{body}\n"
    )
