import Foundation
import Geo
import ForestMapCore

/// `forestmap cases export`: the register's open cases for the field, all in one new folder (written
/// all-or-nothing):
/// - `cases_核查表.xlsx`: per-township field forms, overdue cases first, each case's history, the drop-downs; filled
///   in, `cases import` reads them back;
/// - `cases.kml`: the open cases for field apps;
/// - `dossiers/<case_id>.html` (办案卷宗, one printable A4 page each) and, when chromium is installed, the same as
///   `dossiers/<case_id>.pdf`.
public enum CaseExport {
    public static let kmlName = "cases.kml"
    public static let dossierFolder = "dossiers"

    public struct Request {
        public var out: String
        public var overwrite = false
        /// Only this township's cases (9-digit code).
        public var township: String?
        /// The day ages and overdue are counted to.
        public var asOf: CaseDate
        /// The settings (`[cases]`, the permit and township layers, the reporting unit); defaults when the register
        /// was named alone.
        public var config: ForestMapConfig
        public var location: SourceReference
        /// Whether the dossiers are also printed as PDF (`--no-pdf`: not).
        public var pdf = true
        /// The browser that prints them; nil: none installed, the dossiers are HTML only (and the outcome says so).
        /// Default: chromium on PATH.
        public var browser: String? = CaseExport.findBrowser()

        public init(out: String, location: SourceReference, config: ForestMapConfig, asOf: CaseDate) {
            self.out = out
            self.location = location
            self.config = config
            self.asOf = asOf
        }
    }

    public struct Outcome: Sendable {
        public var folder: URL
        public var cases: Int
        public var overdue: Int
        public var townships: Int
        public var dossiers: Int
        public var pdfs: Int
        /// Said once when the PDFs were asked for but could not be made (no chromium).
        public var note: String?

        public var summary: String {
            "cases export: \(cases) open cases (\(overdue) overdue) in \(townships) townships → \(folder.path): \(CaseFieldForms.fileName), \(CaseExport.kmlName), "
                + "\(dossiers) dossiers 办案卷宗 (HTML\(pdfs > 0 ? " and PDF" : ""))"
        }
    }

    /// Chromium on PATH (`chromium`, else `chromium-browser`), or nil.
    public static func findBrowser() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in ["chromium", "chromium-browser"] {
            for folder in path.split(separator: ":") where !folder.isEmpty {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    public static func perform(_ request: Request) throws -> Outcome {
        let config = request.config
        let register = try CaseRegister.openExisting(request.location)
        let state = try register.read()
        let cases = CaseListing.cases(state, filter: .open, township: request.township, asOf: request.asOf, settings: config.cases)
        let snapshots = Dictionary(grouping: try register.snapshots(of: Set(cases.map(\.caseID))), by: \.caseID)

        var layers = DossierLayers()
        layers.landClassTables = DossierLayers.landClassTables(snapshots.values.flatMap { $0 }, config: config)
        var toLonLat: CoordinateTransform?
        if let crs = register.spatialReference {
            layers.geographic = crs.isGeographic
            layers.crsLabel = crs.label
            toLonLat = try CoordinateTransform(from: crs, to: SpatialReference(definition: "EPSG:4490"))
            if let permits = config.permits { layers.redLines = try DossierLayers.redLines(permits, config: config, into: crs) }
            if let townships = config.townships {
                layers.townships = try TownshipBoundaries.load(townships, fields: config.townshipFields, districtCode: config.districtCode, into: crs.wkt,
                                                               towgs84: config.towgs84, encoding: config.shapefileEncoding, geometry: config.geometry)
            }
        }

        let inputs = ([request.location] + [config.permits, config.townships].compactMap { $0 }).filter { !$0.isDatabase }.map(\.path)
        let folder = try OutputFolder(request.out, overwrite: request.overwrite, inputs: inputs)
        let tables = CaseFieldForms.tables(cases, state: state, asOf: request.asOf, settings: config.cases, reportingUnit: config.reportingUnit)
        try writing(CaseFieldForms.fileName) { try FiledTable.write(tables, to: folder.file(CaseFieldForms.fileName)) }
        let title = "\(config.districtName)未结案件 open cases \(request.asOf)"
        let kml = try CasesKML.text(cases, state: state, asOf: request.asOf, settings: config.cases, title: title, toLonLat: toLonLat)
        try writing(kmlName) { try Data(kml.utf8).write(to: folder.file(kmlName)) }

        let dossiers = try folder.subfolder(dossierFolder)
        var pages: [URL] = []
        for c in cases {
            let html = try CaseDossier.html(c, history: state.history(of: c.caseID), snapshots: snapshots[c.caseID] ?? [], layers: layers,
                                            asOf: request.asOf, settings: config.cases, reportingUnit: config.reportingUnit)
            let url = dossiers.file("\(c.caseID).html")
            try writing("\(dossierFolder)/\(c.caseID).html") { try Data(html.utf8).write(to: url) }
            pages.append(url)
        }
        var pdfs = 0, note: String?
        if request.pdf, let browser = request.browser {
            try DossierPDF.print(pages, browser: browser)
            pdfs = pages.count
        } else if request.pdf, !pages.isEmpty {
            note = "chromium is not installed: the dossiers are HTML only (open one in a browser and print it, or install chromium and export again for the PDFs)"
        }
        try folder.commit()
        return Outcome(folder: folder.target, cases: cases.count,
                       overdue: cases.filter { $0.isOverdue(asOf: request.asOf, rectificationDays: config.cases.rectificationDays) }.count,
                       townships: Set(cases.map(\.townshipCode)).count, dossiers: pages.count, pdfs: pdfs, note: note)
    }

    private static func writing(_ name: String, _ body: () throws -> Void) throws {
        do { try body() } catch let e as ForestMapError { throw e } catch {
            throw ForestMapError(.cannotWrite, "cannot write \(name): \(error)")
        }
    }
}

/// The dossiers printed to PDF by headless chromium, a few at a time, each beside its HTML (`X.html` → `X.pdf`).
enum DossierPDF {
    static func print(_ pages: [URL], browser: String) throws {
        guard !pages.isEmpty else { return }
        let lanes = min(6, pages.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            for page in stride(from: lane, to: pages.count, by: lanes).map({ pages[$0] }) {
                if let problem = printOne(page, browser: browser) { failures.add(problem); return }
            }
        }
        if let first = failures.first {
            throw ForestMapError(.cannotWrite, "chromium (\(browser)) made no PDF of \(first); nothing was written. Export again, or give --no-pdf for the dossiers as HTML only")
        }
    }

    /// Prints one page; nil when done, else what went wrong.
    static func printOne(_ html: URL, browser: String) -> String? {
        let pdf = html.deletingPathExtension().appendingPathExtension("pdf")
        let fm = FileManager.default
        let profile = fm.temporaryDirectory.appendingPathComponent("forestmap-chromium-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: profile) }
        do { try fm.createDirectory(at: profile, withIntermediateDirectories: true) } catch { return "\(html.lastPathComponent): \(error)" }
        let log = profile.appendingPathComponent("chromium.log")
        guard fm.createFile(atPath: log.path, contents: nil) else { return "\(html.lastPathComponent): cannot write \(log.path)" }
        let process = Process()
        // --no-sandbox: chromium refuses to run as root otherwise; the page is self-contained, no network needed.
        var arguments = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--mute-audio",
                         "--user-data-dir=\(profile.path)", "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString]
        if fm.isExecutableFile(atPath: "/usr/bin/timeout") {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
            arguments.insert("120", at: 0)
        } else {
            process.executableURL = URL(fileURLWithPath: arguments.removeFirst())
        }
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        guard let out = try? FileHandle(forWritingTo: log) else { return "\(html.lastPathComponent): cannot write \(log.path)" }
        defer { try? out.close() }
        process.standardOutput = out
        process.standardError = out
        do { try process.run() } catch { return "\(html.lastPathComponent): \(error.localizedDescription)" }
        process.waitUntilExit()
        let size = (try? fm.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? 0
        guard process.terminationStatus == 0, size > 0 else {
            let tail = TextFile.read(log).map { $0.split(separator: "\n").suffix(5).joined(separator: " | ") } ?? ""
            return "\(html.lastPathComponent) (exit \(process.terminationStatus)\(tail.isEmpty ? "" : ": \(tail)"))"
        }
        return nil
    }

    /// Problems found by the lanes.
    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
        var first: String? { lock.lock(); defer { lock.unlock() }; return list.first }
    }
}
