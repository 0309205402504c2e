import GridModel
import Testing

struct JSONParserTests {
    private func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        try JSONParser.parse(Array(text.utf8))
    }

    @Test func parsesValuesWithOffsets() throws {
        let node = try parse(#"{"a": [1, -2.5e3, true, null], "b": "x\u00e9\n"}"#)
        let items = try #require(node["a"]?.arrayValue)
        #expect(items.count == 4)
        #expect(items[0].doubleValue == 1)
        #expect(items[1].doubleValue == -2500)
        #expect(items[0].offset == 7)
        #expect(node["b"]?.stringValue == "xé\n")
    }

    @Test func surrogatePairsDecode() throws {
        let node = try parse(#"["\ud83d\ude00"]"#)
        #expect(node.arrayValue?[0].stringValue == "😀")
    }

    @Test(arguments: [
        ("{\"a\": 01}", 6, "invalid number; leading zeros are not allowed"),
        ("{\"a\": 1.}", 6, "invalid number; expected a digit after '.'"),
        ("{\"a\": Infinity}", 6, "Infinity is not a JSON number; write a finite number"),
        ("{\"a\": -Infinity}", 6, "-Infinity is not a JSON number; write a finite number"),
        ("{\"a\": \"x}", 6, "string is not closed; add the closing '\"'"),
        ("{\"a\" 1}", 5, "expected ':' after member name \"a\""),
        ("{a: 1}", 1, "expected a member name in double quotes, found 'a'"),
        ("[1, 2", 5, "unexpected end of file inside an array; expected ',' or ']'"),
        ("{} x", 3, "unexpected text after the end of the JSON document"),
        ("[\"\\q\"]", 2, "invalid escape '\\q' in a string"),
        ("[tru]", 1, "invalid literal; expected 'true'"),
    ])
    func syntaxErrors(text: String, offset: Int, message: String) {
        do {
            _ = try parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error == JSONSyntaxError(offset: offset, message: message))
        }
    }

    @Test func lineAndColumn() {
        let source = SourceText(fileName: "f", bytes: Array("ab\ncd\n\nx".utf8))
        #expect(source.lineColumn(of: 0) == (1, 1))
        #expect(source.lineColumn(of: 4) == (2, 2))
        #expect(source.lineColumn(of: 7) == (4, 1))
    }

    @Test func outputRoundTrips() throws {
        let output = JSONOutput.object([("a", .number(0.1)), ("b", .array([.integer(3), .string("q\"\n")])), ("c", .null)])
        let node = try parse(output.rendered())
        #expect(node["a"]?.doubleValue == 0.1)
        #expect(node["b"]?.arrayValue?[1].stringValue == "q\"\n")
    }
}
