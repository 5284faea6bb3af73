// Prints the settings in force, as the shim hands them out.
console.log(JSON.stringify({
  lib: wxshim.libVersion,
  urlCheck: wxshim.urlCheck,
  domains: wxshim.socketDomains,
  requestDomains: wxshim.requestDomains,
  timeout: wxshim.networkTimeout,
}));
