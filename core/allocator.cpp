#include "allocator.h"

#include <cstddef>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace orderlens {

void keepFreedMemory()
{
#if defined(__GLIBC__)
    // Blocks up to 32 MiB (the most glibc allows; it ignores more) come from the heap, not a fresh
    // mapping each, and the heap's top is given back only when 1 GiB lies free there. (Setting
    // either turns off glibc's own adjustment of both, so both are set.)
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

}  // namespace orderlens
