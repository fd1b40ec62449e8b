// Writes the seed of fuzz_receipt: a real receipt, made by store::make_receipt with the
// test-only key tests/fuzz/receipt/seed-key.pem (made on the first run), and prints the
// key's public half, which fuzz_receipt.cpp holds as its fixed key. Built with the
// harnesses (target fuzz_receipt_seed); run by hand:
//   build/fuzz/tests/fuzz/fuzz_receipt_seed tests/fuzz/receipt/seed-key.pem > tests/fuzz/corpus/receipt/receipt.json
#include <cstdio>
#include <iostream>

#include "store/receipt.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_receipt_seed KEY.pem > receipt.json\n");
    return 2;
  }
  auto signer = netvet::store::Signer::load_or_create(argv[1]);
  if (!signer) {
    std::fprintf(stderr, "%s\n", signer.error().front().to_string().c_str());
    return 2;
  }
  netvet::store::SubmissionMeta submission;
  submission.id = "s-0123456789abcdef0123456789abcdef";
  submission.operator_id = "op-a";
  submission.digest = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  submission.received = "2026-12-07T13:00:00Z";
  submission.media_type = "application/json";
  submission.size = 4;
  submission.submitted_by = "t-0123456789abcdef";
  submission.audit_index = 42;
  submission.audit_hash = "5d41402abc4b2a76b9719d911017c592ae5f8b3e1c3d6e2f4a5b6c7d8e9f0a1b";
  std::cout << netvet::store::make_receipt(submission, signer->get()).dump(2) << '\n';
  std::cerr << (*signer)->public_key_pem();
  return 0;
}
