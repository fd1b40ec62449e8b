// libFuzzer harness: the selector compiler alone (lexer, the recursive parser with its
// depth limit, checks), and the caret rendering of its errors.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/expression.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto selector = netvet::policy::compile_selector(text, netvet::policy::SelectorScope{});
  if (!selector) (void)netvet::policy::render_with_caret(text, selector.error());
  return 0;
}
