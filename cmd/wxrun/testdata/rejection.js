// An unhandled rejection fails the file; one handled later does not.
const late = Promise.reject(new Error("handled later"));
setTimeout(() => late.catch(() => {}), 0);
Promise.reject(new Error("never handled"));
