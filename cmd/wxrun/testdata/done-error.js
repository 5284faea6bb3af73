setTimeout(() => wxrun.done(new Error("done with an error")), 10);
