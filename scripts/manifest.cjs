// The add-in manifest's URLs: development serves from https://localhost:3000/; a production build rewrites
// every URL to the address given in ADDIN_URL. Used by webpack.config.js and by the manifest test.
"use strict";

const DEV_URL = "https://localhost:3000/";

/** Normalises an address to end with exactly one slash. */
function baseUrl(url) {
  return url.replace(/\/*$/, "/");
}

function rewriteManifest(xml, url) {
  const base = baseUrl(url);
  const devOrigin = new URL(DEV_URL).origin;
  // Full URLs first, then the bare origin (AppDomain).
  return xml.split(DEV_URL).join(base).split(devOrigin).join(new URL(base).origin);
}

module.exports = { DEV_URL, baseUrl, rewriteManifest };
