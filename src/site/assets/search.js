// Search over the names of the graph's entities, in both scripts: what is typed is folded by
// the table that folded the index (search-index.js), the same as `newskg query` folds a name,
// so that نلسون, نيلسون and Nelson find one man. Every word typed must be in one of the names;
// the closest names come first.
(function () {
  "use strict";
  var data = window.NEWSKG_SEARCH;
  var input = document.getElementById("search");
  if (!data || !input) { return; }
  var root = document.body.getAttribute("data-root");
  var lang = document.body.getAttribute("data-lang");
  var folds = {};
  data.folds.forEach(function (f) { folds[f[0]] = f[1]; });
  function dropped(cp) {
    return data.drops.some(function (r) { return cp >= r[0] && cp <= r[1]; });
  }
  function fold(text) {
    var out = "";
    for (var ch of text) {
      if (dropped(ch.codePointAt(0))) { continue; }
      out += folds.hasOwnProperty(ch) ? folds[ch] : ch.toLowerCase();
    }
    return out.split(/\s+/).filter(Boolean);
  }
  var list = document.getElementById("results");
  var none = document.getElementById("no-match");
  function show() {
    var words = fold(input.value);
    list.textContent = "";
    if (words.length === 0) { none.hidden = true; return; }
    var typed = words.join(" ");
    // A name that is what was typed comes first, then one that starts with it, then the rest.
    function rank(e) {
      if (e.names.indexOf(typed) !== -1) { return 0; }
      return e.names.some(function (n) { return n.indexOf(typed) === 0; }) ? 1 : 2;
    }
    var hits = data.entries.filter(function (e) {
      return words.every(function (w) {
        return e.names.some(function (n) { return n.indexOf(w) !== -1; });
      });
    }).map(function (e) { return [rank(e), e]; }).sort(function (a, b) {
      return a[0] - b[0] || (a[1].id < b[1].id ? -1 : a[1].id > b[1].id ? 1 : 0);
    }).map(function (pair) { return pair[1]; });
    hits.forEach(function (e) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + lang + "/entity/" + e.id + ".html";
      link.textContent = lang === "ar" ? e.ar : e.en;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = " (" + (lang === "ar" ? e.type_ar : e.type_en) + ")";
      item.appendChild(link);
      item.appendChild(kind);
      list.appendChild(item);
    });
    none.hidden = hits.length > 0;
  }
  input.addEventListener("input", show);
  show();
}());
