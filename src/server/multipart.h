#pragma once
// multipart/form-data (RFC 7578 over RFC 2046's multipart syntax): how a CSV bundle is
// submitted — one part per table file — and how `netvet submit FOLDER/` sends it.
//
// Hand-written, and strict. Boost.Beast has no multipart parser; Debian's MIME libraries
// (GMime, vmime, mimetic) are mail libraries: GMime brings GLib, vmime a whole mail
// framework (SMTP, IMAP, TLS), mimetic is unmaintained, and all three are lenient by
// design (a mail reader recovers from what it can), where a submission must be refused
// with the reason. The grammar needed here is small: a boundary, CRLF-delimited header
// lines, one Content-Disposition per part.
//
// What is accepted: `Content-Type: multipart/form-data; boundary=B` (B 1-70 characters of
// RFC 2046's bchars, quoted or not); a body of an optional preamble, then `--B`, parts
// each ended by CRLF `--B`, the last by CRLF `--B--`, then an optional epilogue (after a
// CRLF), which is ignored. A delimiter line may carry trailing spaces or tabs (RFC 2046's
// transport padding); anything else after `--B` is an error, as is a bare LF where CRLF
// is due. Each part has header lines (`Name: value`, no folding), an empty line, then its
// bytes, taken as they are: Content-Disposition `form-data; name="..."` with an optional
// `filename="..."` is required; Content-Type is kept; Content-Transfer-Encoding other
// than 7bit, 8bit or binary is refused (RFC 7578 4.7: senders do not encode); other
// headers are ignored (RFC 7578 4.8).

#include <cstddef>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace netvet::server {

inline constexpr std::string_view kFormDataMediaType = "multipart/form-data";

struct FormPart {
  std::string name;                     // Content-Disposition's name
  std::optional<std::string> filename;  // and filename, when given
  std::string content_type;             // the part's Content-Type, empty when none
  std::string_view body;                // its bytes, in the body parsed
};

struct FormLimits {
  std::size_t max_parts = 32;           // a CSV bundle has 7 tables at most
  std::size_t max_header_bytes = 8192;  // one part's header lines, together
};

// The boundary of a `multipart/form-data; boundary=...` Content-Type, or why there is none.
std::expected<std::string, std::string> form_data_boundary(std::string_view content_type);

// The parts of `body`, in order, or one line saying which part is malformed and what was
// expected there. Parts' bodies are views into `body`.
std::expected<std::vector<FormPart>, std::string> parse_form_data(std::string_view content_type, std::string_view body,
                                                                  const FormLimits& limits = {});

// Writing: files as parts named by their file names (`name` and `filename` alike), with a
// boundary found in none of them.
struct FormFile {
  std::string filename;
  std::string content_type;  // e.g. "text/csv"
  std::string body;
};
struct FormData {
  std::string content_type;  // "multipart/form-data; boundary=..."
  std::string body;
};
FormData write_form_data(std::span<const FormFile> files);

}  // namespace netvet::server
