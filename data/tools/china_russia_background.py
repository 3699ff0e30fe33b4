"""Background traffic, cargo-specific rates and extra capacities of china-russia-2022.

Used by build_china_russia_2022.py (Python 3 standard library only).  Traffic that is not
China-Russia trade but uses the same capacities: coal and containers of third countries
through the Far Eastern ports and the Eastern Polygon, Mongolia's and Kazakhstan's own rail
trade, China-Europe transit trains at Zabaikalsk, and port cargo that no railway brings.
Every row carries a source and a confidence; estimates say how they were obtained.
Facts: /work/shared/data/china_russia_2022_facts.md ("facts"); further sources are cited
by URL.
"""

# URLs of the sources used here and not in the facts file.
R = {
    "coal_exp": "https://interfax.com/newsroom/top-stories/87892/",
    "coal_dest": "https://energynewsbeat.co/fewer-markets-are-importing-russias-coal/",
    "fe_coal": "https://www.en.portnews.ru/news/338051/",
    "ports_2023": "https://www.en.portnews.ru/news/358635/",
    "rzd_class": "https://thecoaltrader.com/russia-to-sharply-increase-rail-tariffs-for-coal-miners/",
    "erh_2023": "http://en.people.cn/n3/2023/1117/c90000-20099185.html",
    "kz_split": "https://en.inform.kz/news/rail-transportation-between-kazakhstan-and-china-grows-by-14-7787dc/",
    "kz_2023": "https://astanatimes.com/2024/01/kazakhstan-china-railways-witness-22-growth-in-cargo-transportation-volumes/",
    "ep_container": "https://en.portnews.ru/comments/2022-11-18/s2/",
    "zab_trains": "https://en.trend.az/world/3700770.html",
    "zab_tc": "https://seanews.ru/en/2022/12/26/en-container-terminal-on-russia-china-border-modernization-completed/",
    "crx_mzl": "https://www.hellenicshippingnews.com/chinas-largest-land-port-sees-robust-trade-via-china-europe-freight-train-service/",
    "fe_congestion": "https://www.en.portnews.ru/news/338785/",
    "vmtp": "https://amp.vesti.ru/finance/article/3607889",
}

# The Far Eastern ports of the model with their 2022 all-cargo throughput (t).
FE_PORT_T = {
    "VOS": (82.3e6, "derived: 2023 86.55 Mt (+5.2%) https://dzen.ru/a/ZgDOF9qVTWLSeiT2 (facts 3A)", "medium"),
    "NAK": (25.8e6, "derived: 2023 27.57 Mt (+6.9%) https://dzen.ru/a/ZgDOF9qVTWLSeiT2 (facts 3A)", "medium"),
    "VVO": (32.2e6, "derived: 2023 33.51 Mt (+4%) https://dzen.ru/a/ZgDOF9qVTWLSeiT2 (facts 3A)", "medium"),
    "VAN": (37.7e6, f"derived: 2023 35.0 Mt (-7.1%) {R['ports_2023']}", "medium"),
    "POS": (6.3e6, "derived: 2023 6.02 Mt (-4.3%) https://dzen.ru/a/ZgDOF9qVTWLSeiT2 (facts 3A)", "medium"),
    "ZRB": (0.58e6, "derived: 2023 0.84 Mt (+45.6%) https://dzen.ru/a/ZgDOF9qVTWLSeiT2 (facts 3A)", "medium"),
    "KOZ": (42e6, "crude exports ~42 Mt/yr (facts 3A, https://cmio.org/mundo/861660)", "medium"),
}
RAIL_PORTS = ("VOS", "NAK", "VVO", "VAN", "POS", "ZRB")

# Share of a rail port's cargo that the Eastern Polygon's export-import statistic does not
# see (coastal shipping and supplies to Kamchatka, Magadan, Sakhalin, fish, transshipment):
# 1 - (150 Mt export-import eastward - 34.2 Mt at the rail crossings) / 184.9 Mt through the
# six rail ports (facts 2A, 1B, 3A).  One rule for every port: nothing port-specific was found.
EP_EASTWARD_T = 150e6
EP_CROSSINGS_T = 16.6e6 + 8.2e6 + 3.5e6 + 0.15e6 + 5.7e6
PORT_LOCAL_SHARE = 1.0 - (EP_EASTWARD_T - EP_CROSSINGS_T) / sum(FE_PORT_T[p][0] for p in RAIL_PORTS)
PORT_LOCAL_SRC = (f"estimate: {PORT_LOCAL_SHARE:.1%} of the port's 2022 throughput = 1 - (150 Mt Eastern Polygon "
                  f"export-import eastward - {EP_CROSSINGS_T / 1e6:.1f} Mt at its rail crossings) / "
                  f"{sum(FE_PORT_T[p][0] for p in RAIL_PORTS) / 1e6:.1f} Mt through the six rail ports (facts 2A, 1B, 3A): "
                  "coastal shipping, supplies to the Russian Far East, fish and transshipment that the Eastern Polygon "
                  "export-import statistic does not count; one share for every port (no port split found)")
# Berth capacity: design capacities were not found (facts 7 #14). Terminals were 98 % full at
# the autumn-2022 peak (FESCO, facts 2A) while the ports were called under-used over the year:
# an annual average use of 80 %, i.e. 2022 throughput x 1.25 (estimate).
BERTH_HEADROOM = 1.25
# Rail access: the rail-fed part of the throughput x 1.2 (estimate: 14 days waiting for rail
# loading in autumn 2022 say the railway, not the berths, held the ports back; facts 2A).
RAIL_HEADROOM = 1.2

# Eastern Polygon: its carrying capacity for export-import traffic to the eastern exits.
EP_CAPACITY = 144e6
# Loaded eastbound direction only: the Russian-side rail links into the crossings east of
# Tayshet and rail -> sea at the Far Eastern ports (imports run westbound, against the
# empty return flow, and do not bind).
EP_MEMBERS = ([f"link:{s}_{s}_X_1520:forward" for s in ("ZAB", "GRD", "KAM", "NLN", "NAU")]
              + [f"transfer:{p}_1520_SEA:forward" for p in RAIL_PORTS])

# Coal exported eastward to third countries: 101.1 Mt eastward (facts 2A) - 68.06 Mt to China
# (the demand's China coal, facts 6B).
BG_COAL_T = 101.1e6 - 68.06e6
# Demand for Eastern Polygon capacity beyond what it carried: 100 Mt of coal applications left
# unserved in 2022 (Trutnev; 186 Mt per Chekunkov; facts 2A).  Their unserved penalty is the
# east route plus the 35-40 USD/t by which Far Eastern coal prices exceeded the Baltic's
# (https://fief.ru/en/media/news/kemerovskie-vlasti-i-rzhd-ne-soshlis-v-tsifrakh-po-gruzoperevozkam/):
# what an exporter loses by shipping west or not at all.
COAL_APPLICATIONS_T = 100e6
COAL_SPREAD = 40.0
# Containers between Russia and third Asian countries through the Far Eastern ports:
# 2.28 M TEU in the Far East basin (facts 3A) x 10.3 t/TEU (facts 6C) = 23.5 Mt, of which the
# model's China trade and the port-local share take most; 6 Mt rail-fed (estimate).
BG_CONT_T = 6.0e6
# Mongolia: Naushki 5.7 Mt - 3.1 Mt RU-CN transit = RU-MN trade (facts 1B); Erenhot ~12.5 Mt
# in 2022 (derived from 2023 >15 Mt by 17 Nov, +33.4 %) - 3.1 Mt RU-CN transit.
NAU_OWN_T = 5.7e6 - 3.1e6
ERH_OWN_T = 12.5e6 - 3.1e6
# Kazakhstan: >23 Mt all KZ-CN rail (facts 1B) - 2.74 Mt RU-CN transit, split Dostyk 56 % /
# Altynkol 44 % (from Jan-Apr 2024 5.9 / 4.2 Mt, R['kz_split']).
KZ_OWN_T = 23e6 - 2.74e6
# China-Europe trains through Zabaikalsk: 382k TEU CR Express at Manzhouli (facts 1B) x 10.2
# t/TEU = 3.9 Mt, of which ~40 % transit to Belarus/EU (estimate; the split is facts 7 #18).
ZAB_TRANSIT_T = 1.5e6
# Zabaikalsk: rail capacity left to non-container cargo once the container-train slots
# (6 agreed trains/day in Jan 2023, ~1,000 t each = 2.2 Mt) and the EU transit are served.
ZAB_NON_CONTAINER_T = 17.9e6 - 2.2e6 - ZAB_TRANSIT_T


def add_nodes(g):
    g.NODES.append(("ASIA", "Third Asian countries (Korea, Japan, Taiwan, India, SE Asia; at Busan)", "KR", "port",
                    35.10, 129.04, "estimate: one sea node for the non-China Asian partners of the Far Eastern ports",
                    "estimate"))
    g.NODE["ASIA"] = g.NODES[-1]


def add_links(g):
    # Vladivostok-Busan ~540 nm (estimate, general knowledge), the other ports by the offsets
    # of their Shanghai legs (facts 3B).
    for ru, off in g.FE_OFF.items():
        g.add_link(ru, "ASIA", "sea", 1000 + off, "sea_fe",
                   f"estimate: Vladivostok-Busan ~1,000 km + the {ru} offset of the Shanghai legs ({off} km, facts 3B)",
                   "estimate")


def remove_port_transfer_caps(g):
    for t in g.TRANSFERS:
        if t["m1"] == "rail_1520" and t["m2"] == "sea" and t["node"] in RAIL_PORTS:
            t["src"] += ("; capacity: now the port's rail_access and port_berth resources (resources.csv), "
                         f"was {t['cap'] / 1e6:.1f} Mt")
            t["cap"] = None


# Background commodities: id -> (name, cargo_type, modes, value, value source, conf, time-cost rate, aeo)
def commodities(g):
    coal = g.COMM["coal"]
    return {
        "coal_third_countries": ("Coal exported eastward to third countries (background)", "dry_bulk", "rail;sea",
                                 coal[3], coal[4], coal[5], coal[6], 0.0),
        "coal_east_applications": ("Coal export applications the Eastern Polygon did not carry (background)",
                                   "dry_bulk", "rail;sea", coal[3], coal[4], coal[5], coal[6], 0.0),
        "containers_third_asia": ("Containers Russia <-> third Asian countries via the Far East (background)",
                                  "container", "rail;sea", 1900.0,
                                  "derived: CR Express mixed container cargo ~1,900 USD/t (facts 6C)", "medium", 0.20, 0.0),
    }


def demand(g):
    rows = []
    osh = g.SHARES[("RU", "coal")][0]
    for o, s in osh.items():
        rows.append(("coal_third_countries", o, "ASIA", BG_COAL_T * s,
                     f"derived: 101.1 Mt coal eastward 2022 (facts 2A, {R['coal_exp']}) - 68.06 Mt to China (facts 6B) = "
                     f"{BG_COAL_T / 1e6:.2f} Mt; origin share {o} {s:.2f} as China coal (estimate); destinations Korea, "
                     f"Taiwan, India, SE Asia ({R['coal_dest']})", "medium"))
    rows.append(("coal_east_applications", "NSK", "ASIA", COAL_APPLICATIONS_T,
                 f"unserved coal applications to the Eastern Polygon 2022: {COAL_APPLICATIONS_T / 1e6:.0f} Mt "
                 "(Trutnev; Chekunkov says 186 Mt; facts 2A https://www.en.portnews.ru/news/345041/), from Kuzbass "
                 "(estimate: its eastbound quota is the contested one, "
                 "https://fief.ru/en/media/news/kemerovskie-vlasti-i-rzhd-ne-soshlis-v-tsifrakh-po-gruzoperevozkam/); "
                 "served only where capacity is left, at a penalty of the east route plus the "
                 f"{COAL_SPREAD:.0f} USD/t Far East-Baltic price spread", "medium"))
    for (o, d, t) in [("ASIA", "MOW", 2.5e6), ("ASIA", "NSK", 0.7e6), ("ASIA", "YEK", 0.4e6), ("ASIA", "KHV", 0.4e6),
                      ("MOW", "ASIA", 1.0e6), ("NSK", "ASIA", 0.5e6), ("KJA", "ASIA", 0.5e6)]:
        rows.append(("containers_third_asia", o, d, t,
                     f"estimate: {BG_CONT_T / 1e6:.0f} Mt rail-fed third-country containers through the Far Eastern ports "
                     "(2.28 M TEU Far East basin 2022 x 10.3 t/TEU, facts 3A/6C, less China trade and port-local cargo); "
                     "imports 4 Mt / exports 2 Mt and the OD split are estimates", "estimate"))
    return rows


def resources():
    rows = [["EASTERN_POLYGON", "Eastern Polygon export-import capacity to the eastern exits", "section",
             ";".join(EP_MEMBERS), "all", EP_CAPACITY,
             "capacity 144 Mt/yr (end 2021, facts 2A https://portnews.ru/news/334975); members: the loaded eastbound "
             "exits, i.e. the Russian-side rail links into the crossings east of Tayshet and rail->sea at the Far "
             "Eastern ports", "high"],
            ["ZAB_NON_CONTAINER", "Zabaikalsk rail: capacity left to non-container cargo", "slots",
             "crossing:ZAB_MZL_RAIL", "dry_bulk;liquid_bulk;gas;vehicles", ZAB_NON_CONTAINER_T,
             f"estimate: 17.9 Mt (facts 1B) - container-train slots 2.2 Mt (6 agreed trains/day, Jan 2023, "
             f"{R['zab_trains']}, ~1,000 t/train) - {ZAB_TRANSIT_T / 1e6:.1f} Mt China-Europe transit", "estimate"]]
    for p, (t, src, conf) in FE_PORT_T.items():
        rows.append([f"{p}_BERTHS", f"{p} berths and terminals, all cargo", "port_berth", f"port:{p}", "all",
                     round(t * BERTH_HEADROOM),
                     f"estimate: 2022 throughput x {BERTH_HEADROOM} (design capacity not found, facts 7 #14; terminals "
                     f"98% full at the autumn-2022 peak, {R['fe_congestion']}, ~80% over the year); throughput {src}",
                     "estimate"])
        if p in RAIL_PORTS:
            rows.append([f"{p}_RAIL", f"{p} rail access (unloading at the port stations)", "rail_access",
                         f"transfer:{p}_1520_SEA", "all", round(t * (1 - PORT_LOCAL_SHARE) * RAIL_HEADROOM),
                         f"estimate: rail-fed part of the 2022 throughput ({1 - PORT_LOCAL_SHARE:.1%}) x {RAIL_HEADROOM}; "
                         f"throughput {src}", "estimate"])
    rows.append(["VOS_BULK", "Vostochny coal and bulk terminals", "port_berth", "port:VOS", "dry_bulk",
                 round((82.3e6 - 5.8e6) * BERTH_HEADROOM),
                 "estimate: (82.3 Mt - 5.8 Mt containers: VSC 327k TEU Jan-Jul 2022 annualised x 10.3 t/TEU, facts 3A) "
                 f"x {BERTH_HEADROOM}", "estimate"])
    rows.append(["VVO_CONTAINER", "Vladivostok container terminals", "port_berth", "port:VVO", "container",
                 round(13.4e6 * BERTH_HEADROOM),
                 f"estimate: VMTP 13.4 Mt in 2022 ({R['vmtp']}, facts 3A) x {BERTH_HEADROOM}", "estimate"])
    return rows


def preloads():
    rows = [["crossing:NAU_SUK_RAIL", NAU_OWN_T, "", "Russia-Mongolia trade by rail",
             "derived: Naushki 5.7 Mt - 3.1 Mt RU-CN transit (facts 1B)", "medium"],
            ["resource:EASTERN_POLYGON", NAU_OWN_T, "",
             "Russia-Mongolia trade by rail (Naushki is an Eastern Polygon exit; mostly Russian exports)",
             "derived: as the Naushki row", "medium"],
            ["crossing:ZMU_ERH_RAIL", ERH_OWN_T, "MN", "Mongolia-China rail trade and China-Europe transit via Mongolia",
             f"derived: Erenhot ~12.5 Mt 2022 (2023 >15 Mt by 17 Nov, +33.4%, {R['erh_2023']}; estimate for the full "
             "year) - 3.1 Mt RU-CN transit (facts 1B)", "low"],
            ["crossing:DST_ALA_RAIL", round(KZ_OWN_T * 0.56), "KZ", "Kazakhstan-China trade and other transit (Dostyk)",
             f"derived: >23 Mt all KZ-CN rail (facts 1B) - 2.74 Mt RU-CN transit, x 56% Dostyk (Jan-Apr 2024 split "
             f"5.9/4.2 Mt, {R['kz_split']}; estimate)", "low"],
            ["crossing:ALT_KHO_RAIL", round(KZ_OWN_T * 0.44), "KZ", "Kazakhstan-China trade and other transit (Altynkol)",
             "derived: as the Dostyk row, x 44% Altynkol (estimate)", "low"],
            ["crossing:ZAB_MZL_RAIL", round(ZAB_TRANSIT_T * 2 / 3), "CN",
             "China-Europe container trains in transit (Manzhouli), westbound",
             f"estimate: 382k TEU CR Express via Manzhouli 2022 ({R['crx_mzl']}) x 10.2 t/TEU x ~40% transit to "
             "Belarus/EU (split not found, facts 7 #18); 2/3 westbound from China (estimate: about twice as many "
             "loaded containers run westbound)", "estimate"],
            ["crossing:ZAB_MZL_RAIL", round(ZAB_TRANSIT_T / 3), "BY",
             "China-Europe container trains in transit (Manzhouli), eastbound from Belarus/EU",
             "estimate: the remaining 1/3 of the transit estimate", "estimate"],
            ["resource:KOZ_BERTHS", 10e6, "", "Kozmino crude to other buyers",
             "derived: ~42 Mt Kozmino exports (facts 3A) - ~32 Mt to China (the demand's split, estimate)", "low"]]
    for p in RAIL_PORTS:
        t = FE_PORT_T[p][0]
        rows.append([f"resource:{p}_BERTHS", round(t * PORT_LOCAL_SHARE), "", "port cargo no railway brings",
                     PORT_LOCAL_SRC + f"; throughput {FE_PORT_T[p][1]}", "estimate"])
    return rows


def rates():
    # RZD tariff classes (Price List 10-01): coal, ore and other class-1 bulk at a coefficient
    # of 0.55-0.75 of the class-2 rate, oil products and vehicles class 3 at 1.54-1.74.  The
    # 0.03 USD/t-km of the dataset is read as the class-2 (container) rate.
    src = f"RZD tariff class coefficients 2022 ({R['rzd_class']}): class 1 0.55-0.75, class 3 1.54-1.74"
    return [["mode:rail_1520", "dry_bulk", 0.65, src + "; mid-point of class 1 (estimate)", "medium"],
            ["mode:rail_1520", "liquid_bulk", 1.6, src + "; class 3, oil products (estimate within the range)", "medium"],
            ["mode:rail_1520", "vehicles", 1.6, src + "; class 3 (estimate within the range)", "medium"]]


# ------------------------------------------------------------------------------------------
# Hindcast 2023: only 2023 inputs, nothing re-tuned (docs/data/china-russia-2022.md, "Hindcast")
# ------------------------------------------------------------------------------------------
H = {
    "trade": "https://chinaeconomicreview.com/china-russia-trade-hits-record-high-in-2023/",
    "dir": "https://themoscowtimes.com/2024/11/14/russia-china-trade-hits-record-240bln-in-2023",
    "crude": "https://tass.com/economy/1734985",
    "gas": "https://tass.com/economy/1820193",
    "lng": "https://tass.com/economy/1734991",
    "coal": "https://news-pravda.com/world/2024/04/16/440143.html",
    "fert": "https://www.fertilizerdaily.com/20240131-chinese-imports-of-russian-fertilizer-up-70-in-2023/",
    "agri": "https://sqrdapp.com/news/2024/12/704638.html",
    "veh": "https://www.rt.com/business/590395-chinese-cars-exports-russia/",
    "ep_coal": "https://www.vesti.ru/article/4908223",
    "rzd": "https://russiachinaforum.com/tpost/i803u3hl41-the-growth-of-rail-transportation-betwee",
    "ports": "https://www.en.portnews.ru/news/358635/",
    "blg": "https://seanews.ru/en/2023/09/29/en-more-than-50-000-trucks-cross-blagoveschensk-heihe-bridge",
}
# Demand factors 2023 / 2022 by commodity (tonnes): (factor, source).
CN_EXPORT_2023_BN = 76.12 * 1.469       # +46.9 % (GACC)
VEHICLE_FACTOR = (840e3 * 12 / 11) / (153.2e3 + 36e3)   # all vehicles, units: Jan-Nov 2023 annualised / 2022
HINDCAST_DEMAND = {
    "crude_oil": (107.0 / 86.22, f"107 Mt in 2023 ({H['crude']})"),
    "pipeline_gas": (22.7 / 15.5, f"22.7 bcm in 2023 ({H['gas']})"),
    "lng": (8.0 / 6.5, f"8.0 Mt in 2023 ({H['lng']})"),
    "coal": (102.0 / 68.06, f">100 Mt in 2023 ({H['coal']}); 102 Mt (87.2 Mt Jan-Oct GACC annualised ~105, estimate)"),
    "fertilisers": (3.5 / 2.06, f"3.5 Mt in 2023 ({H['fert']})"),
    "agri_food": (8.8 / 4.7, f"RU->CN agri ~8.8 bn USD in 2023 (11.1 bn both ways - 2.3 CN->RU, {H['agri']}) / 4.7 bn 2022"),
    "coal_third_countries": ((118.0 - 102.0) / (101.1 - 68.06),
                             f"coal eastward 118 Mt in 2023 ({H['ep_coal']}) - 102 Mt to China"),
}


def hindcast_changes(ep_links, demand, country):
    """The 2023 scenario as (key, value) change lists, and the factor of CN->RU non-vehicle goods.
    demand: the dataset's demand rows (commodity, origin, ...); country: node id -> country."""
    ch = []
    origins = {}
    for c, o, *_ in demand:
        origins.setdefault((c, country[o]), set()).add(o)
    for c, (f, _) in HINDCAST_DEMAND.items():
        if (c, "CN") in origins:  # a two-way commodity: scale its Russian origins only
            for o in sorted(origins.get((c, "RU"), ())):
                ch.append([("type", "scale_demand"), ("commodity", c), ("origin", o), ("factor", round(f, 6))])
        else:
            ch.append([("type", "scale_demand"), ("commodity", c), ("factor", round(f, 6))])
    # CN->RU: vehicles by units, everything else so that the export total is 111.8 bn USD.
    veh_bn = 3.38 * VEHICLE_FACTOR
    other = (CN_EXPORT_2023_BN - veh_bn) / (76.12 - 3.38)
    ch.append([("type", "scale_demand"), ("commodity", "vehicles"), ("factor", round(VEHICLE_FACTOR, 6))])
    for c in ("machinery", "consumer_goods", "chemicals", "other_goods", "agri_food"):
        for o in sorted(origins.get((c, "CN"), ())):
            ch.append([("type", "scale_demand"), ("commodity", c), ("origin", o), ("factor", round(other, 6))])
    # Power of Siberia carried 22.7 bcm of its 38 bcm plateau (the 2022 state was 15.5 / 38).
    ch.append([("type", "set_crossing_state"), ("crossing", "POS_BLG_PIPE"), ("fraction", round(22.7 / 38, 4))])
    # Capacity at the start of 2023 (the baseline uses the start of 2022: 144 Mt).
    ch.append([("type", "set_capacity"), ("element", "resource:EASTERN_POLYGON"), ("capacity_t_per_year", 158e6)])
    ch += [[("type", "scale_capacity"), ("element", f"link:{l}"), ("factor", round(158 / 144, 6))] for l in ep_links]
    # Bridges open all year, epidemic restrictions lifted (8 Jan 2023, facts 1D).
    ch.append([("type", "open_crossing"), ("crossing", "NLN_TJ_RAIL")])
    ch.append([("type", "set_capacity"), ("element", "crossing:NLN_TJ_RAIL"), ("capacity_t_per_year", 5.5e6)])
    for x in ("BLG_HH_ROAD", "ZAB_MZL_ROAD", "POG_SFH_ROAD", "PLT_DN_ROAD", "KRS_HC_ROAD"):
        ch.append([("type", "open_crossing"), ("crossing", x)])
    # Zabaikalsk container terminal: 4-4.5 -> 8-9 import block trains/day (facts 1B): container slots
    # double (2.2 -> 4.4 Mt), leaving less to non-container cargo.
    ch.append([("type", "set_capacity"), ("element", "resource:ZAB_NON_CONTAINER"),
               ("capacity_t_per_year", round(ZAB_NON_CONTAINER_T - 2.2e6))])
    return ch, other


def observed_2023():
    """Rows of observed-2023.csv: element, metric, period, value_t, target_rel_tol, note, source, confidence."""
    P = "https://dzen.ru/a/ZgDOF9qVTWLSeiT2"
    rows = [
        ["crossing:ZAB_MZL_RAIL", "throughput_both", "2023", 22.0e6, 0.20, "", "https://tass.com/economy/1739339", "high"],
        ["crossing:ZAB_MZL_RAIL", "throughput_ru_cn", "2023", 19.5e6, 0.25, "", "https://tass.com/economy/1739339", "high"],
        ["group:fe_rail_crossings_cn_mn", "throughput_both", "2023", 43.9e6, 0.20,
         "all Far East rail crossings to China and Mongolia", "https://tass.com/economy/1739339", "high"],
        ["crossing:NAU_SUK_RAIL", "throughput_both", "2023", 8.0e6, 0.20, ">8 Mt", "http://baikal24.ru:9004/text/31-01-2024/019", "medium"],
        ["group:mongolia_transit_ru_cn", "trade_throughput_both", "2023", 5.1e6, 0.20, "3.6 RU->CN + 1.5 CN->RU",
         "http://baikal24.ru:9004/text/31-01-2024/019", "medium"],
        ["group:kazakhstan_transit_ru_cn", "trade_throughput_both", "2023", round(495e3 * 10.2), 0.20,
         "454k TEU Jan-Nov 2023 annualised ~495k x 10.2 t/TEU (derived)",
         "https://index1520.com/news/konteynerooborot-rf-i-knr-cherez-kazakhstan-s-nachala-goda-vyros-na-69", "medium"],
        ["group:russian_railways_china", "trade_throughput_both", "2023", 161e6, 0.10, "", H["rzd"], "high"],
        ["crossing:NLN_TJ_RAIL", "throughput_both", "2023", 2.8e6, None, "context: estimate (>2.0 Mt by 25 Aug 2023)",
         "https://biang.ru/ru/economics/gruzooborot-zheleznodorozhnogo-mosta-tunczzyan-nizhneleninskoe-prevyisil-2-mln-tonn.html", "low"],
        ["crossing:BLG_HH_ROAD", "throughput_both", "2023", 0.65e6, None, "context: estimate (H1 2023 ~0.3 Mt x 2)", H["blg"], "low"],
        ["crossing:POS_BLG_PIPE", "throughput_ru_cn", "2023", round(22.7e9 * 0.73 / 1000), None,
         "context: input of the scenario (22.7 bcm)", H["gas"], "high"],
    ]
    for p, v, src in [("VOS", 86.6e6, H["ports"]), ("NAK", 27.6e6, H["ports"]), ("VVO", 33.5e6, H["ports"]),
                      ("VAN", 35.0e6, H["ports"]), ("POS", 6.02e6, P), ("ZRB", 0.84e6, P)]:
        rows.append([f"port:{p}", "throughput_all_cargo", "2023", v, 0.20, "", src, "high"])
    return rows
