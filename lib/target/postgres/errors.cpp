#include "target/postgres/errors.hpp"

#include <charconv>

namespace m2pg::target::postgres {
namespace {

std::string field(const PGresult* result, int code) {
    const char* value = result == nullptr ? nullptr : PQresultErrorField(result, code);
    return value == nullptr ? std::string() : std::string(value);
}

// Context can span lines (a trigger's PL/pgSQL frame, then the COPY line); all of them
// matter, so they are kept on one line for the message.
std::string one_line(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') {
            if (!out.empty()) out += "; ";
        } else if (c != '\r') {
            out += c;
        }
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == ';')) out.pop_back();
    return out;
}

// DETAIL can quote a whole failing row ("Failing row contains (...)"): keep it short.
std::string excerpt(const std::string& text) {
    constexpr std::size_t kMaxChars = 300;
    return text.size() <= kMaxChars ? text : text.substr(0, kMaxChars) + "...";
}

}  // namespace

std::string first_line(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    return line;
}

std::string connection_hint(const std::string& message) {
    if (message.find("password authentication failed") != std::string::npos)
        return " (wrong user or password)";
    if (message.find("Connection refused") != std::string::npos ||
        message.find("could not translate host name") != std::string::npos ||
        message.find("No such file or directory") != std::string::npos)
        return " (is the server running and reachable?)";
    return "";
}

ConnectionError connect_error(const std::string& display, const std::string& libpq_message) {
    const std::string message = first_line(libpq_message);
    return ConnectionError(Side::Postgres,
                           "cannot connect to PostgreSQL at " + display + ": " + message +
                               connection_hint(message),
                           message.find("password authentication failed") == std::string::npos);
}

void throw_statement_error(PGconn* conn, const PGresult* result, const std::string& sql,
                           const std::string& display) {
    const std::string state = field(result, PG_DIAG_SQLSTATE);
    std::string primary = field(result, PG_DIAG_MESSAGE_PRIMARY);
    if (primary.empty() && result != nullptr) primary = first_line(PQresultErrorMessage(result));
    if (primary.empty()) primary = first_line(PQerrorMessage(conn));
    if (primary.empty()) primary = "unknown error";

    // 57P01-57P03: the server is shutting down or terminated this backend; the
    // connection is about to close even if libpq has not seen it yet.
    const bool server_ended_session = state == "57P01" || state == "57P02" || state == "57P03";
    if (PQstatus(conn) == CONNECTION_BAD || state.rfind("08", 0) == 0 || server_ended_session)
        throw ConnectionError(Side::Postgres, "lost the connection to PostgreSQL at " + display + ": " + primary);

    std::string message = "PostgreSQL: " + primary;
    if (!state.empty()) message += " [" + state + "]";
    const std::string detail = one_line(field(result, PG_DIAG_MESSAGE_DETAIL));
    if (!detail.empty()) message += "; " + excerpt(detail);
    const std::string context = one_line(field(result, PG_DIAG_CONTEXT));
    if (!context.empty()) message += "; at " + context;
    // PG_DIAG_STATEMENT_POSITION is a decimal number when present; "" reads as 0 (none).
    int position = 0;
    const std::string position_text = field(result, PG_DIAG_STATEMENT_POSITION);
    if (std::from_chars(position_text.data(), position_text.data() + position_text.size(), position).ec != std::errc{})
        position = 0;
    throw TargetError(message, sql, state, position);
}

}  // namespace m2pg::target::postgres
