#include "util/files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace netvet {
namespace {

class InputFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("netvet-input-file-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(InputFile, ReadsARegularFileWithinItsBound) {
  std::ofstream(dir_ / "pack.yaml") << "id: x\n";
  const auto text = read_input_file(dir_ / "pack.yaml", "pack.yaml", "a pack", 100);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "id: x\n");
  EXPECT_EQ(path_kind(dir_ / "pack.yaml"), PathKind::file);
  EXPECT_EQ(path_kind(dir_), PathKind::folder);
  EXPECT_EQ(path_kind(dir_ / "none"), PathKind::missing);
}

// A FIFO blocked the reader forever; a folder was accepted as a file.
TEST_F(InputFile, RefusesFifosFoldersAndOversizedFilesWithoutBlocking) {
  const auto fifo = dir_ / "waivers.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(path_kind(fifo), PathKind::other);
  const auto from_fifo = read_input_file(fifo, "waivers.yaml", "a waiver file (YAML)", 100);
  ASSERT_FALSE(from_fifo);
  EXPECT_EQ(from_fifo.error()[0].message, "is a FIFO (named pipe), not a regular file; expected a waiver file (YAML)");
  const auto from_folder = read_input_file(dir_, "dir", "a waiver file (YAML)", 100);
  ASSERT_FALSE(from_folder);
  EXPECT_NE(from_folder.error()[0].message.find("is a folder, not a regular file"), std::string::npos);
  std::ofstream(dir_ / "big.yaml") << std::string(1000, 'x');
  const auto big = read_input_file(dir_ / "big.yaml", "big.yaml", "a policy pack", 100);
  ASSERT_FALSE(big);
  EXPECT_NE(big.error()[0].message.find("(1000 bytes); expected a policy pack of at most"), std::string::npos)
      << big.error()[0].message;
  const auto device = read_input_file("/dev/zero", "/dev/zero", "a policy pack", 100);
  ASSERT_FALSE(device);
  EXPECT_NE(device.error()[0].message.find("character device"), std::string::npos);
}

}  // namespace
}  // namespace netvet
