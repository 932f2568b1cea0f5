#!/usr/bin/python3
"""Opens a forestmap run's QGIS project in real QGIS (Debian's python3-qgis, headless) and checks it.

Usage: /usr/bin/python3 Scripts/qgis-check.py PROJECT.qgs PNG_DIR [--overview FILE.png]

Debian's own /usr/bin/python3 is the interpreter that sees QGIS's bindings (another python3 first on PATH does
not); QT_QPA_PLATFORM=offscreen is set here when unset. For every layer of the project's layer tree it checks that
the layer is valid and styled (its renderer is categorized or graduated, or a single symbol that is not QGIS's
default: an outline without fill), and, for each GeoPackage table, that QGIS loads the table's default style from
its layer_styles table when the table is opened on its own, and that the table's SLD there loads into QGIS as
rules (one per class at least). Every spatial layer with features is rendered alone
to PNG_DIR/<layer id>.png (600×600, white background) and must not be blank: the pixels that are not white are
counted. --overview renders the whole project (every layer, as the tree stacks them) to one PNG.

Prints one JSON object (the project, a record per layer, and the problems found) and exits 0 when there is no
problem, 1 otherwise, 2 when the project cannot be read.
"""
import json
import os
import sqlite3
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsProject, QgsRectangle,
                       QgsVectorLayer, QgsWkbTypes)
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QColor, QImage

SIZE = 600
CLASSIFIED = ("categorizedSymbol", "graduatedSymbol")


def render(layers, crs, extent, path):
    """Renders `layers` (top first) to `path`; returns the number of pixels that are not white."""
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(crs)
    settings.setOutputSize(QSize(SIZE, SIZE))
    settings.setBackgroundColor(QColor(255, 255, 255))
    if extent.isEmpty():  # a single point
        extent = QgsRectangle(extent.xMinimum() - 50, extent.yMinimum() - 50, extent.xMaximum() + 50, extent.yMaximum() + 50)
    else:
        extent = QgsRectangle(extent)
        extent.scale(1.05)
    settings.setExtent(extent)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage().convertToFormat(QImage.Format_RGB32)
    image.save(path, "PNG")
    bits = image.constBits()
    bits.setsize(image.sizeInBytes())
    pixels = memoryview(bytes(bits)).cast("I")
    return len(pixels) - pixels.tolist().count(0xFFFFFFFF)


def styled(renderer):
    """Whether a renderer is forestmap's, not QGIS's default single symbol."""
    if renderer is None:
        return False
    if renderer.type() in CLASSIFIED:
        return len(renderer.legendSymbolItems()) > 0
    if renderer.type() == "singleSymbol":
        layer = renderer.symbol().symbolLayer(0)
        return hasattr(layer, "brushStyle") and layer.brushStyle() == Qt.NoBrush
    return False


def sld_rules(source):
    """Loads the SLD that `source`'s table keeps in layer_styles into a fresh layer; its number of rules, or an error."""
    path, table = source.split("|layername=")
    row = sqlite3.connect(path).execute("SELECT styleSLD FROM layer_styles WHERE f_table_name = ? AND useAsDefault", (table,)).fetchone()
    if not row or not row[0]:
        return "no SLD"
    with tempfile.NamedTemporaryFile("w", suffix=".sld", encoding="utf-8", delete=False) as f:
        f.write(row[0])
    layer = QgsVectorLayer(source, "sld", "ogr")
    message, ok = layer.loadSldStyle(f.name)
    os.unlink(f.name)
    if not ok or layer.renderer().type() != "RuleRenderer":
        return "SLD not loaded: " + message
    return len(layer.renderer().rootRule().children())


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    project_path, png_dir = argv[1], argv[2]
    overview = argv[argv.index("--overview") + 1] if "--overview" in argv else None
    os.makedirs(png_dir, exist_ok=True)
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    if not project.read(project_path):
        print(json.dumps({"project": project_path, "problems": ["QGIS cannot read the project: " + project.error()]}))
        return 2

    problems, records, defaults = [], [], {}
    tree = project.layerTreeRoot()
    for node in tree.findLayers():
        layer = node.layer()
        group = node.parent().name() if node.parent() is not tree else ""
        record = {"id": node.layerId(), "name": node.name(), "group": group, "valid": bool(layer and layer.isValid())}
        records.append(record)
        if not record["valid"]:
            problems.append("%s: not valid" % node.name())
            continue
        record["source"] = layer.source()
        record["crs"] = layer.crs().authid()
        record["spatial"] = layer.isSpatial()
        record["features"] = layer.featureCount()
        record["labels"] = layer.labelsEnabled()
        if not layer.isSpatial():
            # A table whose declared geometry is "any" and that holds no row: QGIS sees no geometry to draw.
            record["styled"] = None
            continue
        record["renderer"] = layer.renderer().type()
        record["styled"] = styled(layer.renderer())
        if not record["styled"]:
            problems.append("%s: not styled (renderer %s)" % (node.name(), record["renderer"]))
        source = layer.source()
        if ".gpkg" in source and source not in defaults:
            # The table opened on its own, as a user drags it into QGIS: its default style comes from layer_styles.
            alone = QgsVectorLayer(source, "alone", "ogr")
            count = alone.listStylesInDatabase()[0]
            defaults[source] = {"styles_in_database": count, "renderer": alone.renderer().type() if alone.renderer() else None,
                                "styled": styled(alone.renderer()) and alone.renderer().type() in CLASSIFIED}
            rules = sld_rules(source)
            defaults[source]["sld_rules"] = rules
            if not isinstance(rules, int) or rules < len(alone.renderer().legendSymbolItems()):
                problems.append("%s: %s" % (source, rules if not isinstance(rules, int) else "%d SLD rules" % rules))
            if count < 1 or not defaults[source]["styled"]:
                problems.append("%s: no default style from layer_styles (%d styles, renderer %s)" %
                                (source, count, defaults[source]["renderer"]))
        record["default_style"] = defaults.get(source)
        if layer.featureCount() > 0:
            png = os.path.join(png_dir, node.layerId() + ".png")
            record["png"] = png
            record["pixels"] = render([layer], layer.crs(), layer.extent(), png)
            if record["pixels"] == 0:
                problems.append("%s: rendered blank" % node.name())

    result = {"project": project_path, "title": project.title(), "crs": project.crs().authid(), "layers": records,
              "groups": [g.name() for g in tree.children() if g.nodeType() == 0], "problems": problems}
    if overview:
        layers = [n.layer() for n in tree.findLayers() if n.layer() is not None and n.layer().isValid()]
        townships = [l for l in layers if l.id() == "township_boundaries"]
        extent = townships[0].extent() if townships else project.viewSettings().defaultViewExtent()
        result["overview_pixels"] = render(layers, project.crs(), extent, overview)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 1 if problems else 0


if __name__ == "__main__":
    status = main(sys.argv)
    # Without QGIS's teardown: headless QGIS 3.22 may crash in exitQgis() after all is done.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
