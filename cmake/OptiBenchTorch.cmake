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
