// Throws after awaiting a Blob read (issue 19, item 4).
(async () => {
  const b = await new Blob([new Uint8Array(32 << 20)]).arrayBuffer();
  throw new Error("after a Blob read of " + b.byteLength + " bytes");
})();
