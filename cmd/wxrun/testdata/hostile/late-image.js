// Throws after an image encode and decode (issue 19, item 4).
(async () => {
  const canvas = new OffscreenCanvas(2000, 2000);
  const ctx = canvas.getContext("2d");
  for (let i = 0; i < 200; i++) { ctx.fillStyle = "#" + (i * 40503).toString(16).padStart(6, "0").slice(-6); ctx.fillRect(i * 10, i * 7, 300, 300); }
  const blob = await canvas.convertToBlob({ type: "image/png" });
  const img = new Image();
  img.src = URL.createObjectURL(blob);
  await img.decode();
  throw new Error("after an image decode: " + img.naturalWidth);
})();
