import Foundation

/// `forestmap synth`: writes a synthetic district and a config naming every input into an output folder,
/// all-or-nothing.
public enum SynthRun {
    public static func perform(_ options: SynthOptions, outputFolder: String, overwrite: Bool) throws {
        let folder = try OutputFolder(outputFolder, overwrite: overwrite)
        let summary = try DistrictSynthesizer.write(options, into: folder.staging)
        try Data(config(options).utf8).write(to: folder.file("forestmap.toml"))
        try folder.commit()
        let events = summary.events.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("synthetic district: \(summary.subcompartments) sub-compartments per year, \(summary.townships) townships, seed \(options.seed)")
        print("planted changes: \(events)")
        print("outputs: \(folder.target.path) (\((summary.files + ["forestmap.toml"]).joined(separator: ", ")))")
    }

    /// The config for the synthetic district; paths are relative to the folder it lies in.
    static func config(_ o: SynthOptions) -> String {
        """
        # forestmap config for a synthetic district (forestmap synth --subcompartments \(o.subcompartments) --seed \(o.seed)).
        # Paths are relative to this file. See the README's Settings section for every key.

        [district]
        name = "花溪区"
        code = "520111"
        reporting_unit = "贵阳市花溪区林业局"
        include_gui_an = true

        [inputs]
        previous = "xiaoban_\(o.previousYear).gpkg|layername=xiaoban_\(o.previousYear)"
        current = "xiaoban_\(o.currentYear).gpkg|layername=xiaoban_\(o.currentYear)"
        townships = "townships.gpkg|layername=townships"

        [land_class]
        system = "auto"

        [area]
        method = "ellipsoidal"
        map_unit_mu = 1.0
        inspection_unit_m2 = 400

        [period]
        year = \(o.currentYear)

        """
    }
}
