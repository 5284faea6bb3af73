const late = Promise.reject(new Error("handled later"));
setTimeout(() => late.catch(() => {}), 0);
