global-incdirs-y += include
srcs-y += vt_test_ta.c
srcs-y += params.c
srcs-y += families.c
srcs-y += props.c
srcs-y += bignum.c
srcs-y += crypto.c
srcs-y += crypto_bench.c
