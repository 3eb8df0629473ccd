// Two expectations on a loop counter; the second one is out of its scope.
//
// RUN: %dexter_regression_test_build %s -o %t
// RUN: not %dexter_regression_test_run --binary %t -- %s | FileCheck %s
// CHECK: expect_watch_value.cpp:

int main()
{
    for (int i = 0; i < 3; ++i)
        int a = i; // DexLabel('loop')
    return 0;  // DexLabel('ret')
}

// DexExpectWatchValue('i', '0', '1', '2', on_line=ref('loop'))
// DexExpectWatchValue('i', '3', on_line=ref('ret'))
