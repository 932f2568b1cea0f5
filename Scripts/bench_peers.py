"""The peers of Scripts/bench: the question `forestmap change` answers, asked of a general engine as a GIS analyst
would ask it. Run by bench_harness.py with the venv's python (the bench installs the peers there).

    bench_peers.py duckdb|geopandas|postgis --from GPKG --from-layer NAME --to GPKG --to-layer NAME --out CSV [--pg DSN]
    bench_peers.py duckdb-skilled|postgis-skilled ... --pairs CSV
    bench_peers.py duckdb-read --from GPKG --from-layer NAME --to GPKG --to-layer NAME --out CSV

Each reads both years' layers, intersects every previous sub-compartment with every current one it meets, and sums
the planar area of the pieces by the current year's XIAN and XIANG and the raw land-class pair (previous DI_LEI,
current DI_LEI). It writes that raw cross-tab to CSV (xian, xiang, from_code, to_code, area_m2) and prints one
line with the time of its phases. Mapping the raw code pairs to forestmap's normalised rows is the harness's job.

The skilled peers ask as a skilled user with a code crosswalk writes it: the crosswalk (`forestmap class-pairs`:
previous code, current code, kind; `same` where the normalised classes agree) is loaded as a table and joined in
SQL, so only the pairs whose class changed are intersected. `duckdb-read` is the read limit: DuckDB reading each
layer (`count(*)`, `sum(ST_NPoints(geom))` over `ST_Read`), the two times added.
"""
import argparse, csv, glob, os, subprocess, sys, time

# Read in each engine: the fields the question needs, and the geometry.
FROM_FIELDS = ["DI_LEI"]
TO_FIELDS = ["XIAN", "XIANG", "DI_LEI"]


def sql_text(s):
    return "'" + s.replace("'", "''") + "'"


def duckdb_connection():
    import duckdb
    import duckdb_extension_spatial
    # The extension file the PyPI package ships, for this duckdb version (no download from an extension repository).
    folder = os.path.dirname(duckdb_extension_spatial.__file__)
    ext = os.path.join(folder, "extensions", f"v{duckdb.__version__}", "spatial.duckdb_extension")
    if not os.path.exists(ext):
        sys.exit(f"bench_peers: no spatial extension for duckdb {duckdb.__version__} in {folder}: "
                 f"{glob.glob(os.path.join(folder, 'extensions', '*'))}")
    con = duckdb.connect()
    con.execute(f"LOAD {sql_text(ext)}")
    return con


def load_pairs(con, path):
    """The crosswalk as a table `pairs` (from_code, to_code, kind), in any engine with DB-API executemany."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [(r["from_code"], r["to_code"], r["kind"]) for r in csv.DictReader(f)]
    con.execute("CREATE TEMP TABLE pairs (from_code text, to_code text, kind text)")
    con.executemany("INSERT INTO pairs VALUES (%s, %s, %s)" if "psycopg" in type(con).__module__ else "INSERT INTO pairs VALUES (?, ?, ?)", rows)


def run_duckdb(a):
    t0 = time.perf_counter()
    con = duckdb_connection()
    con.execute(f"CREATE TABLE prev AS SELECT DI_LEI AS from_code, geom FROM ST_Read({sql_text(a.from_path)}, layer={sql_text(a.from_layer)})")
    con.execute(f"CREATE TABLE cur AS SELECT XIAN AS xian, XIANG AS xiang, DI_LEI AS to_code, geom FROM ST_Read({sql_text(a.to_path)}, layer={sql_text(a.to_layer)})")
    t1 = time.perf_counter()
    if a.pairs:
        load_pairs(con, a.pairs)
        # The changed pairs only, through the crosswalk, before any intersection.
        rows = con.execute("""
            SELECT c.xian, c.xiang, p.from_code, c.to_code, SUM(ST_Area(ST_Intersection(p.geom, c.geom))) AS area_m2
            FROM prev p JOIN cur c ON ST_Intersects(p.geom, c.geom)
            JOIN pairs k ON k.from_code = p.from_code AND k.to_code = c.to_code
            WHERE k.kind <> 'same'
            GROUP BY ALL""").fetchall()
    else:
        rows = con.execute("""
            SELECT c.xian, c.xiang, p.from_code, c.to_code, SUM(ST_Area(ST_Intersection(p.geom, c.geom))) AS area_m2
            FROM prev p JOIN cur c ON ST_Intersects(p.geom, c.geom)
            GROUP BY ALL""").fetchall()
    t2 = time.perf_counter()
    return rows, {"read": t1 - t0, "overlay": t2 - t1}


def run_duckdb_read(a):
    """The read limit: each layer read whole by DuckDB's ST_Read (count and vertices, so every geometry is decoded)."""
    con = duckdb_connection()
    phases, counts = {}, []
    for name, path, layer in (("previous", a.from_path, a.from_layer), ("current", a.to_path, a.to_layer)):
        t0 = time.perf_counter()
        counts.append(con.execute(f"SELECT count(*), sum(ST_NPoints(geom)) FROM ST_Read({sql_text(path)}, layer={sql_text(layer)})").fetchone())
        phases[f"read {name}"] = time.perf_counter() - t0
    return [], {**phases, "features": sum(c[0] for c in counts), "vertices": sum(c[1] for c in counts)}


def run_geopandas(a):
    import geopandas as gpd
    t0 = time.perf_counter()
    prev = gpd.read_file(a.from_path, layer=a.from_layer, columns=FROM_FIELDS, engine="pyogrio")
    cur = gpd.read_file(a.to_path, layer=a.to_layer, columns=TO_FIELDS, engine="pyogrio")
    prev = prev.rename(columns={"DI_LEI": "from_code"})
    cur = cur.rename(columns={"XIAN": "xian", "XIANG": "xiang", "DI_LEI": "to_code"})
    t1 = time.perf_counter()
    pieces = gpd.overlay(prev, cur, how="intersection", keep_geom_type=True)
    pieces["area_m2"] = pieces.geometry.area
    table = pieces.groupby(["xian", "xiang", "from_code", "to_code"], dropna=False, as_index=False)["area_m2"].sum()
    t2 = time.perf_counter()
    rows = list(table[["xian", "xiang", "from_code", "to_code", "area_m2"]].itertuples(index=False, name=None))
    return rows, {"read": t1 - t0, "overlay": t2 - t1}


def run_postgis(a):
    import psycopg
    if not a.pg:
        sys.exit("bench_peers: postgis needs --pg 'PG:host=... dbname=...'")
    conninfo = a.pg[3:] if a.pg.startswith("PG:") else a.pg
    t0 = time.perf_counter()
    # Load both years at once with ogr2ogr (COPY, GiST index on the geometry), as a GIS analyst would.
    loads = []
    for path, layer, table, fields in ((a.from_path, a.from_layer, "bench_prev", FROM_FIELDS),
                                       (a.to_path, a.to_layer, "bench_cur", TO_FIELDS)):
        loads.append(subprocess.Popen(
            ["ogr2ogr", "-f", "PostgreSQL", a.pg, path, layer, "-nln", table, "-overwrite", "-select", ",".join(fields),
             "-lco", "GEOMETRY_NAME=geom", "-lco", "SPATIAL_INDEX=GIST", "--config", "PG_USE_COPY", "YES"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    for p in loads:
        _, err = p.communicate()
        if p.returncode != 0:
            sys.exit(f"bench_peers: ogr2ogr failed: {err.decode().strip()}")
    with psycopg.connect(conninfo, autocommit=True) as con:
        con.execute("ANALYZE bench_prev")
        con.execute("ANALYZE bench_cur")
        t1 = time.perf_counter()
        if a.pairs:
            with con.cursor() as cur:
                load_pairs(cur, a.pairs)
                rows = cur.execute("""
                    SELECT c.xian, c.xiang, p.di_lei, c.di_lei, SUM(ST_Area(ST_Intersection(p.geom, c.geom)))
                    FROM bench_prev p JOIN bench_cur c ON ST_Intersects(p.geom, c.geom)
                    JOIN pairs k ON k.from_code = p.di_lei AND k.to_code = c.di_lei
                    WHERE k.kind <> 'same'
                    GROUP BY 1, 2, 3, 4""").fetchall()
        else:
            rows = con.execute("""
                SELECT c.xian, c.xiang, p.di_lei, c.di_lei, SUM(ST_Area(ST_Intersection(p.geom, c.geom)))
                FROM bench_prev p JOIN bench_cur c ON ST_Intersects(p.geom, c.geom)
                GROUP BY 1, 2, 3, 4""").fetchall()
        t2 = time.perf_counter()
        con.execute("DROP TABLE bench_prev; DROP TABLE bench_cur")
    return rows, {"load": t1 - t0, "overlay": t2 - t1}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("peer", choices=["duckdb", "geopandas", "postgis", "duckdb-skilled", "postgis-skilled", "duckdb-read"])
    ap.add_argument("--from", dest="from_path", required=True)
    ap.add_argument("--from-layer", required=True)
    ap.add_argument("--to", dest="to_path", required=True)
    ap.add_argument("--to-layer", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--pg")
    ap.add_argument("--pairs", help="the crosswalk (`forestmap class-pairs` CSV), for the skilled peers")
    a = ap.parse_args()
    if a.peer.endswith("-skilled") and not a.pairs:
        sys.exit("bench_peers: the skilled peers need --pairs CSV")
    if not a.peer.endswith("-skilled"):
        a.pairs = None
    runner = {"duckdb": run_duckdb, "geopandas": run_geopandas, "postgis": run_postgis, "duckdb-skilled": run_duckdb,
              "postgis-skilled": run_postgis, "duckdb-read": run_duckdb_read}[a.peer]
    rows, phases = runner(a)
    with open(a.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["xian", "xiang", "from_code", "to_code", "area_m2"])
        for xian, xiang, from_code, to_code, area in rows:
            w.writerow(["" if xian is None else xian, "" if xiang is None else xiang, from_code, to_code, repr(float(area or 0.0))])
    print("; ".join(f"{k} {v:.2f} s" if isinstance(v, float) else f"{k} {v:,}" for k, v in phases.items()))


if __name__ == "__main__":
    main()
