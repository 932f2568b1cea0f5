@testable import ForestMapCore

/// TOML documents with what they parse to, or where they fail: the shared corpus of `TOMLParserCorpusTests` and
/// `TOMLParserFuzzTests`. Every expectation was checked against Python's `tomllib` when written (the same values,
/// types and key order; a failure for each invalid document); the line and column of a failure are this parser's.
enum TOMLCorpus {
    struct Valid {
        let name: String
        let text: String
        let expected: TOMLTable

        init(_ name: String, _ text: String, _ expected: TOMLTable) {
            self.name = name
            self.text = text
            self.expected = expected
        }
    }

    struct Invalid {
        let name: String
        let text: String
        let line: Int
        let column: Int

        init(_ name: String, _ text: String, line: Int, column: Int) {
            self.name = name
            self.text = text
            self.line = line
            self.column = column
        }
    }

    static let valid: [Valid] = [
        Valid("empty", #""#, [:]),
        Valid("comments and blank lines", "# a comment\n\n   # indented comment\n\t\n", [:]),
        Valid("bare keys", #"""
            key = 1
            bare_key = 2
            bare-key = 3
            1234 = 4
            -x- = 5
            """#, ["key": 1, "bare_key": 2, "bare-key": 3, "1234": 4, "-x-": 5]),
        Valid("quoted keys", #"""
            "127.0.0.1" = 1
            "character encoding" = 2
            "ʎǝʞ" = 3
            'key2' = 4
            'quoted "value"' = 5
            "" = 6
            """#, ["127.0.0.1": 1, "character encoding": 2, "ʎǝʞ": 3, "key2": 4, "quoted \"value\"": 5, "": 6]),
        Valid("dotted keys", #"""
            name = "Orange"
            physical.color = "orange"
            physical.shape = "round"
            site."google.com" = true
            """#, ["name": "Orange", "physical": ["color": "orange", "shape": "round"], "site": ["google.com": true]]),
        Valid("blanks around dots", "fruit . color = \"red\"\nfruit.\tflavor = \"sweet\"\n", ["fruit": ["color": "red", "flavor": "sweet"]]),
        Valid("dotted keys out of order", #"""
            apple.type = "fruit"
            orange.type = "fruit"
            apple.skin = "thin"
            orange.skin = "thick"
            """#, ["apple": ["type": "fruit", "skin": "thin"], "orange": ["type": "fruit", "skin": "thick"]]),
        Valid("number-like keys", #"""
            3.14159 = "pi"
            true = 1
            false = 2
            inf = 3
            nan = 4
            -1 = 5
            """#, ["3": ["14159": "pi"], "true": 1, "false": 2, "inf": 3, "nan": 4, "-1": 5]),
        Valid("basic escapes", #"s = "tab\there, quote \" backslash \\ bell? no: \b \f \n \r end""#, ["s": "tab\there, quote \" backslash \\ bell? no: \u{8} \u{C} \n \r end"]),
        Valid("unicode escapes", #"""
            a = "\u00E9\u4e2d"
            b = "\U0001F600 \U00000041"
            """#, ["a": "é中", "b": "😀 A"]),
        Valid("literal strings", #"""
            winpath = 'C:\Users\nodejs\templates'
            winpath2 = '\\ServerX\admin$\system32\'
            quoted = 'Tom "Dubs" Preston-Werner'
            regex = '<\i\c*\s*>'
            """#, [
            "winpath": "C:\\Users\\nodejs\\templates",
            "winpath2": "\\\\ServerX\\admin$\\system32\\",
            "quoted": "Tom \"Dubs\" Preston-Werner",
            "regex": "<\\i\\c*\\s*>",
        ]),
        Valid("strings with comment and bracket characters", ##"""
            a = "# not a comment"
            b = '[x] = y'
            c = "{ d = 1 }" # a comment
            """##, ["a": "# not a comment", "b": "[x] = y", "c": "{ d = 1 }"]),
        Valid("multi-line basic", #"""
            str1 = """
            Roses are red
            Violets are blue"""
            str2 = """one line"""
            """#, ["str1": "Roses are red\nViolets are blue", "str2": "one line"]),
        Valid("multi-line basic line-ending backslash", #"""
            str = """\
                   The quick brown \


                   fox jumps over \
                     the lazy dog.\
                   """
            """#, ["str": "The quick brown fox jumps over the lazy dog."]),
        Valid("multi-line basic quotes inside", #"""
            a = """Here are two quotation marks: "". Simple enough."""
            b = """Here are three quotation marks: ""\"."""
            c = """Here are fifteen quotation marks: ""\"""\"""\"""\"""\"."""
            d = """"This," she said, "is just a pointless statement.""""
            """#, [
            "a": "Here are two quotation marks: \"\". Simple enough.",
            "b": "Here are three quotation marks: \"\"\".",
            "c": "Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\".",
            "d": "\"This,\" she said, \"is just a pointless statement.\"",
        ]),
        Valid("multi-line basic escapes", #"a = """\ttab\n\u00e9 \\ end""""#, ["a": "\ttab\né \\ end"]),
        Valid("multi-line literal", #"""
            regex2 = '''I [dw]on't need \d{2} apples'''
            lines = '''
            The first newline is
            trimmed in raw strings.
               All other whitespace
               is preserved.
            '''
            quot15 = '''Here are fifteen quotation marks: """""""""""""""'''
            apos15 = "Here are fifteen apostrophes: '''''''''''''''"
            str = ''''That,' she said, 'is still pointless.''''
            """#, [
            "regex2": "I [dw]on't need \\d{2} apples",
            "lines": "The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n",
            "quot15": "Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"",
            "apos15": "Here are fifteen apostrophes: '''''''''''''''",
            "str": "'That,' she said, 'is still pointless.'",
        ]),
        Valid("decimal integers", #"""
            int1 = +99
            int2 = 42
            int3 = 0
            int4 = -17
            int5 = 1_000
            int6 = 5_349_221
            int7 = 53_49_221
            int8 = 1_2_3_4_5
            int9 = -0
            int10 = +0
            """#, [
            "int1": 99,
            "int2": 42,
            "int3": 0,
            "int4": -17,
            "int5": 1000,
            "int6": 5349221,
            "int7": 5349221,
            "int8": 12345,
            "int9": 0,
            "int10": 0,
        ]),
        Valid("hex octal binary", #"""
            hex1 = 0xDEADBEEF
            hex2 = 0xdeadbeef
            hex3 = 0xdead_beef
            hex4 = 0x00ff
            oct1 = 0o01234567
            oct2 = 0o755
            bin1 = 0b11010110
            bin2 = 0b0
            """#, [
            "hex1": 3735928559,
            "hex2": 3735928559,
            "hex3": 3735928559,
            "hex4": 255,
            "oct1": 342391,
            "oct2": 493,
            "bin1": 214,
            "bin2": 0,
        ]),
        Valid("integer extremes", #"""
            max = 9223372036854775807
            min = -9223372036854775808
            hexmax = 0x7FFFFFFFFFFFFFFF
            """#, ["max": 9223372036854775807, "min": -9223372036854775808, "hexmax": 9223372036854775807]),
        Valid("floats", #"""
            flt1 = +1.0
            flt2 = 3.1415
            flt3 = -0.01
            flt4 = 5e+22
            flt5 = 1e06
            flt6 = -2E-2
            flt7 = 6.626e-34
            flt8 = 224_617.445_991_228
            flt9 = 0.0
            flt10 = -0.0
            flt11 = +0.0
            flt12 = 1e1_0
            """#, [
            "flt1": 1.0,
            "flt2": 3.1415,
            "flt3": -0.01,
            "flt4": 5e+22,
            "flt5": 1000000.0,
            "flt6": -0.02,
            "flt7": 6.626e-34,
            "flt8": 224617.445991228,
            "flt9": 0.0,
            "flt10": -0.0,
            "flt11": 0.0,
            "flt12": 10000000000.0,
        ]),
        Valid("infinities", #"""
            sf1 = inf
            sf2 = +inf
            sf3 = -inf
            """#, ["sf1": .float(.infinity), "sf2": .float(.infinity), "sf3": .float(-.infinity)]),
        Valid("booleans", #"""
            bool1 = true
            bool2 = false
            """#, ["bool1": true, "bool2": false]),
        Valid("arrays", #"""
            integers = [ 1, 2, 3 ]
            colors = [ "red", "yellow", "green" ]
            nested_arrays_of_ints = [ [ 1, 2 ], [3, 4, 5] ]
            nested_mixed_array = [ [ 1, 2 ], ["a", "b", "c"] ]
            string_array = [ "all", 'strings', """are the same""", '''type''' ]
            numbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]
            """#, [
            "integers": [1, 2, 3],
            "colors": ["red", "yellow", "green"],
            "nested_arrays_of_ints": [[1, 2], [3, 4, 5]],
            "nested_mixed_array": [[1, 2], ["a", "b", "c"]],
            "string_array": ["all", "strings", "are the same", "type"],
            "numbers": [0.1, 0.2, 0.5, 1, 2, 5],
        ]),
        Valid("array with inline tables", #"""
            contributors = [
              "Foo Bar <foo@example.com>",
              { name = "Baz Qux", email = "bazqux@example.com", url = "https://example.com/bazqux" }
            ]
            """#, [
            "contributors": ["Foo Bar <foo@example.com>", ["name": "Baz Qux", "email": "bazqux@example.com", "url": "https://example.com/bazqux"]],
        ]),
        Valid("multi-line arrays with comments and trailing comma", #"""
            integers2 = [
              1, 2, 3
            ]

            integers3 = [
              1,
              2, # this is ok
            ]
            words = [ # opening comment
              "a", # one
              # a line of its own
              "b"
              , "c",
            ]
            """#, ["integers2": [1, 2, 3], "integers3": [1, 2], "words": ["a", "b", "c"]]),
        Valid("empty arrays", #"""
            a = []
            b = [ ]
            c = [[], [[]]]
            d = [
            ]
            """#, ["a": [], "b": [], "c": [[], [[]]], "d": []]),
        Valid("tables", #"""
            [table-1]
            key1 = "some string"
            key2 = 123

            [table-2]
            key1 = "another string"
            key2 = 456
            """#, ["table-1": ["key1": "some string", "key2": 123], "table-2": ["key1": "another string", "key2": 456]]),
        Valid("quoted table names", #"""
            [dog."tater.man"]
            type.name = "pug"
            ['single quoted']
            x = 1
            """#, ["dog": ["tater.man": ["type": ["name": "pug"]]], "single quoted": ["x": 1]]),
        Valid("blanks in headers", #"""
            [a.b.c]
            v = 1
            [ d.e.f ]
            v = 2
            [ g .  h  . i ]
            v = 3
            [ j . "ʞ" . 'l' ]
            v = 4
            """#, [
            "a": ["b": ["c": ["v": 1]]],
            "d": ["e": ["f": ["v": 2]]],
            "g": ["h": ["i": ["v": 3]]],
            "j": ["ʞ": ["l": ["v": 4]]],
        ]),
        Valid("super table after sub-table", #"""
            [x.y.z.w]
            a = 1
            [x]
            b = 2
            """#, ["x": ["y": ["z": ["w": ["a": 1]]], "b": 2]]),
        Valid("tables out of order", #"""
            [fruit.apple]
            color = 1
            [animal]
            legs = 4
            [fruit.orange]
            color = 2
            """#, ["fruit": ["apple": ["color": 1], "orange": ["color": 2]], "animal": ["legs": 4]]),
        Valid("root keys then tables", #"""
            title = "t"
            [owner]
            name = "n"
            [database]
            ports = [ 8000, 8001, 8002 ]
            enabled = true
            """#, ["title": "t", "owner": ["name": "n"], "database": ["ports": [8000, 8001, 8002], "enabled": true]]),
        Valid("header under dotted keys", #"""
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true

            [fruit.apple.texture]
            smooth = true
            """#, ["fruit": ["apple": ["color": "red", "taste": ["sweet": true], "texture": ["smooth": true]]]]),
        Valid("inline tables", #"""
            name = { first = "Tom", last = "Preston-Werner" }
            point = { x = 1, y = 2 }
            animal = { type.name = "pug" }
            empty = {}
            spaced = {  }
            """#, [
            "name": ["first": "Tom", "last": "Preston-Werner"],
            "point": ["x": 1, "y": 2],
            "animal": ["type": ["name": "pug"]],
            "empty": [:],
            "spaced": [:],
        ]),
        Valid("nested inline tables", #"a = { b = { c = 1 }, d = [1, { e = 2 }], f.g.h = "x", f.g.i = 'y' }"#, ["a": ["b": ["c": 1], "d": [1, ["e": 2]], "f": ["g": ["h": "x", "i": "y"]]]]),
        Valid("inline table with multi-line array", #"""
            a = { b = [
              1,
              2,
            ], c = 3 }
            """#, ["a": ["b": [1, 2], "c": 3]]),
        Valid("array of tables", #"""
            [[products]]
            name = "Hammer"
            sku = 738594937

            [[products]]  # empty table within the array

            [[products]]
            name = "Nail"
            sku = 284758393

            color = "gray"
            """#, [
            "products": [["name": "Hammer", "sku": 738594937], [:], ["name": "Nail", "sku": 284758393, "color": "gray"]],
        ]),
        Valid("nested arrays of tables", #"""
            [[fruits]]
            name = "apple"

            [fruits.physical]  # subtable
            color = "red"
            shape = "round"

            [[fruits.varieties]]  # nested array of tables
            name = "red delicious"

            [[fruits.varieties]]
            name = "granny smith"


            [[fruits]]
            name = "banana"

            [[fruits.varieties]]
            name = "plantain"
            """#, [
            "fruits": [["name": "apple", "physical": ["color": "red", "shape": "round"], "varieties": [["name": "red delicious"], ["name": "granny smith"]]], ["name": "banana", "varieties": [["name": "plantain"]]]],
        ]),
        Valid("sub-table in each array element", #"""
            [[a]]
            [a.b]
            x = 1
            [[a]]
            [a.b]
            x = 2
            """#, ["a": [["b": ["x": 1]], ["b": ["x": 2]]]]),
        Valid("CRLF line ends", "a = 1\r\n[b]\r\nc = \"x\" # comment\r\nd = [\r\n  1,\r\n]\r\ne = \"\"\"\r\nline one\r\nline two\"\"\"\r\n", ["a": 1, "b": ["c": "x", "d": [1], "e": "line one\nline two"]]),
        Valid("line-ending backslash with CRLF and trailing blanks", "a = \"\"\"one \\   \r\n   two\"\"\"\n", ["a": "one two"]),
        Valid("tabs as blanks", "\ta\t=\t1\t# tab\n[\tb\t]\n\tc\t=\t[\t1\t,\t2\t]\n", ["a": 1, "b": ["c": [1, 2]]]),
        Valid("Chinese text", #"""
            "花溪区" = "贵阳"
            [district]
            name = "花溪区"   # 区县
            reporting_unit = '贵阳市花溪区林业局'
            """#, ["花溪区": "贵阳", "district": ["name": "花溪区", "reporting_unit": "贵阳市花溪区林业局"]]),
        Valid("no newline at end", #"a = 1"#, ["a": 1]),
        Valid("comment at end without newline", #"a = 1 # end"#, ["a": 1]),
        Valid("implied table given dotted keys from its parent", #"""
            [a.b.c]
            z = 1
            [a]
            b.y = 2
            """#, ["a": ["b": ["c": ["z": 1], "y": 2]]]),
        Valid("a forestmap config", #"""
            # forestmap settings
            [district]
            name = "花溪区"
            code = "520111"
            include_gui_an = true

            [inputs]
            previous = "xiaoban_2020.gpkg|layername=xiaoban"
            current = "xiaoban_2021.gpkg"

            [fields]
            di_lei = "DI_LEI"
            key = ["XIANG", "CUN", "LIN_BAN", "XIAO_BAN"]

            [fields.current]
            di_lei = "DLBM"

            [area]
            method = "ellipsoidal"
            map_unit_mu = 1
            mian_ji_tolerance = 0.01

            [crs]
            towgs84 = [1, 2, 3, 0, 0, 0, 0.5]

            [check.codes]
            qi_yuan = [
              "11", "12",
              "21",
            ]

            [scoring]
            grades = { "优秀" = 90, "良好" = 80, "合格" = 60 }

            [scoring.items.forest_cover]
            weight = 10
            floor_at_zero = false
            """#, [
            "district": ["name": "花溪区", "code": "520111", "include_gui_an": true],
            "inputs": ["previous": "xiaoban_2020.gpkg|layername=xiaoban", "current": "xiaoban_2021.gpkg"],
            "fields": ["di_lei": "DI_LEI", "key": ["XIANG", "CUN", "LIN_BAN", "XIAO_BAN"], "current": ["di_lei": "DLBM"]],
            "area": ["method": "ellipsoidal", "map_unit_mu": 1, "mian_ji_tolerance": 0.01],
            "crs": ["towgs84": [1, 2, 3, 0, 0, 0, 0.5]],
            "check": ["codes": ["qi_yuan": ["11", "12", "21"]]],
            "scoring": ["grades": ["优秀": 90, "良好": 80, "合格": 60], "items": ["forest_cover": ["weight": 10, "floor_at_zero": false]]],
        ]),
    ]

    static let invalid: [Invalid] = [
        Invalid("key set twice", #"""
            a = 1
            a = 2
            """#, line: 2, column: 1),
        Invalid("key set twice through quoting", #"""
            a."b.c" = 1
            "a".'b.c' = 2
            """#, line: 2, column: 5),
        Invalid("table defined twice", #"""
            [a]
            x = 1
            [a]
            y = 2
            """#, line: 3, column: 2),
        Invalid("key then table of that name", #"""
            [a]
            b = 1
            [a.b]
            """#, line: 3, column: 4),
        Invalid("dotted keys then header", #"""
            a.b = 1
            [a]
            """#, line: 2, column: 2),
        Invalid("dotted keys then header within a table", #"""
            [a]
            b.c = 1
            [a.b]
            """#, line: 3, column: 4),
        Invalid("header into an inline table", #"""
            a = { b = 1 }
            [a.c]
            """#, line: 2, column: 2),
        Invalid("dotted key into an inline table", #"""
            a = { b = 1 }
            a.c = 2
            """#, line: 2, column: 1),
        Invalid("array header onto a static array", #"""
            a = [1]
            [[a]]
            """#, line: 2, column: 3),
        Invalid("array of tables then table", #"""
            [[a]]
            [a]
            """#, line: 2, column: 2),
        Invalid("table then array of tables", #"""
            [a]
            [[a]]
            """#, line: 2, column: 3),
        Invalid("dotted keys into a header-defined table", #"""
            [a.b.c]
            z = 9
            [a]
            b.c.t = 1
            """#, line: 4, column: 3),
        Invalid("key set twice in an inline table", #"a = { b = 1, b = 2 }"#, line: 1, column: 14),
        Invalid("inline table extended in itself", #"a = { b = { c = 1 }, b.d = 2 }"#, line: 1, column: 22),
        Invalid("unterminated basic string", #"""
            a = "unterminated
            b = 1
            """#, line: 1, column: 5),
        Invalid("unterminated literal string", #"a = 'unterminated"#, line: 1, column: 5),
        Invalid("unterminated multi-line basic string", #"""
            a = """unterminated

            """#, line: 1, column: 5),
        Invalid("unterminated multi-line literal string", #"a = '''unterminated"#, line: 1, column: 5),
        Invalid("invalid escape", #"path = "C:\data\x.gpkg""#, line: 1, column: 11),
        Invalid("surrogate escape", #"a = "\uD800""#, line: 1, column: 6),
        Invalid("short unicode escape", #"a = "\u12""#, line: 1, column: 6),
        Invalid("escape beyond unicode", #"a = "\U00110000""#, line: 1, column: 6),
        Invalid("backslash-space is no line end", #"a = """one \ two""""#, line: 1, column: 12),
        Invalid("control character in a string", "a = \"bell\u{7}\"\n", line: 1, column: 10),
        Invalid("DEL in a literal string", "a = 'x\u{7F}y'\n", line: 1, column: 7),
        Invalid("control character in a comment", "a = 1 # \u{1}\n", line: 1, column: 9),
        Invalid("lone carriage return", "a = 1\rb = 2\n", line: 1, column: 6),
        Invalid("leading zeros", #"a = 012"#, line: 1, column: 5),
        Invalid("leading zeros in a float", #"a = 03.14"#, line: 1, column: 5),
        Invalid("double underscore", #"a = 1__000"#, line: 1, column: 5),
        Invalid("trailing underscore", #"a = 1_"#, line: 1, column: 5),
        Invalid("underscore before fraction", #"a = 1_.5"#, line: 1, column: 5),
        Invalid("bad hex digit", #"a = 0xG1"#, line: 1, column: 5),
        Invalid("sign on hex", #"a = +0x10"#, line: 1, column: 5),
        Invalid("uppercase hex prefix", #"a = 0X10"#, line: 1, column: 5),
        Invalid("point without fraction", #"a = 1."#, line: 1, column: 5),
        Invalid("point without integer part", #"a = .5"#, line: 1, column: 5),
        Invalid("exponent without digits", #"a = 1e"#, line: 1, column: 5),
        Invalid("point before exponent", #"a = 1.e5"#, line: 1, column: 5),
        Invalid("bare word value", #"method = planar"#, line: 1, column: 10),
        Invalid("misspelt true", #"a = tru"#, line: 1, column: 5),
        Invalid("missing value", #"a ="#, line: 1, column: 4),
        Invalid("two values on a line", #"a = 1 b = 2"#, line: 1, column: 7),
        Invalid("two strings", #"a = "x" "y""#, line: 1, column: 9),
        Invalid("unclosed header", #"""
            [area
            method = 1
            """#, line: 1, column: 6),
        Invalid("unclosed array header", #"[[a]"#, line: 1, column: 4),
        Invalid("empty header", #"[]"#, line: 1, column: 2),
        Invalid("text after header", #"[a] b = 1"#, line: 1, column: 5),
        Invalid("key without value", #"key"#, line: 1, column: 4),
        Invalid("value without key", #"= 1"#, line: 1, column: 1),
        Invalid("unclosed array", #"a = [1, 2"#, line: 1, column: 5),
        Invalid("missing comma in array", #"a = [1 2]"#, line: 1, column: 8),
        Invalid("empty array item", #"a = [,]"#, line: 1, column: 6),
        Invalid("trailing comma in inline table", #"a = { b = 1, }"#, line: 1, column: 14),
        Invalid("newline in inline table", #"""
            a = { b = 1
            }
            """#, line: 1, column: 5),
        Invalid("bad table name", #"""
            [&land_class]
            system = "auto"
            """#, line: 1, column: 2),
        Invalid("bad sub-table name", #"""
            [area]
            method = "planar"
            [a.&b]
            """#, line: 3, column: 4),
        Invalid("bad key", #"&x = 1"#, line: 1, column: 1),
        Invalid("bad key in an inline table", #"""
            [scoring.items]
            x = { &w = 1 }
            """#, line: 2, column: 7),
        Invalid("bad second key in an inline table", #"""
            [scoring.items]
            x = { weight = 1, %d = 2 }
            """#, line: 2, column: 19),
        Invalid("multi-line string as key", #"""
            """a""" = 1
            """#, line: 1, column: 3),
    ]
}
