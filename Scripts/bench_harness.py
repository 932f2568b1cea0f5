"""Times forestmap commands for Scripts/bench: median wall time, peak memory (max RSS of the process) and the
ratio to the read floor, on synthetic pairs made by `forestmap synth`. Standard library only."""
import argparse, datetime, os, platform, shutil, sqlite3, statistics, subprocess, sys, time


def measure(cmd):
    """Runs cmd once; returns (wall seconds, peak RSS in MB)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    err = p.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed: {err.strip()}")
    return wall, usage.ru_maxrss / 1024


def median_of(cmd, runs):
    results = [measure(cmd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


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


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    mem = next((int(l.split()[1]) // 1024 // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({model}), {mem} GiB, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", required=True)
    ap.add_argument("sizes", nargs="+", type=int)
    a = ap.parse_args()
    rows = []
    for n in a.sizes:
        folder = os.path.join(a.work, f"district-{n}")
        # synth: made afresh every time (one run), so the pair is always what this build's synth writes.
        wall, rss = measure([a.bin, "synth", "--subcompartments", str(n), "--seed", "1", "--out", folder, "--overwrite"])
        rows.append((n, "synth (both years, permits, belt, tasks, disasters, targets, truth)", wall, rss, None))
        print(f"{n}: synth {wall:.2f} s, {rss:.0f} MB", flush=True)
        layers = [os.path.join(folder, f"xiaoban_{y}.gpkg") + f"|layername=xiaoban_{y}" for y in (2020, 2021)]
        floor, floor_rss = median_of([a.bin, "read-floor", *layers], a.runs)
        rows.append((n, "read floor (GDAL → GEOS, both years)", floor, floor_rss, 1.0))
        print(f"{n}: read floor {floor:.2f} s, {floor_rss:.0f} MB", flush=True)
        out = os.path.join(a.work, f"run-{n}")
        wall, rss = median_of([a.bin, "run", os.path.join(folder, "forestmap.toml"), "--out", out, "--overwrite"], a.runs)
        rows.append((n, "run (both years: read, validate, area by class, CSV + XLSX)", wall, rss, wall / floor))
        print(f"{n}: run {wall:.2f} s, {rss:.0f} MB, {wall / floor:.2f}x floor", flush=True)
        out = os.path.join(a.work, f"change-{n}")
        wall, rss = median_of([a.bin, "change", "--config", os.path.join(folder, "forestmap.toml"), "--out", out, "--overwrite"], a.runs)
        rows.append((n, "change (both years: overlay where geometry changed, townships, transitions CSV + XLSX)", wall, rss, wall / floor))
        print(f"{n}: change {wall:.2f} s, {rss:.0f} MB, {wall / floor:.2f}x floor", flush=True)
        # update: the first year plus every k-th of synth's polygon patches, so that about 1% of the
        # sub-compartments are patched; its ratio is to the read floor of the first year alone.
        patches = update_sample(os.path.join(folder, "patches_2021.gpkg"), os.path.join(a.work, f"patches-1pct-{n}.gpkg"), n)
        floor0, floor0_rss = median_of([a.bin, "read-floor", layers[0]], a.runs)
        rows.append((n, "read floor (GDAL → GEOS, previous year only)", floor0, floor0_rss, 1.0))
        out = os.path.join(a.work, f"update-{n}")
        wall, rss = median_of([a.bin, "update", "--map", layers[0], "--patches", patches, "--year", "2021", "--out", out, "--overwrite"], a.runs)
        rows.append((n, "update (previous year + 1% patched: cut, slivers, renumber, GeoPackage + ledgers)", wall, rss, wall / floor0))
        print(f"{n}: update {wall:.2f} s, {rss:.0f} MB, {wall / floor0:.2f}x floor (previous year)", flush=True)
        # stats reads one year: its ratio is to the read floor of that layer alone.
        current = layers[1]
        floor1, floor1_rss = median_of([a.bin, "read-floor", current], a.runs)
        rows.append((n, "read floor (GDAL → GEOS, current year only)", floor1, floor1_rss, 1.0))
        print(f"{n}: read floor (current year) {floor1:.2f} s, {floor1_rss:.0f} MB", flush=True)
        out = os.path.join(a.work, f"stats-{n}")
        wall, rss = median_of([a.bin, "stats", "--layer", current, "--townships", os.path.join(folder, "townships.gpkg"),
                               "--out", out, "--overwrite"], a.runs)
        rows.append((n, "stats (current year by township polygons: overlay, CSV + XLSX + GeoPackage)", wall, rss, wall / floor1))
        print(f"{n}: stats {wall:.2f} s, {rss:.0f} MB, {wall / floor1:.2f}x floor (current year)", flush=True)
        # check: the current year against the config's townships (exit 0: the clean layer has warnings only).
        out = os.path.join(a.work, f"check-{n}")
        wall, rss = median_of([a.bin, "check", "--config", os.path.join(folder, "forestmap.toml"), "--out", out, "--overwrite"], a.runs)
        rows.append((n, "check (current year: geometry, overlaps, gaps, townships, attributes; GeoPackage + CSV)", wall, rss, wall / floor1))
        print(f"{n}: check {wall:.2f} s, {rss:.0f} MB, {wall / floor1:.2f}x floor (current year)", flush=True)
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `Scripts/bench` on {datetime.date.today().isoformat()}: {machine()}.",
        f"Each figure is the median of {a.runs} runs (synth: one run) of the release build on a synthetic pair made",
        "by `forestmap synth --seed 1`; memory is the process's peak resident set. This machine is shared and noisy:",
        "read the ratios, not the seconds. Peers (DuckDB spatial, GeoPandas, PostGIS) join the table with the",
        "performance issue.",
        "",
        "| sub-compartments per year | command | median wall (s) | peak memory (MB) | × read floor |",
        "|---:|---|---:|---:|---:|",
    ]
    for n, what, wall, rss, ratio in rows:
        lines.append(f"| {n:,} | {what} | {wall:.2f} | {rss:.0f} | {'' if ratio is None else f'{ratio:.2f}'} |")
    with open(a.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
