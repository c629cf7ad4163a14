# LibTorch-related switches, computed once after find_package(Torch):
#   optibench::torch        interface target: LibTorch with its compile flags
#   OPTIBENCH_HAVE_CUDA     LibTorch was built with CUDA and CUPTI was found (OPTIBENCH_WITH_CUDA AUTO/ON)
#   OPTIBENCH_HAVE_DNNL     oneDNN's own library and headers are available (Debian: libdnnl-dev);
#                           the engine then calls its GEMMs directly instead of the system BLAS.
add_library(optibench_torch INTERFACE)
add_library(optibench::torch ALIAS optibench_torch)
target_link_libraries(optibench_torch INTERFACE ${TORCH_LIBRARIES})
# TORCH_CXX_FLAGS carries the ABI definition LibTorch was built with.
separate_arguments(_optibench_torch_flags UNIX_COMMAND "${TORCH_CXX_FLAGS}")
target_compile_options(optibench_torch INTERFACE ${_optibench_torch_flags})
# ATen's at::parallel_for is a header template: compiled without OpenMP (no _OPENMP), every
# parallel_for in the project's own kernels (attention heads, int8 GEMM epilogues, bias rows)
# runs on one thread, and the oneDNN calls inside it each start their own team for a small
# product. LibTorch's parallel backend here is OpenMP (at::get_parallel_info()), so the
# project's code must be compiled and linked with it too.
find_package(OpenMP)
if(OpenMP_CXX_FOUND)
  target_link_libraries(optibench_torch INTERFACE OpenMP::OpenMP_CXX)
else()
  message(WARNING "No OpenMP for the C++ compiler: the engine's own parallel loops run on one thread.")
endif()

set(_torch_has_cuda OFF)
if(TARGET torch_cuda OR TORCH_CUDA_LIBRARIES)
  set(_torch_has_cuda ON)
endif()

set(OPTIBENCH_HAVE_CUDA OFF)
if(OPTIBENCH_WITH_CUDA STREQUAL "ON" AND NOT _torch_has_cuda)
  message(FATAL_ERROR "OPTIBENCH_WITH_CUDA=ON but this LibTorch (${Torch_DIR}) has no CUDA support; "
                      "point Torch_DIR at a CUDA build of LibTorch.")
endif()
if(_torch_has_cuda AND NOT OPTIBENCH_WITH_CUDA STREQUAL "OFF")
  find_package(CUDAToolkit)
  if(TARGET CUDA::cupti)
    set(OPTIBENCH_HAVE_CUDA ON)
  elseif(OPTIBENCH_WITH_CUDA STREQUAL "ON")
    message(FATAL_ERROR "OPTIBENCH_WITH_CUDA=ON but CUPTI was not found in the CUDA toolkit.")
  else()
    message(WARNING "LibTorch has CUDA but CUPTI was not found: CUDA runs work, kernel tracing is off.")
  endif()
endif()

set(OPTIBENCH_HAVE_DNNL OFF)
find_path(DNNL_INCLUDE_DIR dnnl.h)
find_library(DNNL_LIBRARY NAMES dnnl)
if(DNNL_INCLUDE_DIR AND DNNL_LIBRARY)
  set(OPTIBENCH_HAVE_DNNL ON)
endif()
mark_as_advanced(DNNL_INCLUDE_DIR DNNL_LIBRARY)
