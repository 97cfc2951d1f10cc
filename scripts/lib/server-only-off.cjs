// The CommonJS half of scripts/lib/server-only-off.mjs (see there): `require("server-only")` gets
// the package's empty entry. Loaded alone by Playwright's config, whose TypeScript loader requires.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, required before any module it serves */
const Module = require("node:module");
const path = require("node:path");

const EMPTY = path.join(__dirname, "../../node_modules/server-only/empty.js");
const resolveFilename = Module._resolveFilename;
if (!resolveFilename.serverOnlyOff) {
  Module._resolveFilename = function (request, ...rest) {
    return request === "server-only" ? EMPTY : resolveFilename.call(this, request, ...rest);
  };
  Module._resolveFilename.serverOnlyOff = true;
}
