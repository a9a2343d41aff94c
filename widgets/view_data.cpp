#include "view_data.h"

namespace orderlens::widgets {

const HeadRole* SentenceData::headRole(int layer, int head) const
{
    for (const auto& role : headRoles)
        if (role.layer == layer && role.head == head)
            return &role;
    return nullptr;
}

std::vector<const SentenceData*> ViewData::sentences() const
{
    std::vector<const SentenceData*> out{&a};
    if (b)
        out.push_back(&*b);
    return out;
}

}  // namespace orderlens::widgets
