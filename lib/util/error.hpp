#pragma once
// The error hierarchy of m2pg. Every failure is an m2pg::Error that says what failed
// and where; tools/common/run_main turns the class into the exit code (STYLE.md).
#include <stdexcept>
#include <string>
#include <vector>

namespace m2pg {

// Every exit code of every tool, chosen here and nowhere else (tools/common/run_main turns
// an error into its code; docs/ list them per tool).
namespace exit_codes {
inline constexpr int kOk = 0;
inline constexpr int kProblems = 1;     // ran, and found something (check, verify), or the answer was no
inline constexpr int kUsage = 2;        // bad flags, config, profile or DSN
inline constexpr int kMysql = 3;        // MySQL failed
inline constexpr int kPostgres = 4;     // PostgreSQL failed
inline constexpr int kData = 5;         // a value or row could not be kept (its table failed)
inline constexpr int kState = 7;        // state conflict: non-empty target, another copy, another run
inline constexpr int kInternal = 8;     // a bug
inline constexpr int kSignalBase = 128; // + the signal: 130 Ctrl-C, 143 SIGTERM
}  // namespace exit_codes

// Where in the data an error happened; empty fields are left out of the message.
struct Where {
    std::string table;
    std::string column;
    std::string row_key;
};

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message);
    // Context is added as the error rises ("copying posts keys 1..5000"), outermost last.
    void add_context(std::string context);
    // The message followed by its context, outermost first, joined by ": ".
    std::string describe() const;
    const std::vector<std::string>& context() const noexcept { return context_; }
    virtual bool retryable() const noexcept { return false; }
    virtual int exit_code() const noexcept { return exit_codes::kInternal; }

private:
    std::vector<std::string> context_;
};

// Bad flags, config, profile or DSN.
class UsageError : public Error {
public:
    using Error::Error;
    int exit_code() const noexcept override { return exit_codes::kUsage; }
};

enum class Side { MySQL, Postgres };

// Could not reach or lost a server (SQLSTATE class 08, MySQL 2002/2003/2006/2013, auth failures).
class ConnectionError : public Error {
public:
    ConnectionError(Side side, const std::string& message, bool retryable = true);
    Side side() const noexcept { return side_; }
    bool retryable() const noexcept override { return retryable_; }
    int exit_code() const noexcept override { return side_ == Side::MySQL ? exit_codes::kMysql : exit_codes::kPostgres; }

private:
    Side side_;
    bool retryable_;
};

// A statement failed on the MySQL side; carries the query and the server's errno.
class SourceError : public Error {
public:
    SourceError(const std::string& message, std::string query = {}, unsigned mysql_errno = 0);
    const std::string& query() const noexcept { return query_; }
    unsigned mysql_errno() const noexcept { return errno_; }
    int exit_code() const noexcept override { return exit_codes::kMysql; }

private:
    std::string query_;
    unsigned errno_;
};

// A statement failed on the PostgreSQL side; carries the query, the SQLSTATE and, when the
// server named one, the 1-based character position of the error in the query (else 0).
class TargetError : public Error {
public:
    TargetError(const std::string& message, std::string query = {}, std::string sqlstate = {}, int position = 0);
    const std::string& query() const noexcept { return query_; }
    const std::string& sqlstate() const noexcept { return sqlstate_; }
    int position() const noexcept { return position_; }
    int exit_code() const noexcept override { return exit_codes::kPostgres; }

private:
    std::string query_;
    std::string sqlstate_;
    int position_;
};

// A value or type that cannot be kept exactly.
class ConvertError : public Error {
public:
    ConvertError(Where where, const std::string& message);
    const Where& where() const noexcept { return where_; }
    int exit_code() const noexcept override { return exit_codes::kData; }

private:
    Where where_;
};

// Resume state, advisory lock or non-empty target conflicts.
class StateError : public Error {
public:
    using Error::Error;
    int exit_code() const noexcept override { return exit_codes::kState; }
};

// SIGINT or SIGTERM asked the tool to stop (util/interrupt.hpp): 128 + the signal.
class InterruptedError : public Error {
public:
    explicit InterruptedError(int signal);
    int signal() const noexcept { return signal_; }
    int exit_code() const noexcept override { return exit_codes::kSignalBase + signal_; }

private:
    int signal_;
};

}  // namespace m2pg
