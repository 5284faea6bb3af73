console.log("ok", 1, { a: [1, 2] });
