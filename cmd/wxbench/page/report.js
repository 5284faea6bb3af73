// report sends one result to the bench server, which prints the table.
function report(o) {
  return fetch("/report", { method: "POST", body: JSON.stringify(o) });
}
