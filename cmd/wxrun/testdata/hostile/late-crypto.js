// Throws after awaiting RSA key generation (issue 19, item 4).
(async () => {
  await crypto.subtle.generateKey({ name: "RSA-OAEP", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true, ["encrypt", "decrypt"]);
  throw new Error("after RSA key generation");
})();
