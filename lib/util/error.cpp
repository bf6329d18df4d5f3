#include "util/error.hpp"

namespace m2pg {

namespace {
std::string where_prefix(const Where& w) {
    std::string out;
    if (!w.table.empty()) out += w.table;
    if (!w.column.empty()) out += (out.empty() ? "" : ".") + w.column;
    if (!w.row_key.empty()) out += (out.empty() ? "" : " ") + std::string("row ") + w.row_key;
    return out.empty() ? out : out + ": ";
}
}  // namespace

Error::Error(const std::string& message) : std::runtime_error(message) {}

void Error::add_context(std::string context) { context_.push_back(std::move(context)); }

std::string Error::describe() const {
    std::string out;
    for (auto it = context_.rbegin(); it != context_.rend(); ++it) out += *it + ": ";
    return out + what();
}

ConnectionError::ConnectionError(Side side, const std::string& message, bool retryable)
    : Error(message), side_(side), retryable_(retryable) {}

SourceError::SourceError(const std::string& message, std::string query, unsigned mysql_errno)
    : Error(message), query_(std::move(query)), errno_(mysql_errno) {}

TargetError::TargetError(const std::string& message, std::string query, std::string sqlstate, int position)
    : Error(message), query_(std::move(query)), sqlstate_(std::move(sqlstate)), position_(position) {}

InterruptedError::InterruptedError(int signal)
    : Error(signal == 2 ? "interrupted (Ctrl-C)" : signal == 15 ? "terminated (SIGTERM)" : "stopped by signal " + std::to_string(signal)),
      signal_(signal) {}

ConvertError::ConvertError(Where where, const std::string& message)
    : Error(where_prefix(where) + message), where_(std::move(where)) {}

}  // namespace m2pg
