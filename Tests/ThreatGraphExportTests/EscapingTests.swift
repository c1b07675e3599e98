import Testing
import ThreatGraphExport

@Suite struct EscapingTests {
    @Test(arguments: [
        ("plain", "\"plain\""),
        ("say \"hi\"", #""say \"hi\"""#),
        (#"back\slash"#, #""back\\slash""#),
        ("two\nlines\r\n", "\"two lines  \""),
        ("a & b", "\"a &amp; b\""),
        ("{x|y} <z>", "\"{x|y} <z>\""),
        ("rtl\u{202E}gnp.exe\u{200F}", "\"rtlgnp.exe\""),
        ("bell\u{7}tab\t", "\"belltab \""),
        (#"end\"#, #""end\\""#),
    ])
    func dotQuotedStringsCannotEndEarly(input: String, expected: String) {
        #expect(DOTEscaping.quoted(input) == expected)
    }

    @Test func dotLabelsCleanCutAndJoinLines() {
        #expect(DOTEscaping.label(["a\nb", "c\"d"]) == #""a b\nc\"d""#)
        let long = DOTEscaping.label([String(repeating: "x", count: 5000)], max: 10)
        #expect(long == "\"xxxxxxxxx…\"")
        // A label never contains a raw quote, newline or an odd run of backslashes before its closing quote.
        let hostile = DOTEscaping.label(["\\\"]; evil [label=\"x\"]; \\", "\n}\ndigraph {"])
        #expect(!hostile.dropFirst().dropLast().contains("\n"))
        #expect(hostile.hasSuffix("\""))
        #expect(!hostile.dropLast().hasSuffix("\\") || hostile.dropLast().reversed().prefix { $0 == "\\" }.count % 2 == 0)
    }

    @Test(arguments: [
        ("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        ("a & \"b\"", "a &amp; &quot;b&quot;"),
        ("line\nbreak\u{202E}", "line break"),
    ])
    func htmlLabelsUseEntities(input: String, expected: String) {
        #expect(DOTEscaping.html(input) == expected)
    }

    @Test func dotIDsAreSafeAndInjective() {
        let ids = ["a-b", "a_b", "a.b", "a__b", "a_hb", "LLM01:2025", "AML.T0051.000", "é"]
        let encoded = ids.map { DOTEscaping.id("asset", $0) }
        #expect(Set(encoded).count == ids.count)
        for e in encoded { #expect(e.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" }) }
        #expect(DOTEscaping.id("asset", "chat-api") == "asset_chat_hapi")
    }

    @Test(arguments: [
        ("a|b", #"a\|b"#),
        ("|\u{301}", "\\|\u{301}"),
        ("`code` *em* _u_", #"\`code\` \*em\* \_u\_"#),
        ("<script>", "&lt;script&gt;"),
        ("x\ny\tz", "x y z"),
        ("[link](javascript:x)", #"\[link\]\(javascript:x\)"#),
        ("\u{202E}rtl", "rtl"),
    ])
    func markdownInlineEscapes(input: String, expected: String) {
        #expect(MarkdownEscaping.inline(input) == expected)
    }

    @Test func markdownCellsKeepTheirColumn() {
        for hostile in ["a | b", "\\|", "x\n| y |", "```", "<td>|</td>", "\\\\|"] {
            let row = "| \(MarkdownEscaping.cell(hostile)) | z |"
            #expect(tableCells(row).count == 2, "\(hostile) → \(row)")
        }
        #expect(MarkdownEscaping.cell(String(repeating: "y", count: 5000), max: 20).count == 20)
        #expect(MarkdownEscaping.code("AML.T0051") == "`AML.T0051`")
        #expect(MarkdownEscaping.code("a`b") == #"a\`b"#)
    }

    @Test(arguments: [
        ("say \"hi\"", "say #quot;hi#quot;"),
        ("a|b", "a#124;b"),
        ("x[y]{z}(w)", "x#91;y#93;#123;z#125;#40;w#41;"),
        ("<b>&", "#60;b#62;#38;"),
        ("end; click n1 call x()", "end#59; click n1 call x#40;#41;"),
        ("two\nlines", "two lines"),
        ("#35;", "#35;35#59;"),
        ("`md`", "#96;md#96;"),
    ])
    func mermaidLabelsUseEntityCodes(input: String, expected: String) {
        #expect(MarkdownEscaping.mermaidLabel(input) == expected)
    }
}
