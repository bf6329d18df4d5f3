#include "common/help_formatter.hpp"

#include <sstream>

namespace m2pg::tools {

namespace {

std::string_view first_word(std::string_view form) { return form.substr(0, form.find(' ')); }

}  // namespace

std::string HelpFormatter::make_help(const CLI::App* app, std::string, CLI::AppFormatMode mode) const {
    if (mode == CLI::AppFormatMode::Sub) return make_expanded(app);
    // A subcommand's help shows the forms that begin with its name ("generate ...").
    const bool is_sub = app->get_parent() != nullptr;
    std::ostringstream out;
    const char* label = "Usage: ";
    for (auto form : synopsis_.forms) {
        if (is_sub && first_word(form) != app->get_name()) continue;
        out << label << "m2pg " << synopsis_.tool << " " << form << "\n";
        label = "  or:  ";
    }
    out << "m2pg " << synopsis_.tool << (is_sub ? " " + app->get_name() : std::string()) << " - "
        << (is_sub ? app->get_description() : std::string(synopsis_.summary)) << "\n";
    if (!is_sub && !app->get_description().empty()) out << "\n" << app->get_description() << "\n";
    out << make_positionals(app) << make_groups(app, mode) << make_subcommands(app, mode);
    const std::string footer = make_footer(app);
    if (!footer.empty()) out << "\n" << footer;
    return out.str();
}

}  // namespace m2pg::tools
