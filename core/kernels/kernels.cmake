# The forward pass's products (product.h): one unit per instruction set, each compiled for it and
# chosen at run time by what the CPU has (x86-64 only; elsewhere Eigen and OpenBLAS do them).
# orderlens_kernel_sources(VAR) sets VAR to the sources and their per-file flags in the calling
# directory (core/ and tests/fuzz/ both build them).
function(orderlens_kernel_sources out)
  set(dir ${PROJECT_SOURCE_DIR}/core/kernels)
  set(sources ${dir}/product_dispatch.cpp)
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|amd64")
    list(APPEND sources ${dir}/product_avx512.cpp ${dir}/product_avx2.cpp)
    # -Wno-uninitialized: GCC 12's own avx512fintrin.h trips it in _mm512_reduce_add_ps.
    set_source_files_properties(${dir}/product_avx512.cpp PROPERTIES COMPILE_OPTIONS
                                "-mavx512f;-mavx512bw;-mavx512vl;-mavx512dq;-mfma;-mf16c;-O3;-Wno-uninitialized")
    set_source_files_properties(${dir}/product_avx2.cpp PROPERTIES COMPILE_OPTIONS "-mavx2;-mfma;-mf16c;-O3")
  endif()
  set(${out} ${sources} PARENT_SCOPE)
endfunction()
