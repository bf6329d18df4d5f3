#pragma once
// --help in the GNU layout that help2man turns into a man page: "Usage:" with the tool's
// synopsis forms (one "or:" line each), the one-line summary, the tool's description, then
// CLI11's lists of positionals, options and subcommands.
#include <CLI/CLI.hpp>

#include <string>

#include "common/synopsis.hpp"

namespace m2pg::tools {

class HelpFormatter : public CLI::Formatter {
public:
    explicit HelpFormatter(const Synopsis& synopsis) : synopsis_(synopsis) { column_width(34); }

    std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override;

private:
    const Synopsis& synopsis_;
};

}  // namespace m2pg::tools
