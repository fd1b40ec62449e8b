// read_csv_bundle: a folder of CSV tables -> an inventory.
//
// Fast path for big networks: every file is read whole; files over a few megabytes are cut
// at a row boundary and their halves checked (UTF-8) and tokenized by libcsv on two
// threads; then the rows are handed to the InventoryLoader table by table, on one thread,
// because the string pool is not thread-safe.

#include <fmt/format.h>
#include <malloc.h>

#include <array>
#include <memory>
#include <thread>

#include "io/csv_tokenizer.h"
#include "io/inventory_io.h"
#include "io/inventory_loader.h"
#include "io/parallel.h"
#include "io/text_file.h"

namespace netvet::io {

namespace {

constexpr std::size_t kSplitBytes = 4u << 20;  // below this, one thread tokenizes a file
constexpr std::size_t kMaxFileBytes = 0xFFFF'FFF0u;  // CsvCells offsets are 32-bit

// One CSV file of the bundle: its text while tokenizing, then its rows.
struct CsvFile {
  std::filesystem::path path;
  TableSource source;
  std::string_view text;  // the file: `owned` (small files) or `mapped` (big ones)
  std::string owned;
  MappedFile mapped;
  std::array<CsvCells, 2> chunks;  // first half (with the header) and second half
  std::size_t split = 0;
  Diagnostics problems;
};

// Appends `text` split like util split_list (trimmed, empties dropped) to `out`.
void split_items(std::string_view text, std::vector<std::string_view>& out) {
  while (!text.empty()) {
    const auto semicolon = text.find(';');
    auto part = text.substr(0, semicolon);
    while (!part.empty() && (part.front() == ' ' || part.front() == '\t')) part.remove_prefix(1);
    while (!part.empty() && (part.back() == ' ' || part.back() == '\t')) part.remove_suffix(1);
    if (!part.empty()) out.push_back(part);
    if (semicolon == std::string_view::npos) break;
    text.remove_prefix(semicolon + 1);
  }
}

Diagnostic malformed_csv(const CsvFile& file, std::size_t offset) {
  const auto at = line_column_of(file.text, offset);
  Diagnostic d;
  d.file = file.source.file;
  d.line = at.line;
  d.col = at.column;
  d.message = fmt::format("malformed CSV at line {}, column {}: expected RFC 4180 quoting (a field holding a "
                          "comma, quote or line break is wrapped in double quotes, and quotes inside it are doubled)",
                          at.line, at.column);
  return d;
}

// Checks and tokenizes one half of a file (`part` 0 or 1).
void tokenize_part(CsvFile& file, std::size_t part) {
  const std::string_view text = file.text;
  const std::size_t begin = part == 0 ? 0 : file.split;
  const std::size_t end = part == 0 ? file.split : text.size();
  const std::string_view chunk = text.substr(begin, end - begin);
  const auto check = [&](std::size_t from, std::size_t to) {
    // A block cut inside a UTF-8 sequence: the sequence is checked with the block it starts in.
    const auto continuation = [&](std::size_t i) { return (static_cast<unsigned char>(chunk[i]) & 0xC0) == 0x80; };
    while (from > 0 && from < to && continuation(from)) ++from;
    while (to < chunk.size() && continuation(to)) ++to;
    auto bad = check_text(chunk.substr(from, to - from), file.source.file, begin + from, text.substr(0, begin + from));
    if (bad) file.problems.push_back(std::move(*bad));
    return !bad;
  };
  if (file.owned.empty()) {
    // A mapped file: each block is checked, tokenized and given back in turn.
    const auto release = [&](std::size_t from, std::size_t to) {
      release_pages(text, begin + from, begin + to);
      return true;
    };
    const auto error = file.chunks[part].tokenize(chunk, check, release);
    if (!file.problems.empty() || !error) return;
    // A text problem further on is reported rather than the quoting (as for small files).
    if (const auto next = std::min(chunk.size(), (*error / (4u << 20) + 1) * (4u << 20)); !check(next, chunk.size())) return;
    CsvCells whole;
    const auto at = whole.tokenize(text).value_or(begin + *error);
    file.problems.push_back(malformed_csv(file, at));
    return;
  }
  if (!check(0, chunk.size())) return;
  if (const auto error = file.chunks[part].tokenize(chunk)) {
    // The cut assumed well-formed quoting: find the first problem on the whole text.
    CsvCells whole;
    const auto at = whole.tokenize(text).value_or(begin + *error);
    file.problems.push_back(malformed_csv(file, at));
  }
}

void free_text(CsvFile& file) {
  file.text = {};
  file.owned = {};
  file.mapped = {};
}

// Hands the rows of one tokenized file to the loader.
class TableFeeder {
 public:
  TableFeeder(CsvFile& file, InventoryLoader& loader, TableId table) : file_(file), loader_(loader), table_(table) {}

  // False when the header is unusable (the tables after it are then not checked: every
  // reference to this table would be a false alarm).
  bool feed() {
    const CsvCells& first = file_.chunks[0];
    if (first.rows() == 0) {
      header_problem("", "the file has no header row; expected a header naming the columns");
      return false;
    }
    if (!map_header(first)) return false;
    if (table_ == TableId::links) {
      feed_links();
      return true;
    }
    std::int64_t index = 0;
    for (CsvCells& cells : file_.chunks) {
      for (std::size_t row = (&cells == &first ? 1 : 0); row < cells.rows(); ++row) feed_row(cells, row, index++);
      cells.release();  // the loader copied what it keeps: free each half as soon as it is done
    }
    return true;
  }

 private:
  const TableSpec& spec() const { return *file_.source.spec; }

  void header_problem(std::string_view column, std::string message) {
    loader_.report(file_.source.at(-1, column, column, std::move(message)));
  }

  bool map_header(const CsvCells& cells) {
    const std::size_t n = cells.fields(0);
    targets_.assign(n, Target{});
    std::vector<bool> seen(spec().columns.size(), false);
    bool ok = true;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string_view name = cells.field(0, i);
      if (const auto c = spec().find(name)) {
        if (seen[*c]) {
          header_problem(name, fmt::format("duplicate column '{}'; each column may appear once", name));
          ok = false;
        }
        seen[*c] = true;
        targets_[i] = {true, static_cast<std::uint32_t>(*c)};
      } else {
        targets_[i] = {false, loader_.declare_extra(table_, std::string(name))};
      }
    }
    for (std::size_t c = 0; c < spec().columns.size(); ++c) {
      if (!spec().columns[c].required || seen[c]) continue;
      header_problem(spec().columns[c].name,
                     fmt::format("missing required column '{}'; {} needs the columns {}", spec().columns[c].name,
                                 file_.source.table, required_names()));
      ok = false;
    }
    return ok;
  }

  std::string required_names() const {
    std::string out;
    for (const auto& c : spec().columns)
      if (c.required) out += out.empty() ? std::string(c.name) : fmt::format(", {}", c.name);
    return out;
  }

  // Links: both halves' ends are looked up on two threads, straight from the cells, then
  // the rows are checked and added in order.
  void feed_links() {
    std::size_t a_field = targets_.size(), b_field = targets_.size();
    for (std::size_t i = 0; i < targets_.size(); ++i) {
      if (targets_[i].known && targets_[i].index == link_col::a) a_field = i;
      if (targets_[i].known && targets_[i].index == link_col::b) b_field = i;
    }
    std::array<std::vector<Index>, 2> ends;  // per half: a, b of each row
    std::vector<std::function<void()>> halves;
    for (std::size_t h = 0; h < 2; ++h)
      halves.emplace_back([&, h] { resolve_ends(file_.chunks[h], h == 0 ? 1 : 0, a_field, b_field, ends[h]); });
    run_in_parallel(halves);
    std::int64_t index = 0;
    for (std::size_t h = 0; h < 2; ++h) {
      const CsvCells& cells = file_.chunks[h];
      const std::size_t first = h == 0 ? 1 : 0;
      for (std::size_t row = first; row < cells.rows(); ++row) {
        const std::size_t k = 2 * (row - first);
        feed_row(cells, row, index++, std::pair{ends[h][k], ends[h][k + 1]});
      }
      file_.chunks[h].release();
      ends[h] = {};
    }
  }

  void resolve_ends(const CsvCells& cells, std::size_t first, std::size_t a_field, std::size_t b_field,
                    std::vector<Index>& out) const {
    const std::size_t rows = cells.rows() > first ? cells.rows() - first : 0;
    out.assign(2 * rows, kNoIndex);
    const std::size_t n = targets_.size();
    const auto ok = [&](std::size_t row) { return cells.fields(row) == n; };
    // Load the hash slots of the ids a few rows ahead while these are compared.
    constexpr std::size_t kAhead = 8;
    const auto prefetch = [&](std::size_t row) {
      if (row >= cells.rows() || !ok(row)) return;
      loader_.prefetch_element(cells.field(row, a_field));
      loader_.prefetch_element(cells.field(row, b_field));
    };
    for (std::size_t row = first; row < std::min(cells.rows(), first + kAhead); ++row) prefetch(row);
    for (std::size_t row = first; row < cells.rows(); ++row) {
      prefetch(row + kAhead);
      if (!ok(row)) continue;
      const std::size_t k = 2 * (row - first);
      out[k] = loader_.element_row(cells.field(row, a_field));
      out[k + 1] = loader_.element_row(cells.field(row, b_field));
    }
  }

  void feed_row(const CsvCells& cells, std::size_t row, std::int64_t index,
                std::optional<std::pair<Index, Index>> ends = std::nullopt) {
    const std::size_t n = cells.fields(row);
    if (n != targets_.size()) {
      loader_.report(file_.source.at(index, "", cells.field(row, 0),
                                     fmt::format("row has {} fields; expected {} as in the header", n, targets_.size())));
      return;
    }
    RowCells r;
    r.index = index;
    extras_.clear();
    for (std::size_t i = 0; i < n; ++i) {
      const std::string_view value = cells.field(row, i);
      const Target t = targets_[i];
      if (!t.known) {
        extras_.push_back({t.index, value});
        continue;
      }
      r.cell[t.index] = value;
      if (spec().columns[t.index].kind == CellKind::list) {
        auto& items = lists_.column(t.index);
        split_items(value, items);
        r.items[t.index] = items;
      }
    }
    r.extras = extras_;
    if (ends) loader_.add_resolved_link(file_.source, r, ends->first, ends->second);
    else loader_.add_row(table_, file_.source, r);
  }

  struct Target {
    bool known = false;
    std::uint32_t index = 0;  // spec column, or extra handle
  };
  CsvFile& file_;
  InventoryLoader& loader_;
  TableId table_;
  std::vector<Target> targets_;
  std::vector<ExtraCell> extras_;
  ListScratch lists_;
};

void feed_meta(CsvFile& file, InventoryLoader& loader) {
  const CsvCells& cells = file.chunks[0];
  if (cells.rows() == 0) return;
  std::optional<std::size_t> key, value;
  for (std::size_t i = 0; i < cells.fields(0); ++i) {
    if (cells.field(0, i) == "key") key = i;
    if (cells.field(0, i) == "value") value = i;
  }
  if (!key || !value) {
    loader.report(file.source.at(-1, key ? "value" : "key", "",
                                 "missing required column; meta.csv has the columns key,value"));
    return;
  }
  for (std::size_t row = 1; row < cells.rows(); ++row) {
    const auto index = static_cast<std::int64_t>(row - 1);
    if (cells.fields(row) != cells.fields(0)) {
      loader.report(file.source.at(index, "", cells.field(row, 0),
                                   fmt::format("row has {} fields; expected {} as in the header",
                                               cells.fields(row), cells.fields(0))));
      continue;
    }
    loader.add_meta(file.source, index, cells.field(row, *key), cells.field(row, *value));
  }
}

std::unique_ptr<CsvFile> open_table(const std::filesystem::path& folder, std::string_view name, const TableSpec* spec,
                                    bool required, InventoryLoader& loader) {
  auto file = std::make_unique<CsvFile>();
  file->path = folder / name;
  file->source.file = file->path.string();
  file->source.table = spec ? spec->name : std::string_view("meta");
  file->source.spec = spec;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file->path, ec)) {
    if (required) {
      Diagnostic d;
      d.file = file->source.file;
      d.message = fmt::format("missing required table file '{}'; a CSV bundle holds operators.csv, sites.csv, "
                              "elements.csv and links.csv", name);
      d.value = std::string(name);
      loader.report(std::move(d));
    }
    return nullptr;
  }
  // Big files are mapped and read through once (tokenize_part gives their pages back).
  std::error_code size_ec;
  if (std::filesystem::file_size(file->path, size_ec) > kSplitBytes && !size_ec) {
    file->mapped = MappedFile(file->path);
    file->mapped.sequential();
    file->text = file->mapped.text();
  }
  if (file->text.empty()) {
    auto text = read_file(file->path, file->source.file);
    if (!text) {
      for (auto& d : text.error()) loader.report(std::move(d));
      return nullptr;
    }
    file->owned = std::move(*text);
    file->text = file->owned;
  }
  if (file->text.size() > kMaxFileBytes) {
    Diagnostic d;
    d.file = file->source.file;
    d.message = "the file is larger than 4 GB; split the inventory";
    loader.report(std::move(d));
    return nullptr;
  }
  file->split = file->text.size() > kSplitBytes ? split_rows(file->text) : file->text.size();
  return file;
}

}  // namespace

Result<Inventory> read_csv_bundle(const std::filesystem::path& folder, const ReadOptions& options) {
  InventoryLoader loader(*options.functions, *options.registry);
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    Diagnostic d;
    d.file = folder.string();
    d.message = "not a folder; a CSV bundle is a folder holding operators.csv, sites.csv, elements.csv and links.csv";
    return fail(std::move(d));
  }
  std::array<std::unique_ptr<CsvFile>, kTableCount> tables;
  for (const auto& spec : table_specs())
    tables[static_cast<std::size_t>(spec.id)] = open_table(folder, spec.file, &spec, spec.required_file, loader);
  auto meta = open_table(folder, "meta.csv", nullptr, false, loader);
  if (loader.failed()) return std::move(loader).finish();

  // Check and tokenize every file but links.csv on two threads, the biggest halves first;
  // then tokenize links.csv on the helper thread while this one feeds the other tables.
  CsvFile* const links = tables[static_cast<std::size_t>(TableId::links)].get();
  std::vector<std::pair<CsvFile*, std::size_t>> parts;
  for (auto& t : tables)
    if (t && t.get() != links) {
      parts.emplace_back(t.get(), 0);
      if (t->split < t->text.size()) parts.emplace_back(t.get(), 1);
    }
  if (meta) parts.emplace_back(meta.get(), 0);
  std::ranges::stable_sort(parts, std::greater<>{}, [](const auto& p) {
    return p.second == 0 ? p.first->split : p.first->text.size() - p.first->split;
  });
  std::vector<std::function<void()>> tasks;
  for (auto [file, part] : parts) tasks.emplace_back([file, part] { tokenize_part(*file, part); });
  run_in_parallel(tasks);
  // links.csv is about to be tokenized: estimate its rows from its size.
  const std::size_t link_rows = links ? links->text.size() / 40 : 0;
  const auto tokenize_links = [links] {
    if (!links) return;
    tokenize_part(*links, 0);
    if (links->split < links->text.size()) tokenize_part(*links, 1);
    free_text(*links);
  };
  std::jthread links_helper(tokenize_links);

  const std::array<CsvFile*, kTableCount + 1> files = {tables[0].get(), tables[1].get(), tables[2].get(),
                                                       tables[3].get(), tables[4].get(), tables[5].get(),
                                                       meta.get()};
  bool tokenized = true;
  for (auto* file : files)
    if (file && file != links) {
      tokenized = tokenized && file->problems.empty();
      free_text(*file);  // the rows live in the arenas now
    }
  const auto rows = [&](TableId t) {
    const auto& f = tables[static_cast<std::size_t>(t)];
    if (!f) return std::size_t{0};
    if (f.get() == links) return link_rows;
    return f->chunks[0].rows() + f->chunks[1].rows();
  };
  if (tokenized) loader.reserve(rows(TableId::sites), rows(TableId::elements), rows(TableId::links));
  // Every table before links, as long as the files are well-formed; a table with an
  // unusable header stops the tables after it.
  bool usable = true;
  if (tokenized) {
    if (meta) feed_meta(*meta, loader);
    for (const auto& spec : table_specs()) {
      if (spec.id == TableId::links) break;
      auto& file = tables[static_cast<std::size_t>(spec.id)];
      if (!file) continue;
      usable = TableFeeder(*file, loader, spec.id).feed();
      for (auto& c : file->chunks) c.release();
      if (!usable) break;
    }
  }
  // The cells of those tables are freed; glibc keeps freed blocks for reuse, but links
  // are smaller than elements: hand the pages back rather than carry them to the end.
  ::malloc_trim(0);
  links_helper.join();
  if (!tokenized || (links && !links->problems.empty())) {
    // Malformed files: report those problems alone, as if nothing had been fed.
    InventoryLoader bad(*options.functions, *options.registry);
    for (auto* file : files)
      if (file)
        for (auto& d : file->problems) bad.report(std::move(d));
    return std::move(bad).finish();
  }
  if (!usable) return std::move(loader).finish();
  for (const auto& spec : table_specs()) {
    if (spec.id < TableId::links) continue;
    auto& file = tables[static_cast<std::size_t>(spec.id)];
    if (!file) continue;
    const bool ok = TableFeeder(*file, loader, spec.id).feed();
    loader.flush_links();
    for (auto& c : file->chunks) c.release();
    if (!ok) break;
  }
  return std::move(loader).finish();
}

}  // namespace netvet::io
