# Included by cmake/EmbedData.cmake and cmake/EmbedFiles.cmake (script mode).
# netvet_embed_literal(PATH OUT): sets OUT to the C++ expression for the file's text: raw
# string literals of at most 16,000 characters each, concatenated by the compiler (GCC
# takes longer ones, but modest literals keep other compilers happy), or "" when empty.
function(netvet_embed_literal path out)
  file(READ "${path}" content)
  string(FIND "${content}" ")netvet_embed\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "netvet_embed_literal: ${path} contains the raw-string delimiter")
  endif()
  string(LENGTH "${content}" len)
  set(chunks "")
  set(pos 0)
  while(pos LESS len)
    string(SUBSTRING "${content}" ${pos} 16000 part)
    string(APPEND chunks "R\"netvet_embed(${part})netvet_embed\"\n")
    math(EXPR pos "${pos} + 16000")
  endwhile()
  if(len EQUAL 0)
    set(chunks "\"\"")
  endif()
  set(${out} "${chunks}" PARENT_SCOPE)
endfunction()
