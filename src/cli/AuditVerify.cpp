// seclevel audit verify [--expect-head [SEQ:]HASH] — checks the whole audit chain from the rows alone; exit 8
// naming the first bad entry when any entry was edited, deleted, inserted or reordered, or when a head
// recorded elsewhere (an exported dossier, an earlier `audit head`) is no longer in the chain.
#include "app/AuditService.h"
#include "cli/Commands.h"
#include "cli/SystemCommands.h"
#include "codec/Json.h"
#include "formats/text/TerminalText.h"

#include <iostream>

namespace seclevel {
namespace {

class AuditVerifyCommand final : public Command {
public:
    std::string name() const override { return "audit verify"; }
    LocalizedText summary() const override
    {
        return {"kiểm tra toàn bộ chuỗi nhật ký kiểm toán (mục bị sửa, xóa, chèn, đổi chỗ, cắt cuối)",
                "verify the whole audit chain (edited, deleted, inserted, reordered entries, truncated tail)"};
    }
    std::string usage() const override { return "[--expect-head [SEQ:]HASH] [--db PATH] [--format text|json]"; }
    std::vector<OptionSpec> options() const override
    {
        auto specs = storeOptions();
        specs.push_back({"expect-head",
                         true,
                         {"đầu chuỗi đã ghi nhận ở nơi khác (hồ sơ xuất, audit head) phải còn trong chuỗi",
                          "a head recorded elsewhere (exported dossier, audit head) that must still be in the chain"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (!line.positional().empty())
            return usageError(*this, context, "không nhận tham số vị trí", "takes no positional arguments");
        const std::string format = line.value("format").value_or("text");
        if (format != "text" && format != "json")
            return usageError(*this, context, "--format phải là text hoặc json", "--format must be text or json");
        std::optional<AuditHead> expect;
        if (auto text = line.value("expect-head")) {
            auto parsed = AuditService::parseHead(*text);
            if (!parsed)
                return printErrors(parsed.errors(), context);
            expect = *parsed;
        }
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        AuditService service(**store);
        auto verified = service.verify(expect);
        if (!verified)
            return printErrors(verified.errors(), context);
        const AuditVerification& v = *verified;
        if (format == "json") {
            json::Writer w;
            w.beginObject();
            w.member("intact", !v.broken.has_value());
            w.member("entries", v.entries);
            w.key("head").beginObject().member("seq", v.head.seq).member("hash", v.head.hash).endObject();
            if (v.broken) {
                const AuditFinding& f = v.finding;
                w.key("first_bad").beginObject();
                w.member("seq", f.seq);
                w.member("action", f.action);
                w.member("subject_kind", f.subjectKind);
                w.member("subject_id", f.subjectId);
                w.member("problem", problemName(f.problem));
                w.member("message_vi", describeAuditFinding(f).vi);
                w.member("message_en", describeAuditFinding(f).en);
                w.endObject();
            }
            w.endObject();
            *context.out << w.str();
        } else if (!v.broken) {
            const bool vi = context.lang == Lang::Vi;
            *context.out << (vi ? "Chuỗi nhật ký kiểm toán nguyên vẹn: " : "The audit chain is intact: ") << v.entries
                         << (vi ? " mục; đầu chuỗi " : " entries; head ") << AuditService::formatHead(v.head) << "\n";
        }
        if (v.broken) {
            Error error = *v.broken;
            error.message.vi = terminalSafe(error.message.vi);
            error.message.en = terminalSafe(error.message.en);
            return printErrors({error}, context);
        }
        return ExitOk;
    }

private:
    static const char* problemName(AuditProblem problem)
    {
        switch (problem) {
        case AuditProblem::None: return "none";
        case AuditProblem::HashMismatch: return "hash_mismatch";
        case AuditProblem::PrevHashMismatch: return "prev_hash_mismatch";
        case AuditProblem::SeqGap: return "seq_gap";
        case AuditProblem::BadTime: return "bad_time";
        case AuditProblem::HeadNotFound: return "head_not_found";
        }
        return "unknown";
    }
};

} // namespace

std::unique_ptr<Command> makeAuditVerifyCommand()
{
    return std::make_unique<AuditVerifyCommand>();
}

} // namespace seclevel
