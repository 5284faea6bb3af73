// Throws after awaiting the Cache API (issue 19, item 4).
(async () => {
  const cache = await caches.open("late");
  await cache.put("/late", new Response("x".repeat(1 << 20)));
  const res = await cache.match("/late");
  await res.text();
  throw new Error("after a cache read");
})();
