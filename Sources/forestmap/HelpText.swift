/// Help text the commands share, as the README's "Exit codes" says it.
enum HelpText {
    /// "Exit codes: 0 …; 2 …; 4 …; 64 …", with a command's own codes after 0.
    static func exitCodes(_ own: String = "") -> String {
        "Exit codes: 0 done\(own.isEmpty ? "" : "; " + own); 2 unusable input (one line naming the file, layer, field or feature); "
            + "4 an output could not be written (the previous output intact); 64 bad usage; 130/143 interrupted (nothing written)."
    }
}
