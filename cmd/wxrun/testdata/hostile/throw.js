// Must fail: a top-level throw.
throw new Error("must fail: a top-level throw");
