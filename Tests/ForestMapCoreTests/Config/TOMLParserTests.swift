import Foundation
import XCTest
@testable import ForestMapCore

/// `TOMLParser`: the values of every part of TOML 1.0 a config uses, and each error with its line, column and words.
final class TOMLParserTests: XCTestCase {
    // MARK: Values

    func testCommentsAndBlankLines() throws {
        let text = """
        # a comment

        a = 1 # after a value
        [t] # after a header
        b = "# not a comment"
        """
        XCTAssertEqual(try TOMLParser.parse(text), ["a": 1, "t": ["b": "# not a comment"]])
        XCTAssertEqual(try TOMLParser.parse(""), [:])
        XCTAssertEqual(try TOMLParser.parse("# only a comment"), [:])
    }

    func testBareQuotedAndDottedKeys() throws {
        let text = #"""
        bare_key-1 = 1
        "quoted key" = 2
        'literal "key"' = 3
        "" = 4
        "\u00e9" = 5
        physical.color = "orange"
        physical . shape = "round"
        site."google.com" = true
        3.14 = "pi"
        """#
        XCTAssertEqual(try TOMLParser.parse(text), [
            "bare_key-1": 1, "quoted key": 2, "literal \"key\"": 3, "": 4, "é": 5,
            "physical": ["color": "orange", "shape": "round"], "site": ["google.com": true], "3": ["14": "pi"],
        ])
    }

    func testTables() throws {
        let text = """
        top = 0
        [a]
        x = 1
        [a.b]
        y = 2
        [ c . "d.e" ]
        z = 3
        [f.g.h]
        [f]
        w = 4
        [fruit]
        apple.color = "red"
        [fruit.apple.texture]
        smooth = true
        """
        XCTAssertEqual(try TOMLParser.parse(text), [
            "top": 0, "a": ["x": 1, "b": ["y": 2]], "c": ["d.e": ["z": 3]], "f": ["g": ["h": [:]], "w": 4],
            "fruit": ["apple": ["color": "red", "texture": ["smooth": true]]],
        ])
    }

    func testArraysOfTables() throws {
        let text = """
        [[items]]
        name = "a"
        [items.detail]
        n = 1
        [[items.parts]]
        p = 1
        [[items]]
        [[items]]
        name = "c"
        [[items.parts]]
        p = 2
        """
        XCTAssertEqual(try TOMLParser.parse(text), [
            "items": [["name": "a", "detail": ["n": 1], "parts": [["p": 1]]], [:], ["name": "c", "parts": [["p": 2]]]],
        ])
    }

    func testBasicStringEscapes() throws {
        let text = #"s = "b\b t\t n\n f\f r\r q\" s\\ u\u00E9\u4E2D U\U0001F600""#
        XCTAssertEqual(try TOMLParser.parse(text), ["s": "b\u{8} t\t n\n f\u{C} r\r q\" s\\ ué中 U😀"])
    }

    func testLiteralStrings() throws {
        let text = #"""
        path = 'C:\data\xiaoban.gpkg'
        quoted = 'say "hi"'
        """#
        XCTAssertEqual(try TOMLParser.parse(text), ["path": #"C:\data\xiaoban.gpkg"#, "quoted": "say \"hi\""])
    }

    func testMultilineBasicStrings() throws {
        let text = #"""
        first = """
        Roses are red
        Violets are blue"""
        joined = """\
               The quick brown \

               fox.\
               """
        quotes = """one "" two ""\" three """"
        escapes = """tab\t\u00e9"""
        """#
        XCTAssertEqual(try TOMLParser.parse(text), [
            "first": "Roses are red\nViolets are blue", "joined": "The quick brown fox.",
            "quotes": #"one "" two """ three ""#, "escapes": "tab\té",
        ])
        XCTAssertEqual(try TOMLParser.parse("a = \"\"\"\r\none\r\ntwo \\  \r\n  three\"\"\""), ["a": "one\ntwo three"], "CR LF is read as LF")
    }

    func testMultilineLiteralStrings() throws {
        let text = #"""
        regex = '''I [dw]on't need \d{2} apples'''
        lines = '''
        The first newline is trimmed.
           Other blanks stay.
        '''
        quotes = ''''one' and 'two'''''
        """#
        XCTAssertEqual(try TOMLParser.parse(text), [
            "regex": #"I [dw]on't need \d{2} apples"#, "lines": "The first newline is trimmed.\n   Other blanks stay.\n",
            "quotes": "'one' and 'two''",
        ])
    }

    func testIntegers() throws {
        let text = """
        a = 42
        b = +99
        c = -17
        d = 0
        e = -0
        f = 1_000_000
        g = 0xDEAD_beef
        h = 0o755
        i = 0b1101
        max = 9223372036854775807
        min = -9223372036854775808
        """
        XCTAssertEqual(try TOMLParser.parse(text), [
            "a": 42, "b": 99, "c": -17, "d": 0, "e": 0, "f": 1_000_000, "g": 0xDEADBEEF, "h": 0o755, "i": 0b1101,
            "max": .integer(Int.max), "min": .integer(Int.min),
        ])
    }

    func testFloats() throws {
        let text = """
        a = 3.1415
        b = -0.01
        c = 5e+22
        d = 1E6
        e = -2e-2
        f = 6.626e-34
        g = 224_617.445_991
        h = inf
        i = +inf
        j = -inf
        k = 1.0
        """
        XCTAssertEqual(try TOMLParser.parse(text), [
            "a": 3.1415, "b": -0.01, "c": 5e22, "d": 1e6, "e": -0.02, "f": 6.626e-34, "g": 224_617.445_991,
            "h": .float(.infinity), "i": .float(.infinity), "j": .float(-.infinity), "k": 1.0,
        ])
        let nan = try TOMLParser.parse("a = nan\nb = -nan\nc = -0.0")
        for key in ["a", "b"] {
            guard case .float(let value) = nan[key] else { return XCTFail("\(key) is not a float") }
            XCTAssertTrue(value.isNaN, key)
        }
        guard case .float(let negativeZero) = nan["c"] else { return XCTFail("c is not a float") }
        XCTAssertEqual(negativeZero.sign, .minus)
    }

    func testBooleans() throws {
        XCTAssertEqual(try TOMLParser.parse("a = true\nb = false"), ["a": true, "b": false])
    }

    func testArrays() throws {
        let text = """
        empty = []
        mixed = [1, 2.5, "three", true, [4], { five = 5 }]
        nested = [[1, 2], ["a"], [[]]]
        long = [ # a comment after the bracket
          "x", # after an item
          # a line of its own

          "y",
        ]
        """
        XCTAssertEqual(try TOMLParser.parse(text), [
            "empty": [], "mixed": [1, 2.5, "three", true, [4], ["five": 5]], "nested": [[1, 2], ["a"], [[]]],
            "long": ["x", "y"],
        ])
    }

    func testInlineTables() throws {
        let text = """
        point = { x = 1, y = 2 }
        empty = {}
        nested = { a = { b = 1 }, c.d = "e", c.f = [1, { g = 2 }] }
        grades = { "优秀" = 90, "良好" = 80 }
        """
        XCTAssertEqual(try TOMLParser.parse(text), [
            "point": ["x": 1, "y": 2], "empty": [:], "nested": ["a": ["b": 1], "c": ["d": "e", "f": [1, ["g": 2]]]],
            "grades": ["优秀": 90, "良好": 80],
        ])
    }

    func testByteOrderMarkAndLineEnds() throws {
        XCTAssertEqual(try TOMLParser.parse("\u{FEFF}a = 1\r\n[b]\r\nc = 2\r\n"), ["a": 1, "b": ["c": 2]])
        assertError("\u{FEFF}a = ?", 1, 5, "a value is expected here, found '?'")
    }

    // MARK: Errors

    func testDefiningTwice() {
        assertError("a = 1\na = 2", 2, 1, "the key a is set twice")
        assertError("[t]\n\"a\" = 1\n'a' = 2", 3, 1, "the key t.a is set twice")
        assertError("a = { b = 1, b = 2 }", 1, 14, "the key a.b is set twice")
        assertError("[a]\n[a]", 2, 2, "the table [a] is defined twice")
        assertError("[a]\nb = 1\n[a.b]", 3, 4, "a.b is already set to a value, so it cannot be a table too")
        assertError("a = 1\na.b = 2", 2, 1, "a is already set to a value, so it cannot be a table too")
        assertError("a.b = 1\n[a]", 2, 2, "the table [a] is already defined by dotted keys (a.… = …); it cannot have a header too")
        assertError("[a.b.c]\n[a]\nb.c.d = 1", 3, 3, "the table [a.b.c] has a header of its own; its keys cannot be added with dotted keys from outside it")
        assertError("a = { b = 1 }\n[a.c]", 2, 2, "a is an inline table ({ … }), complete as written; nothing can be added to it")
        assertError("a = { b = 1 }\na.c = 2", 2, 1, "a is an inline table ({ … }), complete as written; nothing can be added to it")
        assertError("a = [1]\n[[a]]", 2, 3, "a is an array written as a value; [[a]] cannot add to it")
        assertError("[[a]]\n[a]", 2, 2, "a is an array of tables; add a table to it with [[a]]")
        assertError("[[x.a]]\n[x]\na.c = 1", 3, 1, "x.a is an array of tables; dotted keys cannot add to it")
        assertError("[a]\n[[a]]", 2, 3, "[[a]] names the table [a], which is not an array of tables")
    }

    func testStringErrors() {
        assertError("a = \"open\nb = 1", 1, 5, "the text in quotes that starts here is not closed with \" on its line")
        assertError("a = 'open", 1, 5, "the text in quotes that starts here is not closed with ' on its line")
        assertError("a = \"\"\"open\n\n", 1, 5, "the text in \"\"\" … that starts here is not closed with \"\"\"")
        assertError("a = '''open", 1, 5, "the text in ''' … that starts here is not closed with '''")
        let escapes = #"the escapes are \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX (write \\ for a backslash, or put the text in 'single quotes')"#
        assertError(#"path = "C:\data""#, 1, 11, "a backslash followed by 'd' is no escape; \(escapes)")
        assertError(#"a = """one \ two""""#, 1, 12, "a backslash followed by U+0020 is no escape; \(escapes)")
        assertError(#"a = "\u12""#, 1, 6, "the escape \\uXXXX needs 4 hexadecimal digits of a Unicode character (not a surrogate, at most 10FFFF)")
        assertError(#"a = "\uD800""#, 1, 6, "the escape \\uXXXX needs 4 hexadecimal digits of a Unicode character (not a surrogate, at most 10FFFF)")
        assertError(#"a = "\U00110000""#, 1, 6, "the escape \\UXXXXXXXX needs 8 hexadecimal digits of a Unicode character (not a surrogate, at most 10FFFF)")
        assertError("a = \"bell\u{7}\"", 1, 10, "the control character U+0007 is not allowed in text in quotes")
        assertError("a = '''x\u{0}'''", 1, 9, "the control character U+0000 is not allowed in text in quotes")
        assertError("a = 1 # \u{1}", 1, 9, "the control character U+0001 is not allowed in a comment")
        assertError("a = 1\rb = 2", 1, 6, "a carriage return (U+000D) stands without a line feed after it; lines end with LF or CR LF")
    }

    func testNumberErrors() {
        assertError("a = 012", 1, 5, "012 is not a value: a number does not start with 0 (write 7, not 07)")
        assertError("a = 1__000", 1, 5, "1__000 is not a value: an underscore in a number must stand between two digits")
        assertError("a = _1", 1, 5, "_1 is not a value: an underscore in a number must stand between two digits")
        assertError("a = +0x10", 1, 5, "+0x10 is not a value: a hexadecimal, octal or binary number takes no sign")
        assertError("a = 0b102", 1, 5, "0b102 is not a value: not a number, true or false; text goes in quotes, as \"0b102\"")
        assertError("a = 9223372036854775808", 1, 5, "9223372036854775808 is not a value: a whole number must be from -9223372036854775808 to 9223372036854775807")
        assertError("a = 0x8000000000000000", 1, 5, "0x8000000000000000 is not a value: a whole number must be from -9223372036854775808 to 9223372036854775807")
        assertError("a = 1.", 1, 5, "1. is not a value: a decimal point needs digits on both sides")
        assertError("a = 1e", 1, 5, "1e is not a value: an exponent needs digits after its e")
        assertError("method = planar", 1, 10, "planar is not a value: not a number, true or false; text goes in quotes, as \"planar\"")
    }

    func testDatesAndTimesAreRefused() {
        let refused = "a date or time is not a value forestmap reads; write a date as text in quotes, e.g. \"2021-12-31\""
        for value in ["2021-01-01", "1979-05-27T07:32:00Z", "1979-05-27 07:32:00", "07:32:00"] {
            assertError("[period]\nfrom = \(value)", 2, 8, refused)
        }
    }

    func testStructureErrors() {
        assertError("a =\nb = 1", 1, 4, "a value is expected here, found the end of the line")
        assertError("a = [1,,2]", 1, 8, "a value is expected here, found ','")
        assertError("key\n", 1, 4, "= is expected after the key key, found the end of the line")
        assertError("a = 1 b = 2", 1, 7, "'b' follows on a line that is complete; a line holds one key = value, or one [table]")
        assertError("[area\nmethod = 1", 1, 6, "the table name area is not closed with ]; found the end of the line")
        assertError("[[a]", 1, 4, "the table name a is not closed with ]]; found ']'")
        assertError("[]", 1, 2, "']' stands where a key or table name starts; a name is letters, digits, _ and -, or text in quotes")
        assertError("a = [1, 2\n", 1, 5, "the array [ … that starts here is not closed with ]")
        assertError("a = [1 2]", 1, 8, "'2' follows an item of an array; a comma or ] is expected")
        assertError("a = { b = 1, }", 1, 14, "an inline table { … } has no comma after its last key = value")
        assertError("a = { b = 1\n}", 1, 5, "the inline table { … } that starts here is not closed with } on its line")
        assertError("a = { b = 1 c = 2 }", 1, 13, "'c' follows a value in an inline table; a comma or } is expected")
        assertError("\"a\nb\" = 1", 1, 1, "the text in quotes that starts here is not closed with \" on its line")
    }

    /// A quoted key with a line end in it stays on one line in a message.
    func testMessagesAreOneLine() {
        assertError("\"a\\nb\" = 1\n\"a\\nb\" = 2", 2, 1, "the key \"a\\u000Ab\" is set twice")
    }

    /// Columns count characters, not bytes.
    func testColumnsCountCharacters() {
        assertError("name = \"花溪区\" x", 1, 14, "'x' follows on a line that is complete; a line holds one key = value, or one [table]")
    }

    func testDeepNestingIsRefused() throws {
        let limit = TOMLParser.maximumNesting
        XCTAssertNoThrow(try TOMLParser.parse("a = " + String(repeating: "[", count: limit - 1) + String(repeating: "]", count: limit - 1)))
        assertError("a = " + String(repeating: "[", count: limit) + String(repeating: "]", count: limit), 1, 4 + limit, "tables and arrays nest more than \(limit) deep here")
        let deepKey = Array(repeating: "k", count: limit + 1).joined(separator: ".")
        assertError("[\(deepKey)]", 1, 2, "tables and arrays nest more than \(limit) deep here")
        assertError("\(deepKey) = 1", 1, 1, "tables and arrays nest more than \(limit) deep here")
    }

    /// Names that made the TOML library this parser replaced stop the whole process (an assertion in toml++) are
    /// one error naming the line and column; strings, multi-line strings and arrays that look like syntax are read
    /// as what they are.
    func testNamesThatOnceStoppedTheProcess() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory())
        let startsNoName = "stands where a key or table name starts; a name is letters, digits, _ and -, or text in quotes"
        for (text, message) in [
            ("[&land_class]\nsystem = \"auto\"\n", "c.toml: line 1, column 2: '&' \(startsNoName)"),
            ("[area]\nmethod = \"planar\"\n[a.&b]\n", "c.toml: line 3, column 4: '&' \(startsNoName)"),
            ("&x = 1\n", "c.toml: line 1, column 1: '&' \(startsNoName)"),
            ("[scoring.items]\nx = { &w = 1 }\n", "c.toml: line 2, column 7: '&' \(startsNoName)"),
            ("[scoring.items]\nx = { weight = 1, %d = 2 }\n", "c.toml: line 2, column 19: '%' \(startsNoName)"),
        ] {
            XCTAssertThrowsError(try ForestMapConfig.parse(text, file: "c.toml", folder: folder)) { e in
                XCTAssertEqual((e as? ForestMapError)?.message, message)
            }
        }
        let fine = """
        [district]
        name = "花溪区 [a] = b"   # a comment [x]
        reporting_unit = '''
        [not a table]
        '''
        [scoring]
        grades = { "优秀" = 90, "良好" = 80 }
        [check.codes]
        qi_yuan = [
          "11", "12",
          "21",
        ]
        """
        let c = try ForestMapConfig.parse(fine, file: "c.toml", folder: folder)
        XCTAssertEqual(c.districtName, "花溪区 [a] = b")
        XCTAssertEqual(c.reportingUnit, "[not a table]\n")
        XCTAssertEqual(c.check.codeTables["qi_yuan"], ["11", "12", "21"])
    }

    private func assertError(_ text: String, _ line: Int, _ column: Int, _ message: String, file: StaticString = #filePath, line testLine: UInt = #line) {
        do {
            let table = try TOMLParser.parse(text)
            XCTFail("parsed as \(table)", file: file, line: testLine)
        } catch {
            XCTAssertEqual(error, TOMLSyntaxError(line: line, column: column, message: message), file: file, line: testLine)
        }
    }
}
