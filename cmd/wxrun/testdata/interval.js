// Never quiet: an interval nobody clears.
setInterval(() => {}, 1000);
