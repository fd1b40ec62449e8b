#include "progress_bar.h"

#include <fmt/format.h>

#include <algorithm>

#include "output.h"

namespace netvet::cli {

ProgressBar::ProgressBar() : enabled_(stderr_is_terminal()) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::string_view stage, double fraction) {
  if (!enabled_) return;
  const int percent = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 100.0);
  if (percent == last_percent_ && stage == last_stage_) return;
  last_percent_ = percent;
  last_stage_ = stage;
  constexpr int kWidth = 30;
  const int filled = percent * kWidth / 100;
  fmt::print(stderr, "\r[{}{}] {:3}% {:<28}", std::string(static_cast<std::size_t>(filled), '#'),
             std::string(static_cast<std::size_t>(kWidth - filled), '.'), percent, stage.substr(0, 28));
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (!enabled_ || last_percent_ < 0) return;
  fmt::print(stderr, "\r{}\r", std::string(70, ' '));
  std::fflush(stderr);
  last_percent_ = -1;
}

}  // namespace netvet::cli
