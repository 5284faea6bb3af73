// Never settles: a top-level await on a promise nothing resolves.
await new Promise(() => {});
