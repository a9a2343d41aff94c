#pragma once
// "Finishes within a generous bound" for tests of hostile sizes: runs `work` on a thread and, if
// it has not finished after `seconds`, fails and ends the test program at once (a quadratic or
// cubic loop would otherwise run for hours; ctest reports the failure).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <string>
#include <thread>

template <class Work>
void finishesWithin(double seconds, const std::string& what, Work work)
{
    std::packaged_task<void()> task(std::move(work));
    std::future<void> done = task.get_future();
    std::thread runner(std::move(task));
    if (done.wait_for(std::chrono::duration<double>(seconds)) != std::future_status::ready) {
        std::fprintf(stderr, "FAILED: %s did not finish within %.1f s\n", what.c_str(), seconds);
        std::fflush(stderr);
        std::_Exit(1);
    }
    runner.join();
    done.get();  // rethrows what the work threw
}
