// SPDX-License-Identifier: MIT
#include "copytext.h"

namespace Core::Run {

namespace {

// The byte needs escaping (or refusing). A table beats four comparisons per byte.
struct Special
{
    bool table[256] = {};
    constexpr Special()
    {
        table[static_cast<unsigned char>('\\')] = true;
        table[static_cast<unsigned char>('\t')] = true;
        table[static_cast<unsigned char>('\n')] = true;
        table[static_cast<unsigned char>('\r')] = true;
        table[0] = true;
    }
};
constexpr Special special;

} // namespace

bool appendCopyText(std::string &out, std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size() && !special.table[static_cast<unsigned char>(text[i])])
        ++i;
    if (i == text.size()) {
        out.append(text);
        return true;
    }
    if (text.find('\0', i) != std::string_view::npos)
        return false;
    out.append(text.substr(0, i));
    for (; i < text.size(); ++i) {
        switch (const char c = text[i]) {
        case '\\':
            out.append("\\\\");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        default:
            out.push_back(c);
        }
    }
    return true;
}

} // namespace Core::Run
