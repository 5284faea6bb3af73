// Throws in a FileReader's load event (issue 19, item 4).
const r = new FileReader();
r.onload = () => { throw new Error("after a FileReader read of " + r.result.byteLength + " bytes"); };
r.readAsArrayBuffer(new Blob([new Uint8Array(32 << 20)]));
