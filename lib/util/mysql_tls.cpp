#include "util/mysql_tls.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "util/dsn_scan.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::util {

namespace {

constexpr std::array<std::pair<MysqlSslMode, const char*>, 5> kModes{{
    {MysqlSslMode::Disabled, "DISABLED"},
    {MysqlSslMode::Preferred, "PREFERRED"},
    {MysqlSslMode::Required, "REQUIRED"},
    {MysqlSslMode::VerifyCa, "VERIFY_CA"},
    {MysqlSslMode::VerifyIdentity, "VERIFY_IDENTITY"},
}};

const std::string* param(const MysqlDsn& dsn, const char* key) {
    auto it = dsn.params.find(key);
    return it == dsn.params.end() ? nullptr : &it->second;
}

// tls= as go-sql-driver/mysql reads it.
MysqlSslMode parse_go_tls(const std::string& value) {
    const std::string mode = ascii_lower(value);
    if (mode == "true" || mode == "verify") return MysqlSslMode::VerifyIdentity;
    if (mode == "skip-verify") return MysqlSslMode::Required;
    if (mode == "preferred") return MysqlSslMode::Preferred;
    if (mode == "false") return MysqlSslMode::Disabled;
    throw UsageError("DSN parameter tls=" + value + " is not one of true, skip-verify, preferred, false");
}

// The TLS parameters of a DSN as written, before check_mysql_tls: with_mysql_tls adds the
// flags to them first.
MysqlTls read_params(const MysqlDsn& dsn) {
    MysqlTls out;
    const std::string* tls = param(dsn, "tls");
    const std::string* ssl_mode = param(dsn, "ssl-mode");
    if (tls) out.mode = parse_go_tls(*tls);
    if (ssl_mode) {
        const MysqlSslMode mode = parse_ssl_mode(*ssl_mode, "DSN parameter ssl-mode");
        if (out.mode && *out.mode != mode)
            throw UsageError("DSN parameters tls=" + *tls + " (" + ssl_mode_name(*out.mode) + ") and ssl-mode=" +
                             *ssl_mode + " disagree: give one");
        out.mode = mode;
    }
    const std::string* ca = param(dsn, "ssl-ca");
    const std::string* tls_ca = param(dsn, "tls-ca");
    if (ca && tls_ca && *ca != *tls_ca)
        throw UsageError("DSN parameters ssl-ca and tls-ca name different files: give one");
    if (ca || tls_ca) out.ca = ca ? *ca : *tls_ca;
    if (const std::string* cert = param(dsn, "ssl-cert")) out.cert = *cert;
    if (const std::string* key = param(dsn, "ssl-key")) out.key = *key;
    for (const std::string* file : {ca, tls_ca, param(dsn, "ssl-cert"), param(dsn, "ssl-key")})
        if (file && file->empty()) throw UsageError("a DSN parameter ssl-ca, tls-ca, ssl-cert or ssl-key is empty: name a file");
    return out;
}

bool is_unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("-._~/").find(c) != std::string_view::npos;
}

// Percent-encodes all but unreserved characters: read back the same by both DSN forms (the
// Go form reads '+' as a space, so '+' is encoded too).
std::string encode_value(std::string_view value) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : value) {
        if (is_unreserved(c)) {
            out += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        }
    }
    return out;
}

// Where the DSN's query starts ('?'), or npos: the first '?' after the user info, whose
// password may hold a '?'.
std::size_t query_start(std::string_view text) {
    std::size_t at = std::string_view::npos;
    if (std::size_t n = dsn_scan::scheme_length(text)) {
        const std::size_t in_rest = dsn_scan::uri_userinfo_at(text.substr(n + 3));
        if (in_rest != std::string_view::npos) at = n + 3 + in_rest;
    } else {
        at = dsn_scan::go_userinfo_at(text);
    }
    if (at == std::string_view::npos) return std::string_view::npos;
    return text.find('?', at);
}

// One setting given both ways: the same value is fine, another is a usage error.
void agree(const std::string& flag, const std::string& flag_value, const std::string& dsn_what,
           const std::string& dsn_value) {
    if (flag_value.empty() || dsn_value.empty() || flag_value == dsn_value) return;
    throw UsageError(flag + " " + flag_value + " conflicts with the MySQL DSN's " + dsn_what + "=" + dsn_value +
                     ": give it once, as the flag or in the DSN");
}

}  // namespace

MysqlSslMode MysqlTls::effective_mode() const {
    if (mode) return *mode;
    if (!ca.empty()) return MysqlSslMode::VerifyCa;
    if (!cert.empty() || !key.empty()) return MysqlSslMode::Required;
    return MysqlSslMode::Disabled;
}

MysqlSslMode parse_ssl_mode(const std::string& text, const std::string& what) {
    std::string name = ascii_lower(text);
    std::replace(name.begin(), name.end(), '-', '_');
    for (const auto& [mode, spelled] : kModes)
        if (name == ascii_lower(spelled)) return mode;
    throw UsageError(what + " " + text + " is not one of DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY");
}

std::string ssl_mode_name(MysqlSslMode mode) {
    for (const auto& [m, spelled] : kModes)
        if (m == mode) return spelled;
    return "?";
}

void check_mysql_tls(const MysqlTls& tls) {
    const MysqlSslMode mode = tls.effective_mode();
    if (mode == MysqlSslMode::Disabled && (!tls.ca.empty() || !tls.cert.empty() || !tls.key.empty()))
        throw UsageError("MySQL TLS: ssl-mode DISABLED (or tls=false) with a CA, certificate or key file: "
                         "drop the files or pick another mode");
    if (mode == MysqlSslMode::VerifyCa && tls.ca.empty())
        throw UsageError("MySQL TLS: ssl-mode VERIFY_CA needs the CA that signed the server's certificate: "
                         "--mysql-ssl-ca FILE (or ssl-ca=FILE in the DSN)");
    if (tls.cert.empty() != tls.key.empty())
        throw UsageError("MySQL TLS: a client certificate needs its key and a key its certificate: give both "
                         "--mysql-ssl-cert and --mysql-ssl-key (or ssl-cert= and ssl-key= in the DSN)");
}

MysqlTls mysql_tls(const MysqlDsn& dsn) {
    MysqlTls tls = read_params(dsn);
    check_mysql_tls(tls);
    return tls;
}

std::string with_mysql_tls(const std::string& dsn_text, const MysqlTls& flags) {
    if (flags.empty()) return dsn_text;
    const MysqlDsn parsed = parse_mysql_dsn(dsn_text);  // validates; never quotes the password
    const MysqlTls in_dsn = read_params(parsed);
    if (flags.mode && in_dsn.mode && *flags.mode != *in_dsn.mode) {
        const std::string* tls = param(parsed, "tls");
        const std::string written = param(parsed, "ssl-mode") ? "ssl-mode=" + *param(parsed, "ssl-mode") : "tls=" + *tls;
        throw UsageError("--mysql-ssl-mode " + ssl_mode_name(*flags.mode) + " conflicts with the MySQL DSN's " +
                         written + " (" + ssl_mode_name(*in_dsn.mode) + "): give it once, as the flag or in the DSN");
    }
    agree("--mysql-ssl-ca", flags.ca, "ssl-ca", in_dsn.ca);
    agree("--mysql-ssl-cert", flags.cert, "ssl-cert", in_dsn.cert);
    agree("--mysql-ssl-key", flags.key, "ssl-key", in_dsn.key);

    std::string added;
    auto add = [&](const char* key, const std::string& value) {
        if (value.empty()) return;
        added += added.empty() ? "" : "&";
        added += std::string(key) + "=" + encode_value(value);
    };
    if (flags.mode) add("ssl-mode", ssl_mode_name(*flags.mode));
    add("ssl-ca", flags.ca);
    add("ssl-cert", flags.cert);
    add("ssl-key", flags.key);

    std::string text(dsn_text);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) text.pop_back();
    const std::size_t q = query_start(text);
    if (q == std::string::npos) text += "?" + added;
    else if (q + 1 == text.size() || text.back() == '&') text += added;
    else text += "&" + added;

    // The merged DSN must read back as the same connection plus the flags' settings.
    const MysqlDsn merged = parse_mysql_dsn(text);
    MysqlTls expected = in_dsn;
    if (flags.mode) expected.mode = flags.mode;
    if (!flags.ca.empty()) expected.ca = flags.ca;
    if (!flags.cert.empty()) expected.cert = flags.cert;
    if (!flags.key.empty()) expected.key = flags.key;
    const MysqlTls got = read_params(merged);
    if (merged.display() != parsed.display() || merged.password != parsed.password || got.mode != expected.mode ||
        got.ca != expected.ca || got.cert != expected.cert || got.key != expected.key)
        throw UsageError("cannot add the --mysql-ssl-* flags to the MySQL DSN " + parsed.display() +
                         ": give them as DSN parameters (ssl-mode=, ssl-ca=, ssl-cert=, ssl-key=)");
    check_mysql_tls(got);
    return text;
}

}  // namespace m2pg::util
