# Project-wide compiler settings and helpers for libraries, tests, fuzzers and benchmarks.

function(otadesk_setup_compiler)
    add_compile_definitions(
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_CAST_FROM_BYTEARRAY
        QT_NO_URL_CAST_FROM_STRING QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_NO_FOREACH QT_NO_KEYWORDS QT_USE_QSTRINGBUILDER
        QT_DISABLE_DEPRECATED_BEFORE=0x060400)
    add_compile_options(-Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wcast-align
                        -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        add_compile_options(-Wshadow=local) # GCC only; clang (the fuzz build) does not know it
    endif()
    if(OTADESK_WERROR)
        add_compile_options(-Werror)
    endif()
    if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 16)
        # libstdc++ hides <expected> from clang < 16 (e.g. the clang 14 used for libFuzzer): use the small
        # stand-in in cmake/compat instead.
        include_directories(BEFORE SYSTEM "${PROJECT_SOURCE_DIR}/cmake/compat")
    endif()
    if(OTADESK_FUZZ)
        add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
        add_link_options(-fsanitize=address,undefined)
    endif()
    if(OTADESK_SANITIZE)
        add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
        add_link_options(-fsanitize=address,undefined)
    endif()
    find_program(CCACHE_PROGRAM ccache)
    if(CCACHE_PROGRAM)
        set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}" PARENT_SCOPE)
    endif()
endfunction()

# otadesk_add_library(name SOURCES ... [PUBLIC_LIBS ...] [PRIVATE_LIBS ...])
function(otadesk_add_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}")
    target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
    set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()

# otadesk_add_test(name SOURCES ... LIBS ... [LABELS ...])
# One Qt Test executable per unit, registered with CTest. Tests run from the repository root so that
# ../shared/testdata resolves as documented; OTADESK_TESTDATA points there as well.
function(otadesk_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    target_compile_definitions(${name} PRIVATE
        OTADESK_TESTDATA="${PROJECT_SOURCE_DIR}/../shared/testdata"
        OTADESK_BINARY_DIR="${PROJECT_BINARY_DIR}")
    add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8"
        LABELS "${ARG_LABELS}")
endfunction()

# otadesk_add_fuzzer(name SOURCE file LIBS ...)
# With OTADESK_FUZZ (clang): a libFuzzer binary. Always: a replay binary that runs the target over a corpus
# directory and a bounded stream of pseudo-random mutations, registered as a CTest test.
function(otadesk_add_fuzzer name)
    cmake_parse_arguments(ARG "" "SOURCE;CORPUS" "LIBS" ${ARGN})
    add_executable(${name}_replay ${ARG_SOURCE} "${PROJECT_SOURCE_DIR}/tests/fuzz/FuzzReplayMain.cpp")
    target_link_libraries(${name}_replay PRIVATE ${ARG_LIBS})
    add_test(NAME ${name}_replay COMMAND ${name}_replay "${ARG_CORPUS}" 20000
             WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
    set_tests_properties(${name}_replay PROPERTIES TIMEOUT 300 LABELS fuzz)
    if(OTADESK_FUZZ)
        # scripts/test seeds the short libFuzzer run from this folder.
        file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/${name}.corpus" "${ARG_CORPUS}")
        add_executable(${name} ${ARG_SOURCE})
        target_link_options(${name} PRIVATE -fsanitize=fuzzer)
        target_link_libraries(${name} PRIVATE ${ARG_LIBS})
    endif()
endfunction()

# otadesk_add_benchmark(name SOURCES ... LIBS ...): built with the normal build, never run as a timed test.
function(otadesk_add_benchmark name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_LIBS})
endfunction()
