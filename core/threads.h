#pragma once
// Eigen's products use OpenMP threads when Eigen judges a product big enough. For the tiny
// built-in models its rule still splits a few products in two, and on a busy machine the
// hand-off then costs a hundred times the product. SerialEigen makes the products of the
// calling thread serial for its lifetime (omp_set_num_threads is per thread, so other threads,
// e.g. a BERT forward pass running in the background, keep both cores).
#include <omp.h>

namespace orderlens {

class SerialEigen {
public:
    explicit SerialEigen(bool enabled = true) : previous_(omp_get_max_threads()), enabled_(enabled)
    {
        if (enabled_)
            omp_set_num_threads(1);
    }
    ~SerialEigen()
    {
        if (enabled_)
            omp_set_num_threads(previous_);
    }
    SerialEigen(const SerialEigen&) = delete;
    SerialEigen& operator=(const SerialEigen&) = delete;

private:
    int previous_;
    bool enabled_;
};

}  // namespace orderlens
