#pragma once
// The per-token semantic roles the built-in models predict.
#include <string>

namespace orderlens {

enum class Role { Agent = 0, Action = 1, Patient = 2, Other = 3 };
constexpr int kRoleCount = 4;

inline std::string roleName(int role)  // stable English key used in JSON
{
    static const char* names[] = {"AGENT", "ACTION", "PATIENT", "OTHER"};
    return role >= 0 && role < kRoleCount ? names[role] : "OTHER";
}
inline std::string roleLabelZh(int role)
{
    static const char* names[] = {"施事", "动作", "受事", "其他"};
    return role >= 0 && role < kRoleCount ? names[role] : "其他";
}

}  // namespace orderlens
