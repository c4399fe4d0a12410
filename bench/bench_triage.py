"""Triage throughput: evaluate ~100k varied synthetic tickets on one core, print the median.

    python -m bench.bench_triage [--tickets N] [--runs R] [--cold]

Tickets are generated in-process (no storage layer): Turkish and English fragments, with and
without Turkish letters, all caps, quoted history, every service/requester/contract context.
Target: >= 5,000 tickets/s.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

from websight_desk.domain.enums import RequesterKind, ServiceKind
from websight_desk.domain.turkish import fold, tr_upper
from websight_desk.policy import Facts, TextPart, evaluate, load_ruleset

SUBJECTS = [
    "Site açılmıyor",
    "WordPress kurulumu",
    "Mail gelmiyor",
    "Outlook ayarları",
    "Tema yükleme",
    "Eklenti hatası",
    "SSL sorunu",
    "Sunucuya erişim yok",
    "nginx hatası",
    "Server down",
    "Plugin install",
    "Parse error",
    "Disk kotası",
    "cPanel şifresi",
    "Yeni VPS",
]
FRAGMENTS = [
    "Sitem {n} saattir açılmıyor, 503 hatası veriyor.",
    "Hosting paketime WordPress kurabilir misiniz?",
    "Satın aldığım temayı yükleyip ayarlarını yapar mısınız?",
    "WooCommerce eklentisini yüklerken Allowed memory size exhausted hatası alıyorum.",
    "iPhone'uma kurumsal mail hesabımı kuramadım, gelen ve giden sunucu ayarları nedir?",
    "Kendi yazdığım PHP kodunda ödeme sayfası hata veriyor, düzeltir misiniz?",
    "Parse error: syntax error, unexpected '}}' on line {n}, noktalı virgül eksik sanırım.",
    "Sunucum ping'e cevap vermiyor, konsoldan da erişemiyorum.",
    "Sunucuma Docker kurdum, container ağ ayarlarında yardım lazım.",
    "Can you install WordPress on my new hosting account?",
    "Please configure the Yoast SEO plugin for me.",
    "My VPS is unreachable since {n} minutes, is there a network outage?",
    "Disk kotam dolmuş, e-postalar gelmiyor.",
    "cPanel şifremi unuttum, sıfırlayabilir misiniz?",
    "Hostingi bayinizden aldım, mail gönderemiyorum.",
    "Rezalet bir hizmet, yöneticinizle görüşmek istiyorum.",
    "Aptal mısınız siz, beceriksiz herifler!",
    "Beni telefonla arayabilir misiniz? Anlatamıyorum.",
    "Teşekkürler, iyi çalışmalar. 🙏",
]
QUOTE = "\n\n> On Mon, 24 Nov 2026, Websight Destek wrote:\n> Sorununuz incelenmektedir.\n"


def _vary(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:
        return tr_upper(text)
    if roll < 0.35:
        return fold(text)  # typed without Turkish letters
    return text


def build(count: int, seed: int = 7) -> list[tuple[Facts, datetime]]:
    rng = random.Random(seed)
    services = [*ServiceKind, None]
    start = datetime(2026, 11, 1, tzinfo=UTC)
    out: list[tuple[Facts, datetime]] = []
    for i in range(count):
        body = " ".join(
            rng.choice(FRAGMENTS).format(n=rng.randint(1, 99)) for _ in range(rng.randint(1, 4))
        )
        if rng.random() < 0.2:
            body += QUOTE
        facts = Facts(
            subject=_vary(rng.choice(SUBJECTS), rng),
            parts=(TextPart("body", _vary(body, rng)),),
            service=rng.choice(services),
            requester=RequesterKind.RESELLER_END_CUSTOMER
            if rng.random() < 0.05
            else RequesterKind.CUSTOMER,
            server_delivered=rng.random() < 0.8,
            has_sla=rng.random() < 0.1,
            managed=rng.random() < 0.1,
        )
        out.append((facts, start + timedelta(minutes=17 * i)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--cold",
        action="store_true",
        help="forget cached per-text results before every ticket (no text is seen twice)",
    )
    args = parser.parse_args()
    ruleset = load_ruleset()
    tickets = build(args.tickets)
    gc.collect()
    gc.freeze()  # the generated tickets live all run long; keep the collector off them
    wall: list[float] = []
    cpu: list[float] = []
    for run in range(args.runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        cache = ruleset.part_scans
        for facts, now in tickets:
            if args.cold:
                cache.clear()
            evaluate(facts, ruleset, now)
        wall.append(len(tickets) / (time.perf_counter() - began))
        cpu.append(len(tickets) / (time.process_time() - began_cpu))
        print(f"run {run + 1}: {wall[-1]:,.0f} tickets/s wall, {cpu[-1]:,.0f} tickets/s CPU")
    # CPU time is what one core delivers; wall time also counts other processes on the machine
    print(
        f"triage throughput: {statistics.median(cpu):,.0f} tickets/s per core "
        f"(wall {statistics.median(wall):,.0f}; median of {args.runs} runs, "
        f"{len(tickets):,} tickets{', cold' if args.cold else ''})"
    )


if __name__ == "__main__":
    main()
