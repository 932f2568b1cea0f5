extension Int {
    /// The number in at least `width` digits, zeros in front: 7 → "0007" (sub-compartment and patch numbers).
    package func zeroPadded(_ width: Int) -> String {
        let text = String(self)
        return String(repeating: "0", count: Swift.max(0, width - text.count)) + text
    }
}
