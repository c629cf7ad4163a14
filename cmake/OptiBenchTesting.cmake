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
