#include <awsreq/credentials/profile_chain.hpp>

#include <awsreq/credentials/provider.hpp>

#include <algorithm>
#include <charconv>

namespace awsreq::credentials {
namespace {

Failure profile_error(std::string message, std::string_view profile) {
    return fail(error_type::credentials_error, std::move(message), "profile " + std::string(profile));
}

std::optional<std::string> get(const config::Section& s, std::string_view key) {
    auto v = s.get(key);
    if (!v) return std::nullopt;
    return std::string(*v);
}

Result<StaticKeysLink> static_keys(const config::Section& p) {
    auto id = get(p, "aws_access_key_id");
    auto secret = get(p, "aws_secret_access_key");
    if (!id && !secret)
        return not_loaded("profile `" + p.name + "` did not contain credential information");
    if (!id) return profile_error("profile missing aws_access_key_id", p.name);
    if (!secret) return profile_error("profile missing aws_secret_access_key", p.name);
    StaticKeysLink link{p.name, *id, SecretString(*secret), std::nullopt, get(p, "aws_account_id")};
    if (auto t = get(p, "aws_session_token")) link.session_token = SecretString(*t);
    return link;
}

Result<std::optional<SsoLink>> sso_link(const config::ProfileSet& set, const config::Section& p) {
    auto account = get(p, "sso_account_id");
    auto role = get(p, "sso_role_name");
    auto start_url = get(p, "sso_start_url");
    auto region = get(p, "sso_region");
    auto session = get(p, "sso_session");
    if (!account && !role && !start_url && !region && !session) return std::optional<SsoLink>{};
    if (role && !account)
        return profile_error("if `sso_role_name` is set, then `sso_account_id` must also be set", p.name);
    if (account && !role)
        return profile_error("if `sso_account_id` is set, then `sso_role_name` must also be set", p.name);
    SsoLink link{p.name, session, {}, {}, account, role};
    if (session) {
        if (region)
            return profile_error("`sso_region` can only be specified in the [sso-session] config when a session "
                                 "name is given",
                                 p.name);
        const config::Section* s = set.sso_session(*session);
        if (s == nullptr)
            return profile_error("sso-session named `" + *session + "` (referenced by profile `" + p.name +
                                     "`) was not found",
                                 p.name);
        auto sregion = get(*s, "sso_region");
        auto surl = get(*s, "sso_start_url");
        if (start_url && surl && *start_url != *surl)
            return profile_error("`sso_start_url` in the profile differs from the one in the [sso-session]", p.name);
        if (!sregion) return profile_error("the [sso-session " + *session + "] section has no `sso_region`", p.name);
        if (!surl) return profile_error("the [sso-session " + *session + "] section has no `sso_start_url`", p.name);
        link.region = *sregion;
        link.start_url = *surl;
    } else {
        if (!region) return profile_error("profile has SSO settings but no `sso_region`", p.name);
        if (!start_url) return profile_error("profile has SSO settings but no `sso_start_url`", p.name);
        link.region = *region;
        link.start_url = *start_url;
    }
    return std::optional<SsoLink>{std::move(link)};
}

// A profile's own source of credentials (no role chaining), in the AWS CLI's order.
// credential_source only means something next to role_arn, so it is not a base source here.
Result<BaseLink> base_link(const config::ProfileSet& set, const config::Section& p) {
    if (auto token_file = get(p, "web_identity_token_file")) {
        auto role = get(p, "role_arn");
        if (!role) return profile_error("`web_identity_token_file` was specified but `role_arn` was missing", p.name);
        return BaseLink{WebIdentityLink{*role, *token_file, get(p, "role_session_name")}};
    }
    auto sso = sso_link(set, p);
    if (!sso) return sso.failure();
    if (*sso) return BaseLink{std::move(**sso)};
    // Keys in the credentials file come before credential_process, which comes before keys in
    // the config file (the shared-credentials-file, custom-process, config-file order).
    const config::Property* id = p.find("aws_access_key_id");
    bool keys_in_credentials_file = id != nullptr && id->origin == config::FileKind::credentials;
    auto process = get(p, "credential_process");
    if (process && !keys_in_credentials_file) return BaseLink{ProcessLink{p.name, *process}};
    auto keys = static_keys(p);
    if (!keys) return keys.failure();
    return BaseLink{std::move(*keys)};
}

}  // namespace

bool has_assume_role(const config::Section& profile) {
    return profile.get("role_arn").has_value() && !profile.get("web_identity_token_file").has_value();
}

Result<ProfileChain> resolve_profile_chain(const config::ProfileSet& set, std::string_view selected) {
    if (set.profiles.empty()) return not_loaded("No profiles were defined");
    std::vector<std::string> visited;
    std::vector<AssumeRoleLink> roles;  // outermost (selected profile) first
    std::string name(selected);
    std::optional<BaseLink> base;
    while (!base) {
        const config::Section* p = set.profile(name);
        if (p == nullptr) {
            if (visited.empty()) return not_loaded("profile `" + name + "` was not found");
            return profile_error("could not find source profile " + name + " referenced from " + visited.back(),
                                 visited.back());
        }
        if (std::find(visited.begin(), visited.end(), name) != visited.end())
            return profile_error("profile formed an infinite loop: " + name + " is visited twice", name);
        visited.push_back(name);

        // After the first profile, static keys win over a role_arn.
        if (visited.size() > 1) {
            if (auto keys = static_keys(*p)) {
                base = BaseLink{std::move(*keys)};
                break;
            }
        }
        if (!has_assume_role(*p)) {
            auto b = base_link(set, *p);
            if (!b) {
                // A source profile without credentials is a broken chain, not an absent provider.
                if (visited.size() > 1 && is_not_loaded(b.error()))
                    return profile_error(b.error().message, name);
                return b.failure();
            }
            base = std::move(*b);
            break;
        }
        AssumeRoleLink role{name, std::string(*p->get("role_arn")), get(*p, "external_id"),
                            get(*p, "role_session_name"), get(*p, "mfa_serial"), std::nullopt};
        if (auto d = get(*p, "duration_seconds")) {
            int secs = 0;
            auto [ptr, ec] = std::from_chars(d->data(), d->data() + d->size(), secs);
            if (ec != std::errc{} || ptr != d->data() + d->size() || secs <= 0)
                return profile_error("duration_seconds must be a positive integer", name);
            role.duration_seconds = secs;
        }
        roles.push_back(std::move(role));
        auto source_profile = get(*p, "source_profile");
        auto credential_source = get(*p, "credential_source");
        if (source_profile && credential_source)
            return profile_error("profile contained both source_profile and credential_source", name);
        if (credential_source) {
            base = BaseLink{NamedSourceLink{*credential_source}};
        } else if (source_profile) {
            if (*source_profile == name) {
                auto keys = static_keys(*p);
                if (!keys) return profile_error(keys.error().message, name);
                base = BaseLink{std::move(*keys)};
            } else {
                name = *source_profile;
            }
        } else {
            return profile_error("profile must contain `source_profile` or `credential_source` with `role_arn`", name);
        }
    }
    std::reverse(roles.begin(), roles.end());
    return ProfileChain{std::move(*base), std::move(roles)};
}

}  // namespace awsreq::credentials
