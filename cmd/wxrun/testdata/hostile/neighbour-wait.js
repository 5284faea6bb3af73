// The file beside neighbour-read.js (-p 2): it holds its page open for a
// while, with its relay secret in it.
setTimeout(() => wxrun.pass(), 4000);
