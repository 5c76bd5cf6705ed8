global-incdirs-y += include
srcs-y += sha_ta.c
