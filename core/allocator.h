#pragma once
// The forward pass allocates and frees the same few large matrices (a layer's activations, a
// few MB each) again and again. glibc returns such blocks to the system on every free and the
// next allocation faults them in again, page by page: on BERT-base that was 10 – 15 % of a
// forward pass. keepFreedMemory() makes freed blocks stay in the process for reuse (the peak
// is unchanged: the memory held is what was in use at the peak). Called once at start-up.
namespace orderlens {

void keepFreedMemory();

}  // namespace orderlens
