// The fixed twin: the same log, but it keeps only the most recent entries, so memory stays flat.
const MAX_ENTRIES = 1000;

function boundedRequestLogger() {
  const entries = [];
  return function logRequest(req, res, next) {
    entries.push({ at: Date.now(), method: req.method, url: req.url, headers: req.headers });
    if (entries.length > MAX_ENTRIES) entries.shift();
    next();
  };
}

module.exports = { boundedRequestLogger };
