// The query page of a site that newskg serve serves: each form asks the server (a canned
// question at queries/NAME, any SPARQL at query, by the SPARQL 1.1 Protocol) for JSON results
// and shows them as a table. Values are set as text, never as markup.
(function () {
  "use strict";
  var asking = document.getElementById("asking").textContent;
  var noRows = document.getElementById("no-rows").textContent;
  function show(result, answer) {
    result.textContent = "";
    if (answer.boolean !== undefined) {
      result.textContent = String(answer.boolean);
      return;
    }
    var rows = answer.results.bindings;
    if (rows.length === 0) { result.textContent = noRows; return; }
    var wrap = document.createElement("div");
    wrap.className = "table";
    var table = document.createElement("table");
    var head = table.createTHead().insertRow();
    answer.head.vars.forEach(function (v) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = v.replace(/_/g, " ");
      head.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      answer.head.vars.forEach(function (v) {
        tr.insertCell().textContent = row[v] ? row[v].value : "";
      });
    });
    wrap.appendChild(table);
    result.appendChild(wrap);
  }
  function ask(form, request) {
    var result = form.nextElementSibling;
    result.textContent = asking;
    request.headers = {"Accept": "application/sparql-results+json"};
    fetch(request.url, request).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (t) { throw new Error(response.status + ": " + t); });
      }
      return response.json();
    }).then(function (answer) { show(result, answer); }, function (error) {
      result.textContent = error.message;
      result.className = "result error";
    });
  }
  document.querySelectorAll("form.canned").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var params = new URLSearchParams(new FormData(form));
      params.set("lang", form.dataset.lang);
      ask(form, {url: form.dataset.action + "?" + params.toString(), method: "GET"});
    });
  });
  document.querySelectorAll("form.sparql").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      ask(form, {url: form.dataset.action, method: "POST", body: new URLSearchParams(new FormData(form))});
    });
  });
}());
