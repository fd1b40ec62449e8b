#include "store/store.h"

#include <regex>

#include "store/connection.h"

namespace netvet::store {
namespace {

// The URI as messages may show it: a password, in the user part or as a parameter, masked.
std::string without_password(std::string uri) {
  static const std::regex user_password(R"(^(postgres(?:ql)?://[^:/@?]*):[^@/?]*@)");
  static const std::regex password_parameter(R"(([?&]password=)[^&]*)");
  uri = std::regex_replace(uri, user_password, "$1:***@");
  return std::regex_replace(uri, password_parameter, "$1***");
}

}  // namespace

Result<std::unique_ptr<Store>> open_store(std::string_view url, const StoreOptions& options) {
  const std::string text(url);
  if (url.starts_with("sqlite:")) {
    std::string path = text.substr(7);
    if (path.empty()) return fail(file_problem(text, "names no file; expected sqlite:PATH"));
    std::string shown = text;
    return open_sql_store(shown, [path, shown] { return open_sqlite_connection(path, shown); }, options);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    std::string shown = without_password(text);
    return open_sql_store(shown, [text, shown] { return open_postgresql_connection(text, shown); }, options);
  }
  return fail(file_problem(without_password(text),
                           "is not a store; expected sqlite:PATH or postgresql://[user@]host[:port]/database"));
}

}  // namespace netvet::store
