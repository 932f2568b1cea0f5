/// The values written without quotes or brackets: true and false, integers (decimal, 0x, 0o, 0b) and floats
/// (fraction, exponent, inf, nan). Dates and times are refused: no forestmap setting is one.
extension TOMLParser {
    mutating func bareValue() throws(TOMLProblem) -> TOMLValue {
        let start = scanner.offset
        if isAtDateOrTime {
            throw TOMLProblem(at: start, "a date or time is not a value forestmap reads; write a date as text in quotes, e.g. \"2021-12-31\"")
        }
        let word = scanner.take { $0.isBareKeyCharacter || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: ".") }
        switch word {
        case "": throw TOMLProblem(at: start, "a value is expected here, found \(scanner.describeCurrent())")
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: return try number(word, at: start)
        }
    }

    /// Whether a date (`1979-05-27`) or a time (`07:32:00`) starts at the cursor.
    private var isAtDateOrTime: Bool {
        func digits(_ count: Int) -> Bool {
            (0..<count).allSatisfy { scanner.byte(at: scanner.offset + $0)?.isDigit == true }
        }
        return (digits(4) && scanner.byte(at: scanner.offset + 4) == UInt8(ascii: "-"))
            || (digits(2) && scanner.byte(at: scanner.offset + 2) == UInt8(ascii: ":"))
    }

    /// The integer or float `word` (found at `start`) stands for.
    private func number(_ word: String, at start: Int) throws(TOMLProblem) -> TOMLValue {
        func problem(_ reason: String) -> TOMLProblem { TOMLProblem(at: start, "\(word) is not a value: \(reason)") }
        let notANumber = problem("not a number, true or false; text goes in quotes, as \"\(word)\"")
        /// Requires `digits` to be digits of `radix` in groups joined by single underscores (`1_000`).
        func requireDigits(_ digits: Substring, radix: Int = 10, else missing: TOMLProblem) throws(TOMLProblem) {
            guard !digits.isEmpty, digits.allSatisfy({ $0 == "_" || $0.hexDigitValue.map { $0 < radix } == true }) else {
                throw missing
            }
            guard digits.first != "_", digits.last != "_", !digits.contains("__") else {
                throw problem("an underscore in a number must stand between two digits")
            }
        }

        var rest = Substring(word)
        let sign = rest.first == "+" || rest.first == "-" ? rest.removeFirst() : nil
        switch rest {
        case "inf": return .float(sign == "-" ? -.infinity : .infinity)
        case "nan": return .float(.nan)
        default: break
        }
        if let radix = ["0x": 16, "0o": 8, "0b": 2][rest.prefix(2)] {
            let digits = rest.dropFirst(2)
            guard sign == nil else { throw problem("a hexadecimal, octal or binary number takes no sign") }
            try requireDigits(digits, radix: radix, else: notANumber)
            guard let value = Int(digits.filter { $0 != "_" }, radix: radix) else { throw problem(Self.outOfRange) }
            return .integer(value)
        }
        // Decimal: an integer part, then a fraction or an exponent or both for a float.
        let isDecimalDigit = { (c: Character) in c.isASCII && (c.isNumber || c == "_") }
        let integerPart = rest.prefix(while: isDecimalDigit)
        rest = rest.dropFirst(integerPart.count)
        try requireDigits(integerPart, else: notANumber)
        guard integerPart.count == 1 || integerPart.first != "0" else { throw problem("a number does not start with 0 (write 7, not 07)") }
        var isFloat = false
        if rest.first == "." {
            let fraction = rest.dropFirst().prefix(while: isDecimalDigit)
            try requireDigits(fraction, else: problem("a decimal point needs digits on both sides"))
            rest = rest.dropFirst(1 + fraction.count)
            isFloat = true
        }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
            try requireDigits(rest, else: problem("an exponent needs digits after its e"))
            rest = rest.dropFirst(rest.count)
            isFloat = true
        }
        guard rest.isEmpty else { throw notANumber }
        let plain = word.filter { $0 != "_" }
        if isFloat, let value = Double(plain) { return .float(value) }
        guard let value = Int(plain) else { throw problem(Self.outOfRange) }
        return .integer(value)
    }

    private static let outOfRange = "a whole number must be from \(Int.min) to \(Int.max)"
}
