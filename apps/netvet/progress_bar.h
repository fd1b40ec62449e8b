#pragma once
// A one-line progress bar on standard error for long runs, drawn only on a terminal
// (pipelines and CI logs get nothing), redrawn at most every whole percent.

#include <string>
#include <string_view>

namespace netvet::cli {

class ProgressBar {
 public:
  ProgressBar();  // enabled when stderr is a terminal
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // `fraction` in [0, 1] of the whole job; `stage` names what is being done.
  void update(std::string_view stage, double fraction);
  void finish();

 private:
  bool enabled_;
  int last_percent_ = -1;
  std::string last_stage_;
};

}  // namespace netvet::cli
