// A file's own settings win over the flags'.
wxshim.libVersion = "2.10.4";
console.log("lib", wxshim.libVersion);
