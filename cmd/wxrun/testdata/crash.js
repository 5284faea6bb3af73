// Fills the heap until the renderer dies (the test gives it a small heap).
const keep = [];
for (;;) keep.push(new Array(1e6).fill(keep.length));
