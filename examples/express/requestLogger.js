// The classic closure-capture leak. The factory runs once; the middleware it returns runs on every
// request and appends to `entries`, which lives in the factory's closure as long as the app does.
// Nothing ever removes an entry, so the heap grows with traffic until the process dies.
function requestLogger() {
  const entries = [];
  return function logRequest(req, res, next) {
    entries.push({ at: Date.now(), method: req.method, url: req.url, headers: req.headers });
    next();
  };
}

module.exports = { requestLogger };
