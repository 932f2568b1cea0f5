"""Times forestmap commands and its peers for Scripts/bench, on synthetic pairs made by `forestmap synth`: median wall
time, peak memory, the ratio to the read floor and the speed-up against the fastest peer. Standard library only; the
peers run in the venv's python (Scripts/bench_peers.py) and must give forestmap's answer, or the bench fails.

The question the peers answer is `forestmap change`'s: the changed area of the two years by township and class pair.
forestmap is run for it as the peers can be asked it: townships from the current year's XIAN + XIANG (no township
polygons) and planar area (`change --from --to --area planar`, no config). Each peer gives a raw cross-tab: area of
every piece by XIAN, XIANG, previous DI_LEI and current DI_LEI. The harness maps each raw code pair through the table
forestmap itself exports (`forestmap class-pairs`: previous code, current code → from_class, to_class, kind, with
`same` for pairs that are no change after normalisation across code systems), drops `same`, sums by township, classes
and kind, and compares every row with forestmap's transitions.csv.
"""
import argparse, csv, datetime, os, platform, re, shutil, sqlite3, statistics, subprocess, sys, threading, time

# Agreement with forestmap's transitions.csv, per row: forestmap writes 4 decimals (±0.00005 ha), engines sum the
# same pieces in another order and some use another GEOS: 1 m² plus a millionth of the row.
TOLERANCE_HA = 0.0001
TOLERANCE_SHARE = 1e-6


def proc_tree(roots):
    """The pids of roots and all their descendants (from /proc)."""
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(name))
    seen, todo = set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid not in seen:
            seen.add(pid)
            todo.extend(children.get(pid, []))
    return seen


def pss_mb(pids):
    """Proportional set size of the processes, summed (shared pages counted once): MB."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += next(int(l.split()[1]) for l in f if l.startswith("Pss:"))
        except (OSError, StopIteration):
            pass
    return total / 1024


def measure(cmd, watch=None):
    """Runs cmd once; returns (wall seconds, peak memory in MB, stdout). Peak memory is the process's peak RSS (its
    waited-for children included); with `watch` (pids of a server), the memory of cmd's process tree plus the
    server's processes is also sampled every 0.2 s (PSS, so shared buffers count once) and the larger figure kept."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak, done = [0.0], threading.Event()

    def sample():
        while not done.wait(0.2):
            peak[0] = max(peak[0], pss_mb(proc_tree([p.pid, *watch])))

    sampler = threading.Thread(target=sample) if watch else None
    if sampler:
        sampler.start()
    streams = {}
    readers = [threading.Thread(target=lambda k=k, f=f: streams.__setitem__(k, f.read())) for k, f in (("out", p.stdout), ("err", p.stderr))]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(p.pid, 0)  # wait4, not communicate: the child's rusage (peak RSS incl. its children)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    done.set()
    for r in readers + ([sampler] if sampler else []):
        r.join()
    out, err = streams["out"], streams["err"]
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed (exit {p.returncode}): {err.decode().strip()}")
    rss = usage.ru_maxrss / 1024
    return wall, max(rss, peak[0]), out.decode()


def median_of(cmd, runs, watch=None):
    results = [measure(cmd, watch) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results), results[-1][2]


def update_sample(source, target, n, layer="patches_2021"):
    """Copies synth's patches keeping every k-th polygon patch (about n / 100 of them) and no record update."""
    shutil.copyfile(source, target)
    con = sqlite3.connect(target)
    fids = [r[0] for r in con.execute(f'SELECT fid FROM "{layer}" WHERE geom IS NOT NULL ORDER BY fid')]
    keep = set(fids[::max(1, round(len(fids) / (n / 100)))])
    con.executemany(f'DELETE FROM "{layer}" WHERE fid = ?', [(r[0],) for r in con.execute(f'SELECT fid FROM "{layer}"').fetchall() if r[0] not in keep])
    con.commit()
    con.close()
    return target + f"|layername={layer}"


def commit():
    """The commit measured, `+` when the work tree has changes (BENCHMARKS.md itself aside: an earlier size's run
    of the bench writes it). Called once, when the harness starts, right after the build."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md"],
                           capture_output=True, text=True).stdout.strip()
    return (head or "unknown") + ("+" if dirty else "")


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    mem = next((int(l.split()[1]) // 1024 // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({model}), {mem} GiB, {platform.system()} {platform.release()}"


# ---- the answers -----------------------------------------------------------------------------------------------

def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def forestmap_answer(path):
    """transitions.csv as {(township, from_class, to_class, kind): ha}."""
    return {(r["township_code"], r["from_class"], r["to_class"], r["kind"]): float(r["area_ha"]) for r in read_csv(path)}


def township(xian, xiang):
    """As forestmap names a township from XIAN and XIANG (README, Settings): the 9-digit code; `unknown` when XIANG
    is empty."""
    xian, xiang = xian.strip(), xiang.strip()
    if not xiang:
        return "unknown"
    if len(xiang) in (9, 12):
        return xiang[:9]
    return xian + xiang.zfill(3) if len(xian) == 6 else xiang.zfill(3)


def peer_answer(path, pairs, peer):
    """A peer's raw cross-tab mapped through forestmap's class pairs: {(township, from_class, to_class, kind): ha}."""
    answer = {}
    for r in read_csv(path):
        m2 = float(r["area_m2"])
        if m2 <= 0:
            continue  # a pair that only touches
        pair = pairs.get((r["from_code"].strip(), r["to_code"].strip()))
        if pair is None:
            sys.exit(f"bench: {peer} found the code pair {r['from_code']} → {r['to_code']}, which `forestmap class-pairs` "
                     "does not list: a code outside the code tables")
        if pair["kind"] == "same":
            continue
        key = (township(r["xian"], r["xiang"]), pair["from_class"], pair["to_class"], pair["kind"])
        answer[key] = answer.get(key, 0.0) + m2 / 10_000
    return answer


def compare(reference, answer, peer):
    """Every row within the tolerance (a row missing on one side counts as 0 ha), or the bench fails."""
    bad = []
    for key in sorted(set(reference) | set(answer)):
        a, b = reference.get(key, 0.0), answer.get(key, 0.0)
        if abs(a - b) > TOLERANCE_HA + TOLERANCE_SHARE * max(abs(a), abs(b)):
            bad.append(f"{'/'.join(key)}: forestmap {a:.4f} ha, {peer} {b:.4f} ha")
    if bad:
        sys.exit(f"bench: {peer} disagrees with forestmap's transitions.csv on {len(bad)} of {len(reference)} rows "
                 f"(tolerance {TOLERANCE_HA} ha + {TOLERANCE_SHARE:g} of the row):\n  " + "\n  ".join(bad[:20]))
    worst = max((abs(reference.get(k, 0.0) - answer.get(k, 0.0)) for k in set(reference) | set(answer)), default=0.0)
    return worst


# ---- the run ----------------------------------------------------------------------------------------------------

def read_floor(binary):
    """The read-floor command: `forestmap-bench read-floor` beside the binary, or (older builds) the hidden
    `forestmap read-floor`."""
    bench = os.path.join(os.path.dirname(os.path.abspath(binary)), "forestmap-bench")
    return [bench, "read-floor"] if os.path.exists(bench) else [binary, "read-floor"]


def has_option(binary, command, option):
    text = subprocess.run([binary, command, "--help"], capture_output=True, text=True).stdout
    return option in text


def has_subcommand(binary, name):
    """Whether `forestmap --help` lists the subcommand (an unknown one falls back to the root help, exit 0)."""
    text = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
    section = text.split("SUBCOMMANDS:", 1)[1] if "SUBCOMMANDS:" in text else ""
    return re.search(rf"^\s+{re.escape(name)}\b", section, re.M) is not None


class Table:
    def __init__(self, n, rate=None):
        self.n, self.rate, self.rows, self.fastest, self.fastest_skilled, self.read_limit = n, rate, [], None, None, None

    def add(self, what, wall, rss, floor=None, note=""):
        self.rows.append({"what": what, "wall": wall, "rss": rss, "floor": floor, "note": note})
        ratio = f", {wall / floor:.2f}x floor" if floor else ""
        print(f"{self.n}: {what.split(' (')[0]} {wall:.2f} s, {rss:.0f} MB{ratio}{'; ' + note if note else ''}", flush=True)


def bench_size(a, n, rate, peers_on, pg_watch, update_on, plain_on=True):
    t = Table(n, rate)
    tag = f"{n}" + (f"-r{rate}" if rate else "")
    folder = os.path.join(a.work, f"district-{tag}")
    # synth: made afresh every time (one run), so the pair is always what this build's synth writes; without the filled
    # 核查表 and patrol reports (--no-field-forms), which would time a change computation inside synth.
    rate_args = ["--change-rate", str(rate)] if rate else []
    wall, rss, _ = measure([a.bin, "synth", "--subcompartments", str(n), "--seed", "1", "--no-field-forms", *rate_args,
                            "--out", folder, "--overwrite"])
    t.add("synth (both years, permits, belt, tasks, disasters, targets, truth)", wall, rss)
    config = os.path.join(folder, "forestmap.toml")
    gpkg = {y: os.path.join(folder, f"xiaoban_{y}.gpkg") for y in (2020, 2021)}
    layers = [f"{gpkg[y]}|layername=xiaoban_{y}" for y in (2020, 2021)]
    out = lambda name: os.path.join(a.work, f"{name}-{tag}")

    floor, floor_rss, _ = median_of([*read_floor(a.bin), *layers], a.runs)
    t.add("read floor (GDAL → GEOS, both years)", floor, floor_rss, floor)
    if has_option(read_floor(a.bin)[0], "read-floor", "--direct"):
        wall, rss, _ = median_of([*read_floor(a.bin), "--direct", *layers], a.runs)
        t.add("forestmap's own read (GeoPackage straight from SQLite → GEOS, both years)", wall, rss, floor)
    wall, rss, _ = median_of([a.bin, "run", config, "--out", out("run"), "--overwrite"], a.runs)
    t.add("run (the annual job: check, change, stats of both years, 附表1/2, report.html, manifest)", wall, rss, floor)
    wall, rss, _ = median_of([a.bin, "change", "--config", config, "--out", out("change"), "--overwrite"], a.runs)
    t.add("change (both years: transitions, change patches, permits, hit list; township polygons, ellipsoidal; every output)",
          wall, rss, floor)
    change_row = t.rows[-1]
    # The peers' question: townships by XIAN + XIANG, planar area (no config: synth's field names are the defaults).
    wall, rss, _ = median_of([a.bin, "change", "--from", layers[0], "--to", layers[1], "--area", "planar",
                              "--out", out("change-xiang"), "--overwrite"], a.runs)
    t.add("change, the peers' question (townships by XIANG, planar area)", wall, rss, floor)
    question_row = t.rows[-1]

    if peers_on:
        pairs_csv = subprocess.run([a.bin, "class-pairs", "--from", layers[0], "--to", layers[1]],
                                   capture_output=True, text=True, check=True).stdout
        pairs = {(r["from_code"], r["to_code"]): r for r in csv.DictReader(pairs_csv.splitlines())}
        reference = forestmap_answer(os.path.join(out("change-xiang"), "transitions.csv"))
        names = {"duckdb": "DuckDB spatial", "geopandas": "GeoPandas overlay", "postgis": "PostGIS"}
        queries = {"duckdb": "ST_Read, spatial join on ST_Intersects, ST_Area(ST_Intersection), GROUP BY",
                   "geopandas": "pyogrio read, overlay(how='intersection'), area, groupby",
                   "postgis": "ogr2ogr load with GiST index, ST_Intersects join, ST_Area(ST_Intersection), GROUP BY"}
        peer_rows = []
        for peer in ("duckdb", "geopandas", "postgis") if plain_on else ():
            answer_csv = out(f"peer-{peer}") + ".csv"
            cmd = [a.python, a.peers, peer, "--from", gpkg[2020], "--from-layer", "xiaoban_2020",
                   "--to", gpkg[2021], "--to-layer", "xiaoban_2021", "--out", answer_csv]
            if peer == "postgis":
                cmd += ["--pg", a.pg_url]
            wall, rss, phases = median_of(cmd, a.peer_runs, pg_watch if peer == "postgis" else None)
            worst = compare(reference, peer_answer(answer_csv, pairs, names[peer]), names[peer])
            note = f"{phases.strip()} (last run); agrees on all {len(reference)} rows, largest difference {worst:.6f} ha"
            t.add(f"{names[peer]} ({queries[peer]})" + (", server memory included" if peer == "postgis" else ""),
                  wall, rss, floor, note)
            peer_rows.append(t.rows[-1])
        fastest = t.fastest = min(peer_rows, key=lambda r: r["wall"]) if peer_rows else None
        if fastest: print(f"{n}: fastest peer {fastest['what'].split(' (')[0]} {fastest['wall']:.2f} s; change is "
              f"{fastest['wall'] / change_row['wall']:.1f}x faster, the peers' question "
              f"{fastest['wall'] / question_row['wall']:.1f}x", flush=True)
        # The skilled peers: the changed pairs filtered through the crosswalk (class-pairs) before intersecting.
        pairs_path = out("class-pairs") + ".csv"
        with open(pairs_path, "w") as f:
            f.write(pairs_csv)
        skilled_rows = []
        for peer in ("duckdb-skilled", "postgis-skilled"):
            answer_csv = out(f"peer-{peer}") + ".csv"
            cmd = [a.python, a.peers, peer, "--from", gpkg[2020], "--from-layer", "xiaoban_2020",
                   "--to", gpkg[2021], "--to-layer", "xiaoban_2021", "--out", answer_csv, "--pairs", pairs_path]
            if peer == "postgis-skilled":
                cmd += ["--pg", a.pg_url]
            name = {"duckdb-skilled": "DuckDB spatial, skilled", "postgis-skilled": "PostGIS, skilled"}[peer]
            wall, rss, phases = median_of(cmd, a.peer_runs, pg_watch if peer == "postgis-skilled" else None)
            worst = compare(reference, peer_answer(answer_csv, pairs, name), name)
            note = f"{phases.strip()} (last run); agrees on all {len(reference)} rows, largest difference {worst:.6f} ha"
            t.add(f"{name} (the crosswalk joined in SQL: only pairs whose class changed are intersected)"
                  + (", server memory included" if peer == "postgis-skilled" else ""), wall, rss, floor, note)
            skilled_rows.append(t.rows[-1])
        t.fastest_skilled = min(skilled_rows, key=lambda r: r["wall"])
        print(f"{n}: fastest skilled peer {t.fastest_skilled['what'].split(' (')[0]} {t.fastest_skilled['wall']:.2f} s; "
              f"change is {t.fastest_skilled['wall'] / change_row['wall']:.1f}x faster", flush=True)
        # The read limit: DuckDB reading both layers (each decoded whole), the two reads' times added.
        limits, rss_limit, text = [], 0.0, ""
        for _ in range(a.runs):
            _, r_rss, text = measure([a.python, a.peers, "duckdb-read", "--from", gpkg[2020], "--from-layer", "xiaoban_2020",
                                      "--to", gpkg[2021], "--to-layer", "xiaoban_2021", "--out", out("peer-duckdb-read") + ".csv"])
            limits.append(sum(float(x) for x in re.findall(r"read \w+ ([0-9.]+) s", text)))
            rss_limit = max(rss_limit, r_rss)
        t.read_limit = statistics.median(limits)
        t.add("read limit (DuckDB ST_Read of both layers, count and vertices; the two reads' times added)", t.read_limit,
              rss_limit, floor, text.strip())

    # stats and check read one year: their ratio is to the read floor of that layer alone.
    current = layers[1]
    floor1, floor1_rss, _ = median_of([*read_floor(a.bin), current], a.runs)
    t.add("read floor (GDAL → GEOS, current year only)", floor1, floor1_rss, floor1)
    wall, rss, _ = median_of([a.bin, "stats", "--layer", current, "--townships", os.path.join(folder, "townships.gpkg"),
                              "--out", out("stats"), "--overwrite"], a.runs)
    t.add("stats (current year by township polygons: overlay, CSV + XLSX + GeoPackage)", wall, rss, floor1)
    # check: the current year against the config's townships (exit 0: the clean layer has warnings only).
    wall, rss, _ = median_of([a.bin, "check", "--config", config, "--out", out("check"), "--overwrite"], a.runs)
    t.add("check (current year: geometry, overlaps, gaps, townships, attributes; GeoPackage + CSV)", wall, rss, floor1)
    # update: the first year plus every k-th of synth's polygon patches, so that about 1% of the sub-compartments are
    # patched; its ratio is to the read floor of the first year alone.
    patches = os.path.join(folder, "patches_2021.gpkg")
    if not update_on:
        print(f"{n}: update skipped: this forestmap has no update command", flush=True)
    elif not os.path.exists(patches):
        print(f"{n}: update skipped: synth wrote no {patches}", flush=True)
    else:
        sample = update_sample(patches, os.path.join(a.work, f"patches-1pct-{n}.gpkg"), n)
        floor0, floor0_rss, _ = median_of([*read_floor(a.bin), layers[0]], a.runs)
        t.add("read floor (GDAL → GEOS, previous year only)", floor0, floor0_rss, floor0)
        wall, rss, _ = median_of([a.bin, "update", "--map", layers[0], "--patches", sample, "--year", "2021",
                                  "--out", out("update"), "--overwrite"], a.runs)
        t.add("update (previous year + 1% patched: cut, slivers, renumber, GeoPackage + ledgers)", wall, rss, floor0)
    return t


def section(t, a, peers_on, versions, measured):
    pair = f", realistic change (`synth --change-rate {t.rate}`)" if t.rate else ", synth's own change rate"
    lines = [f"## {t.n:,} sub-compartments per year{pair}", "", f"<!-- bench size {t.n}{'-r' + str(t.rate) if t.rate else ''} -->",
             f"Measured by `Scripts/bench` on {datetime.date.today().isoformat()} at commit {measured}: {machine()}; "
             f"median of {a.runs} runs (synth: one run" + (f"; each peer: {a.peer_runs}" if peers_on and a.peer_runs != a.runs else "") + ").", ""]
    if peers_on:
        only = "" if t.fastest else (" The plain peers were not run at this size (`--skilled-max`: they take minutes "
                                     "each); the skilled peers and the read limit were.")
        lines += [f"Peers: {versions}. Each peer's answer was checked against forestmap's transitions.csv (peers' "
                  f"question) row by row and agreed.{only}", ""]
    column = peers_on and t.fastest is not None
    head = "| command | median wall (s) | peak memory (MB) | × read floor |" + (" fastest peer ÷ this |" if column else "")
    lines += [head, "|---|---:|---:|---:|" + ("---:|" if column else "")]
    for r in t.rows:
        ratio = "" if r["floor"] is None else f"{r['wall'] / r['floor']:.2f}"
        what = r["what"] + (f" — {r['note']}" if r["note"] else "")
        cells = [what, f"{r['wall']:.2f}", f"{r['rss']:.0f}", ratio]
        if column:
            timed = not r["what"].startswith(("synth", "read floor", "read limit"))
            cells.append(f"{t.fastest['wall'] / r['wall']:.1f}" if timed else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines + [""] + targets(t)) + "\n"


def targets(t):
    """The performance issue's targets for this size, each with its measured figure and whether it is met."""
    def row(prefix):
        return next((r for r in t.rows if r["what"].startswith(prefix)), None)
    change, stats, check, update = row("change ("), row("stats"), row("check"), row("update")
    own_read, run = row("forestmap's own read"), row("run (")
    found = []
    def target(text, value, met):
        found.append(f"- {text}: {value} — {'met' if met else 'not met'}")
    if change and t.fastest_skilled:
        speed = t.fastest_skilled["wall"] / change["wall"]
        target("change ≥ 15× faster than the fastest skilled peer", f"{speed:.1f}×", speed >= 15)
    elif change:
        found.append("- change ≥ 15× faster than the fastest skilled peer: peers not run at this size")
    if change and t.read_limit:
        target("change within 3× of the read limit", f"{change['wall'] / t.read_limit:.2f}×", change["wall"] <= 3 * t.read_limit)
    if own_read and t.read_limit:
        target("forestmap's own read within 1.5× of the read limit", f"{own_read['wall'] / t.read_limit:.2f}×", own_read["wall"] <= 1.5 * t.read_limit)
    if change:
        target("change within 3× of the read floor", f"{change['wall'] / change['floor']:.2f}×", change["wall"] <= 3 * change["floor"])
    for r, most in ((update, 3), (check, 3), (stats, 2)):
        if r:
            name = r["what"].split(" (")[0]
            target(f"{name} within {most}× of its read floor", f"{r['wall'] / r['floor']:.2f}×", r["wall"] <= most * r["floor"])
    if t.n >= 1_000_000:
        if change:
            target("change peak memory ≤ 1 GB", f"{change['rss']:.0f} MB", change["rss"] <= 1024)
        if run:
            target("run peak memory ≤ 1.5 GB", f"{run['rss']:.0f} MB", run["rss"] <= 1536)
    return ["Targets of the performance issue at this size (a benchmark figure, never a timed test):"] + found if found else []


HEADER = """# Benchmarks

Measured by `Scripts/bench` (see the README's Performance section). Every figure is the median wall time of the
release build on a synthetic pair made by `forestmap synth --seed 1`; memory is the peak resident set of the process
(for the peers its children too, and for PostGIS the server's processes, sampled as PSS). This machine is shared with
other builds and noisy: read the ratios, not the seconds.

- **× read floor**: wall time over reading the same layers through GDAL into GEOS and nothing else (both years for
  the two-year commands and the peers, one year for stats and check, the previous year for update). The floor reads
  through GDAL's feature API, as issue #10 defines it; forestmap itself reads GeoPackage tables straight from SQLite
  (the same features, tested against GDAL's), which is cheaper: its own read of the same layers is the row below
  the floor.
- **fastest peer ÷ this**: how many times faster than the fastest peer (DuckDB spatial, GeoPandas, PostGIS). The peers
  answer `change`'s question only — changed area by township and class pair, every piece of the two years' overlay —
  asked with townships from XIAN + XIANG and planar area; forestmap's row for that question is "change, the peers'
  question". For the other commands the column only sets their time beside the same yardstick.
- **skilled peers**: DuckDB and PostGIS asked as a skilled user with a code crosswalk asks: the crosswalk
  (`forestmap class-pairs`) is a table joined in SQL, so only the pairs whose class changed are intersected. The
  performance targets compare `change` with the faster of them.
- **read limit**: DuckDB reading both layers (`SELECT count(*), sum(ST_NPoints(geom)) FROM ST_Read(…)` per layer,
  the two times added): how fast the bytes can be read at all.
- Each size is measured on two pairs: synth's own change rate (events in about 2.4% of the stands, 8% of the villages
  re-surveyed: about a tenth of the polygons differ) and a realistic annual one (`synth --change-rate 0.025`).
- The peers' raw cross-tab (XIAN, XIANG, previous DI_LEI, current DI_LEI, area) is mapped to forestmap's rows through
  `forestmap class-pairs` (what `change` makes of each code pair: the years use the old 4-digit and the new 6-digit
  codes), and must agree with transitions.csv on every row within 0.0001 ha + 1e-6 of the row, or the bench fails.
"""


def write_benchmarks(path, sections):
    """Replaces the sections of the sizes (and pairs) measured now; keeps the others as they were measured (with their
    date), and after them the sections written by hand (no bench marker), in their order."""
    old = open(path).read() if os.path.exists(path) else ""
    kept, by_hand = {}, []
    for part in re.split(r"(?m)^(?=## )", old)[1:]:
        m = re.search(r"<!-- bench size (\d+)(?:-r([0-9.]+))? -->", part)
        if m:
            kept[(int(m.group(1)), float(m.group(2) or 0))] = part.rstrip("\n") + "\n"
        else:
            by_hand.append(part.rstrip("\n") + "\n")
    kept.update(sections)
    with open(path, "w") as f:
        f.write(HEADER + "".join("\n" + kept[n] for n in sorted(kept)) + "".join("\n" + p for p in by_hand))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--peer-runs", type=int, help="runs of each peer (default: --runs; a peer takes minutes at 1M)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--python", help="the venv's python, with the peers installed")
    ap.add_argument("--peers", help="Scripts/bench_peers.py")
    ap.add_argument("--peers-max", type=int, default=100_000, help="run the peers at sizes up to this (0: never)")
    ap.add_argument("--skilled-max", type=int, default=0,
                    help="above --peers-max, run the skilled peers and the read limit (not the plain peers) up to this size")
    ap.add_argument("--pg-url", help="the PostGIS server's PG: connection string")
    ap.add_argument("--pg-pid", type=int, help="the postmaster's pid, to count the server's memory")
    ap.add_argument("--change-rate", type=float, action="append", default=[],
                    help="also bench the pair synth makes with --change-rate R (repeatable); synth's own pair always")
    ap.add_argument("sizes", nargs="+", type=int)
    a = ap.parse_args()
    a.peer_runs = a.peer_runs or a.runs
    measured = commit()
    update_on = has_subcommand(a.bin, "update")
    versions = ""
    if a.python and any(n <= max(a.peers_max, a.skilled_max) for n in a.sizes):
        versions = subprocess.run([a.python, "-c", "import duckdb, geopandas, shapely, pyogrio, psycopg; "
                                   "print(f'duckdb {duckdb.__version__} with its spatial extension, geopandas {geopandas.__version__} "
                                   "(shapely {shapely.__version__}, GEOS {shapely.geos_version_string}, pyogrio {pyogrio.__version__})')"],
                                  capture_output=True, text=True, check=True).stdout.strip()
        pg = subprocess.run(["psql", "-XtAc", "SELECT 'PostgreSQL ' || current_setting('server_version') || ', PostGIS ' || postgis_lib_version() || ' (GEOS ' || postgis_geos_version() || ')'",
                             a.pg_url[3:]], capture_output=True, text=True, check=True).stdout.strip()
        versions += f", {pg}"
    sections = {}
    for n in a.sizes:
        for rate in [None, *a.change_rate]:
            peers_on = bool(a.python) and n <= max(a.peers_max, a.skilled_max)
            pg_watch = [a.pg_pid] if a.pg_pid else []
            t = bench_size(a, n, rate, peers_on, pg_watch, update_on, plain_on=n <= a.peers_max)
            sections[(n, rate or 0.0)] = section(t, a, peers_on, versions, measured)
    write_benchmarks(a.out, sections)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
