#include "convert/json_array.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "convert/values.hpp"
#include "util/error.hpp"

using m2pg::ConvertError;
using m2pg::convert::array_element_for;
using m2pg::convert::ArrayElement;
using m2pg::convert::ArrayElementKind;
using m2pg::convert::ColumnStats;
using m2pg::convert::encode_json_array;
using m2pg::convert::InvalidUtf8Policy;

using namespace std::string_literals;

namespace {

const ArrayElement kVarchar26 = array_element_for("varchar", 26, false, "character varying(26)[]");
const ArrayElement kText = array_element_for("text", 0, false, "text[]");
const ArrayElement kInt4 = array_element_for("int4", 0, false, "integer[]");
const ArrayElement kNumeric = array_element_for("numeric", 0, false, "numeric[]");

std::string enc(std::string_view json, const ArrayElement& element, ColumnStats& stats,
                InvalidUtf8Policy policy = InvalidUtf8Policy::Fail) {
    std::string out;
    encode_json_array(json.data(), json.size(), element, policy, stats, out);
    return out;
}

std::string enc(std::string_view json, const ArrayElement& element = kText) {
    ColumnStats stats;
    return enc(json, element, stats);
}

std::string error_of(std::string_view json, const ArrayElement& element = kText) {
    try {
        enc(json, element);
    } catch (const ConvertError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("a JSON array of strings becomes an array literal with every element quoted") {
    CHECK(enc(R"(["ab","cd"])") == R"({"ab","cd"})");
    CHECK(enc(R"( [ "ab" , "cd" ] )") == R"({"ab","cd"})");
    CHECK(enc("[]") == "{}");
    CHECK(enc(R"([""])") == R"({""})");
}

TEST_CASE("array syntax characters inside elements are quoted, and NULL is an element only as JSON null") {
    CHECK(enc(R"(["a,b","{c}","NULL",null," x "])") == R"({"a,b","{c}","NULL",NULL," x "})");
}

TEST_CASE("quotes and backslashes are escaped for the array literal, then the literal for COPY") {
    // JSON "q\"t" is q"t: the array literal reads "q\"t", COPY doubles the backslash.
    CHECK(enc(R"(["q\"t"])") == R"({"q\\"t"})");
    // JSON "b\\s" is b\s: array literal "b\\s", each backslash doubled again for COPY.
    CHECK(enc(R"(["b\\s"])") == R"({"b\\\\s"})");
    // Tab and newline become COPY escapes inside the quoted element.
    CHECK(enc(R"(["t\tn\n"])") == R"({"t\tn\n"})");
}

TEST_CASE("unicode escapes and raw UTF-8 arrive as UTF-8, surrogate pairs joined") {
    CHECK(enc(R"(["\u00e9t\u00e9","日本","\ud83d\ude00"])") == "{\"été\",\"日本\",\"\xF0\x9F\x98\x80\"}");
    CHECK(error_of(R"(["\ud83d"])").find("lone UTF-16 surrogate") != std::string::npos);
}

TEST_CASE("\\u0000 escapes and raw NUL bytes are removed and counted") {
    ColumnStats stats;
    CHECK(enc("[\"a\\u0000b\",\"c\0d\"]"s, kText, stats) == R"({"ab","cd"})");
    CHECK(stats.json_nul_escapes_stripped == 1);
    CHECK(stats.nuls_stripped == 1);
}

TEST_CASE("an element longer than varchar(n) in characters fails, naming the element; n multi-byte characters fit") {
    const std::string id = "abcdefghijklmnopqrstuvwxyz";  // 26
    CHECK(enc("[\"" + id + "\"]", kVarchar26) == "{\"" + id + "\"}");
    std::string cyrillic;
    for (int i = 0; i < 26; ++i) cyrillic += "ж";  // 52 bytes, 26 characters
    CHECK(enc("[\"" + cyrillic + "\"]", kVarchar26) == "{\"" + cyrillic + "\"}");
    const auto error = error_of(R"(["ok","3f2b1c9e-8d4a-4b7e-9c21-5a6f0e1d2c3b"])", kVarchar26);
    CHECK(error.find("element 2 of the JSON array has 36 characters, more than the 26 an element of "
                     "character varying(26)[] holds") != std::string::npos);
    CHECK(error.find("3f2b1c9e-8d4a") != std::string::npos);
}

TEST_CASE("anything but an array of scalars fails") {
    CHECK(error_of("").find("not a JSON array; text[] takes an array of strings") != std::string::npos);
    CHECK(error_of(R"({"a":1})").find("not a JSON array") != std::string::npos);
    CHECK(error_of(R"("a")").find("not a JSON array") != std::string::npos);
    CHECK(error_of("null").find("not a JSON array") != std::string::npos);
    CHECK(error_of(R"(["a",["b"]])").find("element 2 of the JSON array is an array; only scalars fit text[]") !=
          std::string::npos);
    CHECK(error_of(R"([{"a":1}])").find("element 1 of the JSON array is an object") != std::string::npos);
    CHECK(error_of(R"(["a",])").find("malformed JSON array") != std::string::npos);
    CHECK(error_of(R"(["a"] x)").find("malformed JSON array") != std::string::npos);
    CHECK(error_of(R"(["a)").find("malformed JSON array") != std::string::npos);
    CHECK(error_of("[\"a\tb\"]").find("malformed JSON array") != std::string::npos);  // raw control character
}

TEST_CASE("an element of the wrong kind fails rather than being converted") {
    CHECK(error_of("[1]").find("element 1 of the JSON array is a number; text[] holds only strings (and null)") !=
          std::string::npos);
    CHECK(error_of("[true]").find("is a boolean") != std::string::npos);
    CHECK(error_of(R"(["1"])", kInt4).find("is a string; integer[] holds only integers") != std::string::npos);
}

TEST_CASE("integer elements are checked against the element type's range and written as they are") {
    CHECK(enc("[1,-2,2147483647,null]", kInt4) == "{1,-2,2147483647,NULL}");
    CHECK(error_of("[2147483648]", kInt4).find("element 1 of the JSON array is out of range for integer[]") !=
          std::string::npos);
    CHECK(error_of("[1.0]", kInt4).find("is not written as an integer") != std::string::npos);
    CHECK(error_of("[1e2]", kInt4).find("is not written as an integer") != std::string::npos);
    CHECK(error_of("[01]", kInt4).find("malformed") != std::string::npos);
    const auto int8 = array_element_for("int8", 0, false, "bigint[]");
    CHECK(enc("[-9223372036854775808]", int8) == "{-9223372036854775808}");
    CHECK(error_of("[9223372036854775808]", int8).find("out of range") != std::string::npos);
}

TEST_CASE("numeric elements keep the number as written") {
    CHECK(enc("[1.50,-2e3,0]", kNumeric) == "{1.50,-2e3,0}");
}

TEST_CASE("element types JSON cannot fill exactly have no element kind") {
    CHECK(array_element_for("float8", 0, false, "double precision[]").kind == ArrayElementKind::None);
    CHECK(array_element_for("numeric", 0, true, "numeric(10,2)[]").kind == ArrayElementKind::None);
    CHECK(array_element_for("bpchar", 5, false, "character(5)[]").kind == ArrayElementKind::None);
    CHECK(array_element_for("bool", 0, false, "boolean[]").kind == ArrayElementKind::None);
    CHECK(kVarchar26.kind == ArrayElementKind::Text);
    CHECK(kVarchar26.max_chars == 26);
}

TEST_CASE("invalid UTF-8 fails under the default policy and is replaced and counted under replace") {
    const std::string bad = "[\"a\xED\xA0\xBD\"]";
    CHECK(error_of(bad).find("invalid UTF-8") != std::string::npos);
    ColumnStats stats;
    CHECK(enc(bad, kText, stats, InvalidUtf8Policy::Replace) == "{\"a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"}");
    CHECK(stats.invalid_utf8_replaced == 3);
}

TEST_CASE("encode_value with Codec::JsonArray uses the context's element and writes NULL as \\N") {
    m2pg::convert::ValueContext context;
    context.array_element = kVarchar26;
    ColumnStats stats;
    std::string out = "x\t";
    const std::string json = R"(["a"])";
    m2pg::convert::encode_value(m2pg::convert::Codec::JsonArray, json.data(), json.size(), context, stats, out);
    CHECK(out == "x\t{\"a\"}");
    out.clear();
    m2pg::convert::encode_value(m2pg::convert::Codec::JsonArray, nullptr, 0, context, stats, out);
    CHECK(out == "\\N");
}
