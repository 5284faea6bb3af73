  // raiseAfter raises kind for S after ms: the connect timeout, or 0 for an
  // error that must reach listeners registered after connectSocket returns.
  // A browser timer wraps above 2^31-1 ms (3e9 fires after 8 ms), so a long
  // wait is a chain of shorter ones aimed at one deadline.
  const MAX_TIMER = 0x7fffffff;
  glue.raiseAfter = function (S, kind, ms) {
    clearTimeout(S.timer);
    S.due = performance.now() + ms;
    const arm = () => {
      const left = S.due - performance.now();
      if (left > MAX_TIMER) { S.timer = setTimeout(arm, MAX_TIMER); return; }
      S.timer = setTimeout(() => { S.due = 0; bridge.event(S.id, kind, 0, "", false); }, Math.max(0, left));
    };
    arm();
  };
  function disarm(S) { clearTimeout(S.timer); S.due = 0; }
