#include <awsreq/core/error.hpp>

namespace awsreq {

std::string Error::to_string() const {
    std::string s = type.empty() ? std::string("Error") : type;
    s += ": ";
    s += message;
    if (!file.empty()) {
        s += " (";
        s += file;
        if (line > 0) s += ":" + std::to_string(line);
        s += ")";
    } else if (line > 0) {
        s += " (line " + std::to_string(line) + ")";
    }
    return s;
}

Error make_error(std::string type, std::string message, std::string field) {
    Error e;
    e.type = std::move(type);
    e.message = std::move(message);
    e.field = std::move(field);
    return e;
}

Exception::Exception(Error e) : std::runtime_error(e.to_string()), error_(std::move(e)) {}

}  // namespace awsreq
