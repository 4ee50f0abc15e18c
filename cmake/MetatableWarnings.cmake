# Warnings and defines shared by every first-party target (linked PRIVATE).
add_library(metatable_warnings INTERFACE)
target_compile_options(metatable_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
    -Wcast-qual -Wformat=2 -Wimplicit-fallthrough
    # GCC 12 at -O2 reports impossible overlaps inside libstdc++'s std::string copies
    # (GCC bug 105329); the warning says nothing about our code there.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
target_compile_definitions(metatable_warnings INTERFACE
    QT_NO_CAST_TO_ASCII QT_RESTRICTED_CAST_FROM_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)
add_library(Metatable::Warnings ALIAS metatable_warnings)
