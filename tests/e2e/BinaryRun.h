#pragma once
// What the end-to-end tests share: run the built `seclevel` binary (SECLEVEL_BINARY) with arguments and
// optional standard input in a scratch folder, and read back its exit code, stdout and stderr.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace seclevel::e2e {

namespace fs = std::filesystem;

struct Run {
    int exitCode = -1;
    std::string out;
    std::string err;
};

inline std::string shellQuote(const std::string& s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// A fresh folder under the system temp dir, removed with everything in it at the end of the test.
struct TempDir {
    fs::path path;
    TempDir()
    {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("seclevel-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

inline std::string slurp(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline fs::path write(const fs::path& dir, const std::string& name, const std::string& content)
{
    std::ofstream(dir / name, std::ios::binary) << content;
    return dir / name;
}

// When SECLEVEL_TEST_STORE holds a PostgreSQL URL (CTest's *_postgres runs), every `--db PATH` that names no
// existing file is run against a fresh schema of that server instead — the same PATH always the same schema —
// so the same end-to-end tests prove both stores. A PATH that exists (a garbage file, a copied database) stays
// an SQLite file: those tests are about files.
inline std::string databaseFor(const std::string& path)
{
    static std::map<std::string, std::string> urls;
    const char* admin = std::getenv("SECLEVEL_TEST_STORE");
    if (!admin || std::string(admin).rfind("postgresql://", 0) != 0 || fs::exists(path) ||
        path.find("://") != std::string::npos)
        return path;
    auto found = urls.find(path);
    if (found != urls.end())
        return found->second;
    static int counter = 0;
    std::string schema = "e2e_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    std::string create = "psql -q -v ON_ERROR_STOP=1 " + shellQuote(admin) + " -c " +
                         shellQuote("CREATE SCHEMA " + schema) + " >/dev/null";
    if (std::system(create.c_str()) != 0)
        throw std::runtime_error("cannot create the schema " + schema + " on " + admin);
    std::string url = admin;
    url += url.find('?') == std::string::npos ? "?" : "&";
    url += "options=-c%20search_path%3D" + schema;
    return urls[path] = url;
}

inline Run run(const std::vector<std::string>& args, const fs::path& work, const std::string& stdinText = {})
{
    std::string command = shellQuote(SECLEVEL_BINARY);
    for (size_t i = 0; i < args.size(); ++i) {
        command += ' ';
        const bool databaseValue = i > 0 && args[i - 1] == "--db";
        command += shellQuote(databaseValue ? databaseFor(args[i]) : args[i]);
    }
    const fs::path outFile = work / "stdout.txt", errFile = work / "stderr.txt";
    const fs::path inFile = write(work, "stdin.txt", stdinText);
    command +=
        " >" + shellQuote(outFile.string()) + " 2>" + shellQuote(errFile.string()) + " <" + shellQuote(inFile.string());
    const int status = std::system(command.c_str());
    Run r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(outFile);
    r.err = slurp(errFile);
    return r;
}

} // namespace seclevel::e2e
