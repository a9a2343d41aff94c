#pragma once
// Eigen's products use OpenMP threads when Eigen judges a product big enough. For the tiny
// built-in models its rule still splits a few products in two, and on a busy machine the
// hand-off then costs a hundred times the product. SerialEigen makes the products of the
// calling thread serial for its lifetime (omp_set_num_threads is per thread, so other threads,
// e.g. a BERT forward pass running in the background, keep both cores).
#include <omp.h>

#include <exception>
#include <vector>

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

// work(i) for i in [0, n): one per OpenMP thread when `parallel`, else in order on this thread.
// An exception must not leave an OpenMP region, so each is carried out and the first (by i)
// rethrown here.
template <class Work>
void parallelFor(int n, bool parallel, const Work& work)
{
    std::vector<std::exception_ptr> failures(static_cast<size_t>(n > 0 ? n : 0));
#pragma omp parallel for schedule(dynamic) if (parallel && n > 1 && !omp_in_parallel())
    for (int i = 0; i < n; ++i) {
        try {
            work(i);
        } catch (...) {
            failures[static_cast<size_t>(i)] = std::current_exception();
        }
    }
    for (const std::exception_ptr& failure : failures)
        if (failure)
            std::rethrow_exception(failure);
}

}  // namespace orderlens
