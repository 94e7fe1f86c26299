#include <awsreq/credentials/provider.hpp>

#include <cstring>

namespace awsreq::credentials {
namespace {

class FixedProvider final : public Provider {
public:
    FixedProvider(Result<Credentials> r, std::string_view name) : result_(std::move(r)), name_(name) {}
    Step next(Input) override { return result_; }
    std::string_view name() const override { return name_; }

private:
    Result<Credentials> result_;
    std::string name_;
};

// A chain of steps cannot be endless; this bounds a misbehaving provider.
constexpr int kMaxSteps = 1000;

}  // namespace

bool is_not_loaded(const Error& e) noexcept { return e.type == error_kind::not_loaded; }

Failure not_loaded(std::string message) { return fail(error_kind::not_loaded, std::move(message)); }

ProviderPtr make_fixed_provider(Result<Credentials> result, std::string_view name) {
    return std::make_unique<FixedProvider>(std::move(result), name);
}

Result<Credentials> drive(Provider& provider, const Transport* transport, const ProcessRunner* runner) {
    Input input = std::monostate{};
    for (int i = 0; i < kMaxSteps; ++i) {
        Step step = provider.next(std::move(input));
        if (auto* done = std::get_if<Result<Credentials>>(&step)) return std::move(*done);
        if (auto* call = std::get_if<HttpCall>(&step)) {
            if (transport != nullptr && *transport)
                input = (*transport)(*call);
            else
                input = Result<HttpResponse>(fail(error_kind::io_not_allowed,
                                                  "network access is not allowed (no transport given)"));
        } else {
            const auto& proc = std::get<ProcessCall>(step);
            if (runner != nullptr && *runner)
                input = (*runner)(proc);
            else
                input = Result<ProcessOutput>(fail(error_kind::io_not_allowed,
                                                   "running processes is not allowed (no process runner given)"));
        }
    }
    return fail(error_type::credentials_error, "credential provider did not finish", std::string(provider.name()));
}

}  // namespace awsreq::credentials
