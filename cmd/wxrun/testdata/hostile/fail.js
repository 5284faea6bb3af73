// Must fail: wxrun.fail(), a moment after the start.
setTimeout(() => wxrun.fail("must fail: wxrun.fail()"), 20);
