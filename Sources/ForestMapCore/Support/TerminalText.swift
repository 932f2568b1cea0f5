/// Text laid out in columns on a terminal (the summaries commands print).
extension String {
    /// Columns the text takes in a terminal: CJK characters take two.
    package var displayWidth: Int {
        unicodeScalars.reduce(0) { w, s in
            let wide = (0x1100...0x115F).contains(s.value) || (0x2E80...0xA4CF).contains(s.value) ||
                (0xAC00...0xD7A3).contains(s.value) || (0xF900...0xFAFF).contains(s.value) || (0xFF00...0xFF60).contains(s.value)
            return w + (wide ? 2 : 1)
        }
    }

    package func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - displayWidth)) + self
    }

    package func rightPadded(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - displayWidth))
    }
}
