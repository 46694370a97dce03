# Embeds text files (SQL migrations, HTML templates, the OpenAPI document) into a generated C++
# source, so the binary is self-contained and never reads them from disk while serving.
# ofpra_embed(TARGET name NAMESPACE ns FILES a b ...) defines, in namespace ns,
#   std::span<const EmbeddedFile> files();  with EmbeddedFile{name, content}.
function(ofpra_embed)
  cmake_parse_arguments(E "" "TARGET;NAMESPACE;HEADER" "FILES" ${ARGN})
  set(out_cpp ${CMAKE_CURRENT_BINARY_DIR}/${E_TARGET}_embedded.cpp)
  set(inputs)
  foreach(f ${E_FILES})
    get_filename_component(abs ${f} ABSOLUTE)
    list(APPEND inputs ${abs})
  endforeach()
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DNS=${E_NAMESPACE} -DHEADER=${E_HEADER}
            "-DINPUTS=${inputs}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${inputs} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    VERBATIM)
  add_library(${E_TARGET} STATIC ${out_cpp})
  target_include_directories(${E_TARGET} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${E_TARGET} PRIVATE ofpra_warnings)
endfunction()
