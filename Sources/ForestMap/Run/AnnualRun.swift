import Foundation

/// `forestmap run`: the annual run on the inputs a config names. For now it reports both years' area by land
/// class; the check, statistics, change and assessment steps join it as they are built.
public enum AnnualRun {
    public static func perform(config: ForestMapConfig, outputFolder: String?, overwrite: Bool) throws {
        guard let path = outputFolder ?? config.outputFolder else {
            throw ForestMapError.input("no output folder: give --out DIR or set [output] folder in the config")
        }
        let folder = try OutputFolder(path, overwrite: overwrite)
        let report = try LandClassAreaReport.compute(config: config)
        try report.write(into: folder, reportingUnit: config.reportingUnit, date: Self.today())
        try folder.commit()
        print(report.text)
        print("outputs: \(folder.target.path) (landclass_area.csv, landclass_area.xlsx)")
    }

    /// Today's date as filed tables print it: 2021-12-31.
    static func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }
}
