#pragma once
// The few cryptographic primitives the store needs, from OpenSSL (libcrypto): SHA-256
// for submission digests, token hashes and the audit chain, and the operating system's
// random generator for ids and token secrets.

#include <cstddef>
#include <string>
#include <string_view>

namespace netvet::store {

// SHA-256 of `bytes`, as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

// `bytes` random bytes from OpenSSL's CSPRNG (seeded by the kernel), as 2×bytes hex digits.
// Aborts when the generator fails: nothing safe can be made without it.
std::string random_hex(std::size_t bytes);

// a == b in time that depends on the lengths only (for comparing secret hashes).
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace netvet::store
