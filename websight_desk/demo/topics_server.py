"""Demo ticket topics for virtual and physical servers (VPS, VDS, cloud, dedicated)."""

from __future__ import annotations

from websight_desk.demo.topics import SERVERS, Topic

SERVER_TOPICS = (
    Topic(
        "server_down",
        "support.continuity",
        SERVERS,
        ("Sunucuya erişim yok", "{host} cevap vermiyor", "SUNUCU KAPALI", "Disk arızası"),
        (
            "Sunucum ping'e cevap vermiyor, konsoldan da erişemiyorum. Veri merkezi tarafında "
            "bir sorun mu var? IP: {ip}",
            "{host} sunucusunda {hw_fault}. Donanım kontrolü yapabilir misiniz?",
            "Sunucu {hours} saattir kapalı, yeniden başlatma da işe yaramadı.",
        ),
        ("Server unreachable", "{host} down", "Hardware fault on {host}"),
        (
            "My server {ip} stopped answering ping and the console does not connect.",
            "The server reports {hw_fault_en}. Can the data centre check the hardware?",
        ),
        weight=12,
        delivered=True,
    ),
    Topic(
        "server_admin",
        "server.post_delivery",
        SERVERS,
        ("nginx hatası", "Docker ağı", "Firewall ayarı", "MySQL ayarları", "{stack} kurulumu"),
        (
            "Sunucuma nginx kurdum, '{nginx_error}' hatası alıyorum. nginx.conf dosyamı "
            "düzeltir misiniz?",
            "Sunucuya Docker kurdum ama container'lar birbirini görmüyor, docker-compose ağ "
            "ayarlarında yardım lazım.",
            "{os} sunucumda MySQL çok yavaş, my.cnf optimizasyonu yapar mısınız?",
            "Sunucuya {stack} kurup {domain} için yapılandırmanızı istiyorum.",
            "UFW ile sadece 22, 80 ve 443 portlarını açmak istiyorum, kuralları siz yazar mısınız?",
        ),
        ("Configure my firewall", "nginx config help", "Docker networking", "Install {stack}"),
        (
            "I need help writing iptables rules on my server, can your team configure the "
            "firewall for me?",
            "nginx fails with '{nginx_error}'. Could you fix my nginx.conf?",
            "Please install {stack} on the server and set it up for {domain}.",
        ),
        weight=14,
        delivered=True,
    ),
    Topic(
        "server_setup",
        "server.delivery",
        SERVERS,
        ("Site taşıma", "Yeni sunucu kurulum", "{os} kurulumu", "Teslimat öncesi ayarlar"),
        (
            "Yeni aldığım sunucuya eski hostingimdeki {n_sites} siteyi taşır mısınız? "
            "Teslimattan önce yapılırsa iyi olur.",
            "Sunucum henüz teslim edilmedi. Teslimattan önce {os} kurulup optimum ayarları "
            "yapılabilir mi?",
            "Sipariş verdiğim sunucu ne zaman teslim edilecek? {os} ve {panel} istiyorum.",
        ),
        ("Migration before delivery", "New server setup", "Please install {os}"),
        (
            "Before you hand over the new server, could you move my {n_sites} sites from the "
            "old host?",
            "The server is not delivered yet; please install {os} and tune it before delivery.",
        ),
        weight=9,
        delivered=False,
    ),
)
