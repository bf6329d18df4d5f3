#pragma once
// The Big List of Naughty Strings as a MariaDB table, for tests that move text: every string
// of blns.json and of blns.base64.json (decoded: its own, longer list, split differently and
// partly not valid UTF-8), each kept twice, as utf8mb4 text and as raw bytes.
//
//   blns(id INT PRIMARY KEY, source 'json'|'base64', position INT, txt LONGTEXT utf8mb4_bin
//        NULL when MariaDB refuses the bytes as utf8mb4, raw LONGBLOB NOT NULL)
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "corpora/corpus_loader.hpp"
#include "source/mysql/connection.hpp"
#include "util/error.hpp"

namespace m2pg::test::corpora {

struct BlnsString {
    int id = 0;
    std::string source;  // "json" or "base64"
    int position = 0;    // index in its file
    std::string bytes;
    bool stored_as_text = false;  // MariaDB accepted it into the utf8mb4 column
};

inline std::string base64_decode(const std::string& text) {
    static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=') break;
        auto value = kAlphabet.find(c);
        if (value == std::string::npos) throw std::runtime_error("not base64: " + text);
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

// Strict UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF): the independent
// oracle for which strings utf8mb4 must accept.
inline bool strictly_utf8(const std::string& text) {
    std::size_t i = 0;
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    while (i < text.size()) {
        unsigned char c = byte(i);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > text.size()) return false;
        std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < len; ++k) {
            if ((byte(i + k) & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (byte(i + k) & 0x3F);
        }
        static const std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

// Every string of both files, in file order (json first).
inline std::vector<BlnsString> read_blns() {
    std::vector<BlnsString> out;
    int id = 0;
    auto json = nlohmann::json::parse(read_corpus("blns/blns.json"));
    for (std::size_t i = 0; i < json.size(); ++i)
        out.push_back({++id, "json", static_cast<int>(i), json[i].get<std::string>(), false});
    auto base64 = nlohmann::json::parse(read_corpus("blns/blns.base64.json"));
    for (std::size_t i = 0; i < base64.size(); ++i)
        out.push_back({++id, "base64", static_cast<int>(i), base64_decode(base64[i].get<std::string>()), false});
    return out;
}

inline std::string hex_literal(const std::string& bytes) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out = "X'";
    for (unsigned char c : bytes) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
    return out + "'";
}

// Creates and fills table blns in `db`. A string goes into txt as an escaped literal under
// strict sql_mode, so MariaDB refuses (errno 1366) rather than mangles what utf8mb4 cannot
// hold; those rows get txt NULL and stored_as_text false. raw always gets the bytes.
inline std::vector<BlnsString> load_blns(const MysqlScratch& db) {
    auto strings = read_blns();
    source::mysql::MysqlConnection mysql(db.dsn());
    mysql.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES'");
    mysql.execute("CREATE TABLE blns (id INT PRIMARY KEY, source VARCHAR(6) NOT NULL, position INT NOT NULL, "
                  "txt LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, raw LONGBLOB NOT NULL)");
    for (auto& s : strings) {
        std::string head = "INSERT INTO blns VALUES (" + std::to_string(s.id) + ", '" + s.source + "', " +
                           std::to_string(s.position) + ", ";
        try {
            mysql.execute(head + mysql.quote_literal(s.bytes) + ", " + hex_literal(s.bytes) + ")");
            s.stored_as_text = true;
        } catch (const SourceError& e) {
            if (e.mysql_errno() != 1366) throw;  // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: bad utf8mb4
            mysql.execute(head + "NULL, " + hex_literal(s.bytes) + ")");
        }
    }
    return strings;
}

}  // namespace m2pg::test::corpora
