# metatable_add_core_area(NAME Sdk SOURCES ... LIBS ...)
# Each folder of core/ is one static library (metatable_core_<area>, alias Metatable::Core<Name>),
# so the layers inside core are enforced by the linker too: an area only sees what it links.
function(metatable_add_core_area)
    cmake_parse_arguments(A "" "NAME" "SOURCES;LIBS" ${ARGN})
    string(TOLOWER ${A_NAME} lower)
    set(target metatable_core_${lower})
    qt_add_library(${target} STATIC ${A_SOURCES})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${target} PUBLIC ${A_LIBS} PRIVATE Metatable::Warnings)
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    add_library(Metatable::Core${A_NAME} ALIAS ${target})
    set_property(GLOBAL APPEND PROPERTY METATABLE_CORE_AREAS ${target})
endfunction()
