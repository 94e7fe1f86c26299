#include "services.hpp"

#include <fstream>
#include <sstream>

namespace awsreq::cli {

model::DataPath data_path(const ParsedArgs& args) {
    auto env = getenv_str("AWSREQ_DATA_PATH");
    auto home = getenv_str("HOME");
    return model::DataPath::resolve(args.get_all("--data-path"), env ? *env : std::string(),
                                    home ? *home : std::string(), *model::real_file_system());
}

std::string region_of(const ParsedArgs& args) {
    if (auto r = args.get("--region")) return *r;
    if (auto r = getenv_str("AWS_REGION"); r && !r->empty()) return *r;
    if (auto r = getenv_str("AWS_DEFAULT_REGION"); r && !r->empty()) return *r;
    return {};
}

int report_line(Io& io, const Error& e) {
    Error one = e;
    constexpr std::string_view kValidationPrefix = "Parameter validation failed:\n";
    std::string_view m = one.message;
    if (m.starts_with(kValidationPrefix)) m.remove_prefix(kValidationPrefix.size());
    std::string flat;
    flat.reserve(m.size());
    for (char c : m) {
        if (c == '\n') flat += "; ";
        else if (c != '\r') flat += c;
    }
    one.message = std::move(flat);
    return report(io, one);
}

Result<Json> params_document(Io& io, const std::optional<std::string>& arg) {
    if (!arg) return Json::object();
    std::string text;
    std::string source = "PARAMS_JSON";
    if (*arg == "-" || (!arg->empty() && (*arg)[0] == '@')) {
        auto in = read_input(io, *arg == "-" ? std::optional<std::string>("-") : std::optional<std::string>(arg->substr(1)));
        if (!in) return in.failure();
        text = std::move(*in);
        if (*arg != "-") source = arg->substr(1);
    } else {
        text = *arg;
    }
    Json doc = Json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        Error e = make_error(error_type::json_error, "the params document is not valid JSON", "params");
        e.file = source;
        return Failure{std::move(e)};
    }
    if (!doc.is_object()) return fail(error_type::json_error, "the params document must be a JSON object", "params");
    return doc;
}

}  // namespace awsreq::cli
