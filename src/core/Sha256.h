#pragma once
// SHA-256 (FIPS 180-4), to fingerprint dossier attachments: the digest recorded in the dossier lets an
// appraiser check that the file they hold is the one the owner submitted. Pure functions, no I/O.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace seclevel {

// Incremental hashing, for files read in chunks.
class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    // The digest as 64 lowercase hex digits. The object must not be updated afterwards.
    std::string finishHex();
    // The same as 32 bytes.
    std::array<unsigned char, 32> finish();

private:
    void blocks(const unsigned char* data, std::size_t count); // SHA-NI when the processor has it
    void block(const unsigned char* data);                     // the portable compression function

    std::array<std::uint32_t, 8> m_state;
    std::array<unsigned char, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_length = 0; // bytes hashed so far
};

// The SHA-256 of `bytes` as 64 lowercase hex digits.
std::string sha256Hex(std::string_view bytes);

// Whether the processor's SHA instructions are used (x86 SHA-NI, detected at start).
bool sha256Accelerated();
// For tests comparing both implementations: turns the SHA instructions off or (when present) on again; not
// thread-safe, returns sha256Accelerated().
bool setSha256Acceleration(bool wanted);

// True for exactly 64 lowercase hex digits.
bool isSha256Hex(std::string_view text);

} // namespace seclevel
