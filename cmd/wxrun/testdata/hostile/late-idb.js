// Throws after an IndexedDB read (issue 19, item 4), in the request's
// success handler.
const open = indexedDB.open("late", 1);
open.onupgradeneeded = () => open.result.createObjectStore("s");
open.onsuccess = () => {
  const db = open.result;
  const tx = db.transaction("s", "readwrite");
  tx.objectStore("s").put("v", "k");
  tx.oncomplete = () => {
    const get = db.transaction("s").objectStore("s").get("k");
    get.onsuccess = () => { throw new Error("after an IndexedDB read: " + get.result); };
  };
};
