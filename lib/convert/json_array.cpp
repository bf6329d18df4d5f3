#include "convert/json_array.hpp"

#include <charconv>
#include <cstring>
#include <limits>
#include <string_view>

#include "convert/json_scan.hpp"
#include "util/error.hpp"

namespace m2pg::convert {

namespace {

[[noreturn]] void fail(const std::string& what, std::string_view shown) {
    throw ConvertError(Where{}, what + ": '" + excerpt(shown, 80) + "'");
}

const char* kind_words(ArrayElementKind kind) {
    switch (kind) {
        case ArrayElementKind::Text: return "strings";
        case ArrayElementKind::Integer: return "integers";
        case ArrayElementKind::Numeric: return "numbers";
        case ArrayElementKind::None: break;
    }
    return "nothing";
}

std::size_t count_chars(std::string_view utf8) {
    std::size_t n = 0;
    for (char c : utf8)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

// Reads the array over `json` (valid UTF-8, no NUL byte) and writes the Postgres array
// literal, before COPY escaping, into `literal`.
class ArrayReader {
public:
    ArrayReader(std::string_view json, std::string_view original, const ArrayElement& element, ColumnStats& stats)
        : s_(json), original_(original), element_(element), stats_(stats) {}

    void read(std::string& literal) {
        skip_space();
        if (pos_ >= s_.size() || s_[pos_] != '[')
            fail("not a JSON array; " + element_.pg_type + " takes an array of " + kind_words(element_.kind), original_);
        ++pos_;
        literal += '{';
        skip_space();
        if (pos_ < s_.size() && s_[pos_] == ']') {
            ++pos_;
        } else {
            for (std::size_t index = 1;; ++index) {
                if (index > 1) literal += ',';
                element(index, literal);
                skip_space();
                if (pos_ >= s_.size()) malformed();
                const char c = s_[pos_++];
                if (c == ']') break;
                if (c != ',') malformed();
            }
        }
        literal += '}';
        skip_space();
        if (pos_ != s_.size()) malformed();
    }

private:
    [[noreturn]] void malformed() { fail("malformed JSON array (at byte " + std::to_string(pos_) + ")", original_); }

    void skip_space() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }

    std::string at(std::size_t index) const { return "element " + std::to_string(index) + " of the JSON array"; }

    [[noreturn]] void wrong_kind(std::size_t index, const char* what, std::string_view shown) const {
        fail(at(index) + " is " + what + "; " + element_.pg_type + " holds only " + kind_words(element_.kind) +
                 " (and null)",
             shown);
    }

    void element(std::size_t index, std::string& literal) {
        skip_space();
        if (pos_ >= s_.size()) malformed();
        const char c = s_[pos_];
        const std::size_t start = pos_;
        if (c == '"') {
            string(index, literal);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            number(index, literal);
        } else if (word("null")) {
            literal += "NULL";
        } else if (word("true") || word("false")) {
            wrong_kind(index, "a boolean", s_.substr(start, pos_ - start));
        } else if (c == '[' || c == '{') {
            fail(at(index) + " is " + (c == '[' ? "an array" : "an object") + "; only scalars fit " + element_.pg_type,
                 s_.substr(start));
        } else {
            malformed();
        }
    }

    bool word(std::string_view w) {
        if (s_.substr(pos_, w.size()) != w) return false;
        pos_ += w.size();
        return true;
    }

    // A JSON string, decoded, then quoted for array syntax: " and \ escaped by a backslash.
    void string(std::size_t index, std::string& literal) {
        const std::size_t start = pos_;
        value_.clear();
        switch (read_json_string(s_, pos_, value_, stats_.json_nul_escapes_stripped)) {
            case JsonScan::Ok: break;
            case JsonScan::LoneSurrogate: fail(at(index) + " holds a lone UTF-16 surrogate", s_.substr(start));
            case JsonScan::Malformed: malformed();
        }
        if (element_.kind != ArrayElementKind::Text) wrong_kind(index, "a string", s_.substr(start, pos_ - start));
        if (element_.max_chars > 0) {
            const std::size_t chars = count_chars(value_);
            if (chars > static_cast<std::size_t>(element_.max_chars))
                fail(at(index) + " has " + std::to_string(chars) + " characters, more than the " +
                         std::to_string(element_.max_chars) + " an element of " + element_.pg_type + " holds",
                     value_);
        }
        literal += '"';
        for (char v : value_) {
            if (v == '"' || v == '\\') literal += '\\';
            literal += v;
        }
        literal += '"';
    }

    // A JSON number: as written for numeric, an integer in range for an integer element.
    void number(std::size_t index, std::string& literal) {
        const auto number = read_json_number(s_, pos_);
        if (!number) malformed();
        const bool is_integer = number->is_integer;
        const std::string_view text = number->text;
        if (element_.kind == ArrayElementKind::Text) wrong_kind(index, "a number", text);
        if (element_.kind == ArrayElementKind::Integer) {
            if (!is_integer) fail(at(index) + " is not written as an integer; " + element_.pg_type + " holds integers", text);
            std::int64_t v = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
            if (ec != std::errc() || end != text.data() + text.size() || v < element_.min || v > element_.max)
                fail(at(index) + " is out of range for " + element_.pg_type + " (" + std::to_string(element_.min) +
                         ".." + std::to_string(element_.max) + ")",
                     text);
        }
        literal += text;
    }

    std::string_view s_;
    std::string_view original_;
    const ArrayElement& element_;
    ColumnStats& stats_;
    std::size_t pos_ = 0;
    std::string value_;  // the string element being decoded
};

}  // namespace

ArrayElement array_element_for(const std::string& element_type, std::int64_t max_chars, bool numeric_has_typmod,
                               const std::string& pg_type) {
    ArrayElement e;
    e.pg_type = pg_type;
    if (element_type == "text" || element_type == "varchar" || element_type == "citext") {
        e.kind = ArrayElementKind::Text;
        e.max_chars = element_type == "varchar" ? max_chars : 0;
    } else if (element_type == "int2" || element_type == "int4" || element_type == "int8") {
        e.kind = ArrayElementKind::Integer;
        if (element_type == "int2") e.min = std::numeric_limits<std::int16_t>::min(), e.max = std::numeric_limits<std::int16_t>::max();
        if (element_type == "int4") e.min = std::numeric_limits<std::int32_t>::min(), e.max = std::numeric_limits<std::int32_t>::max();
        if (element_type == "int8") e.min = std::numeric_limits<std::int64_t>::min(), e.max = std::numeric_limits<std::int64_t>::max();
    } else if (element_type == "numeric" && !numeric_has_typmod) {
        // numeric(p,s) would round an element with more fraction digits: not exact.
        e.kind = ArrayElementKind::Numeric;
    }
    return e;
}

void encode_json_array(const char* data, std::size_t len, const ArrayElement& element, InvalidUtf8Policy policy,
                       ColumnStats& stats, std::string& out) {
    // Rare and short values: per-thread scratch buffers keep this allocation-free.
    thread_local std::string cleaned, repaired, literal;
    const std::string_view original(data, len);
    std::string_view json = original;
    if (std::memchr(data, '\0', len) != nullptr) {
        cleaned.clear();
        for (char c : json) {
            if (c == '\0') ++stats.nuls_stripped;
            else cleaned += c;
        }
        json = cleaned;
    }
    if (!is_valid_utf8(json)) {
        if (policy == InvalidUtf8Policy::Fail) {
            std::string sink;
            ColumnStats ignored;
            append_copy_text(json.data(), json.size(), policy, ignored, sink);  // throws, naming the byte offset
        }
        repaired.clear();
        append_utf8_repaired(json, stats, repaired);
        json = repaired;
    }
    literal.clear();
    ArrayReader(json, original, element, stats).read(literal);
    append_copy_escaped(literal, out);
}

}  // namespace m2pg::convert
