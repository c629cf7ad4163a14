# optibench_add_test(NAME <name> SOURCES <files...> LIBS <targets...> LABELS <labels...>
#                    [ENVIRONMENT <VAR=value...>] [TIMEOUT <seconds>])
# Adds one test executable, registered with CTest under the given labels, so that
# `ctest -L core` or `ctest -L ui` selects a group.
function(optibench_add_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;ENVIRONMENT" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS})
  target_compile_definitions(${T_NAME} PRIVATE
    OPTIBENCH_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    OPTIBENCH_BINARY_DIR="${PROJECT_BINARY_DIR}")
  optibench_set_warnings(${T_NAME})
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT})
  # OpenMP threads that spin between parallel regions starve everything else on a small
  # machine (ctest -j2 on 2 cores): tests run with the passive policy the CLI also uses.
  set_tests_properties(${T_NAME} PROPERTIES ENVIRONMENT "OMP_WAIT_POLICY=PASSIVE;${T_ENVIRONMENT}")
endfunction()

# optibench_add_isa_variants(<test>[=<gtest filter>]...)
# Registers each test again once per CPU instruction-set level, as "<test>@<level>" (with the
# filter, only the GoogleTest cases it selects: the ones whose results depend on the ISA), with
# oneDNN's cap (ONEDNN_MAX_CPU_ISA) and the project's own (OPTIBENCH_MAX_ISA, engine/kernels/cpu_isa.h)
# set, labelled "isa" and "isa-<level>", so every kernel path is tested on a machine that has a
# better one. A level beyond the CPU prints OPTIBENCH_ISA_UNAVAILABLE (tests/engine/isa_guard.cpp)
# and CTest reports the variant as skipped. The tests' own run, with no cap, covers the best
# the machine has (AMX included).
#   level | ONEDNN_MAX_CPU_ISA | the ISA oneDNN then reports | OPTIBENCH_MAX_ISA
set(OPTIBENCH_ISA_LEVELS
  "scalar|SSE41|sse41|scalar"
  "avx2|AVX2|avx2|avx2"
  "avx2-vnni|AVX2_VNNI|avx2_vnni|avx2"
  "avx512|AVX512_CORE|avx512_core|avx512"
  "avx512-vnni|AVX512_CORE_VNNI|avx512_core_vnni|avx512"
  "amx|AVX512_CORE_AMX|avx512_core_amx|avx512")
function(optibench_add_isa_variants)
  foreach(entry ${ARGN})
    string(REPLACE "=" ";" entry_fields "${entry}")
    list(GET entry_fields 0 test)
    set(args "")
    list(LENGTH entry_fields entry_length)
    if(entry_length GREATER 1)
      list(GET entry_fields 1 filter)
      set(args "--gtest_filter=${filter}")
    endif()
    get_test_property(${test} LABELS labels)
    get_test_property(${test} TIMEOUT timeout)
    get_test_property(${test} ENVIRONMENT environment)
    foreach(level ${OPTIBENCH_ISA_LEVELS})
      string(REPLACE "|" ";" fields "${level}")
      list(GET fields 0 name)
      list(GET fields 1 onednn_cap)
      list(GET fields 2 onednn_isa)
      list(GET fields 3 kernels)
      add_test(NAME ${test}@${name} COMMAND ${test} ${args})
      set_tests_properties(${test}@${name} PROPERTIES
        LABELS "${labels};isa;isa-${name}"
        TIMEOUT ${timeout}
        ENVIRONMENT "${environment};ONEDNN_MAX_CPU_ISA=${onednn_cap};OPTIBENCH_TEST_ONEDNN_ISA=${onednn_isa};OPTIBENCH_MAX_ISA=${kernels}"
        SKIP_REGULAR_EXPRESSION "OPTIBENCH_ISA_UNAVAILABLE")
    endforeach()
  endforeach()
endfunction()
