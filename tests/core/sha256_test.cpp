#define BOOST_TEST_MODULE sha256
#include <boost/test/unit_test.hpp>

#include "core/Sha256.h"

#include <string>

using namespace seclevel;

// FIPS 180-2 Appendix B test vectors.
BOOST_AUTO_TEST_CASE(fips_180_2_one_block)
{
    BOOST_TEST(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_CASE(fips_180_2_two_blocks)
{
    BOOST_TEST(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

BOOST_AUTO_TEST_CASE(fips_180_2_million_a_in_uneven_chunks)
{
    Sha256 hash;
    const std::string chunk(997, 'a');
    std::size_t left = 1000000;
    while (left > 0) {
        const std::size_t n = std::min(left, chunk.size());
        hash.update(std::string_view(chunk).substr(0, n));
        left -= n;
    }
    BOOST_TEST(hash.finishHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    BOOST_TEST(sha256Hex(std::string(1000000, 'a')) ==
               "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

BOOST_AUTO_TEST_CASE(empty_and_padding_boundaries)
{
    BOOST_TEST(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // 55, 56 and 64 bytes straddle the padding boundary.
    BOOST_TEST(sha256Hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    BOOST_TEST(sha256Hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    BOOST_TEST(sha256Hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

BOOST_AUTO_TEST_CASE(hex_digest_recognised)
{
    BOOST_TEST(isSha256Hex(sha256Hex("x")));
    BOOST_TEST(!isSha256Hex("ABC"));
    BOOST_TEST(!isSha256Hex(std::string(64, 'g')));
}

// The processor's SHA instructions (when present) and the portable code give the same digests for every
// length around the block and padding boundaries, whole and in uneven pieces.
BOOST_AUTO_TEST_CASE(accelerated_and_portable_agree)
{
    const bool accelerated = sha256Accelerated();
    BOOST_TEST_MESSAGE("SHA instructions in use: " << accelerated);
    std::string text;
    for (int i = 0; i < 700; ++i)
        text += static_cast<char>((i * 131 + 7) % 256);
    for (std::size_t length = 0; length <= text.size(); length += (length < 200 ? 1 : 37)) {
        const std::string_view piece = std::string_view(text).substr(0, length);
        setSha256Acceleration(false);
        const std::string portable = sha256Hex(piece);
        setSha256Acceleration(true);
        const std::string fast = sha256Hex(piece);
        Sha256 chunked;
        for (std::size_t at = 0; at < piece.size(); at += 13)
            chunked.update(piece.substr(at, 13));
        BOOST_TEST(portable == fast, "length " << length);
        BOOST_TEST(chunked.finishHex() == portable, "length " << length);
    }
    setSha256Acceleration(accelerated);
    BOOST_TEST(sha256Accelerated() == accelerated);
}
