#pragma once
// Finding a tool executable the way the m2pg dispatcher does: next to the running program
// first (an unpacked bundle or a build tree runs its own tools), then on PATH.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace m2pg::run {

// `name` in `self_dir`, else in the directories of `path_variable` (colon-separated; an
// empty entry means the current directory); only executable regular files count.
std::optional<std::filesystem::path> find_tool(const std::string& name, const std::filesystem::path& self_dir,
                                               std::string_view path_variable);

// find_tool with this process's directory and PATH.
std::optional<std::filesystem::path> find_tool(const std::string& name);

}  // namespace m2pg::run
