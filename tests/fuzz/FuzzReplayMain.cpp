// Replay driver for libFuzzer targets, used when the real libFuzzer is not built (gcc, normal CTest runs):
//   <target>_replay [CORPUS_DIR] [ITERATIONS]
// Runs LLVMFuzzerTestOneInput on every file under CORPUS_DIR (recursively; a missing directory just means no
// seeds), then on ITERATIONS deterministic pseudo-random mutations of them: bit flips, byte insertion and
// deletion, splices of two inputs, truncation, duplicated chunks and random hex-like record lines. A crash
// aborts the process, so reaching the summary line means there was none.
// Plain C++ (no Qt) so that any fuzz target can use it.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

using Bytes = std::vector<uint8_t>;

constexpr size_t kMaxSeedWindow = 8 * 1024; // mutate a window of large seeds, not the whole file
constexpr size_t kMaxInput = 64 * 1024;

std::vector<Bytes> loadCorpus(const std::filesystem::path &dir)
{
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) {
        for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
             !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            if (it->is_regular_file(ec))
                files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end()); // deterministic order
    std::vector<Bytes> corpus;
    for (const auto &f : files) {
        std::ifstream in(f, std::ios::binary);
        corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return corpus;
}

class Mutator
{
public:
    explicit Mutator(uint32_t seed) : m_rng(seed) {}

    size_t below(size_t n) { return n == 0 ? 0 : size_t(m_rng() % n); }

    Bytes window(const Bytes &seed)
    {
        if (seed.size() <= kMaxSeedWindow)
            return seed;
        // Start at a line boundary most of the time, so the window still parses as records.
        size_t start = below(seed.size() - kMaxSeedWindow);
        if (below(4) != 0) {
            while (start > 0 && seed[start - 1] != '\n')
                --start;
        }
        size_t end = start + kMaxSeedWindow;
        while (end > start + 1 && seed[end - 1] != '\n') // and end after a line, too
            --end;
        return Bytes(seed.begin() + std::ptrdiff_t(start), seed.begin() + std::ptrdiff_t(end));
    }

    // One random record-like line: ':' or 'S<digit>' followed by hex digits, sometimes with a valid checksum.
    std::string hexLine()
    {
        static const char digits[] = "0123456789ABCDEF";
        const bool ihex = below(2) == 0;
        std::vector<uint8_t> body(1 + below(40));
        for (auto &b : body)
            b = uint8_t(m_rng());
        if (below(2) == 0) // consistent length field
            body[0] = uint8_t(ihex ? (body.size() >= 5 ? body.size() - 5 : 0) : body.size());
        if (ihex && body.size() > 3 && below(2) == 0)
            body[3] = uint8_t(below(7)); // a known record type most of the time
        unsigned sum = 0;
        for (size_t i = 0; i + 1 < body.size(); ++i)
            sum += body[i];
        if (below(3) != 0)
            body.back() = uint8_t(ihex ? (0x100 - (sum & 0xFF)) : (~sum & 0xFF));
        std::string line = ihex ? ":" : std::string("S") + char('0' + below(10));
        for (uint8_t b : body) {
            line += digits[b >> 4];
            line += digits[b & 0xF];
        }
        line += below(4) == 0 ? "\r\n" : "\n";
        return line;
    }

    // Recomputes the length and checksum fields of every line that looks like an Intel HEX or S-record
    // record, so that mutations inside records reach the code behind the checksum test.
    static void fixRecords(Bytes &data)
    {
        size_t pos = 0;
        while (pos < data.size()) {
            size_t end = pos;
            while (end < data.size() && data[end] != '\n')
                ++end;
            size_t e = end;
            if (e > pos && data[e - 1] == '\r')
                --e;
            fixRecord(data, pos, e);
            pos = end + 1;
        }
    }

    void mutate(Bytes &data, const std::vector<Bytes> &corpus)
    {
        const size_t rounds = 1 + below(4);
        for (size_t r = 0; r < rounds; ++r) {
            switch (below(9)) {
            case 0: // bit flip
                if (!data.empty())
                    data[below(data.size())] ^= uint8_t(1u << below(8));
                break;
            case 1: { // insert an interesting byte
                static const char interesting[] = "\n\r:S0123456789ABCDEFabcdef \x00\xff";
                data.insert(data.begin() + std::ptrdiff_t(below(data.size() + 1)),
                            uint8_t(interesting[below(sizeof interesting - 1)]));
                break;
            }
            case 2: // delete a range
                if (!data.empty()) {
                    const size_t at = below(data.size());
                    const size_t n = std::min(data.size() - at, 1 + below(16));
                    data.erase(data.begin() + std::ptrdiff_t(at), data.begin() + std::ptrdiff_t(at + n));
                }
                break;
            case 3: // splice with another corpus entry
                if (!corpus.empty()) {
                    const Bytes other = window(corpus[below(corpus.size())]);
                    const size_t cut = below(data.size() + 1);
                    const size_t from = below(other.size() + 1);
                    data.resize(cut);
                    data.insert(data.end(), other.begin() + std::ptrdiff_t(from), other.end());
                }
                break;
            case 4: // truncate
                data.resize(below(data.size() + 1));
                break;
            case 5:
            case 6: { // random record line, inserted at a line start when possible
                const std::string line = hexLine();
                size_t at = below(data.size() + 1);
                while (at > 0 && at < data.size() && data[at - 1] != '\n')
                    --at;
                data.insert(data.begin() + std::ptrdiff_t(at), line.begin(), line.end());
                break;
            }
            case 7: // overwrite a byte with a hex digit
                if (!data.empty())
                    data[below(data.size())] = uint8_t("0123456789ABCDEF"[below(16)]);
                break;
            default: // duplicate a chunk (repeated records, overlaps)
                if (!data.empty()) {
                    const size_t at = below(data.size());
                    const size_t n = std::min(data.size() - at, 1 + below(256));
                    const Bytes chunk(data.begin() + std::ptrdiff_t(at), data.begin() + std::ptrdiff_t(at + n));
                    data.insert(data.begin() + std::ptrdiff_t(below(data.size() + 1)), chunk.begin(), chunk.end());
                }
                break;
            }
        }
        if (data.size() > kMaxInput)
            data.resize(kMaxInput);
        if (below(2) == 0)
            fixRecords(data);
    }

private:
    static int hexValue(uint8_t c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    }
    static void putByte(Bytes &data, size_t at, unsigned b)
    {
        static const char digits[] = "0123456789ABCDEF";
        data[at] = uint8_t(digits[(b >> 4) & 0xF]);
        data[at + 1] = uint8_t(digits[b & 0xF]);
    }
    static void fixRecord(Bytes &data, size_t begin, size_t end)
    {
        size_t hex = 0;
        bool ihex = false;
        if (end - begin >= 11 && data[begin] == ':') {
            hex = begin + 1;
            ihex = true;
        } else if (end - begin >= 6 && data[begin] == 'S' && data[begin + 1] >= '0' && data[begin + 1] <= '9') {
            hex = begin + 2;
        } else {
            return;
        }
        const size_t digits = end - hex;
        if (digits % 2 != 0 || digits / 2 > 256)
            return;
        for (size_t i = hex; i < end; ++i) {
            if (hexValue(data[i]) < 0)
                return;
        }
        const size_t n = digits / 2; // bytes including length and checksum
        const unsigned length = unsigned(ihex ? n - 5 : n - 1);
        if (length > 255)
            return;
        putByte(data, hex, length);
        unsigned sum = 0;
        for (size_t i = 0; i + 1 < n; ++i)
            sum += unsigned(hexValue(data[hex + 2 * i]) * 16 + hexValue(data[hex + 2 * i + 1]));
        putByte(data, hex + 2 * (n - 1), ihex ? (0x100 - (sum & 0xFF)) & 0xFF : ~sum & 0xFF);
    }

    std::mt19937 m_rng;
};

} // namespace

int main(int argc, char **argv)
{
    const std::filesystem::path corpusDir = argc > 1 ? argv[1] : "";
    const long iterations = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 10000;
    const std::vector<Bytes> corpus = corpusDir.empty() ? std::vector<Bytes>{} : loadCorpus(corpusDir);

    long inputs = 0;
    LLVMFuzzerTestOneInput(nullptr, 0);
    ++inputs;
    for (const Bytes &seed : corpus) {
        LLVMFuzzerTestOneInput(seed.data(), seed.size());
        ++inputs;
    }
    Mutator m(0x07AD35C);
    for (long i = 0; i < iterations; ++i) {
        Bytes data;
        if (!corpus.empty() && m.below(8) != 0)
            data = m.window(corpus[m.below(corpus.size())]);
        m.mutate(data, corpus);
        LLVMFuzzerTestOneInput(data.data(), data.size());
        ++inputs;
    }
    std::printf("fuzz replay: %ld inputs (%zu seeds from %s), 0 crashes\n", inputs, corpus.size(),
                corpusDir.empty() ? "-" : corpusDir.string().c_str());
    return 0;
}
