// awsreq credentials: what callers choose about credential resolution, and what providers read.
#pragma once

#include <awsreq/config/resolved_config.hpp>
#include <awsreq/core/time.hpp>
#include <awsreq/signing/credentials.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace awsreq::credentials {

/// Asks the user for the current code of an MFA device (`mfa_serial` of an assume-role profile).
using MfaCallback = std::function<Result<std::string>(std::string_view mfa_serial)>;

/// Instance metadata (IMDS) behaviour. The AWS CLI's defaults: one attempt, one second.
struct ImdsOptions {
    bool enabled = true;                       ///< false skips IMDS in the chain
    std::chrono::milliseconds timeout{1000};   ///< per HTTP call
    int attempts = 1;                          ///< per HTTP call, on 5xx and transport errors
    bool allow_v1_fallback = true;             ///< use IMDSv1 when no token can be had
    std::string endpoint_override = {};  ///< non-empty: beats every configured endpoint
    std::string mode_override = {};      ///< non-empty "IPv4" / "IPv6": below configured endpoints
};

/// Options for the whole chain.
struct ChainOptions {
    std::optional<Credentials> explicit_credentials = {};  ///< step 1 of the chain when set
    ImdsOptions imds = {};
    std::chrono::milliseconds http_timeout{5000};  ///< container, STS and SSO calls
    MfaCallback mfa = {};                          ///< without it, mfa_serial profiles fail
    std::string session_name_prefix = "awsreq-session";  ///< RoleSessionName when none is configured
};

/// Everything a provider reads: resolved configuration, the file system and the current time
/// (the core never reads the clock).
struct ProviderContext {
    const config::ResolvedConfig* config = nullptr;  ///< must outlive the providers
    config::FileSystem fs;
    Timestamp now;
    ChainOptions options = {};
};

}  // namespace awsreq::credentials
