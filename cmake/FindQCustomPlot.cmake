# Finds QCustomPlot built for Qt 6 and provides the imported target QCustomPlot::QCustomPlot.
# Debian: libqcustomplot2.1-qt6 (library, with a CMake config) and libqcustomplot-dev (header).
# Find Qt6 Widgets and PrintSupport before this module.
include(FindPackageHandleStandardArgs)

find_package(QCustomPlotQt6 CONFIG QUIET)
find_path(QCustomPlot_INCLUDE_DIR qcustomplot.h PATH_SUFFIXES qcustomplot)
if(TARGET QCustomPlotQt6::QCustomPlotQt6)
  set(QCustomPlot_LIBRARY QCustomPlotQt6::QCustomPlotQt6)
else()
  find_library(QCustomPlot_LIBRARY NAMES qcustomplot-qt6 QCustomPlotQt6 qcustomplot)
endif()

find_package_handle_standard_args(QCustomPlot REQUIRED_VARS QCustomPlot_LIBRARY QCustomPlot_INCLUDE_DIR)

if(QCustomPlot_FOUND AND NOT TARGET QCustomPlot::QCustomPlot)
  add_library(QCustomPlot::QCustomPlot INTERFACE IMPORTED)
  target_link_libraries(QCustomPlot::QCustomPlot INTERFACE ${QCustomPlot_LIBRARY} Qt6::Widgets Qt6::PrintSupport)
  target_include_directories(QCustomPlot::QCustomPlot INTERFACE ${QCustomPlot_INCLUDE_DIR})
  target_compile_definitions(QCustomPlot::QCustomPlot INTERFACE QCUSTOMPLOT_USE_LIBRARY)
endif()
mark_as_advanced(QCustomPlot_INCLUDE_DIR QCustomPlot_LIBRARY)
