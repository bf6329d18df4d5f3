#include "run/confirm.hpp"

#include "util/confirm.hpp"

namespace m2pg::run {

bool ask_on_terminal(const std::string& question) { return util::confirm_on_terminal(question, "run"); }

}  // namespace m2pg::run
