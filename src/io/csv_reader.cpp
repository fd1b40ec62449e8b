// read_csv_bundle: a folder of CSV tables -> an inventory; read_csv_tables: the same
// tables held in memory (a multipart submission), read by the same code from the
// caller's bytes in place of files.
//
// Fast path for big networks: every file is read whole (big ones mapped); files over a few
// megabytes are cut at a row boundary and their halves checked (UTF-8) and tokenized on
// two threads; then the rows are handed to the InventoryLoader table by table, on one
// thread, because the string pool is not thread-safe. A file's text is kept until its rows
// are fed: the fields are views into it.

#include <absl/container/flat_hash_map.h>
#include <fmt/format.h>
#include <malloc.h>

#include <algorithm>
#include <array>
#include <memory>
#include <span>
#include <thread>

#include "io/csv_tokenizer.h"
#include "io/inventory_io.h"
#include "io/inventory_loader.h"
#include "io/lookahead.h"
#include "io/parallel.h"
#include "io/text_file.h"
#include "util/files.h"

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

// Checks and tokenizes one half of a file (`part` 0 or 1). The fields point into the
// file's text, which is kept until its rows are fed.
void tokenize_part(CsvFile& file, std::size_t part) {
  const std::string_view text = file.text;
  const std::size_t begin = part == 0 ? 0 : file.split;
  const std::size_t end = part == 0 ? file.split : text.size();
  const std::string_view chunk = text.substr(begin, end - begin);
  // split_rows cuts after a line break, never inside a UTF-8 sequence.
  if (auto bad = check_text(chunk, file.source.file, begin, text.substr(0, begin))) {
    file.problems.push_back(std::move(*bad));
    return;
  }
  if (const auto error = file.chunks[part].tokenize(chunk)) {
    // The cut assumed well-formed quoting: find the first problem on the whole text.
    CsvCells whole;
    const auto at = whole.tokenize(text).value_or(begin + *error);
    file.problems.push_back(malformed_csv(file, at));
  }
}

// Once a file's rows are fed: its fields and the text they point into.
void release(CsvFile& file) {
  for (auto& cells : file.chunks) cells.release();
  file.text = {};
  file.owned = {};
  file.mapped = {};
}

// The a and b ends of each row of one half of links.csv, from `first` on: two entries a
// row, kNoIndex for an id `lookup` does not know or a row without `fields` fields.
// `prefetch` starts loading what `lookup` will read (io/lookahead.h).
template <class Lookup, class Prefetch>
std::vector<Index> resolve_link_ends(const CsvCells& cells, std::size_t first, std::size_t fields, std::size_t a_field,
                                     std::size_t b_field, const Lookup& lookup, const Prefetch& prefetch) {
  std::vector<Index> out(2 * (cells.rows() > first ? cells.rows() - first : 0), kNoIndex);
  const auto ok = [&](std::size_t row) { return cells.fields(row) == fields; };
  const auto ahead = [&](std::size_t row) {
    if (!ok(row)) return;
    prefetch(cells.field(row, a_field));
    prefetch(cells.field(row, b_field));
  };
  with_lookahead(first, cells.rows(), ahead, [&](std::size_t row) {
    if (!ok(row)) return;
    const std::size_t k = 2 * (row - first);
    out[k] = lookup(cells.field(row, a_field));
    out[k + 1] = lookup(cells.field(row, b_field));
  });
  return out;
}

// The field of each column of `spec` in a header row (fields() when absent), or nothing
// when a column appears twice (TableFeeder reports that).
std::optional<std::vector<std::size_t>> header_fields(const CsvCells& cells, const TableSpec& spec) {
  if (cells.rows() == 0) return std::nullopt;
  std::vector<std::size_t> at(spec.columns.size(), cells.fields(0));
  for (std::size_t i = 0; i < cells.fields(0); ++i)
    if (const auto c = spec.find(cells.field(0, i))) {
      if (at[*c] != cells.fields(0)) return std::nullopt;
      at[*c] = i;
    }
  return at;
}

// Link ends looked up on the helper thread while this one feeds the elements: against an
// index of elements.csv's ids by data row, which is each element's row in the inventory
// once every row of elements.csv has been added (no duplicate id, no ragged row).
// TableFeeder checks that, and looks the ends up in the string pool when it does not hold.
struct EarlyEnds {
  std::size_t element_rows = 0;
  std::array<std::vector<Index>, 2> ends;  // per half of links.csv
};

std::optional<EarlyEnds> resolve_ends_early(const CsvFile& elements, const CsvFile& links) {
  const auto element_at = header_fields(elements.chunks[0], *elements.source.spec);
  const auto link_at = header_fields(links.chunks[0], *links.source.spec);
  if (!element_at || !link_at) return std::nullopt;
  const std::size_t id = (*element_at)[element_col::id], columns = elements.chunks[0].fields(0);
  const std::size_t a = (*link_at)[link_col::a], b = (*link_at)[link_col::b], link_columns = links.chunks[0].fields(0);
  if (id == columns || a == link_columns || b == link_columns) return std::nullopt;
  EarlyEnds early;
  early.element_rows = elements.chunks[0].rows() - 1 + elements.chunks[1].rows();
  absl::flat_hash_map<std::string_view, Index, ViewHash> row_of_id;
  row_of_id.reserve(early.element_rows);
  Index row = 0;
  for (const CsvCells& cells : elements.chunks)
    for (std::size_t r = (&cells == &elements.chunks[0] ? 1 : 0); r < cells.rows(); ++r, ++row) {
      if (cells.fields(r) != columns || !row_of_id.emplace(cells.field(r, id), row).second) return std::nullopt;
    }
  const auto lookup = [&](std::string_view text) {
    const auto it = row_of_id.find(text);
    return it == row_of_id.end() ? kNoIndex : it->second;
  };
  const auto prefetch = [&](std::string_view text) { row_of_id.prefetch(text); };
  for (std::size_t h = 0; h < 2; ++h)
    early.ends[h] = resolve_link_ends(links.chunks[h], h == 0 ? 1 : 0, link_columns, a, b, lookup, prefetch);
  return early;
}

// Hands the rows of one tokenized file to the loader.
class TableFeeder {
 public:
  TableFeeder(CsvFile& file, InventoryLoader& loader, TableId table, std::optional<EarlyEnds>* early = nullptr)
      : file_(file), loader_(loader), table_(table), early_(early) {}

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
    // Ids are new strings, whose pool slots are cold: prefetched (io/lookahead.h).
    std::optional<std::size_t> id_field;
    if (spec().has_id())
      for (std::size_t i = 0; i < targets_.size(); ++i)
        if (targets_[i].known && targets_[i].index == 0) id_field = i;
    std::int64_t index = 0;
    for (CsvCells& cells : file_.chunks) {
      const auto prefetch = [&](std::size_t row) {
        if (id_field && *id_field < cells.fields(row)) loader_.prefetch_string(cells.field(row, *id_field));
      };
      with_lookahead(&cells == &first ? 1 : 0, cells.rows(), prefetch,
                     [&](std::size_t row) { feed_row(cells, row, index++); });
    }
    // The cells stay: the caller frees them (release), and not before the helper thread
    // has read elements.csv's ids (resolve_ends_early).
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

  // Links: the ends of both halves were looked up on the helper thread, or are looked up
  // now on two threads, straight from the cells; then the rows are checked and added in
  // order.
  void feed_links() {
    std::size_t a_field = targets_.size(), b_field = targets_.size();
    for (std::size_t i = 0; i < targets_.size(); ++i) {
      if (targets_[i].known && targets_[i].index == link_col::a) a_field = i;
      if (targets_[i].known && targets_[i].index == link_col::b) b_field = i;
    }
    std::array<std::vector<Index>, 2> ends;  // per half: a, b of each row
    if (early_ && *early_ && (*early_)->element_rows == loader_.inventory().elements.size()) {
      ends = std::move((*early_)->ends);
    } else {
      const auto lookup = [&](std::string_view id) { return loader_.element_row(id); };
      const auto prefetch = [&](std::string_view id) { loader_.prefetch_element(id); };
      std::vector<std::function<void()>> halves;
      for (std::size_t h = 0; h < 2; ++h)
        halves.emplace_back([&, h] {
          ends[h] = resolve_link_ends(file_.chunks[h], h == 0 ? 1 : 0, targets_.size(), a_field, b_field, lookup, prefetch);
        });
      run_in_parallel(halves);
    }
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
  std::optional<EarlyEnds>* early_;  // links only: ends looked up ahead, when any
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

void report_missing_table(const std::string& shown, std::string_view name, InventoryLoader& loader) {
  Diagnostic d;
  d.file = shown;
  d.message = fmt::format("missing required table file '{}'; a CSV bundle holds operators.csv, sites.csv, "
                          "elements.csv and links.csv",
                          name);
  d.value = std::string(name);
  loader.report(std::move(d));
}

std::unique_ptr<CsvFile> new_table(std::string shown, const TableSpec* spec) {
  auto file = std::make_unique<CsvFile>();
  file->path = shown;
  file->source.file = std::move(shown);
  file->source.table = spec ? spec->name : std::string_view("meta");
  file->source.spec = spec;
  return file;
}

// The file's text is in place: refuses it when too big, else finds where it is cut.
std::unique_ptr<CsvFile> ready(std::unique_ptr<CsvFile> file, InventoryLoader& loader) {
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

std::unique_ptr<CsvFile> open_table(const std::filesystem::path& folder, std::string_view name, const TableSpec* spec,
                                    bool required, InventoryLoader& loader) {
  auto file = new_table((folder / name).string(), spec);
  file->path = folder / name;
  const PathKind kind = path_kind(file->path);
  if (kind != PathKind::file && kind != PathKind::missing) {
    // A FIFO or a folder named like a table: refused, never opened (a FIFO would block).
    auto refused = check_regular_file(file->path, file->source.file, "a CSV table (a regular file)");
    for (auto& d : refused.error()) loader.report(std::move(d));
    return nullptr;
  }
  if (kind != PathKind::file) {
    if (required) report_missing_table(file->source.file, name, loader);
    return nullptr;
  }
  // Big files are mapped (release gives their pages back once the rows are fed).
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
  return ready(std::move(file), loader);
}

// The table `name` of an in-memory bundle: its text is the caller's, read in place.
std::unique_ptr<CsvFile> table_in_memory(std::span<const CsvTableText> files, std::string_view name,
                                         const TableSpec* spec, bool required, InventoryLoader& loader) {
  const auto found = std::ranges::find_if(files, [&](const CsvTableText& f) { return f.name == name; });
  if (found == files.end()) {
    if (required) report_missing_table(std::string(name), name, loader);
    return nullptr;
  }
  auto file = new_table(found->name, spec);
  if (found->text.empty()) {  // as read_file says of an empty file
    Diagnostic d;
    d.file = found->name;
    d.message = "the file is empty; expected a header row or a JSON document";
    loader.report(std::move(d));
    return nullptr;
  }
  file->text = found->text;
  return ready(std::move(file), loader);
}

using OpenedTables = std::array<std::unique_ptr<CsvFile>, kTableCount>;

Result<Inventory> read_opened(OpenedTables tables, std::unique_ptr<CsvFile> meta, InventoryLoader& loader,
                              const ReadOptions& options);

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
  OpenedTables tables;
  for (const auto& spec : table_specs())
    tables[static_cast<std::size_t>(spec.id)] = open_table(folder, spec.file, &spec, spec.required_file, loader);
  auto meta = open_table(folder, "meta.csv", nullptr, false, loader);
  if (loader.failed()) return std::move(loader).finish();
  return read_opened(std::move(tables), std::move(meta), loader, options);
}

std::vector<std::string> csv_bundle_files() {
  std::vector<std::string> names;
  for (const auto& spec : table_specs()) names.emplace_back(spec.file);
  names.emplace_back("meta.csv");
  return names;
}

Result<Inventory> read_csv_tables(std::span<const CsvTableText> files, const ReadOptions& options) {
  InventoryLoader loader(*options.functions, *options.registry);
  const std::vector<std::string> names = csv_bundle_files();
  const auto known = [&](std::string_view name) { return std::find(names.begin(), names.end(), name) != names.end(); };
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string& name = files[i].name;
    Diagnostic d;
    d.file = name;
    d.value = name;
    if (!known(name)) {
      d.message = fmt::format("unknown table file '{}'; a CSV bundle holds operators.csv, sites.csv, elements.csv, "
                              "links.csv and, optionally, facilities.csv, evidence.csv and meta.csv",
                              name);
      loader.report(std::move(d));
    } else if (std::ranges::any_of(files.first(i), [&](const CsvTableText& f) { return f.name == name; })) {
      d.message = fmt::format("table file '{}' given twice; each table comes once", name);
      loader.report(std::move(d));
    }
  }
  OpenedTables tables;
  for (const auto& spec : table_specs())
    tables[static_cast<std::size_t>(spec.id)] = table_in_memory(files, spec.file, &spec, spec.required_file, loader);
  auto meta = table_in_memory(files, "meta.csv", nullptr, false, loader);
  if (loader.failed()) return std::move(loader).finish();
  return read_opened(std::move(tables), std::move(meta), loader, options);
}

namespace {

// Reads the tables found (folder or memory alike): tokenizes them, then feeds their rows.
Result<Inventory> read_opened(OpenedTables tables, std::unique_ptr<CsvFile> meta, InventoryLoader& loader,
                              const ReadOptions& options) {
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
  // Then, while this thread interns the elements, the helper looks up the links' ends.
  CsvFile* const elements = tables[static_cast<std::size_t>(TableId::elements)].get();
  std::optional<EarlyEnds> early;
  const auto tokenize_links = [links, elements, &early] {
    if (!links) return;
    tokenize_part(*links, 0);
    if (links->split < links->text.size()) tokenize_part(*links, 1);
    if (elements && elements->problems.empty() && links->problems.empty()) early = resolve_ends_early(*elements, *links);
  };
  std::jthread links_helper(tokenize_links);

  const std::array<CsvFile*, kTableCount + 1> files = {tables[0].get(), tables[1].get(), tables[2].get(),
                                                       tables[3].get(), tables[4].get(), tables[5].get(),
                                                       meta.get()};
  bool tokenized = true;
  for (auto* file : files)
    if (file && file != links) tokenized = tokenized && file->problems.empty();
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
      if (file.get() != elements) release(*file);  // the helper may still read elements' ids
      if (!usable) break;
    }
  }
  // Those tables are freed; glibc keeps freed blocks for reuse, but links
  // are smaller than elements: hand the pages back rather than carry them to the end.
  ::malloc_trim(0);
  links_helper.join();
  if (elements) release(*elements);
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
    const bool ok = TableFeeder(*file, loader, spec.id, &early).feed();
    loader.flush_links();
    release(*file);
    if (!ok) break;
  }
  return std::move(loader).finish();
}

}  // namespace

}  // namespace netvet::io
