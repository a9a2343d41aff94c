#pragma once
// The five shipped models (resources/models/<scheme>.safetensors), each loaded once per test binary.
#include "model.h"

#include <map>
#include <string>

namespace orderlens::testing {

inline const Model& shipped(const std::string& scheme)
{
    static std::map<std::string, Model> cache;
    auto it = cache.find(scheme);
    if (it == cache.end())
        it = cache.emplace(scheme, Model::load(std::string(ORDERLENS_SOURCE_DIR) + "/resources/models/" + scheme +
                                               ".safetensors"))
                 .first;
    return it->second;
}

}  // namespace orderlens::testing
