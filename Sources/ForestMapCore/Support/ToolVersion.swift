/// forestmap's version, printed by `forestmap --version` and recorded in every run's manifest.
public enum ToolVersion {
    public static let current = "0.9.0"
}
